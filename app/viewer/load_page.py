"""The Load page: upload an article, see what polgraph reads in it, then add it to the store."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from ...graph.open import open_store
from ...graph.store import StoreError
from . import data


def render() -> None:
    st.header("Load an article")
    if data.store_location()["neo4j"] is None and data.store_location()["db"] is None:
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


def preview(name: str, content: bytes):
    from ...loaders.pipeline import get_pipeline
    from ...loaders.readers import ReadError, read_path

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / Path(name).name
        path.write_bytes(content)
        try:
            documents = read_path(path)
        except ReadError as err:
            raise ValueError(str(err).replace(folder + "/", "")) from None
    return list(get_pipeline().pipe(documents))


def add_to_store(extractions, progress) -> int:
    """Write with a short-lived writable handle; the read-only one is closed meanwhile (one writer at a time)."""
    from ...graph.curation import Rules
    from ...loaders.to_graph import to_graph

    data.forget()
    with open_store(**data.store_location()) as writable:
        decided = Rules.from_store(writable)  # reviewers' decisions hold for articles loaded here too
        for i, extraction in enumerate(extractions, start=1):
            writable.write_batch(decided.apply(to_graph(extraction, writable.schema)[0]))
            progress(i / len(extractions))
    return len(extractions)
