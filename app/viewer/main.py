"""polgraph's Streamlit viewer. Started by `polgraph app`; the store comes from the environment
(POLGRAPH_APP_DB or POLGRAPH_APP_NEO4J) and is opened read-only except while the Load page writes.

Each page is a module beside this one (``network_page.py`` ...), run by ``st.navigation`` through a two-line
script in ``page_scripts/`` (Streamlit runs scripts, not functions, for pages it can test and link to); the
selections of every page live in the session and in the URL (state.py), so any view can be
bookmarked and shared.
"""

from __future__ import annotations

import time
from pathlib import Path

import streamlit as st

from ...graph.store import StoreError
from . import curate_page, data, network_page, state

PAGES = Path(__file__).parent / "page_scripts"  # each a script that Streamlit runs, named by its URL path
TITLES = {"network": "Network", "actor": "Actor", "articles": "Articles", "cypher": "Cypher", "load": "Load",
          "overview": "Overview", "export": "Export"}
CURATION_TITLES = {"review": "Review", "decisions": "Decisions"}  # with `polgraph app --curate`


def url_defaults() -> dict:
    """Every value kept in the URL, with its default (a value at its default stays out of the URL)."""
    return {**network_page.defaults(), "actor": None, "article": None}


def warm() -> None:
    """Read and draw what the first Network page shows (its default view, layout and drawing, and the
    pickers' lists) into the caches every session shares: `polgraph app` calls it before it serves."""
    defaults = url_defaults()
    data.drawn(network_page.selection(state=defaults), defaults["colour"], defaults["size"])
    data.actor_names()
    data.article_index()


def main() -> None:
    st.set_page_config(page_title="polgraph", layout="wide")
    try:
        data.store()
        defaults = url_defaults()
    except StoreError as err:
        st.error(str(err))
        return
    state.restore(defaults)
    titles = {**TITLES, **(CURATION_TITLES if curate_page.enabled() else {})}
    pages = [st.Page(PAGES / f"{path}.py", title=title, url_path=path, default=path == "network")
             for path, title in titles.items()]
    if curate_page.enabled():
        curate_page.sidebar()
    started = time.perf_counter()
    st.navigation(pages).run()
    state.publish(defaults)
    st.sidebar.caption(f"{data.store().describe()} · {time.perf_counter() - started:.2f} s")
