"""Network analysis with networkx, on a graph from ``exports.to_networkx``.

Centrality and communities are computed on the actor network: every node but articles and
statements, with edges made undirected and simple (several relationships count once).

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_edge("person:a", "party:p", key="LEADS"); g.add_edge("person:b", "party:p", key="MEMBER_OF")
'LEADS'
'MEMBER_OF'
>>> [row["id"] for row in centrality(g)][:1]
['party:p']
"""

from __future__ import annotations

from itertools import combinations
from typing import Any

import networkx as nx

from .store import NOT_ACTORS


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
    members: dict[int, list[str]] = {}
    for node, number in community_of(network, seed).items():
        members.setdefault(number, []).append(network.nodes[node].get("name", node))
    return [{"community": number, "size": len(names), "members": sorted(names)}
            for number, names in sorted(members.items())]


def community_of(network: nx.Graph, seed: int = 42, weight: str | None = None) -> dict[str, int]:
    """Each node's Louvain community, numbered from 1 for the largest (seeded, so runs agree).

    ``network`` is a simple undirected graph (``actor_network``, or a view's ``undirected``);
    with ``weight``, heavier edges pull harder. Nodes without edges are communities of one.

    >>> g = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y")])
    >>> community_of(g)
    {'a': 1, 'b': 1, 'c': 1, 'x': 2, 'y': 2}
    """
    groups = nx.community.louvain_communities(network, weight=weight, seed=seed) if network.number_of_edges() \
        else [{n} for n in network]
    ordered = sorted(groups, key=lambda g: (-len(g), sorted(g)))
    return {node: number for number, group in enumerate(ordered, start=1) for node in sorted(group)}


def betweenness_of(network: nx.Graph, exact_up_to: int = 800, seed: int = 42) -> dict[str, float]:
    """Betweenness centrality of each node; above ``exact_up_to`` nodes, estimated from that many
    sampled sources (seeded), which keeps a redraw of a large view within a second or two.

    >>> betweenness_of(nx.path_graph(3))
    {0: 0.0, 1: 1.0, 2: 0.0}
    """
    sample = exact_up_to if network.number_of_nodes() > exact_up_to else None
    return nx.betweenness_centrality(network, k=sample, seed=seed if sample else None)


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
    """Actors named together in one statement (speaker and mentions) or one explicit fact's sentence.

    Each sentence or quotation counts once, however many relationships it gave (a statement's
    SAID, MENTIONS and SAID_AT edges share its span). An edge's ``weight`` is the number of
    sentences; ``spans``, ``evidence`` and ``articles`` say which.

    >>> g = nx.MultiDiGraph()
    >>> g.add_edge("person:a", "party:p", key="LEADS", spans=["article:1:0:20"], evidence=["A leads P."])
    'LEADS'
    >>> pairs = cooccurrence(g)
    >>> pairs["party:p"]["person:a"]["weight"], pairs["party:p"]["person:a"]["articles"]
    (1, ['article:1'])
    """
    sentences: dict[str, tuple[set[str], str, str | None]] = {}  # span -> (nodes named, text, article)
    for node, attrs in graph.nodes(data=True):
        if attrs.get("label") == "Statement":
            article, start = attrs.get("article"), attrs.get("char_start")
            span = f"{article}:{start}:{attrs.get('char_end')}" if article and start is not None else node
            named = {s for s, _ in graph.in_edges(node)} | {t for _, t in graph.out_edges(node)}
            sentences.setdefault(span, (set(), attrs.get("text") or "", article))[0].update(named)
    for source, target, attrs in graph.edges(data=True):
        if attrs.get("tier") == "inferred":  # read from the article's context: its sentence may name only one
            continue
        for span, sentence in zip(attrs.get("spans") or [], attrs.get("evidence") or [], strict=False):
            sentences.setdefault(span, (set(), sentence, span.rsplit(":", 2)[0]))[0].update({source, target})
    result = nx.Graph()
    for span, (named, sentence, article) in sentences.items():
        actors = sorted(n for n in named if graph.nodes[n].get("label") not in NOT_ACTORS)
        for a, b in combinations(actors, 2):
            if not result.has_edge(a, b):
                result.add_node(a, **graph.nodes[a])
                result.add_node(b, **graph.nodes[b])
                result.add_edge(a, b, weight=0, spans=[], evidence=[], articles=[])
            edge = result[a][b]
            edge["weight"] += 1
            edge["spans"].append(span)
            edge["evidence"].append(sentence)
            if article and article not in edge["articles"]:
                edge["articles"].append(article)
    return result
