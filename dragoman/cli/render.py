"""Rich rendering for the CLI: progress, summaries, tables and the document report."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TextIO

from rich.console import Console, Group
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from dragoman.batch import IngestSummary, Outcome
from dragoman.corpus.actors import Merge
from dragoman.corpus.dyads import DyadSeries
from dragoman.corpus.graph import DyadTotal
from dragoman.dossier import Dossier
from dragoman.record import Event, FramingSpan, Record
from dragoman.store import ActorSummary, DocumentSummary, EventRow, FramingRow, FramingSummary

#: Styles of the highlighted spans in ``dragoman show`` (and of the trigger in ``dragoman events``).
ENTITY_STYLE = "bold cyan"
TIMEX_STYLE = "bold magenta"
EVENT_SENTENCE_STYLE = "underline"
TRIGGER_STYLE = "bold black on yellow"

#: Framing spans are marked by a background, which the foreground styles of entities and time
#: expressions do not hide: green where the span praises its target, red where it attacks it.
FRAMING_STYLE = "italic white on grey30"
FRAMING_POLARITY_STYLES = {"positive": "italic white on dark_green", "negative": "italic white on dark_red"}

#: Factualities other than plain assertion, in a colour that makes them hard to miss.
FACTUALITY_STYLES = {"attributed": "yellow", "hypothetical": "magenta", "future": "blue", "negated": "red"}

#: Columns of ``dragoman events --format csv``; several actors in one cell are joined by ``;``.
EVENT_CSV_COLUMNS = (
    "doc_id", "idx", "doc_date", "date", "date_precision", "type", "mode", "context", "cameo", "intensity",
    "source", "source_names", "target", "target_names", "factuality", "attributed_to", "attributed_actor",
    "confidence", "location", "location_name", "trigger_start", "trigger_end", "trigger_text",
    "sentence_start", "sentence_end", "sentence_text", "doc_title", "cluster_id", "reports", "sources",
)  # fmt: skip


#: Columns of ``dragoman framing --format csv``.
FRAMING_CSV_COLUMNS = (
    "doc_id", "idx", "doc_date", "technique", "target", "target_name", "polarity", "confidence",
    "start", "end", "text", "context_start", "context", "doc_title",
)  # fmt: skip

#: Columns of ``dragoman framing --summary --format csv``: a row per technique (``id`` the
#: technique, ``spans`` its count), then a row per target actor (``spans`` = praise + attack).
FRAMING_SUMMARY_CSV_COLUMNS = ("group", "id", "name", "spans", "praise", "attack")


@contextmanager
def ingest_progress(console: Console, *, disable: bool = False) -> Iterator[Callable[[Outcome], None]]:
    """A progress display for a stream of unknown length; yields a function to call per outcome."""
    progress = Progress(
        SpinnerColumn(),
        TextColumn("[progress.description]{task.description}"),
        BarColumn(bar_width=None),
        TextColumn("{task.completed} documents"),
        TimeElapsedColumn(),
        console=console,
        disable=disable,
        transient=True,
    )
    with progress:
        task = progress.add_task("ingesting", total=None)

        def advance(outcome: Outcome) -> None:
            progress.update(task, advance=1, description=f"ingesting {outcome.origin}")

        yield advance


def ingest_summary(console: Console, summary: IngestSummary, totals: dict[str, int], db: str) -> None:
    """The closing table of ``dragoman ingest``: this run's outcomes, failures, the store's totals."""
    run = Table(title="this run", show_header=True, header_style="bold")
    for column in ("ingested", "updated", "unchanged", "failed"):
        run.add_column(column, justify="right")
    run.add_row(*(str(summary.counts.get(c, 0)) for c in ("ingested", "updated", "unchanged", "failed")))
    console.print(run)
    if summary.failures:
        failed = Table(title="failed inputs", show_header=True, header_style="bold red")
        failed.add_column("input", overflow="fold")
        failed.add_column("reason", overflow="fold")
        for outcome in summary.failures:
            failed.add_row(Text(outcome.where), Text(outcome.reason or ""))
        console.print(failed)
    store = Table(title=f"store {db}", show_header=True, header_style="bold")
    columns = ("documents", "coded", "entities", "actors", "events", "reports", "timexes", "framing")
    for column in columns:
        store.add_column(column, justify="right")
    store.add_row(*(str(totals.get(c, 0)) for c in columns))
    console.print(store)


def document_table(console: Console, rows: list[DocumentSummary], total: int) -> None:
    """The ``dragoman docs`` listing."""
    # Borderless, one space of padding: fits 80 columns with the title the only column cut short.
    table = Table(title=f"{len(rows)} of {total} documents", header_style="bold", box=None, padding=(0, 1))
    table.add_column("id", no_wrap=True)
    table.add_column("date", no_wrap=True)
    table.add_column("lang", no_wrap=True)
    table.add_column("title", no_wrap=True, overflow="ellipsis", max_width=18)
    for column in ("entities", "timexes", "events"):
        table.add_column(column, justify="right", no_wrap=True)
    for row in rows:
        lang = row.language or "?"
        table.add_row(
            Text(short_id(row.id)),
            row.date or "",
            Text(lang if row.coded else f"{lang}*"),
            Text((row.title or "")[:80]),
            str(row.entities),
            str(row.timexes),
            str(row.events),
        )
    console.print(table)
    if any(not row.coded for row in rows):
        console.print("* not English: stored, not coded")


def actor_table(console: Console, rows: list[ActorSummary]) -> None:
    """The ``dragoman actors`` listing."""
    table = Table(title=f"{len(rows)} actors", header_style="bold", box=None, padding=(0, 1))
    table.add_column("id", no_wrap=True, max_width=24, overflow="ellipsis")
    table.add_column("name", no_wrap=True, max_width=28, overflow="ellipsis")
    for column in ("kind", "country", "sector"):
        table.add_column(column, no_wrap=True)
    for column in ("mentions", "docs"):
        table.add_column(column, justify="right", no_wrap=True, min_width=len(column))
    for row in rows:
        table.add_row(
            Text(row.id), Text(row.name), row.kind or "", row.country or "", row.sector or "",
            str(row.mentions), str(row.documents),
        )  # fmt: skip
    console.print(table)


def actor_dossier(console: Console, dossier: Dossier) -> None:
    """The ``dragoman actor ID`` report."""
    a = dossier.actor
    meta = Table.grid(padding=(0, 2))
    meta.add_column(style="bold")
    meta.add_column()
    for label, value in (
        ("id", a.id), ("name", a.name), ("kind", a.kind), ("country", a.country), ("sector", a.sector),
        ("knowledge base", a.kb_id or "not in the KB (found in the corpus only)"),
        ("mentions", f"{a.mentions} in {a.documents} documents"),
    ):  # fmt: skip
        meta.add_row(label, Text(value or "—"))
    console.print(meta)
    if dossier.aliases:
        console.print(Text("also known as: " + ", ".join(dossier.aliases[:12])))
    if dossier.names:
        console.print(
            Text("named in the corpus as: " + ", ".join(f"{n} ({c})" for n, c in dossier.names[:12]))
        )
    if dossier.offices:
        offices = _table("offices (knowledge base)", ("role", "of", "from", "until", "source"))
        for o in dossier.offices[-15:]:
            until = str(o.end or "") + (" ?" if o.uncertain else "")
            offices.add_row(o.role or (o.code or ""), o.of, str(o.start or ""), until, Text(o.source[:40]))
        console.print(offices)
    if dossier.mentions:
        mentions = _table("mentions", ("document", "date", "how", "context"))
        for m in dossier.mentions:
            mentions.add_row(
                Text(m.doc_id[:14]),
                m.doc_date or "",
                f"{m.via} {m.confidence:.2f}",
                _context(m.sentence, m.text),
            )
        console.print(mentions)
    if dossier.partners:
        partners = _table(
            "partners (asserted events, either direction)",
            ("actor", "events", "reports", "cooperation", "conflict", "score"),
        )
        for p in dossier.partners:
            partners.add_row(
                Text(f"{p.b_name} ({p.b})"), str(p.events), str(p.reports), str(p.cooperation),
                str(p.conflict), f"{p.score:+.1f}",
            )  # fmt: skip
        console.print(partners)
    if dossier.timeline:
        title = "timeline (events, any factuality)"
        events = Table(title=title, header_style="bold", box=None, padding=(0, 1))
        events.add_column("date", no_wrap=True)
        events.add_column("type", max_width=12)
        events.add_column("factuality", max_width=14)
        events.add_column("reports", justify="right")
        events.add_column("source → target · sentence", ratio=1)
        for row, reports in dossier.timeline:
            e = row.event
            parties = f"{', '.join(row.source_names) or '?'} → {', '.join(row.target_names) or '?'}"
            events.add_row(
                e.date or row.doc_date or "", e.type, _factuality(e.factuality, e.attributed_to),
                str(reports), Group(Text(parties, style="bold"), trigger_in_sentence(row)),
            )  # fmt: skip
        console.print(events)


def _table(title: str, columns: tuple[str, ...]) -> Table:
    """A titled table with bold headers and these columns."""
    table = Table(title=title, header_style="bold")
    for column in columns:
        table.add_column(column)
    return table


def _context(window: str, surface: str) -> Text:
    """The context window with the mention in bold (its first occurrence after the left context)."""
    text = Text(" ".join(window.split()))
    at = text.plain.find(surface, max(0, len(text.plain) // 2 - len(surface) - 80))
    if at >= 0:
        text.stylize("bold", at, at + len(surface))
    return text


def document_report(console: Console, record: Record) -> None:
    """The ``dragoman show`` report: metadata, the text with spans marked, then the spans listed."""
    meta = Table.grid(padding=(0, 2))
    meta.add_column(style="bold")
    meta.add_column()
    for label, value in (
        ("id", record.id),
        ("title", record.title),
        ("date", record.date),
        ("source", record.source),
        ("url", record.url),
        ("language", record.language if record.coded else f"{record.language} (not coded)"),
    ):
        meta.add_row(label, Text(value or "—"))
    console.print(meta)
    console.print()
    console.print(highlighted_text(record))
    console.print()
    if record.timexes:
        timexes = _table("time expressions", ("offsets", "text", "type", "value"))
        for t in record.timexes:
            timexes.add_row(
                f"{t.start}–{t.end}", Text(t.text), t.type, t.value + (f" ({t.mod})" if t.mod else "")
            )
        console.print(timexes)
    if record.entities:
        entities = _table("entities", ("offsets", "text", "label", "actor"))
        for e in record.entities:
            entities.add_row(f"{e.start}–{e.end}", Text(e.text), e.label, Text(e.actor or ""))
        console.print(entities)
    if record.actors:
        console.print(actor_summary(record))
    if record.events:
        console.print(event_summary(record))
    if record.framing:
        console.print(framing_spans(record))
        for line in tone_lines(record):
            console.print(line)
    console.print(
        f"{len(record.entities)} entities · {len(record.actors)} actors · {len(record.timexes)} timexes · "
        f"{len(record.events)} events · {len(record.framing)} framing spans"
    )


def actor_summary(record: Record) -> Table:
    """The document's actors, most mentioned first, with how they were named (and any ambiguity)."""
    named: dict[str, list[str]] = {}
    ambiguous: dict[str, int] = {}
    for m in record.mentions:
        if m.actor:
            named.setdefault(m.actor, []).append(m.text)
            ambiguous[m.actor] = ambiguous.get(m.actor, 0) + bool(m.alternatives)
    table = _table("actors", ("actor", "kind", "country", "sector / office", "named as", "ambiguous"))
    for actor_id in sorted(record.actors, key=lambda a: (-len(named.get(a, [])), a)):
        actor = record.actors[actor_id]
        office = actor.get("office") or {}
        role = f"{office.get('role') or ''} {office.get('of') or ''}".strip()
        forms = list(dict.fromkeys(named.get(actor_id, [])))
        shown = ", ".join(forms[:4]) + (" …" if len(forms) > 4 else "")
        table.add_row(
            Text(f"{actor.get('name')} ({actor_id})"), actor.get("kind") or "", actor.get("country") or "",
            Text(role or actor.get("sector") or ""), Text(shown), str(ambiguous.get(actor_id, 0) or ""),
        )  # fmt: skip
    return table


def event_summary(record: Record) -> Table:
    """The document's events in text order: who did what to whom, when, where, and how it is told
    (the factuality with who a claim is attributed to), and the trigger word(s)."""
    table = Table(title="events", header_style="bold")
    table.add_column("type", no_wrap=True)
    table.add_column("source → target", ratio=2)
    table.add_column("date", no_wrap=True)
    table.add_column("place", ratio=1)
    table.add_column("factuality", ratio=1)
    table.add_column("trigger", ratio=1)
    for e in record.events:
        table.add_row(
            _event_type(e), Text(_parties(e.source, e.target, record.actors)), e.date or "",
            Text(_name(e.location, record.actors) if e.location else ""),
            _factuality(e.factuality, e.attributed_to), Text(e.trigger_text),
        )  # fmt: skip
    return table


def framing_spans(record: Record) -> Table:
    """The document's framing spans in text order: technique, words, whom they are about, tone."""
    table = _table("framing", ("offsets", "technique", "text", "target", "polarity", "conf"))
    for f in record.framing:
        name = _name(f.target, record.actors) if f.target else ""
        target = f"{name} ({f.target})" if name != (f.target or "") else name
        table.add_row(
            f"{f.start}–{f.end}", f.technique, Text(f.text), Text(target),
            Text(f.polarity or "", style=_polarity_colour(f.polarity)), f"{f.confidence:.2f}",
        )  # fmt: skip
    return table


def tone_lines(record: Record, examples: int = 3) -> list[Text]:
    """One line per actor the framing praises or attacks: the counts and a few of the spans."""
    from dragoman.framing.summary import framing_summary  # numpy and spaCy: only where needed

    lines = []
    for tone in framing_summary(record).values():
        line = Text()
        line.append(f"{tone.name or tone.actor} ({tone.actor})", style="bold")
        line.append(": ")
        line.append_text(_tone(tone.praise, "praised", "positive", examples))
        line.append(" · ")
        line.append_text(_tone(tone.attack, "attacked", "negative", examples))
        lines.append(line)
    return lines


def _tone(spans: list[FramingSpan], label: str, polarity: str, examples: int) -> Text:
    """``praised 2 (“noble”, “wise”)``: the count in the polarity's colour, then the first spans."""
    text = Text(f"{label} {len(spans)}", style=_polarity_colour(polarity) if spans else "dim")
    if spans:
        shown = ", ".join(f"“{s.text}”" for s in spans[:examples])
        text.append(f" ({shown}{', …' if len(spans) > examples else ''})")
    return text


def framing_style(span: FramingSpan) -> str:
    """How a framing span is marked: by its polarity where it has one."""
    return FRAMING_POLARITY_STYLES.get(span.polarity or "", FRAMING_STYLE)


def _polarity_colour(polarity: str | None) -> str:
    return {"positive": "green", "negative": "red"}.get(polarity or "", "")


def highlighted_text(record: Record) -> Text:
    """``record.text`` with its spans styled: event sentences underlined, framing spans on a
    background, then entities, time expressions (time wins where they overlap) and, over all of
    them, event triggers."""
    text = Text(record.text)
    for event in record.events:
        text.stylize(EVENT_SENTENCE_STYLE, *event.sentence)
    for f in record.framing:
        text.stylize(framing_style(f), f.start, f.end)
    for e in record.entities:
        text.stylize(ENTITY_STYLE, e.start, e.end)
    for t in record.timexes:
        text.stylize(TIMEX_STYLE, t.start, t.end)
    for event in record.events:
        text.stylize(TRIGGER_STYLE, *event.trigger)
    return text


def event_table(console: Console, rows: list[EventRow], *, offset: int = 0, by_event: bool = False) -> None:
    """The ``dragoman events`` listing: per event its date, type (mode), factuality, then who did it
    to whom in which document, and below that the sentence with the trigger marked.

    Parties and sentence share the widest column so that 80 columns still leave room to read them.
    """
    first = f" from #{offset + 1}" if offset else ""
    what = "events (earliest report of each)" if by_event else "reports of events"
    table = Table(title=f"{len(rows)} {what}{first}", header_style="bold", box=None, padding=(0, 1))
    wide = console.width >= 120  # room for "SANCTION (economic)" and "attributed (analysts)" on one line
    table.add_column("date", no_wrap=True)
    table.add_column("type", max_width=20 if wide else 12)
    table.add_column("factuality", max_width=24 if wide else 14)
    table.add_column("source → target · document", ratio=1)
    for row in rows:
        e = row.event
        parties = Text(f"{', '.join(row.source_names) or '?'} → {', '.join(row.target_names) or '?'}")
        parties.stylize("bold")
        parties.append(f" · {short_id(row.doc_id)}", style="dim")
        if row.reports > 1:
            parties.append(f" · 1 of {row.reports} reports ({len(row.sources)} sources)", style="dim")
        table.add_row(
            e.date or "",
            Text(e.type + (f" ({e.mode})" if e.mode else "")),
            _factuality(e.factuality, e.attributed_to),
            Group(parties, trigger_in_sentence(row)),
        )
    console.print(table)


def short_id(doc_id: str) -> str:
    """A document id cut to 12 characters (content hashes are 64); ``show`` accepts the prefix."""
    return doc_id if len(doc_id) <= 12 else doc_id[:11] + "…"


def trigger_in_sentence(row: EventRow, width: int = 120) -> Text:
    """The event's sentence (shortened around the trigger past ``width`` characters), trigger marked."""
    sentence, e = row.sentence_text, row.event
    start, end = e.trigger[0] - e.sentence[0], e.trigger[1] - e.sentence[0]
    if not 0 <= start <= end <= len(sentence):  # a trigger outside its sentence: show it alone
        return Text(e.trigger_text, style=TRIGGER_STYLE)
    left = max(0, min(start - width // 2, len(sentence) - width))
    right = min(len(sentence), left + width)
    # a sentence that spans lines in the document reads better as one line
    return _excerpt(sentence, left, right, (start, end), TRIGGER_STYLE, one_line=True)


def _excerpt(
    context: str, left: int, right: int, mark: tuple[int, int], style: str, *, one_line: bool = False
) -> Text:
    """``context[left:right]`` with "…" where it is cut and ``mark`` (offsets into ``context``) styled."""
    shown = context[left:right].replace("\n", " ") if one_line else context[left:right]
    text = Text(("…" if left else "") + shown + ("…" if right < len(context) else ""))
    shift = 1 if left else 0
    text.stylize(style, mark[0] - left + shift, mark[1] - left + shift)
    return text


def json_lines(out: TextIO, rows: Sequence[EventRow] | Sequence[FramingRow]) -> None:
    """``--format json`` of ``dragoman events`` and ``dragoman framing``: one JSON object per row and line."""
    for row in rows:
        out.write(json.dumps(row.to_dict(), ensure_ascii=False) + "\n")


def event_csv(out: TextIO, rows: list[EventRow]) -> None:
    """``dragoman events --format csv``: a header, then one row per event (:data:`EVENT_CSV_COLUMNS`)."""
    dicts = []
    for row in rows:
        data = row.to_dict()
        data["trigger_start"], data["trigger_end"] = row.event.trigger
        data["sentence_start"], data["sentence_end"] = row.event.sentence
        dicts.append(data)
    _csv(out, EVENT_CSV_COLUMNS, dicts)


def _csv(out: TextIO, columns: tuple[str, ...], dicts: Iterable[dict[str, Any]]) -> None:
    """A header of ``columns``, then a row per dict: lists joined by ";", ``None`` empty."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for data in dicts:
        writer.writerow(
            ";".join(v) if isinstance(v, list | tuple) else ("" if v is None else v)
            for v in (data[c] for c in columns)
        )


def framing_table(console: Console, rows: list[FramingRow], *, offset: int = 0) -> None:
    """The ``dragoman framing`` listing: per span its technique, whom it is about and in what tone,
    the confidence, then the document and below it the sentence with the span marked."""
    first = f" from #{offset + 1}" if offset else ""
    table = Table(title=f"{len(rows)} framing spans{first}", header_style="bold", box=None, padding=(0, 1))
    wide = console.width >= 120
    table.add_column("technique", max_width=34 if wide else 16, overflow="fold")
    table.add_column("target → tone", max_width=30 if wide else 16)
    table.add_column("conf", justify="right", no_wrap=True)
    table.add_column("span in context · document", ratio=1)
    for row in rows:
        f = row.span
        target = Text(row.target_name or "—")
        if f.polarity:
            target.append(f" → {f.polarity}", style=_polarity_colour(f.polarity))
        where = Text(short_id(row.doc_id), style="dim")
        if row.doc_date:
            where.append(f" · {row.doc_date}", style="dim")
        table.add_row(Text(f.technique), target, f"{f.confidence:.2f}", Group(span_in_context(row), where))
    console.print(table)


def span_in_context(row: FramingRow, width: int = 160) -> Text:
    """The span's sentence (shortened around the span past ``width`` characters), span marked."""
    context, f = row.context, row.span
    start, end = f.start - row.context_start, f.end - row.context_start
    if not 0 <= start <= end <= len(context):  # a span outside its context: show it alone
        return Text(f.text, style=framing_style(f))
    left = max(0, min(start - max(0, width - (end - start)) // 2, len(context) - width))
    right = max(end, min(len(context), left + width))
    return _excerpt(context, left, right, (start, end), framing_style(f))


def framing_csv(out: TextIO, rows: list[FramingRow]) -> None:
    """``dragoman framing --format csv``: a header, then a row per span (:data:`FRAMING_CSV_COLUMNS`)."""
    _csv(out, FRAMING_CSV_COLUMNS, (row.to_dict() for row in rows))


def framing_summary_report(console: Console, summary: FramingSummary, scope: str = "the corpus") -> None:
    """``dragoman framing --summary``: the techniques used, then whom ``scope`` praises and attacks."""
    console.print(
        Text(f"{summary.spans} framing spans in {summary.documents} document(s) of {scope}", style="bold")
    )
    techniques = Table(title="techniques", header_style="bold")
    techniques.add_column("technique", overflow="fold")
    for column in ("spans", "praise", "attack"):
        techniques.add_column(column, justify="right", no_wrap=True)
    techniques.add_column("for example", ratio=1)
    for t in summary.techniques:
        techniques.add_row(
            Text(t.technique), str(t.spans), str(t.praise or ""), str(t.attack or ""), _examples(t.evidence)
        )
    console.print(techniques)
    if not summary.actors:
        console.print("no span praises or attacks an actor")
        return
    actors = Table(title="whom it praises and attacks", header_style="bold")
    actors.add_column("actor", ratio=1)
    actors.add_column("praise", justify="right", no_wrap=True, style="green")
    actors.add_column("attack", justify="right", no_wrap=True, style="red")
    actors.add_column("for example", ratio=2)
    for a in summary.actors:
        actors.add_row(
            Text(f"{a.name} ({a.actor})"), str(a.praise or ""), str(a.attack or ""),
            Group(*(_examples(rows) for rows in (a.praise_evidence, a.attack_evidence) if rows)),
        )  # fmt: skip
    console.print(actors)


def _examples(rows: tuple[FramingRow, ...]) -> Text:
    """Evidence spans as “words” (document), each in its framing style."""
    text = Text()
    for i, row in enumerate(rows):
        if i:
            text.append("; ")
        text.append(f"“{row.span.text}”", style=framing_style(row.span))
        text.append(f" ({short_id(row.doc_id)})", style="dim")
    return text


def framing_summary_json(out: TextIO, summary: FramingSummary) -> None:
    """``dragoman framing --summary --format json``: the summary as one JSON object."""
    out.write(json.dumps(summary.to_dict(), ensure_ascii=False) + "\n")


def framing_summary_csv(out: TextIO, summary: FramingSummary) -> None:
    """``dragoman framing --summary --format csv``: :data:`FRAMING_SUMMARY_CSV_COLUMNS`."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(FRAMING_SUMMARY_CSV_COLUMNS)
    for t in summary.techniques:
        writer.writerow(("technique", t.technique, "", t.spans, t.praise, t.attack))
    for a in summary.actors:
        writer.writerow(("actor", a.actor, a.name or "", a.praise + a.attack, a.praise, a.attack))


def _event_type(e: Event) -> str:
    return f"{e.type} ({e.mode})" if e.mode else e.type


def _factuality(value: str, attributed_to: str | None = None) -> Text:
    label = f"{value} ({attributed_to})" if attributed_to else value
    return Text(label, style=FACTUALITY_STYLES.get(value, ""))


def _name(actor_id: str, actors: dict[str, dict[str, Any]]) -> str:
    return str((actors.get(actor_id) or {}).get("name") or actor_id)


def _parties(source: tuple[str, ...], target: tuple[str, ...], actors: dict[str, dict[str, Any]]) -> str:
    def names(ids: tuple[str, ...]) -> str:
        return ", ".join(_name(a, actors) for a in ids) or "?"

    return f"{names(source)} → {names(target)}"


def score_tables(console: Console, scores: dict[str, dict[str, dict[str, Any]]]) -> None:
    """One table per task of ``dragoman eval``: a row per measure, a column per gold set."""
    for task, by_set in scores.items():
        measures: list[str] = []
        for figures in by_set.values():
            measures.extend(k for k in figures if k not in measures)
        # As many gold-set columns as fit the terminal; the rest go to further tables.
        label = max((len(m) for m in measures), default=8) + 4
        width = max((len(n) for n in by_set), default=6) + 3
        per_table = max(1, (console.width - label) // max(width, 9))
        names = list(by_set)
        for first in range(0, len(names), per_table):
            chunk = names[first : first + per_table]
            table = Table(title=task if first == 0 else None, header_style="bold")
            table.add_column("measure", no_wrap=True)
            for name in chunk:
                table.add_column(name, justify="right", no_wrap=True)
            for m in measures:
                if any(m in by_set[name] for name in chunk):
                    table.add_row(m, *(_fmt(by_set[name].get(m)) for name in chunk))
            console.print(table)


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.3f}"
    return "" if value is None else str(value)


# -- corpus analysis ----------------------------------------------------------------------


def say_written(console: Console, path: object) -> None:
    """One line naming a file a command wrote."""
    console.print(Text(f"wrote {path}"))


def dyad_report(console: Console, series: DyadSeries) -> None:
    """The ``dragoman dyad`` report: a line per period and direction, then each event with its evidence."""
    sides = {"a->b": f"{series.a} → {series.b}", "b->a": f"{series.b} → {series.a}", "mutual": "both"}
    include = ", ".join(series.include)
    console.print(
        Text(
            f"{series.a_name} ({series.a}) – {series.b_name} ({series.b}): {series.events} events "
            f"({series.reports} reports), {include}; score {series.score:+.1f}",
            style="bold",
        )
    )
    if len(series.a_members) > 1 or len(series.b_members) > 1:
        console.print(
            Text(
                f"{series.a} stands for {len(series.a_members)} actors, {series.b} for "
                f"{len(series.b_members)} (their people and bodies; --exact for the ids alone)",
                style="dim",
            )
        )
    table = Table(title=f"by {series.by}", header_style="bold", box=None, padding=(0, 1))
    for column in (
        "period",
        "direction",
        "verbal coop.",
        "material coop.",
        "verbal confl.",
        "material confl.",
    ):
        table.add_column(column, justify="left" if column in ("period", "direction") else "right")
    table.add_column("score", justify="right")
    for period in series.periods:
        first = True
        for direction, counts in period.counts.items():
            if not any(counts.values()):
                continue
            table.add_row(
                period.period if first else "",
                sides[direction],
                *(str(n) for n in counts.values()),
                f"{period.score:+.1f}" if first else "",
            )
            first = False
    console.print(table)
    for period in (*series.periods, series.unplaced):
        for event in period.events:
            head = Text(f"{period.period or 'unplaced'}  {event.type} ({event.quad.replace('_', ' ')})  ")
            head.append(sides[event.direction], style="bold")
            head.append(f"  {len(event.reports)} report(s)  {event.intensity:+.1f}", style="dim")
            console.print(head)
            for row in event.reports:
                line = Text("   ")
                line.append(f"{short_id(row.doc_id)} {row.event.date or row.doc_date or ''} ", style="dim")
                line.append_text(_factuality(row.event.factuality, row.event.attributed_to))
                line.append(" ")
                line.append_text(trigger_in_sentence(row))
                console.print(line)


def dyad_json(out: TextIO, series: DyadSeries) -> None:
    """The dyad as one JSON document."""
    out.write(json.dumps(series.to_dict(), ensure_ascii=False, indent=2) + "\n")


def dyad_csv(out: TextIO, series: DyadSeries) -> None:
    """One CSV row per report of each event of the dyad, with its period and direction."""
    writer = csv.writer(out)
    writer.writerow(
        (
            "period", "cluster_id", "direction", "type", "quad", "intensity", "doc_id", "idx", "doc_date",
            "date", "factuality", "source", "target", "trigger_text", "sentence",
        )
    )  # fmt: skip
    for period in (*series.periods, series.unplaced):
        for event in period.events:
            for row in event.reports:
                e = row.event
                writer.writerow(
                    (
                        period.period or "", event.cluster_id, event.direction, event.type, event.quad,
                        event.intensity, row.doc_id, row.idx, row.doc_date or "", e.date or "", e.factuality,
                        ";".join(e.source), ";".join(e.target), e.trigger_text, row.sentence_text,
                    )
                )  # fmt: skip


def network_report(console: Console, graph: Any, dyads: list[DyadTotal], totals: dict[str, int]) -> None:
    """The ``dragoman network`` report: the network's size and its strongest dyads."""
    console.print(
        Text(
            f"{graph.number_of_nodes()} actors, {graph.number_of_edges()} directed edges; "
            f"the store holds {totals.get('events', 0)} events in {totals.get('reports', 0)} reports",
            style="bold",
        )
    )
    table = Table(title="strongest dyads", header_style="bold", box=None, padding=(0, 1))
    for column in ("actor", "actor", "events", "reports", "coop.", "confl.", "score"):
        table.add_column(column, justify="left" if column == "actor" else "right")
    for d in dyads:
        table.add_row(
            Text(f"{d.a_name} ({d.a})"), Text(f"{d.b_name} ({d.b})"), str(d.events), str(d.reports),
            str(d.cooperation), str(d.conflict), f"{d.score:+.1f}",
        )  # fmt: skip
    console.print(table)


def merge_table(console: Console, merges: list[Merge]) -> None:
    """The ``dragoman merges`` listing: each document-local actor, the corpus actor it is, and why."""
    table = Table(title=f"{len(merges)} document-local actors", header_style="bold", box=None, padding=(0, 1))
    for column in ("corpus actor", "document", "local id", "country", "rule"):
        table.add_column(column)
    for m in merges:
        table.add_row(Text(m.actor_id), short_id(m.doc_id), Text(m.local_id), m.country or "", Text(m.rule))
    console.print(table)
