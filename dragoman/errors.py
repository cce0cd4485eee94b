"""Dragoman's exceptions: one tree, so callers can catch what they can handle.

::

    DragomanError
    ├── InputError          an input could not be read or decoded (carries the input and line)
    │   └── UnsupportedInput    a file whose kind Dragoman does not read
    ├── PipelineError       the language pipeline could not be built (e.g. the model is missing)
    ├── StoreError          the database could not be opened, migrated or written
    ├── KnowledgeBaseError  a knowledge-base data file is missing or malformed (file and line)
    ├── ExportError         an export could not be written, or was asked for wrongly (format, path)
    └── GoldDataError       a gold set needed for evaluation is missing or malformed

Foreign errors (DuckDB, the file system, spaCy) are translated at the boundary with
``raise XError(...) from exc`` so the CLI can print one clear line and choose an exit code.
"""

from __future__ import annotations


class DragomanError(Exception):
    """Root of every error Dragoman raises on purpose."""


class InputError(DragomanError):
    """An input (file, line of a JSON-lines file, feed entry) could not be turned into a document.

    Attributes:
        origin: the file path (or ``-`` for stdin) the input came from.
        line: the 1-based line number for JSON lines, else ``None``.
        reason: what was wrong, in words a user can act on.
    """

    def __init__(self, origin: str, reason: str, line: int | None = None) -> None:
        self.origin = origin
        self.line = line
        self.reason = reason
        where = f"{origin}:{line}" if line is not None else origin
        super().__init__(f"{where}: {reason}")


class UnsupportedInput(InputError):
    """A file whose format Dragoman does not read (e.g. a PDF or an image)."""


class PipelineError(DragomanError):
    """The language-analysis pipeline could not be built or run."""


class StoreError(DragomanError):
    """The DuckDB store could not be opened, migrated or written."""


class KnowledgeBaseError(DragomanError):
    """A knowledge-base data file is missing or malformed (the message names the file and line)."""


class ExportError(DragomanError):
    """An export could not be written (the message names the path), or its format or filter is unknown."""


class GoldDataError(DragomanError):
    """A gold set needed for evaluation is missing or malformed."""
