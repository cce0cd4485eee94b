"""The JSON Schemas shipped with the package: the extraction record and the PLOVER export line."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=1)
def record_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of extraction record version 1."""
    return json.loads(resources.files("dragoman.schema").joinpath("record.schema.json").read_text("utf-8"))


@lru_cache(maxsize=1)
def plover_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a line of ``dragoman export --format plover``."""
    return json.loads(resources.files("dragoman.schema").joinpath("plover.schema.json").read_text("utf-8"))
