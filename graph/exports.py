"""Subgraphs out of a store, for Gephi, Cytoscape, networkx, R and spreadsheets, with provenance.

A selection (``select_*``) reads nodes and relationships from a store into a ``Subgraph``;
``to_networkx`` makes it a ``networkx.MultiDiGraph`` whose node attributes are ``label`` plus the
node's properties and whose edge attributes are ``type`` plus the relationship's (articles,
evidence, spans, confidence, tier ...). One writer per format (``write_graphml``, ``write_gexf``,
``write_node_link``, ``write_csv``, ``write_jsonl``, ``write_cypher``); every export carries
metadata: polgraph version, store, selection, time, counts. GraphML, GEXF and CSV are written from
``tool_view``, the shape Gephi, Gephi Lite, igraph and Cytoscape expect (``label`` displayed, unique
edge ids, ``relation`` for the relationship type); node-link JSON is networkx's, which D3 reads too.

>>> from polgraph.graph.open import open_store
>>> with open_store(":memory:") as store:
...     graph = to_networkx(select_all(store), {"selection": "all"})
>>> graph.number_of_nodes(), graph.graph["selection"]
(0, 'all')
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx
from networkx.readwrite import json_graph

from .. import __version__
from .curation import DECISION, visible
from .records import GraphBatch, NodeRecord, RelationshipRecord
from .schema import Schema
from .store import QueryError, Store, StoreError, Subgraph
from .values import GraphNode, GraphRelationship

FORMATS = ("graphml", "gexf", "json", "csv", "jsonl", "cypher")
PAGE = 5000  # rows per read when walking a whole label or type


# --- selections ------------------------------------------------------------------------
def select_all(store: Store, *, include_rejected: bool = False, reviewed_only: bool = False) -> Subgraph:
    """Every node and relationship, read one label and one relationship type at a time; rejected facts
    only if asked, or only reviewed facts and their ends (see ``curation.visible``)."""
    rels = _reviewed((rel for rel_type in store.schema.relationships for rel in _relationships(store, rel_type)),
                     include_rejected, reviewed_only)
    ends = {node for rel in rels for node in (rel.source, rel.target)}
    nodes = [node for label in store.schema.nodes if label != DECISION for node in _paged_nodes(store, label)
             if not reviewed_only or node.id in ends]
    return Subgraph(nodes, rels)


def _reviewed(rels: Iterable[GraphRelationship], include_rejected: bool,
              reviewed_only: bool) -> list[GraphRelationship]:
    """The relationships a selection shows, each with its review status (``machine`` when none is stored)."""
    kept = []
    for rel in rels:
        rel.properties.setdefault("review", "machine")
        if visible(rel.properties["review"], include_rejected=include_rejected, reviewed_only=reviewed_only):
            kept.append(rel)
    return kept


def _reviewed_subgraph(sub: Subgraph, include_rejected: bool, reviewed_only: bool, keep: str | None = None) -> Subgraph:
    sub.relationships = _reviewed(sub.relationships, include_rejected, reviewed_only)
    ends = {node for rel in sub.relationships for node in (rel.source, rel.target)} | {keep}
    sub.nodes = [node for node in sub.nodes if node.id in ends]
    return sub


def select_ego(store: Store, node_id: str, hops: int = 1, types: Iterable[str] | None = None,
               labels: Iterable[str] | None = None, *, include_rejected: bool = False,
               reviewed_only: bool = False) -> Subgraph:
    """The k-hop neighbourhood of an actor, optionally only some relationship types and node labels."""
    sub = _reviewed_subgraph(store.neighbourhood(node_id, hops, types=types), include_rejected, reviewed_only,
                             node_id)
    if labels:
        keep = set(labels) | {store.label_of(node_id)}
        sub.nodes = [n for n in sub.nodes if n.label in keep]
        ids = {n.id for n in sub.nodes}
        sub.relationships = [r for r in sub.relationships if r.source in ids and r.target in ids]
    return sub


def select_query(store: Store, cypher: str, params: dict[str, Any] | None = None, max_rows: int = 100_000) -> Subgraph:
    """The nodes and relationships a read-only Cypher query returns (return them whole: ``RETURN a, r, b``)."""
    result = store.query(cypher, params, max_rows=max_rows)
    nodes, rels = result.graph_items()
    if not nodes and not rels:
        raise QueryError("the query returned no nodes or relationships to export (RETURN them whole, e.g. a, r, b)")
    ids = {n.id for n in nodes}
    return Subgraph(nodes, [r for r in rels if r.source in ids and r.target in ids], result.truncated)


def select_articles(store: Store, article_ids: Iterable[str], *, include_rejected: bool = False,
                    reviewed_only: bool = False) -> Subgraph:
    """The facts the given articles state, with their endpoints."""
    return _reviewed_subgraph(_select_facts(store, "WHERE any(x IN r.articles WHERE x IN $ids)",
                                            {"ids": list(article_ids)}), include_rejected, reviewed_only)


def select_window(store: Store, since: dt.date | None = None, until: dt.date | None = None, *,
                  include_rejected: bool = False, reviewed_only: bool = False) -> Subgraph:
    """The facts reported within a date window (on first_reported/last_reported)."""
    return _reviewed_subgraph(_select_facts(store, "WHERE r.last_reported >= $since AND r.first_reported <= $until",
                                            {"since": since or dt.date(1, 1, 1), "until": until or dt.date(9999, 12, 31)}),
                              include_rejected, reviewed_only)


def _select_facts(store: Store, where: str, params: dict[str, Any]) -> Subgraph:
    nodes: dict[str, GraphNode] = {}
    rels = []
    for rel_type, rel in store.schema.relationships.items():
        for source, target in rel.pairs():
            # LadybugDB crashes on a $param inside any(): bind it with WITH first (see the Cypher notes).
            bind = "WITH $ids AS ids " if "$ids" in where else ""
            cypher = (f"{bind}MATCH (a:{source})-[r:{rel_type}]->(b:{target}) "
                      f"{where.replace('$ids', 'ids')} RETURN a, r, b")
            for a, r, b in store._read(cypher, params):
                nodes.setdefault(a.id, a)
                nodes.setdefault(b.id, b)
                r.source, r.target = a.id, b.id
                rels.append(r)
    return Subgraph(list(nodes.values()), rels)


def _paged_nodes(store: Store, label: str) -> Iterable[GraphNode]:
    after = ""
    while True:
        rows = store._read(f"MATCH (n:{label}) WHERE n.id > $after RETURN n ORDER BY n.id LIMIT {PAGE}",
                           {"after": after})
        yield from (row[0] for row in rows)
        if len(rows) < PAGE:
            return
        after = rows[-1][0].id


def _relationships(store: Store, rel_type: str) -> Iterable[GraphRelationship]:
    """One relationship type, read in pages (keyset on the endpoint ids), so memory stays flat."""
    for source, target in store.schema.relationship(rel_type).pairs():
        after_a, after_b = "", ""
        while True:
            rows = store._read(
                f"MATCH (a:{source})-[r:{rel_type}]->(b:{target}) "
                "WHERE a.id > $after_a OR (a.id = $after_a AND b.id > $after_b) "
                f"RETURN a.id, r, b.id ORDER BY a.id, b.id LIMIT {PAGE}",
                {"after_a": after_a, "after_b": after_b},
            )
            for a, r, b in rows:
                r.source, r.target = a, b
                yield r
            if len(rows) < PAGE:
                break
            after_a, after_b = rows[-1][0], rows[-1][2]


def stream_whole_graph(store: Store, progress: bool = False, *, include_rejected: bool = False,
                       reviewed_only: bool = False) -> Iterable[GraphNode | GraphRelationship]:
    """Every node, then every relationship, page by page, with a progress bar on stderr if asked
    (rejected facts only if asked; with ``reviewed_only``, reviewed facts and their ends only)."""
    from tqdm import tqdm

    stats = store.stats()
    total = sum(n for label, n in stats["nodes"].items() if label != DECISION) + sum(stats["relationships"].values())
    ends = None
    if reviewed_only:  # a first pass over the facts finds the nodes to keep
        ends = {node for rel_type in store.schema.relationships
                for rel in _reviewed(_relationships(store, rel_type), include_rejected, reviewed_only)
                for node in (rel.source, rel.target)}
    with tqdm(total=total, desc="exporting", unit="item", disable=not progress) as bar:
        for label in store.schema.nodes:
            if label == DECISION:
                continue
            for node in _paged_nodes(store, label):
                bar.update()
                if ends is None or node.id in ends:
                    yield node
        for rel_type in store.schema.relationships:
            for rel in _relationships(store, rel_type):
                bar.update()
                yield from _reviewed([rel], include_rejected, reviewed_only)


def networkx_from_stream(items: Iterable[GraphNode | GraphRelationship], meta: dict[str, Any]) -> nx.MultiDiGraph:
    """A MultiDiGraph built straight from streamed items (no intermediate copy of the graph)."""
    graph = nx.MultiDiGraph(**meta)
    for item in items:
        if isinstance(item, GraphNode):
            graph.add_node(item.id, label=item.label, **{k: v for k, v in item.properties.items() if k != "id"})
        else:
            graph.add_edge(item.source, item.target, key=item.type, type=item.type, **item.properties)
    graph.graph["nodes"], graph.graph["edges"] = graph.number_of_nodes(), graph.number_of_edges()
    return graph


def write_stream(items: Iterable[GraphNode | GraphRelationship], fmt: str, path: str | Path,
                 meta: dict[str, Any]) -> dict[str, int]:
    """JSON Lines or a Cypher script written item by item, as the store hands them over."""
    counts = {"nodes": 0, "edges": 0}
    labels: dict[str, str] = {}
    with Path(path).open("w", encoding="utf-8") as out:
        if fmt == "jsonl":
            out.write(json.dumps({"element": "metadata", **meta}, default=_json_default) + "\n")
        else:
            out.write(f"// polgraph {__version__} export: " + json.dumps(meta, default=_json_default) + "\n")
        for item in items:
            if isinstance(item, GraphNode):
                counts["nodes"] += 1
                labels[item.id] = item.label
                props = {k: v for k, v in item.properties.items() if k != "id"}
                if fmt == "jsonl":
                    line = json.dumps({"element": "node", "id": item.id, "label": item.label, **props},
                                      ensure_ascii=False, default=_json_default)
                else:
                    line = _merge_node_statement(item.label, item.id, props)
            else:
                counts["edges"] += 1
                if fmt == "jsonl":
                    line = json.dumps({"element": "edge", "source": item.source, "target": item.target, "type": item.type,
                                       **item.properties}, ensure_ascii=False, default=_json_default)
                else:
                    line = _merge_edge_statement(labels[item.source], item.source, labels[item.target], item.target,
                                                 item.type, item.properties)
            out.write(line + "\n")
    return counts


# --- networkx ------------------------------------------------------------------------
def metadata(store: Store, selection: str, sub: Subgraph) -> dict[str, Any]:
    return {
        "polgraph_version": __version__, "store": store.describe(), "selection": selection,
        "exported_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "nodes": len(sub.nodes), "edges": len(sub.relationships), "truncated": sub.truncated,
    }


def to_networkx(sub: Subgraph, meta: dict[str, Any] | None = None) -> nx.MultiDiGraph:
    """The subgraph as a MultiDiGraph keyed by node id; edge keys are relationship types."""
    graph = nx.MultiDiGraph(**(meta or {}))
    for node in sub.nodes:
        graph.add_node(node.id, label=node.label, **{k: v for k, v in node.properties.items() if k != "id"})
    for rel in sub.relationships:
        graph.add_edge(rel.source, rel.target, key=rel.type, type=rel.type, **rel.properties)
    return graph


def _flat(value: Any) -> Any:
    """A value GraphML, GEXF and CSV can hold: lists as JSON text, dates as ISO text, no None."""
    if isinstance(value, list | tuple | dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


# --- the view the analysis tools read (GraphML, GEXF, CSV) ---------------------------
# Gephi, Gephi Lite, igraph and Cytoscape show an item's `label`; GEXF keeps an edge's `type` for
# its direction. A property that takes one of these names is written prefixed by its label or type.
TOOL_NAMES = {"label", "node_label", "relation"}
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
GEXF_NAMESPACE = "http://www.gexf.net/1.2draft"


def tool_view(graph: nx.MultiDiGraph, xml: bool = False) -> nx.MultiDiGraph:
    """The graph as the analysis tools read it: ``label`` is what they display (a node's name, an edge's
    relationship type), the node's polgraph label is ``node_label``, the relationship type is also ``relation``,
    edges have unique keys (``e0``, ``e1`` ...: the ids GraphML and GEXF need), values are flat (lists as JSON
    text) and a property named like one of these gets its owner as prefix (RELATIVE_OF's ``relation`` becomes
    ``relative_of_relation``). With ``xml``, characters XML cannot hold become U+FFFD (offsets stay right).

    >>> graph = nx.MultiDiGraph()
    >>> graph.add_node("person:a", label="Person", name="Ann")
    >>> _ = graph.add_edge("person:a", "person:a", key="RELATIVE_OF", type="RELATIVE_OF", relation="niece")
    >>> view = tool_view(graph)
    >>> view.nodes["person:a"], list(view.edges(keys=True, data=True))[0][2:]
    ({'label': 'Ann', 'node_label': 'Person', 'name': 'Ann'}, ('e0', {'label': 'RELATIVE_OF', \
'relation': 'RELATIVE_OF', 'relative_of_relation': 'niece'}))
    """
    def flat(value: Any) -> Any:
        value = _flat(value)
        return XML_ILLEGAL.sub("\ufffd", value) if xml and isinstance(value, str) else value

    def props(owner: str, attrs: dict[str, Any], skip: str) -> dict[str, Any]:
        return {_tool_name(owner, k): flat(v) for k, v in attrs.items() if k != skip and v is not None}

    view = nx.MultiDiGraph(**{k: flat(v) for k, v in graph.graph.items() if v is not None})
    for node, attrs in graph.nodes(data=True):
        label = attrs["label"]
        view.add_node(node, label=flat(attrs.get("name") or node), node_label=label, **props(label, attrs, "label"))
    for number, (source, target, attrs) in enumerate(graph.edges(data=True)):
        rel_type = attrs["type"]
        view.add_edge(source, target, key=f"e{number}", label=rel_type, relation=rel_type,
                      **props(rel_type, attrs, "type"))
    return view


def from_tool_view(view: nx.MultiDiGraph, source: str = "the graph") -> nx.MultiDiGraph:
    """The graph a ``tool_view`` was made from, e.g. after ``nx.read_graphml`` (values stay flat).

    >>> graph = nx.MultiDiGraph()
    >>> _ = graph.add_edge("person:a", "person:b", key="RELATIVE_OF", type="RELATIVE_OF", relation="niece")
    >>> graph.nodes["person:a"]["label"] = graph.nodes["person:b"]["label"] = "Person"
    >>> list(from_tool_view(tool_view(graph)).edges(keys=True, data=True))
    [('person:a', 'person:b', 'RELATIVE_OF', {'type': 'RELATIVE_OF', 'relation': 'niece'})]
    """
    graph = nx.MultiDiGraph(**view.graph)
    try:
        for node, attrs in view.nodes(data=True):
            label = attrs["node_label"]
            graph.add_node(node, label=label, **{_property_name(label, k): v for k, v in attrs.items()
                                                 if k not in ("label", "node_label")})
        for source_id, target_id, attrs in view.edges(data=True):
            rel_type = attrs["relation"]
            graph.add_edge(source_id, target_id, key=rel_type, type=rel_type, **{
                _property_name(rel_type, k): v for k, v in attrs.items() if k not in ("id", "label", "relation")})
    except KeyError as missing:
        raise StoreError(f"{source}: not a polgraph export (an item has no {missing} attribute)") from None
    return graph


def _tool_name(owner: str, name: str) -> str:
    return f"{owner.lower()}_{name}" if name in TOOL_NAMES else name


def _property_name(owner: str, name: str) -> str:
    prefix = f"{owner.lower()}_"
    return name.removeprefix(prefix) if name.startswith(prefix) and name[len(prefix):] in TOOL_NAMES else name


# --- writers (one per format) -------------------------------------------------------
def write_graphml(graph: nx.MultiDiGraph, path: str | Path) -> None:
    """GraphML for Gephi, Gephi Lite, igraph and Cytoscape (``tool_view``), the metadata as graph data keys."""
    nx.write_graphml(tool_view(graph, xml=True), path)


def write_gexf(graph: nx.MultiDiGraph, path: str | Path) -> None:
    """GEXF 1.2 for Gephi and Gephi Lite (``tool_view``): directed edges, each labelled with its relationship
    type; the metadata as JSON text in ``<meta><description>``, beside ``<creator>``."""
    view = tool_view(graph, xml=True)
    root = ET.Element("gexf", {"xmlns": GEXF_NAMESPACE, "version": "1.2"})
    meta = ET.SubElement(root, "meta", lastmodifieddate=dt.date.today().isoformat())
    ET.SubElement(meta, "creator").text = f"polgraph {graph.graph.get('polgraph_version', __version__)}"
    ET.SubElement(meta, "description").text = json.dumps(view.graph, ensure_ascii=False)
    xml_graph = ET.SubElement(root, "graph", defaultedgetype="directed", mode="static")
    node_types = _gexf_attributes(xml_graph, "node", [attrs for _, attrs in view.nodes(data=True)])
    edge_types = _gexf_attributes(xml_graph, "edge", [attrs for *_, attrs in view.edges(data=True)])
    nodes = ET.SubElement(xml_graph, "nodes")
    for node, attrs in view.nodes(data=True):
        _gexf_attvalues(ET.SubElement(nodes, "node", id=node, label=str(attrs["label"])), node_types, attrs)
    edges = ET.SubElement(xml_graph, "edges")
    for source, target, key, attrs in view.edges(keys=True, data=True):
        element = ET.SubElement(edges, "edge", id=key, source=source, target=target, label=attrs["label"])
        _gexf_attvalues(element, edge_types, attrs)
    ET.indent(root)
    ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)


def _gexf_attributes(xml_graph: ET.Element, kind: str, items: list[dict[str, Any]]) -> dict[str, str]:
    """Declares the attribute columns of nodes or edges (ids are the names) and returns their GEXF types."""
    values: dict[str, list[Any]] = {}
    for attrs in items:
        for name, value in attrs.items():
            if name != "label":
                values.setdefault(name, []).append(value)
    types = {name: _gexf_type(column) for name, column in values.items()}
    declared = ET.SubElement(xml_graph, "attributes", {"class": kind, "mode": "static"})
    for name, gexf_type in types.items():
        ET.SubElement(declared, "attribute", id=name, title=name, type=gexf_type)
    return types


def _gexf_type(values: list[Any]) -> str:
    kinds = {type(v) for v in values}
    if kinds == {bool}:
        return "boolean"
    if kinds <= {int}:
        return "long"
    return "double" if kinds <= {int, float} else "string"


def _gexf_attvalues(element: ET.Element, types: dict[str, str], attrs: dict[str, Any]) -> None:
    attvalues = ET.SubElement(element, "attvalues")
    for name, value in attrs.items():
        if name in types:
            text = str(value).lower() if types[name] == "boolean" else str(value)
            ET.SubElement(attvalues, "attvalue", {"for": name, "value": text})


def write_node_link(graph: nx.MultiDiGraph, path: str | Path) -> None:
    data = json_graph.node_link_data(graph, edges="edges")
    Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=1, default=_json_default), encoding="utf-8")


def write_jsonl(graph: nx.MultiDiGraph, path: str | Path) -> None:
    """One JSON object per line: a metadata line, then nodes, then edges (``element`` says which)."""
    with Path(path).open("w", encoding="utf-8") as out:
        out.write(json.dumps({"element": "metadata", **graph.graph}, default=_json_default) + "\n")
        for node, attrs in graph.nodes(data=True):
            out.write(json.dumps({"element": "node", "id": node, **attrs}, ensure_ascii=False, default=_json_default) + "\n")
        for source, target, attrs in graph.edges(data=True):
            out.write(json.dumps({"element": "edge", "source": source, "target": target, **attrs}, ensure_ascii=False,
                                 default=_json_default) + "\n")


def write_csv(graph: nx.MultiDiGraph, folder: str | Path) -> None:
    """nodes.csv and edges.csv with Gephi's spreadsheet headers (nodes: Id, Label; edges: Source, Target,
    Type = Directed, Id, Label = relationship type), the other columns as in ``tool_view``, and metadata.json."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    view = tool_view(graph)
    node_keys = sorted({k for _, a in view.nodes(data=True) for k in a} - {"label", "node_label", "name"})
    with (folder / "nodes.csv").open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["Id", "Label", "node_label", *node_keys])
        for node, attrs in view.nodes(data=True):
            writer.writerow([node, attrs["label"], attrs["node_label"], *[attrs.get(k, "") for k in node_keys]])
    edge_keys = sorted({k for *_, a in view.edges(data=True) for k in a} - {"label", "relation"})
    with (folder / "edges.csv").open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["Source", "Target", "Type", "Id", "Label", "relation", *edge_keys])
        for source, target, key, attrs in view.edges(keys=True, data=True):
            writer.writerow([source, target, "Directed", key, attrs["label"], attrs["relation"],
                             *[attrs.get(k, "") for k in edge_keys]])
    (folder / "metadata.json").write_text(json.dumps(graph.graph, ensure_ascii=False, indent=1, default=_json_default)
                                          + "\n", encoding="utf-8")


def write_cypher(graph: nx.MultiDiGraph, path: str | Path) -> None:
    """A script of MERGE statements (one per line) that recreates the subgraph in Neo4j or polgraph's store."""
    lines = [f"// polgraph {graph.graph.get('polgraph_version', __version__)} export: "
             + json.dumps(dict(graph.graph), default=_json_default)]
    for node, attrs in graph.nodes(data=True):
        lines.append(_merge_node_statement(attrs["label"], node, {k: v for k, v in attrs.items() if k != "label"}))
    for source, target, attrs in graph.edges(data=True):
        lines.append(_merge_edge_statement(graph.nodes[source]["label"], source, graph.nodes[target]["label"], target,
                                           attrs["type"], {k: v for k, v in attrs.items() if k != "type"}))
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")


def _merge_node_statement(label: str, node_id: str, props: dict[str, Any]) -> str:
    props = {k: v for k, v in props.items() if v not in (None, [])}
    sets = ", ".join(f"n.{k} = {cypher_literal(v)}" for k, v in props.items())
    return f"MERGE (n:{label} {{id: {cypher_literal(node_id)}}})" + (f" SET {sets}" if sets else "") + ";"


def _merge_edge_statement(source_label: str, source: str, target_label: str, target: str, rel_type: str,
                          props: dict[str, Any]) -> str:
    props = {k: v for k, v in props.items() if v not in (None, [])}
    sets = ", ".join(f"r.{k} = {cypher_literal(v)}" for k, v in props.items())
    # Two MATCH clauses: LadybugDB runs a comma-separated pattern as a cross product.
    return (f"MATCH (a:{source_label} {{id: {cypher_literal(source)}}}) MATCH (b:{target_label} {{id: "
            f"{cypher_literal(target)}}}) MERGE (a)-[r:{rel_type}]->(b)" + (f" SET {sets}" if sets else "") + ";")


WRITERS = {"graphml": write_graphml, "gexf": write_gexf, "json": write_node_link, "csv": write_csv,
           "jsonl": write_jsonl, "cypher": write_cypher}


def cypher_literal(value: Any) -> str:
    """A value as Cypher text that both stores read back as the same value.

    >>> cypher_literal('x"}) DETACH DELETE n //'), cypher_literal(["O'Brien"])
    ('"x\\\\"}) DETACH DELETE n //"', '["O\\'Brien"]')
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, dt.date):
        return f"date({cypher_literal(value.isoformat())})"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    text = str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{text}"'


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


# --- reading back --------------------------------------------------------------------
def batch_from_networkx(graph: nx.MultiDiGraph, schema: Schema) -> GraphBatch:
    """Records for ``store.write_batch`` from a graph read back from GraphML/GEXF/JSON (typed by the schema)."""
    batch = GraphBatch(article_id=str(graph.graph.get("selection", "import")))
    labels = {}
    for node, attrs in graph.nodes(data=True):
        label = attrs["label"]
        labels[node] = label
        declared = schema.node(label).properties
        props = {k: _typed(declared[k].type, v) for k, v in attrs.items() if k in declared and k != "id"}
        batch.nodes.append(NodeRecord(label, node, props))
    for source, target, attrs in graph.edges(data=True):
        declared = schema.relationship(attrs["type"]).properties
        props = {k: _typed(declared[k].type, v) for k, v in attrs.items() if k in declared}
        batch.relationships.append(RelationshipRecord(attrs["type"], labels[source], source, labels[target], target,
                                                      props))
    return batch


def _typed(prop_type: str, value: Any) -> Any:
    if isinstance(value, str) and prop_type == "string[]":
        return json.loads(value)
    if isinstance(value, str) and prop_type == "date":
        return dt.date.fromisoformat(value)
    if prop_type == "float" and isinstance(value, int | str):
        return float(value)
    if prop_type == "int" and isinstance(value, str):
        return int(value)
    if prop_type == "bool" and isinstance(value, str):
        return value.lower() == "true"
    return value


def import_graphml(store: Store, path: str | Path) -> dict[str, int]:
    """Load a polgraph GraphML export into a store, in one transaction."""
    graph = from_tool_view(nx.read_graphml(path, force_multigraph=True), str(path))
    summary = store.write_batch(batch_from_networkx(graph, store.schema))
    return {"nodes_created": summary.nodes_created, "relationships_created": summary.relationships_created}


def run_cypher_script(store: Store, path: str | Path) -> int:
    """Run a polgraph Cypher export (one statement per line) with writes allowed; returns the statement count."""
    count = 0
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        statement = line.strip().rstrip(";")
        if statement and not statement.startswith("//"):
            store.query(statement, write=True)
            count += 1
    return count
