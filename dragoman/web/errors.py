"""One error shape for the API, an error page for the HTML pages, and the request-size limit.

Every API error is ``{"error": {"status": 404, "code": "not_found", "message": "…"}}`` (plus
``"details"`` for invalid parameters); pages get the same message in the error template.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from dragoman.errors import StoreError
from dragoman.web.access import ServerBusy

log = logging.getLogger(__name__)

#: Largest request body accepted, in bytes (an article of ``MAX_TEXT_CHARS`` characters in JSON fits).
MAX_BODY_BYTES = 2 * 1024 * 1024

_CODES = {
    400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
    413: "too_large", 415: "unsupported_media_type", 422: "invalid", 500: "internal", 503: "busy",
}  # fmt: skip


class ApiError(HTTPException):
    """An error with a status and a message a user can act on."""

    def __init__(self, status: int, message: str, *, headers: dict[str, str] | None = None) -> None:
        super().__init__(status, message, headers=headers)


def error_body(status: int, message: str, details: Any = None) -> dict[str, Any]:
    """The one JSON error shape."""
    error: dict[str, Any] = {"status": status, "code": _CODES.get(status, "error"), "message": message}
    if details is not None:
        error["details"] = details
    return {"error": error}


def _respond(
    request: Request, status: int, message: str, details: Any = None, headers: Mapping[str, str] | None = None
) -> Response:
    if request.url.path.startswith("/api/") or request.url.path == "/api":
        return JSONResponse(error_body(status, message, details), status_code=status, headers=headers)
    templates = request.app.state.templates
    return templates.TemplateResponse(
        request, "error.html", {"status": status, "message": message}, status_code=status, headers=headers
    )


def install_error_handlers(app: FastAPI) -> None:
    """Turn HTTP errors, invalid parameters, store errors and crashes into the error shape."""

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        return _respond(request, exc.status_code, str(exc.detail), headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        details = [
            {"where": ".".join(str(p) for p in e.get("loc", ())), "message": e.get("msg", "")}
            for e in exc.errors()
        ]
        first = details[0] if details else {"where": "request", "message": "invalid"}
        return _respond(request, 422, f"{first['where']}: {first['message']}", details)

    @app.exception_handler(ServerBusy)
    async def busy(request: Request, exc: ServerBusy) -> Response:
        return _respond(request, 503, str(exc), headers={"Retry-After": "5"})

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        # Filters the store rejects (an unknown type, an unreadable date) are the caller's to fix.
        return _respond(request, 400, str(exc))

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s", request.url.path)
        return _respond(request, 500, "internal error (logged on the server)")


class BodyLimit:
    """ASGI middleware: refuse request bodies over ``limit`` bytes with 413, declared or streamed."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await self._refuse(scope, receive, send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise _TooLarge(413, f"request body too large (limit {self.limit // 1024} KiB)")
            return message

        try:
            await self.app(scope, counted, send)
        except _TooLarge:
            await self._refuse(scope, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        message = f"request body too large (limit {self.limit // 1024} KiB)"
        response: Response = JSONResponse(error_body(413, message), status_code=413)
        if not str(scope.get("path", "")).startswith("/api"):
            response = HTMLResponse(f"<!doctype html><title>413</title><p>{message}</p>", status_code=413)
        await response(scope, receive, send)


class _TooLarge(ApiError):
    """A streamed body that outgrew the limit (FastAPI lets HTTP errors through its body parsing)."""
