"""The embedded store: LadybugDB (``ladybug`` on PyPI), a Cypher database in one directory.

The data directory holds the database file ``graph.lbdb`` (and its write-ahead log while open).
LadybugDB needs its tables declared; they come from the schema. Read-only opens use the
database's own read-only mode, so a write is refused by the database, not by a keyword check.
"""

from __future__ import annotations

import ctypes
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ladybug
import pyarrow as pa

from .schema import Property
from .store import QueryError, Run, Store, StoreUnavailable, shorten_query
from .values import GraphNode, GraphRelationship, QueryResult, plain_scalar

DB_FILE = "graph.lbdb"
_COLUMN_TYPES = {
    "string": "STRING",
    "string[]": "STRING[]",
    "int": "INT64",
    "float": "DOUBLE",
    "bool": "BOOLEAN",
    "date": "DATE",
}
_ARROW_TYPES = {
    "string": pa.string(),
    "string[]": pa.list_(pa.string()),
    "int": pa.int64(),
    "float": pa.float64(),
    "bool": pa.bool_(),
    "date": pa.date32(),
}
_LOCK_RETRIES = 5  # opening can fail briefly while another process commits
STATEMENT_CACHE_SIZE = 200  # prepared statements kept per connection


def _buffer_pool_bytes() -> int:
    return int(os.environ.get("POLGRAPH_BUFFER_POOL_MB", "1024")) * 1024 * 1024


class LadybugStore(Store):
    kind = "embedded"
    # A bulk load COPYs each table in one go: a second COPY into a filled relationship table makes the
    # next checkpoint rewrite it (at 1M edges, 16 s of commits with 120,000 rows per COPY).
    bulk_rows = None
    insert_min_rows = 300  # each COPY claims fresh storage, which small ones waste: fewer rows go through MERGE
    # A commit that adds relationships checkpoints, rewriting the adjacency of the nodes they touch, and
    # that grows with the stored graph (at 1M edges, 1.5 s for the first group's commit, 21 s for the
    # last): fewer, bigger groups. write_batches of 1M edges: 1,230 edges/s with 20,000 facts a group
    # (stopped at 390,000 edges), 5,678 with 200,000 (peak 2.5 GiB), 7,364 with 400,000 (2.7 GiB),
    # 9,106 with 800,000 (3.3 GiB).
    facts_per_transaction = 800_000

    def __init__(self, path: str | os.PathLike[str], *, read_only: bool = False, create: bool = True) -> None:
        super().__init__()
        self.read_only = read_only
        self._column_order: dict[str, list[str]] = {}  # table -> its columns, as _in_table_order reads them
        self.location = str(path)
        if self.location == ":memory:":
            target = ":memory:"
        else:
            folder = Path(path)
            if folder.exists() and not folder.is_dir():
                raise StoreUnavailable(f"{folder} is not a directory (the embedded store is a directory)")
            target_file = folder / DB_FILE
            if not target_file.exists() and (read_only or not create):
                raise StoreUnavailable(f"no polgraph database in {folder} (run `polgraph init` or `polgraph load`)")
            if not read_only:
                try:
                    folder.mkdir(parents=True, exist_ok=True)
                except OSError as err:
                    raise StoreUnavailable(f"cannot create {folder}: {err.strerror}") from None
            target = str(target_file)
        self._target = target
        self._db = self._open()
        self._conn = ladybug.Connection(self._db)

    def _open(self) -> ladybug.Database:
        for attempt in range(_LOCK_RETRIES):
            try:
                return ladybug.Database(self._target, read_only=self.read_only, buffer_pool_size=_buffer_pool_bytes())
            except RuntimeError as err:
                message = str(err)
                if "lock" not in message.lower():
                    raise StoreUnavailable(f"cannot open {self.location}: {_first_line(message)}") from None
                if attempt == _LOCK_RETRIES - 1:
                    raise StoreUnavailable(
                        f"{self.location} is in use by another polgraph process (a load or the viewer); "
                        "wait for it, or open it read-only"
                    ) from None
                time.sleep(0.2 * 2**attempt)
        raise AssertionError("unreachable")

    def close(self) -> None:
        self._conn.close()
        self._db.close()

    # --- schema ----------------------------------------------------------------------
    def init(self) -> None:
        self._check_writable()
        self._column_order.clear()
        existing = {row[1]: row[2] for row in self._execute("CALL show_tables() RETURN *", {})}
        for label, node in self.schema.nodes.items():
            if label not in existing:
                columns = ", ".join(f"{p.name} {_COLUMN_TYPES[p.type]}" for p in node.properties.values())
                self._execute(f"CREATE NODE TABLE {label}({columns}, PRIMARY KEY({node.key}))", {})
            else:
                self._add_missing_columns(label, node.properties)
        for rel_type, rel in self.schema.relationships.items():
            if rel_type not in existing:
                pairs = ", ".join(f"FROM {s} TO {t}" for s, t in rel.pairs())
                columns = ", ".join(f"{p.name} {_COLUMN_TYPES[p.type]}" for p in rel.properties.values())
                self._execute(f"CREATE REL TABLE {rel_type}({pairs}, {columns})", {})
            else:
                self._add_missing_columns(rel_type, rel.properties)
        try:
            # Neo4j's type(r) under its name, so shipped queries read the same on both stores.
            self._execute("CREATE MACRO type(r) AS label(r)", {})
        except QueryError as err:
            if "already exists" not in str(err):
                raise

    def _add_missing_columns(self, table: str, properties: dict) -> None:
        have = {row[1] for row in self._execute(f"CALL table_info('{table}') RETURN *", {})}
        for prop in properties.values():
            if prop.name not in have:
                self._execute(f"ALTER TABLE {table} ADD {prop.name} {_COLUMN_TYPES[prop.type]}", {})

    def _shortest_path_query(self, source_label: str, target_label: str, types: str, max_hops: int) -> str:
        return (f"MATCH p = (a:{source_label} {{id: $source}})-[:{types}* SHORTEST 1..{max_hops}]-"
                f"(b:{target_label} {{id: $target}}) RETURN nodes(p), rels(p) LIMIT 1")

    # --- bulk inserts ------------------------------------------------------------------
    # LadybugDB lets one write transaction run at a time, so rows the write found absent are still
    # absent: COPY FROM an Arrow table adds them many times faster than UNWIND ... CREATE.
    def _insert_nodes(self, run: Run, label: str, rows: list[dict[str, Any]]) -> None:
        properties = self.schema.node(label).properties
        run(f"COPY {label} FROM $rows", {"rows": _arrow_table(rows, self._in_table_order(label, properties))})
        _return_freed_memory()

    def _insert_relationships(self, run: Run, rel_type: str, source_label: str, target_label: str,
                              rows: list[dict[str, Any]]) -> None:
        rel = self.schema.relationship(rel_type)
        columns = {name: rel.columns[name] for name in ("source", "target")}
        columns.update(self._in_table_order(rel_type, rel.properties))
        run(f"COPY {rel_type} FROM $rows (from='{source_label}', to='{target_label}')",
            {"rows": _arrow_table(rows, columns)})
        _return_freed_memory()

    def _in_table_order(self, table: str, properties: dict[str, Property]) -> dict[str, Property]:
        """``properties`` in the order of the table's columns, which COPY follows: a store made before a
        property was declared has it last (``init`` added it), wherever the schema declares it."""
        if table not in self._column_order:
            self._column_order[table] = [row[1] for row in self._execute(f"CALL table_info('{table}') RETURN *", {})]
        return {name: properties[name] for name in self._column_order[table]}

    def _settle(self) -> None:
        # After a large COPY the buffer pool stays nearly full (a checkpoint does not free it), and the
        # next write transactions fail for want of room: reopening the database gives it back.
        if self._target != ":memory:":
            self.close()
            self._db = self._open()
            self._conn = ladybug.Connection(self._db)

    def _trim_statement_cache(self, cypher: str) -> None:
        # ladybug caches every statement it prepares, with the parameters it was prepared with, for
        # the life of the connection: a COPY keeps its Arrow table (hundreds of MB in a bulk load), and
        # thousands of distinct statements (a long viewer session, a per-row load) fill the buffer pool.
        cache = self._conn._pybind_implicit_prepared_cache
        if cypher.startswith("COPY "):
            for key in [key for key in cache if key[0].startswith("COPY ")]:
                del cache[key]
        if len(cache) > STATEMENT_CACHE_SIZE:
            cache.clear()

    # --- running Cypher --------------------------------------------------------------
    def _execute(self, cypher: str, params: dict[str, Any], max_rows: int | None = None) -> list[list[Any]]:
        return self._execute_result(cypher, params, max_rows)[1]

    def _execute_result(self, cypher: str, params: dict[str, Any],
                        max_rows: int | None = None) -> tuple[list[str], list[list[Any]], bool]:
        try:
            result = self._conn.execute(cypher, params)
        except RuntimeError as err:
            raise QueryError(_query_error(cypher, err)) from None
        finally:
            self._trim_statement_cache(cypher)
        if isinstance(result, list):  # several statements: the last one answers
            result = result[-1]
        columns = result.get_column_names()
        rows: list[list[Any]] = []
        truncated = False
        while result.has_next():
            if max_rows is not None and len(rows) >= max_rows:
                truncated = True
                break
            rows.append([_plain(value) for value in result.get_next()])
        result.close()
        return columns, rows, truncated

    def _in_transaction(self, work: Callable[[Run], Any], write: bool) -> Any:
        if write:
            self._check_writable()
        self._conn.set_query_timeout(0)
        if self.read_only:  # a read-only database refuses BEGIN ... READ WRITE and needs no transaction
            return work(self._execute)
        self._execute("BEGIN TRANSACTION" if write else "BEGIN TRANSACTION READ ONLY", {})
        try:
            outcome = work(self._execute)
        except BaseException:
            self._rollback()
            raise
        if write:
            self._execute("COMMIT", {})
        else:
            self._rollback()
        return outcome

    def _rollback(self) -> None:
        # A failed statement already rolls LadybugDB's transaction back; then there is nothing to end.
        try:
            self._conn.execute("ROLLBACK")
        except RuntimeError as err:
            if "No active transaction" not in str(err):
                raise

    def _run_query(self, cypher: str, params: dict[str, Any], write: bool, timeout: float,
                   max_rows: int) -> QueryResult:
        # A parameter map makes LadybugDB prepare the query, which refuses several statements at once.
        params = params or {"_polgraph": None}
        self._conn.set_query_timeout(int(timeout * 1000))
        try:
            if write or self.read_only:
                columns, rows, truncated = self._execute_result(cypher, params, max_rows)
            else:
                # Opened for writing but asked to read: the database's read-only transaction refuses writes.
                self._execute("BEGIN TRANSACTION READ ONLY", {})
                try:
                    columns, rows, truncated = self._execute_result(cypher, params, max_rows)
                finally:
                    self._rollback()
        finally:
            self._conn.set_query_timeout(0)
        return QueryResult(columns=columns, rows=rows, truncated=truncated)


def _arrow_table(rows: list[dict[str, Any]], properties: dict[str, Property]) -> pa.Table:
    """Rows as an Arrow table with the table's columns in its declared order (COPY maps by position)."""
    columns = {}
    for name, prop in properties.items():
        values = [row.get(name) for row in rows]
        if prop.type == "string[]":  # as the Cypher path writes them: a missing list is an empty one
            values = [value or [] for value in values]
        columns[name] = pa.array(values, type=_ARROW_TYPES[prop.type])
    return pa.table(columns)


def _malloc_trim() -> Callable[[int], int] | None:
    try:
        return ctypes.CDLL(None).malloc_trim  # glibc only
    except (OSError, AttributeError):
        return None


_MALLOC_TRIM = _malloc_trim()


def _return_freed_memory() -> None:
    """Hand the pages a COPY freed back to the system: glibc keeps them, and the next COPY's working
    memory would then come on top (a 1M-edge bulk load peaked 70 MB higher without this)."""
    if _MALLOC_TRIM is not None:
        _MALLOC_TRIM(0)


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        if "_LABEL" in value and "_SRC" in value:
            # A label-less match returns every column of every relationship table: keep the set ones.
            props = {k: _plain(v) for k, v in value.items() if not k.startswith("_") and v is not None}
            return GraphRelationship(ref=_ref(value["_ID"]), type=value["_LABEL"], start_ref=_ref(value["_SRC"]),
                                     end_ref=_ref(value["_DST"]), properties=props)
        if "_LABEL" in value and "_ID" in value:
            props = {k: _plain(v) for k, v in value.items() if not k.startswith("_") and v is not None}
            return GraphNode(ref=_ref(value["_ID"]), label=value["_LABEL"], properties=props)
        if "_NODES" in value:
            return [_plain(n) for n in value["_NODES"]] + [_plain(r) for r in value["_RELS"]]
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return plain_scalar(value)


def _ref(internal_id: dict[str, int]) -> str:
    return f"{internal_id['table']}:{internal_id['offset']}"


def _first_line(message: str) -> str:
    return message.strip().splitlines()[0] if message.strip() else "unknown error"


def _query_error(cypher: str, err: RuntimeError) -> str:
    message = _first_line(str(err))
    if message == "Interrupted.":
        message = "timed out (interrupted)"
    elif "read-only" in message or "read only" in message:
        message = f"refused, the query is read-only unless --write is given ({message})"
    elif "buffer pool is full" in message:
        message += (f" (the buffer pool is {_buffer_pool_bytes() // 2**20} MB: raise $POLGRAPH_BUFFER_POOL_MB,"
                    " or write_batches in smaller groups with facts_per_transaction)")
    return f"{message} in query: {shorten_query(cypher)}"




