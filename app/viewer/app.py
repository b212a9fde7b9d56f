"""polgraph's Streamlit viewer. Started by `polgraph app`; the store comes from the environment
(POLGRAPH_APP_DB or POLGRAPH_APP_NEO4J) and is opened read-only except while the Load page writes.

Each page is a file beside this one (``network_page.py`` ...), run by ``st.navigation``; the
selections of every page live in the session and in the URL (state.py), so any view can be
bookmarked and shared.
"""

from __future__ import annotations

import time
from pathlib import Path

import streamlit as st

from polgraph.app.viewer import data, network_page, state
from polgraph.graph.store import StoreError

HERE = Path(__file__).parent
PAGES = [  # file, title, URL path
    ("network_page.py", "Network", "network"), ("actor_page.py", "Actor", "actor"),
    ("articles_page.py", "Articles", "articles"), ("console_page.py", "Cypher", "cypher"),
    ("load_page.py", "Load", "load"), ("overview_page.py", "Overview", "overview"),
    ("export_page.py", "Export", "export"),
]


def url_defaults() -> dict:
    """Every value kept in the URL, with its default (a value at its default stays out of the URL)."""
    return {**network_page.defaults(), "actor": None, "article": None}


def main() -> None:
    st.set_page_config(page_title="polgraph", layout="wide")
    try:
        data.store()
        defaults = url_defaults()
    except StoreError as err:
        st.error(str(err))
        return
    state.restore(defaults)
    pages = [st.Page(HERE / file, title=title, url_path=path, default=path == "network") for file, title, path in PAGES]
    started = time.perf_counter()
    st.navigation(pages).run()
    state.publish(defaults)
    st.sidebar.caption(f"{data.store().describe()} · {time.perf_counter() - started:.2f} s")


main()
