"""Subgraphs out of a store, for Gephi, Cytoscape, networkx, R and spreadsheets, with provenance.

A selection (``select_*``) reads nodes and relationships from a store into a ``Subgraph``;
``to_networkx`` makes it a ``networkx.MultiDiGraph`` whose node attributes are ``label`` plus the
node's properties and whose edge attributes are ``type`` plus the relationship's (articles,
evidence, spans, confidence, tier ...). One writer per format (``write_graphml``, ``write_gexf``,
``write_node_link``, ``write_csv``, ``write_jsonl``, ``write_cypher``); every export carries
metadata: polgraph version, store, selection, time, counts.

>>> from polgraph.graph.store import open_store
>>> with open_store(":memory:") as store:
...     graph = to_networkx(select_all(store), {"selection": "all"})
>>> graph.number_of_nodes(), graph.graph["selection"]
(0, 'all')
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx
from networkx.readwrite import json_graph

from polgraph import __version__
from polgraph.graph.records import GraphBatch, NodeRecord, RelationshipRecord
from polgraph.graph.schema import Schema
from polgraph.graph.store import QueryError, Store, Subgraph
from polgraph.graph.values import GraphNode, GraphRelationship

FORMATS = ("graphml", "gexf", "json", "csv", "jsonl", "cypher")
PAGE = 5000  # rows per read when walking a whole label or type


# --- selections ------------------------------------------------------------------------
def select_all(store: Store) -> Subgraph:
    """Every node and relationship, read one label and one relationship type at a time."""
    nodes = [node for label in store.schema.nodes for node in _paged_nodes(store, label)]
    rels = [rel for rel_type in store.schema.relationships for rel in _relationships(store, rel_type)]
    return Subgraph(nodes, rels)


def select_ego(store: Store, node_id: str, hops: int = 1, types: Iterable[str] | None = None,
               labels: Iterable[str] | None = None) -> Subgraph:
    """The k-hop neighbourhood of an actor, optionally only some relationship types and node labels."""
    sub = store.neighbourhood(node_id, hops, types=types)
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


def select_articles(store: Store, article_ids: Iterable[str]) -> Subgraph:
    """The facts the given articles state, with their endpoints."""
    return _select_facts(store, "WHERE any(x IN r.articles WHERE x IN $ids)", {"ids": list(article_ids)})


def select_window(store: Store, since: dt.date | None = None, until: dt.date | None = None) -> Subgraph:
    """The facts reported within a date window (on first_reported/last_reported)."""
    return _select_facts(store, "WHERE r.last_reported >= $since AND r.first_reported <= $until",
                         {"since": since or dt.date(1, 1, 1), "until": until or dt.date(9999, 12, 31)})


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


def stream_whole_graph(store: Store, progress: bool = False) -> Iterable[GraphNode | GraphRelationship]:
    """Every node, then every relationship, page by page, with a progress bar on stderr if asked."""
    from tqdm import tqdm

    stats = store.stats()
    total = sum(stats["nodes"].values()) + sum(stats["relationships"].values())
    with tqdm(total=total, desc="exporting", unit="item", disable=not progress) as bar:
        for label in store.schema.nodes:
            for node in _paged_nodes(store, label):
                bar.update()
                yield node
        for rel_type in store.schema.relationships:
            for rel in _relationships(store, rel_type):
                bar.update()
                yield rel


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


def flattened(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    flat = nx.MultiDiGraph(**{k: _flat(v) for k, v in graph.graph.items() if v is not None})
    for node, attrs in graph.nodes(data=True):
        flat.add_node(node, **{k: _flat(v) for k, v in attrs.items() if v is not None})
    for source, target, key, attrs in graph.edges(keys=True, data=True):
        flat.add_edge(source, target, key=key, **{k: _flat(v) for k, v in attrs.items() if v is not None})
    return flat


# --- writers (one per format) -------------------------------------------------------
def write_graphml(graph: nx.MultiDiGraph, path: str | Path) -> None:
    nx.write_graphml(flattened(graph), path)


def write_gexf(graph: nx.MultiDiGraph, path: str | Path) -> None:
    flat = flattened(graph)
    for node, attrs in flat.nodes(data=True):
        attrs.setdefault("name", node)
    nx.write_gexf(flat, path)


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
    """nodes.csv and edges.csv with Gephi's spreadsheet headers (Id, Label; Source, Target, Type),
    plus metadata.json beside them."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    node_keys = sorted({k for _, a in graph.nodes(data=True) for k in a} - {"label", "name"})
    with (folder / "nodes.csv").open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["Id", "Label", "node_label", *node_keys])
        for node, attrs in graph.nodes(data=True):
            writer.writerow([node, attrs.get("name", node), attrs.get("label"),
                             *[_csv(attrs.get(k)) for k in node_keys]])
    edge_keys = sorted({k for *_, a in graph.edges(data=True) for k in a} - {"type"})
    with (folder / "edges.csv").open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["Source", "Target", "Type", "Label", *edge_keys])
        for source, target, attrs in graph.edges(data=True):
            writer.writerow([source, target, "Directed", attrs.get("type"), *[_csv(attrs.get(k)) for k in edge_keys]])
    (folder / "metadata.json").write_text(json.dumps(graph.graph, indent=1, default=_json_default) + "\n")


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


def _csv(value: Any) -> Any:
    return "" if value is None else _flat(value)


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
    graph = nx.read_graphml(path, force_multigraph=True)
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
