"""The actor graph's walks, against a plain breadth-first search, and its read cap around hubs."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from polgraph.graph import actor_graph
from polgraph.graph.actor_graph import ActorGraph


def random_graph(seed: int, nodes: int = 60, facts: int = 150) -> ActorGraph:
    rng = random.Random(seed)
    ids = [f"person:{i:03d}" for i in range(nodes)]
    rows = [(rng.choice(["LEADS", "SUPPORTS", "OPPOSES"]), rng.randrange(nodes), rng.randrange(nodes),
             "explicit", rng.randint(1, 3)) for _ in range(facts)]
    rows = [row for row in rows if row[1] != row[2]]
    return ActorGraph(ids, ["Person"] * nodes, ids, rows)


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("hops", [1, 2, 3])
def test_an_uncapped_walk_is_a_breadth_first_search(seed: int, hops: int) -> None:
    graph = random_graph(seed)
    undirected = nx.MultiGraph()
    undirected.add_nodes_from(range(len(graph.ids)))
    for fact in range(len(graph.types)):
        undirected.add_edge(int(graph.sources[fact]), int(graph.targets[fact]), key=fact)
    start = graph.ids[0]
    distance = nx.single_source_shortest_path_length(undirected, 0, cutoff=hops)
    sub = graph.neighbourhood(start, hops, max_nodes=10_000, max_edges=10_000)
    assert set(sub.node_ids) == {graph.ids[i] for i in distance}
    # every fact between two nodes reached, one of them nearer than ``hops``
    ends = [(int(a), int(b)) for a, b in zip(graph.sources, graph.targets, strict=True)]
    walked = {(graph.type_names[graph.types[f]], graph.ids[a], graph.ids[b]) for f, (a, b) in enumerate(ends)
              if a in distance and b in distance and min(distance[a], distance[b]) < hops}
    assert set(zip(sub.edge_types, sub.edge_sources, sub.edge_targets, strict=True)) == walked
    assert not sub.truncated


def hub_graph() -> ActorGraph:
    """person:hub leads three parties; each party has 20 members, member k of each party also supports
    k other members, so the members' degrees differ."""
    ids, rows = ["person:hub"], []
    parties = []
    for p in range(3):
        parties.append(len(ids))
        ids.append(f"party:{p}")
        rows.append(("LEADS", 0, parties[-1], "explicit", 1))
    members = []
    for p, party in enumerate(parties):
        for m in range(20):
            members.append(len(ids))
            ids.append(f"person:{p}-{m:02d}")
            rows.append(("MEMBER_OF", members[-1], party, "explicit", 1))
    for k, member in enumerate(members):
        for other in members[k + 1: k + 1 + k % 7]:
            rows.append(("SUPPORTS", member, other, "explicit", 1))
    return ActorGraph(ids, ["Person", *["Party"] * 3, *["Person"] * 60], ids, rows)


def test_a_hop_reads_its_members_best_connected_neighbours_when_they_have_too_many(monkeypatch) -> None:
    graph = hub_graph()
    whole = graph.neighbourhood("person:hub", 2)
    assert len(whole.node_ids) == 64 and not whole.truncated
    monkeypatch.setattr(actor_graph, "READS_PER_HOP", 30)  # the parties' rows hold 63 facts
    capped = graph.neighbourhood("person:hub", 2)
    assert capped.truncated
    kept = set(capped.node_ids) - {"person:hub", "party:0", "party:1", "party:2"}
    assert 0 < len(kept) <= 30
    degree = {node_id: int(d) for node_id, d in zip(graph.ids, graph.degree, strict=True)}
    for party in ("party:0", "party:1", "party:2"):
        members = sorted((n for n in graph.ids if n.startswith(f"person:{party[-1]}-")),
                         key=lambda n: (-degree[n], graph.index[n]))
        seen = [n for n in members if n in kept]
        assert seen == members[: len(seen)]  # each party's best-connected members, none skipped
    assert all(s in capped.node_ids and t in capped.node_ids
               for s, t in zip(capped.edge_sources, capped.edge_targets, strict=True))


@pytest.mark.parametrize("seed", range(3))
def test_shortest_paths_one_after_another_are_as_long_as_networkx_finds(seed: int) -> None:
    # one graph, many searches in a row: each must start from clean arrays (they are kept between searches)
    graph = random_graph(seed, nodes=80, facts=120)
    undirected = nx.Graph()
    undirected.add_nodes_from(range(len(graph.ids)))
    undirected.add_edges_from(zip(graph.sources.tolist(), graph.targets.tolist(), strict=True))
    rng = random.Random(seed)
    for _ in range(60):
        a, b = rng.randrange(len(graph.ids)), rng.randrange(len(graph.ids))
        steps = graph.shortest_path(graph.ids[a], graph.ids[b], max_hops=6)
        try:
            expected = nx.shortest_path_length(undirected, a, b)
        except nx.NetworkXNoPath:
            expected = None
        if expected is None or expected > 6:
            assert steps is None
        else:
            assert steps is not None and len(steps) == expected
            names = [graph.ids[a], *(step["to"] for step in steps)]
            assert names[-1] == graph.ids[b]
            assert all(undirected.has_edge(graph.index[x], graph.index[y]) for x, y in zip(names, names[1:], strict=False))
