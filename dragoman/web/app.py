"""The FastAPI application behind ``dragoman serve``: the JSON API, the pages and their static files."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.middleware.trustedhost import TrustedHostMiddleware

from dragoman import __version__
from dragoman.web import api, pages
from dragoman.web.access import Analyser, StoreAccess
from dragoman.web.cache import CacheMiddleware, ResponseCache
from dragoman.web.errors import MAX_BODY_BYTES, BodyLimit, install_error_handlers

HERE = Path(__file__).parent

#: Host names a loopback-bound server answers to (others are refused, against DNS rebinding).
LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "[::1]", "::1", "testserver"]


def create_app(
    db_path: str | Path,
    *,
    token: str | None = None,
    loopback: bool = True,
    analyser: Analyser | None = None,
    max_body: int = MAX_BODY_BYTES,
    cache: ResponseCache | None = None,
) -> FastAPI:
    """The Dragoman web application over the store at ``db_path``.

    Args:
        db_path: the DuckDB file; read through one shared read-only connection that is closed whenever a
            writer announces itself (see :mod:`dragoman.web.access`).
        token: where set, storing through the API needs ``Authorization: Bearer TOKEN``.
        loopback: the server listens on a loopback address: requests must name a loopback host.
        analyser: the language pipeline for ``/api/extract`` and the analyse page (default: built on
            first use).
        max_body: largest request body accepted, in bytes.
        cache: where answers to ``GET`` requests are kept while the store does not change (default: a
            new :class:`~dragoman.web.cache.ResponseCache`).
    """
    access = StoreAccess(db_path)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        access.start()
        try:
            yield
        finally:
            access.stop()

    app = FastAPI(
        lifespan=lifespan,
        title="Dragoman",
        version=__version__,
        # Swagger UI and ReDoc load their scripts from a CDN: the API page is our own (/apidocs).
        docs_url=None,
        redoc_url=None,
        description="Who did what to whom, when and where — with the evidence. Read-only API over a "
        "Dragoman store, plus POST /api/extract to analyse an article.",
    )
    app.state.access = access
    app.state.cache = cache if cache is not None else ResponseCache()
    app.state.analyser = analyser or Analyser()
    app.state.token = token
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals["version"] = __version__
    templates.env.filters["short"] = _short
    app.state.templates = templates
    install_error_handlers(app)
    # Innermost, so that the host check and the body limit still apply to cached answers.
    app.add_middleware(CacheMiddleware, cache=app.state.cache, version=access.version)
    app.add_middleware(BodyLimit, limit=max_body)
    if loopback:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=LOOPBACK_HOSTS)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    return app


def _short(doc_id: str) -> str:
    """A document id cut to 12 characters (content hashes are 64)."""
    return doc_id if len(doc_id) <= 12 else doc_id[:11] + "…"
