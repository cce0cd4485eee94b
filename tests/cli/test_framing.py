"""``dragoman framing`` and the framing of ``dragoman show``, over a store of hand-made records.

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
    ENTITY_STYLE,
    EVENT_SENTENCE_STYLE,
    FRAMING_CSV_COLUMNS,
    FRAMING_POLARITY_STYLES,
    FRAMING_STYLE,
    FRAMING_SUMMARY_CSV_COLUMNS,
    TIMEX_STYLE,
    TRIGGER_STYLE,
    framing_table,
    highlighted_text,
    span_in_context,
    tone_lines,
)
from dragoman.record import Entity, FramingSpan, Record, Timex
from dragoman.store import Store
from tests.stores import json_lines, store_file

ACTORS = {
    "USA": {"name": "United States", "kind": "country", "country": "USA", "sector": None},
    "AZE": {"name": "Azerbaijan", "kind": "country", "country": "AZE", "sector": None},
    "ARM": {"name": "Armenia", "kind": "country", "country": "ARM", "sector": None},
}

TEXT_A = (
    "The ill-fated Section 907 hurt Azerbaijan in 1992. Its noble mission inspired Baku.\n"
    "Armenia's reckless leaders failed again."
)
TEXT_B = "Victory in the Patriotic War! The brilliant strategy of Azerbaijan won."


def _span(
    text: str, words: str, technique: str, confidence: float, target: str | None = None,
    polarity: str | None = None,
) -> FramingSpan:  # fmt: skip
    at = text.index(words)
    return FramingSpan(at, at + len(words), words, technique, confidence, target, polarity)


def _at(text: str, words: str) -> tuple[int, int]:
    at = text.index(words)
    return at, at + len(words)


def _records() -> list[Record]:
    a = Record(
        id="doc-a",
        text=TEXT_A,
        title="Section 907",
        date="2026-01-20",
        language="en",
        content_hash="a" * 64,
        actors=ACTORS,
        entities=[Entity(*_at(TEXT_A, "Azerbaijan"), "Azerbaijan", "GPE", "AZE")],
        timexes=[Timex(*_at(TEXT_A, "1992"), "1992", "DATE", "1992")],
        framing=[
            _span(TEXT_A, "ill-fated", "Loaded_Language", 0.9, "USA", "negative"),
            _span(TEXT_A, "noble mission", "Loaded_Language", 0.7, "AZE", "positive"),
            _span(TEXT_A, "reckless leaders", "Name_Calling,Labeling", 0.8, "ARM", "negative"),
            _span(TEXT_A, "failed again", "Doubt", 0.3),
        ],
    )
    b = Record(
        id="doc-b",
        text=TEXT_B,
        title="Victory",
        date="2025-11-08",
        language="en",
        content_hash="b" * 64,
        actors=ACTORS,
        framing=[
            _span(TEXT_B, "Victory in the Patriotic War", "Flag-Waving", 0.5, "AZE", "positive"),
            _span(TEXT_B, "brilliant", "Loaded_Language", 0.6, "AZE", "positive"),
        ],
    )
    return [a, b]


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def db(tmp_path):
    return store_file(tmp_path / "framing.duckdb", _records())


def _flat(output: str) -> str:
    return " ".join(output.split())


def test_framing_table_lists_technique_target_tone_confidence_context_and_document(runner, db):
    result = runner.invoke(app, ["framing", "--db", db], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "6 framing spans" in out
    assert "Name_Calling,Labeling" in out and "Armenia → negative" in out and "0.80" in out
    assert "Azerbaijan → positive" in out and "United States → negative" in out
    assert "Armenia's reckless leaders failed again." in out and "doc-a · 2026-01-20" in out
    # by document date: doc-b (November 2025) before doc-a (January 2026)
    assert out.index("Victory in the Patriotic War") < out.index("ill-fated")


def test_framing_json_is_one_object_per_line_with_span_fields(runner, db):
    result = runner.invoke(app, ["framing", "--db", db, "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json_lines(result.stdout)
    assert [(r["doc_id"], r["idx"], r["technique"]) for r in rows] == [
        ("doc-b", 0, "Flag-Waving"),
        ("doc-b", 1, "Loaded_Language"),
        ("doc-a", 0, "Loaded_Language"),
        ("doc-a", 1, "Loaded_Language"),
        ("doc-a", 2, "Name_Calling,Labeling"),
        ("doc-a", 3, "Doubt"),
    ]
    ill = rows[2]
    assert set(FramingSpan.__dataclass_fields__) <= set(ill)
    assert (ill["text"], ill["target"], ill["target_name"], ill["polarity"]) == (
        "ill-fated",
        "USA",
        "United States",
        "negative",
    )
    assert ill["context"] == "The ill-fated Section 907 hurt Azerbaijan in 1992."
    assert ill["doc_title"] == "Section 907" and ill["doc_date"] == "2026-01-20"


def test_framing_csv_has_a_header_and_a_row_per_span(runner, db):
    result = runner.invoke(
        app, ["framing", "--db", db, "--format", "CSV", "--technique", "name_calling,labeling"]
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == list(FRAMING_CSV_COLUMNS)
    (row,) = rows
    assert (row["technique"], row["text"], row["target"], row["target_name"], row["polarity"]) == (
        "Name_Calling,Labeling",
        "reckless leaders",
        "ARM",
        "Armenia",
        "negative",
    )
    assert (row["start"], row["end"]) == tuple(str(i) for i in _at(TEXT_A, "reckless leaders"))
    assert row["context"] == "Armenia's reckless leaders failed again."


def test_framing_csv_leaves_missing_values_empty(runner, db):
    result = runner.invoke(app, ["framing", "--db", db, "--format", "csv", "--technique", "Doubt"])
    (row,) = list(csv.DictReader(io.StringIO(result.stdout)))
    assert (row["target"], row["target_name"], row["polarity"]) == ("", "", "")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--doc", "doc-b"], ["Victory in the Patriotic War", "brilliant"]),
        (["--doc", "doc-a", "--limit", "1"], ["ill-fated"]),
        (["--actor", "ARM"], ["reckless leaders"]),
        (["--actor", "azerbaijan"], ["Victory in the Patriotic War", "brilliant", "noble mission"]),
        (["--actor", "usa", "--actor", "Armenia"], ["ill-fated", "reckless leaders"]),
        (["--technique", "LOADED_LANGUAGE"], ["brilliant", "ill-fated", "noble mission"]),
        (
            ["--technique", "doubt", "--technique", "Flag-Waving"],
            ["Victory in the Patriotic War", "failed again"],
        ),
        (["--polarity", "NEGATIVE"], ["ill-fated", "reckless leaders"]),
        (["--polarity", "positive", "--doc", "doc-a"], ["noble mission"]),
        (
            ["--actor", "AZE", "--technique", "Loaded_Language", "--polarity", "positive"],
            ["brilliant", "noble mission"],
        ),
        (["--limit", "2", "--offset", "2"], ["ill-fated", "noble mission"]),
        (["--limit", "0"], []),
        (["--min-confidence", "0.7"], ["ill-fated", "noble mission", "reckless leaders"]),
        (["--min-confidence", "0.6", "--actor", "AZE"], ["brilliant", "noble mission"]),
        (["--min-confidence", "1"], []),
    ],
)
def test_framing_filters(runner, db, args, expected):
    result = runner.invoke(app, ["framing", "--db", db, "--format", "json", *args])
    assert result.exit_code == 0, result.output
    assert [r["text"] for r in json_lines(result.stdout)] == expected


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--technique", "Propaganda"], "'Propaganda' is not one of Loaded_Language"),
        (["--technique", "Loaded Language"], "is not one of"),
        (["--polarity", "neutral"], "'neutral' is not one of positive, negative"),
        (["--format", "xml"], "'xml' is not one of table, json, csv"),
        (["--actor", "nobody"], "no actor 'nobody'"),
        (["--actor", "x' OR '1'='1"], "no actor"),
        (["--doc", "doc-z"], "no document 'doc-z'"),
        (["--doc", "doc-"], "no document 'doc-'"),  # a prefix of two documents names neither
        (["--limit", "-1"], "--limit"),
        (["--min-confidence", "1.5"], "--min-confidence"),
        (["--min-confidence", "-0.1"], "--min-confidence"),
        (["--summary", "--polarity", "both"], "'both' is not one of positive, negative"),
    ],
)
def test_framing_bad_values_exit_2_with_a_clear_error(runner, db, args, message):
    result = runner.invoke(app, ["framing", "--db", db, *args], env={"COLUMNS": "200"})
    assert result.exit_code == 2
    assert message in _flat(result.stderr)
    assert result.stdout == ""


def test_framing_without_store_fails_clearly(runner, tmp_path):
    result = runner.invoke(app, ["framing", "--db", str(tmp_path / "missing.duckdb")])
    assert result.exit_code == 1 and "dragoman ingest" in result.stderr


def test_framing_doc_accepts_a_unique_prefix(runner, db):
    result = runner.invoke(app, ["framing", "--db", db, "--doc", "doc-b", "--format", "json"])
    prefixed = runner.invoke(app, ["framing", "--db", db, "--doc", "doc-b"[:5], "--format", "json"])
    assert result.stdout == prefixed.stdout != ""


def test_framing_summary_counts_techniques_and_whom_the_corpus_praises_and_attacks(runner, db):
    result = runner.invoke(app, ["framing", "--db", db, "--summary"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    out = _flat(result.stdout)
    assert "6 framing spans in 2 document(s) of the corpus" in out
    assert "Loaded_Language │ 3 │ 2 │ 1 │" in out
    assert "Azerbaijan (AZE) │ 3 │ │" in out and "Armenia (ARM) │ │ 1 │" in out
    assert "“reckless leaders” (doc-a)" in out
    # the most praised-or-attacked actor first
    assert out.index("Azerbaijan (AZE)") < out.index("Armenia (ARM)")


def test_framing_summary_json_has_counts_and_evidence(runner, db):
    result = runner.invoke(app, ["framing", "--db", db, "--summary", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["spans"], data["documents"]) == (6, 2)
    assert [(t["technique"], t["spans"]) for t in data["techniques"]] == [
        ("Loaded_Language", 3),
        ("Doubt", 1),
        ("Flag-Waving", 1),
        ("Name_Calling,Labeling", 1),
    ]
    aze = data["actors"][0]
    assert (aze["actor"], aze["name"], aze["praise"], aze["attack"]) == ("AZE", "Azerbaijan", 3, 0)
    assert [e["text"] for e in aze["evidence"]["praise"]] == [
        "noble mission",
        "brilliant",
        "Victory in the Patriotic War",
    ]  # most confident first


def test_framing_summary_csv_has_a_row_per_technique_and_actor(runner, db):
    result = runner.invoke(app, ["framing", "--db", db, "--summary", "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert tuple(rows[0]) == FRAMING_SUMMARY_CSV_COLUMNS
    assert ["technique", "Loaded_Language", "", "3", "2", "1"] in rows
    assert [r for r in rows if r[0] == "actor"] == [
        ["actor", "AZE", "Azerbaijan", "3", "3", "0"],
        ["actor", "ARM", "Armenia", "1", "0", "1"],
        ["actor", "USA", "United States", "1", "0", "1"],
    ]


@pytest.mark.parametrize(
    ("args", "spans", "actors"),
    [
        (["--doc", "doc-b"], 2, [("AZE", 2, 0)]),
        (["--actor", "Armenia"], 1, [("ARM", 0, 1)]),
        (["--polarity", "negative"], 2, [("ARM", 0, 1), ("USA", 0, 1)]),
        (["--technique", "Loaded_Language", "--limit", "1"], 3, [("AZE", 2, 0)]),
        (["--min-confidence", "0.75"], 2, [("ARM", 0, 1), ("USA", 0, 1)]),
    ],
)
def test_framing_summary_filters(runner, db, args, spans, actors):
    result = runner.invoke(app, ["framing", "--db", db, "--summary", "--format", "json", *args])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["spans"] == spans
    assert [(a["actor"], a["praise"], a["attack"]) for a in data["actors"]] == actors


def test_framing_summary_of_one_document_names_it(runner, db):
    result = runner.invoke(
        app, ["framing", "--db", db, "--summary", "--doc", "doc-b"], env={"COLUMNS": "200"}
    )
    assert result.exit_code == 0, result.output
    assert "2 framing spans in 1 document(s) of document doc-b" in _flat(result.stdout)
    assert "Armenia" not in result.stdout


def test_framing_summary_says_when_no_span_praises_or_attacks(runner, db):
    result = runner.invoke(app, ["framing", "--db", db, "--summary", "--technique", "doubt"])
    assert result.exit_code == 0, result.output
    assert "no span praises or attacks an actor" in result.stdout


def test_framing_user_text_is_never_read_as_markup(runner, tmp_path):
    text = "[bold]NATO[/bold] is a [red]wicked[/] alliance."
    record = Record(
        id="m",
        text=text,
        date="2026-01-01",
        content_hash="c" * 64,
        actors={"NATO": {"name": "[i]NATO[/i]", "kind": "igo", "country": None, "sector": None}},
        framing=[_span(text, "[red]wicked[/]", "Loaded_Language", 0.9, "NATO", "negative")],
    )
    db = str(tmp_path / "m.duckdb")
    with Store(db) as store:
        store.save(record)
    result = runner.invoke(app, ["framing", "--db", db], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "[i]NATO[/i] → negative" in result.stdout and "[red]wicked[/]" in result.stdout
    summary = runner.invoke(app, ["framing", "--db", db, "--summary"], env={"COLUMNS": "200"})
    assert "[i]NATO[/i] (NATO)" in summary.stdout and "“[red]wicked[/]”" in summary.stdout
    shown = runner.invoke(app, ["show", "--db", db, "m"], env={"COLUMNS": "200"})
    assert "[i]NATO[/i] (NATO): praised 0 · attacked 1 (“[red]wicked[/]”)" in shown.stdout


def test_span_in_context_marks_the_span_and_shortens_long_sentences(db):
    with Store(db, read_only=True) as store:
        (row,) = store.framing(technique="Name_Calling,Labeling")
    text = span_in_context(row)
    (span,) = text.spans
    assert text.plain == "Armenia's reckless leaders failed again."
    assert text.plain[span.start : span.end] == "reckless leaders"
    assert str(span.style) == FRAMING_POLARITY_STYLES["negative"]
    short = span_in_context(row, width=20)
    (span,) = short.spans
    assert short.plain[span.start : span.end] == "reckless leaders" and short.plain.startswith("…")
    assert len(short.plain) <= 22


@pytest.mark.parametrize("width", [80, 160])
def test_framing_table_fits_the_terminal(db, width):
    with Store(db, read_only=True) as store:
        rows = store.framing()
    console = Console(width=width, record=True, color_system=None)
    framing_table(console, rows)
    out = console.export_text()
    assert max(len(line) for line in out.splitlines()) <= width
    assert "Its noble mission inspired Baku." in _flat(out)


def test_show_lists_the_documents_framing_and_whom_it_praises_and_attacks(runner, db):
    result = runner.invoke(app, ["show", "--db", db, "doc-a"], env={"COLUMNS": "220"})
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "framing" in out and "technique" in out and "polarity" in out
    for words in ("ill-fated", "noble mission", "reckless leaders", "failed again"):
        assert words in out
    assert "Name_Calling,Labeling" in out and "Doubt" in out
    assert "United States (USA)" in out and "Armenia (ARM)" in out
    assert "Azerbaijan (AZE): praised 1 (“noble mission”) · attacked 0" in out
    assert "United States (USA): praised 0 · attacked 1 (“ill-fated”)" in out
    assert "4 framing spans" in out


def test_show_tone_line_shortens_long_evidence():
    record = _records()[1]
    record.framing = record.framing * 2
    (line,) = tone_lines(record, examples=3)
    victory = "“Victory in the Patriotic War”"
    assert line.plain.endswith(f"praised 4 ({victory}, “brilliant”, {victory}, …) · attacked 0")


def test_show_of_a_document_without_framing_has_no_framing_table(runner, tmp_path):
    db = str(tmp_path / "plain.duckdb")
    with Store(db) as store:
        store.save(Record(id="plain", text="Nothing to see.", content_hash="d" * 64))
    result = runner.invoke(app, ["show", "--db", db, "plain"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "technique" not in result.stdout and "0 framing spans" in result.stdout


def test_show_highlights_framing_spans_in_a_style_of_their_own():
    record = _records()[0]
    spans = [(s.start, s.end, str(s.style)) for s in highlighted_text(record).spans]
    for f in record.framing:
        style = FRAMING_POLARITY_STYLES.get(f.polarity or "", FRAMING_STYLE)
        assert (f.start, f.end, style) in spans
    styles = {FRAMING_STYLE, *FRAMING_POLARITY_STYLES.values()}
    assert len(styles) == 3
    assert not styles & {ENTITY_STYLE, TIMEX_STYLE, EVENT_SENTENCE_STYLE, TRIGGER_STYLE}
    # framing is laid down before entities and time expressions, which show over its background
    framing_at = spans.index((*_at(TEXT_A, "ill-fated"), FRAMING_POLARITY_STYLES["negative"]))
    assert framing_at < spans.index((*_at(TEXT_A, "Azerbaijan"), ENTITY_STYLE))
    assert framing_at < spans.index((*_at(TEXT_A, "1992"), TIMEX_STYLE))


def test_show_renders_framing_marks_on_the_text(runner, db):
    env = {"COLUMNS": "200", "FORCE_COLOR": "1", "TERM": "xterm-256color"}
    result = runner.invoke(app, ["show", "--db", db, "doc-a"], env=env)
    assert result.exit_code == 0, result.output
    # the text is printed with ANSI styles: "noble mission" on a green background (SGR 48;5;22)
    before = result.stdout.split("noble mission", 1)[0]
    assert before.endswith("m") and "48;5;22" in before.rsplit("\x1b[", 1)[-1]
