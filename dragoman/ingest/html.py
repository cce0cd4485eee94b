"""HTML pages: the main text (boilerplate removed) and metadata, with trafilatura; and a small
HTML-to-text converter for the fragments found in feeds.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import TYPE_CHECKING, cast

import trafilatura

from dragoman.errors import InputError
from dragoman.ingest.dates import iso_date
from dragoman.ingest.document import InputDocument
from dragoman.ingest.language import detect_language
from dragoman.ingest.text import decode_bytes, is_blank, optional_text

if TYPE_CHECKING:
    from trafilatura.settings import Document

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(r"""^\s*<\?xml[^>]*\?>""")


def read_html(
    data: bytes, origin: str, default_date: str | None = None
) -> Iterator[InputDocument | InputError]:
    """Extract the main text and metadata of one HTML page.

    The page is decoded by :func:`~dragoman.ingest.text.decode_bytes` (a valid UTF-8 page is read as
    UTF-8 whatever it declares; otherwise a ``<meta charset>`` declaration is honoured before detection),
    then trafilatura extracts the main text, title, date, canonical URL and site name. No network access.

    Args:
        data: the raw bytes of the page.
        origin: the path (or ``-``), for the document and errors.
        default_date: the date used where the page declares none.

    Yields:
        One :class:`InputDocument` with ``format="html"``, or the :class:`InputError` saying why none
        could be made (undecodable, unparseable, or no main text).
    """
    try:
        markup, encoding = decode_bytes(data, origin, declared=_declared_charset(data))
    except InputError as error:
        yield error
        return
    if is_blank(markup):
        yield InputError(origin, "empty document")
        return
    # lxml refuses str input that carries an XML encoding declaration (XHTML); it is already decoded.
    markup = _XML_ENCODING.sub("", markup, count=1)
    try:
        extracted = trafilatura.bare_extraction(
            markup, with_metadata=True, include_comments=False, include_tables=True
        )
    except Exception as exc:  # any parser failure on one page is that page's error, not the batch's
        yield InputError(origin, f"HTML could not be parsed ({type(exc).__name__}: {exc})")
        return
    text = getattr(extracted, "text", None) if extracted is not None else None
    if not text or is_blank(text):
        yield InputError(origin, "no main text could be extracted from the HTML")
        return
    # Without ``as_dict`` the result is a Document; ``None`` (no text) has been turned away above.
    document = cast("Document", extracted)
    yield InputDocument(
        id=None,
        text=text,
        title=optional_text(document.title),
        date=iso_date(document.date) or default_date,
        url=optional_text(document.url),
        source=optional_text(document.sitename),
        origin=origin,
        line=None,
        format="html",
        language=detect_language(text),
        encoding=encoding,
    )


def html_to_text(fragment: str) -> str:
    """Return the text of a small HTML fragment (a feed entry's content), one paragraph per block.

    Scripts and styles are dropped, entities decoded, runs of spaces collapsed; block elements (``p``,
    ``div``, headings, list items, ``br``…) become line breaks, paragraphs are separated by a blank line.

    Args:
        fragment: HTML markup, or plain text (returned with its white space tidied).

    Returns:
        The text, stripped; empty where the fragment holds none.
    """
    parser = _TextParser()
    parser.feed(fragment)
    parser.close()
    return parser.text()


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii").lower() if match else None


# fmt: off
_BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure",
    "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre",
    "section", "table", "tr", "ul",
})
# fmt: on
_SKIPPED = frozenset({"script", "style", "template", "noscript", "head"})


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._parts: list[str] = []
        self._skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self._skip_depth += 1
        elif tag in _BLOCKS:
            self._parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self._skip_depth = max(0, self._skip_depth - 1)
        elif tag in _BLOCKS:
            self._parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip_depth:
            self._parts.append(data)

    def text(self) -> str:
        lines = (" ".join(line.split()) for line in "".join(self._parts).split("\n"))
        paragraphs: list[str] = []
        for line in lines:
            if line:
                paragraphs.append(line)
        return "\n\n".join(paragraphs)
