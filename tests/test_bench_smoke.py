"""The benchmarks still run (at a tiny size, without writing results); their figures are never asserted."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from polgraph.graph.store import open_store

BENCH = Path(__file__).resolve().parents[1] / "bench"


def bench_module(name: str):
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_load_benchmark_runs(tmp_path: Path) -> None:
    load = bench_module("load")
    batches = load.synthetic_batches(300, per_article=100)
    assert sum(len(b.relationships) for b in batches) >= 300
    with open_store(tmp_path / "g") as store:
        for batch in batches:
            store.write_batch(batch)
        assert store.stats()["relationships"]["LEADS"] > 0
    with open_store(tmp_path / "naive") as store:
        rows, seconds = load.per_row(store, batches, 20)
        assert rows == 20 and seconds > 0


def test_export_memory_benchmark_runs() -> None:
    result = bench_module("export_memory").measure(400)
    assert result["edges"] >= 400 and result["jsonl_stream_peak_mb"] > 0


def test_extraction_and_corpus_benchmarks_import() -> None:
    assert bench_module("extraction_speed").best_of(1, lambda: None) >= 0
    corpus = bench_module("corpus_load")
    assert callable(corpus.build_corpus) and callable(corpus.measure)
