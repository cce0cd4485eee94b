"""Locating the development gold sets.

The gold sets live outside the repository (``../shared/gold`` next to a checkout) and are
evaluation-only: they are read in place and never copied into the project.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

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


def iter_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """The objects of a gold JSON-lines file, blank lines skipped.

    Raises:
        GoldDataError: the file is missing or a line is not JSON (with its line number).
    """
    try:
        with Path(path).open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as exc:
                    raise GoldDataError(f"{path}:{number}: not JSON ({exc.msg})") from exc
    except OSError as exc:
        raise GoldDataError(f"cannot read gold file {path}: {exc.strerror or exc}") from exc
