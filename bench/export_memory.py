"""Export memory: peak Python memory while exporting a synthetic graph of 20,000 and 100,000 edges from the
embedded store, streamed (JSON Lines) against building the networkx graph (GraphML). Flat means the
streamed peak does not grow with the graph.

    .venv/bin/python bench/export_memory.py [--sizes 20000 100000]
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
import tracemalloc
from pathlib import Path

from polgraph.graph import exports
from polgraph.graph.open import open_store
from polgraph.graph.records import GraphBatch, NodeRecord, RelationshipRecord

RESULTS = Path(__file__).parent / "results"


def fill(store, edges: int, seed: int = 7) -> None:
    """People MEMBER_OF a few parties and MENTIONED_IN articles, with provenance on every edge."""
    rng = random.Random(seed)
    people = edges // 2
    for start in range(0, people, 5000):
        article = f"article:{start}"
        batch = GraphBatch(article, [NodeRecord("Article", article, {"name": article})])
        batch.nodes += [NodeRecord("Party", f"party:{p}", {"name": f"Party {p}"}) for p in range(20)]
        prov = {"articles": [article], "spans": [f"{article}:0:40"], "evidence": ["A sentence of evidence."],
                "confidence": 0.8, "tier": "explicit", "extractor": "bench"}
        for i in range(start, min(start + 5000, people)):
            person = f"person:{i:07d}"
            batch.nodes.append(NodeRecord("Person", person, {"name": f"Person {i}", "aliases": [f"P. {i}"]}))
            batch.relationships.append(RelationshipRecord("MEMBER_OF", "Person", person, "Party",
                                                          f"party:{rng.randrange(20)}", prov))
            batch.relationships.append(RelationshipRecord("MENTIONED_IN", "Person", person, "Article", article,
                                                          {**prov, "count": 1}))
        store.write_batch(batch)


def peak_mb(work) -> tuple[float, float]:
    tracemalloc.start()
    started = time.perf_counter()
    work()
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return round(peak, 1), round(elapsed, 1)


def measure(size: int) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        with open_store(out / "g") as store:
            started = time.perf_counter()
            fill(store, size)
            load_s = time.perf_counter() - started
            edges = sum(store.stats()["relationships"].values())
            meta = {"selection": "whole graph"}

            def streamed() -> None:
                exports.write_stream(exports.stream_whole_graph(store), "jsonl", out / "g.jsonl", meta)

            def through_networkx() -> None:
                graph = exports.networkx_from_stream(exports.stream_whole_graph(store), meta)
                exports.write_graphml(graph, out / "g.graphml")

            stream_peak, stream_s = peak_mb(streamed)
            graph_peak, graph_s = peak_mb(through_networkx)
    return {"edges": edges, "load_s": round(load_s, 1), "jsonl_stream_peak_mb": stream_peak,
            "jsonl_stream_s": stream_s, "graphml_networkx_peak_mb": graph_peak, "graphml_s": graph_s}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[20_000, 100_000])
    args = parser.parse_args()
    results = []
    for size in args.sizes:
        results.append(measure(size))
        print(json.dumps(results[-1]))
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "export_memory.json").write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
