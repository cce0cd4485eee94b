from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st


@pytest.fixture
def one(read_all):
    """Read one path that must give exactly one document or one error, and return it."""

    def read_one(path: Path):
        docs, errors = read_all([str(path)])
        assert len(docs) + len(errors) == 1
        return (docs or errors)[0]

    return read_one


def test_text_is_preserved_exactly(tmp_path: Path, one) -> None:
    text = "  Leading spaces stay.\r\nCRLF stays.\r\n\r\n\tTabs and trailing spaces stay.   \n"
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode("utf-8"))
    doc = one(path)
    assert doc.text == text
    assert (doc.format, doc.encoding, doc.title, doc.id, doc.line) == ("text", "utf-8", None, None, None)
    assert doc.origin == str(path)


def test_text_utf8_bom_is_stripped(tmp_path: Path, one) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(codecs.BOM_UTF8 + "Tbilisi – Երևան\n".encode())
    doc = one(path)
    assert doc.text == "Tbilisi – Երևան\n"
    assert doc.encoding == "utf-8-sig"


def test_text_utf16_with_bom_is_decoded(tmp_path: Path, one) -> None:
    path = tmp_path / "u16.txt"
    path.write_bytes("Привет, Баку!\r\n".encode("utf-16"))  # the codec writes the BOM
    doc = one(path)
    assert doc.text == "Привет, Баку!\r\n"
    assert doc.encoding == "utf-16"


def test_text_latin1_is_decoded(tmp_path: Path, one) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Café in Bogotá, señor".encode("latin-1"))
    doc = one(path)
    assert doc.text == "Café in Bogotá, señor"


def test_text_cp1251_russian_is_decoded(tmp_path: Path, one) -> None:
    text = "Министры иностранных дел Азербайджана и США встретились в понедельник в Баку."
    path = tmp_path / "ru.txt"
    path.write_bytes(text.encode("cp1251"))
    assert one(path).text == text


def test_text_without_extension_is_read_as_text(tmp_path: Path, one, article_en: str) -> None:
    path = tmp_path / "README"
    path.write_text(article_en, encoding="utf-8")
    doc = one(path)
    assert doc.format == "text"
    assert doc.text == article_en


def test_text_empty_is_an_error(tmp_path: Path, one) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    error = one(path)
    assert error.reason == "empty document"
    assert error.origin == str(path)


def test_text_whitespace_only_is_an_error(tmp_path: Path, one) -> None:
    path = tmp_path / "blank.txt"
    path.write_bytes(b" \r\n\t \n")
    assert one(path).reason == "empty document"


def test_text_binary_is_an_error(tmp_path: Path, one) -> None:
    path = tmp_path / "noise.txt"
    path.write_bytes(os.urandom(4096) + b"\x00\x00\x01\x02")
    assert one(path).reason == "binary file, not text"


def test_text_control_heavy_bytes_are_binary(tmp_path: Path, one) -> None:
    path = tmp_path / "controls.txt"
    path.write_bytes(bytes(range(1, 32)) * 50)
    assert one(path).reason == "binary file, not text"


_PRINTABLE = st.characters(
    exclude_categories=("Cs",),
    exclude_characters="".join(map(chr, [*range(0, 9), *range(14, 32), *range(127, 160)])),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(_PRINTABLE, min_size=1, max_size=300).filter(lambda t: not t.isspace()))
def test_text_utf8_round_trips_exactly(tmp_path: Path, one, text: str) -> None:
    path = tmp_path / "prop.txt"
    path.write_bytes(text.encode("utf-8"))
    assert one(path).text == text
