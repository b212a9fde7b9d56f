"""Exports on both stores: every format reads back to the same graph, with provenance, and opens in the
readers of the tools researchers use (igraph; graphology, the parsers of Gephi Lite; d3-force)."""

from __future__ import annotations

import collections
import csv
import datetime as dt
import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import pytest
from networkx.readwrite import json_graph

from polgraph import __version__
from polgraph.graph import exports
from polgraph.graph.open import open_store
from polgraph.graph.store import QueryError, Store, StoreError
from polgraph.loaders.to_graph import to_graph

EVIL = 'x"}) DETACH DELETE n // O\'Brien \\ end'
TRICKY = 'Steeve "l\'Élu" <Briois> & Hénin'  # quotes, <, & and accents in a name
TRICKY_ID = "person:steeve-briois"
LEADS = ("person:marine-le-pen", "party:front-national")
ROOT = Path(__file__).resolve().parents[1]
JS_READER = ROOT / "tests" / "js" / "read_export.mjs"
WIKINEWS = ROOT.parent / "shared" / "corpus" / "wikinews-politics-dev"


@pytest.fixture
def loaded(store: Store, seed_extraction) -> Store:
    batch, _ = to_graph(seed_extraction, store.schema)
    le_pen = next(n for n in batch.nodes if n.id == "person:marine-le-pen")
    le_pen.properties["aliases"] = [*le_pen.properties.get("aliases", []), EVIL]
    next(n for n in batch.nodes if n.id == TRICKY_ID).properties["name"] = TRICKY
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
        back = exports.from_tool_view(nx.read_graphml(path, force_multigraph=True))
    elif fmt == "gexf":
        back = exports.from_tool_view(nx.read_gexf(path))
    else:
        back = json_graph.node_link_graph(json.loads(path.read_text()))
    nodes, edges = comparable(graph)
    back_nodes, back_edges = comparable(back)
    assert {n: {k: str(v) for k, v in a.items()} for n, a in back_nodes.items()} == \
        {n: {k: str(v) for k, v in a.items()} for n, a in nodes.items()}
    assert back_edges == edges
    aliases = back.nodes["person:marine-le-pen"]["aliases"]
    assert (aliases if fmt == "json" else json.loads(aliases))[-1] == EVIL
    assert back.nodes[TRICKY_ID]["name"] == TRICKY


def test_tool_formats_keep_a_property_named_like_their_own_columns(tmp_path: Path) -> None:
    """RELATIVE_OF has a ``relation`` property (niece, father ...), the name the tool formats give the type."""
    graph = nx.MultiDiGraph(selection="test")
    graph.add_node("person:a", label="Person", name="A")
    graph.add_node("person:b", label="Person")
    graph.add_edge("person:a", "person:b", key="RELATIVE_OF", type="RELATIVE_OF", relation="niece", articles=["x"])
    exports.write_graphml(graph, tmp_path / "g.graphml")
    exports.write_csv(graph, tmp_path / "csv")
    read = nx.read_graphml(tmp_path / "g.graphml", force_multigraph=True)
    assert read.nodes["person:b"]["label"] == "person:b"  # a node without a name shows its id
    ((_, _, attrs),) = read.edges(data=True)
    assert attrs["relation"] == "RELATIVE_OF" and attrs["relative_of_relation"] == "niece"
    with (tmp_path / "csv" / "edges.csv").open(encoding="utf-8") as f:
        (row,) = csv.DictReader(f)
    assert (row["Label"], row["relation"], row["relative_of_relation"]) == ("RELATIVE_OF", "RELATIVE_OF", "niece")
    assert list(exports.from_tool_view(read).edges(data=True))[0][2] == {
        "type": "RELATIVE_OF", "relation": "niece", "articles": '["x"]'}


def test_xml_formats_replace_characters_xml_cannot_hold(tmp_path: Path) -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("article:a", label="Article", name="A", text="page one\x0cpage two\x07")
    exports.write_graphml(graph, tmp_path / "g.graphml")
    exports.write_gexf(graph, tmp_path / "g.gexf")
    for back in (nx.read_graphml(tmp_path / "g.graphml"), nx.read_gexf(tmp_path / "g.gexf")):
        assert back.nodes["article:a"]["text"] == "page one\ufffdpage two\ufffd"  # same length: spans stay right


def test_csv_has_gephi_headers(loaded: Store, tmp_path: Path) -> None:
    graph = exported(loaded)
    exports.write_csv(graph, tmp_path)
    with (tmp_path / "nodes.csv").open(encoding="utf-8") as f:
        nodes = list(csv.DictReader(f))
    with (tmp_path / "edges.csv").open(encoding="utf-8") as f:
        edges = list(csv.DictReader(f))
    assert list(nodes[0])[:3] == ["Id", "Label", "node_label"]
    assert list(edges[0])[:6] == ["Source", "Target", "Type", "Id", "Label", "relation"]
    assert len(nodes) == graph.number_of_nodes() and len(edges) == graph.number_of_edges()
    assert {e["Type"] for e in edges} == {"Directed"} and len({e["Id"] for e in edges}) == len(edges)
    leads = next(e for e in edges if e["Label"] == "LEADS")
    assert json.loads(leads["articles"]) and leads["tier"] == "explicit" and leads["relation"] == "LEADS"
    assert next(n for n in nodes if n["Id"] == TRICKY_ID)["Label"] == TRICKY
    assert json.loads((tmp_path / "metadata.json").read_text(encoding="utf-8"))["selection"] == "all"


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


def test_a_graphml_file_not_from_polgraph_is_refused_and_changes_nothing(loaded: Store, tmp_path: Path) -> None:
    path = tmp_path / "other.graphml"
    nx.write_graphml(nx.path_graph(3, create_using=nx.MultiDiGraph), path)
    before = loaded.stats()
    with pytest.raises(StoreError, match=r"other\.graphml: not a polgraph export \(an item has no 'node_label'"):
        exports.import_graphml(loaded, path)
    assert loaded.stats() == before


# --- the readers of the tools researchers use -------------------------------------------
@dataclass
class ReadBack:
    """What a reader made of an export: node id -> (polgraph label, name), edges, the export's metadata."""

    nodes: dict[str, tuple[str, str]]
    edges: list[tuple[str, str, str, list[str]]]  # source, target, relationship type, evidence
    meta: dict


def run_js_reader(fmt: str, path: Path) -> dict:
    node = shutil.which("node")
    if not node or not (JS_READER.parent / "node_modules").is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail("node or tests/js/node_modules missing under CI (scripts/test.sh installs them)")
        pytest.skip("node or tests/js/node_modules missing (scripts/test.sh runs npm ci in tests/js)")
    done = subprocess.run([node, str(JS_READER), fmt, str(path)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def graphology_read(fmt: str, path: Path) -> ReadBack:
    graph = run_js_reader(fmt, path)
    assert graph["type"] == "directed" and graph["multi"]
    nodes = {n["key"]: (n["attributes"]["node_label"], n["attributes"]["label"]) for n in graph["nodes"]}
    edges = [(e["source"], e["target"], e["attributes"]["relation"], json.loads(e["attributes"]["evidence"]))
             for e in graph["edges"]]
    assert all(e["attributes"]["label"] == e["attributes"]["relation"] for e in graph["edges"])
    attributes = graph["attributes"]
    if fmt == "gexf":  # GEXF has no graph attributes: the metadata is JSON text in <meta><description>
        assert attributes["creator"] == f"polgraph {__version__}"
        return ReadBack(nodes, edges, json.loads(attributes["description"]))
    return ReadBack(nodes, edges, attributes)


def igraph_graphml_read(path: Path) -> ReadBack:
    import igraph

    graph = igraph.Graph.Read_GraphML(str(path))
    assert graph.is_directed()
    nodes = {v["id"]: (v["node_label"], v["label"]) for v in graph.vs}
    edges = [(graph.vs[e.source]["id"], graph.vs[e.target]["id"], e["relation"], json.loads(e["evidence"]))
             for e in graph.es]
    return ReadBack(nodes, edges, {k: graph[k] for k in graph.attributes()})


def igraph_csv_read(folder: Path) -> ReadBack:
    """The CSV pair as igraph (or R's graph_from_data_frame) reads a node table and an edge table."""
    import igraph

    with (folder / "nodes.csv").open(encoding="utf-8") as f:
        node_rows = list(csv.DictReader(f))
    with (folder / "edges.csv").open(encoding="utf-8") as f:
        edge_rows = list(csv.DictReader(f))
    graph = igraph.Graph.DictList(node_rows, edge_rows, directed=True, vertex_name_attr="Id",
                                  edge_foreign_keys=("Source", "Target"))
    nodes = {v["Id"]: (v["node_label"], v["Label"]) for v in graph.vs}
    edges = [(graph.vs[e.source]["Id"], graph.vs[e.target]["Id"], e["Label"], json.loads(e["evidence"]))
             for e in graph.es]
    assert {e["Type"] for e in graph.es} == {"Directed"}
    return ReadBack(nodes, edges, json.loads((folder / "metadata.json").read_text(encoding="utf-8")))


def d3_read(path: Path) -> ReadBack:
    data = run_js_reader("json", path)
    nodes = {n["id"]: (n["label"], n["name"]) for n in data["nodes"]}
    return ReadBack(nodes, [(e["source"], e["target"], e["type"], e["evidence"]) for e in data["links"]], data["graph"])


READERS = {  # reader -> (format, how it reads the file)
    "igraph-graphml": ("graphml", igraph_graphml_read),
    "graphology-graphml": ("graphml", lambda path: graphology_read("graphml", path)),
    "graphology-gexf": ("gexf", lambda path: graphology_read("gexf", path)),
    "d3-force-json": ("json", d3_read),
    "igraph-csv": ("csv", igraph_csv_read),
}


def check_read_back(read: ReadBack, store: Store) -> None:
    """Counts as `polgraph stats` gives them, the relationship types, one edge's evidence, a tricky name, metadata."""
    stats = store.stats()
    assert len(read.nodes) == sum(stats["nodes"].values())
    assert len(read.edges) == sum(stats["relationships"].values())
    assert collections.Counter(label for label, _ in read.nodes.values()) == +collections.Counter(stats["nodes"])
    assert collections.Counter(rel_type for *_, rel_type, _ in read.edges) == +collections.Counter(
        stats["relationships"])
    (evidence,) = [ev for source, target, rel_type, ev in read.edges if (source, target, rel_type) == (*LEADS, "LEADS")]
    stored = store.query("MATCH (a:Person {id: $a})-[r:LEADS]->(b:Party {id: $b}) RETURN r.evidence AS evidence",
                         {"a": LEADS[0], "b": LEADS[1]}).rows
    assert evidence == stored[0][0] and any("Le Pen" in sentence for sentence in evidence)
    assert read.nodes[TRICKY_ID] == ("Person", TRICKY)
    assert read.meta["polgraph_version"] == __version__ and read.meta["edges"] == len(read.edges)


def write_export(graph: nx.MultiDiGraph, fmt: str, folder: Path) -> Path:
    path = folder / f"export.{fmt}"
    exports.WRITERS[fmt](graph, path)
    return path


@pytest.mark.parametrize("reader", READERS)
def test_the_sample_opens_in_each_reader(loaded: Store, tmp_path: Path, reader: str) -> None:
    fmt, read = READERS[reader]
    check_read_back(read(write_export(exported(loaded), fmt, tmp_path)), loaded)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory):
    """The sample and the 58 Wikinews articles in one embedded store, loaded once for this module."""
    if not WIKINEWS.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"the shared corpus is missing: {WIKINEWS}")
        pytest.skip("shared corpus not present")
    from polgraph.loaders.load import SAMPLE_ARTICLE, load_paths

    with open_store(tmp_path_factory.mktemp("corpus") / "graph") as store:
        report = load_paths(store, [SAMPLE_ARTICLE, WIKINEWS])
        assert len(report.loaded) == 59 and not report.failed
        store.query("MATCH (p:Person {id: $id}) SET p.name = $name", {"id": TRICKY_ID, "name": TRICKY}, write=True)
        yield store


@pytest.fixture(scope="module")
def corpus_exports(corpus: Store, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each format written once, from the whole graph streamed as `polgraph export` streams it."""
    graph = exports.networkx_from_stream(exports.stream_whole_graph(corpus),
                                         exports.metadata(corpus, "whole graph", exports.Subgraph()))
    folder = tmp_path_factory.mktemp("corpus-exports")
    return {fmt: write_export(graph, fmt, folder) for fmt in ("graphml", "gexf", "json", "csv")}


@pytest.mark.parametrize("reader", READERS)
def test_a_59_article_corpus_opens_in_each_reader(corpus: Store, corpus_exports: dict[str, Path], reader: str) -> None:
    fmt, read = READERS[reader]
    check_read_back(read(corpus_exports[fmt]), corpus)
