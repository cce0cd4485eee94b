"""``python -m dragoman.cli``: the same as the ``dragoman`` console script."""

from dragoman.cli import main

main()
