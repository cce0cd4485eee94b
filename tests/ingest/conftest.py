"""Helpers shared by the ingest tests: read inputs and split documents from errors."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pytest

from dragoman.errors import InputError
from dragoman.ingest import InputDocument, iter_inputs

ARTICLE_EN = (
    "The foreign ministers of Azerbaijan and the United States met in Baku on Monday to discuss the "
    "peace process with Armenia. Both sides said they expected progress before the end of the year, "
    "and officials in Washington described the talks as constructive."
)


ReadAll = Callable[..., tuple[list[InputDocument], list[InputError]]]


def _read_all(paths: Iterable[str], **kwargs: object) -> tuple[list[InputDocument], list[InputError]]:
    docs: list[InputDocument] = []
    errors: list[InputError] = []
    for item in iter_inputs(paths, **kwargs):  # type: ignore[arg-type]
        if isinstance(item, InputError):
            errors.append(item)
        else:
            docs.append(item)
    return docs, errors


@pytest.fixture
def read_all() -> ReadAll:
    """Run ``iter_inputs`` and return its documents and its errors, each in order."""
    return _read_all


@pytest.fixture
def article_en() -> str:
    """A short English news paragraph."""
    return ARTICLE_EN
