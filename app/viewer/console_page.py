"""The Cypher page: a read-only console with examples and JSON parameters, a timeout and a row cap;
results as a table and, when they hold nodes and relationships, as a network."""

from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from ...graph import exports
from ...graph.store import StoreError
from ...graph.values import display
from . import component, data, queries
from .network import drawing

CONSOLE_TIMEOUT = 10.0
CONSOLE_MAX_ROWS = 500


def render() -> None:
    st.header("Cypher")
    st.caption(f"Read-only (the database refuses writes), {CONSOLE_TIMEOUT:.0f} s timeout, "
               f"{CONSOLE_MAX_ROWS} rows at most. Parameters as JSON, e.g. {{\"id\": \"person:marine-le-pen\"}}.")
    example = st.selectbox("Examples", list(queries.EXAMPLES))
    cypher = st.text_area("Query", value=queries.EXAMPLES[example], height=120, key="cypher_text")
    raw_params = st.text_input("Parameters (JSON)", value='{"id": "person:marine-le-pen"}', key="cypher_params")
    if st.button("Run", key="cypher_run"):
        run_console(cypher, raw_params)


def run_console(cypher: str, raw_params: str) -> None:
    try:
        params = json.loads(raw_params) if raw_params.strip() else {}
        if not isinstance(params, dict):
            raise ValueError("parameters must be a JSON object")
    except ValueError as err:
        st.error(f"Parameters: {err}")
        return
    try:
        result = data.store().query(cypher, params, timeout=CONSOLE_TIMEOUT, max_rows=CONSOLE_MAX_ROWS)
    except StoreError as err:
        st.error(str(err))
        return
    table = pd.DataFrame([[display(v) for v in row] for row in result.rows], columns=result.columns)
    if len(table) <= 200:
        st.table(table)  # plain HTML: selectable and searchable in the page
    else:
        st.dataframe(table, width="stretch", hide_index=True)
    st.caption(f"{len(result.rows)} rows" + (" (cut at the row cap)" if result.truncated else ""))
    nodes, rels = result.graph_items()
    if nodes:
        graph = exports.to_networkx(exports.Subgraph(nodes, [r for r in rels if r.source and r.target]))
        component.network(drawing(graph), key="console_network", height=520)
