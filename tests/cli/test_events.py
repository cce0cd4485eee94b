"""``dragoman events`` and the events of ``dragoman show``, over a store of hand-made records.

No spaCy pipeline is loaded: the records are written straight into the store.
"""

from __future__ import annotations

import csv
import io
import json

import pytest
from rich.console import Console
from typer.testing import CliRunner

from dragoman.cli import app
from dragoman.cli.render import (
    EVENT_CSV_COLUMNS,
    EVENT_SENTENCE_STYLE,
    TRIGGER_STYLE,
    event_table,
    highlighted_text,
    trigger_in_sentence,
)
from dragoman.record import Entity, Event, FramingSpan, Record
from dragoman.store import Store
from tests.stores import json_lines, store_file

TEXT_A = (
    "Analysts said Washington had consulted Baku in October. "
    "Russia did not attack Azerbaijan, officials insisted on January 15."
)
TEXT_B = "Azerbaijan may sanction Armenia next week."

ACTORS = {
    "USA": {"name": "United States", "kind": "country", "country": "USA", "sector": "GOV"},
    "AZE": {"name": "Azerbaijan", "kind": "country", "country": "AZE", "sector": "GOV"},
    "RUS": {"name": "Russia", "kind": "country", "country": "RUS", "sector": None},
    "ARM": {"name": "Armenia", "kind": "country", "country": "ARM", "sector": None},
    "baku": {"name": "Baku", "kind": "location", "country": "AZE", "sector": None},
}


def _span(text: str, word: str) -> tuple[int, int]:
    at = text.index(word)
    return at, at + len(word)


def _records() -> list[Record]:
    first, second = (0, TEXT_A.index("Russia") - 1), (TEXT_A.index("Russia"), len(TEXT_A))
    a = Record(
        id="doc-a",
        text=TEXT_A,
        title="Caucasus diplomacy",
        date="2026-01-20",
        language="en",
        content_hash="a" * 64,
        actors=ACTORS,
        entities=[Entity(*_span(TEXT_A, "Washington"), "Washington", "GPE", "USA")],
        events=[
            Event(
                type="CONSULT",
                source=("USA",),
                target=("AZE",),
                sentence=first,
                trigger=_span(TEXT_A, "consulted"),
                trigger_text="consulted",
                factuality="attributed",
                confidence=0.8,
                cameo="040",
                intensity=1.0,
                date="2025-10",
                date_precision="month",
                date_span=_span(TEXT_A, "October"),
                location="baku",
                attributed_to="Analysts",
            ),
            Event(
                type="ASSAULT",
                source=("RUS",),
                target=("AZE",),
                sentence=second,
                trigger=_span(TEXT_A, "attack"),
                trigger_text="attack",
                factuality="negated",
                confidence=0.7,
                date="2026-01-15",
                date_precision="day",
            ),
        ],
        framing=[FramingSpan(*_span(TEXT_A, "insisted"), "insisted", "Doubt", 0.4)],
    )
    b = Record(
        id="doc-b",
        text=TEXT_B,
        date="2026-02-01",
        language="en",
        content_hash="b" * 64,
        actors=ACTORS,
        events=[
            Event(
                type="SANCTION",
                source=("AZE",),
                target=("ARM",),
                sentence=(0, len(TEXT_B)),
                trigger=_span(TEXT_B, "sanction"),
                trigger_text="sanction",
                factuality="hypothetical",
                confidence=0.6,
                mode="economic",
                date="2026-W06",
                date_precision="week",
            )
        ],
    )
    return [a, b]


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def db(tmp_path):
    return store_file(tmp_path / "events.duckdb", _records())


def test_events_table_lists_date_type_parties_factuality_document_and_sentence(runner, db):
    result = runner.invoke(app, ["events", "--db", db], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "3 reports of events" in out
    assert "United States → Azerbaijan" in out and "Azerbaijan → Armenia" in out
    assert "SANCTION (economic)" in out and "attributed (Analysts)" in out and "negated" in out
    assert "Analysts said Washington had consulted Baku in October." in out
    # oldest first: October 2025, 15 January, the week of 2 February
    assert out.index("2025-10") < out.index("2026-01-15") < out.index("2026-W06")


def test_events_json_is_one_object_per_line_with_event_fields(runner, db):
    result = runner.invoke(app, ["events", "--db", db, "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json_lines(result.stdout)
    assert [(r["doc_id"], r["idx"], r["type"]) for r in rows] == [
        ("doc-a", 0, "CONSULT"),
        ("doc-a", 1, "ASSAULT"),
        ("doc-b", 0, "SANCTION"),
    ]
    first = rows[0]
    assert set(Event.__dataclass_fields__) <= set(first)
    assert first["sentence_text"] == "Analysts said Washington had consulted Baku in October."
    assert first["trigger"] == list(_span(TEXT_A, "consulted")) and first["location"] == "baku"
    assert first["source_names"] == ["United States"] and first["location_name"] == "Baku"


def test_events_csv_has_a_header_and_a_row_per_event(runner, db):
    result = runner.invoke(app, ["events", "--db", db, "--format", "CSV", "--type", "consult"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == list(EVENT_CSV_COLUMNS)
    (row,) = rows
    assert (row["type"], row["source"], row["target_names"], row["date"]) == (
        "CONSULT",
        "USA",
        "Azerbaijan",
        "2025-10",
    )
    assert row["trigger_text"] == "consulted" and row["mode"] == "" and row["factuality"] == "attributed"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--actor", "RUS"], ["ASSAULT"]),
        (["--actor", "armenia"], ["SANCTION"]),  # a name, in any case
        (["--actor", "usa", "--actor", "ARM"], ["CONSULT", "SANCTION"]),  # any of several
        (["--type", "assault", "--type", "SANCTION"], ["ASSAULT", "SANCTION"]),
        (["--factuality", "negated"], ["ASSAULT"]),
        (["--factuality", "Attributed", "--factuality", "hypothetical"], ["CONSULT", "SANCTION"]),
        (["--since", "2025-10-31", "--until", "2025-10-31"], ["CONSULT"]),  # 2025-10 is in October
        (["--since", "2026-01"], ["ASSAULT", "SANCTION"]),
        (["--until", "2025"], ["CONSULT"]),
        (["--since", "2026-02-08"], ["SANCTION"]),  # the week 2026-W06 runs to 8 February
        (["--actor", "AZE", "--since", "2026"], ["ASSAULT", "SANCTION"]),
        (["--limit", "1", "--offset", "1"], ["ASSAULT"]),
        (["--limit", "0"], []),
    ],
)
def test_events_filters(runner, db, args, expected):
    result = runner.invoke(app, ["events", "--db", db, "--format", "json", *args])
    assert result.exit_code == 0, result.output
    assert [r["type"] for r in json_lines(result.stdout)] == expected


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--type", "BOMB"], "'BOMB' is not one of AGREE"),
        (["--factuality", "likely"], "'likely' is not one of asserted"),
        (["--format", "xml"], "'xml' is not one of table, json, csv"),
        (["--since", "last week"], "is not a date"),
        (["--until", "2025-13-01"], "is not a date"),
        (["--actor", "nobody"], "no actor 'nobody'"),
        (["--actor", "x' OR '1'='1"], "no actor"),
        (["--limit", "-1"], "--limit"),
    ],
)
def test_events_bad_values_exit_2_with_a_clear_error(runner, db, args, message):
    result = runner.invoke(app, ["events", "--db", db, *args], env={"COLUMNS": "200"})
    assert result.exit_code == 2
    assert message in " ".join(result.stderr.split())
    assert result.stdout == ""


def test_events_without_store_fails_clearly(runner, tmp_path):
    result = runner.invoke(app, ["events", "--db", str(tmp_path / "missing.duckdb")])
    assert result.exit_code == 1 and "dragoman ingest" in result.stderr


def test_events_user_text_is_never_read_as_markup(runner, tmp_path):
    text = "[bold]NATO[/bold] [red]warned[/] Russia."
    record = Record(
        id="[b]m[/b]",
        text=text,
        date="2026-01-01",
        content_hash="c" * 64,
        actors={"NATO": {"name": "[i]NATO[/i]", "kind": "igo", "country": None, "sector": None}},
        events=[Event("THREATEN", ("NATO",), (), (0, len(text)), _span(text, "warned"), "warned")],
    )
    db = str(tmp_path / "m.duckdb")
    with Store(db) as store:
        store.save(record)
    result = runner.invoke(app, ["events", "--db", db], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "[i]NATO[/i] → ?" in result.stdout and "[red]warned[/]" in result.stdout


def test_show_lists_the_documents_events(runner, db):
    result = runner.invoke(app, ["show", "--db", db, "doc-a"], env={"COLUMNS": "220"})
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "events" in out and "source → target" in out
    assert "United States → Azerbaijan" in out and "Russia → Azerbaijan" in out
    assert "CONSULT" in out and "ASSAULT" in out and "Baku" in out and "Analysts" in out
    assert "2025-10" in out and "negated" in out
    assert "2 events · 1 framing spans" in out


def test_show_json_keeps_the_typed_events(runner, db):
    result = runner.invoke(app, ["show", "--json", "--db", db, "doc-b"])
    assert result.exit_code == 0, result.output
    assert Record.from_dict(json.loads(result.stdout)).events == _records()[1].events


def test_show_highlights_each_trigger_over_its_sentence():
    record = _records()[0]
    spans = {(s.start, s.end, str(s.style)) for s in highlighted_text(record).spans}
    for event in record.events:
        assert (*event.trigger, TRIGGER_STYLE) in spans
        assert (*event.sentence, EVENT_SENTENCE_STYLE) in spans
    # the trigger is styled last, so it shows over the entity and sentence styles
    last = highlighted_text(record).spans[-1]
    assert (last.start, last.end, last.style) == (*record.events[-1].trigger, TRIGGER_STYLE)


def test_trigger_in_sentence_marks_the_trigger_and_shortens_long_sentences(db):
    with Store(db, read_only=True) as store:
        (row,) = store.events(type="CONSULT")
    text = trigger_in_sentence(row)
    (span,) = text.spans
    assert text.plain[span.start : span.end] == "consulted"
    short = trigger_in_sentence(row, width=20)
    (span,) = short.spans
    assert short.plain[span.start : span.end] == "consulted" and short.plain.startswith("…")
    assert len(short.plain) <= 22
    console = Console(width=60, record=True, color_system=None)
    console.print(short)
    assert "consulted" in console.export_text()


@pytest.mark.parametrize("width", [80, 160])
def test_event_table_fits_the_terminal(db, width):
    with Store(db, read_only=True) as store:
        rows = store.events()
    console = Console(width=width, record=True, color_system=None)
    event_table(console, rows)
    out = console.export_text()
    assert max(len(line) for line in out.splitlines()) <= width
    assert "United States → Azerbaijan · doc-a" in out and "consulted Baku" in " ".join(out.split())
