"""Shared fixtures: one loaded pipeline per session, the gold directory, the example corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from dragoman.evaluation.gold import find_gold_dir

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
SEED = EXAMPLES / "seed" / "000_dc98c8008addb32a.txt"
SEED_DATE = "2026-01-20"


@pytest.fixture(scope="session")
def nlp():
    """The process-wide Dragoman pipeline (loaded once for the whole session)."""
    from dragoman.nlp.pipeline import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def extractor(nlp):
    from dragoman.extract import Extractor

    return Extractor(nlp)


@pytest.fixture(scope="session")
def gold_dir() -> Path:
    """The development gold sets; tests that need them skip, saying why, where they are absent."""
    gold = find_gold_dir(REPO)
    if gold is None:
        pytest.skip("gold sets not found at ../shared/gold (set DRAGOMAN_GOLD): accuracy gate not run")
    return gold
