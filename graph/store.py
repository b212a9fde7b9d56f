"""The ``Store`` interface and what both backends share.

The graph algorithms (merge an article's batch, stats, neighbourhood, delete an article) are
written once here in the Cypher both LadybugDB and Neo4j accept. A backend supplies only how to
run a statement inside a transaction and how to open, initialise and close.

>>> from polgraph.graph.open import open_store
>>> store = open_store(":memory:")            # embedded, in memory
>>> store.stats()["nodes"]["Person"]
0
>>> store.close()
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from .actor_graph import NOT_COUNTED, ActorGraph, LeanSubgraph
from .folding import CorpusFold
from .records import (
    GraphBatch,
    NodeRecord,
    RelationshipRecord,
    drop_article,
    merge_fact,
    merge_node,
)
from .schema import DEGREE, Schema, SchemaError, load_schema
from .values import GraphNode, GraphRelationship, QueryResult, link_endpoints

DEFAULT_TIMEOUT = 30.0  # seconds, for queries people type
DEFAULT_MAX_ROWS = 1000
BATCH_SIZE = 5000  # rows per UNWIND statement
NOT_ACTORS = {"Article", "Statement", "Decision"}  # nodes a path between actors does not go through

Run = Callable[[str, dict[str, Any]], list[list[Any]]]


class StoreError(Exception):
    """A failure worth one clear line to the user (no traceback)."""


class StoreUnavailable(StoreError):
    """The database cannot be reached or opened: dead server, locked or missing directory."""


class QueryError(StoreError):
    """The database refused a query: syntax, unknown name, timeout, or a write in read mode."""


@dataclass
class WriteSummary:
    article_id: str
    nodes_created: int = 0
    nodes_updated: int = 0
    nodes_matched: int = 0  # nodes of the batch that were already stored (merged across articles)
    relationships_created: int = 0
    relationships_updated: int = 0


@dataclass
class Subgraph:
    nodes: list[GraphNode] = field(default_factory=list)
    relationships: list[GraphRelationship] = field(default_factory=list)
    truncated: bool = False


class EgoWalk:
    """What an ego walk has found so far: at most ``max_nodes`` nodes, and the relationships walked.

    >>> walk = EgoWalk(GraphNode("1", "Person", {"id": "person:a"}), max_nodes=2)
    >>> walk.add("person:a", GraphRelationship("2", "LEADS", "1", "3", {}), GraphNode("3", "Party", {"id": "party:p"}),
    ...          outgoing=True), walk.full
    (True, True)
    >>> [(r.type, r.source, r.target) for r in walk.subgraph().relationships]
    [('LEADS', 'person:a', 'party:p')]
    """

    def __init__(self, start: GraphNode, max_nodes: int) -> None:
        self.start = start.id
        self.max_nodes = max_nodes
        self.nodes: dict[str, GraphNode] = {start.id: start}
        self.rels: dict[tuple[str, str, str], GraphRelationship] = {}
        self.truncated = False

    @property
    def room(self) -> int:
        return self.max_nodes - len(self.nodes)

    @property
    def full(self) -> bool:
        return len(self.nodes) >= self.max_nodes

    def add(self, a_id: str, r: GraphRelationship, b: GraphNode, outgoing: bool) -> bool:
        """Keep the relationship ``r`` walked from ``a_id`` to its neighbour ``b`` (``outgoing``: a is its
        source) unless ``b`` is new and there is no room; True when ``b`` is new and kept."""
        new = b.id not in self.nodes
        if new:
            if self.full:
                self.truncated = True
                return False
            self.nodes[b.id] = b
        r.source, r.target = (a_id, b.id) if outgoing else (b.id, a_id)
        self.rels[(r.type, r.source, r.target)] = r
        return new

    def subgraph(self) -> Subgraph:
        return Subgraph(list(self.nodes.values()), list(self.rels.values()), self.truncated)


class Store(ABC):
    """A Cypher graph store holding the political graph."""

    kind: str  # "embedded" or "neo4j"
    location: str  # a path or a URI, never with credentials
    read_only: bool
    bulk_rows: int | None = 10_000  # rows per transaction in bulk_load (None: a table in one)
    insert_min_rows = 0  # from this many new rows of a table up, a write uses _insert_* rather than _create_*
    facts_per_transaction = 20_000  # write_batches' group of articles
    # Up to this many keys, a statement per key rather than one UNWIND: LadybugDB answers `UNWIND ... MATCH`
    # and `id IN $list` by scanning the table, where a single key uses its primary-key index.
    few_ids = 50
    # Appended to a MATCH of actors `n`: their degree as the actor graph counts it, stored.
    set_degree = (f" OPTIONAL MATCH (n)-[r]-() WHERE type(r) <> '{NOT_COUNTED}' "
                  f"WITH n, count(r) AS degree SET n.{DEGREE} = degree")

    def __init__(self) -> None:
        self.schema: Schema = load_schema()
        self.writes = 0  # writes started through this handle: the actor graph is read again after one
        self._actors: tuple[tuple[Any, ...], ActorGraph] | None = None  # (store version, actor graph)
        self._degrees_stale = False  # a Cypher write ran since degrees were counted (refresh_degrees)

    # --- what a backend provides -------------------------------------------------------
    @abstractmethod
    def init(self) -> None:
        """Create tables (embedded) or constraints and indexes (Neo4j) from the schema. Idempotent."""

    @abstractmethod
    def _in_transaction(self, work: Callable[[Run], Any], write: bool) -> Any:
        """Run ``work(run)`` in one transaction: committed if it returns, rolled back if it raises."""

    @abstractmethod
    def _run_query(self, cypher: str, params: dict[str, Any], write: bool, timeout: float,
                   max_rows: int) -> QueryResult:
        """One user query with a timeout and a row cap; read-only unless ``write``."""

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def describe(self) -> str:
        return f"{self.kind} store at {self.location}"

    # --- queries ---------------------------------------------------------------------
    def query(self, cypher: str, params: dict[str, Any] | None = None, *, write: bool = False,
              timeout: float = DEFAULT_TIMEOUT, max_rows: int = DEFAULT_MAX_ROWS) -> QueryResult:
        """Run Cypher with parameters. Read-only unless ``write=True``; at most ``max_rows`` rows.

        >>> from polgraph.graph.open import open_store
        >>> with open_store(":memory:") as store:
        ...     store.query("RETURN $x + 1 AS y", {"x": 1}).rows
        [[2]]
        """
        if not cypher or not cypher.strip():
            raise QueryError("empty query")
        if write and self.read_only:
            raise QueryError(f"{self.describe()} was opened read-only; open it for writing to run this query")
        if write:
            self.writes += 1
            self._degrees_stale = True  # what the query changed is unknown: counted again before the next use
        if not write:
            refuse_unsafe_read(cypher)
        result = self._run_query(cypher, dict(params or {}), write, timeout, max_rows)
        return link_endpoints(result)

    def _read(self, cypher: str, params: dict[str, Any] | None = None) -> list[list[Any]]:
        """A query the product ships: no row cap, in a read transaction."""
        return self._in_transaction(lambda run: run(cypher, params or {}), write=False)

    # --- writes ----------------------------------------------------------------------
    def write_batch(self, batch: GraphBatch) -> WriteSummary:
        """Write one article's nodes and relationships in one transaction: all or nothing.

        Nodes and relationships are MERGEd on their ids, so writing the same batch again
        changes nothing; provenance from another article is merged in (see records.py).
        """
        self._check_writable()
        self.check_batch(batch)
        return self._in_transaction(lambda run: self._write(run, batch), write=True)

    def write_batches(self, batches: Iterable[GraphBatch],
                      facts_per_transaction: int | None = None) -> Iterator[WriteSummary]:
        """Write many articles, whole articles grouped into transactions of about ``facts_per_transaction``
        (by default the store's own ``facts_per_transaction``).

        The fast way to load a big extracted corpus: each statement carries thousands of rows, so
        fixed costs (commit, planning, LadybugDB's scan of a relationship table) are paid per group,
        not per article. An article is never split across transactions, and every article is checked
        against the schema before its group is written; a failing article stops the load, its group
        written not at all and earlier groups kept. Yields one summary per group.
        """
        self._check_writable()
        facts_per_transaction = facts_per_transaction or self.facts_per_transaction
        group: list[GraphBatch] = []
        facts = 0
        for batch in batches:
            self.check_batch(batch)
            group.append(batch)
            facts += len(batch.relationships)
            if facts >= facts_per_transaction:
                yield self._write_group(group)
                group, facts = [], 0
        if group:
            yield self._write_group(group)

    def bulk_load(self, batches: Iterable[GraphBatch]) -> WriteSummary:
        """Load a whole corpus into an empty store at the database's own bulk speed.

        Every article is checked and folded first (provenance merged exactly as ``write_batch`` would
        merge it; see folding.py), then each table is written in large inserts: COPY FROM on LadybugDB,
        UNWIND ... MERGE on Neo4j, with no reads, as nothing is stored yet. Facts are folded one table
        at a time as it is written, so memory holds the nodes and one table. If anything fails the
        store is emptied again, so it is left as it was.
        """
        self._check_writable()
        stored = self.stats()
        if any(stored["nodes"].values()):
            raise StoreError(f"bulk load needs an empty store and {self.describe()} holds a graph; "
                             "use write_batches to add to it")
        with self.fold(batches) as corpus:
            summary = WriteSummary(f"{corpus.articles} articles", nodes_created=sum(map(len, corpus.nodes.values())))
            try:
                # Each table leaves memory once written, making room for the database's own.
                for label in list(corpus.nodes):
                    for chunk in _chunks(corpus.nodes.pop(label).values(), self.bulk_rows):
                        self._in_transaction(partial(self._insert_nodes, label=label, rows=chunk), write=True)
                # The database writes one table while the next is folded: both stores' drivers let go of
                # Python's lock while the database works.
                with ThreadPoolExecutor(max_workers=1, thread_name_prefix="polgraph-bulk-load") as writer:
                    writing: Future[None] | None = None
                    for table in corpus.tables:
                        rows = corpus.facts(table)
                        summary.relationships_created += len(rows)
                        if writing is not None:
                            writing.result()
                        writing = writer.submit(self._insert_table, table, rows)
                        del rows
                    if writing is not None:
                        writing.result()
                self._settle()
                self.refresh_degrees()
            except BaseException:
                self.clear()
                raise
        return summary

    def _insert_table(self, table: tuple[str, str, str], rows: dict[Any, dict[str, Any]]) -> None:
        rel_type, source_label, target_label = table
        for chunk in _chunks(rows.values(), self.bulk_rows):
            self._in_transaction(partial(self._insert_relationships, rel_type=rel_type, source_label=source_label,
                                         target_label=target_label, rows=chunk), write=True)

    def fold(self, batches: Iterable[GraphBatch]) -> CorpusFold:
        """Check every article against the schema and fold them (see folding.py); use it in a ``with``."""
        corpus = CorpusFold()
        try:
            for batch in batches:
                self.check_batch(batch)
                corpus.add(batch)
        except BaseException:
            corpus.close()
            raise
        return corpus

    @abstractmethod
    def _settle(self) -> None:
        """After a bulk load: whatever the database needs so that later writes find room."""

    def _write_group(self, group: list[GraphBatch]) -> WriteSummary:
        combined = GraphBatch(f"{group[0].article_id} .. {group[-1].article_id}",
                              [n for b in group for n in b.nodes], [r for b in group for r in b.relationships])
        return self._in_transaction(lambda run: self._write(run, combined), write=True)

    def check_batch(self, batch: GraphBatch) -> None:
        """Raise SchemaError when a record does not fit the schema or points at a missing node."""
        labels = {}
        for node in batch.nodes:
            self.schema.check_node(node.label, {"id": node.id, **node.properties})
            if labels.setdefault(node.id, node.label) != node.label:
                raise SchemaError(f"node {node.id} appears as {labels[node.id]} and {node.label}")
        for rel in batch.relationships:
            self.schema.check_relationship(rel.type, rel.source_label, rel.target_label, rel.properties)
            for node_id, label in ((rel.source, rel.source_label), (rel.target, rel.target_label)):
                if labels.get(node_id) != label:
                    raise SchemaError(f"{rel.type} points at {label} {node_id}, which is not in the batch")

    def _write(self, run: Run, batch: GraphBatch) -> WriteSummary:
        self.writes += 1
        summary = WriteSummary(batch.article_id)
        created: set[str] = set()  # nodes this write creates: no stored relationship can touch them
        grown: dict[str, set[str]] = defaultdict(set)  # label -> actors a new fact touches: degree to recount
        for label, records in _group(batch.nodes, lambda n: n.label).items():
            merged = _merge_by_key(records, lambda n: n.id, merge_node)
            existing = self._existing_nodes(run, label, list(merged))
            node_type = self.schema.node(label)
            properties = node_type.properties
            declared = [p for p in properties if p != "id"]
            new_rows, changed_rows = [], []
            for node_id, props in merged.items():
                stored = existing.get(node_id)
                full = merge_node(stored, props)
                if node_type.keeps_degree:  # the store's count, whatever a batch says
                    full[DEGREE] = stored.get(DEGREE) if stored else 0
                row = {"id": node_id, **{p: _column_value(properties[p].type, full.get(p)) for p in declared}}
                if stored is None:
                    summary.nodes_created += 1
                    created.add(node_id)
                    new_rows.append(row)
                else:
                    summary.nodes_matched += 1
                    if full != stored:
                        summary.nodes_updated += 1
                        changed_rows.append(row)
            if len(new_rows) >= self.insert_min_rows:
                for chunk in _chunks(new_rows, self.bulk_rows):
                    self._insert_nodes(run, label, chunk)
            elif new_rows:
                self._create_nodes(run, label, new_rows)
            for chunk in _chunks(changed_rows):
                run(f"UNWIND $rows AS row MATCH (n:{label} {{id: row.id}})" + _set_clause("n", chunk, declared),
                    {"rows": chunk})
        rel_groups = _group(batch.relationships, lambda r: (r.type, r.source_label, r.target_label))
        for (rel_type, source_label, target_label), records in rel_groups.items():
            merged = _merge_by_key(records, lambda r: (r.source, r.target), merge_fact)
            maybe_stored = [key for key in merged if key[0] not in created and key[1] not in created]
            existing = self._existing_relationships(run, rel_type, source_label, target_label, maybe_stored)
            properties = self.schema.relationship(rel_type).properties
            declared = list(properties)
            new_rows, changed_rows = [], []
            for (source, target), props in merged.items():
                stored = existing.get((source, target))
                full = merge_fact(stored, props)
                row = {"source": source, "target": target,
                       **{p: _column_value(properties[p].type, full.get(p)) for p in declared}}
                if stored is None:
                    summary.relationships_created += 1
                    new_rows.append(row)
                    if rel_type != NOT_COUNTED:
                        grown[source_label].add(source)
                        grown[target_label].add(target)
                elif full != stored:
                    summary.relationships_updated += 1
                    changed_rows.append(row)
            if len(new_rows) >= self.insert_min_rows:
                for chunk in _chunks(new_rows, self.bulk_rows):
                    self._insert_relationships(run, rel_type, source_label, target_label, chunk)
            elif new_rows:
                self._create_relationships(run, rel_type, source_label, target_label, new_rows)
            if len(changed_rows) <= self.few_ids:  # one statement each, as for the reads
                for row in changed_rows:
                    sets = ", ".join(f"r.{p} = ${p}" for p in declared if row[p] is not None)
                    run(_fact_match(source_label, rel_type, target_label, "$source", "$target") + f" SET {sets}",
                        row)
            else:
                for chunk in _chunks(changed_rows):
                    run("UNWIND $rows AS row " + _fact_match(source_label, rel_type, target_label, "row.source",
                                                             "row.target") + _set_clause("r", chunk, declared),
                        {"rows": chunk})
        self._recount_degrees(run, grown)
        return summary

    def _create_nodes(self, run: Run, label: str, rows: list[dict[str, Any]]) -> None:
        """Add nodes known to be absent; a row holds the id and any declared properties. MERGE, as
        another writer may have added one meanwhile."""
        properties = self.schema.node(label).properties
        declared = [p for p in properties if p != "id"]
        rows = [{"id": row["id"], **{p: _column_value(properties[p].type, row.get(p)) for p in declared}}
                for row in rows]
        run(f"UNWIND $rows AS row MERGE (n:{label} {{id: row.id}})" + _set_clause("n", rows, declared),
            {"rows": rows})

    def _create_relationships(self, run: Run, rel_type: str, source_label: str, target_label: str,
                              rows: list[dict[str, Any]]) -> None:
        """Add relationships known to be absent; a row holds source, target and any declared properties."""
        properties = self.schema.relationship(rel_type).properties
        rows = [{"source": row["source"], "target": row["target"],
                 **{p: _column_value(t.type, row.get(p)) for p, t in properties.items()}} for row in rows]
        # One MATCH per endpoint: LadybugDB plans `MATCH (a {id: ..}), (b {id: ..})` as a cross product.
        run(f"UNWIND $rows AS row MATCH (a:{source_label} {{id: row.source}}) "
            f"MATCH (b:{target_label} {{id: row.target}}) MERGE (a)-[r:{rel_type}]->(b)"
            + _set_clause("r", rows, list(properties)), {"rows": rows})

    def _insert_nodes(self, run: Run, label: str, rows: list[dict[str, Any]]) -> None:
        """Add many nodes known to be absent, the database's fastest way (default: as ``_create_nodes``)."""
        self._create_nodes(run, label, rows)

    def _insert_relationships(self, run: Run, rel_type: str, source_label: str, target_label: str,
                              rows: list[dict[str, Any]]) -> None:
        """Add many relationships known to be absent, the database's fastest way."""
        self._create_relationships(run, rel_type, source_label, target_label, rows)

    def _existing_nodes(self, run: Run, label: str, ids: list[str]) -> dict[str, dict[str, Any]]:
        declared = list(self.schema.node(label).properties)
        found = {}
        for chunk in _chunks(ids):
            # UNWIND + a key lookup uses the primary-key index on LadybugDB; `n.id IN $ids` scans the table.
            rows = run(
                f"UNWIND $ids AS id MATCH (n:{label} {{id: id}}) RETURN " + ", ".join(f"n.{p}" for p in declared),
                {"ids": chunk},
            )
            for row in rows:
                props = dict(zip(declared, row, strict=True))
                found[props.pop("id")] = props
        return found

    def _existing_relationships(self, run: Run, rel_type: str, source_label: str, target_label: str,
                                keys: list[tuple[str, str]]) -> dict[tuple[str, str], dict[str, Any]]:
        declared = list(self.schema.relationship(rel_type).properties)
        returned = " RETURN a.id, b.id, " + ", ".join(f"r.{p}" for p in declared)
        if len(keys) <= self.few_ids:  # a key lookup each
            one = _fact_match(source_label, rel_type, target_label, "$source", "$target") + returned
            rows = [row for source, target in keys for row in run(one, {"source": source, "target": target})]
        else:
            many = "UNWIND $keys AS k " + _fact_match(source_label, rel_type, target_label, "k.source", "k.target")
            rows = [row for chunk in _chunks([{"source": s, "target": t} for s, t in keys])
                    for row in run(many + returned, {"keys": chunk})]
        return {(source, target): dict(zip(declared, values, strict=True)) for source, target, *values in rows}

    def delete_article(self, article_id: str) -> dict[str, int]:
        """Remove an article, the facts only it supports, and nodes left with no relationship.

        Facts that other articles also state lose this article's provenance and stay.
        """
        self._check_writable()

        def work(run: Run) -> dict[str, int]:
            if not run("MATCH (a:Article {id: $id}) RETURN a.id", {"id": article_id}):
                raise StoreError(f"no article with id {article_id!r} in {self.describe()}")
            counts = {"relationships_deleted": 0, "relationships_kept": 0, "nodes_deleted": 0}
            touched: set[tuple[str, str]] = set()
            for rel_type, rel in self.schema.relationships.items():
                declared = list(rel.properties)
                for source_label, target_label in rel.pairs():
                    rows = run(
                        f"MATCH (a:{source_label})-[r:{rel_type}]->(b:{target_label}) WHERE $id IN r.articles "
                        f"RETURN a.id, b.id, " + ", ".join(f"r.{p}" for p in declared),
                        {"id": article_id},
                    )
                    doomed, kept = [], []
                    for source, target, *values in rows:
                        touched.update({(source_label, source), (target_label, target)})
                        remaining = drop_article(dict(zip(declared, values, strict=True)), article_id)
                        if remaining is None:
                            doomed.append({"source": source, "target": target})
                        else:
                            kept.append({"source": source, "target": target, **remaining})
                    pattern = (f"UNWIND $rows AS row MATCH (a:{source_label} {{id: row.source}})-[r:{rel_type}]->"
                               f"(b:{target_label} {{id: row.target}}) ")
                    for chunk in _chunks(doomed):
                        run(pattern + "DELETE r", {"rows": chunk})
                    sets = ", ".join(f"r.{p} = row.{p}" for p in ("articles", "spans", "evidence"))
                    for chunk in _chunks(kept):
                        run(pattern + f"SET {sets}", {"rows": [{k: row[k] for k in
                                                                 ("source", "target", "articles", "spans",
                                                                  "evidence")} for row in chunk]})
                    counts["relationships_deleted"] += len(doomed)
                    counts["relationships_kept"] += len(kept)
            touched.add(("Article", article_id))
            for label, ids in _group(touched, lambda t: t[0]).items():
                for chunk in _chunks([node_id for _, node_id in ids]):
                    rows = run(
                        f"UNWIND $ids AS id MATCH (n:{label} {{id: id}}) "
                        "WHERE NOT EXISTS { MATCH (n)--() } RETURN n.id",
                        {"ids": chunk},
                    )
                    orphans = [row[0] for row in rows]
                    if orphans:
                        run(f"UNWIND $ids AS id MATCH (n:{label} {{id: id}}) DETACH DELETE n", {"ids": orphans})
                    counts["nodes_deleted"] += len(orphans)
            self._recount_degrees(run, {label: {node_id for _, node_id in ids}
                                        for label, ids in _group(touched, lambda t: t[0]).items()})
            return counts

        return self._in_transaction(work, write=True)

    def merge_nodes(self, keep: str, drop: str, remember: bool = True) -> dict[str, int]:
        """Merge node ``drop`` into ``keep`` (same label): its relationships move over with their
        provenance, its aliases join, and ``keep`` records ``drop``'s id so later loads use ``keep``
        (unless ``remember`` is false: then later loads judge ``drop``'s id afresh)."""
        self._check_writable()
        label = self.label_of(keep)
        if label is None or self.label_of(drop) != label:
            raise StoreError(f"{keep} and {drop} must both exist and have the same label to be merged")

        return self._in_transaction(partial(self.merge_nodes_in, keep=keep, drop=drop, label=label, remember=remember),
                                    write=True)

    def merge_nodes_in(self, run: Run, keep: str, drop: str, label: str, remember: bool = True) -> dict[str, int]:
        """``merge_nodes`` inside the caller's transaction ``run`` (curation logs the merge in the same one)."""
        moved = 0
        neighbours: dict[str, set[str]] = defaultdict(set, {label: {keep}})  # whose degree the merge changes
        for rel_type, rel in self.schema.relationships.items():
            declared = list(rel.properties)
            returned = ", ".join(f"r.{p}" for p in declared)
            for source_label, target_label in rel.pairs():
                for side in ("a", "b"):
                    if (source_label if side == "a" else target_label) != label:
                        continue
                    rows = run(f"MATCH (a:{source_label})-[r:{rel_type}]->(b:{target_label}) "
                               f"WHERE {side}.id = $drop RETURN a.id, b.id, {returned}", {"drop": drop})
                    records = []
                    for source, target, *values in rows:
                        props = dict(zip(declared, values, strict=True))
                        neighbours[source_label].add(source)
                        neighbours[target_label].add(target)
                        source, target = (keep if source == drop else source), (keep if target == drop else target)
                        if source != target:
                            records.append(RelationshipRecord(rel_type, source_label, source, target_label, target,
                                                              props))
                    run(f"MATCH (a:{source_label})-[r:{rel_type}]->(b:{target_label}) WHERE {side}.id = $drop "
                        "DELETE r", {"drop": drop})
                    if records:
                        self._write(run, GraphBatch("merge", [], records))
                    moved += len(records)
        stored = self._existing_nodes(run, label, [keep, drop])
        kept, dropped = stored[keep], stored[drop]
        aliases = list(dict.fromkeys([*(kept.get("aliases") or []), *(dropped.get("aliases") or []),
                                      dropped["name"]]))
        merged_ids = list(dict.fromkeys([*(kept.get("merged_ids") or []), *(dropped.get("merged_ids") or []),
                                         *([drop] if remember else [])]))
        run(f"MATCH (n:{label} {{id: $id}}) SET n.aliases = $aliases, n.merged_ids = $merged",
            {"id": keep, "aliases": aliases, "merged": merged_ids})
        run(f"MATCH (n:{label} {{id: $id}}) DETACH DELETE n", {"id": drop})
        self._recount_degrees(run, neighbours)
        return {"relationships_moved": moved}

    def merged_ids(self) -> dict[str, str]:
        """Every id merged away, mapped to the node that took it over."""
        mapping = {}
        for label in self.schema.nodes:
            for node_id, merged in self._read(f"MATCH (n:{label}) WHERE size(n.merged_ids) > 0 "
                                              "RETURN n.id, n.merged_ids"):
                mapping.update(dict.fromkeys(merged, node_id))
        return mapping

    def clear(self) -> None:
        """Delete every node and relationship (the schema stays)."""
        self._check_writable()
        self._in_transaction(lambda run: run("MATCH (n) DETACH DELETE n", {}), write=True)

    def _check_writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.describe()} was opened read-only")
        self.writes += 1  # every write path starts here

    # --- degrees -------------------------------------------------------------------
    def refresh_degrees(self) -> None:
        """Count every actor's ``degree`` afresh: after a bulk load, a Cypher write (``query(write=True)``, whose
        changes the store cannot follow; the actor graph calls this first) or writes by other clients of a
        server. One statement per actor label."""
        self._check_writable()
        self._in_transaction(lambda run: [run(f"MATCH (n:{label})" + self.set_degree, {})
                                          for label in self._degree_labels()], write=True)
        self._degrees_stale = False

    def fill_missing_degrees(self) -> None:
        """``refresh_degrees`` when some actor has no degree yet: a store written before polgraph kept them."""
        if any(self._read(f"MATCH (n:{label}) WHERE n.{DEGREE} IS NULL RETURN n.id LIMIT 1")
               for label in self._degree_labels()):
            self.refresh_degrees()

    def _recount_degrees(self, run: Run, nodes: dict[str, set[str]]) -> None:
        """Set the degree of the nodes ``{label: ids}`` whose relationships a write changed; ids of other
        labels, or of nodes deleted since, are passed over."""
        for label in self._degree_labels():
            for chunk in _chunks(sorted(nodes.get(label, ()))):
                run(f"UNWIND $ids AS id MATCH (n:{label} {{id: id}})" + self.set_degree, {"ids": chunk})

    def _recount_degrees_of(self, run: Run, ids: set[str]) -> None:
        """``_recount_degrees`` for ids whose labels are not at hand (a few: one statement per actor label)."""
        self._recount_degrees(run, dict.fromkeys(self._degree_labels(), ids))

    def _actors_near(self, run: Run, ids: set[str]) -> set[str]:
        """``ids`` and the ids of every node one relationship away from an actor among them."""
        near = set(ids)
        for label in self._degree_labels():
            near.update(row[0] for row in run(f"UNWIND $ids AS id MATCH (n:{label} {{id: id}})--(m) "
                                              "RETURN DISTINCT m.id", {"ids": sorted(ids)}))
        return near

    def _degree_labels(self) -> list[str]:
        return [label for label, node in self.schema.nodes.items() if node.keeps_degree]

    # --- reads the product ships ----------------------------------------------------
    def stats(self) -> dict[str, dict[str, int]]:
        """Node count per label and relationship count per type."""

        def work(run: Run) -> dict[str, dict[str, int]]:
            nodes = {label: int(run(f"MATCH (n:{label}) RETURN count(n)", {})[0][0]) for label in self.schema.nodes}
            rels = {
                rel_type: int(run(f"MATCH ()-[r:{rel_type}]->() RETURN count(r)", {})[0][0])
                for rel_type in self.schema.relationships
            }
            return {"nodes": nodes, "relationships": rels}

        return self._in_transaction(work, write=False)

    def label_of(self, node_id: str) -> str | None:
        """The label of a node id (ids start with their label), or None if there is no such node."""
        prefix = node_id.split(":", 1)[0]
        candidates = [label for label in self.schema.nodes if label.lower() == prefix] or list(self.schema.nodes)
        for label in candidates:
            if self._read(f"MATCH (n:{label} {{id: $id}}) RETURN n.id", {"id": node_id}):
                return label
        return None

    def neighbourhood(self, node_id: str, hops: int = 1, *, max_nodes: int = 1500,
                      types: Iterable[str] | None = None) -> Subgraph:
        """The ego network of a node: every node within ``hops`` steps, and the relationships among them.

        A bounded breadth-first search: one query per hop and direction on LadybugDB, one statement for
        the whole walk on Neo4j (``_walk``). At most ``max_nodes`` nodes (``truncated`` when more were
        in reach).
        """
        if not 1 <= hops <= 3:
            raise QueryError("hops must be 1, 2 or 3")
        label = self.label_of(node_id)
        if label is None:
            raise StoreError(f"no node with id {node_id!r} in {self.describe()}")
        wanted = set(types) if types else None
        for rel_type in wanted or ():
            self.schema.relationship(rel_type)
        start = self._read(f"MATCH (n:{label} {{id: $id}}) RETURN n", {"id": node_id})[0][0]
        walk = EgoWalk(start, max_nodes)
        self._walk(walk, label, hops, wanted)
        return walk.subgraph()

    def _walk(self, walk: EgoWalk, label: str, hops: int, types: set[str] | None) -> None:
        """Walk ``hops`` steps out from ``walk``'s start (a ``label``), over relationships of ``types`` (None:
        all): a bounded breadth-first search, one query per hop, direction and label of the frontier."""
        frontier = {walk.start: label}
        for _ in range(hops):
            found: dict[str, str] = {}
            for frontier_label, members in _group(frontier.items(), lambda item: item[1]).items():
                for outgoing in (True, False):
                    if walk.full:  # a hub's other neighbours would not be shown anyway
                        walk.truncated = True
                        break
                    # `a` is the frontier node, `b` its neighbour; only the neighbour comes back whole.
                    pattern = f"(a:{frontier_label}{{}})-[r]->(b)" if outgoing else f"(b)-[r]->(a:{frontier_label}{{}})"
                    rows, cut = self._neighbours(pattern, [node for node, _ in members], walk.room + 1)
                    walk.truncated = walk.truncated or cut
                    for a_id, r, b in rows:
                        if (not types or r.type in types) and walk.add(a_id, r, b, outgoing):
                            found[b.id] = b.label
            frontier = found
            if not frontier or walk.full:
                break

    def shortest_path(self, source: str, target: str, max_hops: int = 6) -> list[dict[str, Any]]:
        """The steps of a shortest path between two actors, over the facts among actors (not mentions,
        articles or statements), relationships followed in either direction, found on the actor graph.

        Each step is ``{"from": name, "relation": type, "direction": "->" or "<-", "to": name}``.
        """
        actors = self.actor_graph()
        for node_id in (source, target):
            if node_id not in actors and self.label_of(node_id) is None:
                raise StoreError(f"no node with id {node_id!r} in {self.describe()}")
        steps = actors.shortest_path(source, target, max_hops) if source in actors and target in actors else None
        if not steps:
            raise StoreError(f"no path between {source} and {target} within {max_hops} steps")
        return steps

    def actor_neighbourhood(self, node_id: str, hops: int = 1, *, max_nodes: int = 1500, max_edges: int = 4500,
                            types: Iterable[str] | None = None) -> LeanSubgraph:
        """The ego network the viewer draws, lean: the actors within ``hops`` facts of ``node_id`` and the
        facts walked, as ids, names, labels, types, tier and weight (``ActorGraph.neighbourhood``); a
        node's or a fact's properties are read when it is opened (``fact``, ``Store.query``)."""
        if not 1 <= hops <= 3:
            raise QueryError("hops must be 1, 2 or 3")
        for rel_type in types or ():
            self.schema.relationship(rel_type)
        actors = self.actor_graph()
        if node_id in actors:
            return actors.neighbourhood(node_id, hops, max_nodes=max_nodes, max_edges=max_edges, types=types)
        label = self.label_of(node_id)
        if label is None:
            raise StoreError(f"no node with id {node_id!r} in {self.describe()}")
        raise StoreError(f"{node_id} is a {label}, not an actor: the actor network has no {label} nodes")

    def top_actors(self, limit: int = 15) -> list[dict[str, Any]]:
        """The people, parties and organisations with the most relationships (MENTIONED_IN left out),
        as the viewer's TOP_ACTORS query ranks them, read from the degrees the actor graph keeps."""
        return self.actor_graph().top_actors(limit)

    def fact(self, rel_type: str, source: str, target: str) -> dict[str, Any] | None:
        """One fact's properties (evidence, spans, articles, dates ...), read when it is opened; None if absent."""
        rel = self.schema.relationship(rel_type)
        labels = [self.label_of(source), self.label_of(target)]
        if labels[0] not in rel.sources or labels[1] not in rel.targets:
            return None
        found = self._in_transaction(lambda run: self._existing_relationships(run, rel_type, labels[0], labels[1],
                                                                              [(source, target)]), write=False)
        return found.get((source, target))

    def actor_graph(self) -> ActorGraph:
        """The actor graph of what the store holds now, read once per store version: again after a write
        through this handle, or when another client changed the store (``_changed_elsewhere``)."""
        if self._degrees_stale:
            self.refresh_degrees()
        version = (self.writes, self._changed_elsewhere())
        if self._actors is None or self._actors[0] != version:
            self._actors = (version, ActorGraph.read(self._read, self.schema, NOT_ACTORS))
        return self._actors[1]

    def _changed_elsewhere(self) -> tuple[Any, ...]:
        """What changes when another client writes to the store. Nothing here: LadybugDB lets no other
        process write while this one has the database open (a server store says otherwise)."""
        return ()

    @abstractmethod
    def _shortest_path_query(self, source_label: str, target_label: str, types: str, max_hops: int) -> str:
        """Cypher returning one row ``[nodes, relationships]`` of a shortest path from $source to $target:
        the database's own search, which bench/queries.py times beside ``shortest_path``."""

    def _neighbours(self, pattern: str, ids: list[str], limit: int) -> tuple[list[list[Any]], bool]:
        """Rows (frontier id, relationship, neighbour) for ``pattern``, which has ``{}`` where the id test
        goes, and whether a query stopped at ``limit`` rows (a hub: more neighbours than can be kept)."""
        if len(ids) <= self.few_ids:  # a key lookup each
            results = [self._read(f"MATCH {pattern.format('{id: $id}')} RETURN a.id, r, b LIMIT $limit",
                                  {"id": node_id, "limit": limit}) for node_id in ids]
        else:
            results = [self._read(f"MATCH {pattern.format('')} WHERE a.id IN $ids RETURN a.id, r, b LIMIT $limit",
                                  {"ids": sorted(ids), "limit": limit})]
        return [row for rows in results for row in rows], any(len(rows) >= limit for rows in results)

    def articles(self) -> list[dict[str, Any]]:
        """The loaded articles, newest first."""
        rows = self._read(
            "MATCH (a:Article) RETURN a.id, a.title, a.published, a.path, a.sha256 "
            "ORDER BY a.published DESC, a.id"
        )
        return [dict(zip(("id", "title", "published", "path", "sha256"), row, strict=True)) for row in rows]

    def has_article(self, sha256: str) -> bool:
        return bool(self._read("MATCH (a:Article) WHERE a.sha256 = $s RETURN a.id", {"s": sha256}))


def _group(items: Iterable[Any], key: Callable[[Any], Any]) -> dict[Any, list[Any]]:
    groups: dict[Any, list[Any]] = defaultdict(list)
    for item in items:
        groups[key(item)].append(item)
    return groups


def _merge_by_key(records: list[NodeRecord] | list[RelationshipRecord], key: Callable[[Any], Any],
                  merge: Callable[[dict[str, Any] | None, dict[str, Any]], dict[str, Any]]) -> dict[Any, dict]:
    # A key must appear once per UNWIND batch (LadybugDB loses writes otherwise), so fold repeats here.
    merged: dict[Any, dict[str, Any]] = {}
    for record in records:
        merged[key(record)] = merge(merged.get(key(record)), record.properties)
    return merged


def _fact_match(source_label: str, rel_type: str, target_label: str, source: str, target: str) -> str:
    """MATCH one stored fact by its endpoints' ids (expressions), found through the source's index."""
    return (f"MATCH (a:{source_label} {{id: {source}}}) "
            f"MATCH (a)-[r:{rel_type}]->(b:{target_label} {{id: {target}}})")


def _column_value(prop_type: str, value: Any) -> Any:
    # LadybugDB types a batch column from its values: lists must be lists, floats floats.
    if prop_type == "string[]":
        return list(value or [])
    if prop_type == "float" and value is not None:
        return float(value)
    return value


def _set_clause(var: str, rows: list[dict[str, Any]], declared: list[str]) -> str:
    """SET for the columns with a value in some row (a column of nulls has no type on LadybugDB)."""
    present = [p for p in declared if any(row[p] is not None for row in rows)]
    return (" SET " + ", ".join(f"{var}.{p} = row.{p}" for p in present)) if present else ""


def _chunks(rows: Iterable[Any], size: int | None = BATCH_SIZE) -> Iterator[list[Any]]:
    """``rows`` in lists of ``size`` (None: all in one)."""
    if size is None:
        yield list(rows)
        return
    chunk: list[Any] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


# Statements that read or write files or reach outside, refused in read mode on both stores
# (LadybugDB's read-only mode still runs COPY ... TO), plus transaction control, which could end
# the read-only transaction a query runs in.
_UNSAFE = re.compile(
    r"\b(COPY|EXPORT|IMPORT|ATTACH|INSTALL|LOAD|BEGIN|COMMIT|ROLLBACK|CHECKPOINT|USE)\b", re.IGNORECASE
)
_LITERALS_AND_COMMENTS = re.compile(
    r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`|//[^\n]*|/\*.*?\*/", re.DOTALL
)


def refuse_unsafe_read(cypher: str) -> None:
    """Refuse, in read mode, file access, transaction control and several statements at once.

    >>> refuse_unsafe_read("MATCH (n) WHERE n.name = 'copy' RETURN n")
    >>> refuse_unsafe_read("COPY (MATCH (n) RETURN n) TO '/tmp/x.csv'")
    Traceback (most recent call last):
    ...
    polgraph.graph.store.QueryError: COPY is not allowed in a read-only query
    """
    code = _LITERALS_AND_COMMENTS.sub(" ", cypher)
    match = _UNSAFE.search(code)
    if match:
        raise QueryError(f"{match.group(1).upper()} is not allowed in a read-only query")
    if ";" in code.strip().rstrip(";"):
        raise QueryError("one statement at a time in a read-only query")


def shorten_query(cypher: str, limit: int = 120) -> str:
    """A query on one short line, for error messages."""
    flat = " ".join(cypher.split())
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."
