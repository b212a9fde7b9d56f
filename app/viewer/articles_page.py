"""The Articles page: every loaded article with its date and how many facts and statements polgraph
read in it; open one to see its text with those facts and quotations highlighted."""

from __future__ import annotations

import html
from typing import Any

import pandas as pd
import streamlit as st

from ...graph.articles import article_facts, article_statements, article_table, cite
from . import data
from .evidence import citation_html, mark_legend, show_article


def articles_frame() -> pd.DataFrame:
    """The article table as readers want it (also on the Overview page): no ids, no hashes."""
    rows = [{"title": a["title"] or a["name"] or a["path"], "date": a["published"], "outlet": a["outlet"],
             "facts": a["facts"], "statements": a["statements"], "url": a["url"]} for a in article_table(data.store())]
    return pd.DataFrame(rows, columns=["title", "date", "outlet", "facts", "statements", "url"])


def show_articles_table(table: pd.DataFrame) -> None:
    st.dataframe(table, hide_index=True, width="stretch", column_config={
        "url": st.column_config.LinkColumn("url"), "date": st.column_config.DateColumn("date", format="YYYY-MM-DD")})


def render() -> None:
    st.header("Articles")
    table = articles_frame()
    st.caption(f"{len(table)} articles, newest first; facts are the relationships read in each, statements its "
               "quotations.")
    show_articles_table(table)
    index = data.article_index()
    if st.session_state.get("article") not in index:
        st.session_state["article"] = None
    st.selectbox("Open an article", list(index), format_func=lambda a: cite(index[a]), index=None, key="article",
                 placeholder="Type part of a title")
    chosen = st.session_state["article"]
    if chosen:
        open_article(chosen)


def open_article(article_id: str) -> None:
    facts = article_facts(data.store(), article_id)
    said = article_statements(data.store(), article_id)
    st.subheader(data.article_index()[article_id]["title"] or article_id)
    st.markdown(citation_html(article_id) + f" · {len(facts)} facts, {len(said)} statements · "
                + mark_legend(["fact", "quote"]), unsafe_allow_html=True)
    marks = [(start, end, "fact", f"{f['relation']}: {f['subject']} → {f['object']}")
             for f in facts for start, end, _ in f["marks"]]
    marks += [(s["first_char"], s["last_char"], "quote", f"said by {s['speaker'] or 'unknown'}") for s in said
              if s["first_char"] is not None]
    left, right = st.columns([3, 2])
    with left:
        show_article(article_id, marks, height=640)
    with right:
        if facts:
            st.markdown("#### Facts")
            st.dataframe(pd.DataFrame(_fact_rows(facts)), hide_index=True, width="stretch")
        if said:
            st.markdown("#### Quotations")
            for statement in said:
                st.markdown(f"<div><b>{html.escape(statement['speaker'] or 'unknown speaker')}</b>: "
                            f"“{html.escape(statement['text'])}”</div>", unsafe_allow_html=True)


def _fact_rows(facts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"subject": f["subject"], "relation": f["relation"], "object": f["object"], "tier": f["tier"]}
            for f in facts]
