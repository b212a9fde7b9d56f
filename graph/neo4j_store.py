"""The server store: Neo4j 5.x through the official ``neo4j`` driver (py2neo is end of life).

The user and password come from $NEO4J_USER and $NEO4J_PASSWORD, never from arguments that
end up in logs; a server with authentication off needs neither. Writes go through the driver's
managed transactions, which retry transient errors (a leader change, a deadlock) with backoff.
Reads the user types run in a READ session, so the server itself refuses writes.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from typing import Any

import neo4j
from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, ClientError, Neo4jError, ServiceUnavailable

from .actor_graph import NOT_COUNTED
from .schema import DEGREE
from .store import EgoWalk, QueryError, Run, Store, StoreUnavailable, shorten_query
from .values import GraphNode, GraphRelationship, QueryResult, plain_scalar

FRESH_SECONDS = 2.0  # how long the server's counts are trusted before the actor graph asks again
CONNECT_TIMEOUT = 10.0  # seconds to wait for a server before saying it is unreachable
# The driver logs each retry as a warning; polgraph reports the outcome in one line instead
# (`polgraph --debug` shows the driver's log).
logging.getLogger("neo4j").addHandler(logging.NullHandler())


class Neo4jStore(Store):
    kind = "neo4j"
    few_ids = 0  # Neo4j looks each row of an UNWIND up in the index: one statement for any number of keys
    # Neo4j counts a node's relationships, of all types or of one, from its stored degrees, without reading them.
    set_degree = f" SET n.{DEGREE} = COUNT {{ (n)--() }} - COUNT {{ (n)-[:{NOT_COUNTED}]-() }}"

    def __init__(self, uri: str, *, read_only: bool = False) -> None:
        super().__init__()
        self.read_only = read_only
        self.location = _without_credentials(uri)
        self._counted: tuple[float, tuple[Any, ...]] | None = None  # (when, the server's counts then)
        auth = credentials_from_environment()
        self._database = os.environ.get("NEO4J_DATABASE") or None
        try:
            self._driver = GraphDatabase.driver(
                uri, auth=auth, connection_timeout=CONNECT_TIMEOUT, max_transaction_retry_time=30.0,
                # Reading a property no node has yet is normal here (the schema declares it); no warnings.
                notifications_min_severity="OFF",
            )
            self._driver.verify_connectivity()
        except (ServiceUnavailable, OSError) as err:
            raise StoreUnavailable(f"cannot reach Neo4j at {self.location}: {_first_line(err)}") from None
        except AuthError:
            raise StoreUnavailable(
                f"Neo4j at {self.location} refused the credentials (set NEO4J_USER and NEO4J_PASSWORD)"
            ) from None
        except (ValueError, neo4j.exceptions.ConfigurationError) as err:
            raise StoreUnavailable(f"bad Neo4j URI {self.location}: {_first_line(err)}") from None

    def close(self) -> None:
        self._driver.close()

    def init(self) -> None:
        self._check_writable()
        statements = []
        for label, node in self.schema.nodes.items():
            statements.append(
                f"CREATE CONSTRAINT {label.lower()}_{node.key} IF NOT EXISTS "
                f"FOR (n:{label}) REQUIRE n.{node.key} IS UNIQUE"
            )
            statements += [
                f"CREATE INDEX {label.lower()}_{prop} IF NOT EXISTS FOR (n:{label}) ON (n.{prop})"
                for prop in node.indexes
            ]
        with self._session(neo4j.WRITE_ACCESS) as session:
            for statement in statements:  # schema commands cannot share a transaction
                self._guard(lambda s=statement: session.run(s).consume(), statement)

    def _settle(self) -> None:
        """Nothing to do: Neo4j's page cache writes out and evicts pages as it needs."""

    def _changed_elsewhere(self) -> tuple[Any, ...]:
        """The server's node and relationship counts (kept by Neo4j, so one cheap statement), asked at most
        every ``FRESH_SECONDS``: other clients may write to the same database at any time."""
        now = time.monotonic()
        if self._counted is None or now - self._counted[0] > FRESH_SECONDS:
            counts = self._read("CALL () { MATCH (n) RETURN count(n) AS nodes } "
                                "CALL () { MATCH ()-[r]->() RETURN count(r) AS rels } RETURN nodes, rels")[0]
            self._counted = (now, tuple(counts))
        return self._counted[1]

    def clear(self) -> None:
        """Delete everything, 10,000 relationships and then 10,000 nodes per transaction: one
        transaction for a big graph, or a DETACH DELETE of hubs, can exhaust the server's memory."""
        self._check_writable()
        for statement in ("MATCH ()-[r]->() WITH r LIMIT 10000 DELETE r RETURN count(*)",
                          "MATCH (n) WITH n LIMIT 10000 DELETE n RETURN count(*)"):
            while self._in_transaction(lambda run, s=statement: run(s, {})[0][0], write=True):
                pass

    def _walk(self, walk: EgoWalk, label: str, hops: int, types: set[str] | None) -> None:
        """The whole walk in one statement: each hop's frontier is collected inside it, its rows capped by
        ``LIMIT`` (a hub's other neighbours would not be kept), rather than a query per hop."""
        limit = walk.max_nodes + 1
        found = self._read(_walk_statement(label, hops, bool(types)),
                           {"id": walk.start, "limit": limit, "types": sorted(types or ())})
        for hop_rows in found[0][0]:
            walk.truncated = walk.truncated or len(hop_rows) >= limit
            for a_id, outgoing, r, b in hop_rows:
                walk.add(a_id, r, b, outgoing)
            if walk.full:  # the next hop would start from nodes that were not kept
                walk.truncated = True
                break

    def _shortest_path_query(self, source_label: str, target_label: str, types: str, max_hops: int) -> str:
        return (f"MATCH (a:{source_label} {{id: $source}}), (b:{target_label} {{id: $target}}) "
                f"MATCH p = shortestPath((a)-[:{types}*..{max_hops}]-(b)) RETURN nodes(p), relationships(p)")

    def _session(self, mode: str) -> neo4j.Session:
        return self._driver.session(database=self._database, default_access_mode=mode)

    def _guard(self, action: Callable[[], Any], cypher: str) -> Any:
        try:
            return action()
        except ServiceUnavailable as err:
            raise StoreUnavailable(f"lost Neo4j at {self.location}: {_first_line(err)}") from None
        except Neo4jError as err:
            raise QueryError(_query_error(cypher, err)) from None

    def _in_transaction(self, work: Callable[[Run], Any], write: bool) -> Any:
        if write:
            self._check_writable()

        def transaction_work(tx: neo4j.ManagedTransaction) -> Any:
            def run(cypher: str, params: dict[str, Any]) -> list[list[Any]]:
                return [[_plain(v) for v in record.values()] for record in tx.run(cypher, params)]

            return work(run)

        with self._session(neo4j.WRITE_ACCESS if write else neo4j.READ_ACCESS) as session:
            execute = session.execute_write if write else session.execute_read
            return self._guard(lambda: execute(transaction_work), "a polgraph transaction")

    def _run_query(self, cypher: str, params: dict[str, Any], write: bool, timeout: float,
                   max_rows: int) -> QueryResult:
        def fetch() -> QueryResult:
            mode = neo4j.WRITE_ACCESS if write else neo4j.READ_ACCESS
            with self._session(mode) as session, session.begin_transaction(timeout=timeout) as tx:
                result = tx.run(cypher, params)
                columns = list(result.keys())
                rows: list[list[Any]] = []
                truncated = False
                for record in result:
                    if len(rows) >= max_rows:
                        truncated = True
                        break
                    rows.append([_plain(v) for v in record.values()])
                if write:
                    tx.commit()
                return QueryResult(columns=columns, rows=rows, truncated=truncated)

        return self._guard(fetch, cypher)


def _walk_statement(label: str, hops: int, typed: bool) -> str:
    """Cypher returning one row, ``[hops]``: per hop, ``[frontier id, frontier is the source, relationship,
    neighbour]`` rows, at most $limit; the next frontier is the neighbours not seen before."""
    where = " WHERE type(r) IN $types" if typed else ""
    parts = [f"MATCH (s:{label} {{id: $id}}) WITH [s] AS frontier, [s] AS seen, [] AS hops"]
    for hop in range(hops):
        parts.append("CALL (frontier) { UNWIND frontier AS a MATCH (a)-[r]-(b)" + where +
                     " WITH a, r, b LIMIT $limit RETURN collect([a.id, startNode(r) = a, r, b]) AS rows }")
        if hop < hops - 1:
            parts.append("CALL (rows, seen) { UNWIND rows AS row WITH DISTINCT row[3] AS b WHERE NOT b IN seen "
                         "RETURN collect(b) AS found } "
                         "WITH found AS frontier, seen + found AS seen, hops + [rows] AS hops")
        else:
            parts.append("RETURN hops + [rows]")
    return " ".join(parts)


def credentials_from_environment() -> tuple[str, str] | None:
    """($NEO4J_USER, $NEO4J_PASSWORD), or None for a server with authentication off."""
    user = os.environ.get("NEO4J_USER")
    return (user, os.environ.get("NEO4J_PASSWORD", "")) if user else None


def _plain(value: Any) -> Any:
    if isinstance(value, neo4j.graph.Node):
        label = next(iter(sorted(value.labels)), "")
        return GraphNode(ref=value.element_id, label=label, properties={k: _plain(v) for k, v in value.items()})
    if isinstance(value, neo4j.graph.Relationship):
        return GraphRelationship(
            ref=value.element_id, type=value.type, start_ref=value.start_node.element_id,
            end_ref=value.end_node.element_id, properties={k: _plain(v) for k, v in value.items()},
        )
    if isinstance(value, neo4j.graph.Path):
        return [_plain(n) for n in value.nodes] + [_plain(r) for r in value.relationships]
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return plain_scalar(value)


def _without_credentials(uri: str) -> str:
    """bolt://user:secret@host:7687 -> bolt://host:7687, so a password never reaches a message."""
    scheme, sep, rest = uri.partition("://")
    return scheme + sep + rest.rsplit("@", 1)[-1] if sep else uri


def _first_line(err: BaseException) -> str:
    text = str(getattr(err, "message", None) or err).strip()
    return text.splitlines()[0] if text else type(err).__name__


def _query_error(cypher: str, err: Neo4jError) -> str:
    code = getattr(err, "code", "") or ""
    message = _first_line(err)
    if "TransactionTimedOut" in code or "terminated" in message.lower() and "timeout" in message.lower():
        message = "timed out"
    elif "AccessMode" in code or "read access mode" in message:
        message = f"refused, the query is read-only unless --write is given ({message})"
    elif isinstance(err, ClientError) and code:
        message = f"{message} [{code.rsplit('.', 1)[-1]}]"
    return f"{message} in query: {shorten_query(cypher)}"
