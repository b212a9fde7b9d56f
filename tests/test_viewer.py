"""The viewer's pages with Streamlit's AppTest, on a real embedded store holding the sample article,
and the viewer's shipped queries on both stores."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import networkx as nx
import pytest
from streamlit.testing.v1 import AppTest

from polgraph.app.viewer import queries
from polgraph.app.viewer.network import network_html, top_by_degree
from polgraph.graph.store import Store, open_store
from polgraph.graph.values import jsonable
from polgraph.loaders.to_graph import to_graph

APP = Path(__file__).resolve().parents[1] / "app" / "viewer" / "app.py"
SAMPLE_TEXT = (Path(__file__).resolve().parents[1] / "loaders" / "sample" / "fr-regional-2015-buzzfeed.txt").read_text(
    encoding="utf-8")


@pytest.fixture(scope="module")
def seed_db(seed_extraction, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("viewer") / "g"
    with open_store(folder) as store:
        batch, _ = to_graph(seed_extraction, store.schema)
        evil = next(n for n in batch.nodes if n.id == "person:steeve-briois")
        evil.properties["aliases"] = [*evil.properties["aliases"], "<script>alert('x')</script>"]
        store.write_batch(batch)
    return folder


@pytest.fixture
def app(seed_db: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("POLGRAPH_APP_DB", str(seed_db))
    monkeypatch.delenv("POLGRAPH_APP_NEO4J", raising=False)
    return AppTest.from_file(str(APP), default_timeout=120).run()


def go(app: AppTest, page: str) -> AppTest:
    return app.sidebar.radio(key="page").set_value(page).run()


def test_every_page_renders_without_error(app: AppTest) -> None:
    for page in ["Network", "Actor", "Cypher", "Load", "Overview", "Export"]:
        go(app, page)
        assert not app.exception, (page, app.exception)
        assert not app.error, (page, [e.value for e in app.error])


def test_network_page_filters_and_focus(app: AppTest) -> None:
    go(app, "Network")
    assert "nodes" in app.caption[0].value
    app.text_input(key="network_search").set_value("Le Pen").run()
    assert app.selectbox(key="network_pick").value == "person:marine-le-pen"
    assert not app.exception
    app.text_input(key="network_search").set_value("").run()
    app.sidebar.selectbox[0].set_value("round:french-regional-elections-1").run()
    assert not app.exception
    shown = app.session_state["view"]
    assert "round:french-regional-elections-1" in shown and "party:front-national" in shown


def test_network_date_window(seed_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLGRAPH_APP_DB", str(seed_db))
    app = AppTest.from_file(str(APP), default_timeout=120)
    # AppTest cannot pick a date range through the widget; a preset session state is what it reads.
    app.session_state["network_window"] = (dt.date(1990, 1, 1), dt.date(1990, 12, 31))
    app.run()
    assert not app.exception and app.session_state["view"].number_of_nodes() == 0


def test_actor_page_shows_leads_with_its_evidence(app: AppTest) -> None:
    go(app, "Actor")
    app.text_input(key="actor_search").set_value("Marine Le Pen").run()
    text = "\n".join(m.value for m in app.markdown)
    assert "#### LEADS" in text and "Front National" in text
    assert "Front National leader Marine Le Pen" in text
    assert "Nothing can stop us now." in text
    assert "<mark>" in text  # the article with the evidence highlighted


def test_names_holding_html_are_shown_as_text(app: AppTest) -> None:
    go(app, "Actor")
    app.text_input(key="actor_search").set_value("Briois").run()
    raw = [m.value for m in app.markdown if m.allow_html]
    assert all("<script>" not in value for value in raw)
    assert any("Also written" in m.value and "<script>" in m.value for m in app.markdown if not m.allow_html)


def test_console_runs_queries_read_only(app: AppTest) -> None:
    go(app, "Cypher")
    app.text_area(key="cypher_text").set_value(queries.EXAMPLES["Who leads which party"]).run()
    app.button(key="cypher_run").click().run()
    table = app.table[0].value
    assert ["Marine Le Pen", "Front National"] in table.values.tolist()
    app.text_area(key="cypher_text").set_value("MATCH (n:Person) DETACH DELETE n").run()
    app.button(key="cypher_run").click().run()
    assert app.error and "read-only" in app.error[0].value
    app.text_area(key="cypher_text").set_value("MATC (n) RETURN n").run()
    app.button(key="cypher_run").click().run()
    assert app.error and "MATC (n) RETURN n" in app.error[0].value


def test_overview_shows_analysis_with_downloads(app: AppTest) -> None:
    go(app, "Overview")
    assert not app.exception
    headers = [h.value for h in app.subheader]
    assert "Communities (Louvain)" in headers and "Shortest path between two actors" in headers
    app.selectbox(key="path_from").set_value("person:manuel-valls").run()
    app.selectbox(key="path_to").set_value("person:marine-le-pen").run()
    steps = app.table[0].value
    assert steps.iloc[0]["from"] == "Manuel Valls" and steps.iloc[-1]["to"] == "Marine Le Pen"
    assert {b.label for b in app.get("download_button")} >= {"Download centrality.csv", "Download communities.csv"}


def test_export_page_offers_downloads(app: AppTest) -> None:
    go(app, "Export")
    assert not app.exception
    assert any("relationships" in c.value for c in app.main.caption)
    assert len(app.get("download_button")) == 3


def test_network_html_is_offline_and_big_graphs_are_laid_out() -> None:
    graph = nx.gnm_random_graph(600, 900, seed=1, directed=True)
    big = nx.MultiDiGraph()
    big.add_nodes_from((str(n), {"label": "Person", "name": f"P{n}"}) for n in graph)
    big.add_edges_from((str(a), str(b), {"type": "SUPPORTS"}) for a, b in graph.edges)
    page = network_html(big)
    assert "cdn.jsdelivr" not in page and "https://cdn" not in page
    assert '"physics": false' in page
    assert top_by_degree(big, 50).number_of_nodes() == 50


def test_viewer_queries_agree_on_both_stores(both_stores, seed_extraction) -> None:
    for store in both_stores:
        store.write_batch(to_graph(seed_extraction, store.schema)[0])
    params = {"id": "person:marine-le-pen", "text": "le pen", "limit": 10}
    shipped = [queries.EVENTS, queries.ACTOR_SEARCH, queries.ACTOR_NODE, queries.ACTOR_FACTS_OUT, queries.ACTOR_FACTS_IN,
               queries.ACTOR_STATEMENTS, queries.TOP_ACTORS, *queries.EXAMPLES.values()]
    article = both_stores[0].articles()[0]["id"]
    shipped_with_params = [(q, params) for q in shipped] + [(queries.ARTICLE_TEXT, {"id": article})]
    for cypher, values in shipped_with_params:
        used = {k: v for k, v in values.items() if f"${k}" in cypher}
        results = [sorted(json.dumps(_normalised(row), sort_keys=True, default=str)
                          for row in s.query(cypher, used).rows) for s in both_stores]
        assert results[0] == results[1], cypher
        assert results[0], cypher


def _normalised(row: list) -> list:
    # labels(n) is a string on the embedded store and a list on Neo4j; internal refs differ.
    out = []
    for value in jsonable(row):
        out.append(value[0] if isinstance(value, list) and len(value) == 1 and isinstance(value[0], str)
                   and value[0][:1].isupper() and ":" not in value[0] else value)
    return out


def test_shipped_store_fixture_is_real(store: Store) -> None:
    assert store.query("RETURN 1 AS one").rows == [[1]]


def test_load_page_previews_then_adds_an_article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The Load page's two steps (AppTest cannot drive a file upload, so its functions are called)."""
    monkeypatch.setenv("POLGRAPH_APP_DB", str(tmp_path / "g"))
    monkeypatch.delenv("POLGRAPH_APP_NEO4J", raising=False)
    with open_store(tmp_path / "g"):
        pass  # an empty store, as `polgraph init` leaves it
    import importlib.util

    spec = importlib.util.spec_from_file_location("viewer_app_for_load", APP)
    viewer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(viewer)  # the page functions, with Streamlit in bare mode
    extractions = viewer.preview("seed.txt", SAMPLE_TEXT.encode("utf-8"))
    assert extractions and any(r.predicate == "LEADS" for r in extractions[0].relations)
    with pytest.raises(ValueError, match="this is a PDF"):
        viewer.preview("paper.txt", b"%PDF-1.4 binary")
    steps = []
    assert viewer.add_to_store(extractions, steps.append) == 1 and steps == [1.0]
    with open_store(tmp_path / "g", read_only=True, create=False) as store:
        assert store.stats()["relationships"]["LEADS"] >= 1
