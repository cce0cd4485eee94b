"""The pages in headless Chromium (Playwright) against a real uvicorn server on a loopback port.

Every page loads without console errors; clicking an event on the document page highlights its
sentence and trigger in the text. Skipped, saying why, where Chromium is not installed.
"""

from __future__ import annotations

import os

import pytest

from .conftest import FakeAnalyser
from .server import CHROMIUM, CHROMIUM_ARGS, running

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"Chromium not installed at {CHROMIUM}"),
]

PAGES = [
    ("/", "The corpus at a glance"),
    ("/documents", "Aliyev in Washington"),
    ("/documents/doc-one", "Aliyev in Washington"),
    ("/actors", "Armenia"),
    ("/actors/ARM", "Partners"),
    ("/events?actor=ARM", "SANCTION"),
    ("/dyads/USA/ARM", "2025-03"),
    ("/search?q=armenia", "Documents"),
    ("/analyse", "Analyse an article"),
    ("/apidocs", "/api/events"),
]


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    from dragoman.web import create_app

    from .conftest import make_store

    path = make_store(tmp_path_factory.mktemp("web") / "pages.duckdb")
    with running(create_app(path, analyser=FakeAnalyser())) as url:  # type: ignore[arg-type]
        yield url


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.console_errors = []  # type: ignore[attr-defined]
    page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))  # type: ignore[attr-defined]
    page.on("pageerror", lambda e: page.console_errors.append(str(e)))  # type: ignore[attr-defined]
    yield page
    context.close()


@pytest.mark.parametrize(("path", "text"), PAGES)
def test_pages_load_without_console_errors(page, base_url, path, text):
    response = page.goto(base_url + path)
    assert response is not None and response.status == 200
    assert text in page.content()
    assert page.console_errors == []


def test_pages_click_an_event_highlights_its_evidence(page, base_url):
    page.goto(base_url + "/documents/doc-one")
    assert page.locator(".hl-trg").count() == 0
    page.locator("#event-1").click()
    assert page.locator(".hl-trg").inner_text() == "accused"
    sentence = "".join(page.locator(".hl-sent").all_inner_texts())
    assert sentence.startswith("Azerbaijan accused") and "officials said." in sentence
    assert "active" in (page.locator("#event-1").get_attribute("class") or "")
    assert page.url.endswith("#event-1")
    page.locator("#event-0").click()  # another event: the first one's marks go
    assert page.locator(".hl-trg").inner_text() == "met"
    assert page.console_errors == []


def test_pages_event_link_opens_with_its_evidence(page, base_url):
    page.goto(base_url + "/events?actor=ARM")
    page.locator("a.doclink").last.click()
    page.wait_for_url("**/documents/doc-one#event-1")
    assert page.locator(".hl-trg").inner_text() == "accused"


def test_pages_actor_mentions_link_to_actors(page, base_url):
    page.goto(base_url + "/documents/doc-one")
    page.locator("article.text a.act", has_text="Armenia").click()
    page.wait_for_url("**/actors/ARM")
    assert page.locator("h1").inner_text().startswith("Armenia")


def test_pages_analyse_decodes_a_pasted_article(page, base_url):
    page.goto(base_url + "/analyse")
    page.fill("textarea[name=text]", "NATO ministers met in Brussels.")
    page.fill("input[name=date]", "2026-01-20")
    page.click("button[type=submit]")
    page.wait_for_selector("article.text")
    assert page.locator("article.text").inner_text() == "NATO ministers met in Brussels."
    assert page.console_errors == []


def test_pages_unknown_page_shows_the_error(page, base_url):
    response = page.goto(base_url + "/actors/Atlantis")
    assert response is not None and response.status == 404
    assert "no actor 'Atlantis'" in page.locator("p.error").inner_text()
