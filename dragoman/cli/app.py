"""Commands of the ``dragoman`` console script.

Each command parses its options, calls one library function and renders the result with Rich.
Exit codes: 0 success; 2 some inputs failed (the rest were processed); 1 a fatal error.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from dragoman.batch import IngestSummary, extract_records, ingest
from dragoman.cli import render
from dragoman.errors import DragomanError, InputError
from dragoman.record import EVENT_TYPES, FACTUALITIES, FRAMING_TECHNIQUES, parse_date
from dragoman.store import Store, default_db_path
from dragoman.store.events import event_period
from dragoman.store.framing import POLARITIES

app = typer.Typer(
    name="dragoman",
    help="Read news about international politics; get a sourced record of who did what to whom.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

EXIT_FATAL = 1
EXIT_SOME_FAILED = 2

Inputs = Annotated[
    list[str] | None,
    typer.Argument(help="Files or folders (walked recursively); '-' reads standard input."),
]
DateOption = Annotated[
    str | None,
    typer.Option("--date", help="Publication date YYYY-MM-DD for inputs that carry none."),
]
DbOption = Annotated[
    str | None,
    typer.Option("--db", help="DuckDB file [default: $DRAGOMAN_DB or ./dragoman.duckdb]."),
]


def _err() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def _say(console: Console, tag: str, message: str) -> None:
    """One unwrapped line ``tag message`` (``message`` is user data: never read as markup)."""
    console.print(f"{tag} {escape(message)}", markup=True)


def _fail(message: str) -> typer.Exit:
    _say(_err(), "[bold red]error:[/]", message)
    return typer.Exit(EXIT_FATAL)


def _inputs(inputs: list[str] | None) -> list[str]:
    """The inputs given, else ``-`` (stdin) when something is piped in."""
    if inputs:
        return inputs
    if sys.stdin.isatty():
        raise typer.BadParameter("give files or folders, or '-' to read standard input", param_hint="INPUTS")
    return ["-"]


def _check_date(date: str | None) -> str | None:
    if date is not None and parse_date(date) is None:
        raise typer.BadParameter(f"{date!r} is not a date of the form YYYY-MM-DD", param_hint="--date")
    return date


def _resolve_actors(store: Store, refs: list[str] | None) -> list[str]:
    """The actor ids that ``--actor`` values name; an unknown one is a usage error."""
    ids = []
    for ref in refs or []:
        actor_id = store.resolve_actor(ref)
        if actor_id is None:
            raise typer.BadParameter(
                f"no actor {ref!r} in the store (ids are listed by 'dragoman actors')", param_hint="--actor"
            )
        ids.append(actor_id)
    return ids


def _check_period(value: str | None, option: str) -> str | None:
    if value is not None and event_period(value) is None:
        raise typer.BadParameter(
            f"{value!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD", param_hint=option
        )
    return value


def _check_choices(values: list[str] | None, allowed: tuple[str, ...], option: str) -> list[str]:
    """``values`` in the case of ``allowed`` (matched regardless of case), or a usage error."""
    by_folded = {a.casefold(): a for a in allowed}
    chosen = []
    for value in values or []:
        if value.strip().casefold() not in by_folded:
            raise typer.BadParameter(f"{value!r} is not one of {', '.join(allowed)}", param_hint=option)
        chosen.append(by_folded[value.strip().casefold()])
    return chosen


def _open_store(db: str | None, *, read_only: bool = False) -> Store:
    path = db or default_db_path()
    if read_only and not Path(path).exists():
        raise _fail(f"no store at {path}: run 'dragoman ingest' first or pass --db")
    try:
        return Store(path, read_only=read_only)
    except DragomanError as exc:
        raise _fail(str(exc)) from exc


@app.command()
def extract(
    inputs: Inputs = None,
    date: DateOption = None,
    workers: Annotated[
        int, typer.Option("--workers", "-w", min=1, help="Processes analysing documents (one per core).")
    ] = 1,
) -> None:
    """Print one extraction record per document as JSON lines (nothing is stored)."""
    _check_date(date)
    failed = 0
    out = sys.stdout
    try:
        for item in extract_records(
            _inputs(inputs), default_date=date, stdin=sys.stdin.buffer, workers=workers
        ):
            if isinstance(item, InputError):
                failed += 1
                _say(_err(), "[red]failed[/]", str(item))
                continue
            out.write(json.dumps(item.to_dict(), ensure_ascii=False) + "\n")
            out.flush()
    except DragomanError as exc:
        raise _fail(str(exc)) from exc
    if failed:
        _err().print(f"{failed} input(s) failed")
        raise typer.Exit(EXIT_SOME_FAILED)


@app.command("ingest")
def ingest_command(
    inputs: Inputs = None,
    date: DateOption = None,
    db: DbOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers", "-w", min=1, help="Processes analysing documents [default: 1; with --ray: all CPUs]."
        ),
    ] = None,
    ray: Annotated[
        bool, typer.Option("--ray", help="Analyse on Ray Data (a local Ray unless --ray-address).")
    ] = False,
    ray_address: Annotated[
        str | None,
        typer.Option("--ray-address", metavar="ADDRESS", help="Ray cluster to use (auto, ray://host:10001)."),
    ] = None,
    ray_output: Annotated[
        Path | None,
        typer.Option("--ray-output", metavar="DIR", help="Keep Ray's Parquet shards (inputs, records) here."),
    ] = None,
) -> None:
    """Analyse inputs and store their records; re-running skips unchanged documents."""
    _check_date(date)
    summary = IngestSummary()
    err = _err()
    use_ray = ray or ray_address is not None or ray_output is not None
    with _open_store(db) as store:
        if use_ray:
            from dragoman.ray_ingest import ray_ingest

            outcomes = ray_ingest(
                _inputs(inputs), store, default_date=date, stdin=sys.stdin.buffer, address=ray_address,
                output_dir=ray_output, workers=workers,
            )  # fmt: skip
        else:
            outcomes = ingest(
                _inputs(inputs), store, default_date=date, stdin=sys.stdin.buffer, workers=workers or 1
            )
        try:
            with render.ingest_progress(err, disable=quiet) as advance:
                for outcome in outcomes:
                    summary.add(outcome)
                    if outcome.status == "failed":
                        _say(err, "[red]failed[/]", f"{outcome.where}: {outcome.reason}")
                    advance(outcome)
        except DragomanError as exc:
            raise _fail(str(exc)) from exc
        totals = store.counts()
    render.ingest_summary(Console(highlight=False), summary, totals, store.path)
    if not summary.ok:
        raise typer.Exit(EXIT_SOME_FAILED)


@app.command()
def docs(
    db: DbOption = None,
    limit: Annotated[int, typer.Option(help="How many documents to list.")] = 50,
    offset: Annotated[int, typer.Option(help="How many to skip.")] = 0,
) -> None:
    """List stored documents with their annotation counts."""
    with _open_store(db, read_only=True) as store:
        rows = store.documents(limit=limit, offset=offset)
        total = store.counts()["documents"]
    render.document_table(Console(highlight=False), rows, total)


@app.command()
def show(
    doc: Annotated[str, typer.Argument(help="Document id, or a unique prefix of it.")],
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the stored record as JSON.")] = False,
) -> None:
    """Show one stored document: its text with entities, time expressions, events and framing marked."""
    with _open_store(db, read_only=True) as store:
        doc_id = store.resolve_id(doc)
        record = store.record(doc_id) if doc_id else None
    if record is None:
        raise _fail(f"no document {doc!r} in the store (ids are listed by 'dragoman docs')")
    if as_json:
        sys.stdout.write(json.dumps(record.to_dict(), ensure_ascii=False, indent=2) + "\n")
        return
    render.document_report(Console(highlight=False), record)


@app.command()
def events(
    db: DbOption = None,
    actor: Annotated[
        list[str] | None,
        typer.Option(
            "--actor",
            help="Events with this actor as source or target (id or name); repeat for any of several.",
        ),
    ] = None,
    event_type: Annotated[
        list[str] | None,
        typer.Option("--type", help="PLOVER event type (AGREE, CONSULT, …, ASSAULT); repeatable."),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(help="Events dated on or after this day, month or year (2025-10-01, 2025-10)."),
    ] = None,
    until: Annotated[
        str | None, typer.Option(help="Events dated on or before this day, month or year (2025-12, 2025).")
    ] = None,
    factuality: Annotated[
        list[str] | None,
        typer.Option(help="asserted, attributed, hypothetical, future or negated; repeatable."),
    ] = None,
    limit: Annotated[int, typer.Option(min=0, help="How many events to list.")] = 50,
    offset: Annotated[int, typer.Option(min=0, help="How many to skip.")] = 0,
    output: Annotated[
        str, typer.Option("--format", help="table, json (one object per line) or csv.")
    ] = "table",
    by_event: Annotated[
        bool,
        typer.Option(
            "--by-event",
            help="One line per event (its earliest report, with its number of reports and sources).",
        ),
    ] = False,
) -> None:
    """List stored events (who did what to whom, when), oldest first, each with its sentence."""
    (output,) = _check_choices([output], ("table", "json", "csv"), "--format")
    types = _check_choices(event_type, EVENT_TYPES, "--type")
    factualities = _check_choices(factuality, FACTUALITIES, "--factuality")
    _check_period(since, "--since")
    _check_period(until, "--until")
    with _open_store(db, read_only=True) as store:
        actor_ids = _resolve_actors(store, actor)
        try:
            rows = store.events(
                actor=actor_ids, type=types, since=since, until=until, factuality=factualities,
                limit=limit, offset=offset, by_event=by_event,
            )  # fmt: skip
        except DragomanError as exc:
            raise _fail(str(exc)) from exc
    if output == "json":
        render.json_lines(sys.stdout, rows)
    elif output == "csv":
        render.event_csv(sys.stdout, rows)
    else:
        render.event_table(Console(highlight=False), rows, offset=offset, by_event=by_event)


@app.command()
def framing(
    db: DbOption = None,
    doc: Annotated[
        str | None, typer.Option("--doc", help="Only this document (id, or a unique prefix of it).")
    ] = None,
    actor: Annotated[
        list[str] | None,
        typer.Option("--actor", help="Spans about this actor (id or name); repeat for any of several."),
    ] = None,
    technique: Annotated[
        list[str] | None,
        typer.Option(help="A propaganda technique (Loaded_Language, Doubt, Flag-Waving, …); repeatable."),
    ] = None,
    polarity: Annotated[
        str | None, typer.Option(help="positive (praise) or negative (attack) toward the target.")
    ] = None,
    min_confidence: Annotated[
        float,
        typer.Option(
            min=0.0,
            max=1.0,
            help="Only spans at least this confident: a span's confidence is the share of text that "
            "annotators marked with its technique, measured for spans of its kind and score.",
        ),
    ] = 0.0,
    summary: Annotated[
        bool,
        typer.Option("--summary", help="Count techniques, and whom the spans praise and attack, instead."),
    ] = False,
    limit: Annotated[
        int, typer.Option(min=0, help="How many spans to list (with --summary: how many actors).")
    ] = 50,
    offset: Annotated[int, typer.Option(min=0, help="How many spans to skip.")] = 0,
    output: Annotated[
        str, typer.Option("--format", help="table, json (one object per line) or csv.")
    ] = "table",
) -> None:
    """List framing: persuasion techniques, whom each span is about, and whether it praises or attacks."""
    (output,) = _check_choices([output], ("table", "json", "csv"), "--format")
    techniques = _check_choices(technique, FRAMING_TECHNIQUES, "--technique")
    polarities = _check_choices([polarity] if polarity is not None else [], POLARITIES, "--polarity")
    with _open_store(db, read_only=True) as store:
        doc_id = None
        if doc is not None:
            doc_id = store.resolve_id(doc)
            if doc_id is None:
                raise typer.BadParameter(
                    f"no document {doc!r} in the store (ids are listed by 'dragoman docs')",
                    param_hint="--doc",
                )
        actor_ids = _resolve_actors(store, actor)
        try:
            if summary:
                found = store.framing_summary(
                    doc_id=doc_id, actor=actor_ids, technique=techniques, polarity=polarities,
                    min_confidence=min_confidence, limit=limit,
                )  # fmt: skip
            else:
                rows = store.framing(
                    doc_id=doc_id, actor=actor_ids, technique=techniques, polarity=polarities,
                    min_confidence=min_confidence, limit=limit, offset=offset,
                )  # fmt: skip
        except DragomanError as exc:
            raise _fail(str(exc)) from exc
    if not summary:
        if output == "json":
            render.json_lines(sys.stdout, rows)
        elif output == "csv":
            render.framing_csv(sys.stdout, rows)
        else:
            render.framing_table(Console(highlight=False), rows, offset=offset)
    elif output == "json":
        render.framing_summary_json(sys.stdout, found)
    elif output == "csv":
        render.framing_summary_csv(sys.stdout, found)
    else:
        scope = f"document {doc_id}" if doc_id else "the corpus"
        render.framing_summary_report(Console(highlight=False), found, scope)


@app.command()
def actors(
    db: DbOption = None,
    kind: Annotated[
        str | None,
        typer.Option(help="Only actors of this kind: country, person, igo, organization, group, location."),
    ] = None,
    limit: Annotated[int, typer.Option(help="How many actors to list.")] = 50,
    offset: Annotated[int, typer.Option(help="How many to skip.")] = 0,
) -> None:
    """List actors by how often the corpus mentions them."""
    with _open_store(db, read_only=True) as store:
        rows = store.actors(limit=limit, offset=offset, kind=kind)
    render.actor_table(Console(highlight=False), rows)


@app.command()
def actor(
    actor_id: Annotated[
        str, typer.Argument(help="Actor id (AZE, donald-trump, NATO, a listed local id), or its name.")
    ],
    db: DbOption = None,
    mentions: Annotated[int, typer.Option(help="How many mentions to show.")] = 20,
) -> None:
    """An actor's dossier: names, offices, documents and mentions in context."""
    from dragoman.dossier import actor_dossier

    with _open_store(db, read_only=True) as store:
        dossier = actor_dossier(store, store.resolve_actor(actor_id) or actor_id, mention_limit=mentions)
    if dossier is None:
        raise _fail(f"no actor {actor_id!r} in the store (ids are listed by 'dragoman actors')")
    render.actor_dossier(Console(highlight=False), dossier)


@app.command("eval")
def eval_command(
    gold: Annotated[
        Path | None, typer.Option(help="Gold directory [default: ../shared/gold or $DRAGOMAN_GOLD].")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Score the pipeline on the development gold sets."""
    from dragoman.evaluation.actors import evaluate_actors
    from dragoman.evaluation.events import evaluate_events, headline
    from dragoman.evaluation.framing import evaluate_framing
    from dragoman.evaluation.gold import require_gold_dir
    from dragoman.evaluation.timex import evaluate_timex

    try:
        gold_dir = gold if gold is not None else require_gold_dir()
        scores = {
            "timex": evaluate_timex(gold_dir),
            "actors": evaluate_actors(gold_dir),
            "events": headline(evaluate_events(gold_dir)),
            "framing": evaluate_framing(gold_dir, "test"),
        }
    except DragomanError as exc:
        raise _fail(str(exc)) from exc
    if as_json:
        sys.stdout.write(json.dumps(scores, indent=2) + "\n")
        return
    render.score_tables(Console(highlight=False), scores)


def main() -> None:
    """Console-script entry point."""
    app()
