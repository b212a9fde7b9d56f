"""Curating in a real headless Chromium (Debian's, through Playwright): `polgraph app --curate`, a real
click on a line, Reject, and the line leaves the drawn network; every outside request blocked."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from polgraph.app.viewer.browser import click_edge, drawn, idle, network_frame, open_page, serve
from polgraph.graph import curation
from polgraph.graph.open import open_store

from .test_viewer import LR, PS, fill

ARTIFACTS = Path(__file__).parent / "artifacts"
pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def curate_url(seed_extraction, tmp_path_factory) -> Iterator[tuple[str, Path]]:
    db = tmp_path_factory.mktemp("browser-curate") / "g"
    with open_store(db) as store:
        fill(store, seed_extraction)
    with serve(["--db", str(db)], ("--curate",)) as url:
        yield url, db


def test_rejecting_a_line_takes_it_off_the_network(browser, curate_url: tuple[str, Path]) -> None:
    url, db = curate_url
    blocked: list[str] = []
    page = open_page(browser, url + "/?mode=stance", blocked)
    frame = network_frame(page)
    before = drawn(frame)
    assert (PS, LR) in {(e["from"], e["to"]) for e in before["edges"]}
    click_edge(page, frame, PS, LR)
    page.get_by_text("The Socialist Party backed The Republicans", exact=False).first.wait_for(timeout=30_000)
    idle(page)
    page.get_by_role("button", name="Reject", exact=True).first.click()
    after = drawn(network_frame(page, other_than=before["version"], timeout=120))
    assert (PS, LR) not in {(e["from"], e["to"]) for e in after["edges"]}
    assert {(e["from"], e["to"]) for e in after["edges"]} == {(e["from"], e["to"]) for e in before["edges"]} - {(PS, LR)}
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "curate-rejected.png"))
    with open_store(db, read_only=True, create=False) as store:
        assert [(d.kind, d.fact) for d in curation.decisions(store)] == [("reject", f"{PS} -[SUPPORTS]-> {LR}")]
    assert blocked == [], blocked
