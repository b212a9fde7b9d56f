"""The viewer in a real headless Chromium (Debian's), driven by Playwright (app/viewer/browser.py), with
every request that leaves 127.0.0.1 blocked and recorded: the network drawn in each mode, real clicks
on a node and on a line, the panels they open, links and bookmarks, on the embedded store and on
Neo4j. Screenshots go to tests/artifacts/."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from polgraph.app.viewer.browser import click_edge, click_node, drawn, network_frame, open_page, serve
from polgraph.graph.open import open_store
from polgraph.graph.records import GraphBatch, NodeRecord, RelationshipRecord

from .conftest import neo4j_uri
from .test_viewer import EARLY, LE_PEN, VALLS, fill

ARTIFACTS = Path(__file__).parent / "artifacts"
pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def seed_url(seed_extraction, tmp_path_factory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("browser") / "g"
    with open_store(db) as store:
        fill(store, seed_extraction)
    with serve(["--db", str(db)]) as url:
        yield url


@pytest.fixture(scope="module")
def neo4j_url(seed_extraction) -> Iterator[str]:
    uri = neo4j_uri()
    with open_store(neo4j=uri) as server:
        server.clear()
        fill(server, seed_extraction)
    with serve(["--neo4j", uri]) as url:
        yield url


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
    with serve(["--db", str(db)]) as url:
        yield url


def record(name: str, seconds: float) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / "render_times.json"
    times = json.loads(path.read_text()) if path.exists() else {}
    times[name] = round(seconds, 2)
    path.write_text(json.dumps(times, indent=1))


def test_the_browser_refuses_and_records_every_request_for_another_host(browser) -> None:
    outside = ["http://cdn.example.com/vis.js", "http://93.184.216.34/font.woff"]  # a name and an address
    blocked: list[str] = []
    page = open_page(browser, "about:blank", blocked)
    reasons: list[str] = []
    page.on("requestfailed", lambda request: reasons.append(request.failure))
    script, font = outside
    page.set_content(f"<script src='{script}'></script><img src='{font}'><img src='http://127.0.0.1:9/here.png'>")
    deadline = time.monotonic() + 20
    while len(reasons) < 3 and time.monotonic() < deadline:
        page.wait_for_timeout(50)
    assert sorted(blocked) == sorted(outside)  # the loopback request failed too, unrecorded
    assert reasons.count("net::ERR_PROXY_CONNECTION_FAILED") == 2, reasons  # refused by the browser itself


def test_network_draws_the_seed_offline(browser, seed_url: str) -> None:
    blocked: list[str] = []
    started = time.monotonic()
    page = open_page(browser, seed_url, blocked)
    labels = {n["label"] for n in drawn(network_frame(page))["nodes"]}
    record("seed network, first render (s)", time.monotonic() - started)
    assert {"Marine Le Pen", "Front National", "Nord-Pas-de-Calais-Picardie"} <= labels
    page.get_by_text("Colour and shape", exact=False).wait_for()
    page.screenshot(path=str(ARTIFACTS / "network.png"))
    assert blocked == [], blocked


def test_clicking_a_node_opens_its_panel_and_links_to_the_actor_page(browser, seed_url: str) -> None:
    blocked: list[str] = []
    page = open_page(browser, seed_url, blocked)
    frame = network_frame(page)
    version = drawn(frame)["version"]
    click_node(page, frame, LE_PEN)
    page.get_by_role("link", name="Open on the Actor page").wait_for(timeout=30_000)
    page.wait_for_url(lambda url: "node=person%3Amarine-le-pen" in url)
    assert page.get_by_text("LEADS (1)").count() and page.get_by_text("Also written").count()
    assert drawn(network_frame(page))["version"] == version  # a click does not redraw the network
    page.screenshot(path=str(ARTIFACTS / "node-panel.png"))
    page.get_by_role("link", name="Open on the Actor page").click()
    page.get_by_text("Timeline").wait_for(timeout=30_000)
    page.wait_for_url(lambda url: "/actor?" in url and "actor=person%3Amarine-le-pen" in url)
    page.get_by_text("Front National leader Marine Le Pen", exact=False).first.wait_for(timeout=30_000)
    chart = page.locator("[data-testid='stVegaLiteChart']")
    chart.locator("canvas, svg").first.wait_for(timeout=30_000)  # the timeline, drawn
    assert chart.bounding_box()["height"] > 50
    page.screenshot(path=str(ARTIFACTS / "actor.png"), full_page=True)
    assert blocked == [], blocked


def test_clicking_a_line_shows_its_sentences_and_one_in_its_article(browser, seed_url: str) -> None:
    blocked: list[str] = []
    page = open_page(browser, seed_url + "/?mode=stance", blocked)
    frame = network_frame(page)
    click_edge(page, frame, VALLS, LE_PEN)
    page.get_by_text("Manuel Valls attacked Marine Le Pen in Paris.").wait_for(timeout=30_000)
    assert page.get_by_text("Manuel Valls attacked Marine Le Pen again.").count()
    link = page.get_by_role("link", name="Valls attacks Le Pen (Test Wire, 2019-03-01)").first
    assert link.get_attribute("href") == "https://example.org/valls-attacks"
    page.wait_for_url(lambda url: "edge=person%3Amanuel-valls&edge=person%3Amarine-le-pen" in url)
    page.get_by_role("button", name="Show in the article").first.click()
    chosen = page.locator("mark[data-chosen]")
    chosen.wait_for(timeout=30_000)
    assert chosen.inner_text().startswith("Manuel Valls attacked Marine Le Pen")
    page.wait_for_url(lambda url: f"span={EARLY.replace(':', '%3A')}" in url)
    page.screenshot(path=str(ARTIFACTS / "edge-panel.png"))
    assert blocked == [], blocked


def test_each_mode_redraws_and_the_view_is_bookmarkable(browser, seed_url: str) -> None:
    blocked: list[str] = []
    page = open_page(browser, seed_url, blocked)
    facts = drawn(network_frame(page))
    assert any(e["label"] == "LEADS" and e["arrows"]["to"]["enabled"] for e in facts["edges"])
    for mode, name in (("cooccurrence", "Named together"), ("stance", "Support and opposition")):
        before = drawn(network_frame(page))["version"]
        started = time.monotonic()
        page.get_by_text(name, exact=True).click()
        shown = drawn(network_frame(page, other_than=before))
        record(f"seed network, switch to {mode} (s)", time.monotonic() - started)
        page.wait_for_url(lambda url, mode=mode: f"mode={mode}" in url)
        page.screenshot(path=str(ARTIFACTS / f"network-{mode}.png"))
    colours = {(e["from"], e["to"]): e["color"] for e in shown["edges"]}
    assert colours[(VALLS, LE_PEN)] == "#d62728" and colours[("party:socialist-party", "party:the-republicans")] == "#2ca02c"
    assert "OPPOSES" in page.get_by_text("Lines:", exact=False).first.inner_text()  # in the legend
    bookmark = page.url
    again = open_page(browser, bookmark, blocked)
    assert drawn(network_frame(again))["version"] == shown["version"]
    assert blocked == [], blocked


@pytest.mark.neo4j
def test_the_viewer_on_neo4j(browser, neo4j_url: str) -> None:
    blocked: list[str] = []
    page = open_page(browser, neo4j_url + "/?mode=stance", blocked)
    frame = network_frame(page)
    assert {VALLS, LE_PEN} <= {n["id"] for n in drawn(frame)["nodes"]}
    click_edge(page, frame, VALLS, LE_PEN)
    page.get_by_text("Manuel Valls attacked Marine Le Pen in Paris.").wait_for(timeout=30_000)
    page.get_by_text("Articles", exact=True).first.click()
    page.get_by_text("3 articles, newest first", exact=False).wait_for(timeout=30_000)
    assert "neo4j store at bolt://127.0.0.1" in page.locator("[data-testid='stSidebar']").inner_text()
    assert blocked == [], blocked


def test_console_query_shows_a_table(browser, seed_url: str) -> None:
    blocked: list[str] = []
    page = open_page(browser, seed_url + "/cypher", blocked)
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
    nodes = drawn(network_frame(page, timeout=120))["nodes"]
    record("1,000-node network, first render (s)", time.monotonic() - started)
    assert len(nodes) == 1000
    page.screenshot(path=str(ARTIFACTS / "network-1000.png"))
    assert blocked == []
