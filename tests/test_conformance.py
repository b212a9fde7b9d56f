"""Both stores give the same answers to every query polgraph ships, on the real sample article."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from polgraph.graph.examples import ALL_FACTS, EXAMPLES
from polgraph.graph.store import Store
from polgraph.graph.values import jsonable
from polgraph.loaders.to_graph import to_graph

README = Path(__file__).resolve().parents[1] / "README.md"


def normalise(cypher: str) -> str:
    return " ".join(cypher.split())


def readme_queries() -> set[str]:
    blocks = re.findall(r"```cypher\n(.*?)```", README.read_text(encoding="utf-8"), re.DOTALL)
    queries = set()
    for block in blocks:
        for chunk in block.split("\n\n"):
            code = [line for line in chunk.splitlines() if line.strip() and not line.strip().startswith("//")]
            if code:
                queries.add(normalise(" ".join(code)))
    return queries


def test_readme_shows_exactly_the_shipped_examples() -> None:
    assert readme_queries() == {normalise(e.cypher) for e in EXAMPLES}


def load_seed(store: Store, seed_extraction) -> None:
    batch, warnings = to_graph(seed_extraction, store.schema)
    assert not warnings, warnings
    store.write_batch(batch)


def canonical(rows: list[list]) -> list[str]:
    """Rows in an order-free, store-free form (lists inside a cell keep their order)."""
    return sorted(json.dumps(jsonable(row), sort_keys=True, ensure_ascii=False) for row in rows)


def test_seed_gives_le_pen_leading_the_front_national_and_reloads_unchanged(store: Store, seed_extraction) -> None:
    load_seed(store, seed_extraction)
    rows = store.query(EXAMPLES[0].cypher).rows
    assert ["Marine Le Pen", "Front National"] in rows
    before = store.stats()
    load_seed(store, seed_extraction)
    assert store.stats() == before


def test_shipped_queries_agree_on_both_stores(both_stores, seed_extraction) -> None:
    embedded, server = both_stores
    for store in both_stores:
        load_seed(store, seed_extraction)
    assert embedded.stats() == server.stats()
    for example in [*EXAMPLES, ALL_FACTS]:
        got = [canonical(s.query(example.cypher, example.params).rows) for s in both_stores]
        assert got[0] == got[1], example.title
        assert got[0], f"{example.title} found nothing on the sample"
    for hops, types in ((1, None), (2, None), (3, None), (2, ["LEADS", "MEMBER_OF", "WON"])):
        ego = [s.neighbourhood("person:marine-le-pen", hops=hops, types=types) for s in both_stores]
        assert {n.id for n in ego[0].nodes} == {n.id for n in ego[1].nodes}, (hops, types)
        assert ({(r.type, r.source, r.target, json.dumps(jsonable(r.properties), sort_keys=True))
                 for r in ego[0].relationships}
                == {(r.type, r.source, r.target, json.dumps(jsonable(r.properties), sort_keys=True))
                    for r in ego[1].relationships}), (hops, types)
    assert embedded.articles() == server.articles()
    for hops in (1, 2):
        lean = [s.actor_neighbourhood("person:marine-le-pen", hops) for s in both_stores]
        assert sorted(lean[0].nodes) == sorted(lean[1].nodes) and sorted(lean[0].edges) == sorted(lean[1].edges)
    assert embedded.top_actors(10) == server.top_actors(10)


@pytest.mark.neo4j
def test_neo4j_constraints_come_from_the_schema(both_stores) -> None:
    _, server = both_stores
    names = {row[0] for row in server.query("SHOW CONSTRAINTS YIELD name RETURN name").rows}
    assert {f"{label.lower()}_id" for label in server.schema.nodes} <= names
