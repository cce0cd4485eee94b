"""Rich rendering for the CLI: progress, summaries, tables and the document report."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from dragoman.batch import IngestSummary, Outcome
from dragoman.dossier import Dossier
from dragoman.record import Record
from dragoman.store import ActorSummary, DocumentSummary

#: Styles of the highlighted spans in ``dragoman show``.
ENTITY_STYLE = "bold cyan"
TIMEX_STYLE = "bold magenta"


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
    columns = ("documents", "coded", "entities", "actors", "events", "timexes")
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
            Text(row.id if len(row.id) <= 12 else row.id[:11] + "…"),
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


def highlighted_text(record: Record) -> Text:
    """``record.text`` with entity spans and time expressions styled (time wins where they overlap)."""
    text = Text(record.text)
    for e in record.entities:
        text.stylize(ENTITY_STYLE, e.start, e.end)
    for t in record.timexes:
        text.stylize(TIMEX_STYLE, t.start, t.end)
    return text


def score_tables(console: Console, scores: dict[str, dict[str, dict[str, Any]]]) -> None:
    """One table per task of ``dragoman eval``: a row per measure, a column per gold set."""
    for task, by_set in scores.items():
        measures: list[str] = []
        for figures in by_set.values():
            measures.extend(k for k in figures if k not in measures)
        table = Table(title=task, header_style="bold")
        table.add_column("measure")
        for name in by_set:
            table.add_column(name, justify="right")
        for m in measures:
            table.add_row(m, *(_fmt(figures.get(m)) for figures in by_set.values()))
        console.print(table)


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.3f}"
    return "" if value is None else str(value)
