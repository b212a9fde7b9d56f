"""The Export page: the Network page's current view (the same selection, from the session or a shared
URL) as GraphML, GEXF or node-link JSON, with metadata naming its articles by title, date and url."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import networkx as nx
import streamlit as st

from ...graph import exports
from ...graph.articles import cite
from ...graph.views import MODES, Selection, view_articles
from . import data, network_page
from .state import PUBLISHED

FORMATS = {"graphml": "application/xml", "gexf": "application/xml", "json": "application/json"}


def render() -> None:
    st.header("Export")
    chosen = network_page.selection()
    graph = exported(chosen)
    st.markdown(f"**The current view** (as on the Network page): {described(chosen)}")
    st.caption(f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} relationships, from "
               f"{len(graph.graph['articles'])} articles")
    for fmt, mime in FORMATS.items():
        st.download_button(f"Download {fmt}", data=export_bytes(graph, fmt), file_name=f"polgraph-view.{fmt}",
                           mime=mime, key=f"download_{fmt}")
    with st.expander("What the files carry about the view (graph attributes in GraphML and GEXF, "
                     "\"graph\" in JSON)"):
        st.json(json.dumps(graph.graph, default=str), expanded=True)


def exported(chosen: Selection) -> nx.MultiDiGraph:
    """A copy of the view with its metadata: polgraph version, store, time, the selection in words and
    as the URL that reopens it, counts, and every article behind it (title, date, outlet, url)."""
    view = data.view(chosen)
    graph = view.copy()
    index = data.article_index()
    meta: dict[str, Any] = exports.metadata(data.store(), described(chosen), exports.Subgraph())
    meta.update(nodes=view.number_of_nodes(), edges=view.number_of_edges(), mode=chosen.mode,
                view_url="?" + urlencode(st.session_state.get(PUBLISHED, {}), doseq=True),
                articles=[{k: index[a].get(k) for k in ("id", "title", "published", "outlet", "url")}
                          for a in view_articles(view) if a in index])
    graph.graph = meta
    return graph


def described(chosen: Selection) -> str:
    """The selection in words, articles by title and actors by name."""
    whole = data.whole_graph()
    index = data.article_index()
    parts = [MODES[chosen.mode]]
    if chosen.since and chosen.until:
        parts.append(f"articles dated {chosen.since.isoformat()} to {chosen.until.isoformat()}")
    if chosen.articles:
        parts.append("only " + "; ".join(cite(index[a]) for a in chosen.articles if a in index))
    if chosen.focus:
        name = whole.nodes[chosen.focus].get("name") if chosen.focus in whole else chosen.focus
        parts.append(f"within {chosen.hops} hop(s) of {name}")
    if chosen.min_weight > 1:
        parts.append(f"weight at least {chosen.min_weight}")
    if chosen.tier != "any" or chosen.min_confidence:
        parts.append(f"tier {chosen.tier}, confidence at least {chosen.min_confidence:.2f}")
    parts.append("labels " + ", ".join(chosen.labels or []))
    if chosen.types is not None:
        parts.append("types " + ", ".join(chosen.types))
    return "; ".join(parts)


def export_bytes(graph: nx.MultiDiGraph, fmt: str) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"export.{fmt}"
        exports.WRITERS[fmt](graph, path)
        return path.read_bytes()
