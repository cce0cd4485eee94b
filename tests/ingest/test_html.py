from __future__ import annotations

from pathlib import Path

PARAGRAPHS = (
    "<p>The foreign ministers of Azerbaijan and the United States met in Baku on Monday to discuss the "
    "peace process with Armenia.</p><p>Both sides said they expected progress before the end of the year.</p>"
)

PAGE = f"""<!DOCTYPE html>
<html><head><title>Talks in Baku | Example Times</title>
<meta property="og:title" content="Talks in Baku">
<meta property="og:site_name" content="Example Times">
<link rel="canonical" href="https://example.org/talks">
<meta property="article:published_time" content="2026-01-20T09:00:00+04:00">
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Talks in Baku</h1>{PARAGRAPHS}</article>
<footer>Copyright 2026 Example Times. All rights reserved. Subscribe to our newsletter.</footer>
</body></html>"""


def test_html_main_text_and_metadata_are_extracted(tmp_path: Path, read_all) -> None:
    path = tmp_path / "talks.html"
    path.write_text(PAGE, encoding="utf-8")
    docs, errors = read_all([str(path)], default_date="2000-01-01")
    assert errors == []
    (doc,) = docs
    assert "met in Baku on Monday" in doc.text
    assert "Both sides said" in doc.text
    assert "Copyright" not in doc.text
    assert "Home" not in doc.text
    assert (doc.title, doc.date, doc.url, doc.source) == (
        "Talks in Baku",
        "2026-01-20",
        "https://example.org/talks",
        "Example Times",
    )
    assert (doc.format, doc.id, doc.language) == ("html", None, "en")


def test_html_without_date_takes_default_date(tmp_path: Path, read_all) -> None:
    path = tmp_path / "plain.htm"
    path.write_text(f"<html><body>{PARAGRAPHS}</body></html>", encoding="utf-8")
    docs, _ = read_all([str(path)], default_date="2026-02-02")
    assert docs[0].date == "2026-02-02"


def test_html_broken_markup_does_not_crash(tmp_path: Path, read_all) -> None:
    path = tmp_path / "broken.html"
    path.write_text(
        "<html><body><div><p>The foreign ministers of Azerbaijan and the United States <b>met in Baku "
        "on Monday <p>to discuss the peace process</div></span>with Armenia. <table><tr><td>stray",
        encoding="utf-8",
    )
    docs, errors = read_all([str(path)])
    assert errors == []
    assert "met in Baku" in docs[0].text


def test_html_without_main_text_is_an_error(tmp_path: Path, read_all) -> None:
    path = tmp_path / "empty.html"
    path.write_text(
        "<html><head><title>Nothing</title></head><body><nav></nav></body></html>", encoding="utf-8"
    )
    docs, errors = read_all([str(path)])
    assert docs == []
    assert errors[0].origin == str(path)
    assert "no main text" in errors[0].reason


def test_html_garbage_markup_is_an_error(tmp_path: Path, read_all) -> None:
    path = tmp_path / "garbage.html"
    path.write_bytes(b"<<<>>><!--")
    docs, errors = read_all([str(path)])
    assert docs == []
    assert len(errors) == 1


def test_html_declared_latin1_charset_is_honoured(tmp_path: Path, read_all) -> None:
    path = tmp_path / "latin.html"
    page = (
        "<html><head><meta charset='iso-8859-1'><title>Café</title></head><body><p>Le café de Bogotá, "
        "señor, était plein ce matin-là quand le ministre est arrivé pour parler de la paix.</p>"
        "</body></html>"
    )
    path.write_bytes(page.encode("latin-1"))
    (doc,) = read_all([str(path)])[0]
    assert "Le café de Bogotá, señor" in doc.text
    assert doc.title == "Café"
    assert doc.language == "fr"


def test_html_xhtml_with_xml_declaration_is_read(tmp_path: Path, read_all) -> None:
    path = tmp_path / "page.xhtml"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><head>'
        f"<title>X</title></head><body>{PARAGRAPHS}</body></html>",
        encoding="utf-8",
    )
    docs, errors = read_all([str(path)])
    assert errors == []
    assert "peace process" in docs[0].text


def test_html_binary_is_an_error(tmp_path: Path, read_all) -> None:
    path = tmp_path / "bin.html"
    path.write_bytes(b"\x00\x01\x02<html>\x00")
    assert read_all([str(path)])[1][0].reason == "binary file, not text"
