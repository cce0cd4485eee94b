"""Locating the development gold sets.

The gold sets live outside the repository (``../shared/gold`` next to a checkout) and are
evaluation-only: they are read in place and never copied into the project.
"""

from __future__ import annotations

import os
from pathlib import Path

from dragoman.errors import GoldDataError

#: Environment variable that points at a ``gold`` directory, overriding the default search.
GOLD_ENV = "DRAGOMAN_GOLD"


def find_gold_dir(start: Path | None = None) -> Path | None:
    """Return the gold directory, or ``None`` when it is not present.

    Looks at ``$DRAGOMAN_GOLD`` first, then for ``shared/gold`` beside any parent of ``start``
    (default: the current directory and this package's location).
    """
    env = os.environ.get(GOLD_ENV)
    if env:
        path = Path(env)
        return path if path.is_dir() else None
    roots = [start or Path.cwd(), Path(__file__).resolve()]
    for root in roots:
        for parent in [root, *root.parents]:
            candidate = parent / "shared" / "gold"
            if candidate.is_dir():
                return candidate
    return None


def require_gold_dir(start: Path | None = None) -> Path:
    """Like :func:`find_gold_dir` but raise :class:`GoldDataError` when the gold sets are absent."""
    gold = find_gold_dir(start)
    if gold is None:
        raise GoldDataError(
            "gold sets not found: put them at ../shared/gold next to the checkout or set DRAGOMAN_GOLD"
        )
    return gold
