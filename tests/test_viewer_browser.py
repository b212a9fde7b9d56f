"""The viewer in a real headless Chromium (Debian's), driven by Playwright, with every request that
leaves 127.0.0.1 blocked and recorded. Screenshots go to tests/artifacts/."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from polgraph.graph.records import GraphBatch, NodeRecord, RelationshipRecord
from polgraph.graph.store import open_store
from polgraph.loaders.load import SAMPLE_ARTICLE

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).parent / "artifacts"
POLGRAPH = str(Path(sys.executable).with_name("polgraph"))
pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but /usr/bin/chromium is missing (scripts/test.sh installs it)")
        pytest.skip("Debian's chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-quic"])
        yield browser
        browser.close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(db: Path) -> Iterator[str]:
    port = free_port()
    process = subprocess.Popen([POLGRAPH, "--db", str(db), "app", "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).read() == b"ok":
                    break
            except OSError:
                time.sleep(0.5)
        else:
            raise RuntimeError("the viewer did not start")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture(scope="module")
def seed_url(tmp_path_factory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("browser") / "g"
    subprocess.run([POLGRAPH, "--db", str(db), "load", str(SAMPLE_ARTICLE)], check=True, capture_output=True)
    yield from serve(db)


@pytest.fixture(scope="module")
def thousand_url(tmp_path_factory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("browser-1000") / "g"
    prov = {"articles": ["article:synthetic"], "spans": [], "evidence": [], "confidence": 0.9, "tier": "explicit"}
    nodes = [NodeRecord("Article", "article:synthetic", {"name": "synthetic"})]
    nodes += [NodeRecord("Person", f"person:p{i}", {"name": f"Person {i}"}) for i in range(960)]
    nodes += [NodeRecord("Party", f"party:q{i}", {"name": f"Party {i}"}) for i in range(40)]
    rels = [RelationshipRecord("MEMBER_OF", "Person", f"person:p{i}", "Party", f"party:q{i % 40}", prov)
            for i in range(960)]
    with open_store(db) as store:
        store.write_batch(GraphBatch("article:synthetic", nodes, rels))
    yield from serve(db)


def open_page(browser, url: str, blocked: list[str]):
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
    page.goto(url)
    return page


def network_labels(page, timeout: float = 60.0) -> list[str]:
    """The node labels of the vis-network drawn in the page's iframe, once it has drawn."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for frame in page.frames:
            try:
                labels = frame.evaluate("() => (typeof network !== 'undefined' && network.body) ? "
                                        "network.body.data.nodes.get().map(n => n.label) : null")
            except Exception:  # frames come and go while Streamlit renders
                labels = None
            if labels and frame.locator("canvas").count():
                return labels
        time.sleep(0.1)
    raise AssertionError("no network drawn")


def record(name: str, seconds: float) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / "render_times.json"
    times = json.loads(path.read_text()) if path.exists() else {}
    times[name] = round(seconds, 2)
    path.write_text(json.dumps(times, indent=1))


def test_network_draws_the_seed_offline(browser, seed_url: str) -> None:
    blocked: list[str] = []
    started = time.monotonic()
    page = open_page(browser, seed_url, blocked)
    labels = network_labels(page)
    record("seed network, first render (s)", time.monotonic() - started)
    assert {"Marine Le Pen", "Front National", "Nord-Pas-de-Calais-Picardie"} <= set(labels)
    page.wait_for_timeout(1500)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "network.png"))
    if os.environ.get("POLGRAPH_UPDATE_SCREENSHOT"):
        target = Path(__file__).resolve().parents[1] / "docs" / "screenshots" / "network.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ARTIFACTS / "network.png", target)
    assert blocked == [], blocked


def test_search_shows_leads_and_its_evidence(browser, seed_url: str) -> None:
    blocked: list[str] = []
    page = open_page(browser, seed_url, blocked)
    page.get_by_text("Actor", exact=True).first.click()
    box = page.get_by_label("Find an actor", exact=True)
    box.fill("Marine Le Pen")
    box.press("Enter")
    page.get_by_text("LEADS", exact=True).wait_for(timeout=60_000)
    page.get_by_text("Front National leader Marine Le Pen", exact=False).first.wait_for(timeout=30_000)
    page.screenshot(path=str(ARTIFACTS / "actor.png"), full_page=True)
    assert blocked == []


def test_console_query_shows_a_table(browser, seed_url: str) -> None:
    blocked: list[str] = []
    page = open_page(browser, seed_url, blocked)
    page.get_by_text("Cypher", exact=True).first.click()
    page.get_by_role("button", name="Run").click()
    page.get_by_text("2 rows").wait_for(timeout=60_000)
    table = page.locator("[data-testid='stTable']")
    table.wait_for(timeout=30_000)
    assert "Marine Le Pen" in table.inner_text() and "Front National" in table.inner_text()
    page.screenshot(path=str(ARTIFACTS / "console.png"), full_page=True)
    assert blocked == []


def test_a_thousand_nodes_render(browser, thousand_url: str) -> None:
    blocked: list[str] = []
    started = time.monotonic()
    page = open_page(browser, thousand_url, blocked)
    labels = network_labels(page, timeout=120)
    record("1,000-node network, first render (s)", time.monotonic() - started)
    assert len(labels) == 1000
    page.screenshot(path=str(ARTIFACTS / "network-1000.png"))
    assert blocked == []
