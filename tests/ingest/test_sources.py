from __future__ import annotations

import builtins
import io
import os
from pathlib import Path

import pytest

from dragoman.errors import InputError, UnsupportedInput
from dragoman.ingest import iter_inputs, sources


def test_folder_is_walked_recursively_in_sorted_order(tmp_path: Path, read_all) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "deeper").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "c.txt").write_text("third", encoding="utf-8")
    (tmp_path / "a.txt").write_text("first", encoding="utf-8")
    (tmp_path / "b" / "deeper" / "z.txt").write_text("second-deep", encoding="utf-8")
    (tmp_path / "b" / "a.jsonl").write_text('{"id": "j", "text": "second"}\n', encoding="utf-8")
    (tmp_path / ".secret.txt").write_text("hidden", encoding="utf-8")
    (tmp_path / ".hidden" / "x.txt").write_text("hidden too", encoding="utf-8")
    docs, errors = read_all([str(tmp_path)])
    assert errors == []
    assert [d.text for d in docs] == ["first", "second", "second-deep", "third"]
    assert docs[1].origin == os.path.join(str(tmp_path), "b", "a.jsonl")


def test_nonexistent_path_is_an_error(tmp_path: Path, read_all) -> None:
    missing = str(tmp_path / "nope.txt")
    docs, errors = read_all([missing])
    assert docs == []
    assert (errors[0].origin, errors[0].reason) == (missing, "no such file or directory")


def test_unreadable_file_in_folder_is_an_error_and_others_are_read(tmp_path: Path, read_all) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("readable", encoding="utf-8")
    locked = tmp_path / "sub" / "b.txt"
    locked.write_text("locked", encoding="utf-8")
    (tmp_path / "sub" / "c.txt").write_text("also readable", encoding="utf-8")
    locked.chmod(0)
    try:
        if os.geteuid() == 0:
            pytest.skip("running as root: chmod 000 does not stop reads (see the monkeypatched test)")
        docs, errors = read_all([str(tmp_path)])
    finally:
        locked.chmod(0o644)
    assert [d.text for d in docs] == ["readable", "also readable"]
    assert [(e.origin, e.reason) for e in errors] == [(str(locked), "cannot read: Permission denied")]


def test_unreadable_file_simulated_is_an_error(
    tmp_path: Path, read_all, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.txt").write_text("readable", encoding="utf-8")
    locked = tmp_path / "b.txt"
    locked.write_text("locked", encoding="utf-8")
    real_open = builtins.open

    def fake_open(file, *args, **kwargs):
        if str(file) == str(locked):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", fake_open)
    docs, errors = read_all([str(tmp_path)])
    assert [d.text for d in docs] == ["readable"]
    assert [(e.origin, e.reason) for e in errors] == [(str(locked), "cannot read: Permission denied")]


def test_stdin_jsonl_is_sniffed(read_all) -> None:
    data = b'\n  {"id": "s1", "text": "from stdin"}\nbroken\n{"id": "s2", "text": "more"}\n'
    docs, errors = read_all(["-"], stdin=io.BytesIO(data))
    assert [(d.id, d.origin, d.line, d.format) for d in docs] == [
        ("s1", "-", 2, "jsonl"),
        ("s2", "-", 4, "jsonl"),
    ]
    assert [(e.origin, e.line) for e in errors] == [("-", 3)]


def test_stdin_jsonl_line_across_sniff_boundary(read_all, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sources, "_SNIFF_BYTES", 10)
    data = b'{"id": "long", "text": "a line longer than the sniffed head"}\n{"text": "second"}\n'
    docs, errors = read_all(["-"], stdin=io.BytesIO(data))
    assert errors == []
    assert [d.text for d in docs] == ["a line longer than the sniffed head", "second"]


def test_stdin_html_is_sniffed(read_all) -> None:
    page = (
        "<!doctype html><html><body><article><p>The foreign ministers of Azerbaijan and the United States "
        "met in Baku on Monday to discuss the peace process.</p></article></body></html>"
    )
    docs, errors = read_all(["-"], stdin=io.BytesIO(page.encode()))
    assert errors == []
    assert docs[0].format == "html"
    assert "met in Baku" in docs[0].text


def test_stdin_text_is_kept_exactly(read_all) -> None:
    text = "  <not markup> but text\r\n"
    docs, _ = read_all(["-"], stdin=io.BytesIO(text.encode()))
    assert (docs[0].format, docs[0].text, docs[0].origin) == ("text", text, "-")


def test_default_date_fills_missing_dates(tmp_path: Path, read_all) -> None:
    (tmp_path / "a.txt").write_text("text", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(
        '{"text": "dated", "date": "2025-05-05"}\n{"text": "undated"}\n', encoding="utf-8"
    )
    docs, _ = read_all([str(tmp_path)], default_date="2026-01-15")
    assert [d.date for d in docs] == ["2026-01-15", "2025-05-05", "2026-01-15"]


def test_default_date_must_be_iso(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        iter_inputs([str(tmp_path)], default_date="15/01/2026")


def test_paths_as_single_string_is_rejected() -> None:
    with pytest.raises(TypeError):
        iter_inputs("a.txt")


def test_file_over_limit_is_an_error(tmp_path: Path, read_all, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sources, "MAX_FILE_BYTES", 1024 * 1024)
    big = tmp_path / "big.txt"
    big.write_bytes(b"word " * (600 * 1024))
    (tmp_path / "small.txt").write_text("small", encoding="utf-8")
    docs, errors = read_all([str(tmp_path)])
    assert [d.text for d in docs] == ["small"]
    assert [(e.origin, e.reason) for e in errors] == [(str(big), "too large (3 MB > 1 MB limit)")]


def test_unsupported_extension_is_reported(tmp_path: Path, read_all) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.7\n")
    docs, errors = read_all([str(path)])
    assert docs == []
    assert isinstance(errors[0], UnsupportedInput)
    assert isinstance(errors[0], InputError)


def test_html_without_extension_is_sniffed(tmp_path: Path, read_all) -> None:
    path = tmp_path / "page"
    path.write_text(
        "<html><body><p>The envoy arrived in Beirut on Sunday and met the prime minister for two hours "
        "to discuss the border.</p></body></html>",
        encoding="utf-8",
    )
    docs, _ = read_all([str(path)])
    assert docs[0].format == "html"


def test_batch_continues_after_bad_inputs(tmp_path: Path, read_all) -> None:
    (tmp_path / "ok.txt").write_text("fine", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    docs, errors = read_all([str(tmp_path / "missing"), str(tmp_path), "-"], stdin=io.BytesIO(b"stdin text"))
    assert [d.text for d in docs] == ["fine", "stdin text"]
    assert [e.reason for e in errors] == ["no such file or directory", "empty document"]


def test_folder_broken_link_is_reported_and_folder_link_not_followed(tmp_path: Path, read_all) -> None:
    (tmp_path / "a.txt").write_text("real", encoding="utf-8")
    (tmp_path / "broken.txt").symlink_to(tmp_path / "gone.txt")
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "z.txt").symlink_to(tmp_path / "a.txt")
    docs, errors = read_all([str(tmp_path)])
    assert [d.text for d in docs] == ["real", "real"]
    assert [(e.origin, e.reason) for e in errors] == [
        (str(tmp_path / "broken.txt"), "no such file or directory")
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_folder_fifo_is_unsupported(tmp_path: Path, read_all) -> None:
    os.mkfifo(tmp_path / "pipe")
    docs, errors = read_all([str(tmp_path)])
    assert docs == []
    assert isinstance(errors[0], UnsupportedInput)
    assert errors[0].reason == "not a regular file"
