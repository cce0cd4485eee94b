from __future__ import annotations

import dataclasses
import hashlib

import pytest

from dragoman.ingest import InputDocument, content_hash


def test_content_hash_is_sha256_of_utf8() -> None:
    text = "Café in Bogotá\r\n"
    assert content_hash(text) == hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert content_hash("a") != content_hash("a ")


def test_input_document_is_frozen() -> None:
    doc = InputDocument(
        id=None,
        text="x",
        title=None,
        date=None,
        url=None,
        source=None,
        origin="-",
        line=None,
        format="text",
        language=None,
        encoding="utf-8",
    )
    with pytest.raises(dataclasses.FrozenInstanceError):
        doc.text = "y"  # type: ignore[misc]
