"""Network analysis with networkx, on a graph from ``exports.to_networkx``.

Centrality and communities are computed on the actor network: every node but articles and
statements, with edges made undirected and simple (several relationships count once).

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_edge("person:a", "party:p", type="LEADS"); g.add_edge("person:b", "party:p", type="MEMBER_OF")
0
0
>>> [row["id"] for row in centrality(g)][:1]
['party:p']
"""

from __future__ import annotations

from collections import Counter
from itertools import combinations
from typing import Any

import networkx as nx

from polgraph.graph.store import NOT_ACTORS


def actor_network(graph: nx.MultiDiGraph) -> nx.Graph:
    """Undirected, simple, without article and statement nodes."""
    keep = [n for n, a in graph.nodes(data=True) if a.get("label") not in NOT_ACTORS]
    simple = nx.Graph()
    simple.add_nodes_from((n, graph.nodes[n]) for n in keep)
    simple.add_edges_from((s, t) for s, t in graph.subgraph(keep).edges() if s != t)
    return simple


def centrality(graph: nx.MultiDiGraph, top: int | None = None) -> list[dict[str, Any]]:
    """Degree, betweenness and eigenvector centrality per actor, most central first."""
    network = actor_network(graph)
    if network.number_of_nodes() == 0:
        return []
    degree = nx.degree_centrality(network)
    betweenness = nx.betweenness_centrality(network)
    try:
        eigenvector = nx.eigenvector_centrality(network, max_iter=1000)
    except nx.PowerIterationFailedConvergence:
        eigenvector = dict.fromkeys(network, 0.0)
    rows = [{"id": n, "name": network.nodes[n].get("name", n), "label": network.nodes[n].get("label"),
             "degree": network.degree(n), "degree_centrality": round(degree[n], 4),
             "betweenness": round(betweenness[n], 4), "eigenvector": round(eigenvector[n], 4)} for n in network]
    rows.sort(key=lambda r: (-r["degree_centrality"], -r["betweenness"], r["id"]))
    return rows[:top] if top else rows


def communities(graph: nx.MultiDiGraph, seed: int = 42) -> list[dict[str, Any]]:
    """Louvain communities of the actor network (seeded, so runs agree), largest first."""
    network = actor_network(graph)
    groups = nx.community.louvain_communities(network, seed=seed) if network.number_of_edges() else []
    ordered = sorted(groups, key=lambda g: (-len(g), sorted(g)))
    return [{"community": i + 1, "size": len(g), "members": sorted(network.nodes[n].get("name", n) for n in g)}
            for i, g in enumerate(ordered)]


def shortest_path(graph: nx.MultiDiGraph, source: str, target: str) -> list[dict[str, Any]]:
    """The steps of a shortest path between two actors (relationships followed in either direction)."""
    undirected = nx.MultiGraph(graph.subgraph(actor_network(graph).nodes))
    try:
        nodes = nx.shortest_path(undirected, source, target)
    except nx.NodeNotFound as err:
        raise ValueError(str(err)) from None
    except nx.NetworkXNoPath:
        raise ValueError(f"no path between {source} and {target}") from None
    steps = []
    for a, b in zip(nodes, nodes[1:], strict=False):
        forward = graph.get_edge_data(a, b) or {}
        backward = graph.get_edge_data(b, a) or {}
        rel_type = next(iter(forward or backward))
        steps.append({"from": graph.nodes[a].get("name", a), "relation": rel_type,
                      "direction": "->" if forward else "<-", "to": graph.nodes[b].get("name", b)})
    return steps


def cooccurrence(graph: nx.MultiDiGraph) -> nx.Graph:
    """Actors named together in one statement (speaker and mentions) or one evidence sentence; weight = times."""
    together: Counter[tuple[str, str]] = Counter()
    for node, attrs in graph.nodes(data=True):
        if attrs.get("label") == "Statement":
            people = {s for s, _ in graph.in_edges(node)} | {t for _, t in graph.out_edges(node)}
            _count(graph, people, together)
    by_span: dict[str, set[str]] = {}
    for source, target, attrs in graph.edges(data=True):
        for span in attrs.get("spans") or []:
            by_span.setdefault(span, set()).update({source, target})
    for members in by_span.values():
        _count(graph, members, together)
    result = nx.Graph()
    for (a, b), weight in together.items():
        result.add_node(a, **graph.nodes[a])
        result.add_node(b, **graph.nodes[b])
        result.add_edge(a, b, weight=weight)
    return result


def _count(graph: nx.MultiDiGraph, nodes: set[str], counter: Counter[tuple[str, str]]) -> None:
    actors = sorted(n for n in nodes if graph.nodes[n].get("label") not in NOT_ACTORS)
    for pair in combinations(actors, 2):
        counter[pair] += 1
