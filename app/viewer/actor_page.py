"""The Actor page: one actor's properties, aliases, timeline, facts grouped by type with their
evidence, statements, and an article's text with the evidence highlighted. ``actor_summary`` is
also the panel the Network page shows beside the network for a clicked node."""

from __future__ import annotations

import html
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from ...graph.values import display
from ...graph.views import sentences as sentences_of
from . import curate_page, data, queries
from .evidence import citation_html, mark_legend, sentences, show_article

COMPACT_SENTENCES = 2  # per fact in the panel beside the network; the Actor page shows them all


def render() -> None:
    st.header("Actor")
    actors = data.actor_names()
    if st.session_state.get("actor") not in actors:
        st.session_state["actor"] = None
    st.selectbox("Actor", sorted(actors, key=lambda n: actors[n].lower()), format_func=actors.get, index=None,
                 key="actor", placeholder="Type a name (or click a node on the Network page)")
    actor = st.session_state["actor"]
    if actor:
        actor_summary(actor, compact=False)


def actor_summary(actor: str, compact: bool) -> None:
    """Who or what ``actor`` is, then its facts by type and its statements, with their evidence."""
    found = data.rows(queries.ACTOR_NODE, {"id": actor})
    if not found:
        st.warning(f"No node {actor!r} in the store.")
        return
    node = found[0]["n"]
    st.subheader(node.properties.get("name") or actor)
    st.write(f"**{node.label}** · `{actor}`")
    aliases = sorted(set(node.properties.get("aliases") or []))
    if aliases:
        st.write("Also written: " + ", ".join(aliases))
    if compact:
        st.page_link("page_scripts/actor.py", label="Open on the Actor page", query_params={"actor": actor})
    else:
        with st.expander("All its properties"):
            st.json({k: display(v) for k, v in node.properties.items() if k != "aliases"})
        st.page_link("page_scripts/network.py", label="Show its neighbourhood on the Network page",
                     query_params={"focus": actor, "node": actor})
    if curate_page.enabled():
        curate_page.actor_tools(actor, key=f"{'panel' if compact else 'actor'}_curate")
    facts = actor_facts(actor)
    said = actor_statements(actor)
    if not compact:
        timeline(facts, said)
    for relation in sorted({f["relation"] for f in facts}):
        group = [f for f in facts if f["relation"] == relation]
        with st.expander(f"{relation} ({len(group)})", expanded=not compact or len(facts) <= 6):
            for i, fact in enumerate(group):
                st.markdown(f"<div>{fact['direction']} <b>{html.escape(str(fact['other']))}</b> · "
                            f"{html.escape(fact['tier'] or 'fact')} · confidence {fact['confidence'] or 0:.2f}</div>",
                            unsafe_allow_html=True)
                rows = fact["sentences"][:COMPACT_SENTENCES] if compact else fact["sentences"]
                sentences(rows, key=f"{'panel' if compact else 'actor'}_{relation}_{i}")
                if len(rows) < len(fact["sentences"]):
                    st.caption(f"… and {len(fact['sentences']) - len(rows)} more sentences on the Actor page")
    if said:
        with st.expander(f"Statements ({len(said)})", expanded=not compact or len(said) <= 3):
            sentences(said, key=f"{'panel' if compact else 'actor'}_said")
    if not compact:
        article_with_evidence(facts, said)


def actor_facts(actor: str) -> list[dict[str, Any]]:
    """Its facts both ways (not MENTIONED_IN; not SAID: statements have their own list), each with
    ``direction`` and ``sentences``."""
    outgoing = [{**f, "direction": "→"} for f in data.rows(queries.ACTOR_FACTS_OUT, {"id": actor})]
    incoming = [{**f, "direction": "←"} for f in data.rows(queries.ACTOR_FACTS_IN, {"id": actor})]
    return [{**f, "sentences": sentences_of(f)} for f in outgoing + incoming]


def actor_statements(actor: str) -> list[dict[str, Any]]:
    """Its quotations as evidence rows (article, span, offsets, text)."""
    return [{"article": s["article"], "span": f"{s['article']}:{s['first_char']}:{s['last_char']}",
             "start": s["first_char"], "end": s["last_char"], "sentence": s["statement"]}
            for s in data.rows(queries.ACTOR_STATEMENTS, {"id": actor}) if s["article"]]


def timeline(facts: list[dict[str, Any]], said: list[dict[str, Any]]) -> None:
    """Facts and statements by article date: one row per kind, a dot per article (bigger when several)."""
    index = data.article_index()
    items = [(article, fact["relation"], fact["other"]) for fact in facts for article in fact["articles"] or []]
    items += [(s["article"], "statement", s["sentence"][:80]) for s in said]
    rows = [{"date": index[a]["published"], "kind": kind, "about": about, "article": index[a]["title"] or a}
            for a, kind, about in items if a in index and index[a]["published"]]
    undated = len(items) - len(rows)
    st.markdown("#### Timeline")
    if not rows:
        st.caption("None of its articles is dated." if items else "Nothing to place in time.")
        return
    table = pd.DataFrame(rows)
    table["date"] = pd.to_datetime(table["date"])
    chart = alt.Chart(table).mark_circle(opacity=0.75).encode(
        x=alt.X("date:T", title="article date", axis=alt.Axis(format="%Y-%m")), y=alt.Y("kind:N", title=None),
        size=alt.Size("count():Q", title="items", legend=None), color=alt.Color("kind:N", legend=None),
        tooltip=[alt.Tooltip("kind:N"), alt.Tooltip("date:T"), alt.Tooltip("article:N"),
                 alt.Tooltip("count():Q", title="items")])
    st.altair_chart(chart, width="stretch")
    first, last = table["date"].min().date(), table["date"].max().date()
    st.caption(f"{len(rows)} facts and statements by article date, {first.isoformat()} to {last.isoformat()}"
               + (f"; {undated} more from undated articles" if undated else ""))


def article_with_evidence(facts: list[dict[str, Any]], said: list[dict[str, Any]]) -> None:
    """Pick one of its articles: the text, with this actor's fact sentences and quotations highlighted."""
    marks = [(row["article"], row["start"], row["end"], "fact", f"{fact['relation']} {fact['other']}")
             for fact in facts for row in fact["sentences"]]
    marks += [(row["article"], row["start"], row["end"], "quote", "statement") for row in said]
    index = data.article_index()
    options = [a for a in dict.fromkeys(article for article, *_ in marks) if a in index]
    if not options:
        return
    st.markdown("#### In the articles")
    if st.session_state.get("actor_article") not in options:
        st.session_state["actor_article"] = options[0]
    chosen = st.selectbox("Article text, this actor's evidence highlighted", options, key="actor_article",
                          format_func=lambda a: index[a]["title"] or a)
    st.markdown(citation_html(chosen) + " · " + mark_legend(["fact", "quote"]), unsafe_allow_html=True)
    show_article(chosen, [(start, end, kind, label) for article, start, end, kind, label in marks if article == chosen])
