"""Corpus commands (registered on the ``dragoman`` app): ``dyad``, ``network``, ``merges``, ``unmerge``."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.console import Console

from dragoman.cli import render
from dragoman.cli.app import DbOption, _check_choices, _fail, _open_store, app
from dragoman.errors import DragomanError
from dragoman.record import FACTUALITIES
from dragoman.store import Store

IncludeOption = Annotated[
    list[str] | None,
    typer.Option(
        "--include",
        help="Count these factualities too, besides asserted (attributed, hypothetical, future, negated); "
        "comma-separated or repeated; 'all' for every one.",
    ),
]


def _include(values: list[str] | None) -> tuple[str, ...]:
    """``asserted`` plus the ``--include`` values (``all``: every factuality)."""
    wanted = [v.strip() for value in values or [] for v in value.split(",") if v.strip()]
    if any(v.casefold() == "all" for v in wanted):
        return FACTUALITIES
    chosen = _check_choices(wanted, FACTUALITIES, "--include")
    return tuple(f for f in FACTUALITIES if f == "asserted" or f in chosen)


def _actor(store: Store, ref: str, hint: str) -> str:
    actor_id = store.resolve_actor(ref)
    if actor_id is None:
        raise typer.BadParameter(
            f"no actor {ref!r} in the store (ids are listed by 'dragoman actors')", param_hint=hint
        )
    return actor_id


@app.command()
def dyad(
    a: Annotated[str, typer.Argument(help="One actor (id or name): USA, AZE, donald-trump, NATO…")],
    b: Annotated[str, typer.Argument(help="The other actor.")],
    db: DbOption = None,
    by: Annotated[str, typer.Option(help="Period: week, month or year.")] = "month",
    include: IncludeOption = None,
    exact: Annotated[
        bool,
        typer.Option(
            "--exact", help="Only the two ids (a country otherwise stands for its people and bodies)."
        ),
    ] = False,
    output: Annotated[
        str, typer.Option("--format", help="table, json or csv (one row per report).")
    ] = "table",
    plot: Annotated[
        str | None, typer.Option(help="Also draw the chart into this image file (.png, .svg, .pdf).")
    ] = None,
) -> None:
    """Two actors over time: events each way by PLOVER quad class, a cooperation–conflict score, evidence."""
    from dragoman.corpus.dyads import PERIODS, dyad_series

    (output,) = _check_choices([output], ("table", "json", "csv"), "--format")
    (by,) = _check_choices([by], PERIODS, "--by")
    factualities = _include(include)
    with _open_store(db, read_only=True) as store:
        first, second = _actor(store, a, "A"), _actor(store, b, "B")
        if first == second:
            raise typer.BadParameter(f"{a!r} and {b!r} are the same actor ({first})", param_hint="B")
        try:
            series = dyad_series(store, first, second, by=by, include=factualities, exact=exact)
        except DragomanError as exc:
            raise _fail(str(exc)) from exc
    if plot is not None:
        from dragoman.corpus.plot import plot_dyad

        try:
            written = plot_dyad(series, plot)
        except (OSError, ValueError) as exc:
            raise _fail(f"cannot write the plot {plot}: {exc}") from exc
        render.say_written(Console(stderr=True, highlight=False), written)
    if output == "json":
        render.dyad_json(sys.stdout, series)
    elif output == "csv":
        render.dyad_csv(sys.stdout, series)
    else:
        render.dyad_report(Console(highlight=False), series)


@app.command()
def network(
    db: DbOption = None,
    top: Annotated[int, typer.Option(min=1, help="How many dyads to list.")] = 20,
    include: IncludeOption = None,
) -> None:
    """The actor network in numbers: its size and its strongest dyads (events, not reports)."""
    from dragoman.corpus.graph import actor_graph, strongest_dyads

    factualities = _include(include)
    with _open_store(db, read_only=True) as store:
        graph = actor_graph(store, include=factualities)
        dyads = strongest_dyads(store, top, include=factualities)
        totals = store.counts()
    render.network_report(Console(highlight=False), graph, dyads, totals)


@app.command()
def merges(
    actor: Annotated[str | None, typer.Argument(help="Only the merges into this actor (id or name).")] = None,
    db: DbOption = None,
) -> None:
    """How document-local actors (not in the knowledge base) were merged across documents, and why."""
    with _open_store(db, read_only=True) as store:
        actor_id = _actor(store, actor, "ACTOR") if actor is not None else None
        found = store.merges(actor_id)
    render.merge_table(Console(highlight=False), found)


@app.command()
def unmerge(
    actor: Annotated[str, typer.Argument(help="The corpus actor (id) a document's actor was merged into.")],
    doc: Annotated[str, typer.Option("--doc", help="The document (id or unique prefix) to split off.")],
    db: DbOption = None,
    undo: Annotated[bool, typer.Option("--undo", help="Merge a split-off actor back instead.")] = False,
) -> None:
    """Split a document's actor off a merged corpus actor (kept on re-ingest), or --undo the split."""
    from dragoman.corpus.clusters import recluster

    with _open_store(db) as store:
        doc_id = store.resolve_id(doc)
        if doc_id is None:
            raise typer.BadParameter(f"no document {doc!r} in the store", param_hint="--doc")
        try:
            new_id = store.unsplit_actor(doc_id, actor) if undo else store.split_actor(doc_id, actor)
            recluster(store)
        except DragomanError as exc:
            raise _fail(str(exc)) from exc
    Console(highlight=False).print(f"document {doc_id}: {actor} is now {new_id}")
