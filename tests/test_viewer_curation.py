"""Curating in the viewer (`polgraph app --curate`) with Streamlit's AppTest, on both stores: the edge and
actor panels' buttons, the review queue and the log; read-only without --curate; and `polgraph load`
running between two decisions on the embedded store."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from polgraph.graph import curation, exports
from polgraph.graph.curation import FactKey
from polgraph.graph.open import open_store
from polgraph.loaders.load import SAMPLE_ARTICLE

from .conftest import neo4j_uri
from .test_cli import polgraph_command
from .test_viewer import LATE, LE_PEN, LR, PS, fill, open_app

SUPPORT = FactKey("SUPPORTS", PS, LR)


@pytest.fixture(params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def curating(request, seed_extraction, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict:
    """A store of its own for each test (decisions change it), and the viewer started with --curate."""
    if request.param == "embedded":
        location = {"db": str(tmp_path / "g"), "neo4j": None}
        monkeypatch.setenv("POLGRAPH_APP_DB", location["db"])
        monkeypatch.delenv("POLGRAPH_APP_NEO4J", raising=False)
    else:
        location = {"db": None, "neo4j": neo4j_uri()}
        monkeypatch.setenv("POLGRAPH_APP_NEO4J", location["neo4j"])
        monkeypatch.delenv("POLGRAPH_APP_DB", raising=False)
    with open_store(**location) as store:
        if location["neo4j"]:
            store.clear()
        fill(store, seed_extraction)
    monkeypatch.setenv("POLGRAPH_APP_CURATE", "1")
    monkeypatch.setenv("POLGRAPH_AUTHOR", "viewer-reviewer")
    return location


def shown_facts(location: dict) -> set[FactKey]:
    with open_store(**location, read_only=True, create=False) as store:
        return {FactKey(r.type, r.source, r.target) for r in exports.select_all(store).relationships}


def made(location: dict) -> list[curation.Decision]:
    with open_store(**location, read_only=True, create=False) as store:
        return curation.decisions(store)


def button(app, key: str):
    return next(b for b in app.button if b.key == key)


def test_rejecting_a_line_in_the_edge_panel(curating: dict) -> None:
    app = open_app({"mode": "stance", "edge": [PS, LR]})
    assert "Review: machine" in [c.value for c in app.caption]
    button(app, "edge_0_curate_reject").click().run()
    assert not app.exception, app.exception
    assert SUPPORT not in shown_facts(curating)
    decision = made(curating)[-1]
    assert (decision.kind, decision.fact, decision.author) == ("reject", str(SUPPORT), "viewer-reviewer")
    assert "reject: " + str(SUPPORT) in [s.value for s in app.sidebar.success]
    assert "There is no line between these two" in " ".join(i.value for i in app.info)  # gone from the view


def test_the_actor_panel_renames_merges_and_splits(curating: dict) -> None:
    app = open_app({"node": LE_PEN})
    app.text_input(key="panel_curate_name").set_value("Marine Le Pen (FN)")
    button(app, "panel_curate_rename").click().run()
    assert not app.exception, app.exception
    assert "Marine Le Pen (FN)" in [s.value for s in app.subheader]
    app.selectbox(key="panel_curate_merge").set_value("person:marion-marechal-le-pen")
    button(app, "panel_curate_do_merge").click().run()
    assert [d.kind for d in made(curating)] == ["rename", "merge"]
    app.selectbox(key="panel_curate_split").set_value("person:marion-marechal-le-pen")
    button(app, "panel_curate_do_split").click().run()
    assert not app.exception, app.exception
    assert [d.kind for d in made(curating)] == ["rename", "merge", "split"]


def test_adding_a_fact_with_a_span_of_the_article(curating: dict) -> None:
    app = open_app({"node": LE_PEN})
    app.selectbox(key="panel_curate_add_type").set_value("OPPOSES")
    app.selectbox(key="panel_curate_add_other").set_value("person:manuel-valls")
    app.selectbox(key="panel_curate_add_article").set_value(LATE).run()
    app.text_input(key="panel_curate_add_quote").set_value("Marine Le Pen criticised Manuel Valls.").run()
    assert any("Characters" in c.value for c in app.caption)
    button(app, "panel_curate_add").click().run()
    assert not app.exception, app.exception
    decision = made(curating)[-1]
    assert decision.kind == "add" and decision.changed["evidence"] == "Marine Le Pen criticised Manuel Valls."


def test_review_queue_and_the_log_of_decisions(curating: dict) -> None:
    app = open_app(page="page_scripts/review.py")
    caption = next(c.value for c in app.caption if "unreviewed facts" in c.value)
    assert "least confident first" in caption
    button(app, "queue_0_verify").click().run()
    assert not app.exception, app.exception
    assert made(curating)[-1].kind == "verify"
    log = open_app(page="page_scripts/decisions.py")
    assert any("1 of 1 decisions" in c.value for c in log.caption)


def test_read_only_without_curate(curating: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLGRAPH_APP_CURATE", "0")
    app = open_app({"mode": "stance", "edge": [PS, LR]})
    assert not [b for b in app.button if b.key and "curate" in b.key]
    assert "Reviewer" not in [t.label for t in app.sidebar.text_input]


@pytest.fixture
def embedded_curating(seed_extraction, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An embedded store with the seed's graph, which the viewer curates (no writer held open)."""
    db = tmp_path / "g"
    with open_store(db) as store:
        fill(store, seed_extraction)
    monkeypatch.setenv("POLGRAPH_APP_DB", str(db))
    monkeypatch.delenv("POLGRAPH_APP_NEO4J", raising=False)
    monkeypatch.setenv("POLGRAPH_APP_CURATE", "1")
    return db


def test_polgraph_load_runs_while_the_viewer_curates(embedded_curating: Path, tmp_path: Path) -> None:
    db = embedded_curating
    app = open_app({"mode": "stance", "edge": [PS, LR]})
    button(app, "edge_0_curate_reject").click().run()  # the viewer has decided, and is still open
    other = tmp_path / "other.txt"
    other.write_text(SAMPLE_ARTICLE.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    load = subprocess.run([*polgraph_command(), "--db", str(db), "load", str(other)], capture_output=True,
                          text=True, timeout=300)
    assert load.returncode == 0 and "loaded 1 article(s)" in load.stdout, load.stderr
    app = open_app({"node": LE_PEN})  # the viewer carries on: it reads the new article and decides again
    app.text_input(key="panel_curate_name").set_value("Marine Le Pen (FN)")
    button(app, "panel_curate_rename").click().run()
    assert not app.exception, app.exception
    with open_store(db, read_only=True, create=False) as store:
        assert len(store.articles()) == 4
        assert [d.kind for d in curation.decisions(store)][:1] == ["reject"]
        assert curation.decisions(store)[-1].kind == "rename"


def test_a_decision_while_a_load_holds_the_store_says_so_and_changes_nothing(embedded_curating: Path) -> None:
    db = embedded_curating
    app = open_app({"mode": "stance", "edge": [PS, LR]})
    holder = subprocess.Popen([sys.executable, "-c", "import sys, time; from polgraph.graph.open import open_store; "
                               f"store = open_store({str(db)!r}); print('open', flush=True); time.sleep(12)"],
                              stdout=subprocess.PIPE, text=True)  # a writer held open, as a long `polgraph load`
    try:
        assert holder.stdout.readline().strip() == "open"
        button(app, "edge_0_curate_reject").click().run()
        assert not app.exception, app.exception
        assert any("in use by another polgraph process" in e.value for e in app.sidebar.error)
    finally:
        holder.wait(timeout=60)
    assert made({"db": str(db), "neo4j": None}) == []  # nothing was decided
    button(app, "edge_0_curate_reject").click().run()  # the writer is gone: the same click now decides
    assert [d.kind for d in made({"db": str(db), "neo4j": None})] == ["reject"]
