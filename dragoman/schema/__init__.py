"""The JSON Schema of the extraction record, shipped with the package."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=1)
def record_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of extraction record version 1."""
    return json.loads(resources.files("dragoman.schema").joinpath("record.schema.json").read_text("utf-8"))
