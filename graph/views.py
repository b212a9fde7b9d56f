"""The networks the viewer draws, built from the whole graph (``exports.to_networkx``) and a ``Selection``.

Three modes: ``facts`` (the relationships between actors), ``cooccurrence`` (actors named in
the same sentence or statement, ``analysis.cooccurrence``) and ``stance`` (SUPPORTS and
OPPOSES). Every mode is narrowed to the articles chosen and dated within the window, can be
focused on one actor's neighbourhood, and keeps on each edge the evidence behind it
(``spans``, ``evidence``, ``articles``) and a ``weight``: the number of sentences for a
co-occurrence, of articles otherwise. A view is a ``MultiDiGraph`` whose edge keys are types,
so the export writers take it as it is.

>>> g = nx.MultiDiGraph()
>>> g.add_node("article:1", label="Article", published=dt.date(2019, 5, 1))
>>> g.add_node("person:a", label="Person", name="A"); g.add_node("party:p", label="Party", name="P")
>>> _ = g.add_edge("person:a", "party:p", key="OPPOSES", type="OPPOSES", articles=["article:1"],
...                spans=["article:1:0:9"], evidence=["A attacks P."], tier="explicit", confidence=0.9)
>>> view = build_view(g, Selection(mode="stance"))
>>> [(a, b, d["type"], d["weight"]) for a, b, d in view.edges(data=True)]
[('person:a', 'party:p', 'OPPOSES', 1)]
>>> build_view(g, Selection(mode="stance", since=dt.date(2020, 1, 1))).number_of_edges()
0
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx

from . import analysis
from .actor_graph import ActorGraph
from .schema import Schema
from .store import NOT_ACTORS

MODES = {"facts": "Facts", "cooccurrence": "Named together", "stance": "Support and opposition"}
NAMED_WITH = "NAMED_WITH"  # the type of a co-occurrence edge in a view (not a stored relationship)
STANCE_TYPES = ("SUPPORTS", "OPPOSES")
HIDDEN_TYPES = ("MENTIONED_IN", "MENTIONS")  # facts mode leaves these out unless asked
MAX_NODES = 1500  # above this, a view keeps the best connected nodes


@dataclass(frozen=True)
class Selection:
    """What the researcher chose: a mode and its filters. ``None`` for labels or types means the defaults."""

    mode: str = "facts"
    labels: tuple[str, ...] | None = None  # default: every label but Article and Statement
    types: tuple[str, ...] | None = None  # facts mode; default: every type but MENTIONED_IN and MENTIONS
    articles: tuple[str, ...] = ()  # only the evidence of these articles (empty: every article)
    since: dt.date | None = None  # only articles dated within [since, until]
    until: dt.date | None = None
    tier: str = "any"  # "explicit", "inferred" or "any" (facts and stance)
    min_confidence: float = 0.0
    min_weight: int = 1
    focus: str | None = None  # a node id: show its neighbourhood only
    hops: int = 1


def actor_fact_types(schema: Schema) -> list[str]:
    """Relationship types between actors (not involving articles or statements): what counts as a fact."""
    return [t for t, rel in schema.relationships.items() if not {*rel.sources, *rel.targets} & NOT_ACTORS]


def article_dates(graph: nx.MultiDiGraph) -> dict[str, dt.date | None]:
    """Article id -> its date, from the graph's Article nodes."""
    return {n: a.get("published") for n, a in graph.nodes(data=True) if a.get("label") == "Article"}


def date_range(graph: nx.MultiDiGraph) -> tuple[dt.date, dt.date] | None:
    """The first and last date any article is dated (what facts' first/last_reported span), or None."""
    dates = [d for d in article_dates(graph).values() if d]
    return (min(dates), max(dates)) if dates else None


def allowed_articles(graph: nx.MultiDiGraph, selection: Selection) -> set[str] | None:
    """The articles whose evidence counts, or None when every article does (nothing narrows)."""
    dates = article_dates(graph)
    allowed = set(selection.articles) & set(dates) if selection.articles else None
    bounds = date_range(graph)
    if narrows(selection, bounds):
        since, until = selection.since or bounds[0], selection.until or bounds[1]
        dated = {a for a, d in dates.items() if d and since <= d <= until}
        allowed = dated if allowed is None else allowed & dated
    return allowed


def narrows(selection: Selection, bounds: tuple[dt.date, dt.date] | None) -> bool:
    """Whether the selection's date window leaves out some of the articles dated within ``bounds``."""
    return bool(bounds) and bool((selection.since and selection.since > bounds[0])
                                 or (selection.until and selection.until < bounds[1]))


def within_articles(graph: nx.MultiDiGraph, allowed: set[str]) -> nx.MultiDiGraph:
    """The graph with each relationship's provenance cut to ``allowed`` articles (and dropped when none
    is left), and without the other articles and their statements."""
    dates = article_dates(graph)
    out = nx.MultiDiGraph(**graph.graph)
    for node, attrs in graph.nodes(data=True):
        label = attrs.get("label")
        if (label == "Article" and node not in allowed) or (label == "Statement" and attrs.get("article") not in allowed):
            continue
        out.add_node(node, **attrs)
    for source, target, key, attrs in graph.edges(keys=True, data=True):
        if source not in out or target not in out:
            continue
        articles = [a for a in attrs.get("articles") or [] if a in allowed]
        if not articles:
            continue
        kept = [(span, sentence) for span, sentence in zip(attrs.get("spans") or [], attrs.get("evidence") or [],
                                                             strict=False) if span.rsplit(":", 2)[0] in allowed]
        reported = sorted(d for d in (dates.get(a) for a in articles) if d)
        out.add_edge(source, target, key=key, **{
            **attrs, "articles": articles, "spans": [s for s, _ in kept], "evidence": [e for _, e in kept],
            "first_reported": reported[0] if reported else None, "last_reported": reported[-1] if reported else None})
    return out


def build_view(graph: nx.MultiDiGraph, selection: Selection, limit: int = MAX_NODES) -> nx.MultiDiGraph:
    """The network a selection asks for, from the whole graph. ``view.graph["notes"]`` says what was cut."""
    allowed = allowed_articles(graph, selection)
    narrowed = graph if allowed is None else within_articles(graph, allowed)
    labels = set(selection.labels) if selection.labels is not None else None
    network = {"facts": _facts, "cooccurrence": _cooccurrence, "stance": _stance}[selection.mode](narrowed, selection)
    keep = [n for n, a in network.nodes(data=True) if _shown_label(a.get("label"), labels) or n == selection.focus]
    network = network.subgraph(keep).copy()
    weak = [(a, b, k) for a, b, k, d in network.edges(keys=True, data=True) if d["weight"] < selection.min_weight]
    network.remove_edges_from(weak)
    network.remove_nodes_from([n for n in list(network) if network.degree(n) == 0 and n != selection.focus])
    notes = []
    if selection.focus:
        if selection.focus in network:
            network = nx.ego_graph(network, selection.focus, radius=selection.hops, undirected=True).copy()
        else:
            notes.append("The focused actor has no edge in this view.")
            network = nx.MultiDiGraph()
    if network.number_of_nodes() > limit:
        notes.append(_too_many(network.number_of_nodes(), limit))
        network = top_by_degree(network, limit)
    network.graph.update(graph.graph)
    network.graph["notes"] = notes
    return network


def lean_view(actors: ActorGraph, selection: Selection, dates: tuple[dt.date, dt.date] | None,
              limit: int = MAX_NODES) -> nx.MultiDiGraph | None:
    """The network ``build_view`` draws for a selection, from the actor graph instead of the whole graph,
    or None when the selection needs what the actor graph does not hold: co-occurrence, some articles
    or a narrower date window than ``dates`` (the first and last article dates), a minimum confidence,
    articles or statements drawn, a focus that is not an actor. Nodes carry ``label``, ``name`` and
    ``degree`` (relationships in the whole store, MENTIONED_IN left out); edges ``type``, ``tier`` and
    ``weight``: a fact's evidence is read when it is opened (``edge_evidence``)."""
    labels = selection.labels if selection.labels is not None else tuple(sorted(set(actors.labels)))
    if (selection.mode not in ("facts", "stance") or selection.articles or narrows(selection, dates)
            or selection.min_confidence > 0
            or set(labels) & NOT_ACTORS or (selection.focus is not None and selection.focus not in actors)):
        return None
    if selection.mode == "stance":
        types: Iterable[str] = STANCE_TYPES
    else:
        types = selection.types if selection.types is not None else [t for t in actors.type_names
                                                                    if t not in HIDDEN_TYPES]
    sub, before = actors.view(types, labels, tier=selection.tier, min_weight=selection.min_weight,
                              focus=selection.focus, hops=selection.hops, limit=limit)
    network = nx.MultiDiGraph()
    network.add_nodes_from((n.id, {"label": n.label, "name": n.name, "degree": n.degree}) for n in sub.nodes)
    network.add_edges_from((e.source, e.target, e.type, {"type": e.type, "tier": e.tier, "weight": e.weight})
                           for e in sub.edges)
    network.graph["notes"] = [_too_many(before, limit)] if sub.truncated else []
    return network


def _too_many(nodes: int, limit: int) -> str:
    return (f"{nodes} nodes are too many to draw smoothly; showing the {limit} best connected. Narrow the filters "
            "or focus on an actor to see the rest.")


def top_by_degree(graph: nx.MultiDiGraph, limit: int = MAX_NODES) -> nx.MultiDiGraph:
    """The ``limit`` best-connected nodes and the edges among them."""
    keep = sorted(graph.nodes, key=lambda n: (-graph.degree(n), n))[:limit]
    return graph.subgraph(keep).copy()


def _shown_label(label: str | None, labels: set[str] | None) -> bool:
    return label not in NOT_ACTORS if labels is None else label in labels


def _strong_enough(attrs: dict[str, Any], selection: Selection) -> bool:
    if selection.tier != "any" and attrs.get("tier") != selection.tier:
        return False
    return (attrs.get("confidence") or 0.0) >= selection.min_confidence


def _facts(graph: nx.MultiDiGraph, selection: Selection) -> nx.MultiDiGraph:
    types = set(selection.types) if selection.types is not None else None
    out = nx.MultiDiGraph()
    out.add_nodes_from(graph.nodes(data=True))
    for source, target, key, attrs in graph.edges(keys=True, data=True):
        shown = attrs.get("type") in types if types is not None else attrs.get("type") not in HIDDEN_TYPES
        if shown and _strong_enough(attrs, selection):
            out.add_edge(source, target, key=key, **attrs, weight=len(attrs.get("articles") or []))
    return out


def _stance(graph: nx.MultiDiGraph, selection: Selection) -> nx.MultiDiGraph:
    out = nx.MultiDiGraph()
    out.add_nodes_from(graph.nodes(data=True))
    for source, target, key, attrs in graph.edges(keys=True, data=True):
        if attrs.get("type") in STANCE_TYPES and _strong_enough(attrs, selection):
            out.add_edge(source, target, key=key, **attrs, weight=len(attrs.get("articles") or []))
    return out


def _cooccurrence(graph: nx.MultiDiGraph, selection: Selection) -> nx.MultiDiGraph:
    pairs = analysis.cooccurrence(graph)
    out = nx.MultiDiGraph()
    out.add_nodes_from(pairs.nodes(data=True))
    for a, b, attrs in pairs.edges(data=True):
        out.add_edge(a, b, key=NAMED_WITH, type=NAMED_WITH, **attrs)
    return out


def undirected(view: nx.MultiDiGraph, weight: bool = False) -> nx.Graph:
    """The view as a simple undirected graph, for communities and centrality; with ``weight``, an
    edge weighs the sum of the weights of the relationships between its two nodes."""
    simple = nx.Graph()
    simple.add_nodes_from(view.nodes)
    for a, b, attrs in view.edges(data=True):
        if a == b:
            continue
        before = simple[a][b]["weight"] if simple.has_edge(a, b) else 0
        simple.add_edge(a, b, weight=before + (attrs.get("weight", 1) if weight else 1))
    return simple


def edge_evidence(view: nx.MultiDiGraph, a: str, b: str,
                  fact: Callable[[str, str, str], dict[str, Any] | None] | None = None) -> list[dict[str, Any]]:
    """Every relationship between ``a`` and ``b`` in the view (either direction), each with its
    articles and sentences: ``{"type", "source", "target", "weight", "tier", "confidence", "review", "articles",
    "sentences": [{"article", "span", "start", "end", "sentence"}]}``. An edge of a ``lean_view`` has
    no evidence: ``fact`` (``Store.fact``: type, source, target -> properties) reads it."""
    found = []
    for source, target in ((a, b), (b, a)):
        for attrs in (view.get_edge_data(source, target) or {}).values():
            if "articles" not in attrs and fact is not None:  # none stored: ``machine``, as the whole graph says
                read = fact(attrs["type"], source, target) or {}
                attrs = {**read, "review": read.get("review") or "machine", **attrs}
            found.append({"type": attrs.get("type"), "source": source, "target": target,
                          "weight": attrs.get("weight"), "tier": attrs.get("tier"), "articles": attrs.get("articles") or [],
                          "confidence": attrs.get("confidence"), "review": attrs.get("review"),
                          "sentences": sentences(attrs)})
    return found


def sentences(attrs: dict[str, Any]) -> list[dict[str, Any]]:
    """A relationship's evidence as one dict per sentence: the article it is in, where, and its text.

    >>> sentences({"spans": ["article:1:5:20"], "evidence": ["A leads P."]})
    [{'article': 'article:1', 'span': 'article:1:5:20', 'start': 5, 'end': 20, 'sentence': 'A leads P.'}]
    """
    out = []
    for span, sentence in zip(attrs.get("spans") or [], attrs.get("evidence") or [], strict=False):
        article, start, end = span.rsplit(":", 2)
        out.append({"article": article, "span": span, "start": int(start), "end": int(end), "sentence": sentence})
    return out


def view_articles(view: nx.MultiDiGraph) -> list[str]:
    """The articles behind a view's edges, in order of first appearance."""
    return list(dict.fromkeys(a for *_, attrs in view.edges(data=True) for a in attrs.get("articles") or []))
