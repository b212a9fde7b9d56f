"""The Overview page: counts, the most central actors (most relationships: the degree the store keeps on
each actor, ranked by the actor graph, ``Store.top_actors``), communities, who is named with whom (and
in which articles), a shortest path between two actors, and the articles."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ...graph import analysis
from ...graph.articles import cite
from ...graph.store import StoreError
from . import data
from .articles_page import articles_frame, show_articles_table


def render() -> None:
    st.header("Overview")
    stats = data.store().stats()
    left, right = st.columns(2)
    left.dataframe(pd.DataFrame(stats["nodes"].items(), columns=["label", "nodes"]), hide_index=True)
    right.dataframe(pd.DataFrame(stats["relationships"].items(), columns=["type", "relationships"]),
                    hide_index=True)
    analysis_table("Most central actors (most relationships)", pd.DataFrame(data.store().top_actors(15)), "centrality")
    graph = data.whole_graph()
    communities = [{**c, "members": "; ".join(c["members"])} for c in analysis.communities(graph)]
    analysis_table("Communities (Louvain)", pd.DataFrame(communities), "communities")
    index = data.article_index()
    pairs = analysis.cooccurrence(graph)
    together = sorted(({"a": pairs.nodes[a].get("name", a), "b": pairs.nodes[b].get("name", b), "times": d["weight"],
                        "articles": "; ".join(cite(index[x]) for x in d["articles"] if x in index)}
                       for a, b, d in pairs.edges(data=True)), key=lambda r: (-r["times"], r["a"], r["b"]))
    analysis_table("Named together (statements and sentences)", pd.DataFrame(together[:30]), "cooccurrence")
    st.subheader("Shortest path between two actors")
    actors = data.actor_names()
    options = sorted(actors, key=lambda n: actors[n].lower())
    left, right = st.columns(2)
    source = left.selectbox("From", options, format_func=actors.get, index=None, key="path_from",
                            placeholder="an actor")
    target = right.selectbox("To", options, format_func=actors.get, index=None, key="path_to", placeholder="another")
    if source and target and source != target:
        try:
            st.table(pd.DataFrame(data.store().shortest_path(source, target)))
        except StoreError as err:
            st.info(str(err))
    st.subheader("Articles")
    show_articles_table(articles_frame())


def analysis_table(title: str, table: pd.DataFrame, name: str) -> None:
    """A result table with a CSV download beside it."""
    st.subheader(title)
    st.dataframe(table, hide_index=True)
    st.download_button(f"Download {name}.csv", table.to_csv(index=False).encode("utf-8"), f"{name}.csv",
                       "text/csv", key=f"download_{name}")
