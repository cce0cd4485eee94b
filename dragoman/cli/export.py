"""``dragoman export``: the store in the field's formats (registered on the ``dragoman`` app)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from dragoman.cli.app import DbOption, _check_choices, _fail, _open_store, app
from dragoman.corpus.export import FORMATS, export
from dragoman.errors import DragomanError
from dragoman.record import FACTUALITIES


@app.command("export")
def export_command(
    out: Annotated[
        Path, typer.Argument(help="Output file (plover, cameo, graphml, gexf) or folder (parquet, csv).")
    ],
    output: Annotated[
        str,
        typer.Option(
            "--format",
            help="plover (JSON lines), cameo (GDELT-like TSV), parquet or csv (a file per table), "
            "graphml or gexf (the actor network).",
        ),
    ],
    db: DbOption = None,
    factuality: Annotated[
        list[str] | None,
        typer.Option(
            help="Only events presented so: asserted, attributed, hypothetical, future or negated; "
            "repeatable (default: all).",
        ),
    ] = None,
) -> None:
    """Write the stored events, tables or actor network in a standard format."""
    (output,) = _check_choices([output], FORMATS, "--format")
    factualities = _check_choices(factuality, FACTUALITIES, "--factuality")
    with _open_store(db, read_only=True) as store:
        try:
            summary = export(store, output, out, include=factualities)
        except DragomanError as exc:
            raise _fail(str(exc)) from exc
    console = Console(highlight=False, soft_wrap=True)
    if len(summary.files) == 1:
        counts = ", ".join(f"{count} {what}" for what, count in summary.rows.items())
        console.print(f"wrote {escape(str(out))} ({counts})")
        return
    for path in summary.files:
        console.print(f"wrote {escape(str(path))} ({summary.rows[path.name]} rows)")
