"""The web UI and HTTP API (``dragoman serve``): FastAPI routes and server-rendered pages over the store.

``create_app(db_path)`` builds the application; :mod:`dragoman.web.access` says how it shares the
DuckDB file with ``dragoman ingest``, :mod:`dragoman.web.auth` who may write.
"""

from dragoman.web.app import create_app

__all__ = ["create_app"]
