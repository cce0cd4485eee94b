"""The ``dragoman`` command line: a thin Typer adapter over the library."""

from dragoman.cli.app import app, main

__all__ = ["app", "main"]
