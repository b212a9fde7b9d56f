"""The README's screenshots of the viewer, taken in Debian's headless Chromium (never by hand).

    .venv/bin/python scripts/screenshots.py [--corpus ../shared/corpus/wikinews-politics-dev] [--out docs/screenshots]

Loads the bundled sample article and, when it is there, the shared Wikinews corpus into a
temporary embedded store, starts `polgraph app` on it, and saves one picture per mode and page:
the facts around Marine Le Pen with her panel open, who is named with whom coloured by community,
support and opposition with a line's evidence open, an actor's page with its timeline, and an
article with its facts and quotations highlighted. Fails if the page asks for anything outside
127.0.0.1.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from polgraph.app.viewer.browser import click_edge, click_node, drawn, launch, network_frame, open_page, serve
from polgraph.graph.open import open_store
from polgraph.loaders.load import SAMPLE_ARTICLE, load_paths

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "wikinews-politics-dev"


def picture(page, path: Path, full_page: bool = False) -> None:
    for frame in page.frames:  # no tooltip left over the network by the click
        frame.evaluate("() => document.querySelectorAll('.vis-tooltip').forEach(t => t.style.visibility = 'hidden')")
    page.wait_for_timeout(300)
    page.screenshot(path=str(path), full_page=full_page)


def shoot(url: str, out: Path, sample_id: str) -> None:
    blocked: list[str] = []
    with launch() as browser:
        page = open_page(browser, f"{url}/?focus=person%3Amarine-le-pen&hops=2", blocked, height=1100)
        click_node(page, network_frame(page), "person:marine-le-pen")
        page.get_by_role("link", name="Open on the Actor page").wait_for()
        picture(page, out / "network.png")

        page = open_page(browser, f"{url}/?mode=cooccurrence&colour=community&size=betweenness", blocked, height=1100)
        network_frame(page)
        page.get_by_text("Louvain community", exact=False).first.wait_for()
        picture(page, out / "network-cooccurrence.png")

        page = open_page(browser, f"{url}/?mode=stance", blocked, height=1100)
        frame = network_frame(page)
        edges = drawn(frame)["edges"]
        if edges:  # the corpus holds what extraction found, which may be little
            click_edge(page, frame, edges[0]["from"], edges[0]["to"])
            page.get_by_role("button", name="Show in the article").first.click()
            page.locator("mark[data-chosen]").wait_for()
        picture(page, out / "network-stance.png")

        page = open_page(browser, f"{url}/actor?actor=person%3Adonald-trump", blocked, height=1100)
        page.locator("[data-testid='stVegaLiteChart'] canvas, [data-testid='stVegaLiteChart'] svg").first.wait_for()
        picture(page, out / "actor.png")

        page = open_page(browser, f"{url}/articles?article={sample_id.replace(':', '%3A')}", blocked, height=1100)
        page.locator("mark").first.wait_for()
        picture(page, out / "articles.png", full_page=True)
    if blocked:
        raise SystemExit(f"the viewer asked for outside addresses: {blocked}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "g"
        with open_store(db) as store:
            load_paths(store, [SAMPLE_ARTICLE, *([args.corpus] if args.corpus.exists() else [])], processes=2,
                       progress=True)
            sample_id = next(a["id"] for a in store.articles() if (a["path"] or "").endswith(SAMPLE_ARTICLE.name))
        with serve(["--db", str(db)]) as url:
            shoot(url, args.out, sample_id)
    print(f"screenshots in {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
