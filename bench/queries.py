"""Latency, p50 and p95, of the queries polgraph ships, on a loaded store (called by bench/load.py),
each beside the store's own bare traversal on the same start nodes, in the same run.

Actors are drawn at random (seeded) from the stored people, so most are minor actors; hub actors
(party leaders, named in many articles) are timed apart, as their ego networks are the largest.
The bare traversal is what the database itself does for the same walk with nothing around it (a
count of the nodes reached, the database's own shortest path returning its length, a scan counting
relationships per actor): the practical limit, and ``ratio_p95`` is the product query's p95 over it.
``export --ego`` returns whole nodes and relationships, provenance included, so its limit is the
database's own two-hop match returning them whole, as many as the export keeps (``BARE_WHOLE``); its
count of the nodes reached is timed beside it (``bare_count``).
"""

from __future__ import annotations

import random
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from common import latency_ms  # noqa: E402

from polgraph.app.viewer import queries as viewer  # noqa: E402
from polgraph.graph.examples import EXAMPLES  # noqa: E402
from polgraph.graph.store import NOT_ACTORS, Store, StoreError  # noqa: E402

BARE_REACHED = "MATCH (a:Person {{id: $id}})-[*1..{hops}]-(b) RETURN count(DISTINCT b)"
BARE_WHOLE = ("MATCH (a:Person {id: $id})-[r1]-(m) OPTIONAL MATCH (m)-[r2]-(b) WITH m, r1, r2, b LIMIT $limit "
              "RETURN collect(DISTINCT m), collect(DISTINCT r1), collect(DISTINCT r2), collect(DISTINCT b)")
EXPORT_NODES = 1500  # Store.neighbourhood's cap, which `export --ego` keeps
BARE_DEGREES = ("MATCH (n:Person|Party|Organization)-[r]-() RETURN n.id, count(r) AS c "
                "ORDER BY c DESC LIMIT $limit")
STORED_DEGREES = ("MATCH (n:Person|Party|Organization) WHERE n.degree > 0 RETURN n.id, n.name, n.degree "
                  "ORDER BY n.degree DESC, n.name LIMIT $limit")


def measure_queries(store: Store, samples: int = 100, seed: int = 3) -> dict[str, dict[str, Any]]:
    rng = random.Random(seed)
    people = sorted(row[0] for row in store.query("MATCH (p:Person) RETURN p.id", max_rows=10_000_000).rows)
    actors = [rng.choice(people) for _ in range(samples)]
    leaders = [p for p in people if p.startswith("person:leader")][: max(5, samples // 10)]
    pairs = list(zip(actors, reversed(actors), strict=True))
    actor_types = "|".join(t for t, rel in store.schema.relationships.items()
                           if not {*rel.sources, *rel.targets} & {"Article", "Statement"})
    bare_path = store._shortest_path_query("Person", "Person", actor_types, 6)

    def path(pair: tuple[str, str]) -> None:
        try:
            store.shortest_path(*pair)
        except StoreError:  # no path within the step limit is an answer too
            pass

    def bare(cypher: str, params: Callable[[Any], dict[str, Any]]) -> Callable[[Any], Any]:
        return lambda x: store._read(cypher, params(x))

    whole_graph = max(5, samples // 10)  # queries that read every fact run fewer times
    ego = lean_ego(store)
    measured = {
        "ego_1_hop": (lambda a: ego(a, 1), actors, bare(BARE_REACHED.format(hops=1), lambda a: {"id": a})),
        "ego_2_hop": (lambda a: ego(a, 2), actors, bare(BARE_REACHED.format(hops=2), lambda a: {"id": a})),
        "ego_2_hop_hub": (lambda a: ego(a, 2), leaders, bare(BARE_REACHED.format(hops=2), lambda a: {"id": a})),
        "shortest_path": (path, pairs, bare(bare_path, lambda p: {"source": p[0], "target": p[1]})),
        "statements_of_actor": (lambda a: store.query(viewer.ACTOR_STATEMENTS, {"id": a}), actors, None),
        "who_leads_which_party": (lambda _: store.query(EXAMPLES[0].cypher), [None] * whole_graph, None),
        "top_central_actors": (top_actors(store), [None] * whole_graph, bare(BARE_DEGREES, lambda _: {"limit": 15})),
        # The same ranking in Cypher, from the degree kept on each actor: what a console user types.
        "top_actors_stored_degree": (lambda _: store.query(STORED_DEGREES, {"limit": 15}), [None] * whole_graph,
                                     bare(BARE_DEGREES, lambda _: {"limit": 15})),
    }
    if hasattr(store, "actor_neighbourhood"):  # the whole ego network, articles included, as `export --ego` reads it
        measured["export_ego_2_hop"] = (lambda a: store.neighbourhood(a, 2, max_nodes=EXPORT_NODES), actors,
                                        bare(BARE_WHOLE, lambda a: {"id": a, "limit": EXPORT_NODES}))
        # What the lean queries cost once per store version: reading the actor graph (not in their figures).
        measured["actor_graph_read"] = (lambda _: type(store.actor_graph()).read(store._read, store.schema,
                                                                                 NOT_ACTORS), [None] * 3, None)
    results = {}
    for name, (work, inputs, bare_work) in measured.items():
        results[name] = latency_ms(work, inputs)
        if bare_work is not None:
            results[name]["bare"] = latency_ms(bare_work, inputs)
            results[name]["ratio_p95"] = round(results[name]["p95_ms"] / max(results[name]["bare"]["p95_ms"], 0.01), 2)
    if "export_ego_2_hop" in results:
        results["export_ego_2_hop"]["bare_count"] = latency_ms(bare(BARE_REACHED.format(hops=2), lambda a: {"id": a}),
                                                               actors)
    return results


def lean_ego(store: Store) -> Callable[[str, int], Any]:
    """The ego network the viewer draws: the lean one on the actor graph where the store has it."""
    lean = getattr(store, "actor_neighbourhood", None)
    return lean if lean is not None else (lambda node_id, hops: store.neighbourhood(node_id, hops))


def top_actors(store: Store) -> Callable[[Any], Any]:
    kept = getattr(store, "top_actors", None)
    if kept is not None:
        return lambda _: kept(15)
    return lambda _: store.query(viewer.TOP_ACTORS, {"limit": 15})
