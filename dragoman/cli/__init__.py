"""The ``dragoman`` command line: a thin Typer adapter over the library."""

from dragoman.cli import corpus as _corpus  # noqa: F401  (registers `dyad`, `network`, `merges`, `unmerge`)
from dragoman.cli import export as _export  # noqa: F401  (registers `dragoman export`)
from dragoman.cli import serve as _serve  # noqa: F401  (registers `dragoman serve`)
from dragoman.cli.app import app, main

__all__ = ["app", "main"]
