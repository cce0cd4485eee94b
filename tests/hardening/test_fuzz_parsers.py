"""Fuzz targets for every reader in :mod:`dragoman.ingest`: whatever the bytes, a reader yields documents
or :class:`~dragoman.errors.InputError` and never raises.

Each target runs a bounded number of hypothesis examples (``FUZZ_EXAMPLES``; raise it locally with
``DRAGOMAN_FUZZ_EXAMPLES=5000`` for a longer campaign), built from random bytes and from mutations of
well-formed inputs (bytes flipped, cut, duplicated, spliced), so the fuzzer reaches past the first
syntax check. A document that comes out must be one the store can hold: non-blank text that encodes
as UTF-8, a ``YYYY-MM-DD`` date or none, and the origin it came from.
"""

from __future__ import annotations

import io
import json
import os
from collections.abc import Iterable

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from dragoman.errors import InputError
from dragoman.ingest import InputDocument, iter_inputs
from dragoman.ingest.dates import feed_date, iso_date
from dragoman.ingest.feeds import read_feed
from dragoman.ingest.html import html_to_text, read_html
from dragoman.ingest.jsonl import read_json, read_jsonl
from dragoman.ingest.text import decode_bytes, read_text
from dragoman.record import parse_date

FUZZ_EXAMPLES = int(os.environ.get("DRAGOMAN_FUZZ_EXAMPLES", "120"))
FUZZ = settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
    derandomize=False,
)

ORIGIN = "fuzz.in"

SEED_TEXT = (
    "Ilham Aliyev met Donald Trump in Washington on Tuesday. They discussed the peace process with "
    "Armenia, officials said.\r\nLe président a rencontré le señor Sánchez."
).encode()
SEED_JSONL = (
    json.dumps({"id": "a1", "text": "NATO ministers met in Brussels.", "date": "2026-01-20"}) + "\n"
    + json.dumps({"id": 7, "text": "Talks resumed.", "title": "T", "url": "https://x.example/"}) + "\n"
).encode()  # fmt: skip
SEED_HTML = (
    b"<!doctype html><html><head><meta charset='utf-8'><title>Talks</title>"
    b"<meta property='article:published_time' content='2026-01-20'></head><body><article><h1>Talks</h1>"
    b"<p>The foreign ministers of Azerbaijan and Armenia met in Washington on Monday to discuss the peace "
    b"treaty. Both sides said they expected progress before the end of the year.</p></article></body></html>"
)
SEED_RSS = (
    b"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Wire</title><item>"
    b"<title>Talks</title><link>https://wire.example/1</link><guid>w1</guid>"
    b"<pubDate>Tue, 20 Jan 2026 23:30:00 -0500</pubDate><description>&lt;p&gt;The ministers met in "
    b"Baku.&lt;/p&gt;</description></item><item><title>Empty</title></item></channel></rss>"
)
SEED_ATOM = (
    b"<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'><title>L</title>"
    b"<entry><title>Envoy</title><id>tag:l,2026:1</id><published>2026-01-04T08:00:00+02:00</published>"
    b"<content type='html'>&lt;p&gt;The envoy arrived in Beirut.&lt;/p&gt;</content></entry></feed>"
)
SEEDS = (SEED_TEXT, SEED_JSONL, SEED_HTML, SEED_RSS, SEED_ATOM)

#: Byte runs that reach the readers' special cases: BOMs, NULs, surrogate escapes, bad UTF-8, entities.
NASTY = (
    b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00", b"\\ud800", b"\\udfff", b"\\u0000", b"\xc3",
    b"\xed\xa0\x80", b"&#xD800;", b"&#0;", b"&#x110000;", b"<![CDATA[", b"]]>", b"<!--", b"\r", b"\n",
    b"\r\n", b'"', b"{", b"}", b"<", b">", b"</p>", b"<script>", "\u2028".encode(), b"\x85", b"\x1b[31m",
)  # fmt: skip


@st.composite
def mutated(draw: st.DrawFn, seeds: Iterable[bytes] = SEEDS) -> bytes:
    """A well-formed input with a few random edits: flips, cuts, insertions, duplications."""
    data = bytearray(draw(st.sampled_from(tuple(seeds))))
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        edit = draw(st.sampled_from(("flip", "cut", "insert", "nasty", "duplicate")))
        if edit == "flip" and at < len(data):
            data[at] = draw(st.integers(0, 255))
        elif edit == "cut":
            del data[at : at + draw(st.integers(1, 40))]
        elif edit == "insert":
            data[at:at] = draw(st.binary(max_size=12))
        elif edit == "nasty":
            data[at:at] = draw(st.sampled_from(NASTY))
        else:
            data[at:at] = data[at : at + draw(st.integers(1, 80))]
    return bytes(data)


INPUTS = st.one_of(st.binary(max_size=600), mutated(), st.text(max_size=300).map(str.encode))


def _check(results: Iterable[InputDocument | InputError]) -> list[InputDocument | InputError]:
    """Every result is a storable document or an input error naming the origin; returns them."""
    out = list(results)
    for item in out:
        assert isinstance(item, InputDocument | InputError), type(item)
        assert item.origin == ORIGIN
        if isinstance(item, InputError):
            assert item.reason and str(item).startswith(ORIGIN)
            continue
        assert item.text.strip(), "a document with blank text"
        item.text.encode("utf-8")  # the content hash and the store need valid Unicode
        for value in (item.id, item.title, item.url, item.source):
            if value is not None:
                value.encode("utf-8")
        assert item.date is None or parse_date(item.date) is not None, item.date
        assert item.line is None or item.line >= 1
    return out


@FUZZ
@given(data=INPUTS)
def test_fuzz_read_text_yields_documents_or_input_errors(data: bytes) -> None:
    results = _check(read_text(data, ORIGIN, "2026-01-20"))
    assert len(results) == 1


@FUZZ
@given(data=INPUTS)
def test_fuzz_decode_bytes_decodes_or_raises_input_error(data: bytes) -> None:
    try:
        text, encoding = decode_bytes(data, ORIGIN)
    except InputError as error:
        assert error.origin == ORIGIN
        return
    text.encode("utf-8")
    assert encoding


@FUZZ
@given(data=st.one_of(INPUTS, mutated((SEED_JSONL,))))
@example(data=b'{"":"","text":"\\ud800","":""}')  # found by this target: a lone surrogate crashed the ingest
@example(data=b'{"text": "ok", "title": "\\udfff"}')
def test_fuzz_read_jsonl_yields_documents_or_input_errors(data: bytes) -> None:
    results = _check(read_jsonl(io.BytesIO(data), ORIGIN, None))
    lines = [r.line for r in results]
    assert lines == sorted(lines), "results out of line order"


@FUZZ
@given(data=st.one_of(INPUTS, mutated((SEED_JSONL,))))
def test_fuzz_read_json_yields_documents_or_input_errors(data: bytes) -> None:
    _check(read_json(data, ORIGIN, None))


@FUZZ
@given(data=st.one_of(INPUTS, mutated((SEED_HTML,))))
def test_fuzz_read_html_yields_documents_or_input_errors(data: bytes) -> None:
    assert len(_check(read_html(data, ORIGIN, None))) == 1


@FUZZ
@given(data=st.one_of(INPUTS, mutated((SEED_RSS, SEED_ATOM))))
@example(data=b"<?encoding='\x80'?>")  # found by this target: feedparser raised UnicodeDecodeError
@example(data=b"<?encoding='\x00'?>")  # and ValueError (embedded null character)
def test_fuzz_read_feed_yields_documents_or_input_errors(data: bytes) -> None:
    assert _check(read_feed(data, ORIGIN, None))


@FUZZ
@given(
    fragment=st.one_of(
        st.text(max_size=400), mutated((SEED_HTML, SEED_RSS)).map(lambda b: b.decode("latin1"))
    )
)
def test_fuzz_html_to_text_returns_tidy_text(fragment: str) -> None:
    text = html_to_text(fragment)
    assert text == text.strip()
    assert "\n\n\n" not in text


@FUZZ
@given(data=INPUTS)
def test_fuzz_stdin_sniffing_routes_to_a_reader(data: bytes) -> None:
    results = list(iter_inputs(["-"], stdin=io.BytesIO(data)))
    for item in results:
        assert item.origin == "-"
        if isinstance(item, InputDocument):
            item.text.encode("utf-8")


@FUZZ
@given(value=st.one_of(st.text(max_size=40), st.none(), st.integers(), st.floats()))
def test_fuzz_iso_date_is_a_date_or_none(value: object) -> None:
    found = iso_date(value)
    assert found is None or parse_date(found) is not None


@FUZZ
@given(raw=st.one_of(st.none(), st.text(max_size=60)))
def test_fuzz_feed_date_is_a_date_or_none(raw: str | None) -> None:
    found = feed_date(raw, None)
    assert found is None or parse_date(found) is not None
