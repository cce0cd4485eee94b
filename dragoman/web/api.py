"""The JSON API under ``/api``: thin routes over :mod:`dragoman.web.views` and the analyser."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field

from dragoman.record import FACTUALITIES, parse_date
from dragoman.web import views
from dragoman.web.access import Analyser, StoreAccess
from dragoman.web.auth import check_write
from dragoman.web.errors import ApiError

#: Longest article ``POST /api/extract`` analyses, in characters (about 60 news articles' worth).
MAX_TEXT_CHARS = 200_000

#: Most rows one listing returns.
MAX_LIMIT = 1000

#: Longest search query, in characters.
MAX_QUERY_CHARS = 200

router = APIRouter(prefix="/api", tags=["api"])

Limit = Annotated[int, Query(ge=0, le=MAX_LIMIT, description="How many rows to return.")]
Offset = Annotated[int, Query(ge=0, description="How many rows to skip.")]


def access(request: Request) -> StoreAccess:
    """The server's store access (a dependency)."""
    return request.app.state.access


def analyser(request: Request) -> Analyser:
    """The server's analyser (a dependency)."""
    return request.app.state.analyser


Access = Annotated[StoreAccess, Depends(access)]


class ExtractRequest(BaseModel):
    """An article to analyse."""

    text: str = Field(min_length=1, max_length=MAX_TEXT_CHARS, description="The article's text.")
    date: str | None = Field(None, description="Publication date YYYY-MM-DD (anchors relative dates).")
    title: str | None = Field(None, max_length=1000)
    id: str | None = Field(None, max_length=200, description="An id of your own (default: hash of text).")
    store: bool = Field(False, description="Also store the record (needs the token where one is set).")


@router.get("/documents", summary="List stored documents, newest first")
def list_documents(db: Access, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    with db.open() as store:
        return views.documents(store, limit=limit, offset=offset)


@router.get("/documents/{doc_ref}", summary="One document's extraction record (id or unique id prefix)")
def get_document(db: Access, doc_ref: str) -> dict[str, Any]:
    with db.open() as store:
        doc_id = store.resolve_id(doc_ref)
        record = store.record(doc_id) if doc_id else None
    if record is None:
        raise ApiError(404, f"no document {doc_ref!r} in the store")
    return record.to_dict()


@router.get("/actors", summary="List actors by mentions")
def list_actors(
    db: Access,
    kind: Annotated[str | None, Query(description="country, person, igo, organization, group…")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    with db.open() as store:
        return views.actors(store, kind=kind, limit=limit, offset=offset)


@router.get("/actors/{actor_ref}", summary="An actor's dossier, events, partners and framing")
def get_actor(db: Access, actor_ref: str) -> dict[str, Any]:
    with db.open() as store:
        found = views.actor(store, store.resolve_actor(actor_ref) or actor_ref)
    if found is None:
        raise ApiError(404, f"no actor {actor_ref!r} in the store")
    return found


@router.get("/events", summary="Events, filtered as 'dragoman events' filters them")
def list_events(
    db: Access,
    actor: Annotated[list[str] | None, Query(description="Source or target, id or name; repeatable.")] = None,
    type: Annotated[list[str] | None, Query(description="PLOVER type; repeatable.")] = None,
    since: Annotated[str | None, Query(max_length=10, description="YYYY, YYYY-MM or YYYY-MM-DD.")] = None,
    until: Annotated[str | None, Query(max_length=10, description="YYYY, YYYY-MM or YYYY-MM-DD.")] = None,
    factuality: Annotated[list[str] | None, Query(description="asserted, attributed, …; repeatable.")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
    by_event: Annotated[
        bool, Query(description="One row per event (its earliest report) instead of one per report.")
    ] = False,
) -> dict[str, Any]:
    with db.open() as store:
        try:
            return views.events(
                store, actor=actor or [], type=type or [], since=since, until=until,
                factuality=factuality or [], limit=limit, offset=offset, by_event=by_event,
            )  # fmt: skip
        except LookupError as exc:
            raise ApiError(400, str(exc.args[0])) from exc


@router.get("/dyads", summary="The pairs of actors with most events between them")
def list_dyads(db: Access, limit: Annotated[int, Query(ge=1, le=100)] = 10) -> dict[str, Any]:
    with db.open() as store:
        return {"dyads": views.strongest_dyads(store, limit=limit)}


@router.get("/dyads/{a}/{b}", summary="Two actors' events per period: counts by quad class, score, evidence")
def get_dyad(
    db: Access,
    a: str,
    b: str,
    by: Annotated[str, Query(pattern="^(week|month|year)$", description="week, month or year.")] = "month",
    include: Annotated[
        list[str] | None, Query(description="Factualities counted (default: asserted); repeatable.")
    ] = None,
) -> dict[str, Any]:
    chosen = include or ["asserted"]
    unknown = [f for f in chosen if f not in FACTUALITIES]
    if unknown:
        raise ApiError(400, f"unknown factuality {unknown[0]!r}: expected one of {', '.join(FACTUALITIES)}")
    with db.open() as store:
        try:
            return views.dyad(store, a, b, by=by, include=chosen)
        except LookupError as exc:
            raise ApiError(404, str(exc.args[0])) from exc
        except ValueError as exc:
            raise ApiError(400, str(exc)) from exc


@router.get("/search", summary="Actors and documents matching a query")
def search(
    db: Access,
    q: Annotated[str, Query(min_length=1, max_length=MAX_QUERY_CHARS)],
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> dict[str, Any]:
    with db.open() as store:
        return views.search(store, q.strip() or q, limit=limit)


@router.post("/extract", summary="Analyse an article; store its record only if asked")
def extract(
    request: Request,
    body: ExtractRequest,
    db: Access,
    nlp: Annotated[Analyser, Depends(analyser)],
) -> dict[str, Any]:
    if body.store:
        check_write(request)
    if body.date is not None and parse_date(body.date) is None:
        raise ApiError(422, f"date: {body.date!r} is not a date of the form YYYY-MM-DD")
    if not body.text.strip():
        raise ApiError(422, "text: empty document")
    record = nlp.analyse(body.text, date=body.date, title=body.title, doc_id=body.id)
    stored = None
    if body.store:
        with db.open(read_only=False) as store:
            stored = store.save(record, origin="<api>", format="text")
    return {"stored": stored, "record": record.to_dict()}
