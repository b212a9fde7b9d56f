"""Shared fixtures. ``store`` runs a test on both backends: the embedded LadybugDB store and a
real Neo4j server (NEO4J_URI; started by .ci/run). Without NEO4J_URI the Neo4j half skips, except
under CI=true, where a missing server fails the run."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from polgraph.graph.open import open_store
from polgraph.graph.store import Store

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def neo4j_uri() -> str:
    uri = os.environ.get("NEO4J_URI")
    if not uri:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but NEO4J_URI is not set: the Neo4j server did not start")
        pytest.skip("NEO4J_URI not set (start one with scripts/neo4j/neo4j-local.sh start)")
    return uri


def open_backend(kind: str, tmp_path: Path) -> Store:
    if kind == "embedded":
        return open_store(tmp_path / "graph")
    store = open_store(neo4j=neo4j_uri())
    store.clear()
    return store


@pytest.fixture(params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request: pytest.FixtureRequest, tmp_path: Path):
    backend = open_backend(request.param, tmp_path)
    yield backend
    backend.close()


@pytest.fixture
def both_stores(tmp_path: Path):
    embedded = open_backend("embedded", tmp_path)
    try:
        server = open_backend("neo4j", tmp_path)
    except BaseException:
        embedded.close()
        raise
    yield embedded, server
    embedded.close()
    server.close()


@pytest.fixture
def degrees_off():
    """A function of a store: the actors whose stored degree is missing or not their relationships as
    counted now (MENTIONED_IN left out), as ``[id, stored, counted]`` rows; [] when every one is right."""
    def off(store: Store) -> list[list]:
        labels = "|".join(label for label, node in store.schema.nodes.items() if node.keeps_degree)
        return store.query(f"MATCH (n:{labels}) OPTIONAL MATCH (n)-[r]-() WHERE type(r) <> 'MENTIONED_IN' "
                           "WITH n, count(r) AS counted WHERE n.degree IS NULL OR n.degree <> counted "
                           "RETURN n.id, n.degree, counted ORDER BY n.id", max_rows=100).rows
    return off


@pytest.fixture(scope="session")
def seed_extraction():
    """The sample article run through the real pipeline, once per test session."""
    from polgraph.loaders.load import SAMPLE_ARTICLE
    from polgraph.loaders.pipeline import get_pipeline
    from polgraph.loaders.readers import read_path

    (document,) = read_path(SAMPLE_ARTICLE)
    return get_pipeline().extract(document)


@pytest.fixture(scope="module")
def browser():
    """Debian's headless chromium through Playwright, for the browser tests (skipped without it, but under CI)."""
    from polgraph.app.viewer.browser import CHROMIUM, launch

    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but /usr/bin/chromium is missing (scripts/test.sh installs it)")
        pytest.skip("Debian's chromium is not installed")
    with launch() as browser:
        yield browser
