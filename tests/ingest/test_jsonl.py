from __future__ import annotations

import json
from pathlib import Path

import pytest

from dragoman.ingest import jsonl


def _write_lines(path: Path, lines: list[str]) -> str:
    path.write_bytes("\n".join(lines).encode("utf-8") + b"\n")
    return str(path)


def test_jsonl_records_become_documents(tmp_path: Path, read_all, article_en: str) -> None:
    record = {
        "id": "a1",
        "text": "  Exactly\r\nas given ",
        "title": "T",
        "date": "2026-01-20",
        "url": "https://example.org/a1",
        "source": "Example Times",
        "extra": [1, 2],
    }
    path = _write_lines(
        tmp_path / "in.jsonl", [json.dumps(record), json.dumps({"id": 7, "text": article_en})]
    )
    docs, errors = read_all([path])
    assert errors == []
    first, second = docs
    assert (first.id, first.text, first.title, first.date) == (
        "a1",
        "  Exactly\r\nas given ",
        "T",
        "2026-01-20",
    )
    assert (first.url, first.source, first.line, first.format) == (
        "https://example.org/a1",
        "Example Times",
        1,
        "jsonl",
    )
    assert (second.id, second.line, second.language) == ("7", 2, "en")


def test_jsonl_malformed_lines_are_reported_and_skipped(tmp_path: Path, read_all) -> None:
    path = _write_lines(
        tmp_path / "in.ndjson",
        [
            '{"id": "1", "text": "one"}',
            '{"id": "2", "text": ',
            "",
            "not json",
            '{"id": "3", "text": "three"}',
        ],
    )
    docs, errors = read_all([path])
    assert [d.id for d in docs] == ["1", "3"]
    assert [d.line for d in docs] == [1, 5]
    assert [e.line for e in errors] == [2, 4]
    assert errors[0].reason.startswith("invalid JSON (")
    assert errors[0].origin == path
    assert str(errors[1]).startswith(f"{path}:4: invalid JSON")


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        ({"id": "x"}, 'no "text" field'),
        ({"id": "x", "text": 42}, '"text" is a number, not a string'),
        ({"id": "x", "text": None}, '"text" is null, not a string'),
        ({"id": "x", "text": ""}, "empty text"),
        ({"id": "x", "text": " \n "}, "empty text"),
        (["text"], "expected a JSON object, got an array"),
    ],
)
def test_jsonl_record_without_text_is_an_error(tmp_path: Path, read_all, record: object, reason: str) -> None:
    path = _write_lines(tmp_path / "in.jsonl", [json.dumps(record)])
    docs, errors = read_all([path])
    assert docs == []
    assert [(e.reason, e.line) for e in errors] == [(reason, 1)]


def test_jsonl_missing_id_is_none(tmp_path: Path, read_all) -> None:
    path = _write_lines(tmp_path / "in.jsonl", ['{"text": "no id here"}', '{"id": null, "text": "nor here"}'])
    docs, _ = read_all([path])
    assert [d.id for d in docs] == [None, None]


def test_jsonl_dates_are_normalised_or_defaulted(tmp_path: Path, read_all) -> None:
    path = _write_lines(
        tmp_path / "in.jsonl",
        [
            '{"text": "a", "date": "2026-01-20T23:30:00-05:00"}',
            '{"text": "b", "date": "2025-12-31T10:00:00Z"}',
            '{"text": "c", "date": "last Tuesday"}',
            '{"text": "d"}',
            '{"text": "e", "date": "2026-02-30"}',
        ],
    )
    docs, errors = read_all([path], default_date="2026-03-01")
    assert errors == []
    assert [d.date for d in docs] == ["2026-01-20", "2025-12-31", "2026-03-01", "2026-03-01", "2026-03-01"]


def test_jsonl_without_default_date_keeps_none(tmp_path: Path, read_all) -> None:
    path = _write_lines(tmp_path / "in.jsonl", ['{"text": "a", "date": "soon"}'])
    docs, _ = read_all([path])
    assert docs[0].date is None


def test_jsonl_invalid_utf8_line_is_an_error(tmp_path: Path, read_all) -> None:
    path = tmp_path / "in.jsonl"
    path.write_bytes(b'{"text": "ok"}\n{"text": "caf\xe9"}\n{"text": "ok again"}\n')
    docs, errors = read_all([str(path)])
    assert [d.line for d in docs] == [1, 3]
    assert errors[0].line == 2
    assert "not UTF-8" in errors[0].reason


def test_jsonl_overlong_line_is_an_error(tmp_path: Path, read_all, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jsonl, "MAX_LINE_BYTES", 1024 * 1024)
    long_line = json.dumps({"text": "x" * (2 * 1024 * 1024)})
    path = _write_lines(tmp_path / "in.jsonl", ['{"text": "before"}', long_line, '{"text": "after"}'])
    docs, errors = read_all([path])
    assert [d.text for d in docs] == ["before", "after"]
    assert [d.line for d in docs] == [1, 3]
    assert errors[0].line == 2
    assert errors[0].reason == "too large (3 MB > 1 MB limit)"


def test_json_array_file_gives_one_document_per_element(tmp_path: Path, read_all) -> None:
    path = tmp_path / "in.json"
    path.write_text(json.dumps([{"id": "a", "text": "first"}, {"id": "b"}], indent=2), encoding="utf-8")
    docs, errors = read_all([str(path)])
    assert [(d.id, d.line) for d in docs] == [("a", 1)]
    assert [(e.line, e.reason) for e in errors] == [(2, 'no "text" field')]


def test_json_file_with_lines_is_read_as_jsonl(tmp_path: Path, read_all) -> None:
    path = _write_lines(
        tmp_path / "in.json", ['{"id": "a", "text": "first"}', '{"id": "b", "text": "second"}']
    )
    docs, errors = read_all([path])
    assert errors == []
    assert [(d.id, d.line, d.format) for d in docs] == [("a", 1, "jsonl"), ("b", 2, "jsonl")]


def test_json_pretty_printed_object_is_one_document(tmp_path: Path, read_all) -> None:
    path = tmp_path / "one.json"
    path.write_text(json.dumps({"id": "solo", "text": "alone"}, indent=2), encoding="utf-8")
    docs, errors = read_all([str(path)])
    assert errors == []
    assert [(d.id, d.text) for d in docs] == [("solo", "alone")]
