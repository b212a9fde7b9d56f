"""Curation in the viewer (`polgraph app --curate`; read-only without it): buttons on the actor and edge
panels, the review queue (least confident first) and the audit log.

Each button makes one decision through graph/curation.py with a writable handle opened for that
decision alone and closed at once (the read-only handle is dropped meanwhile, as the Load page does),
so `polgraph load` can run between two clicks: no writer is held open.
"""

from __future__ import annotations

import getpass
import html
import os
from collections.abc import Callable
from typing import Any

import streamlit as st

from ...graph import curation
from ...graph.curation import FactKey
from ...graph.open import open_store
from ...graph.schema import SchemaError
from ...graph.store import NOT_ACTORS, StoreError
from . import data

CURATE_ENV = "POLGRAPH_APP_CURATE"
NOTICE = "_curation_notice"


def enabled() -> bool:
    """Whether the viewer was started with --curate."""
    return os.environ.get(CURATE_ENV) == "1"


def author() -> str:
    """The reviewer named in the sidebar (default $POLGRAPH_AUTHOR, else the login name)."""
    if "curation_author" not in st.session_state:
        st.session_state["curation_author"] = os.environ.get("POLGRAPH_AUTHOR") or _login()
    return st.session_state["curation_author"]


def _login() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


def sidebar() -> None:
    """The reviewer's name, and what the last decision did."""
    author()
    st.sidebar.text_input("Reviewer", key="curation_author", help="Recorded with every decision you make here.")
    notice = st.session_state.pop(NOTICE, None)
    if notice:
        (st.sidebar.success if notice[0] == "ok" else st.sidebar.error)(notice[1])


def decide(action: Callable[..., curation.Decision], *args: Any, **kwargs: Any) -> None:
    """Make one decision in its own short write transaction, then read the store afresh."""
    data.forget()
    try:
        with open_store(**data.store_location(), create=False) as writable:
            decision = action(writable, *args, author=author(), **kwargs)
        st.session_state[NOTICE] = ("ok", f"{decision.kind}: {decision.fact or ', '.join(decision.actors)}")
    except (StoreError, SchemaError) as err:
        st.session_state[NOTICE] = ("error", " ".join(str(err).split()))
    finally:
        data.forget()


# --- the edge panel ------------------------------------------------------------------------
def fact_tools(fact: dict[str, Any], key: str) -> None:
    """Verify, reject and edit buttons under one fact of the edge panel (or of an actor's facts)."""
    found = FactKey(fact["type"], fact["source"], fact["target"])
    status = fact.get("review") or "machine"
    st.caption(f"Review: {status}")
    left, middle, right = st.columns(3)
    left.button("Verify", key=f"{key}_verify", on_click=decide, args=(curation.verify, found))
    middle.button("Reject", key=f"{key}_reject", on_click=decide, args=(curation.reject, found))
    with right.popover("Edit"):
        types = list(data.store().schema.relationships)
        st.selectbox("Predicate", types, index=types.index(found.type), key=f"{key}_type")
        st.text_input("Source id", value=found.source, key=f"{key}_source")
        st.text_input("Target id", value=found.target, key=f"{key}_target")
        st.text_input("Properties (NAME=VALUE, comma separated)", key=f"{key}_props",
                      placeholder="role=mayor, current=false")
        st.button("Save the edit", key=f"{key}_save", on_click=_edit, args=(found, key))


def _edit(found: FactKey, key: str) -> None:
    from ..curate_cli import parse_name_value

    state = st.session_state
    try:
        props = dict(parse_name_value(item.strip(), "properties")
                     for item in state[f"{key}_props"].split(",") if item.strip())
    except Exception as err:  # noqa: BLE001 (click's BadParameter): shown as one line
        state[NOTICE] = ("error", str(err))
        return
    decide(curation.edit, found, rel_type=state[f"{key}_type"], source=state[f"{key}_source"].strip(),
           target=state[f"{key}_target"].strip(), properties=props)


# --- the actor panel ----------------------------------------------------------------------------
def actor_tools(actor: str, key: str) -> None:
    """Rename, relabel, merge with a searched actor, split, reject, and add a fact with a span of an article."""
    node = data.whole_graph().nodes.get(actor) or {}
    with st.expander("Curate this actor"):
        st.text_input("New name", value=node.get("name") or "", key=f"{key}_name")
        st.button("Rename", key=f"{key}_rename", on_click=lambda: decide(
            curation.rename, actor, st.session_state[f"{key}_name"]))
        labels = [label for label in data.store().schema.nodes if label not in NOT_ACTORS
                  and label != node.get("label")]
        st.selectbox("New label", labels, key=f"{key}_label")
        st.button("Relabel", key=f"{key}_relabel", on_click=lambda: decide(
            curation.relabel, actor, st.session_state[f"{key}_label"]))
        others = {n: name for n, name in data.actor_names().items() if n != actor}
        st.selectbox("Merge with (type to search)", sorted(others, key=lambda n: others[n].lower()),
                     format_func=others.get, index=None, key=f"{key}_merge", placeholder="another actor")
        st.button("Merge it into this actor", key=f"{key}_do_merge", on_click=_merge, args=(actor, key))
        merged = list(node.get("merged_ids") or [])
        if merged:
            st.selectbox("Split off", merged, key=f"{key}_split")
            st.button("Split", key=f"{key}_do_split", on_click=lambda: decide(
                curation.split, actor, st.session_state[f"{key}_split"]))
        st.button("Reject this actor (a false entity: its facts go too)", key=f"{key}_reject",
                  on_click=decide, args=(curation.reject_actor, actor))
    with st.expander("Add a fact by hand"):
        add_fact_form(actor, key)


def _merge(actor: str, key: str) -> None:
    other = st.session_state.get(f"{key}_merge")
    if not other:
        st.session_state[NOTICE] = ("error", "choose the actor to merge first")
        return
    decide(curation.merge, actor, other)


def add_fact_form(actor: str, key: str) -> None:
    """A fact from this actor to another, its evidence a span of an article's text: the quote typed or
    pasted from the article (found in its text, shown highlighted) or the span's offsets."""
    from .evidence import show_article

    store = data.store()
    index = data.article_index()
    others = {n: name for n, name in data.actor_names().items() if n != actor}
    st.selectbox("Predicate", list(store.schema.relationships), key=f"{key}_add_type")
    st.selectbox("Other actor", sorted(others, key=lambda n: others[n].lower()), format_func=others.get,
                 index=None, key=f"{key}_add_other")
    st.selectbox("Article", list(index), format_func=lambda a: index[a].get("title") or a, index=None,
                 key=f"{key}_add_article")
    article = st.session_state.get(f"{key}_add_article")
    st.text_input("Evidence: paste the words from the article", key=f"{key}_add_quote")
    span = _span(article, st.session_state.get(f"{key}_add_quote") or "")
    if article and span:
        show_article(article, [(span[0], span[1], "chosen", "")], height=200)
        st.caption(f"Characters {span[0]}:{span[1]}")
    elif article and st.session_state.get(f"{key}_add_quote"):
        st.warning("Those words are not in the article's text.")
    st.button("Add the fact", key=f"{key}_add", disabled=not (article and span and
                                                             st.session_state.get(f"{key}_add_other")),
              on_click=lambda: decide(curation.add, FactKey(st.session_state[f"{key}_add_type"], actor,
                                                            st.session_state[f"{key}_add_other"]),
                                      article=article, start=span[0], end=span[1]))


def _span(article: str | None, quote: str) -> tuple[int, int] | None:
    from ...graph.articles import article as stored_article

    if not article or not quote.strip():
        return None
    found = stored_article(data.store(), article)
    text = (found or {}).get("text") or ""
    start = text.find(quote.strip())
    return (start, start + len(quote.strip())) if start >= 0 else None


# --- the pages ------------------------------------------------------------------------------------
def render_queue() -> None:
    """The review queue: facts no one has reviewed, least confident first, each with its evidence."""
    st.header("Review queue")
    if not enabled():
        st.info("Start the viewer with `polgraph app --curate` to review facts.")
        return
    limit = st.slider("Facts shown", 10, 200, 30, step=10)
    queue = curation.review_queue(data.store(), limit)
    st.caption(f"{len(queue)} unreviewed facts, least confident first")
    for i, fact in enumerate(queue):
        st.markdown(f"<div><b>{html.escape(fact['source_name'] or fact['source'])}</b> → <code>{fact['type']}</code>"
                    f" → <b>{html.escape(fact['target_name'] or fact['target'])}</b> · confidence "
                    f"{fact['confidence'] or 0:.2f} · {html.escape(fact['tier'] or '')}</div>", unsafe_allow_html=True)
        for sentence in fact["evidence"][:2]:
            st.markdown(f"<blockquote>{html.escape(' '.join(sentence.split()))}</blockquote>", unsafe_allow_html=True)
        fact_tools(fact, key=f"queue_{i}")


def render_log() -> None:
    """The audit log: every decision, newest first, filtered by author, actor or article."""
    st.header("Decisions")
    made = curation.decisions(data.store())
    authors = sorted({d.author for d in made})
    left, middle, right = st.columns(3)
    chosen = left.selectbox("Author", authors, index=None, placeholder="everyone")
    actor = middle.text_input("Actor id")
    article = right.text_input("Article id")
    shown = [d for d in reversed(made) if (not chosen or d.author == chosen) and (not actor or actor in d.actors)
             and (not article or article in d.articles)]
    st.caption(f"{len(shown)} of {len(made)} decisions")
    st.dataframe([{"when": d.at[:19].replace("T", " "), "author": d.author, "decision": d.kind,
                   "about": d.fact or ", ".join(d.actors), "note": d.note or "", "changed": _changed(d)}
                  for d in shown], hide_index=True, use_container_width=True)


def _changed(decision: curation.Decision) -> str:
    changed = decision.changed
    if "before" in changed and "after" in changed and not isinstance(changed["after"], dict):
        return f"{changed['before']} → {changed['after']}"
    if decision.kind == "edit":
        return f"{changed['before']['fact']} → {changed['after']['fact']}"
    return ", ".join(f"{k}: {v if not isinstance(v, list | dict) else len(v)}" for k, v in changed.items()
                     if k not in ("ends", "drop_node"))
