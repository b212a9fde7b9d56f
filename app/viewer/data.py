"""What the viewer reads from the store, cached per process so a rerun redraws without asking again.

The Network page draws from the store's actor graph (``Store.actor_graph``: the facts among actors,
with their weights and each actor's degree) whenever the view needs nothing more
(``views.lean_view``), and reads a line's evidence when it is opened (``Store.fact``). Other views
(co-occurrence, some articles or dates, a minimum confidence), the Overview and the Export page
read the whole graph (``exports.select_all``), once, kept until the store changes: the store is
asked for three counts (articles, nodes, relationships) at most every two seconds, and they are
part of every cache key, so a load or a merge shows at the next run after that. Views, layouts,
drawings and the article index are cached on the same keys. Cached objects are shared between
sessions: never change them.
"""

from __future__ import annotations

import os
from typing import Any

import networkx as nx
import streamlit as st

from ...graph import articles, exports
from ...graph.open import open_store
from ...graph.store import Store
from ...graph.views import Selection, build_view, lean_view
from .network import drawing, layout

COUNTS = ("MATCH (a:Article) RETURN count(a) AS n", "MATCH (n) RETURN count(n) AS n",
          "MATCH ()-[r]->() RETURN count(r) AS n")


def store_location() -> dict[str, str | None]:
    return {"db": os.environ.get("POLGRAPH_APP_DB"), "neo4j": os.environ.get("POLGRAPH_APP_NEO4J")}


@st.cache_resource(show_spinner=False)
def reader(db: str | None, neo4j: str | None) -> Store:
    return open_store(db, neo4j, read_only=True, create=False)


def store() -> Store:
    return reader(**store_location())


def rows(cypher: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    return store().query(cypher, params, max_rows=10_000).records()


def fingerprint() -> tuple[Any, ...]:
    """Where the store is and how much it holds: changes whenever articles, nodes or relationships do."""
    return _fingerprint(**store_location())


@st.cache_resource(show_spinner=False, ttl=2)  # asked once per page run, not once per cached read
def _fingerprint(db: str | None, neo4j: str | None) -> tuple[Any, ...]:
    return (db, neo4j, *(store().query(q).rows[0][0] for q in COUNTS))


def whole_graph() -> nx.MultiDiGraph:
    return _whole_graph(fingerprint())


def view(selection: Selection) -> nx.MultiDiGraph:
    return _view(fingerprint(), selection)


def network_view(selection: Selection) -> nx.MultiDiGraph:
    """The view the Network page draws: from the actor graph when it holds all the view needs (its edges
    then carry no evidence: ``fact`` reads it), else from the whole graph (``view``)."""
    return _network_view(fingerprint(), selection)


def drawn(selection: Selection, colour_by: str, size_by: str) -> dict[str, Any]:
    """The drawing of ``network_view(selection)``."""
    return _drawn(fingerprint(), selection, colour_by, size_by)


def fact(rel_type: str, source: str, target: str) -> dict[str, Any] | None:
    """One fact's properties (evidence, spans, articles ...), read when its line is opened."""
    return _fact(fingerprint(), rel_type, source, target)


def date_bounds() -> tuple[Any, Any] | None:
    """The first and last date any article is dated, or None (``views.date_range`` without the whole graph)."""
    return _date_bounds(fingerprint())


def has_node(node_id: str) -> bool:
    return node_id in actor_names() or store().label_of(node_id) is not None


def name_of(node_id: str) -> str:
    """An actor's name (else a node's, from the whole graph), or its id."""
    actors = store().actor_graph()
    if node_id in actors:
        return actors.names[actors.index[node_id]] or node_id
    whole = whole_graph()
    return (whole.nodes[node_id].get("name") if node_id in whole else None) or node_id


def article_index() -> dict[str, dict[str, Any]]:
    return _article_index(fingerprint())


def actor_names() -> dict[str, str]:
    """Every actor's id -> "Name (Label)", for the pickers."""
    return _actor_names(fingerprint())


# ``key`` (the fingerprint) is in every signature only to key the caches.
@st.cache_resource(show_spinner="Reading the graph…", max_entries=2)
def _whole_graph(key: tuple[Any, ...]) -> nx.MultiDiGraph:
    return exports.to_networkx(exports.select_all(store()))


@st.cache_resource(show_spinner=False, max_entries=32)
def _view(key: tuple[Any, ...], selection: Selection) -> nx.MultiDiGraph:
    return build_view(_whole_graph(key), selection)


@st.cache_resource(show_spinner=False, max_entries=32)
def _network_view(key: tuple[Any, ...], selection: Selection) -> nx.MultiDiGraph:
    lean = lean_view(store().actor_graph(), selection, _date_bounds(key))
    return lean if lean is not None else _view(key, selection)


@st.cache_resource(show_spinner=False, max_entries=32)
def _positions(key: tuple[Any, ...], selection: Selection) -> dict[str, tuple[float, float]]:
    return layout(_network_view(key, selection))


@st.cache_resource(show_spinner=False, max_entries=32)
def _drawn(key: tuple[Any, ...], selection: Selection, colour_by: str, size_by: str) -> dict[str, Any]:
    return drawing(_network_view(key, selection), colour_by, size_by, _positions(key, selection))


@st.cache_resource(show_spinner=False, max_entries=256)
def _fact(key: tuple[Any, ...], rel_type: str, source: str, target: str) -> dict[str, Any] | None:
    return store().fact(rel_type, source, target)


@st.cache_resource(show_spinner=False, max_entries=2)
def _date_bounds(key: tuple[Any, ...]) -> tuple[Any, Any] | None:
    return articles.date_bounds(_article_index(key))


@st.cache_resource(show_spinner=False, max_entries=2)
def _article_index(key: tuple[Any, ...]) -> dict[str, dict[str, Any]]:
    return articles.article_index(store())


@st.cache_resource(show_spinner=False, max_entries=2)
def _actor_names(key: tuple[Any, ...]) -> dict[str, str]:
    actors = store().actor_graph()
    return {n: f"{name or n} ({label})" for n, label, name in zip(actors.ids, actors.labels, actors.names, strict=True)}


def forget() -> None:
    """Drop the read-only handle and every cache (before and after the Load page writes)."""
    for cached in (reader, _fingerprint, _whole_graph, _view, _network_view, _positions, _drawn, _fact, _date_bounds,
                   _article_index, _actor_names):
        cached.clear()
