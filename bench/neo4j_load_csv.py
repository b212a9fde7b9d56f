"""Neo4j's own bulk path, as the practical limit for the Neo4j store: LOAD CSV into an empty database.

    make bench-neo4j                      # runs this step with the others, at every size
    NEO4J_URI=bolt://127.0.0.1:7699 POLGRAPH_BENCH_NEO4J=1 .venv/bin/python bench/load.py --store neo4j --step load_csv

The synthetic corpus is folded in memory exactly as ``Store.bulk_load`` folds it (``Store.fold``),
written as one CSV file per node label and per relationship table, then read by the server with
``LOAD CSV ... CALL (row) { CREATE ... } IN TRANSACTIONS``: no MERGE, as the database is empty,
and relationships find their endpoints through the uniqueness constraints ``Store.init`` made; then
every actor's degree is counted, as ``bulk_load`` counts it.
The server reads the files by absolute ``file:///`` URL, so it must share this machine's file
system, as the server ``make bench-neo4j`` starts does. ``neo4j-admin database import`` is faster
still, but it is not in the Maven Central jar set the local server runs from.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path
from typing import Any

import neo4j

from polgraph.graph.folding import CorpusFold
from polgraph.graph.neo4j_store import credentials_from_environment
from polgraph.graph.schema import Property
from polgraph.graph.store import Store

ROWS_PER_TRANSACTION = 10_000
LIST_SEPARATOR = "\x1f"  # ASCII unit separator: never in names, spans or evidence sentences


def load_csv(store: Store, corpus: CorpusFold, folder: Path) -> dict[str, float]:
    """Write ``corpus`` to CSV files in ``folder`` and LOAD CSV them into the empty Neo4j behind ``store``.

    Returns the seconds spent folding the facts and writing the files, the seconds the server took to
    read them, and how many nodes and facts the files hold."""
    folder.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    statements = []
    nodes = facts = 0
    for label, rows in corpus.nodes.items():
        nodes += len(rows)
        properties = store.schema.node(label).properties
        path = write_csv(folder / f"node_{label}.csv", properties, rows.values())
        statements.append((path, f"CREATE (n:{label} {{{_converted(properties)}}})"))
    for rel_type, source_label, target_label in corpus.tables:
        rows = corpus.facts((rel_type, source_label, target_label))
        facts += len(rows)
        rel = store.schema.relationship(rel_type)
        path = write_csv(folder / f"rel_{rel_type}_{source_label}_{target_label}.csv", rel.columns, rows.values())
        statements.append((path, f"MATCH (a:{source_label} {{id: row.source}}) MATCH (b:{target_label} "
                                 f"{{id: row.target}}) CREATE (a)-[:{rel_type} {{{_converted(rel.properties)}}}]->(b)"))
    written = time.perf_counter()
    auth = credentials_from_environment()
    with neo4j.GraphDatabase.driver(os.environ["NEO4J_URI"], auth=auth) as driver, driver.session() as session:
        for path, create in statements:
            # CALL ... IN TRANSACTIONS needs an auto-commit transaction: session.run, not a managed one.
            session.run(f"LOAD CSV WITH HEADERS FROM $url AS row CALL (row) {{ {create} }} "
                        f"IN TRANSACTIONS OF {ROWS_PER_TRANSACTION} ROWS",
                        {"url": path.resolve().as_uri(), "separator": LIST_SEPARATOR}).consume()
    store.refresh_degrees()  # as bulk_load does: the store keeps each actor's degree
    return {"csv_seconds": written - started, "server_seconds": time.perf_counter() - written, "nodes": nodes,
            "facts": facts}


def write_csv(path: Path, columns: dict[str, Property], rows: Any) -> Path:
    """One header line, then one line per row; every value quoted, a missing one left empty (null)."""
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(",".join(columns) + "\n")
        for row in rows:
            out.write(",".join(_field(prop.type, row.get(name)) for name, prop in columns.items()) + "\n")
    return path


def _field(prop_type: str, value: Any) -> str:
    # LOAD CSV reads an empty unquoted field as null and "" as the empty string.
    if prop_type == "string[]":
        value = LIST_SEPARATOR.join(value or [])  # an absent list is stored as [], as bulk_load stores it
    elif value is None:
        return ""
    elif isinstance(value, bool):
        value = "true" if value else "false"
    elif isinstance(value, dt.date):
        value = value.isoformat()
    return '"' + str(value).replace('"', '""') + '"'


_CONVERSIONS = {
    "string": "row.{0}",
    "string[]": "CASE row.{0} WHEN '' THEN [] ELSE split(row.{0}, $separator) END",
    "int": "toInteger(row.{0})",
    "float": "toFloat(row.{0})",
    "bool": "toBoolean(row.{0})",
    "date": "date(row.{0})",
}


def _converted(properties: dict[str, Property]) -> str:
    """The property map of a CREATE, each CSV string turned back into its schema type (null stays unset)."""
    return ", ".join(f"{name}: {_CONVERSIONS[prop.type].format(name)}" for name, prop in properties.items())
