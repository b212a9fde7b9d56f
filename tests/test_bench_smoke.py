"""The benchmarks still run (at a tiny size, without writing results); their figures are never asserted."""

from __future__ import annotations

import importlib.util
from itertools import islice
from pathlib import Path

import pytest

from polgraph.graph.exports import select_all
from polgraph.graph.store import Store

BENCH = Path(__file__).resolve().parents[1] / "bench"


def bench_module(name: str):
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_synthetic_graphs_are_seeded_and_political() -> None:
    synthetic = bench_module("synthetic")
    first, again = list(synthetic.synthetic_batches(500)), list(synthetic.synthetic_batches(500))
    assert [b.relationships for b in first] == [b.relationships for b in again]
    keys = {r.key for b in first for r in b.relationships}
    assert len(keys) >= 500
    assert {r.type for b in first for r in b.relationships} >= {"LEADS", "MEMBER_OF", "SAID", "MENTIONED_IN"}
    assert all(r.properties["articles"] and r.properties["evidence"] for b in first for r in b.relationships)


def test_store_benchmarks_run(store: Store) -> None:
    synthetic, load, queries = bench_module("synthetic"), bench_module("load"), bench_module("queries")
    assert store.bulk_load(synthetic.synthetic_batches(300)).relationships_created >= 300
    latencies = queries.measure_queries(store, samples=4)
    assert {"ego_2_hop", "shortest_path", "top_central_actors"} <= set(latencies)
    assert all(0 < q["p50_ms"] <= q["p95_ms"] for q in latencies.values())
    later = list(islice(synthetic.synthetic_batches(300, seed=load.LATER_ARTICLES_SEED,
                                                    first_article=load.LATER_ARTICLES_FROM), 4))
    stored = "MATCH (a:Article) WHERE a.id IN $ids RETURN count(a)"
    ids = [batch.article_id for batch in later]
    assert store.query(stored, {"ids": ids}).rows == [[0]]  # new articles, not the stored ones again
    assert load.per_row(store, later[:2], 10)["edges"] == 10
    assert load.per_article(store, later[2:])["articles"] == 2
    assert store.query(stored, {"ids": ids[2:]}).rows == [[2]]


def test_embedded_load_steps_and_their_table(tmp_path: Path) -> None:
    load, run = bench_module("load"), bench_module("run")
    bulk = load.step_bulk("embedded", 300, tmp_path / "bulk", samples=3)
    batched = load.step_batched("embedded", 300, tmp_path / "batched", max_seconds=120)
    assert batched["batched"]["complete"] and bulk["bulk"]["on_disk_mb"] > 0
    assert "| batched / per-row |" in run.table([{**bulk, **batched}])


def test_bulk_phases_add_up(tmp_path: Path) -> None:
    phases = bench_module("bulk_phases").measure(300, tmp_path / "graph")
    assert phases["edges"] >= 300 and phases["check_seconds"] > 0 and phases["fold_seconds"] > 0
    assert phases["check_seconds"] + phases["fold_seconds"] + phases["write_seconds"] <= phases["seconds"] + 0.01


def test_neo4j_load_csv_stores_what_bulk_load_stores(store: Store, tmp_path: Path) -> None:
    if store.kind != "neo4j":
        pytest.skip("LOAD CSV is Neo4j's bulk path")
    synthetic, neo4j_load_csv = bench_module("synthetic"), bench_module("neo4j_load_csv")
    store.bulk_load(synthetic.synthetic_batches(300))
    expected = whole_graph(store)
    store.clear()
    with store.fold(synthetic.synthetic_batches(300)) as corpus:
        neo4j_load_csv.load_csv(store, corpus, tmp_path / "csv")
    assert whole_graph(store) == expected
    assert any(rel[3]["articles"] for rel in expected[1])  # lists came back as lists


def whole_graph(store: Store) -> tuple[list, list]:
    """Every node and relationship with its properties, in an order that does not depend on the store's ids."""
    sub = select_all(store)
    nodes = sorted(((n.label, n.id, n.properties) for n in sub.nodes), key=repr)
    rels = sorted(((r.type, r.source, r.target, r.properties) for r in sub.relationships), key=repr)
    return nodes, rels


def test_viewer_and_extraction_benchmarks_run() -> None:
    assert bench_module("viewer_build").measure(30, repeat=1)["nodes"] == 30
    assert bench_module("extraction_speed").best_of(1, lambda: None) >= 0
    corpus = bench_module("corpus_load")
    assert callable(corpus.build_corpus) and callable(corpus.measure)


def test_export_memory_benchmark_runs() -> None:
    result = bench_module("export_memory").measure(400)
    assert result["edges"] >= 400 and result["jsonl_stream_peak_mb"] > 0


def test_html_extraction_benchmark_scores_both_readers() -> None:
    html = bench_module("html_extraction")
    result = html.measure(html.load_pages(html.PAGES)[:3])
    for reader in ("beautifulsoup", "trafilatura"):
        counts = result[reader]
        assert counts["true_positives"] + counts["false_negatives"] == result["chunks_with"]
        assert counts["false_positives"] + counts["true_negatives"] == result["chunks_without"]


def test_duplicates_benchmark_runs_both_finders(tmp_path: Path) -> None:
    duplicates = bench_module("duplicates")
    assert duplicates.synthetic_actors(300) == duplicates.synthetic_actors(300)  # seeded
    row = duplicates.measure(300, tmp_path / "actors", duplicates.former_find_duplicates())
    assert row["actors"] == 300 and row["rapidfuzz"]["true_pairs"] == row["difflib"]["true_pairs"] > 0
    assert duplicates.command_seconds(tmp_path / "actors") > 0


def test_corpus_people_benchmark_counts_people(tmp_path: Path) -> None:
    people = bench_module("corpus_people")
    truth = people.build(tmp_path / "corpus", 6)
    assert truth == people.build(tmp_path / "again", 6)  # seeded
    row = people.measure("tiny", [[tmp_path / "corpus"]], processes=1, truth=truth)
    assert row["articles"] == 6 and row["persons"] >= row["one_word"] >= row["twins"]
    assert sum(row["meant_people"].values()) == sum(len(t["people"]) for t in truth.values())
