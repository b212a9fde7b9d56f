"""The viewer's pages with Streamlit's AppTest, on real stores (embedded, and Neo4j where it runs) holding
the sample article plus two dated articles of support and opposition written through the store's
write API; and the viewer's queries and views, which must agree on both stores."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
from pathlib import Path

import networkx as nx
import pytest
from streamlit.testing.v1 import AppTest

from polgraph.app.viewer import data, queries
from polgraph.app.viewer.evidence import highlighted_html
from polgraph.app.viewer.network import EDGE_COLOUR, drawing, legend_html
from polgraph.graph import articles, exports, views
from polgraph.graph.open import open_store
from polgraph.graph.records import GraphBatch, NodeRecord, RelationshipRecord
from polgraph.graph.store import Store
from polgraph.graph.values import jsonable
from polgraph.loaders.to_graph import to_graph

from .conftest import neo4j_uri

APP = Path(__file__).resolve().parents[1] / "app" / "viewer" / "app.py"
SAMPLE_TEXT = (Path(__file__).resolve().parents[1] / "loaders" / "sample" / "fr-regional-2015-buzzfeed.txt").read_text(
    encoding="utf-8")
VALLS, LE_PEN, PS, LR, FN = ("person:manuel-valls", "person:marine-le-pen", "party:socialist-party",
                             "party:the-republicans", "party:front-national")
EARLY, LATE = "article:test-2019", "article:test-2020"
BARE_ARTICLE_ID = re.compile(r"article:[0-9a-f]{16}|article:test-20\d\d")


def stance_batches() -> list[GraphBatch]:
    """Two dated articles stating SUPPORTS and OPPOSES facts between the sample's actors: Valls opposes Le Pen
    in both (two articles), Le Pen opposes Valls and the Socialists support the Republicans once each."""
    people = {VALLS: ("Person", "Manuel Valls"), LE_PEN: ("Person", "Marine Le Pen"), PS: ("Party", "Socialist Party"),
              LR: ("Party", "The Republicans"), FN: ("Party", "Front National")}
    stories = [
        (EARLY, dt.date(2019, 3, 1), "Valls attacks Le Pen", "https://example.org/valls-attacks", [
            ("Manuel Valls attacked Marine Le Pen in Paris.", [("OPPOSES", VALLS, LE_PEN)]),
            ("The Socialist Party backed The Republicans against the Front National.",
             [("SUPPORTS", PS, LR), ("OPPOSES", PS, FN)])]),
        (LATE, dt.date(2020, 6, 1), "Le Pen hits back", "https://example.org/le-pen-hits-back", [
            ("Marine Le Pen criticised Manuel Valls.", [("OPPOSES", LE_PEN, VALLS)]),
            ("Manuel Valls attacked Marine Le Pen again.", [("OPPOSES", VALLS, LE_PEN)])]),
    ]
    batches = []
    for article_id, day, title, url, sentences in stories:
        text = " ".join(sentence for sentence, _ in sentences)
        nodes = [NodeRecord("Article", article_id, {"name": title, "title": title, "url": url, "published": day,
                                                    "outlet": "Test Wire", "text": text, "chars": len(text)})]
        nodes += [NodeRecord(label, node_id, {"name": name, "aliases": [name]}) for node_id, (label, name) in
                  people.items()]
        rels = []
        for sentence, facts in sentences:
            start = text.index(sentence)
            for rel_type, source, target in facts:
                rels.append(RelationshipRecord(rel_type, people[source][0], source, people[target][0], target, {
                    "articles": [article_id], "spans": [f"{article_id}:{start}:{start + len(sentence)}"],
                    "evidence": [sentence], "extractor": "test", "confidence": 0.9, "tier": "explicit",
                    "first_reported": day, "last_reported": day, "kind": "attack" if rel_type == "OPPOSES" else None}))
        batches.append(GraphBatch(article_id, nodes, rels))
    return batches


def fill(store: Store, seed_extraction, evil: bool = True) -> None:
    batch, _ = to_graph(seed_extraction, store.schema)
    if evil:  # a name holding markup, which must be shown as text
        briois = next(n for n in batch.nodes if n.id == "person:steeve-briois")
        briois.properties["aliases"] = [*briois.properties["aliases"], "<script>alert('x')</script>"]
    store.write_batch(batch)
    for stance in stance_batches():
        store.write_batch(stance)


@pytest.fixture(scope="module")
def seed_db(seed_extraction, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("viewer") / "g"
    with open_store(folder) as store:
        fill(store, seed_extraction)
    return folder


@pytest.fixture(params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def location(request, seed_db: Path, seed_extraction, monkeypatch: pytest.MonkeyPatch) -> str:
    """The viewer's store from the environment, as `polgraph app` passes it: embedded, or a Neo4j server."""
    if request.param == "embedded":
        monkeypatch.setenv("POLGRAPH_APP_DB", str(seed_db))
        monkeypatch.delenv("POLGRAPH_APP_NEO4J", raising=False)
        return "embedded"
    uri = neo4j_uri()
    with open_store(neo4j=uri) as server:  # filled for each test: other tests clear the server
        server.clear()
        fill(server, seed_extraction)
    monkeypatch.setenv("POLGRAPH_APP_NEO4J", uri)
    monkeypatch.delenv("POLGRAPH_APP_DB", raising=False)
    return "neo4j"


def open_app(query: dict | None = None, page: str | None = None) -> AppTest:
    app = AppTest.from_file(str(APP), default_timeout=120)
    for key, value in (query or {}).items():
        app.query_params[key] = value
    app.run()
    if page:
        app.switch_page(page).run()
    assert not app.exception, app.exception
    return app


def drawn(app: AppTest, key: str = "network_canvas") -> dict:
    """The nodes and edges the page handed to the network component."""
    element = next(e for e in app.get("component_instance") if json.loads(e.proto.json_args)["key"] == key)
    return json.loads(element.proto.json_args)


def page_text(app: AppTest) -> str:
    return "\n".join([m.value for m in app.markdown] + [h.value for h in app.subheader] + [c.value for c in app.caption]
                     + [h.value for h in app.get("html")] + [e.label for e in app.expander])


# --- pages -----------------------------------------------------------------------------
def test_every_page_renders_without_error(location: str) -> None:
    app = open_app()
    for page in [f"page_scripts/{name}.py" for name in
                 ("network", "actor", "articles", "cypher", "load", "overview", "export")]:
        app.switch_page(page).run()
        assert not app.exception, (page, app.exception)
        assert not app.error, (page, [e.value for e in app.error])


def test_facts_mode_draws_the_facts_with_their_types(location: str) -> None:
    app = open_app()
    network = drawn(app)
    ids = {n["id"] for n in network["nodes"]}
    assert {LE_PEN, FN, "region:nord-pas-de-calais-picardie"} <= ids
    assert not any(i.startswith(("article:", "statement:")) for i in ids)
    leads = [e for e in network["edges"] if (e["from"], e["to"]) == (LE_PEN, FN)]
    assert [e["label"] for e in leads] == ["LEADS"] and leads[0]["arrows"]["to"]["enabled"]
    assert "Facts:" in app.caption[0].value and "Click a node" in app.info[0].value


def test_cooccurrence_mode_weights_pairs_by_sentences(location: str) -> None:
    app = open_app({"mode": "cooccurrence"})
    network = drawn(app)
    pair = [e for e in network["edges"] if {e["from"], e["to"]} == {VALLS, LE_PEN}]
    assert len(pair) == 1 and not pair[0]["arrows"]["to"]["enabled"] and pair[0]["color"] == EDGE_COLOUR[views.NAMED_WITH]
    assert "named together in 3 sentence(s), 2 article(s)" in pair[0]["title"]  # two in one article, one in the other
    legend = "\n".join(m.value for m in app.markdown)
    assert "sentences or statements naming both" in legend
    widths = {frozenset((e["from"], e["to"])): e["width"] for e in network["edges"]}
    app.sidebar.slider(key="weight").set_value(2).run()
    heavier = drawn(app)["edges"]
    assert heavier and len(heavier) < len(network["edges"])
    assert all(widths[frozenset((e["from"], e["to"]))] > 1 for e in heavier)
    assert min(widths.values()) == 1
    assert app.query_params["weight"] == "2" and app.query_params["mode"] == "cooccurrence"


def test_stance_mode_draws_support_green_and_opposition_red_weighted_by_articles(location: str) -> None:
    app = open_app({"mode": "stance"})
    edges = {(e["from"], e["to"]): e for e in drawn(app)["edges"]}
    assert set(edges) == {(VALLS, LE_PEN), (LE_PEN, VALLS), (PS, LR), (PS, FN)}
    assert edges[(VALLS, LE_PEN)]["color"] == EDGE_COLOUR["OPPOSES"] == "#d62728"
    assert edges[(PS, LR)]["color"] == EDGE_COLOUR["SUPPORTS"]
    assert edges[(VALLS, LE_PEN)]["width"] > edges[(LE_PEN, VALLS)]["width"]  # two articles against one
    legend = "\n".join(m.value for m in app.markdown)
    assert "OPPOSES" in legend and "SUPPORTS" in legend and "articles stating it" in legend


def test_colour_by_community_and_size_by_betweenness_say_so_in_the_legend(location: str) -> None:
    app = open_app({"mode": "stance", "colour": "community", "size": "betweenness"})
    network = drawn(app)
    colours = {n["id"]: n["color"] for n in network["nodes"]}
    assert colours[VALLS] == colours[LE_PEN] and colours[PS] == colours[LR] != colours[VALLS]
    sizes = {n["id"]: n["size"] for n in network["nodes"]}
    assert sizes[PS] > sizes[LR]  # the only node between the Republicans and the Front National
    legend = "\n".join(m.value for m in app.markdown)
    assert "Louvain community" in legend and "community 1 (" in legend and "betweenness centrality" in legend


def test_date_window_narrows_every_mode(location: str) -> None:
    window = "2020-01-01..2020-12-31"
    stance = drawn(open_app({"mode": "stance", "window": window}))
    assert {(e["from"], e["to"]) for e in stance["edges"]} == {(VALLS, LE_PEN), (LE_PEN, VALLS)}
    assert "1 article(s)" in next(e["title"] for e in stance["edges"] if (e["from"], e["to"]) == (VALLS, LE_PEN))
    facts = drawn(open_app({"window": window}))  # the undated sample's facts are out while a window is set
    assert {(e["from"], e["to"]) for e in facts["edges"]} == {(VALLS, LE_PEN), (LE_PEN, VALLS)}
    together = drawn(open_app({"mode": "cooccurrence", "window": window}))
    assert "named together in 2 sentence(s), 1 article(s)" in together["edges"][0]["title"]


def test_focus_keeps_an_actors_neighbourhood(location: str) -> None:
    app = open_app({"focus": FN})
    ids = {n["id"] for n in drawn(app)["nodes"]}
    assert FN in ids and LE_PEN in ids and "place:henin-beaumont" not in ids
    app.slider(key="hops").set_value(2).run()
    assert "place:henin-beaumont" in {n["id"] for n in drawn(app)["nodes"]}
    assert app.query_params["focus"] == FN and app.query_params["hops"] == "2"


def test_clicked_node_opens_its_panel_with_a_link_to_the_actor_page(location: str) -> None:
    app = open_app({"node": LE_PEN})
    text = page_text(app)
    assert "Marine Le Pen" in [h.value for h in app.subheader]
    assert "LEADS (1)" in text and "Front National" in text and "Statements (" in text
    assert "Nothing can stop us now." in text
    link = next(e.proto for e in app.get("page_link") if e.proto.label == "Open on the Actor page")
    assert link.page == "actor" and link.query_string == "actor=person%3Amarine-le-pen"
    assert not BARE_ARTICLE_ID.search(text)


def test_clicked_edge_shows_every_sentence_with_its_article(location: str) -> None:
    app = open_app({"mode": "stance", "edge": [VALLS, LE_PEN]})
    text = page_text(app)
    assert "Manuel Valls attacked Marine Le Pen in Paris." in text and "Manuel Valls attacked Marine Le Pen again." in text
    assert "Marine Le Pen criticised Manuel Valls." in text  # the other direction is behind the same line
    assert "Valls attacks Le Pen (Test Wire, 2019-03-01)" in text and "https://example.org/le-pen-hits-back" in text
    assert not BARE_ARTICLE_ID.search(text)
    app.button(key="edge_0_0").click().run()
    shown = [h.value for h in app.get("html")]
    assert any("data-chosen" in h and "Manuel Valls attacked Marine Le Pen in Paris." in h for h in shown)
    assert app.query_params["span"] == f"{EARLY}:0:45"


def test_facts_and_stance_pages_never_read_the_whole_graph(location: str, monkeypatch: pytest.MonkeyPatch) -> None:
    data.forget()

    def refused(store: Store) -> None:
        raise AssertionError("the whole graph was read")

    monkeypatch.setattr(exports, "select_all", refused)
    app = open_app({"edge": [LE_PEN, FN]})
    network = drawn(app)
    assert {LE_PEN, FN} <= {n["id"] for n in network["nodes"]}
    leads = next(e for e in network["edges"] if (e["from"], e["to"], e["label"]) == (LE_PEN, FN, "LEADS"))
    assert "LEADS (explicit), 1 article(s)" in leads["title"]
    text = page_text(app)
    assert "Front National leader Marine Le Pen" in text and "how many relationships it has in the whole graph" in text
    sizes = {n["id"]: n["size"] for n in network["nodes"]}
    assert sizes[LE_PEN] > sizes[FN]  # her statements count: she has more relationships in the store
    app.radio(key="mode").set_value("stance").run()
    assert not app.exception and {(e["from"], e["to"]) for e in drawn(app)["edges"]} >= {(VALLS, LE_PEN)}
    app.radio(key="mode").set_value("cooccurrence").run()  # named together needs the articles' sentences
    assert app.exception and "the whole graph was read" in str(app.exception)
    data.forget()


def test_actor_page_shows_facts_timeline_and_highlighted_article(location: str) -> None:
    app = open_app({"actor": LE_PEN}, page="page_scripts/actor.py")
    text = page_text(app)
    assert "LEADS (1)" in text and "Front National leader Marine Le Pen" in text
    assert "OPPOSES (" in text and "Valls attacks Le Pen (Test Wire, 2019-03-01)" in text
    assert "Nothing can stop us now." in text
    assert any("<mark" in h for h in (e.value for e in app.get("html")))
    chart = app.get("vega_lite_chart")
    assert chart and "OPPOSES" in str(chart[0].proto)
    assert "2019-03-01 to 2020-06-01" in text and "from undated articles" in text
    assert not BARE_ARTICLE_ID.search(text)


def test_names_holding_html_are_shown_as_text(location: str) -> None:
    app = open_app({"actor": "person:steeve-briois"}, page="page_scripts/actor.py")
    raw = [m.value for m in app.markdown if m.allow_html] + [h.value for h in app.get("html")]
    assert all("<script>alert" not in value for value in raw)
    assert any("Also written" in m.value and "<script>" in m.value for m in app.markdown if not m.allow_html)


def test_articles_page_lists_articles_and_opens_one_highlighted(location: str, seed_extraction) -> None:
    app = open_app(page="page_scripts/articles.py")
    table = app.dataframe[0].value
    assert len(table) == 3 and "id" not in table.columns and "sha256" not in table.columns
    late = table[table["title"] == "Le Pen hits back"].iloc[0]
    assert (late["facts"], late["statements"], str(late["date"])[:10]) == (2, 0, "2020-06-01")
    sample = table[table["title"].str.startswith("France")].iloc[0]
    assert sample["facts"] > 10 and sample["statements"] == 5
    app.selectbox(key="article").set_value(EARLY).run()
    shown = "".join(h.value for h in app.get("html"))
    assert shown.count("<mark") == 2 and "OPPOSES: Manuel Valls → Marine Le Pen" in shown
    app.selectbox(key="article").set_value(seed_extraction.document.id).run()
    shown = "".join(h.value for h in app.get("html"))
    assert "background:#cfe3ff" in shown and "said by Marine Le Pen" in shown  # quotations too


def test_console_runs_queries_read_only(location: str) -> None:
    app = open_app(page="page_scripts/cypher.py")
    app.text_area(key="cypher_text").set_value(queries.EXAMPLES["Who leads which party"]).run()
    app.button(key="cypher_run").click().run()
    assert ["Marine Le Pen", "Front National"] in app.table[0].value.values.tolist()
    app.text_area(key="cypher_text").set_value(queries.EXAMPLES["An actor's neighbourhood as a network"]).run()
    app.button(key="cypher_run").click().run()
    assert LE_PEN in {n["id"] for n in drawn(app, "console_network")["nodes"]}
    app.text_area(key="cypher_text").set_value("MATCH (n:Person) DETACH DELETE n").run()
    app.button(key="cypher_run").click().run()
    assert app.error and "read" in app.error[0].value.lower()
    app.text_area(key="cypher_text").set_value("MATC (n) RETURN n").run()
    app.button(key="cypher_run").click().run()
    assert app.error and "MATC (n) RETURN n" in app.error[0].value


def test_overview_names_articles_by_title(location: str) -> None:
    app = open_app(page="page_scripts/overview.py")
    headers = [h.value for h in app.subheader]
    assert "Communities (Louvain)" in headers and "Shortest path between two actors" in headers
    app.selectbox(key="path_from").set_value(VALLS).run()
    app.selectbox(key="path_to").set_value(LE_PEN).run()
    steps = app.table[0].value
    assert steps.iloc[0]["from"] == "Manuel Valls" and steps.iloc[-1]["to"] == "Marine Le Pen"
    together = next(d.value for d in app.dataframe if "articles" in d.value.columns)
    assert together["articles"].str.contains("Valls attacks Le Pen").any()
    listed = app.dataframe[-1].value
    assert set(listed.columns) == {"title", "date", "outlet", "facts", "statements", "url"}
    assert {b.label for b in app.get("download_button")} >= {"Download centrality.csv", "Download communities.csv"}
    central = app.dataframe[2].value
    assert central.to_dict("records") == data.store().top_actors(15) and len(central) > 5
    assert central.iloc[0]["relationships"] >= central.iloc[-1]["relationships"] > 0


def test_export_page_exports_exactly_the_current_view(location: str, tmp_path: Path) -> None:
    app = open_app({"mode": "stance", "window": "2020-01-01..2020-12-31"})
    shown = {(e["from"], e["to"]) for e in drawn(app)["edges"]}
    app.switch_page("page_scripts/export.py").run()
    assert not app.exception and app.query_params["mode"] == "stance"  # the view stays in the URL
    assert {b.label for b in app.get("download_button")} == {"Download graphml", "Download gexf", "Download json"}
    assert f"2 nodes, {len(shown)} relationships, from 1 articles" in app.caption[0].value
    meta = json.loads(app.json[0].value)
    assert meta["view_url"] == "?mode=stance&window=2020-01-01..2020-06-01"  # within the articles' dates
    assert [(a["title"], a["published"], a["url"]) for a in meta["articles"]] == [
        ("Le Pen hits back", "2020-06-01", "https://example.org/le-pen-hits-back")]
    viewer = _load_module("export_page")  # what the download buttons hand over, for the same selection
    chosen = views.Selection(mode="stance", labels=tuple(_actor_labels()), since=dt.date(2020, 1, 1),
                             until=dt.date(2020, 12, 31))
    path = tmp_path / "view.graphml"
    path.write_bytes(viewer.export_bytes(viewer.exported(chosen), "graphml"))
    back = nx.read_graphml(path, force_multigraph=True)
    assert {(a, b) for a, b, _ in back.edges} == shown
    assert "Support and opposition" in back.graph["selection"] and "Le Pen hits back" in back.graph["articles"]
    assert not BARE_ARTICLE_ID.search(back.graph["selection"])


# --- what the pages are made of -------------------------------------------------------
def test_lean_ego_network_is_the_viewers_focused_view(both_stores, seed_extraction) -> None:
    for store in both_stores:
        fill(store, seed_extraction, evil=False)
        whole = exports.to_networkx(exports.select_all(store))
        for focus, hops in ((LE_PEN, 1), (LE_PEN, 2), (FN, 2)):
            view = views.build_view(whole, views.Selection(focus=focus, hops=hops))
            lean = store.actor_neighbourhood(focus, hops)
            assert {n.id for n in lean.nodes} == set(view.nodes), (store.kind, focus, hops)
            assert {n.id: n.name for n in lean.nodes} == {n: a.get("name") for n, a in view.nodes(data=True)}
            drawn_edges = {(a, b, k): d["weight"] for a, b, k, d in view.edges(keys=True, data=True)}
            assert {(e.source, e.target, e.type): e.weight for e in lean.edges}.items() <= drawn_edges.items()
        top = store.top_actors(10)
        assert top == [dict(zip(("id", "name", "relationships"), row, strict=True))
                       for row in store.query(queries.TOP_ACTORS, {"limit": 10}).rows]


LEAN_SELECTIONS = [views.Selection(), views.Selection(mode="stance"), views.Selection(tier="explicit", min_weight=2),
                   views.Selection(labels=("Person", "Party"), types=("LEADS", "OPPOSES", "MEMBER_OF")),
                   views.Selection(focus=FN), views.Selection(focus=FN, hops=2), views.Selection(focus=LE_PEN, hops=3),
                   views.Selection(focus=VALLS, labels=("Party",)), views.Selection(mode="stance", focus=PS, hops=2),
                   views.Selection(since=dt.date(2019, 3, 1), until=dt.date(2020, 6, 1))]


def test_lean_view_is_the_view_built_from_the_whole_graph(both_stores, seed_extraction) -> None:
    for store in both_stores:
        fill(store, seed_extraction, evil=False)
        whole = exports.to_networkx(exports.select_all(store))
        dates = views.date_range(whole)
        assert articles.date_bounds(articles.article_index(store)) == dates
        for selection in LEAN_SELECTIONS:
            for limit in (views.MAX_NODES, 6):
                built = views.build_view(whole, selection, limit)
                lean = views.lean_view(store.actor_graph(), selection, dates, limit)
                assert lean is not None, selection
                assert ({n: (a["label"], a.get("name")) for n, a in lean.nodes(data=True)}
                        == {n: (a["label"], a.get("name")) for n, a in built.nodes(data=True)}), (store.kind, selection)
                assert (sorted((a, b, d["type"], d["tier"], d["weight"]) for a, b, d in lean.edges(data=True))
                        == sorted((a, b, d["type"], d["tier"], d["weight"]) for a, b, d in built.edges(data=True)))
                assert lean.graph["notes"] == built.graph["notes"], (store.kind, selection, limit)
        degree = {row["id"]: row["relationships"] for row in store.top_actors(1000)}
        drawn_lean = views.lean_view(store.actor_graph(), views.Selection(), dates)
        assert all(a["degree"] == degree[n] for n, a in drawn_lean.nodes(data=True) if n in degree)
        for needs_more in (views.Selection(mode="cooccurrence"), views.Selection(articles=(EARLY,)),
                           views.Selection(since=dt.date(2020, 1, 1)), views.Selection(min_confidence=0.5),
                           views.Selection(labels=("Person", "Article")), views.Selection(focus=EARLY)):
            assert views.lean_view(store.actor_graph(), needs_more, dates) is None, needs_more
        lean = views.lean_view(store.actor_graph(), views.Selection(mode="stance"), dates)
        opened = views.edge_evidence(lean, LE_PEN, VALLS, store.fact)
        assert opened == views.edge_evidence(views.build_view(whole, views.Selection(mode="stance")), LE_PEN, VALLS)


def test_viewer_queries_agree_on_both_stores(both_stores, seed_extraction) -> None:
    for store in both_stores:
        fill(store, seed_extraction, evil=False)
    params = {"id": LE_PEN, "limit": 10}
    shipped = [queries.ACTOR_NODE, queries.ACTOR_FACTS_OUT, queries.ACTOR_FACTS_IN, queries.ACTOR_STATEMENTS,
               queries.TOP_ACTORS, *queries.EXAMPLES.values()]
    article = next(a["id"] for a in both_stores[0].articles() if a["title"].startswith("France"))
    for cypher, values in [(q, params) for q in shipped]:
        used = {k: v for k, v in values.items() if f"${k}" in cypher}
        results = [sorted(json.dumps(_normalised(row), sort_keys=True, default=str)
                          for row in s.query(cypher, used).rows) for s in both_stores]
        assert results[0] == results[1], cypher
        assert results[0], cypher
    for read in (articles.article_table, articles.article_index):
        assert _same(read(both_stores[0]), read(both_stores[1])), read.__name__
    for read in (articles.article_facts, articles.article_statements, articles.article):
        for article_id in (article, EARLY):
            assert _same(read(both_stores[0], article_id), read(both_stores[1], article_id)), read.__name__
    assert len(articles.article_statements(both_stores[0], article)) == 5
    facts = articles.article_facts(both_stores[0], EARLY)
    assert {(f["subject"], f["relation"], f["object"]) for f in facts} == {
        ("Manuel Valls", "OPPOSES", "Marine Le Pen"), ("Socialist Party", "SUPPORTS", "The Republicans"),
        ("Socialist Party", "OPPOSES", "Front National")}
    assert all(f["marks"] for f in facts)


def test_views_are_the_same_on_both_stores(both_stores, seed_extraction) -> None:
    for store in both_stores:
        fill(store, seed_extraction, evil=False)
    wholes = [exports.to_networkx(exports.select_all(store)) for store in both_stores]
    for selection in (views.Selection(), views.Selection(mode="cooccurrence", min_weight=2),
                      views.Selection(mode="stance", since=dt.date(2019, 1, 1), until=dt.date(2019, 12, 31)),
                      views.Selection(focus=FN, hops=2)):
        built = [views.build_view(whole, selection) for whole in wholes]
        edges = [sorted((a, b, d["type"], d["weight"], tuple(d.get("spans") or [])) for a, b, d in g.edges(data=True))
                 for g in built]
        assert edges[0] == edges[1] and edges[0], selection


def test_stance_view_and_its_evidence() -> None:
    graph = nx.MultiDiGraph()
    for batch in stance_batches():
        for node in batch.nodes:
            graph.add_node(node.id, label=node.label, **node.properties)
        for rel in batch.relationships:
            old = graph.get_edge_data(rel.source, rel.target, rel.type)
            props = dict(rel.properties)
            if old:
                for name in ("articles", "spans", "evidence"):
                    props[name] = old[name] + props[name]
            graph.add_edge(rel.source, rel.target, key=rel.type, type=rel.type, **props)
    view = views.build_view(graph, views.Selection(mode="stance"))
    found = views.edge_evidence(view, LE_PEN, VALLS)
    assert {(r["source"], r["type"], r["weight"]) for r in found} == {(VALLS, "OPPOSES", 2), (LE_PEN, "OPPOSES", 1)}
    assert sorted(s["article"] for r in found for s in r["sentences"]) == [EARLY, LATE, LATE]
    early = views.build_view(graph, views.Selection(mode="stance", until=dt.date(2019, 12, 31)))
    assert views.view_articles(early) == [EARLY]
    assert early[VALLS][LE_PEN]["OPPOSES"]["last_reported"] == dt.date(2019, 3, 1)
    assert views.build_view(graph, views.Selection(mode="stance", min_weight=2)).number_of_edges() == 1
    assert views.build_view(graph, views.Selection(mode="stance", articles=(LATE,))).number_of_edges() == 2


def test_drawing_is_offline_data_and_big_views_are_laid_out() -> None:
    graph = nx.gnm_random_graph(600, 900, seed=1, directed=True)
    big = nx.MultiDiGraph()
    big.add_nodes_from((str(n), {"label": "Person", "name": f"P{n}"}) for n in graph)
    big.add_edges_from((str(a), str(b), "SUPPORTS", {"type": "SUPPORTS", "weight": 1}) for a, b in graph.edges)
    drawn_big = drawing(big)
    assert drawn_big["options"]["physics"]["enabled"] is False and all("x" in n for n in drawn_big["nodes"])
    assert drawing(big)["version"] == drawn_big["version"]  # the same view is not redrawn
    assert views.top_by_degree(big, 50).number_of_nodes() == 50
    assert "http" not in json.dumps(drawn_big)


def test_legend_escapes_names() -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("person:x", label="Person", name="<img src=x onerror=alert(1)>")
    graph.add_node("person:y", label="Person", name="Y")
    graph.add_edge("person:x", "person:y", key="OPPOSES", type="OPPOSES", weight=1)
    page = legend_html(drawing(graph, colour_by="community")["legend"])
    assert "<img" not in page and "&lt;img" in page


def test_highlighting_splits_overlaps_and_escapes() -> None:
    text = "<b>Le Pen</b> said: 'We won.' Then she left."
    marked = highlighted_html(text, [(0, 34, "fact", "LEADS"), (20, 29, "quote", "said"), (35, 44, "chosen", " ")])
    assert "<b>Le Pen" not in marked and "&lt;b&gt;Le Pen" in marked
    assert marked.count("<mark") == 4 and 'data-chosen="1"' in marked  # fact, quote inside it, fact again, chosen
    assert ">A headline</mark><br><br>Then" in highlighted_html("A headline\n\nThen", [(0, 12, "fact", "")])


def test_load_page_previews_then_adds_an_article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The Load page's two steps (AppTest cannot drive a file upload, so its functions are called)."""
    monkeypatch.setenv("POLGRAPH_APP_DB", str(tmp_path / "g"))
    monkeypatch.delenv("POLGRAPH_APP_NEO4J", raising=False)
    with open_store(tmp_path / "g"):
        pass  # an empty store, as `polgraph init` leaves it
    viewer = _load_module("load_page")
    extractions = viewer.preview("seed.txt", SAMPLE_TEXT.encode("utf-8"))
    assert extractions and any(r.predicate == "LEADS" for r in extractions[0].relations)
    with pytest.raises(ValueError, match="this is a PDF"):
        viewer.preview("paper.txt", b"%PDF-1.4 binary")
    steps = []
    assert viewer.add_to_store(extractions, steps.append) == 1 and steps == [1.0]
    with open_store(tmp_path / "g", read_only=True, create=False) as store:
        assert store.stats()["relationships"]["LEADS"] >= 1


def _load_module(name: str):
    """A page module, with Streamlit in bare mode (its functions; the page runs only from its script)."""
    return importlib.import_module(f"polgraph.app.viewer.{name}")


def _actor_labels() -> list[str]:
    from polgraph.graph.schema import load_schema

    return [label for label in load_schema().nodes if label not in ("Article", "Statement", "Decision")]


def _same(a, b) -> bool:
    return json.dumps(jsonable(a), sort_keys=True, default=str) == json.dumps(jsonable(b), sort_keys=True, default=str)


def _normalised(row: list) -> list:
    # labels(n) is a string on the embedded store and a list on Neo4j; internal refs differ.
    out = []
    for value in jsonable(row):
        out.append(value[0] if isinstance(value, list) and len(value) == 1 and isinstance(value[0], str)
                   and value[0][:1].isupper() and ":" not in value[0] else value)
    return out
