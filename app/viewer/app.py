"""polgraph's Streamlit viewer. Started by `polgraph app`; the store comes from the environment
(POLGRAPH_APP_DB or POLGRAPH_APP_NEO4J) and is opened read-only except while the Load page writes.
"""

from __future__ import annotations

import html
import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd
import streamlit as st

from polgraph.app.viewer import queries
from polgraph.app.viewer.network import MAX_NODES, legend_html, network_html, top_by_degree
from polgraph.graph import analysis, exports
from polgraph.graph.store import Store, StoreError, open_store
from polgraph.graph.values import display

PAGES = ["Network", "Actor", "Cypher", "Load", "Overview", "Export"]
CONSOLE_TIMEOUT = 10.0
CONSOLE_MAX_ROWS = 500


def store_location() -> dict[str, str | None]:
    return {"db": os.environ.get("POLGRAPH_APP_DB"), "neo4j": os.environ.get("POLGRAPH_APP_NEO4J")}


@st.cache_resource(show_spinner=False)
def reader(db: str | None, neo4j: str | None) -> Store:
    return open_store(db, neo4j, read_only=True, create=False)


def store() -> Store:
    return reader(**store_location())


def rows(cypher: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    return store().query(cypher, params, max_rows=10_000).records()


# --- Network ----------------------------------------------------------------------------
def network_page() -> None:
    st.header("Network")
    st.markdown(legend_html(), unsafe_allow_html=True)
    schema = store().schema
    with st.sidebar:
        st.subheader("Filters")
        labels = st.multiselect("Labels", list(schema.nodes), default=[label for label in schema.nodes
                                                                          if label not in ("Article", "Statement")])
        types = st.multiselect("Relationship types", list(schema.relationships),
                               default=[t for t in schema.relationships if t not in ("MENTIONED_IN", "MENTIONS")])
        titles = article_titles()
        articles = st.multiselect("Articles", list(titles), format_func=titles.get)
        events = {r["id"]: r["name"] for r in rows(queries.EVENTS)}
        event = st.selectbox("Election or round", [None, *events], format_func=lambda e: events.get(e, "any"))
        window = st.date_input("Reported between", value=(), key="network_window",
                               help="Facts whose articles are dated in this window")
        tier = st.radio("Tier", ["any", "explicit", "inferred"], horizontal=True)
        min_confidence = st.slider("Minimum confidence", 0.0, 1.0, 0.0, 0.05)
    search = st.text_input("Focus on an actor", placeholder="e.g. Le Pen", key="network_search")
    hops = st.slider("Hops around the actor", 1, 3, 1)
    focus = _pick_actor(search, key="network_pick") if search else None
    if focus:
        sub = exports.select_ego(store(), focus, hops)
    elif event:
        sub = exports.select_ego(store(), event, 2)
    elif articles:
        sub = exports.select_articles(store(), articles)
    elif len(window) == 2:
        sub = exports.select_window(store(), *window)
    else:
        sub = exports.select_all(store())
    graph = filtered(exports.to_networkx(sub), labels, types, tier, min_confidence, keep=focus)
    if graph.number_of_nodes() > MAX_NODES:
        st.warning(f"{graph.number_of_nodes()} nodes are too many to draw smoothly; showing the {MAX_NODES} "
                   "best connected. Narrow the filters or focus on an actor to see the rest.")
        graph = top_by_degree(graph)
    st.caption(f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} relationships")
    st.session_state["view"] = graph
    st.iframe(network_html(graph, focus=focus), height=680)
    if focus:
        st.session_state["actor"] = focus
        st.info("The Actor page shows this actor's facts with their evidence.")


def filtered(graph: nx.MultiDiGraph, labels: list[str], types: list[str], tier: str, min_confidence: float,
             keep: str | None = None) -> nx.MultiDiGraph:
    """The graph with only the chosen labels, types, tier and confidence (``keep`` always stays)."""
    out = nx.MultiDiGraph(**graph.graph)
    out.add_nodes_from((n, a) for n, a in graph.nodes(data=True) if a.get("label") in labels or n == keep)
    for source, target, key, attrs in graph.edges(keys=True, data=True):
        if source not in out or target not in out or attrs.get("type") not in types:
            continue
        if tier != "any" and attrs.get("tier") != tier:
            continue
        if (attrs.get("confidence") or 0.0) < min_confidence:
            continue
        out.add_edge(source, target, key=key, **attrs)
    isolated = [n for n in out if out.degree(n) == 0 and n != keep]
    out.remove_nodes_from(isolated)
    return out


def article_titles() -> dict[str, str]:
    """Article id -> title (or id), read once per page run rather than once per option shown."""
    return {a["id"]: a["title"] or a["id"] for a in store().articles()}


def _pick_actor(text: str, key: str) -> str | None:
    matches = rows(queries.ACTOR_SEARCH, {"text": text})
    if not matches:
        st.warning(f"No actor named like {text!r}.")
        return None
    options = {m["id"]: f"{m['name']} ({_label(m['label'])})" for m in matches}
    return st.selectbox("Actor", list(options), format_func=options.get, key=key)


def _label(value: Any) -> str:
    return value[0] if isinstance(value, list) else str(value)


# --- Actor ------------------------------------------------------------------------------
def actor_page() -> None:
    st.header("Actor")
    search = st.text_input("Find an actor", value="", placeholder="e.g. Marine Le Pen", key="actor_search")
    actor = _pick_actor(search, key="actor_pick") if search else st.session_state.get("actor")
    if not actor:
        st.caption("Type a name, or focus on an actor on the Network page.")
        return
    found = rows(queries.ACTOR_NODE, {"id": actor})
    if not found:
        st.warning(f"No node {actor!r}.")
        return
    node = found[0]["n"]
    st.subheader(node.properties.get("name", actor))
    st.write(f"**{node.label}** · `{actor}`")
    aliases = sorted(set(node.properties.get("aliases") or []))
    if aliases:
        st.write("Also written: " + ", ".join(aliases))
    st.json({k: display(v) for k, v in node.properties.items() if k != "aliases"}, expanded=False)
    outgoing = [{**f, "direction": "→"} for f in rows(queries.ACTOR_FACTS_OUT, {"id": actor})]
    incoming = [{**f, "direction": "←"} for f in rows(queries.ACTOR_FACTS_IN, {"id": actor})]
    facts = outgoing + incoming
    for relation in sorted({f["relation"] for f in facts}):
        st.markdown(f"#### {relation}")
        for fact in (f for f in facts if f["relation"] == relation):
            st.markdown(f"{fact['direction']} **{fact['other']}** "
                        f"· {fact['tier'] or ''} · confidence {fact['confidence'] or 0:.2f}")
            for sentence, span in zip(fact["evidence"] or [], fact["spans"] or [], strict=False):
                st.markdown(f"> {html.escape(sentence)}  \n<small>{html.escape(span)}</small>",
                            unsafe_allow_html=True)
    said = rows(queries.ACTOR_STATEMENTS, {"id": actor})
    if said:
        st.markdown("#### Statements")
        for statement in said:
            st.markdown(f"> “{statement['statement']}”")
    spans = [span for fact in facts for span in fact["spans"] or []]
    articles = sorted({span.rsplit(":", 2)[0] for span in spans})
    if articles:
        titles = article_titles()
        chosen = st.selectbox("Article text, evidence highlighted", articles,
                              format_func=lambda a: titles.get(a, a))
        st.markdown(highlighted(chosen, spans), unsafe_allow_html=True)


def highlighted(article_id: str, spans: list[str]) -> str:
    """The article's text as HTML, escaped, with the given spans of it marked."""
    found = rows(queries.ARTICLE_TEXT, {"id": article_id})
    text = (found[0]["text"] if found else "") or ""
    marks = sorted({(int(s), int(e)) for span in spans if span.startswith(article_id + ":")
                    for s, e in [span.rsplit(":", 2)[1:]]})
    out, cursor = [], 0
    for start, end in marks:
        if start < cursor:
            continue
        out.append(html.escape(text[cursor:start]))
        out.append(f"<mark>{html.escape(text[start:end])}</mark>")
        cursor = end
    out.append(html.escape(text[cursor:]))
    body = "".join(out).replace("\n", "<br>")
    return f'<div style="max-height:420px;overflow:auto;border:1px solid #ddd;padding:8px">{body}</div>'


# --- Cypher -----------------------------------------------------------------------------
def cypher_page() -> None:
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
        result = store().query(cypher, params, timeout=CONSOLE_TIMEOUT, max_rows=CONSOLE_MAX_ROWS)
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
        sub = exports.Subgraph(nodes, [r for r in rels if r.source and r.target])
        graph = exports.to_networkx(sub, {"selection": f"query: {cypher}"})
        st.session_state["view"] = graph
        st.iframe(network_html(graph), height=520)


# --- Load -------------------------------------------------------------------------------
def load_page() -> None:
    st.header("Load an article")
    if store_location()["neo4j"] is None and store_location()["db"] is None:
        st.error("No store configured.")
        return
    upload = st.file_uploader("Article (txt, md, html, json, jsonl)", type=["txt", "md", "html", "htm", "json",
                                                                            "jsonl"])
    if upload is None:
        return
    try:
        extractions = preview(upload.name, upload.getvalue())
    except (StoreError, ValueError) as err:
        st.error(str(err))
        return
    for extraction in extractions:
        st.subheader(extraction.document.title or extraction.document.source)
        st.dataframe(pd.DataFrame([{"name": e.name, "label": e.label, "mentions": len(e.mentions)}
                                   for e in extraction.entities]), hide_index=True)
        st.dataframe(pd.DataFrame([{"subject": r.subject, "relation": r.predicate, "object": r.object,
                                    "tier": r.tier, "evidence": r.evidence.sentence} for r in extraction.relations]),
                     hide_index=True)
        st.dataframe(pd.DataFrame([{"speaker": s.speaker, "statement": s.text} for s in extraction.statements]),
                     hide_index=True)
    if st.button("Add to the graph", key="load_add"):
        bar = st.progress(0.0, text="writing")
        written = add_to_store(extractions, lambda done: bar.progress(done, text="writing"))
        bar.progress(1.0, text="done")
        st.success(f"Added {written} article(s).")


def preview(name: str, data: bytes):
    from polgraph.loaders.pipeline import get_pipeline
    from polgraph.loaders.readers import ReadError, read_path

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / Path(name).name
        path.write_bytes(data)
        try:
            documents = read_path(path)
        except ReadError as err:
            raise ValueError(str(err).replace(folder + "/", "")) from None
    return list(get_pipeline().pipe(documents))


def add_to_store(extractions, progress) -> int:
    """Write with a short-lived writable handle; the read-only one is closed meanwhile (one writer at a time)."""
    from polgraph.loaders.to_graph import to_graph

    reader.clear()
    with open_store(**store_location()) as writable:
        for i, extraction in enumerate(extractions, start=1):
            writable.write_batch(to_graph(extraction, writable.schema)[0])
            progress(i / len(extractions))
    return len(extractions)


# --- Overview ---------------------------------------------------------------------------
def overview_page() -> None:
    st.header("Overview")
    stats = store().stats()
    left, right = st.columns(2)
    left.dataframe(pd.DataFrame(stats["nodes"].items(), columns=["label", "nodes"]), hide_index=True)
    right.dataframe(pd.DataFrame(stats["relationships"].items(), columns=["type", "relationships"]),
                    hide_index=True)
    graph = exports.to_networkx(exports.select_all(store()))
    analysis_table("Most central actors", pd.DataFrame(analysis.centrality(graph, 15)), "centrality")
    communities = [{**c, "members": "; ".join(c["members"])} for c in analysis.communities(graph)]
    analysis_table("Communities (Louvain)", pd.DataFrame(communities), "communities")
    pairs = analysis.cooccurrence(graph)
    together = sorted(({"a": pairs.nodes[a].get("name", a), "b": pairs.nodes[b].get("name", b), "times": d["weight"]}
                       for a, b, d in pairs.edges(data=True)), key=lambda r: (-r["times"], r["a"], r["b"]))
    analysis_table("Named together (statements and sentences)", pd.DataFrame(together[:30]), "cooccurrence")
    st.subheader("Shortest path between two actors")
    actors = {n: a.get("name", n) for n, a in analysis.actor_network(graph).nodes(data=True)}
    left, right = st.columns(2)
    source = left.selectbox("From", list(actors), format_func=actors.get, key="path_from")
    target = right.selectbox("To", list(actors), format_func=actors.get, index=min(1, len(actors) - 1), key="path_to")
    if source and target and source != target:
        try:
            st.table(pd.DataFrame(store().shortest_path(source, target)))
        except StoreError as err:
            st.info(str(err))
    st.subheader("Articles")
    st.dataframe(pd.DataFrame(store().articles()), hide_index=True)


def analysis_table(title: str, table: pd.DataFrame, name: str) -> None:
    """A result table with a CSV download beside it."""
    st.subheader(title)
    st.dataframe(table, hide_index=True)
    st.download_button(f"Download {name}.csv", table.to_csv(index=False).encode("utf-8"), f"{name}.csv",
                       "text/csv", key=f"download_{name}")


# --- Export -----------------------------------------------------------------------------
def export_page() -> None:
    st.header("Export")
    graph = st.session_state.get("view")
    if graph is None:
        graph = exports.to_networkx(exports.select_all(store()), {"selection": "whole graph"})
        st.caption("No view yet: exporting the whole graph.")
    st.caption(f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} relationships")
    graph.graph.update({k: v for k, v in exports.metadata(store(), graph.graph.get("selection", "current view"),
                                                          exports.Subgraph()).items()
                        if k in ("polgraph_version", "store", "exported_at")})
    for fmt, mime in (("graphml", "application/xml"), ("gexf", "application/xml"), ("json", "application/json")):
        st.download_button(f"Download {fmt}", data=export_bytes(graph, fmt), file_name=f"polgraph.{fmt}",
                           mime=mime, key=f"download_{fmt}")


def export_bytes(graph: nx.MultiDiGraph, fmt: str) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"export.{fmt}"
        exports.WRITERS[fmt](graph, path)
        return path.read_bytes()


def main() -> None:
    st.set_page_config(page_title="polgraph", layout="wide")
    try:
        store()
    except StoreError as err:
        st.error(str(err))
        return
    page = st.sidebar.radio("Page", PAGES, key="page")
    started = time.perf_counter()
    {"Network": network_page, "Actor": actor_page, "Cypher": cypher_page, "Load": load_page,
     "Overview": overview_page, "Export": export_page}[page]()
    st.sidebar.caption(f"{store().describe()} · {time.perf_counter() - started:.2f} s")


main()
