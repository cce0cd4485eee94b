"""Take the README's screenshots of the web UI from a store (e.g. the demo corpus, ``make demo``).

    python scripts/screenshots.py --db dragoman.duckdb --out docs/screenshots

Serves the store on a free loopback port and photographs the home page, a document with an event's
evidence highlighted, an actor, a dyad and the analyse page with headless Chromium (Debian's
``/usr/bin/chromium``). Nothing is written to the store.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dragoman.store import Store
from dragoman.web import create_app
from tests.web.server import CHROMIUM, CHROMIUM_ARGS, running


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", default="dragoman.duckdb")
    parser.add_argument("--out", default="docs/screenshots")
    parser.add_argument("--width", type=int, default=1280)
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with Store(args.db, read_only=True) as store:
        busiest = max(store.documents(limit=500), key=lambda d: (d.events, d.id))
        from dragoman.corpus.graph import strongest_dyads

        dyads = strongest_dyads(store, limit=1)
    from playwright.sync_api import sync_playwright

    with running(create_app(args.db)) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page(viewport={"width": args.width, "height": 900})

        def shot(path: str, name: str) -> None:
            page.goto(base + path)
            page.screenshot(path=str(out / name))
            print(out / name)

        shot("/", "home.png")
        page.goto(base + f"/documents/{busiest.id}")
        page.locator(".ev[data-ev]").nth(min(2, busiest.events - 1)).click()
        page.wait_for_timeout(600)
        page.screenshot(path=str(out / "document.png"))
        print(out / "document.png")
        shot("/actors/AZE", "actor.png")
        if dyads:
            shot(f"/dyads/{dyads[0].a}/{dyads[0].b}?by=year", "dyad.png")
        browser.close()


if __name__ == "__main__":
    main()
