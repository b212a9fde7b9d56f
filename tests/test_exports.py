"""Exports on both stores: every format reads back to the same graph, with provenance."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import networkx as nx
import pytest
from networkx.readwrite import json_graph

from polgraph.graph import exports
from polgraph.graph.store import QueryError, Store, open_store
from polgraph.loaders.to_graph import to_graph

EVIL = 'x"}) DETACH DELETE n // O\'Brien \\ end'


@pytest.fixture
def loaded(store: Store, seed_extraction) -> Store:
    batch, _ = to_graph(seed_extraction, store.schema)
    le_pen = next(n for n in batch.nodes if n.id == "person:marine-le-pen")
    le_pen.properties["aliases"] = [*le_pen.properties.get("aliases", []), EVIL]
    store.write_batch(batch)
    return store


def comparable(graph: nx.MultiDiGraph) -> tuple[dict, set]:
    """Nodes and edges in a form independent of the format they went through (lists and dates as text)."""
    nodes = {n: {k: exports._flat(v) for k, v in a.items() if v is not None} for n, a in graph.nodes(data=True)}
    edges = {(s, t, json.dumps({k: exports._flat(v) for k, v in sorted(a.items()) if v is not None}, sort_keys=True))
             for s, t, a in graph.edges(data=True)}
    return nodes, edges


def exported(store: Store) -> nx.MultiDiGraph:
    sub = exports.select_all(store)
    return exports.to_networkx(sub, exports.metadata(store, "all", sub))


def test_whole_graph_keeps_labels_types_and_provenance(loaded: Store) -> None:
    graph = exported(loaded)
    stats = loaded.stats()
    assert graph.number_of_nodes() == sum(stats["nodes"].values())
    assert graph.number_of_edges() == sum(stats["relationships"].values())
    leads = graph.get_edge_data("person:marine-le-pen", "party:front-national")["LEADS"]
    assert leads["tier"] == "explicit" and leads["evidence"] and leads["articles"]
    assert graph.nodes["person:marine-le-pen"]["label"] == "Person"
    assert graph.graph["polgraph_version"] and graph.graph["edges"] == graph.number_of_edges()


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json"])
def test_networkx_reads_back_the_same_graph(loaded: Store, tmp_path: Path, fmt: str) -> None:
    graph = exported(loaded)
    path = tmp_path / f"export.{fmt}"
    exports.WRITERS[fmt](graph, path)
    if fmt == "graphml":
        back = nx.read_graphml(path, force_multigraph=True)
    elif fmt == "gexf":
        back = nx.read_gexf(path)
        for _, attrs in back.nodes(data=True):
            attrs.pop("name", None) if attrs.get("name") == attrs.get("label") else None
    else:
        back = json_graph.node_link_graph(json.loads(path.read_text()), edges="edges")
    nodes, edges = comparable(graph)
    back_nodes, back_edges = comparable(back)
    for node, attrs in nodes.items():
        got = {k: v for k, v in back_nodes[node].items() if k not in ("name", "label") or k in attrs}
        assert {k: str(v) for k, v in got.items() if k in attrs} == {k: str(v) for k, v in attrs.items()}, node
    assert len(back_edges) == len(edges)
    aliases = [a.get("aliases") for _, a in back.nodes(data=True)]
    assert any(EVIL in (json.loads(x) if isinstance(x, str) else x or []) for x in aliases)


def test_csv_has_gephi_headers(loaded: Store, tmp_path: Path) -> None:
    graph = exported(loaded)
    exports.write_csv(graph, tmp_path)
    with (tmp_path / "nodes.csv").open() as f:
        nodes = list(csv.DictReader(f))
    with (tmp_path / "edges.csv").open() as f:
        edges = list(csv.DictReader(f))
    assert {"Id", "Label"} <= set(nodes[0]) and {"Source", "Target", "Type", "Label"} <= set(edges[0])
    assert len(nodes) == graph.number_of_nodes() and len(edges) == graph.number_of_edges()
    leads = next(e for e in edges if e["Label"] == "LEADS")
    assert json.loads(leads["articles"]) and leads["tier"] == "explicit"
    assert json.loads((tmp_path / "metadata.json").read_text())["selection"] == "all"


def test_cypher_script_and_graphml_recreate_the_graph_in_a_fresh_store(loaded: Store, tmp_path: Path) -> None:
    graph = exported(loaded)
    exports.write_cypher(graph, tmp_path / "graph.cypher")
    exports.write_graphml(graph, tmp_path / "graph.graphml")
    for load in (lambda s: exports.run_cypher_script(s, tmp_path / "graph.cypher"),
                 lambda s: exports.import_graphml(s, tmp_path / "graph.graphml")):
        with open_store(tmp_path / f"fresh-{id(load)}") as fresh:
            load(fresh)
            assert comparable(exported(fresh))[1] == comparable(graph)[1]
            assert fresh.stats() == loaded.stats()
            assert fresh.query("MATCH (n:Person) WHERE n.id = 'person:marine-le-pen' RETURN n.aliases").rows[0][0][-1] \
                == EVIL


def test_selections(loaded: Store) -> None:
    ego = exports.select_ego(loaded, "person:marine-le-pen", hops=1, types=["LEADS", "LOST"])
    assert {n.id for n in ego.nodes} == {"person:marine-le-pen", "party:front-national",
                                         "region:nord-pas-de-calais-picardie"}
    query = exports.select_query(loaded, "MATCH (a:Person)-[r:LEADS]->(b:Party) RETURN a, r, b")
    assert {(r.source, r.type, r.target) for r in query.relationships} >= {
        ("person:marine-le-pen", "LEADS", "party:front-national")}
    with pytest.raises(QueryError, match="no nodes or relationships"):
        exports.select_query(loaded, "MATCH (a:Person) RETURN a.name")
    article = loaded.articles()[0]["id"]
    by_article = exports.select_articles(loaded, [article])
    assert len(by_article.relationships) == sum(loaded.stats()["relationships"].values())
    assert exports.select_articles(loaded, ["article:none"]).relationships == []
    assert exports.select_window(loaded, until=dt.date(1990, 1, 1)).relationships == []


@pytest.mark.parametrize("fmt", ["jsonl", "cypher"])
def test_streamed_exports_match_the_graph(loaded: Store, tmp_path: Path, fmt: str) -> None:
    meta = {"selection": "whole graph"}
    counts = exports.write_stream(exports.stream_whole_graph(loaded), fmt, tmp_path / f"s.{fmt}", meta)
    stats = loaded.stats()
    assert counts == {"nodes": sum(stats["nodes"].values()), "edges": sum(stats["relationships"].values())}
    if fmt == "cypher":
        with open_store(tmp_path / "fresh") as fresh:
            exports.run_cypher_script(fresh, tmp_path / "s.cypher")
            assert comparable(exported(fresh))[1] == comparable(exported(loaded))[1]
    else:
        lines = [json.loads(line) for line in (tmp_path / "s.jsonl").read_text().splitlines()]
        assert lines[0]["element"] == "metadata" and sum(1 for x in lines if x["element"] == "edge") == counts["edges"]
    streamed = exports.networkx_from_stream(exports.stream_whole_graph(loaded), meta)
    assert comparable(streamed) == comparable(exported(loaded))


def test_pages_cover_every_relationship(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from polgraph.graph.records import GraphBatch, NodeRecord, RelationshipRecord

    prov = {"articles": ["article:x"], "confidence": 1.0, "tier": "explicit"}
    nodes = [NodeRecord("Article", "article:x", {"name": "x"}), NodeRecord("Party", "party:p", {"name": "P"})]
    nodes += [NodeRecord("Person", f"person:{i:03d}", {"name": f"P{i}"}) for i in range(23)]
    rels = [RelationshipRecord("MEMBER_OF", "Person", f"person:{i:03d}", "Party", "party:p", prov) for i in range(23)]
    store.write_batch(GraphBatch("article:x", nodes, rels))
    monkeypatch.setattr(exports, "PAGE", 5)  # several pages, and a partial last one
    items = list(exports.stream_whole_graph(store))
    assert sum(1 for i in items if hasattr(i, "type")) == 23 and len(items) == 23 + 25
