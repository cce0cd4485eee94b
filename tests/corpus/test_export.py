"""Exports over a store of hand-made records: each format read back with its own library."""

from __future__ import annotations

import csv
import json

import jsonschema
import networkx as nx
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest

from dragoman.corpus.event_data import CAMEO_COLUMNS, cameo_rows, plover_records
from dragoman.corpus.export import FORMATS, export, table_names
from dragoman.corpus.graph import actor_graph
from dragoman.errors import ExportError
from dragoman.record import EVENT_TYPES, FACTUALITIES, Event, Record
from dragoman.schema import plover_schema
from dragoman.store import Store

TEXT_A = "Analysts said Washington consulted Baku in October. Russia did not attack Azerbaijan."
TEXT_B = "Washington consulted Azerbaijan in October.\n\nThe two presidents met\tin Baku."

ACTORS = {
    "USA": {"name": "United States", "kind": "country", "country": "USA", "sector": "GOV"},
    "AZE": {"name": "Azerbaijan", "kind": "country", "country": "AZE", "sector": None},
    "RUS": {"name": "Russia", "kind": "country", "country": "RUS", "sector": None},
    "loc:baku": {
        "name": "Baku",
        "kind": "location",
        "country": "AZE",
        "sector": None,
        "lat": 40.37767,
        "lon": 49.89201,
        "geonameid": 587084,
    },
    # a tab in a name must not break the TSV
    "org:odd": {"name": "Odd\tName", "kind": "organization", "country": None, "sector": None},
}


def _span(text: str, word: str) -> tuple[int, int]:
    at = text.index(word)
    return at, at + len(word)


def _sentence(text: str, word: str) -> tuple[int, int]:
    at = text.index(word)
    start = max(text.rfind(". ", 0, at) + 2, text.rfind("\n", 0, at) + 1, 0)
    end = text.find(".", at) + 1
    return start, end


def _event(
    text: str, trigger: str, type_: str, source: tuple[str, ...], target: tuple[str, ...], **kw
) -> Event:
    return Event(
        type=type_,
        source=source,
        target=target,
        sentence=_sentence(text, trigger),
        trigger=_span(text, trigger),
        trigger_text=trigger,
        **kw,
    )


def _records() -> list[Record]:
    a = Record(
        id="doc-a",
        text=TEXT_A,
        title="Caucasus diplomacy",
        date="2026-01-20",
        source="Publisher A",
        url="https://example.org/a",
        language="en",
        content_hash="a" * 64,
        actors=ACTORS,
        events=[
            _event(
                TEXT_A, "consulted", "CONSULT", ("USA",), ("AZE",), factuality="attributed", confidence=0.6,
                cameo="040", intensity=2.5, date="2025-10", date_precision="month",
                date_span=_span(TEXT_A, "October"), location="loc:baku", attributed_to="Analysts",
            ),
            _event(
                TEXT_A, "attack", "ASSAULT", ("RUS",), ("AZE",), factuality="negated", confidence=0.7,
                cameo="190", intensity=-10.0,
            ),
        ],
    )  # fmt: skip
    b = Record(
        id="doc-b",
        text=TEXT_B,
        title="Talks",
        date="2026-01-21",
        source="Publisher B",
        url=None,
        language="en",
        content_hash="b" * 64,
        actors=ACTORS,
        events=[
            _event(
                TEXT_B, "consulted", "CONSULT", ("USA",), ("AZE",), confidence=0.9, cameo="040",
                intensity=2.5, date="2025-10", date_precision="month",
            ),
            # a meeting: all parties as the actor, no recipient, and no CAMEO code
            _event(TEXT_B, "met", "CONSULT", ("USA", "org:odd"), (), confidence=0.5, mode=None),
        ],
    )  # fmt: skip
    return [a, b]


@pytest.fixture
def store():
    with Store(":memory:") as s:
        for record in _records():
            s.save(record)
        # the two reports of the October consultation are one event
        s.replace_event_clusters([("doc-a", 0, "ev-october"), ("doc-b", 0, "ev-october")])
        yield s


# -- PLOVER -------------------------------------------------------------------------------------


def test_plover_lines_round_trip_and_validate_against_the_schema(store, tmp_path):
    out = tmp_path / "events.jsonl"
    summary = export(store, "plover", out)
    lines = out.read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert summary.rows == {"records": 4} and len(records) == 4
    validator = jsonschema.Draft202012Validator(plover_schema())
    for record in records:
        validator.validate(record)
    assert [r["id"] for r in records] == ["doc-a:0", "doc-a:1", "doc-b:0", "doc-b:1"]


def test_plover_schema_is_valid_and_names_the_record_constants():
    schema = plover_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["properties"]["event"]["items"]["enum"] == list(EVENT_TYPES)
    assert schema["properties"]["factuality"]["enum"] == list(FACTUALITIES)


def test_plover_schema_rejects_an_unknown_field_and_a_bad_quad(store):
    record = next(plover_records(store))
    validator = jsonschema.Draft202012Validator(plover_schema())
    assert not list(validator.iter_errors(record))
    assert list(validator.iter_errors({**record, "source": "x"}))
    assert list(validator.iter_errors({**record, "quad_code": 5}))


def test_plover_record_fields_follow_the_manual(store):
    records = {r["id"]: r for r in plover_records(store)}
    first = records["doc-a:0"]
    assert first["actor"] == [
        {
            "code": "USA",
            "sector": "GOV",
            "identifier_id": "USA",
            "identifier_text": "United States",
            "kind": "country",
        }
    ]
    assert [e["identifier_id"] for e in first["recipient"]] == ["AZE"]
    assert first["event"] == ["CONSULT"] and first["quad_code"] == 1 and first["event_scale"] == 2.5
    # a month's date covers its days
    assert (first["date"], first["enddate"], first["date_value"]) == ("2025-10-01", "2025-10-31", "2025-10")
    assert first["event_loc"] == {
        "identifier_id": "loc:baku",
        "resolved_place": "Baku",
        "country_code": "AZE",
        "lat": 40.37767,
        "lon": 49.89201,
        "geonameid": 587084,
    }
    assert first["link"] == "ev-october" and records["doc-b:0"]["link"] == "ev-october"
    # an unclustered report is its own event
    assert records["doc-a:1"]["link"] == "doc-a:1"
    assert first["factuality"] == "attributed" and first["attributed_to"] == "Analysts"
    assert first["cite_info"]["citation"] == "doc-a" and first["cite_info"]["url"] == "https://example.org/a"
    assert first["cite_info"]["publication"] == "Publisher A"


def test_plover_offsets_point_into_the_document(store):
    texts = {"doc-a": TEXT_A, "doc-b": TEXT_B}
    for record in plover_records(store):
        text = texts[record["cite_info"]["citation"]]
        info = record["text_info"]
        assert text[info["start"] : info["end"]] == record["text"]
        assert [text[info["event_start"] : info["event_end"]]] == record["event_text"]
    first = next(plover_records(store))
    assert TEXT_A[first["text_info"]["date_start"] : first["text_info"]["date_end"]] == "October"


def test_plover_undated_event_takes_its_document_date(store):
    records = {r["id"]: r for r in plover_records(store)}
    assert (records["doc-a:1"]["date"], records["doc-a:1"]["enddate"]) == ("2026-01-20", None)


def test_plover_include_keeps_only_those_factualities(store, tmp_path):
    out = tmp_path / "asserted.jsonl"
    export(store, "plover", out, include=["Asserted"])
    ids = [json.loads(line)["id"] for line in out.read_text().splitlines()]
    assert ids == ["doc-b:0", "doc-b:1"]


# -- CAMEO TSV ----------------------------------------------------------------------------------


def _tsv(path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert rows[0] == list(CAMEO_COLUMNS)
    assert all(len(row) == len(CAMEO_COLUMNS) for row in rows)
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_cameo_tsv_has_a_row_per_event_and_actor_pair(store, tmp_path):
    out = tmp_path / "events.tsv"
    summary = export(store, "cameo", out)
    rows = _tsv(out)
    # the October event (two reports) once, the attack once, the meeting once per party
    assert summary.rows == {"rows": 4} and len(rows) == 4
    assert [r["GLOBALEVENTID"] for r in rows] == ["1", "2", "3", "4"]
    october = next(r for r in rows if r["ClusterID"] == "ev-october")
    assert (october["NumMentions"], october["NumArticles"], october["NumSources"]) == ("2", "2", "2")
    # the representative report is the more confident one, from doc-b (no URL, no place)
    assert october["DocID"] == "doc-b" and october["SOURCEURL"] == "" and october["ActionGeo_FullName"] == ""
    assert (october["Actor1Code"], october["Actor1CountryCode"], october["Actor1Type1Code"]) == (
        "USA",
        "USA",
        "GOV",
    )
    assert (october["Actor2Code"], october["Actor2Name"]) == ("AZE", "Azerbaijan")
    assert (october["SQLDATE"], october["MonthYear"], october["Year"]) == ("20251001", "202510", "2025")
    assert (october["EventCode"], october["EventBaseCode"], october["EventRootCode"]) == ("040", "040", "04")
    assert (october["QuadClass"], october["PloverIntensity"]) == ("1", "2.5")
    assert october["IsRootEvent"] == "1"  # doc-b's first paragraph
    assert "GoldsteinScale" not in rows[0]


def test_cameo_tsv_meeting_and_attack(store, tmp_path):
    out = tmp_path / "events.tsv"
    export(store, "cameo", out)
    rows = _tsv(out)
    meeting = [r for r in rows if r["ClusterID"] == "doc-b:1"]
    assert [r["Actor1Code"] for r in meeting] == ["USA", "org:odd"]
    assert all(r["Actor2Code"] == "" for r in meeting)
    assert meeting[1]["Actor1Name"] == "Odd Name"  # the tab became a space
    assert meeting[0]["IsRootEvent"] == "0" and meeting[0]["EventCode"] == ""
    attack = next(r for r in rows if r["ClusterID"] == "doc-a:1")
    assert (attack["EventRootCode"], attack["QuadClass"], attack["PloverIntensity"]) == ("19", "4", "-10")
    assert attack["Factuality"] == "negated" and attack["SOURCEURL"] == "https://example.org/a"


def test_cameo_include_counts_only_the_reports_kept(store):
    rows = [dict(zip(CAMEO_COLUMNS, r, strict=True)) for r in cameo_rows(store, include=["attributed"])]
    assert [(r["ClusterID"], r["NumMentions"], r["DocID"]) for r in rows] == [("ev-october", "1", "doc-a")]
    assert rows[0]["ActionGeo_FullName"] == "Baku" and rows[0]["ActionGeo_CountryCode"] == "AZE"
    assert (rows[0]["ActionGeo_Lat"], rows[0]["ActionGeo_Long"]) == ("40.3777", "49.892")


# -- tables -------------------------------------------------------------------------------------


def _count(store: Store, table: str) -> int:
    return store._con.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]


def test_table_names_are_the_data_tables(store):
    names = table_names(store)
    assert "_migrations" not in names
    assert {"documents", "events", "event_clusters", "actor_merges", "actor_splits", "mentions"} <= set(names)


def test_parquet_tables_round_trip(store, tmp_path):
    summary = export(store, "parquet", tmp_path / "tables")
    assert sorted(p.name for p in summary.files) == sorted(f"{t}.parquet" for t in table_names(store))
    for path in summary.files:
        table = pq.read_table(path)
        assert table.num_rows == _count(store, path.stem) == summary.rows[path.name]
    events = pq.read_table(tmp_path / "tables" / "events.parquet").to_pylist()
    assert events[0]["source"] == ["USA"] and events[0]["trigger_text"] == "consulted"
    docs = {d["id"]: d for d in pq.read_table(tmp_path / "tables" / "documents.parquet").to_pylist()}
    assert docs["doc-b"]["text"] == TEXT_B
    clusters = pq.read_table(tmp_path / "tables" / "event_clusters.parquet").to_pylist()
    assert {c["cluster_id"] for c in clusters} == {"ev-october"}


def test_csv_tables_round_trip(store, tmp_path):
    summary = export(store, "csv", tmp_path / "tables")
    for path in summary.files:
        assert pacsv.read_csv(path).num_rows == _count(store, path.stem)
    with (tmp_path / "tables" / "events.csv").open(encoding="utf-8", newline="") as fh:
        events = list(csv.DictReader(fh))
    # list columns are JSON arrays
    assert json.loads(events[3]["source"]) == ["USA", "org:odd"] and json.loads(events[3]["target"]) == []
    with (tmp_path / "tables" / "documents.csv").open(encoding="utf-8", newline="") as fh:
        docs = {d["id"]: d for d in csv.DictReader(fh)}
    assert docs["doc-b"]["text"] == TEXT_B  # newlines and tabs survive CSV quoting


def test_tables_include_filters_events_and_their_clusters(store, tmp_path):
    summary = export(store, "parquet", tmp_path / "tables", include=["negated", "attributed"])
    assert summary.rows["events.parquet"] == 2
    assert summary.rows["event_clusters.parquet"] == 1
    assert summary.rows["documents.parquet"] == 2


# -- the network --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "read"), [("graphml", nx.read_graphml), ("gexf", lambda p: nx.read_gexf(p, relabel=False))]
)
def test_graph_round_trips(store, tmp_path, fmt, read):
    out = tmp_path / f"network.{fmt}"
    summary = export(store, fmt, out, include=[])
    expected = actor_graph(store, include=())
    back = read(out)
    assert summary.rows == {"nodes": expected.number_of_nodes(), "edges": expected.number_of_edges()}
    assert set(back.nodes) == set(expected.nodes)
    assert set(back.edges) == set(expected.edges)
    for a, b, attrs in expected.edges(data=True):
        assert back.edges[a, b]["weight"] == attrs["events"]
        assert back.edges[a, b]["events"] == attrs["events"]
        assert back.edges[a, b]["score"] == pytest.approx(attrs["score"])
    assert back.nodes["USA"]["name"] == "United States"
    assert back.edges["RUS", "AZE"]["material_conflict"] == 1


def test_graph_include_leaves_out_other_factualities(store, tmp_path):
    out = tmp_path / "network.graphml"
    export(store, "graphml", out, include=["asserted"])
    assert not nx.read_graphml(out).has_edge("RUS", "AZE")


# -- errors -------------------------------------------------------------------------------------


def test_export_formats_are_the_cli_choices():
    assert FORMATS == ("plover", "cameo", "parquet", "csv", "graphml", "gexf")


@pytest.mark.parametrize(
    ("fmt", "include", "message"),
    [("xml", (), "unknown export format"), ("plover", ("rumoured",), "unknown factuality")],
)
def test_export_rejects_unknown_format_and_factuality(store, tmp_path, fmt, include, message):
    with pytest.raises(ExportError, match=message):
        export(store, fmt, tmp_path / "out", include=include)
    assert not (tmp_path / "out").exists()


def test_export_to_a_folder_where_a_file_is_needed_fails(store, tmp_path):
    with pytest.raises(ExportError, match="is a folder"):
        export(store, "cameo", tmp_path)
