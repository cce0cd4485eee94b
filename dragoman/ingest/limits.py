"""Size limits on inputs, so that one enormous or runaway file cannot exhaust memory.

The NLP stage chunks long texts itself, so these limits are far above any real article: they exist to
turn a mistaken input (a disk image, a database dump) into a clear :class:`~dragoman.errors.InputError`.
"""

from __future__ import annotations

#: Largest plain-text, HTML, feed or whole-JSON file read, in raw bytes (read whole into memory).
MAX_FILE_BYTES = 50 * 1024 * 1024

#: Largest single line of a JSON-lines file, in raw bytes. JSON-lines files are streamed line by line,
#: so the file as a whole has no limit.
MAX_LINE_BYTES = 10 * 1024 * 1024


def too_large(size: int, limit: int) -> str:
    """Return the reason given for an input over ``limit`` bytes.

    Args:
        size: the input's size in bytes (or a lower bound when it was not read to the end).
        limit: the limit it exceeds.

    Returns:
        e.g. ``"too large (61 MB > 50 MB limit)"``.
    """
    mib = 1024 * 1024
    return f"too large ({-(-size // mib)} MB > {limit // mib} MB limit)"
