"""The JSON API through FastAPI's TestClient: listings, records, filters, errors, limits, the token."""

from __future__ import annotations

import pytest

from dragoman.record import Record
from dragoman.store import Store


def test_api_documents_lists_newest_first(client):
    body = client.get("/api/documents").json()
    assert body["total"] == 2
    assert [d["id"] for d in body["documents"]] == ["doc-one", "doc-two"]


def test_api_document_returns_the_record_by_prefix(client):
    body = client.get("/api/documents/doc-t").json()
    record = Record.from_dict(body)
    assert record.id == "doc-two" and record.events[0].type == "SANCTION"


def test_api_unknown_document_has_the_error_shape(client):
    response = client.get("/api/documents/nothing")
    assert response.status_code == 404
    assert response.json() == {
        "error": {"status": 404, "code": "not_found", "message": "no document 'nothing' in the store"}
    }


def test_api_actors_by_mentions_and_dossier(client):
    actors = client.get("/api/actors").json()["actors"]
    assert actors[0]["id"] == "ARM" and actors[0]["mentions"] == 2
    dossier = client.get("/api/actors/armenia").json()  # a name resolves as in the CLI
    assert dossier["actor"]["id"] == "ARM"
    # partners count asserted events, as `dragoman actor` does: AZE's accusation is only attributed
    assert [(p["id"], p["events"], p["conflict"]) for p in dossier["partners"]] == [("USA", 1, 1)]
    assert [e["type"] for e in dossier["events"]] == ["SANCTION", "ACCUSE"]


def test_api_actor_framing_summary(client):
    framing = client.get("/api/actors/USA").json()["framing"]
    assert framing["tone"]["praise"] == 1 and framing["tone"]["attack"] == 0


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["SANCTION", "CONSULT", "ACCUSE"]),
        ("?actor=ARM", ["SANCTION", "ACCUSE"]),
        ("?actor=ARM&type=accuse", ["ACCUSE"]),
        ("?type=CONSULT&type=SANCTION", ["SANCTION", "CONSULT"]),
        ("?since=2026-01", ["CONSULT", "ACCUSE"]),
        ("?until=2025", ["SANCTION"]),
        ("?factuality=attributed", ["ACCUSE"]),
        ("?limit=1&offset=1", ["CONSULT"]),
        ("?by_event=true", ["SANCTION", "CONSULT", "ACCUSE"]),  # three events, one report each
    ],
)
def test_api_events_filters_as_the_cli(client, query, expected):
    response = client.get("/api/events" + query)
    assert response.status_code == 200, response.text
    assert [e["type"] for e in response.json()["events"]] == expected
    assert all(e["reports"] == 1 and e["cluster_id"] for e in response.json()["events"])


@pytest.mark.parametrize(
    ("query", "status", "words"),
    [
        ("?type=HUG", 400, "unknown event type 'HUG'"),
        ("?factuality=maybe", 400, "unknown factuality"),
        ("?since=last-year", 400, "is not a date"),
        ("?actor=Atlantis", 400, "no actor 'Atlantis'"),
        ("?limit=5000", 422, "query.limit"),
        ("?offset=-1", 422, "query.offset"),
    ],
)
def test_api_events_bad_filters_are_reported(client, query, status, words):
    response = client.get("/api/events" + query)
    assert response.status_code == status
    assert words in response.json()["error"]["message"]


def test_api_search_finds_actors_and_text(client):
    body = client.get("/api/search", params={"q": "armenia"}).json()
    assert [a["id"] for a in body["actors"]] == ["ARM"]
    assert {d["doc_id"] for d in body["documents"]} == {"doc-one", "doc-two"}
    assert "Armenia" in body["documents"][0]["snippet"]


def test_api_search_query_length_is_limited(client):
    assert client.get("/api/search", params={"q": "x" * 201}).status_code == 422


def test_api_extract_returns_a_record_without_storing(client, store_path):
    response = client.post("/api/extract", json={"text": "NATO met in Brussels.", "date": "2026-01-20"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["stored"] is None and body["record"]["text"] == "NATO met in Brussels."
    with Store(store_path, read_only=True) as store:
        assert store.counts()["documents"] == 2


def test_api_extract_stores_when_asked(client, store_path):
    response = client.post("/api/extract", json={"text": "NATO met in Brussels.", "id": "n1", "store": True})
    assert response.json()["stored"] == "ingested"
    with Store(store_path, read_only=True) as store:
        assert store.resolve_id("n1") == "n1"


@pytest.mark.parametrize(
    ("body", "words"),
    [({"text": ""}, "body.text"), ({"text": "x", "date": "20 January"}, "is not a date"), ({}, "body.text")],
)
def test_api_extract_rejects_bad_input(client, body, words):
    response = client.post("/api/extract", json=body)
    assert response.status_code == 422
    assert words in response.json()["error"]["message"]


def test_api_extract_text_length_is_limited(client):
    from dragoman.web.api import MAX_TEXT_CHARS

    response = client.post("/api/extract", json={"text": "a" * (MAX_TEXT_CHARS + 1)})
    assert response.status_code == 422


def test_api_request_body_size_is_limited(make_client):
    client = make_client(max_body=1000)
    response = client.post("/api/extract", json={"text": "word " * 400})
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"


def test_api_body_limit_holds_without_content_length(make_client):
    client = make_client(max_body=1000)
    chunks = (b'{"text": "' + b"a" * 600, b"a" * 600 + b'"}')
    response = client.post("/api/extract", content=iter(chunks), headers={"content-type": "application/json"})
    assert response.status_code == 413


def test_api_storing_needs_the_token_when_one_is_set(make_client, store_path):
    client = make_client(token="s3cret")
    article = {"text": "NATO met in Brussels.", "id": "n2", "store": True}
    assert client.post("/api/extract", json=article).status_code == 401
    wrong = client.post("/api/extract", json=article, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 403 and wrong.json()["error"]["code"] == "forbidden"
    with Store(store_path, read_only=True) as store:
        assert store.resolve_id("n2") is None
    right = client.post("/api/extract", json=article, headers={"Authorization": "Bearer s3cret"})
    assert right.status_code == 200 and right.json()["stored"] == "ingested"


def test_api_analysing_without_storing_needs_no_token(make_client):
    client = make_client(token="s3cret")
    assert client.post("/api/extract", json={"text": "NATO met."}).status_code == 200


def test_api_loopback_server_refuses_foreign_host_names(make_client):
    client = make_client()
    response = client.get("/api/documents", headers={"host": "evil.example"})
    assert response.status_code == 400


def test_api_openapi_describes_the_routes(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/documents", "/api/documents/{doc_ref}", "/api/actors/{actor_ref}", "/api/events",
                 "/api/dyads", "/api/dyads/{a}/{b}", "/api/search", "/api/extract"):  # fmt: skip
        assert path in paths
    assert not any(not p.startswith("/api/") for p in paths)  # pages stay out of the API description


def test_api_busy_store_answers_503(make_client, store_path, monkeypatch):
    from dragoman.web.access import StoreAccess, StoreBusy

    def busy(self, *, read_only=True):
        raise StoreBusy("the store is busy")

    monkeypatch.setattr(StoreAccess, "open", busy)
    response = make_client().get("/api/documents")
    assert response.status_code == 503
    assert response.headers["retry-after"] == "5"
    assert response.json()["error"]["code"] == "busy"


def test_api_dyads_strongest_and_series(client):
    dyads = client.get("/api/dyads").json()["dyads"]
    # only asserted events count: the attributed accusation AZE → ARM makes no dyad
    assert {(d["a"], d["b"]) for d in dyads} == {("ARM", "USA"), ("donald-trump", "ilham-aliyev")}
    series = client.get("/api/dyads/USA/ARM", params={"by": "month"}).json()
    assert [p["period"] for p in series["periods"]] == ["2025-03"]
    assert series["periods"][0]["score"] == -6.0


def test_api_dyad_errors(client):
    assert client.get("/api/dyads/USA/Atlantis").status_code == 404
    assert client.get("/api/dyads/USA/USA").json()["error"]["code"] == "bad_request"
    assert client.get("/api/dyads/USA/ARM", params={"by": "day"}).status_code == 422
    assert client.get("/api/dyads/USA/ARM", params={"include": "rumoured"}).status_code == 400
