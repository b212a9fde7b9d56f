"""One plain form for what either store returns, so nothing above graph/ knows which answered.

Nodes become ``GraphNode``, relationships ``GraphRelationship``, dates ``datetime.date``,
Decimals ``int``/``float``. Results are ``QueryResult`` objects.

>>> result = QueryResult(columns=["n"], rows=[[1], [2]])
>>> result.records()
[{'n': 1}, {'n': 2}]
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any


@dataclass
class GraphNode:
    ref: str  # the store's internal id, only to tie relationships to nodes of one result
    label: str
    properties: dict[str, Any]

    @property
    def id(self) -> str | None:
        return self.properties.get("id")

    def __str__(self) -> str:
        return f"({self.id or self.ref}:{self.label})"


@dataclass
class GraphRelationship:
    ref: str
    type: str
    start_ref: str
    end_ref: str
    properties: dict[str, Any]
    source: str | None = None  # node ids, filled when the endpoints are in the same result
    target: str | None = None

    def __str__(self) -> str:
        return f"({self.source or '?'})-[:{self.type}]->({self.target or '?'})"


@dataclass
class QueryResult:
    columns: list[str]
    rows: list[list[Any]]
    truncated: bool = False  # True when the row cap cut the result
    notes: list[str] = field(default_factory=list)

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]

    def graph_items(self) -> tuple[list[GraphNode], list[GraphRelationship]]:
        """Every node and relationship in the result (also inside lists and paths), once each."""
        nodes: dict[str, GraphNode] = {}
        rels: dict[str, GraphRelationship] = {}

        def visit(value: Any) -> None:
            if isinstance(value, GraphNode):
                nodes.setdefault(value.ref, value)
            elif isinstance(value, GraphRelationship):
                rels.setdefault(value.ref, value)
            elif isinstance(value, list | tuple):
                for item in value:
                    visit(item)
            elif isinstance(value, dict):
                for item in value.values():
                    visit(item)

        for row in self.rows:
            visit(row)
        return list(nodes.values()), list(rels.values())


def link_endpoints(result: QueryResult) -> QueryResult:
    """Fill each relationship's source and target ids from the nodes of the same result."""
    nodes, rels = result.graph_items()
    ids = {node.ref: node.id for node in nodes}
    for rel in rels:
        rel.source = rel.source or ids.get(rel.start_ref)
        rel.target = rel.target or ids.get(rel.end_ref)
    return result


def plain_scalar(value: Any) -> Any:
    """Decimals (LadybugDB sums) and driver temporal types (Neo4j) to Python built-ins."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    to_native = getattr(value, "to_native", None)
    if to_native is not None:
        return to_native()
    return value


def display(value: Any) -> str:
    """A value as one table cell."""
    if value is None:
        return ""
    if isinstance(value, GraphNode):
        name = value.properties.get("name")
        return f"({value.label} {value.id}{' ' + repr(name) if name else ''})"
    if isinstance(value, list):
        return "[" + ", ".join(display(v) for v in value) + "]"
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return str(value)


def jsonable(value: Any) -> Any:
    """A value in a form ``json.dumps`` accepts, for ``--format json`` and exports."""
    if isinstance(value, GraphNode):
        return {"_node": value.label, **{k: jsonable(v) for k, v in value.properties.items()}}
    if isinstance(value, GraphRelationship):
        props = {k: jsonable(v) for k, v in value.properties.items()}
        return {"_relationship": value.type, "_source": value.source, "_target": value.target, **props}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value
