"""The bad-input catalogue, through the real ``dragoman ingest`` (Typer's CliRunner, in process).

Each kind of bad input is written beside good ones; the test asserts the one message naming the input
(and its line), that the good inputs are stored and the bad ones are not, exit code 2, and the counts of
the closing summary. README "Bad input" promises this behaviour; this file is its executable form.
"""

from __future__ import annotations

import builtins
import codecs
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dragoman.cli import app
from dragoman.ingest import content_hash
from dragoman.ingest.limits import MAX_FILE_BYTES, MAX_LINE_BYTES
from dragoman.store import Store

pytestmark = pytest.mark.slow  # the good inputs go through the spaCy pipeline

GOOD = "Ilham Aliyev met Donald Trump in Washington on Tuesday. They discussed the peace with Armenia."
GOOD_2 = "NATO foreign ministers met in Brussels on Monday and agreed to send more aid to Ukraine."
FRENCH = "Le président Macron a rencontré le señor Sánchez à Paris pour parler de la guerre en Ukraine. " * 2
RUSSIAN = "Президент Азербайджана Ильхам Алиев встретился с Дональдом Трампом в Вашингтоне во вторник."

RUN_ROW = re.compile(r"│\s*(\d+)\s*│\s*(\d+)\s*│\s*(\d+)\s*│\s*(\d+)\s*│")


@dataclass
class Run:
    """One ``dragoman ingest`` run: its exit code, what it said, and its closing counts."""

    exit_code: int
    stdout: str
    stderr: str
    counts: dict[str, int]

    def failed_lines(self) -> list[str]:
        """The ``failed …`` lines on standard error, one per bad input."""
        return [line for line in self.stderr.splitlines() if line.startswith("failed ")]


@pytest.fixture(scope="module")
def runner(nlp):  # the session pipeline is loaded once and reused by every command
    return CliRunner()


def ingest(runner: CliRunner, db: Path, *inputs: Path | str, stdin: bytes | None = None) -> Run:
    """Run ``dragoman ingest --quiet --db DB INPUTS…`` and parse its closing summary."""
    result = runner.invoke(app, ["ingest", "--quiet", "--db", str(db), *map(str, inputs)], input=stdin)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    match = RUN_ROW.search(result.stdout)
    assert match, f"no closing summary in:\n{result.stdout}\n{result.stderr}"
    counts = dict(zip(("ingested", "updated", "unchanged", "failed"), map(int, match.groups()), strict=True))
    return Run(result.exit_code, result.stdout, result.stderr, counts)


def stored(db: Path) -> dict[str, tuple[str, str | None, bool]]:
    """The store's documents: id → (origin, language, coded)."""
    with Store(db, read_only=True) as store:
        rows = store.connection.execute("SELECT id, origin, language, coded FROM documents").fetchall()
    return {doc_id: (origin, language, coded) for doc_id, origin, language, coded in rows}


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty document"),
        ("blank.txt", b"  \n\t\r\n \xc2\xa0 ", "empty document"),
        ("binary.txt", bytes(range(256)) * 8, "binary file, not text"),
        ("noise", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "binary file, not text"),
        (
            "nothing.html",
            b"<html><head><title>x</title></head><body><script>1</script></body></html>",
            "no main text could be extracted from the HTML",
        ),
        ("blank.html", b"   ", "empty document"),
        ("catalog.xml", b"<?xml version='1.0'?><catalog><book>x</book></catalog>", "not an RSS/Atom feed"),
        ("truncated.rss", b"<?xml version='1.0'?><rss version='2.0'><chan", "not a readable RSS/Atom feed"),
        (
            "bad-decl.xml",
            b"<?xml version='1.0' encoding='\x80'?><rss version='2.0'></rss>",
            "not a readable RSS/Atom feed",
        ),
        ("scan.pdf", b"%PDF-1.4\n", ".pdf files are not supported"),
    ],
)
def test_bad_file_is_named_and_the_good_one_stored(runner, tmp_path, name, data, reason):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / name).write_bytes(data)
    (folder / "zz-good.txt").write_text(GOOD, encoding="utf-8")
    db = tmp_path / "t.duckdb"
    run = ingest(runner, db, folder)
    assert run.exit_code == 2
    (message,) = run.failed_lines()
    assert message.startswith(f"failed {folder / name}: {reason}"), message
    assert run.counts == {"ingested": 1, "updated": 0, "unchanged": 0, "failed": 1}
    assert set(stored(db)) == {content_hash(GOOD)}
    assert "failed inputs" in run.stdout  # the closing table lists it too


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("latin1.txt", FRENCH.encode("latin-1")),
        ("cp1252.txt", ("“Quoted” — " + FRENCH).encode("cp1252")),
        ("utf16-bom.txt", codecs.BOM_UTF16_LE + GOOD.encode("utf-16-le")),
        ("utf16-be-bom.txt", GOOD.encode("utf-16")),  # the platform's order, BOM first
        ("utf16-no-bom.txt", GOOD.encode("utf-16-le")),
        ("utf16-be-no-bom.txt", GOOD.encode("utf-16-be")),
        ("utf8-bom.txt", codecs.BOM_UTF8 + GOOD.encode()),
    ],
)
def test_other_encodings_are_decoded_and_stored(runner, tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    db = tmp_path / "t.duckdb"
    run = ingest(runner, db, path)
    assert run.exit_code == 0, run.stderr
    assert run.counts["ingested"] == 1 and run.counts["failed"] == 0
    with Store(db, read_only=True) as store:
        (doc_id,) = store.iter_ids()
        record = store.record(doc_id)
    assert record is not None
    expected = FRENCH if name == "latin1.txt" else "“Quoted” — " + FRENCH if name == "cp1252.txt" else GOOD
    assert record.text == expected  # decoded exactly, only the BOM removed


def test_mixed_line_endings_are_kept_and_offsets_index_them(runner, tmp_path):
    text = "Ilham Aliyev met Donald Trump in Washington.\r\nThey spoke for two hours.\rThe talks\nended.\r\n"
    path = tmp_path / "eol.txt"
    path.write_bytes(text.encode())
    db = tmp_path / "t.duckdb"
    run = ingest(runner, db, path)
    assert run.exit_code == 0, run.stderr
    with Store(db, read_only=True) as store:
        record = store.record(content_hash(text))
    assert record is not None and record.text == text
    assert record.entities, "the pipeline found nothing: the test proves nothing about offsets"
    for entity in record.entities:
        assert text[entity.start : entity.end] == entity.text


def test_json_lines_bad_lines_between_good_ones(runner, tmp_path):
    lines = [
        json.dumps({"id": "good-1", "text": GOOD}),
        "{broken json",
        json.dumps({"id": "no-text", "title": "a title, no text"}),
        json.dumps({"id": "blank", "text": "  \n "}),
        json.dumps({"id": "number", "text": 42}),
        "[1, 2]",
        '{"id": "surrogate", "text": "half a pair \\ud800 here"}',
        "",
        json.dumps({"id": "good-2", "text": GOOD_2, "date": "not a date"}),
    ]
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(("\n".join(lines) + "\n").encode() + b'{"id": "latin", "text": "caf\xe9"}\n')
    db = tmp_path / "t.duckdb"
    run = ingest(runner, db, path)
    assert run.exit_code == 2
    assert run.failed_lines() == [
        f"failed {path}:2: invalid JSON (Expecting property name enclosed in double quotes at column 2)",
        f'failed {path}:3: no "text" field',
        f"failed {path}:4: empty text",
        f'failed {path}:5: "text" is a number, not a string',
        f"failed {path}:6: expected a JSON object, got an array",
        f'failed {path}:7: "text" is not valid Unicode (a lone surrogate at character 12)',
        f"failed {path}:10: not UTF-8 (invalid continuation byte at byte 28)",
    ]
    assert run.counts == {"ingested": 2, "updated": 0, "unchanged": 0, "failed": 7}
    assert set(stored(db)) == {"good-1", "good-2"}


def test_huge_inputs_are_refused_by_size_and_the_rest_read(runner, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    huge = folder / "huge.txt"
    with huge.open("wb") as out:  # just over the limit, written sparsely: no 50 MB of memory
        out.truncate(MAX_FILE_BYTES + 1)
    big_line = json.dumps({"id": "big", "text": "x " * (MAX_LINE_BYTES // 2 + 1)})
    (folder / "lines.jsonl").write_text(
        json.dumps({"id": "before", "text": GOOD}) + "\n" + big_line + "\n"
        + json.dumps({"id": "after", "text": GOOD_2}) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    db = tmp_path / "t.duckdb"
    run = ingest(runner, db, folder)
    assert run.exit_code == 2
    assert run.failed_lines() == [
        f"failed {huge}: too large (51 MB > 50 MB limit)",
        f"failed {folder / 'lines.jsonl'}:2: too large (11 MB > 10 MB limit)",
    ]
    assert run.counts == {"ingested": 2, "updated": 0, "unchanged": 0, "failed": 2}
    assert set(stored(db)) == {"before", "after"}


def test_huge_standard_input_is_refused(runner, tmp_path):
    db = tmp_path / "t.duckdb"
    run = ingest(runner, db, "-", stdin=b"word " * (MAX_FILE_BYTES // 5 + 1))
    assert run.exit_code == 2
    assert run.failed_lines() == ["failed -: too large (51 MB > 50 MB limit)"]
    assert run.counts["failed"] == 1 and stored(db) == {}


def test_broken_html_and_feeds_keep_what_text_they_have(runner, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "broken.html").write_text(
        f"<html><body><div><p>Unclosed <b>tags <i>everywhere. {GOOD} <p>{GOOD_2}", encoding="utf-8"
    )
    (folder / "cut.rss").write_text(
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title>"
        f"<item><title>a</title><guid>e1</guid><description>{GOOD}</description></item>"
        "<item><title>b</title></item><item><title>c",
        encoding="utf-8",
    )
    db = tmp_path / "t.duckdb"
    run = ingest(runner, db, folder)
    assert run.exit_code == 2
    feed = folder / "cut.rss"
    assert run.failed_lines() == [f"failed {feed}:2: entry 2: no text", f"failed {feed}:3: entry 3: no text"]
    assert run.counts == {"ingested": 2, "updated": 0, "unchanged": 0, "failed": 2}
    docs = stored(db)
    assert "e1" in docs and docs["e1"][0] == str(folder / "cut.rss")
    assert any(origin.endswith("broken.html") for origin, _, _ in docs.values())


def test_non_english_text_is_stored_not_coded(runner, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "fr.txt").write_text(FRENCH, encoding="utf-8")
    (folder / "ru.txt").write_text(RUSSIAN, encoding="utf-8")
    db = tmp_path / "t.duckdb"
    run = ingest(runner, db, folder)
    assert run.exit_code == 0, run.stderr
    assert run.counts["ingested"] == 2
    assert sorted((lang, coded) for _, lang, coded in stored(db).values()) == [("fr", False), ("ru", False)]
    with Store(db, read_only=True) as store:
        assert store.counts()["entities"] == 0  # stored, not analysed


def test_nested_folders_with_unreadable_files(runner, tmp_path, monkeypatch):
    root = tmp_path / "in"
    (root / "a" / "b" / "c").mkdir(parents=True)
    (root / ".hidden").mkdir()
    (root / "a" / "one.txt").write_text(GOOD, encoding="utf-8")
    (root / "a" / "b" / "c" / "two.txt").write_text(GOOD_2, encoding="utf-8")
    locked = root / "a" / "b" / "locked.txt"
    locked.write_text("never read", encoding="utf-8")
    (root / ".hidden" / "skipped.txt").write_text("hidden files are skipped", encoding="utf-8")
    (root / "a" / "dangling.txt").symlink_to(root / "gone.txt")
    real_open = builtins.open

    def open_refusing_locked(file, *args, **kwargs):  # chmod 000 does not stop root: refuse it here
        if str(file) == str(locked):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", open_refusing_locked)
    db = tmp_path / "t.duckdb"
    run = ingest(runner, db, root, tmp_path / "missing-folder")
    assert run.exit_code == 2
    assert run.failed_lines() == [
        f"failed {locked}: cannot read: Permission denied",
        f"failed {root / 'a' / 'dangling.txt'}: no such file or directory",
        f"failed {tmp_path / 'missing-folder'}: no such file or directory",
    ]
    assert run.counts == {"ingested": 2, "updated": 0, "unchanged": 0, "failed": 3}
    assert set(stored(db)) == {content_hash(GOOD), content_hash(GOOD_2)}


def test_rerun_of_a_bad_corpus_changes_nothing_and_says_so(runner, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    lines = json.dumps({"id": "j", "text": GOOD_2}) + "\n{bad\n"
    (folder / "lines.jsonl").write_text(lines, encoding="utf-8")
    db = tmp_path / "t.duckdb"
    first = ingest(runner, db, folder)
    second = ingest(runner, db, folder)
    assert (first.exit_code, second.exit_code) == (2, 2)
    assert first.counts == {"ingested": 2, "updated": 0, "unchanged": 0, "failed": 2}
    assert second.counts == {"ingested": 0, "updated": 0, "unchanged": 2, "failed": 2}
    assert second.failed_lines() == first.failed_lines()
    assert len(stored(db)) == 2
