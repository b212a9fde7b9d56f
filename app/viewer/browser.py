"""Driving the viewer in a real browser: Debian's headless Chromium through Playwright, every request
that leaves 127.0.0.1 blocked and recorded. Used by the browser tests, bench/viewer_build.py and
scripts/screenshots.py (Playwright is a test extra: it is imported only here, when called).

    with serve(["--db", "polgraph-data"]) as url, launch() as browser:
        page = open_page(browser, url, blocked := [])
        click_node(page, network_frame(page), "person:marine-le-pen")
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

LOOPBACK = ("127.0.0.1", "localhost")
CHROMIUM = "/usr/bin/chromium"  # Debian's; never a browser Playwright downloads
POLGRAPH = str(Path(sys.executable).with_name("polgraph"))
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic",
        # Every request for another host goes to a proxy nothing listens on, and fails: the browser itself
        # keeps the page offline, with no Python in each request's way (open_page records the failures).
        "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=" + ";".join(LOOPBACK)]


@contextmanager
def serve(store: list[str], options: tuple[str, ...] = ()) -> Iterator[str]:
    """`polgraph STORE... app OPTIONS...` on a free loopback port; yields its URL once it answers, stops it after."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen([POLGRAPH, *store, "app", "--port", str(port), *options], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(1200):  # two minutes, asked often: benchmarks time the start
            try:
                if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).read() == b"ok":
                    break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError(f"the viewer did not start on {url}")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


@contextmanager
def launch() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


def open_page(browser: Any, url: str, blocked: list[str], width: int = 1400, height: int = 1000) -> Any:
    """A fresh page on ``url``; every request for another host fails (``ARGS``) and is appended to ``blocked``.

    The browser refuses them itself: routing each request through Playwright (``context.route``) would put
    a round trip to this process in the way of each of Streamlit's dozens of scripts, a second of a first
    page's three."""
    context = browser.new_context(viewport={"width": width, "height": height})

    def failed(request: Any) -> None:  # data: and blob: URLs have no host, and never leave the browser
        if "://" in request.url and request.url.split("/")[2].split(":")[0] not in LOOPBACK:
            blocked.append(request.url)

    context.on("requestfailed", failed)
    page = context.new_page()
    page.goto(url)
    return page


def network_frame(page: Any, other_than: str | None = None, timeout: float = 60.0) -> Any:
    """The network component's frame once it has drawn a version (other than ``other_than``)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for frame in page.frames:
            try:
                version = frame.evaluate("() => window.drawnAt !== null && typeof window.drawnVersion === 'string' "
                                         "? window.drawnVersion : null")
            except Exception:  # frames come and go while Streamlit renders
                version = None
            if version and version != other_than:
                return frame
        time.sleep(0.02)
    raise AssertionError("no network drawn" + (f" after version {other_than}" if other_than else ""))


def idle(page: Any, timeout: float = 120.0) -> None:
    """Wait until Streamlit has finished running the page (widgets drawn, a click can land)."""
    page.wait_for_function("() => { const app = document.querySelector('[data-test-script-state]'); "
                           "return app !== null && app.getAttribute('data-test-script-state') === 'notRunning'; }",
                           timeout=timeout * 1000)


def drawn(frame: Any) -> dict[str, Any]:
    """The version on screen and the nodes and edges vis-network holds."""
    return frame.evaluate("() => ({version: window.drawnVersion, nodes: network.body.data.nodes.get(), "
                          "edges: network.body.data.edges.get()})")


def click_node(page: Any, frame: Any, node_id: str) -> None:
    """A real mouse click where vis-network drew the node."""
    box = frame.frame_element().bounding_box()
    spot = frame.evaluate("(id) => network.canvasToDOM(network.getPosition(id))", node_id)
    page.mouse.click(box["x"] + spot["x"], box["y"] + spot["y"])


def click_edge(page: Any, frame: Any, source: str, target: str) -> None:
    """A real mouse click on the middle of the (curved) line from ``source`` to ``target``."""
    box = frame.frame_element().bounding_box()
    spot = frame.evaluate("([a, b]) => { const edge = network.body.data.edges.get().find(e => e.from === a && e.to === b); "
                          "return network.canvasToDOM(network.body.edges[edge.id].edgeType.getPoint(0.5)); }",
                          [source, target])
    page.mouse.click(box["x"] + spot["x"], box["y"] + spot["y"])
