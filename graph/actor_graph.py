"""The actor graph: the facts among actors (never articles or statements), held compactly in memory.

What the network is drawn from, and what ego networks, shortest paths and the most central actors
are computed on. Read from a store once per store version (``Store.actor_graph``): every actor's
id, label and name; every fact between two actors with its type, tier and weight (the number of
articles stating it); and each actor's degree as the viewer's top actors count it (every
relationship but ``MENTIONED_IN``, its statements included), which the store keeps on the node.
Adjacency is kept in compressed sparse rows (numpy arrays), so a 2-hop walk from a hub touches
only the rows of the nodes it reaches, and answers in milliseconds at a million stored edges.

Lean answers: ids, names, labels, relationship types, tier and weight only; a node's properties or
a fact's evidence and provenance are read from the store when it is opened (``Store.fact``).

>>> graph = ActorGraph(["person:a", "party:p", "region:r"], ["Person", "Party", "Region"], ["A", "P", "R"],
...                    [("LEADS", 0, 1, "explicit", 2), ("WON", 1, 2, "explicit", 1)])
>>> sub = graph.neighbourhood("person:a", hops=1)
>>> [n.id for n in sub.nodes], [(e.type, e.source, e.target, e.weight) for e in sub.edges]
(['person:a', 'party:p'], [('LEADS', 'person:a', 'party:p', 2)])
>>> [(s["from"], s["relation"], s["direction"], s["to"]) for s in graph.shortest_path("region:r", "person:a")]
[('R', 'WON', '<-', 'P'), ('P', 'LEADS', '<-', 'A')]
>>> graph.top_actors(1)
[{'id': 'party:p', 'name': 'P', 'relationships': 2}]
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import numpy as np

from .schema import DEGREE, Schema

TOP_ACTOR_LABELS = ("Person", "Party", "Organization")  # whom the viewer's top actors rank
READS_PER_HOP = 6000  # facts an ego walk reads per hop at most: past it, each row's best-connected ends
NOT_COUNTED = "MENTIONED_IN"  # the one relationship the degree leaves out (as the viewer's TOP_ACTORS does)


class LeanNode(NamedTuple):
    id: str
    label: str
    name: str | None
    degree: int  # relationships in the whole store, MENTIONED_IN left out (the node's stored degree)


class LeanEdge(NamedTuple):
    type: str
    source: str
    target: str
    tier: str | None
    weight: int  # articles stating the fact


@dataclass
class LeanSubgraph:
    """Actors and facts as columns: entry i of each ``node_`` list is node i, of each ``edge_`` list fact i.

    Columns rather than an object per row: a hub's ego network is thousands of rows, and that many new
    objects per walk made Python's cycle collector stop every other hub walk for 10 to 25 ms at 1M
    edges. ``nodes`` and ``edges`` give the rows as named tuples, built when asked for.
    """

    node_ids: list[str] = field(default_factory=list)
    node_labels: list[str] = field(default_factory=list)
    node_names: list[str | None] = field(default_factory=list)
    node_degrees: list[int] = field(default_factory=list)  # relationships in the whole store, MENTIONED_IN left out
    edge_types: list[str] = field(default_factory=list)
    edge_sources: list[str] = field(default_factory=list)
    edge_targets: list[str] = field(default_factory=list)
    edge_tiers: list[str | None] = field(default_factory=list)
    edge_weights: list[int] = field(default_factory=list)  # articles stating the fact
    truncated: bool = False  # True when the node cap left neighbours out

    @property
    def nodes(self) -> list[LeanNode]:
        return list(map(LeanNode, self.node_ids, self.node_labels, self.node_names, self.node_degrees))

    @property
    def edges(self) -> list[LeanEdge]:
        return list(map(LeanEdge, self.edge_types, self.edge_sources, self.edge_targets, self.edge_tiers,
                        self.edge_weights))


class ActorGraph:
    """Actors and the facts among them. ``facts`` are ``(type, source index, target index, tier, weight)``;
    ``degrees`` are the actors' degrees as the store keeps them (statements included); where one is None
    (none given, or a store written before it kept degrees, opened read-only) the facts among actors
    stand in."""

    def __init__(self, ids: Sequence[str], labels: Sequence[str], names: Sequence[str | None],
                 facts: Iterable[tuple[str, int, int, str | None, int]],
                 degrees: Sequence[int | None] | None = None) -> None:
        self.ids = list(ids)
        self.labels = list(labels)
        self.names = list(names)
        self.index = {node_id: i for i, node_id in enumerate(self.ids)}
        rows = list(facts)
        self.type_names = sorted({row[0] for row in rows})
        type_code = {t: i for i, t in enumerate(self.type_names)}
        self.tier_names = sorted({row[3] for row in rows if row[3] is not None})
        tier_code = {t: i for i, t in enumerate(self.tier_names)}
        self.types = np.array([type_code[row[0]] for row in rows], dtype=np.int16)
        self.sources = np.array([row[1] for row in rows], dtype=np.int64)
        self.targets = np.array([row[2] for row in rows], dtype=np.int64)
        self.tiers = np.array([-1 if row[3] is None else tier_code[row[3]] for row in rows], dtype=np.int16)
        self.weights = np.array([row[4] for row in rows], dtype=np.int64)
        count = len(self.ids)
        # Undirected adjacency in compressed sparse rows: node i's facts are edge_of[start[i]:start[i + 1]],
        # the actor at their other end other_end[...] (a fact appears in the rows of both its ends).
        ends = np.concatenate([self.sources, self.targets])
        others = np.concatenate([self.targets, self.sources])
        edges = np.concatenate([np.arange(len(rows)), np.arange(len(rows))])
        self.fact_degree = np.bincount(ends, minlength=count)
        stored = np.array([-1 if d is None else d for d in degrees or [None] * count], dtype=np.int64)
        self.degree = np.where(stored >= 0, stored, self.fact_degree)
        # Each row in order of the actor at the other end, best connected first (highest degree, then the
        # lower index), so that a walk can read a big row's best-connected neighbours alone (_incident).
        self.rank = np.empty(count, dtype=np.int64)
        self.rank[np.lexsort((np.arange(count), -self.degree))] = np.arange(count)
        order = np.lexsort((self.rank[others], ends))
        self.edge_of, self.other_end = edges[order], others[order]
        self.start = np.zeros(count + 1, dtype=np.int64)
        np.cumsum(self.fact_degree, out=self.start[1:])
        # The same values as numpy object arrays, so an answer's columns are taken by index in one step;
        # a tier of -1 (none) takes the None at the end.
        self._columns = {name: np.array([*values], dtype=object) for name, values in (
            ("ids", self.ids), ("labels", self.labels), ("names", self.names), ("types", self.type_names),
            ("tiers", [*self.tier_names, None]))}
        self._heaviest = int(self.weights.max()) + 1 if len(rows) else 1  # above every weight, for ranking facts
        self._ranked: dict[tuple[str, ...], list[int]] = {}  # labels -> actors by degree, for top_actors
        self._rank_of_id: np.ndarray | None = None  # see _id_rank
        self._per_thread = threading.local()  # see _search_arrays

    @classmethod
    def read(cls, read: Callable[[str], list[list[Any]]], schema: Schema, not_actors: Collection[str]) -> ActorGraph:
        """The actor graph of what a store holds now, through its ``read`` (Cypher -> rows): one read per
        actor label and relationship type; ``not_actors`` are the labels left out (articles, statements)."""
        ids: list[str] = []
        labels: list[str] = []
        names: list[str | None] = []
        degrees: list[int | None] = []
        for label, node in schema.nodes.items():
            if label in not_actors:
                continue
            degree = f"n.{DEGREE}" if node.keeps_degree else "null"
            for node_id, name, stored in read(f"MATCH (n:{label}) RETURN n.id, n.name, {degree}"):
                ids.append(node_id)
                labels.append(label)
                names.append(name)
                degrees.append(stored)
        index = {node_id: i for i, node_id in enumerate(ids)}
        facts = []
        for rel_type, rel in schema.relationships.items():
            if not {*rel.sources, *rel.targets} & set(not_actors):
                for source, target, tier, weight in read(  # a reviewer's rejected facts are no part of it
                        f"MATCH (a)-[r:{rel_type}]->(b) WHERE coalesce(r.review, 'machine') <> 'rejected' "
                        "RETURN a.id, b.id, r.tier, size(r.articles)"):
                    facts.append((rel_type, index[source], index[target], tier, int(weight or 0)))
        return cls(ids, labels, names, facts, degrees)

    def __contains__(self, node_id: str) -> bool:
        return node_id in self.index

    # --- walks ------------------------------------------------------------------------
    def _incident(self, nodes: np.ndarray, allowed: np.ndarray | None,
                  budget: int | None = None) -> tuple[np.ndarray, np.ndarray, bool]:
        """The facts touching ``nodes`` and the actor at each one's other end (only ``allowed`` types), and
        whether some were left out: with a ``budget``, at most that many are read, each row from its
        best-connected end and the shortest rows whole (the same cap on every row that is cut)."""
        starts = self.start[nodes]
        lengths = self.start[nodes + 1] - starts
        cut = budget is not None and int(lengths.sum()) > budget
        if cut:
            lengths = np.minimum(lengths, _row_cap(lengths, budget))
        total = int(lengths.sum())
        if total == 0:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64), cut
        offsets = np.repeat(starts - np.cumsum(lengths) + lengths, lengths) + np.arange(total)
        edges, others = self.edge_of[offsets], self.other_end[offsets]
        if allowed is not None:
            keep = allowed[self.types[edges]]
            edges, others = edges[keep], others[keep]
        return edges, others, cut

    def _allowed(self, types: Iterable[str] | None) -> np.ndarray | None:
        if types is None:
            return None
        wanted = set(types)
        return np.array([t in wanted for t in self.type_names] or [False], dtype=bool)

    def neighbourhood(self, node_id: str, hops: int = 1, *, max_nodes: int = 1500, max_edges: int = 4500,
                      types: Iterable[str] | None = None) -> LeanSubgraph:
        """The actors within ``hops`` facts of ``node_id`` (either direction) and the facts walked to reach
        them: every fact between two of them with at least one end nearer than ``hops`` (as
        ``Store.neighbourhood`` walks; facts between two actors of the last hop are left out).

        At most ``max_nodes`` nodes: each hop adds its best-connected actors first (highest degree,
        then id) while there is room, so a hub's thousands of minor neighbours do not crowd out the
        parties and leaders around it. A hop reads at most ``READS_PER_HOP`` facts: when its members have
        more, each one's facts to its best-connected neighbours, so a hub's walk costs about as much in a
        big graph as in a small one. At most ``max_edges`` facts: those of ``node_id`` first, then the
        heaviest (a hub's 1,500 neighbours can share 20,000 facts, more than a drawing shows).
        ``truncated`` says when some nodes or facts were left out.
        """
        start = self.index[node_id]
        allowed = self._allowed(types)
        chosen = np.zeros(len(self.ids), dtype=bool)
        chosen[start] = True
        members = [np.array([start])]
        gathered = []  # the facts around each hop's members, walked once: they are the answer's facts too
        kept, truncated = 1, False
        for hop in range(hops):
            if hop == len(members):  # the walk ended: the hop before found no one new
                break
            edges, others, cut = self._incident(members[hop], allowed, READS_PER_HOP)
            gathered.append((edges, others))
            truncated |= cut
            room = max_nodes - kept
            if room == 0:  # full: the facts among the nodes kept are still walked
                continue
            fresh = _distinct(others[~chosen[others]], len(self.ids))
            if len(fresh) > room:
                truncated = True
                fresh = np.sort(fresh[np.argsort(self.rank[fresh], kind="stable")[:room]])
            if len(fresh):
                chosen[fresh] = True
                members.append(fresh)
                kept += len(fresh)
        nodes = np.concatenate(members)
        edges = np.concatenate([e for e, _ in gathered])
        others = np.concatenate([o for _, o in gathered])
        edges = _distinct(edges[chosen[others]], len(self.types))
        if len(edges) > max_edges:
            truncated = True
            own = (self.sources[edges] == start) | (self.targets[edges] == start)
            # One distinct key per fact: its own first, then by weight, then the lower index.
            key = (own * self._heaviest + self.weights[edges]) * len(self.types) + (len(self.types) - edges)
            edges = np.sort(edges[np.argpartition(-key, max_edges - 1)[:max_edges]])
        return self._subgraph(nodes, edges, truncated)

    def view(self, types: Iterable[str], labels: Collection[str], *, tier: str = "any", min_weight: int = 1,
             focus: str | None = None, hops: int = 1, limit: int = 1500) -> tuple[LeanSubgraph, int]:
        """The facts of ``types`` among actors of ``labels`` (``focus`` kept whatever its label), of ``tier``
        (or any) and at least ``min_weight`` articles, with the actors they link; with ``focus``, only
        those within ``hops`` facts of it (every fact among them; ``focus`` alone if it has none). At
        most ``limit`` nodes: the best connected within the view (most facts, then the lowest id).
        Also the number of nodes before the cap (``truncated`` when it cut). What ``views.build_view``
        draws from the whole graph, without reading it.

        >>> graph = ActorGraph(["person:a", "party:p", "person:b"], ["Person", "Party", "Person"], ["A", "P", "B"],
        ...                    [("LEADS", 0, 1, "explicit", 2), ("MEMBER_OF", 2, 1, "inferred", 1)])
        >>> sub, before = graph.view(["LEADS", "MEMBER_OF"], ["Person", "Party"], min_weight=2)
        >>> [n.id for n in sub.nodes], [e.type for e in sub.edges], before
        (['person:a', 'party:p'], ['LEADS'], 2)
        """
        wanted = set(labels)
        shown = np.array([label in wanted for label in self.labels], dtype=bool)
        start = self.index[focus] if focus is not None else None
        if start is not None:
            shown[start] = True
        allowed = self._allowed(types)
        keep = allowed[self.types] & shown[self.sources] & shown[self.targets] & (self.weights >= min_weight)
        if tier != "any":
            keep &= self.tiers == (self.tier_names.index(tier) if tier in self.tier_names else -2)
        edges = np.flatnonzero(keep)
        sources, targets = self.sources[edges], self.targets[edges]
        members = np.zeros(len(self.ids), dtype=bool)
        if start is None:
            members[sources] = members[targets] = True
        else:  # breadth first from the focus over the kept facts, either direction
            members[start] = True
            frontier = members.copy()
            for _ in range(hops):
                touching = frontier[sources] | frontier[targets]
                reached = np.zeros_like(members)
                reached[sources[touching]] = reached[targets[touching]] = True
                frontier = reached & ~members
                if not frontier.any():
                    break
                members |= frontier
            inside = members[sources] & members[targets]
            edges, sources, targets = edges[inside], sources[inside], targets[inside]
        nodes = np.flatnonzero(members)
        before = len(nodes)
        if before > limit:
            degree = np.bincount(sources, minlength=len(self.ids)) + np.bincount(targets, minlength=len(self.ids))
            nodes = np.sort(nodes[np.lexsort((self._id_rank()[nodes], -degree[nodes]))[:limit]])
            kept = np.zeros(len(self.ids), dtype=bool)
            kept[nodes] = True
            edges = edges[kept[sources] & kept[targets]]
        return self._subgraph(nodes, edges, before > limit), before

    def _id_rank(self) -> np.ndarray:
        """Each node's place among the ids in text order (ties in a view's cap go to the lower id)."""
        if self._rank_of_id is None:
            self._rank_of_id = np.empty(len(self.ids), dtype=np.int64)
            self._rank_of_id[sorted(range(len(self.ids)), key=self.ids.__getitem__)] = np.arange(len(self.ids))
        return self._rank_of_id

    def shortest_path(self, source: str, target: str, max_hops: int = 6) -> list[dict[str, Any]] | None:
        """The steps of a shortest path between two actors over their facts, followed in either direction
        (``{"from", "relation", "direction", "to"}`` each), or None when there is none within ``max_hops``.

        A breadth-first search, one hop per round, from the end whose neighbourhood is smaller."""
        ends = [self.index[source], self.index[target]]
        if ends[0] == ends[1]:
            return []
        # Search from both ends, one round at a time on the smaller frontier, until they meet.
        distance, parent_edge, parent_node = self._search_arrays()
        reached: list[list[np.ndarray]] = [[np.array([end])] for end in ends]  # to reset distance after
        frontiers = [np.array([end]) for end in ends]
        for side, end in enumerate(ends):
            distance[side][end] = 0
            parent_node[side][end] = -1
        depth = [0, 0]
        try:
            while depth[0] + depth[1] < max_hops and len(frontiers[0]) and len(frontiers[1]):
                side = 0 if self.fact_degree[frontiers[0]].sum() <= self.fact_degree[frontiers[1]].sum() else 1
                starts = np.repeat(frontiers[side], self.fact_degree[frontiers[side]])
                edges, others, _ = self._incident(frontiers[side], None)
                new = distance[side][others] == -1
                others, edges, starts = others[new], edges[new], starts[new]
                others, first = np.unique(others, return_index=True)
                depth[side] += 1
                distance[side][others] = depth[side]
                reached[side].append(others)
                parent_edge[side][others] = edges[first]
                parent_node[side][others] = starts[first]
                frontiers[side] = others
                met = others[distance[1 - side][others] >= 0]
                if len(met):  # the meeting point nearest the other end, then the lowest index
                    middle = int(met[np.lexsort((met, distance[1 - side][met]))[0]])
                    return self._steps(middle, parent_edge, parent_node)
            return None
        finally:
            for side in (0, 1):
                distance[side][np.concatenate(reached[side])] = -1

    def _search_arrays(self) -> tuple[list[np.ndarray], list[np.ndarray], list[np.ndarray]]:
        """Per thread, a search's arrays over every node, made once and kept: distance from each end (-1
        where not reached, reset after each search where it was set), and the fact and node each was
        reached from (read only where reached). Filling new arrays of the graph's size was a quarter
        of a search at 1M edges."""
        arrays = getattr(self._per_thread, "search", None)
        if arrays is None:
            count = len(self.ids)
            arrays = ([np.full(count, -1, dtype=np.int64) for _ in range(2)],
                      [np.empty(count, dtype=np.int64) for _ in range(2)],
                      [np.empty(count, dtype=np.int64) for _ in range(2)])
            self._per_thread.search = arrays
        return arrays

    def _steps(self, middle: int, parent_edge: list[np.ndarray], parent_node: list[np.ndarray]) -> list[dict[str, Any]]:
        hops = []  # (node, edge to the next node towards the target)
        node = middle
        while parent_node[0][node] >= 0:  # back to the source
            hops.insert(0, (int(parent_node[0][node]), int(parent_edge[0][node])))
            node = int(parent_node[0][node])
        order = [n for n, _ in hops] + [middle]
        edges = [e for _, e in hops]
        node = middle
        while parent_node[1][node] >= 0:  # on to the target
            edges.append(int(parent_edge[1][node]))
            node = int(parent_node[1][node])
            order.append(node)
        steps = []
        for before, after, edge in zip(order[:-1], order[1:], edges, strict=True):
            steps.append({"from": self.names[before], "relation": self.type_names[self.types[edge]],
                          "direction": "->" if self.sources[edge] == before else "<-", "to": self.names[after]})
        return steps

    def top_actors(self, limit: int = 15, labels: Sequence[str] = TOP_ACTOR_LABELS) -> list[dict[str, Any]]:
        """The actors with the most relationships (MENTIONED_IN left out), as the viewer's TOP_ACTORS
        query ranks them: ``{"id", "name", "relationships"}``, most first, then by name."""
        ranked = self._ranked.get(tuple(labels))
        if ranked is None:  # once per graph: every later call reads the first ``limit``
            wanted = set(labels)
            candidates = [i for i in np.flatnonzero(self.degree > 0).tolist() if self.labels[i] in wanted]
            ranked = sorted(candidates, key=lambda i: (-int(self.degree[i]), self.names[i] is None, self.names[i] or ""))
            self._ranked[tuple(labels)] = ranked
        return [{"id": self.ids[i], "name": self.names[i], "relationships": int(self.degree[i])}
                for i in ranked[:limit]]

    def _subgraph(self, nodes: np.ndarray, edges: np.ndarray, truncated: bool) -> LeanSubgraph:
        """The nodes and facts at these indexes, as columns."""
        ids, sources, targets = self._columns["ids"], self.sources[edges], self.targets[edges]
        return LeanSubgraph(
            node_ids=ids[nodes].tolist(), node_labels=self._columns["labels"][nodes].tolist(),
            node_names=self._columns["names"][nodes].tolist(), node_degrees=self.degree[nodes].tolist(),
            edge_types=self._columns["types"][self.types[edges]].tolist(), edge_sources=ids[sources].tolist(),
            edge_targets=ids[targets].tolist(), edge_tiers=self._columns["tiers"][self.tiers[edges]].tolist(),
            edge_weights=self.weights[edges].tolist(), truncated=truncated)


def _row_cap(lengths: np.ndarray, budget: int) -> int:
    """The largest cap on row lengths that keeps their sum within ``budget`` (at least 1): rows shorter
    than the cap are read whole, the others cut to it.

    >>> _row_cap(np.array([2, 10, 10]), 12)
    5
    """
    ordered = np.sort(lengths)
    before = np.concatenate([[0], np.cumsum(ordered)[:-1]])  # the sum of the rows shorter than each
    wider = len(ordered) - np.arange(len(ordered))  # rows from each on, cut to its length
    within = np.flatnonzero(before + ordered * wider <= budget)
    first_cut = int(within[-1]) + 1 if len(within) else 0
    return max(1, int((budget - before[first_cut]) // wider[first_cut]))


def _distinct(values: np.ndarray, size: int) -> np.ndarray:
    """The distinct values (all below ``size``), in order: by a mask over ``size`` when that is not much
    longer than ``values``, else by sorting them (numpy's hashing ``unique`` is slower than both).

    >>> _distinct(np.array([3, 1, 3, 2]), 4).tolist(), _distinct(np.array([3, 1, 3, 2]), 10**6).tolist()
    ([1, 2, 3], [1, 2, 3])
    """
    if size <= 32 * len(values):
        seen = np.zeros(size, dtype=bool)
        seen[values] = True
        return np.flatnonzero(seen)
    ordered = np.sort(values)
    return ordered[np.concatenate(([True], ordered[1:] != ordered[:-1]))] if len(ordered) else ordered
