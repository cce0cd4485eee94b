"""The store in the field's formats: PLOVER JSON lines, a CAMEO/GDELT-like TSV, tables, the network.

:func:`export` dispatches on the format; each format has its own function. ``include`` names the
factualities of the events exported (``asserted``, ``attributed``, …); empty means all of them.

**PLOVER JSON lines** (:func:`export_plover`): one record per event row (a report), the PLOVER
manual's field names, validated by ``dragoman/schema/plover.schema.json``. **CAMEO TSV**
(:func:`export_cameo`): GDELT-like columns, one row per event (cluster of reports) and pair of
actors, with a header line; the PLOVER intensity in place of GDELT's Goldstein scale, which
Dragoman does not have. Both are described field by field in :mod:`dragoman.corpus.event_data`.

**Tables** (:func:`export_tables`): every table of the store (``_migrations``, bookkeeping, left
out) as one Parquet or CSV file per table in the output folder, written by DuckDB's ``COPY``. In
CSV, list columns are written as JSON arrays. With ``include``, ``events`` and
``event_clusters`` keep only the rows of those factualities; the other tables are whole.

**Network** (:func:`export_graph`): :func:`dragoman.corpus.graph.actor_graph` written with
networkx as GraphML or GEXF.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from dragoman.corpus.event_data import (
    CAMEO_COLUMNS,
    cameo_rows,
    check_factualities,
    plover_records,
)
from dragoman.errors import ExportError
from dragoman.store import Store

FORMATS = ("plover", "cameo", "parquet", "csv", "graphml", "gexf")


@dataclass(frozen=True, slots=True)
class ExportSummary:
    """What an export wrote: its format, its files, and what they hold.

    ``rows``: ``{"records": n}`` (plover), ``{"rows": n}`` (cameo, header not counted),
    ``{"nodes": n, "edges": m}`` (graphml, gexf), or rows per file name (parquet, csv).
    """

    format: str
    files: tuple[Path, ...] = ()
    rows: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        """Rows written over all files."""
        return sum(self.rows.values())


def export(store: Store, format: str, out: str | Path, *, include: Sequence[str] = ()) -> ExportSummary:
    """Write the store in ``format`` (one of :data:`FORMATS`) to ``out``.

    ``out`` is a file for ``plover``, ``cameo``, ``graphml`` and ``gexf``, a folder for ``parquet``
    and ``csv``; missing parent folders are created. ``include``: the factualities of the events
    exported (all when empty).

    Raises:
        ExportError: an unknown format or factuality, or a path that cannot be written.
    """
    out = Path(out)
    if format == "plover":
        return export_plover(store, out, include=include)
    if format == "cameo":
        return export_cameo(store, out, include=include)
    if format in ("parquet", "csv"):
        return export_tables(store, out, file_format=format, include=include)
    if format in ("graphml", "gexf"):
        return export_graph(store, out, file_format=format, include=include)
    raise ExportError(f"unknown export format {format!r}: expected one of {', '.join(FORMATS)}")


def export_plover(store: Store, out: Path, *, include: Sequence[str] = ()) -> ExportSummary:
    """Write :func:`plover_records` to ``out`` as JSON lines (UTF-8, one record per line)."""
    check_factualities(include)
    count = _write_lines(
        out,
        (json.dumps(record, ensure_ascii=False) + "\n" for record in plover_records(store, include=include)),
    )
    return ExportSummary("plover", (out,), {"records": count})


def export_cameo(store: Store, out: Path, *, include: Sequence[str] = ()) -> ExportSummary:
    """Write :func:`cameo_rows` to ``out`` as tab-separated values with a header line.

    Tabs and line breaks inside values become spaces, so that every line splits on tabs into
    exactly :data:`CAMEO_COLUMNS` fields, as GDELT's files do (no quoting).
    """
    rows = cameo_rows(store, include=include)
    _write_lines(out, ("\t".join(row) + "\n" for row in (CAMEO_COLUMNS, *rows)))
    return ExportSummary("cameo", (out,), {"rows": len(rows)})


# -- tables -----------------------------------------------------------------------------------


def table_names(store: Store) -> list[str]:
    """The store's data tables, by name (internal ones, such as ``_migrations``, left out)."""
    rows = store.connection.execute(
        "SELECT table_name FROM duckdb_tables() "
        "WHERE database_name = current_database() AND schema_name = 'main' AND NOT internal "
        "AND NOT starts_with(table_name, '_') ORDER BY table_name"
    ).fetchall()
    return [r[0] for r in rows]


def export_tables(
    store: Store, out: Path, *, file_format: str = "parquet", include: Sequence[str] = ()
) -> ExportSummary:
    """Write every table of :func:`table_names` to ``out/<table>.parquet`` (or ``.csv``, with a header).

    Raises:
        ExportError: an unknown file format or factuality, or a file that cannot be written.
    """
    if file_format not in ("parquet", "csv"):
        raise ExportError(f"unknown table format {file_format!r}: expected parquet or csv")
    factualities = check_factualities(include)
    con = store.connection
    _folder(out)
    files, rows = [], {}
    for table in table_names(store):
        columns = con.execute(
            "SELECT column_name, data_type FROM duckdb_columns() "
            "WHERE database_name = current_database() AND schema_name = 'main' AND table_name = ? "
            "ORDER BY column_index",
            [table],
        ).fetchall()
        select = ", ".join(
            f"to_json({_ident(name)})::VARCHAR AS {_ident(name)}"
            if file_format == "csv" and kind.endswith("[]")
            else _ident(name)
            for name, kind in columns
        )
        where, params = "", []
        if factualities and table == "events":
            where, params = " WHERE list_contains(?::VARCHAR[], factuality)", [factualities]
        elif factualities and table == "event_clusters":
            where = (
                " t WHERE EXISTS (SELECT 1 FROM events e WHERE e.doc_id = t.doc_id AND e.idx = t.idx "
                "AND list_contains(?::VARCHAR[], e.factuality))"
            )
            params = [factualities]
        path = out / f"{table}.{file_format}"
        options = "FORMAT parquet" if file_format == "parquet" else "FORMAT csv, HEADER true"
        try:
            written = con.execute(
                f"COPY (SELECT {select} FROM {_ident(table)}{where} ORDER BY ALL) TO ? ({options})",
                [*params, str(path)],
            ).fetchone()
        except duckdb.Error as exc:
            raise ExportError(f"could not write {path}: {str(exc).strip().splitlines()[0]}") from exc
        files.append(path)
        rows[path.name] = int(written[0]) if written else 0
    return ExportSummary(file_format, tuple(files), rows)


# -- the network ------------------------------------------------------------------------------


def export_graph(
    store: Store, out: Path, *, file_format: str = "graphml", include: Sequence[str] = ()
) -> ExportSummary:
    """Write the actor network (:func:`dragoman.corpus.graph.actor_graph`) as GraphML or GEXF.

    Each edge also gets ``weight``, its number of events, the attribute graph tools (Gephi, yEd,
    Cytoscape) draw by; in GEXF each node's label is its name. The summary counts ``nodes`` and
    ``edges``.
    """
    import networkx as nx

    from dragoman.corpus.graph import actor_graph

    if file_format not in ("graphml", "gexf"):
        raise ExportError(f"unknown graph format {file_format!r}: expected graphml or gexf")
    graph = actor_graph(store, include=check_factualities(include))
    for _, _, attrs in graph.edges(data=True):
        attrs["weight"] = attrs["events"]
    if file_format == "gexf":
        for _, attrs in graph.nodes(data=True):
            attrs["label"] = attrs["name"]
    _check_file(out)
    try:
        if file_format == "graphml":
            nx.write_graphml(graph, out)
        else:
            nx.write_gexf(graph, out)
    except OSError as exc:
        raise ExportError(f"cannot write {out}: {exc.strerror or exc}") from exc
    return ExportSummary(
        file_format, (out,), {"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges()}
    )


# -- helpers ----------------------------------------------------------------------------------


def _ident(name: str) -> str:
    """A SQL identifier, quoted (names come from the store's catalog, never from the user)."""
    return '"' + name.replace('"', '""') + '"'


def _folder(out: Path) -> None:
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"cannot create the folder {out}: {exc.strerror or exc}") from exc


def _check_file(out: Path) -> None:
    """``out`` can be a file: not a folder, its folder created."""
    if out.is_dir():
        raise ExportError(f"{out} is a folder: give a file name for this format")
    _folder(out.parent)


def _write_lines(out: Path, lines: Iterable[str]) -> int:
    """Write ``lines`` (each ending in a line break) to ``out`` as UTF-8; return how many."""
    _check_file(out)
    count = 0
    try:
        with out.open("w", encoding="utf-8", newline="\n") as fh:
            for line in lines:
                fh.write(line)
                count += 1
    except OSError as exc:
        raise ExportError(f"cannot write {out}: {exc.strerror or exc}") from exc
    return count
