"""Dragoman's actor knowledge base: countries, organisations, armed groups and people with dated offices.

Load it once with :func:`load_kb` and ask it what a text may name::

    kb = load_kb()
    kb.lookup("Baku")                                   # [Candidate("AZE", via="capital")]
    kb.holders("president", "USA", date(2026, 1, 20))  # [Actor(id="donald-trump", …)]

The data are JSON-lines files in ``dragoman/kb/data/``, rebuilt by ``python -m dragoman.kb.build``
from the Phoenix dictionaries and the hand-curated files in ``data/curated/`` (see ``SOURCES.md``).
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from dragoman.errors import KnowledgeBaseError
from dragoman.kb.base import KnowledgeBase
from dragoman.kb.model import Actor, Candidate, Office

__all__ = ["Actor", "Candidate", "KnowledgeBase", "KnowledgeBaseError", "Office", "data_dir", "load_kb"]


def data_dir() -> Path:
    """The folder the packaged knowledge-base files live in."""
    return Path(str(files("dragoman.kb") / "data"))


@lru_cache(maxsize=1)
def load_kb() -> KnowledgeBase:
    """The packaged knowledge base, loaded on first call and shared by every later one in the process."""
    return KnowledgeBase(data_dir())
