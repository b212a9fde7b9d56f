"""The Network page: the actor network in one of three modes, its legend, and beside it the panel of
the node or line clicked. Run by Streamlit as a page of app.py; ``selection`` is also the Export
page's way to rebuild exactly this view."""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

import networkx as nx
import streamlit as st

from ...graph.articles import cite
from ...graph.store import NOT_ACTORS
from ...graph.views import HIDDEN_TYPES, MODES, NAMED_WITH, Selection, edge_evidence
from . import component, curate_page, data
from .actor_page import actor_summary
from .evidence import citation_html, sentences
from .network import legend_html

COLOURS = {"label": "label", "community": "community (Louvain)"}
SIZES = {"degree": "degree", "betweenness": "betweenness"}
TIERS = ["any", "explicit", "inferred"]


def defaults() -> dict:
    """The Network page's URL parameters and their defaults (the date window spans every article)."""
    return {"mode": "facts", "colour": "label", "size": "degree", "window": data.date_bounds(),
            "weight": 1, "labels": actor_labels(), "types": default_types(), "articles": [], "tier": "any",
            "confidence": 0.0, "focus": None, "hops": 1, "node": None, "edge": None, "span": None}


def actor_labels() -> list[str]:
    return [label for label in data.store().schema.nodes if label not in NOT_ACTORS]


def default_types() -> list[str]:
    return [t for t in data.store().schema.relationships if t not in HIDDEN_TYPES]


def selection(focus: bool = True, state: Mapping[str, Any] | None = None) -> Selection:
    """The view the session's values ask for (without its focus if asked: the whole network to pick from),
    or ``state``'s (``defaults()``: the first page's, which `polgraph app` builds before serving)."""
    state = st.session_state if state is None else state
    window = state.get("window") or (None, None)
    return Selection(
        mode=state["mode"], labels=tuple(state["labels"]),
        types=tuple(state["types"]) if state["mode"] == "facts" else None,
        articles=tuple(state["articles"]), since=window[0], until=window[1],
        tier=state["tier"] if state["mode"] != "cooccurrence" else "any",
        min_confidence=state["confidence"] if state["mode"] != "cooccurrence" else 0.0,
        min_weight=state["weight"], focus=state["focus"] if focus else None, hops=state["hops"])


def render() -> None:
    st.header("Network")
    controls = st.container()  # the focus, the legend and the caption: filled after the network, shown above it
    unfocused = settle()
    chosen = selection()
    view = data.network_view(chosen)
    drawn = data.drawn(chosen, st.session_state["colour"], st.session_state["size"])
    # The network goes to the browser first, the widgets after: its frame and vis-network load while the
    # browser still loads the widgets' code (a first page 0.3 to 1 s sooner at 1,500 nodes).
    left, right = st.columns([3, 2])
    with left:
        clicked = component.network(drawn, key="network_canvas", selected_node=st.session_state["node"])
    sidebar()
    with controls:
        focus_and_hops(unfocused)
        for note in view.graph.get("notes", []):
            st.warning(note)
        st.markdown(legend_html(drawn["legend"]), unsafe_allow_html=True)
        st.caption(f"{MODES[chosen.mode]}: {view.number_of_nodes()} nodes, {view.number_of_edges()} lines. "
                   "Click a node or a line for its evidence.")
    take_click(clicked)
    with right:
        panel(view)


def settle() -> nx.MultiDiGraph:
    """Fit the session's values to what the widgets can show, before anything is drawn, and return the
    view without its focus (the network to pick a focus from)."""
    state = st.session_state
    bounds = data.date_bounds()
    if bounds and bounds[0] < bounds[1]:
        window = state.get("window") or bounds
        state["window"] = (max(bounds[0], min(window[0], bounds[1])), min(bounds[1], max(window[1], bounds[0])))
    keep_valid("labels", list(data.store().schema.nodes))
    if state["mode"] == "facts":
        keep_valid("types", list(data.store().schema.relationships))
    keep_valid("articles", list(data.article_index()))
    unfocused = data.network_view(selection(focus=False))
    heaviest = heaviest_weight(unfocused)
    state["weight"] = min(state["weight"], heaviest) if heaviest > 1 else 1
    keep_valid("focus", list(focus_names(unfocused)))
    return unfocused


def sidebar() -> None:
    state = st.session_state
    with st.sidebar:
        st.subheader("View")
        st.radio("Mode", list(MODES), format_func=MODES.get, key="mode",
                 help="Facts: the relationships read in the articles. Named together: actors named in the same "
                      "sentence or quotation. Support and opposition: SUPPORTS and OPPOSES only.")
        st.radio("Colour by", list(COLOURS), format_func=COLOURS.get, key="colour", horizontal=True)
        st.radio("Size by", list(SIZES), format_func=SIZES.get, key="size", horizontal=True)
        bounds = data.date_bounds()
        if bounds and bounds[0] < bounds[1]:
            st.slider("Articles dated between", bounds[0], bounds[1], key="window", format="YYYY-MM-DD",
                      help="Only the evidence of articles dated in this range counts, in every mode "
                           "(undated articles count only while the range is whole).")
        elif bounds:
            st.caption(f"Every dated article is from {bounds[0].isoformat()}.")
        st.subheader("Filters")
        st.multiselect("Labels", list(data.store().schema.nodes), key="labels")
        if state["mode"] == "facts":
            st.multiselect("Relationship types", list(data.store().schema.relationships), key="types")
        index = data.article_index()
        st.multiselect("Articles", list(index), format_func=lambda a: cite(index[a]), key="articles",
                       placeholder="every article")
        if state["mode"] != "cooccurrence":
            st.radio("Tier", TIERS, key="tier", horizontal=True,
                     help="explicit: stated in one sentence; inferred: read from the article's context")
            st.slider("Minimum confidence", 0.0, 1.0, step=0.05, key="confidence")


def heaviest_weight(unfocused: nx.MultiDiGraph) -> int:
    return max((d["weight"] for *_, d in unfocused.edges(data=True)), default=1)


def focus_names(unfocused: nx.MultiDiGraph) -> dict[str, str]:
    """What the focus box offers, id -> "Name (Label)": the view's nodes, and the focus already chosen."""
    focus = st.session_state["focus"]
    names = {n: f"{a.get('name') or n} ({a.get('label')})" for n, a in unfocused.nodes(data=True)}
    actors = data.actor_names()
    if focus and focus not in names and focus in actors:
        names[focus] = actors[focus]
    return names


def focus_and_hops(unfocused: nx.MultiDiGraph) -> None:
    state = st.session_state
    heaviest = heaviest_weight(unfocused)
    unit = "sentences" if state["mode"] == "cooccurrence" else "articles"
    if heaviest > 1:
        st.sidebar.slider(f"Minimum weight ({unit})", 1, heaviest, key="weight",
                          help=f"Hide lines backed by fewer {unit}")
    names = focus_names(unfocused)
    left, right = st.columns([3, 1])
    left.selectbox("Focus on an actor or an election", sorted(names, key=lambda n: names[n].lower()),
                   format_func=names.get, index=None, key="focus", placeholder="the whole network (type a name to focus)")
    right.slider("Hops around it", 1, 3, key="hops", disabled=not state["focus"])


def keep_valid(key: str, options: list) -> None:
    """Drop from the session what the widget cannot show (an id from an old URL, a deleted article)."""
    value = st.session_state.get(key)
    if isinstance(value, list):
        st.session_state[key] = [v for v in value if v in options]
    elif value is not None and value not in options:
        st.session_state[key] = None


def take_click(clicked: dict | None) -> None:
    """A new click on the network selects a node or a line (the component keeps its last value: ``at``
    tells a new click from the one already taken)."""
    if not clicked or clicked.get("at") == st.session_state.get("_click_at"):
        return
    st.session_state["_click_at"] = clicked["at"]
    if clicked["kind"] == "node":
        st.session_state.update(node=clicked["id"], edge=None, span=None)
    else:
        st.session_state.update(node=None, edge=[clicked["source"], clicked["target"]], span=None)


def _close() -> None:
    st.session_state.update(node=None, edge=None, span=None)


def panel(view: nx.MultiDiGraph) -> None:
    node, edge = st.session_state["node"], st.session_state["edge"]
    if node and data.has_node(node):
        st.button("✕ close", key="close_panel", on_click=_close, type="tertiary")
        actor_summary(node, compact=True)
    elif edge and len(edge) == 2:
        st.button("✕ close", key="close_panel", on_click=_close, type="tertiary")
        edge_panel(view, *edge)
    else:
        st.info("Click a node to see who or what it is, with its facts and statements; click a line to read "
                "every sentence behind it, with its article.")


def edge_panel(view: nx.MultiDiGraph, a: str, b: str) -> None:
    names = {n: data.name_of(n) for n in (a, b)}
    relationships = edge_evidence(view, a, b, data.fact)
    st.subheader(f"{names[a]} — {names[b]}")
    if not relationships:
        st.info("There is no line between these two in the view as it is now.")
        return
    for i, rel in enumerate(relationships):
        articles = rel["articles"]
        if rel["type"] == NAMED_WITH:
            head = f"<b>Named together</b> in {rel['weight']} sentence(s) or quotation(s), {len(articles)} article(s)"
        else:
            head = (f"<b>{html.escape(names[rel['source']])}</b> → <code>{rel['type']}</code> → "
                    f"<b>{html.escape(names[rel['target']])}</b> · {html.escape(rel['tier'] or 'fact')} · confidence "
                    f"{rel['confidence'] or 0:.2f} · {len(articles)} article(s)")
        articles_line = "; ".join(citation_html(article) for article in articles)
        st.markdown(f"<div>{head}<br><small>Articles: {articles_line}</small></div>", unsafe_allow_html=True)
        if curate_page.enabled() and rel["type"] != NAMED_WITH:
            curate_page.fact_tools(rel, key=f"edge_{i}_curate")
        sentences(rel["sentences"], key=f"edge_{i}")
