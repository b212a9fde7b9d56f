"""Where an embedded ``bulk_load`` spends its time and memory: schema checks, the fold, the writes.

    .venv/bin/python bench/bulk_phases.py --edges 1000000

Wraps the store's own ``check_batch`` and the fold's ``add`` (nodes folded, facts set aside per table)
and ``facts`` (one table's facts folded, as it is written) with timers, so the phases are those of a
real ``Store.bulk_load``; generating the synthetic articles is left out, as everywhere in bench/.
Peak RSS is noted after the pass over the articles (nodes folded, facts spilled) and after the writes.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from common import GenerationTimer, open_bench_store, peak_rss_mb  # noqa: E402
from synthetic import synthetic_batches  # noqa: E402

from polgraph.graph import folding  # noqa: E402


def measure(edges: int, folder: Path) -> dict[str, Any]:
    phases = {"check_seconds": 0.0, "fold_seconds": 0.0}

    def timed(method: Callable[..., Any], phase: str) -> Callable[..., Any]:
        def run(*args: Any) -> Any:
            started = time.perf_counter()
            try:
                return method(*args)
            finally:
                phases[phase] += time.perf_counter() - started
        return run

    with open_bench_store("embedded", folder) as store:
        articles = GenerationTimer(synthetic_batches(edges))
        fold = store.fold

        def timed_fold(batches: Any) -> folding.CorpusFold:
            corpus = fold(batches)
            phases["pass_peak_rss_mb"] = peak_rss_mb()
            return corpus

        store.check_batch, store.fold = timed(store.check_batch, "check_seconds"), timed_fold
        add, facts = folding.CorpusFold.add, folding.CorpusFold.facts
        folding.CorpusFold.add, folding.CorpusFold.facts = timed(add, "fold_seconds"), timed(facts, "fold_seconds")
        try:
            started = time.perf_counter()
            summary = store.bulk_load(articles)
            seconds = time.perf_counter() - started - articles.seconds
        finally:
            folding.CorpusFold.add, folding.CorpusFold.facts = add, facts
    write_seconds = seconds - phases["fold_seconds"] - phases["check_seconds"]
    return {"edges": summary.relationships_created, "seconds": round(seconds, 3),
            "check_seconds": round(phases["check_seconds"], 3), "fold_seconds": round(phases["fold_seconds"], 3),
            "write_seconds": round(write_seconds, 3), "pass_peak_rss_mb": phases["pass_peak_rss_mb"],
            "peak_rss_mb": peak_rss_mb()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--edges", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="polgraph-bench-") as scratch:
        print(json.dumps(measure(args.edges, Path(scratch) / "graph")))


if __name__ == "__main__":
    main()
