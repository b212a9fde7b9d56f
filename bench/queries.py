"""Latency, p50 and p95, of the queries polgraph ships, on a loaded store (called by bench/load.py).

Actors are drawn at random (seeded) from the stored people, so most are minor actors; hub actors
(party leaders, named in many articles) are timed apart, as their ego networks are the largest.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from common import latency_ms  # noqa: E402

from polgraph.app.viewer import queries as viewer  # noqa: E402
from polgraph.graph.examples import EXAMPLES  # noqa: E402
from polgraph.graph.store import Store, StoreError  # noqa: E402


def measure_queries(store: Store, samples: int = 100, seed: int = 3) -> dict[str, dict[str, float]]:
    rng = random.Random(seed)
    people = sorted(row[0] for row in store.query("MATCH (p:Person) RETURN p.id", max_rows=10_000_000).rows)
    actors = [rng.choice(people) for _ in range(samples)]
    leaders = [p for p in people if p.startswith("person:leader")][: max(5, samples // 10)]
    pairs = list(zip(actors, reversed(actors), strict=True))

    def path(pair: tuple[str, str]) -> None:
        try:
            store.shortest_path(*pair)
        except StoreError:  # no path within the step limit is an answer too
            pass

    whole_graph = max(5, samples // 10)  # queries that read every fact run fewer times
    return {
        "ego_1_hop": latency_ms(lambda a: store.neighbourhood(a, 1), actors),
        "ego_2_hop": latency_ms(lambda a: store.neighbourhood(a, 2), actors),
        "ego_2_hop_hub": latency_ms(lambda a: store.neighbourhood(a, 2), leaders),
        "shortest_path": latency_ms(path, pairs),
        "statements_of_actor": latency_ms(lambda a: store.query(viewer.ACTOR_STATEMENTS, {"id": a}), actors),
        "who_leads_which_party": latency_ms(lambda _: store.query(EXAMPLES[0].cypher), [None] * whole_graph),
        "top_central_actors": latency_ms(lambda _: store.query(viewer.TOP_ACTORS, {"limit": 15}),
                                         [None] * whole_graph),
    }

