"""The HTML pages: thin routes that gather a view (:mod:`dragoman.web.views`) and render a template."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, Response

from dragoman.record import EVENT_TYPES, FACTUALITIES, Record, parse_date
from dragoman.web import views
from dragoman.web.access import Analyser, StoreAccess
from dragoman.web.api import MAX_QUERY_CHARS, MAX_TEXT_CHARS
from dragoman.web.errors import ApiError
from dragoman.web.graphics import dyad_chart
from dragoman.web.highlight import event_items, segments

router = APIRouter(include_in_schema=False)

#: Rows per page of the document, actor and event lists.
PAGE = 50


def _render(request: Request, template: str, context: dict[str, Any], status: int = 200) -> Response:
    return request.app.state.templates.TemplateResponse(request, template, context, status_code=status)


def _access(request: Request) -> StoreAccess:
    return request.app.state.access


def _record_context(record: Record) -> dict[str, Any]:
    """What the record partial needs: the record, its text in segments, its events for the side list."""
    return {"record": record, "segments": segments(record), "events": event_items(record)}


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> Response:
    with _access(request).open() as store:
        view = views.overview(store)
    return _render(request, "home.html", view)


@router.get("/documents", response_class=HTMLResponse)
def document_list(request: Request, offset: Annotated[int, Query(ge=0)] = 0) -> Response:
    with _access(request).open() as store:
        view = views.documents(store, limit=PAGE, offset=offset)
    return _render(request, "documents.html", view)


@router.get("/documents/{doc_ref}", response_class=HTMLResponse)
def document(request: Request, doc_ref: str) -> Response:
    with _access(request).open() as store:
        doc_id = store.resolve_id(doc_ref)
        record = store.record(doc_id) if doc_id else None
    if record is None:
        raise ApiError(404, f"no document {doc_ref!r} in the store")
    return _render(request, "document.html", _record_context(record))


@router.get("/actors", response_class=HTMLResponse)
def actor_list(
    request: Request, kind: str | None = None, offset: Annotated[int, Query(ge=0)] = 0
) -> Response:
    with _access(request).open() as store:
        view = views.actors(store, kind=kind or None, limit=PAGE, offset=offset)
    return _render(request, "actors.html", view)


@router.get("/actors/{actor_ref}", response_class=HTMLResponse)
def actor(request: Request, actor_ref: str) -> Response:
    with _access(request).open() as store:
        view = views.actor(store, store.resolve_actor(actor_ref) or actor_ref)
    if view is None:
        raise ApiError(404, f"no actor {actor_ref!r} in the store")
    return _render(request, "actor.html", view)


@router.get("/events", response_class=HTMLResponse)
def event_list(
    request: Request,
    actor: str | None = None,
    type: str | None = None,
    since: Annotated[str | None, Query(max_length=10)] = None,
    until: Annotated[str | None, Query(max_length=10)] = None,
    factuality: str | None = None,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> Response:
    filters = {"actor": actor or "", "type": type or "", "since": since or "", "until": until or "",
               "factuality": factuality or ""}  # fmt: skip
    with _access(request).open() as store:
        try:
            view = views.events(
                store, actor=[actor] if actor else [], type=[type] if type else [], since=since or None,
                until=until or None, factuality=[factuality] if factuality else [], limit=PAGE, offset=offset,
            )  # fmt: skip
        except LookupError as exc:
            raise ApiError(400, str(exc.args[0])) from exc
    return _render(
        request, "events.html",
        {**view, "filters": filters, "types": EVENT_TYPES, "factualities": FACTUALITIES, "page": PAGE},
    )  # fmt: skip


@router.get("/dyads/{a}/{b}", response_class=HTMLResponse)
def dyad(
    request: Request, a: str, b: str, by: Annotated[str, Query(pattern="^(week|month|year)$")] = "month"
) -> Response:
    with _access(request).open() as store:
        try:
            series = views.dyad(store, a, b, by=by)
        except LookupError as exc:
            raise ApiError(404, str(exc.args[0])) from exc
        except ValueError as exc:
            raise ApiError(400, str(exc)) from exc
    return _render(request, "dyad.html", {"series": series, "chart": dyad_chart(series), "by": by})


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, q: Annotated[str, Query(max_length=MAX_QUERY_CHARS)] = "") -> Response:
    if not q.strip():
        return _render(request, "search.html", {"q": "", "actors": [], "documents": []})
    with _access(request).open() as store:
        view = views.search(store, q.strip())
    return _render(request, "search.html", view)


@router.get("/apidocs", response_class=HTMLResponse)
def api_reference(request: Request) -> Response:
    """The API's endpoints and parameters, read from its OpenAPI description (``/openapi.json``)."""
    spec = request.app.openapi()
    endpoints = [
        {"method": method.upper(), "path": path, "summary": op.get("summary", ""),
         "parameters": [(p["name"], p["in"], p.get("required", False), (p.get("description") or ""))
                        for p in op.get("parameters", [])],
         "body": "requestBody" in op}
        for path, item in spec.get("paths", {}).items()
        for method, op in item.items()
    ]  # fmt: skip
    return _render(request, "apidocs.html", {"endpoints": endpoints, "info": spec.get("info", {})})


@router.get("/analyse", response_class=HTMLResponse)
def analyse_form(request: Request) -> Response:
    return _render(request, "analyse.html", {"text": "", "date": "", "max_chars": MAX_TEXT_CHARS})


@router.post("/analyse", response_class=HTMLResponse)
def analyse(
    request: Request,
    text: Annotated[str, Form(max_length=MAX_TEXT_CHARS)],
    date: Annotated[str, Form(max_length=10)] = "",
) -> Response:
    context: dict[str, Any] = {"text": text, "date": date, "max_chars": MAX_TEXT_CHARS}
    if date and parse_date(date) is None:
        context["error"] = f"{date!r} is not a date of the form YYYY-MM-DD"
        return _render(request, "analyse.html", context, status=422)
    if not text.strip():
        context["error"] = "paste an article first"
        return _render(request, "analyse.html", context, status=422)
    nlp: Analyser = request.app.state.analyser
    record = nlp.analyse(text, date=date or None)
    return _render(request, "analyse.html", {**context, **_record_context(record)})
