"""Example queries polgraph ships (README, `polgraph demo`, the viewer's console).

Each runs unchanged on LadybugDB and Neo4j; the conformance suite proves it on both stores.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Example:
    title: str
    cypher: str
    params: dict[str, Any] = field(default_factory=dict)


EXAMPLES = [
    Example(
        "Who leads which party",
        "MATCH (p:Person)-[:LEADS]->(q:Party) RETURN p.name AS leader, q.name AS party",
    ),
    Example(
        "Which regions the Front National lost, with the evidence",
        "MATCH (:Party {id: 'party:front-national'})-[r:LOST]->(g:Region) "
        "RETURN g.name AS region, r.tier AS tier, r.evidence AS evidence",
    ),
    Example(
        "Everything Marine Le Pen said",
        "MATCH (:Person {id: 'person:marine-le-pen'})-[:SAID]->(s:Statement) "
        "RETURN s.text AS statement ORDER BY s.char_start",
    ),
    Example(
        "Who supports and who opposes whom, with the evidence",
        "MATCH (a)-[r:SUPPORTS|OPPOSES]->(b) WHERE coalesce(r.review, 'machine') <> 'rejected' "
        "RETURN a.name AS actor, type(r) AS stance, b.name AS other, r.evidence AS evidence ORDER BY stance, actor",
    ),
    Example(
        "The best-connected people, parties and organisations (the degree the store keeps on each actor)",
        "MATCH (n:Person|Party|Organization) WHERE n.degree > 0 "
        "RETURN n.name AS actor, n.degree AS relationships ORDER BY relationships DESC, actor LIMIT 10",
    ),
    Example(
        "Every fact about an actor, with the articles stating it",
        "MATCH (p:Person {name: $name})-[r]->(x) WHERE type(r) <> 'MENTIONED_IN' "
        "AND coalesce(r.review, 'machine') <> 'rejected' "
        "RETURN type(r) AS relation, x.name AS other, r.articles AS articles",
        {"name": "Marine Le Pen"},
    ),
]

ALL_FACTS = Example(
    "Every fact with its tier (a reviewer's rejected facts left out)",
    "MATCH (a)-[r]->(b) WHERE type(r) <> 'MENTIONED_IN' AND type(r) <> 'MENTIONS' "
    "AND coalesce(r.review, 'machine') <> 'rejected' "
    "RETURN a.name AS subject, type(r) AS relation, b.name AS object, r.tier AS tier "
    "ORDER BY relation, subject, object",
)
