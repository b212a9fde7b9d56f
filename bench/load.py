"""Loading a synthetic political graph of N edges, and querying it, on one store.

    .venv/bin/python bench/load.py --store embedded --edges 100000 --step bulk
    .venv/bin/python bench/load.py --store embedded --edges 100000 --step batched

``bulk`` loads the graph into an empty store with ``Store.bulk_load`` (COPY FROM on LadybugDB),
notes peak memory and size on disk, then on that loaded store measures one-row-per-transaction
MERGE and article-by-article ``write_batch`` on further articles, then the query latencies
(bench/queries.py). ``batched`` loads the same graph into an empty store with ``write_batches``
(UNWIND ... MERGE, whole articles grouped per transaction). ``load_csv``, on Neo4j only, loads it
with the server's own bulk path, LOAD CSV (bench/neo4j_load_csv.py). Each step prints one JSON object;
bench/run.py runs each in its own process, so peak memory belongs to one step. Time spent
generating the synthetic articles is left out of every rate.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from common import GenerationTimer, folder_mb, open_bench_store, peak_rss_mb  # noqa: E402
from neo4j_load_csv import load_csv  # noqa: E402
from queries import measure_queries  # noqa: E402
from synthetic import synthetic_batches  # noqa: E402

from polgraph.graph.open import open_store  # noqa: E402
from polgraph.graph.records import GraphBatch  # noqa: E402
from polgraph.graph.store import Store  # noqa: E402

LATER_ARTICLES_SEED = 7  # further articles, written after the graph is loaded, name the same actors
LATER_ARTICLES_FROM = 5_000_000  # and are new articles: past the numbers of any stored one (27,470 at 1M edges)
# The naive loader's sample: long enough (tens of seconds) that its rate, and every ratio to it, holds
# between runs (300 edges moved it 2x from one run to the next).
PER_ROW_EDGES = 3000
PER_ARTICLE_ARTICLES = 30
# Neo4j plans each statement the first time it sees it and compiles the plans it runs often (a 10k-edge
# write_batches took 6.6, 1.8 and 1.2 s on three runs): each timed Neo4j load starts on a server that
# has run its statements, on a small graph of its own (cleared, or new articles for the per-row sample).
WARM_UP_SEED, WARM_UP_EDGES, WARM_UP_FROM = 11, 2000, 9_000_000


def per_row(store: Store, batches: list[GraphBatch], edges_wanted: int) -> dict[str, Any]:
    """The naive loader: one MERGE per transaction, for each node and then each relationship."""
    edges = 0
    started = time.perf_counter()
    for batch in batches:
        for node in batch.nodes:
            props = {k: v for k, v in node.properties.items() if v is not None}
            sets = ", ".join(f"n.{k} = $v_{k}" for k in props)
            store.query(f"MERGE (n:{node.label} {{id: $id}})" + (f" SET {sets}" if sets else ""),
                        {"id": node.id, **{f"v_{k}": v for k, v in props.items()}}, write=True)
        for rel in batch.relationships:
            props = {k: v for k, v in rel.properties.items() if v is not None}
            sets = ", ".join(f"r.{k} = $v_{k}" for k in props)
            store.query(f"MATCH (a:{rel.source_label} {{id: $s}}) MATCH (b:{rel.target_label} {{id: $t}}) "
                        f"MERGE (a)-[r:{rel.type}]->(b) SET {sets}",
                        {"s": rel.source, "t": rel.target, **{f"v_{k}": v for k, v in props.items()}}, write=True)
            edges += 1
            if edges >= edges_wanted:
                break
        if edges >= edges_wanted:
            break
    seconds = time.perf_counter() - started
    return {"edges": edges, "seconds": round(seconds, 2), "edges_per_s": round(edges / seconds)}


def per_article(store: Store, batches: list[GraphBatch]) -> dict[str, Any]:
    """polgraph's own loader: one write_batch (one transaction) per article."""
    started = time.perf_counter()
    for batch in batches:
        store.write_batch(batch)
    seconds = time.perf_counter() - started
    edges = sum(len(b.relationships) for b in batches)
    return {"articles": len(batches), "edges": edges, "seconds": round(seconds, 2),
            "edges_per_s": round(edges / seconds)}


def on_disk_mb(store: Store, folder: Path) -> float:
    if store.kind == "embedded":
        return folder_mb(folder)
    return folder_mb(neo4j_state() / "data")


def neo4j_state() -> Path:
    port = os.environ["NEO4J_URI"].rsplit(":", 1)[1]
    return Path(os.environ.get("POLGRAPH_NEO4J_STATE", f"/tmp/polgraph-neo4j-{port}"))


def server_peak_rss_mb() -> int | None:
    """Peak memory of the Neo4j server process (VmHWM), the store's own cost on Neo4j."""
    pid = (neo4j_state() / "neo4j.pid").read_text().strip()
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM"):
            return int(line.split()[1]) // 1024
    return None


def step_bulk(kind: str, edges: int, folder: Path, samples: int, only_queries: bool = False,
              reuse: bool = False) -> dict[str, Any]:
    """``only_queries`` leaves out the per-row and per-article writes; ``reuse`` takes the store as it is
    when it already holds the graph (same edge count), instead of loading it again."""
    if reuse:
        stored = stored_graph(kind, folder, edges)
        if stored is not None:
            with stored.pop("store_handle") as store:
                return stored | {"queries": measure_queries(store, samples)}
    with open_bench_store(kind, folder) as store:
        articles = GenerationTimer(synthetic_batches(edges))
        started = time.perf_counter()
        summary = store.bulk_load(articles)
        seconds = time.perf_counter() - started - articles.seconds
        result: dict[str, Any] = {
            "store": kind, "edges": summary.relationships_created, "nodes": summary.nodes_created,
            "bulk": {"seconds": round(seconds, 1), "edges_per_s": round(summary.relationships_created / seconds),
                     "generation_seconds_left_out": round(articles.seconds, 1),
                     "peak_rss_mb": peak_rss_mb(), "on_disk_mb": on_disk_mb(store, folder)},
        }
        if kind == "neo4j":
            result["bulk"]["server_peak_rss_mb"] = server_peak_rss_mb()
        if only_queries:
            result["queries"] = measure_queries(store, samples)
            return result
        later = list(islice(synthetic_batches(edges, LATER_ARTICLES_SEED, LATER_ARTICLES_FROM), 200))
        # The last articles for write_batch; a tiny graph (the smoke test's) has few, which the two share.
        split = len(later) - min(PER_ARTICLE_ARTICLES, len(later) // 2)
        if kind == "neo4j":
            per_row(store, list(synthetic_batches(WARM_UP_EDGES, WARM_UP_SEED, WARM_UP_FROM)), WARM_UP_EDGES // 10)
        result["per_row"] = per_row(store, later[:split], PER_ROW_EDGES)
        result["per_article"] = per_article(store, later[split:])
        result["queries"] = measure_queries(store, samples)
    return result


def stored_graph(kind: str, folder: Path, edges: int) -> dict[str, Any] | None:
    """The store already holding the bench graph of ``edges`` edges (loaded by an earlier run), or None."""
    if kind == "embedded" and not (folder / "graph.lbdb").exists():
        return None
    if kind == "neo4j" and os.environ.get("POLGRAPH_BENCH_NEO4J") != "1":
        raise SystemExit("the Neo4j benchmarks clear the database: run them with `make bench-neo4j`")
    store = open_store(folder) if kind == "embedded" else open_store(neo4j=os.environ["NEO4J_URI"])
    stats = store.stats()
    stored = sum(stats["relationships"].values())
    if not edges * 0.9 <= stored <= edges * 1.1:
        store.close()
        return None
    return {"store": kind, "edges": stored, "nodes": sum(stats["nodes"].values()), "reused": True,
            "bulk": {"seconds": None, "edges_per_s": None, "peak_rss_mb": None, "on_disk_mb": on_disk_mb(store, folder)},
            "store_handle": store}


def step_batched(kind: str, edges: int, folder: Path, max_seconds: float) -> dict[str, Any]:
    """write_batches from empty; stops after ``max_seconds`` of writing (said in the result)."""
    with open_bench_store(kind, folder) as store:
        if kind == "neo4j":
            list(store.write_batches(synthetic_batches(WARM_UP_EDGES, WARM_UP_SEED)))
            store.clear()
        articles = GenerationTimer(synthetic_batches(edges))
        started = time.perf_counter()
        written = 0
        for summary in store.write_batches(articles):
            written += summary.relationships_created + summary.relationships_updated
            if time.perf_counter() - started - articles.seconds > max_seconds:
                break
        seconds = time.perf_counter() - started - articles.seconds
        stored = sum(store.stats()["relationships"].values())
        return {"store": kind, "edges": edges, "batched": {
            "edges_stored": stored, "complete": stored >= edges, "seconds": round(seconds, 1),
            "edges_per_s": round(stored / seconds), "peak_rss_mb": peak_rss_mb(), "on_disk_mb": on_disk_mb(store, folder)}}


def step_load_csv(edges: int, folder: Path) -> dict[str, Any]:
    """Neo4j's LOAD CSV into an empty database: the fold, the CSV files and the server's reading all count."""
    with open_bench_store("neo4j", folder) as store:
        articles = GenerationTimer(synthetic_batches(edges))
        started = time.perf_counter()
        with store.fold(articles) as corpus:
            fold_seconds = time.perf_counter() - started - articles.seconds
            parts = load_csv(store, corpus, folder / "csv")
        seconds = time.perf_counter() - started - articles.seconds
        stats = store.stats()
        stored, nodes = sum(stats["relationships"].values()), sum(stats["nodes"].values())
        if (stored, nodes) != (parts["facts"], parts["nodes"]):
            raise SystemExit(f"LOAD CSV stored {nodes:,} nodes and {stored:,} relationships, "
                             f"expected {parts['nodes']:,} and {parts['facts']:,}")
        return {"store": "neo4j", "edges": edges, "load_csv": {
            "seconds": round(seconds, 1), "edges_per_s": round(stored / seconds),
            "fold_seconds": round(fold_seconds, 1), "csv_seconds": round(parts["csv_seconds"], 1),
            "server_seconds": round(parts["server_seconds"], 1), "peak_rss_mb": peak_rss_mb(),
            "server_peak_rss_mb": server_peak_rss_mb(), "on_disk_mb": on_disk_mb(store, folder)}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", choices=["embedded", "neo4j"], default="embedded")
    parser.add_argument("--edges", type=int, default=10_000)
    parser.add_argument("--step", choices=["bulk", "batched", "load_csv"], default="bulk")
    parser.add_argument("--samples", type=int, default=100, help="query runs per latency figure")
    parser.add_argument("--max-seconds", type=float, default=600, help="stop the batched load after this long")
    parser.add_argument("--folder", type=Path, help="where the embedded store goes (default: a temporary folder)")
    parser.add_argument("--only-queries", action="store_true",
                        help="bulk step: leave out the per-row and per-article writes")
    parser.add_argument("--reuse", action="store_true",
                        help="bulk step: query the store as it is when it already holds a graph of about --edges edges")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="polgraph-bench-") as scratch:
        folder = args.folder or Path(scratch) / "graph"
        if args.step == "bulk":
            result = step_bulk(args.store, args.edges, folder, args.samples, args.only_queries, args.reuse)
        elif args.step == "load_csv":
            if args.store != "neo4j":
                parser.error("--step load_csv is Neo4j's bulk path: use --store neo4j (bulk is the embedded store's)")
            result = step_load_csv(args.edges, Path(scratch))
        else:
            result = step_batched(args.store, args.edges, folder, args.max_seconds)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
