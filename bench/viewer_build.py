"""How fast the viewer redraws the network of a 500-article corpus, in a real browser.

    .venv/bin/python bench/viewer_build.py [--db PATH] [--articles 500] [--keep PATH]

Builds the corpus bench/corpus_load.py builds (the 58 Wikinews articles repeated, each copy
distinct) and loads it into an embedded store, or takes ``--db``, a store already loaded
(``--keep PATH`` keeps the one built, for the next run). Starts `polgraph app` on it, opens it
in Debian's headless Chromium with every request leaving 127.0.0.1 blocked and counted, and
times each step from the click to the network drawn again (the component reports each drawing):
switching mode, colour and size, focusing on the best-connected actor, two hops, and back. The
same steps run twice: the first pass builds each view (cold), the second finds it cached (warm).
Beside each step, the server's share: building that view and its drawing in Python, cold.
The goal (issue 18): every step under 2 s in the browser.
"""

from __future__ import annotations

import argparse
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from common import save  # noqa: E402
from corpus_load import build_corpus  # noqa: E402

from polgraph.app.viewer.network import drawing  # noqa: E402
from polgraph.graph import exports, views  # noqa: E402
from polgraph.graph.store import open_store  # noqa: E402
from polgraph.loaders.load import load_paths  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
POLGRAPH = str(Path(sys.executable).with_name("polgraph"))
GOAL_SECONDS = 2.0


def loaded_store(articles: int, folder: Path) -> Path:
    """An embedded store holding the ``articles``-article corpus, built in ``folder``."""
    corpus = build_corpus(folder / "corpus", articles)
    with open_store(folder / "store") as store:
        report = load_paths(store, [corpus], processes=2, progress=True)
    print(f"loaded {len(report.loaded)} articles", file=sys.stderr)
    return folder / "store"


def server_share(db: Path, steps: list[tuple[str, views.Selection, str, str]]) -> dict[str, float]:
    """Seconds to build each step's view and drawing in Python, from the whole graph (read once)."""
    with open_store(db, read_only=True, create=False) as store:
        started = time.perf_counter()
        whole = exports.to_networkx(exports.select_all(store))
        shares = {"read the whole graph": round(time.perf_counter() - started, 2)}
    for name, selection, colour, size in steps:
        started = time.perf_counter()
        drawing(views.build_view(whole, selection), colour, size)
        shares[name] = round(time.perf_counter() - started, 2)
    return shares


def serve(db: Path) -> tuple[subprocess.Popen, str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen([POLGRAPH, "--db", str(db), "app", "--port", str(port)], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).read() == b"ok":
                return process, url
        except OSError:
            time.sleep(0.5)
    process.terminate()
    raise SystemExit("the viewer did not start")


def drawn_version(page, other_than: str | None, timeout: float = 120.0) -> str:
    """Wait until the network component has drawn a version other than ``other_than``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for frame in page.frames:
            try:
                version = frame.evaluate("() => window.drawnAt !== null && typeof window.drawnVersion === 'string' "
                                         "? window.drawnVersion : null")
            except Exception:  # frames come and go while Streamlit renders
                continue
            if version and version != other_than:
                return version
        time.sleep(0.02)
    page.screenshot(path="viewer-build-failed.png")
    raise SystemExit("the network was not redrawn (screenshot: viewer-build-failed.png)")


def focus_on(page, name: str | None) -> None:
    box = page.locator("[data-testid='stSelectbox']").filter(has_text="Focus on")
    if name is None:
        box.get_by_role("button", name="Clear value").click()
        return
    box.click()
    page.keyboard.type(name)
    page.keyboard.press("Enter")


def hops(page, key: str) -> None:
    page.locator("[data-testid='stSlider']").filter(has_text="Hops around it").get_by_role("slider").focus()
    page.keyboard.press(key)


def browser_steps(url: str, top_name: str) -> tuple[dict[str, list[float]], list[str], int, int]:
    """Seconds per step (cold pass, warm pass), the requests blocked, and the nodes and edges drawn first."""
    from playwright.sync_api import sync_playwright

    blocked: list[str] = []
    steps = [
        ("named together", lambda p: p.get_by_text("Named together", exact=True).click()),
        ("support and opposition", lambda p: p.get_by_text("Support and opposition", exact=True).click()),
        ("facts", lambda p: p.get_by_text("Facts", exact=True).click()),
        ("colour by community", lambda p: p.get_by_text("community (Louvain)", exact=True).click()),
        ("size by betweenness", lambda p: p.get_by_text("betweenness", exact=True).click()),
        ("focus on the top actor", lambda p: focus_on(p, top_name)),
        ("two hops", lambda p: hops(p, "ArrowRight")),
        ("one hop", lambda p: hops(p, "ArrowLeft")),
        ("whole network again", lambda p: focus_on(p, None)),
        ("colour by label", lambda p: p.get_by_text("label", exact=True).click()),
        ("size by degree", lambda p: p.get_by_text("degree", exact=True).click()),
    ]
    times: dict[str, list[float]] = {name: [] for name, _ in steps}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        context = browser.new_context(viewport={"width": 1400, "height": 1000})

        def guard(route) -> None:
            host = route.request.url.split("/")[2] if "://" in route.request.url else ""
            if route.request.url.startswith(("data:", "blob:", "about:")) or host.startswith(("127.0.0.1", "localhost")):
                route.continue_()
            else:
                blocked.append(route.request.url)
                route.abort()

        context.route("**/*", guard)
        page = context.new_page()
        started = time.monotonic()
        page.goto(url)
        version = drawn_version(page, None)
        times["first page, facts"] = [round(time.monotonic() - started, 2)]
        first = next(f for f in page.frames if f.evaluate("() => typeof window.drawnVersion === 'string'"))
        nodes, edges = first.evaluate("() => [network.body.data.nodes.length, network.body.data.edges.length]")
        for _ in range(2):  # cold, then warm
            for name, act in steps:
                started = time.monotonic()
                act(page)
                version = drawn_version(page, version)
                times[name].append(round(time.monotonic() - started, 2))
                print(f"{name}: {times[name][-1]} s", file=sys.stderr)
        browser.close()
    return times, blocked, nodes, edges


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, help="an embedded store already holding the corpus")
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--keep", type=Path, help="keep the store built here")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp())
    try:
        db = args.db or loaded_store(args.articles, work)
        if args.keep and not args.db:
            shutil.copytree(db, args.keep)
        with open_store(db, read_only=True, create=False) as store:
            stats = store.stats()
            whole = exports.to_networkx(exports.select_all(store))
        facts = views.build_view(whole, views.Selection())
        top = max(facts.nodes, key=facts.degree)
        top_name = facts.nodes[top]["name"]
        labels = tuple(label for label in store.schema.nodes if label not in ("Article", "Statement"))
        types = tuple(t for t in store.schema.relationships if t not in views.HIDDEN_TYPES)
        base = views.Selection(labels=labels, types=types)
        shares = server_share(db, [
            ("facts", base, "label", "degree"),
            ("named together", views.Selection(mode="cooccurrence", labels=labels), "label", "degree"),
            ("support and opposition", views.Selection(mode="stance", labels=labels), "label", "degree"),
            ("colour by community", base, "community", "degree"),
            ("size by betweenness", base, "community", "betweenness"),
            ("focus on the top actor", views.Selection(labels=labels, types=types, focus=top), "community",
             "betweenness"),
            ("two hops", views.Selection(labels=labels, types=types, focus=top, hops=2), "community", "betweenness"),
        ])
        process, url = serve(db)
        try:
            times, blocked, nodes, edges = browser_steps(url, top_name)
        finally:
            process.terminate()
            process.wait(timeout=30)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    first_page = times.pop("first page, facts")[0]
    slowest = max(t for values in times.values() for t in values)
    result = {
        "benchmark": "viewer_build", "articles": stats["nodes"]["Article"],
        "nodes_stored": sum(stats["nodes"].values()), "relationships_stored": sum(stats["relationships"].values()),
        "facts_view": {"nodes": nodes, "edges": edges}, "top_actor": top_name, "goal_seconds": GOAL_SECONDS,
        "first_page_seconds": first_page,
        "browser_seconds": {name: {"cold": values[0], "warm": values[-1]} for name, values in times.items()},
        "server_seconds_cold": shares, "slowest_step_seconds": slowest,
        "slowest_over_goal": round(slowest / GOAL_SECONDS, 2), "requests_blocked": len(blocked),
    }
    print(result)
    save("viewer_build", result)


if __name__ == "__main__":
    main()
