"""Lookup keys: one normalisation for the index and the queries."""

from __future__ import annotations

import pytest

from dragoman.kb.text import is_acronym, key


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("U.S.", "US"),
        ("U.S.A.", "USA"),
        ("US", "US"),
        ("us", "us"),
        ("the White House", "white house"),
        ("The  White\nHouse", "white house"),
        ("Türkiye", "turkiye"),
        ("Central Asian Countries’ Consultative Meeting", "central asian countries' consultative meeting"),
        ("Baku", "baku"),
        ("Lee", "Lee"),
        ("Jean-Bertrand Aristide", "jean bertrand aristide"),
        ("al-Bashir", "al bashir"),
        ("C5+1", "C5+1"),
    ],
)
def test_key_normalises(text: str, expected: str) -> None:
    assert key(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"), [("NATO", True), ("U.N.", True), ("C5+1", True), ("Baku", False)]
)
def test_is_acronym(text: str, expected: bool) -> None:
    assert is_acronym(text) is expected
