"""Dragoman: news about international politics in, a sourced record of who did what to whom out.

The public surface is small; everything else is reachable through its stage's subpackage
(``dragoman.ingest``, ``dragoman.nlp``, ``dragoman.time``, ``dragoman.store``, ``dragoman.evaluation``).
Names are imported on first use (PEP 562), so ``import dragoman.store`` does not pay for spaCy,
and nothing is loaded at import time: the spaCy pipeline is built when first needed.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

#: public name → module that defines it
_EXPORTS = {
    "DragomanError": "dragoman.errors",
    "Entity": "dragoman.record",
    "Extractor": "dragoman.extract",
    "IngestSummary": "dragoman.batch",
    "InputDocument": "dragoman.ingest",
    "Outcome": "dragoman.batch",
    "RECORD_VERSION": "dragoman.record",
    "Record": "dragoman.record",
    "Store": "dragoman.store",
    "Timex": "dragoman.record",
    "extract_records": "dragoman.batch",
    "ingest": "dragoman.batch",
}

__all__ = [
    "RECORD_VERSION",
    "DragomanError",
    "Entity",
    "Extractor",
    "IngestSummary",
    "InputDocument",
    "Outcome",
    "Record",
    "Store",
    "Timex",
    "__version__",
    "extract_records",
    "ingest",
]

if TYPE_CHECKING:
    from dragoman.batch import IngestSummary, Outcome, extract_records, ingest
    from dragoman.errors import DragomanError
    from dragoman.extract import Extractor
    from dragoman.ingest import InputDocument
    from dragoman.record import RECORD_VERSION, Entity, Record, Timex
    from dragoman.store import Store


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'dragoman' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})
