"""Helpers shared by tests that write hand-made records to a store file and read CLI output."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from dragoman.record import Record
from dragoman.store import Store


def store_file(path: Path, records: Iterable[Record]) -> str:
    """Write ``records`` into a new store file at ``path``, close it, and return the path as text."""
    with Store(path) as store:
        for record in records:
            store.save(record)
    return str(path)


def json_lines(output: str) -> list[dict]:
    """The JSON objects of a command's one-per-line output."""
    return [json.loads(line) for line in output.splitlines() if line]
