"""Fixtures for the web tests: a small hand-made store (no pipeline needed) and the test client."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from dragoman.record import Event, FramingSpan, Mention, Record, Timex
from tests.stores import store_file

with warnings.catch_warnings():
    # Starlette's TestClient warns that it wants httpx2; httpx is what the project installs.
    warnings.filterwarnings("ignore", message=r".*httpx2", category=UserWarning)
    from fastapi.testclient import TestClient

TEXT_1 = (
    "Ilham Aliyev met Donald Trump in Washington on January 15. "
    "Azerbaijan accused Armenia of shelling its border villages, officials said."
)
TEXT_2 = "The United States imposed sanctions on Armenia in March 2025. Loyal patriots cheered."

ACTORS = {
    "ilham-aliyev": {
        "name": "Ilham Aliyev",
        "kind": "person",
        "country": "AZE",
        "sector": "GOV",
        "kb_id": None,
    },
    "donald-trump": {
        "name": "Donald Trump",
        "kind": "person",
        "country": "USA",
        "sector": "GOV",
        "kb_id": None,
    },
    "AZE": {"name": "Azerbaijan", "kind": "country", "country": "AZE", "sector": None, "kb_id": None},
    "ARM": {"name": "Armenia", "kind": "country", "country": "ARM", "sector": None, "kb_id": None},
    "USA": {"name": "United States", "kind": "country", "country": "USA", "sector": None, "kb_id": None},
}


def _span(text: str, words: str, after: int = 0) -> tuple[int, int]:
    start = text.index(words, after)
    return start, start + len(words)


def _mention(text: str, words: str, actor: str) -> Mention:
    start, end = _span(text, words)
    return Mention(start, end, words, actor, "name", 0.9)


def make_records() -> list[Record]:
    """Two documents with actors, a time expression, events of both quad classes and framing."""
    t1, t2 = TEXT_1, TEXT_2
    s1, s2 = (0, t1.index(".") + 1), (t1.index("Azerbaijan"), len(t1))
    first = Record(
        id="doc-one", text=t1, title="Aliyev in Washington", date="2026-01-20", language="en",
        content_hash="a" * 64,
        mentions=[_mention(t1, "Ilham Aliyev", "ilham-aliyev"), _mention(t1, "Donald Trump", "donald-trump"),
                  _mention(t1, "Azerbaijan", "AZE"), _mention(t1, "Armenia", "ARM")],
        actors={k: ACTORS[k] for k in ("ilham-aliyev", "donald-trump", "AZE", "ARM")},
        timexes=[Timex(*_span(t1, "January 15"), "January 15", "DATE", "2026-01-15")],
        events=[
            Event("CONSULT", ("ilham-aliyev",), ("donald-trump",), s1, _span(t1, "met"), "met",
                  intensity=1.0, date="2026-01-15", date_precision="day"),
            Event("ACCUSE", ("AZE",), ("ARM",), s2, _span(t1, "accused"), "accused", factuality="attributed",
                  attributed_to="officials", intensity=-2.0, date="2026-01-20", date_precision="day"),
        ],
    )  # fmt: skip
    second = Record(
        id="doc-two", text=t2, title="Sanctions", date="2025-03-30", language="en", content_hash="b" * 64,
        mentions=[_mention(t2, "The United States", "USA"), _mention(t2, "Armenia", "ARM")],
        actors={k: ACTORS[k] for k in ("USA", "ARM")},
        timexes=[Timex(*_span(t2, "March 2025"), "March 2025", "DATE", "2025-03")],
        events=[Event("SANCTION", ("USA",), ("ARM",), (0, t2.index(".") + 1), _span(t2, "imposed"), "imposed",
                      intensity=-6.0, date="2025-03", date_precision="month")],
        framing=[FramingSpan(*_span(t2, "Loyal patriots"), "Loyal patriots", "Flag-Waving", 0.4, "USA",
                             "positive")],
    )  # fmt: skip
    return [first, second]


def make_store(path: Path) -> Path:
    """Write :func:`make_records` into a new store file at ``path`` and close it; return ``path``."""
    store_file(path, make_records())
    return path


@pytest.fixture
def store_path(tmp_path):
    """A store file holding :func:`make_records`, closed (the server opens it itself)."""
    return make_store(tmp_path / "web.duckdb")


class FakeAnalyser:
    """Stands in for the spaCy pipeline: a record with the text and no annotations."""

    def analyse(self, text, *, date=None, title=None, doc_id=None):
        from dragoman.ingest import content_hash

        return Record(id=doc_id or content_hash(text), text=text, title=title, date=date, language="en",
                      content_hash=content_hash(text))  # fmt: skip


@pytest.fixture
def client(store_path):
    from dragoman.web import create_app

    return TestClient(create_app(store_path, analyser=FakeAnalyser()))  # type: ignore[arg-type]


@pytest.fixture
def make_client(store_path):
    """A client for an app built with other options (a token, a body limit)."""
    from dragoman.web import create_app

    def make(**options):
        return TestClient(create_app(store_path, analyser=FakeAnalyser(), **options))

    return make
