"""Bulk load on the embedded store: polgraph's batched write path against one MERGE per transaction,
on a seeded synthetic political graph (a few hub leaders, many minor actors, provenance on every edge).

    .venv/bin/python bench/load.py [--edges 10000] [--naive-sample 2000]

The per-row path is timed on a sample of rows and its rate applied to all (said in the output).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import tempfile
import time
from pathlib import Path

from polgraph.graph.records import GraphBatch, NodeRecord, RelationshipRecord
from polgraph.graph.store import open_store

RESULTS = Path(__file__).parent / "results"


def synthetic_batches(edges: int, seed: int = 42, per_article: int = 2000) -> list[GraphBatch]:
    """Articles of ``per_article`` facts: MEMBER_OF skewed towards a few big parties, SUPPORTS among hubs,
    MENTIONED_IN for every actor named."""
    rng = random.Random(seed)
    parties = [f"party:p{i:03d}" for i in range(max(5, edges // 2000))]
    hubs = [f"person:leader{i:03d}" for i in range(len(parties))]
    batches = []
    made = 0
    article_number = 0
    while made < edges:
        article = f"article:a{article_number:06d}"
        day = dt.date(2019, 1, 1) + dt.timedelta(days=article_number % 700)
        prov = {"articles": [article], "spans": [f"{article}:0:60"], "evidence": ["A sentence stating the fact."],
                "extractor": "bench", "confidence": 0.8, "tier": "explicit", "first_reported": day,
                "last_reported": day}
        batch = GraphBatch(article, [NodeRecord("Article", article, {"name": article, "published": day})])
        batch.nodes += [NodeRecord("Party", p, {"name": p}) for p in parties]
        batch.nodes += [NodeRecord("Person", h, {"name": h}) for h in hubs]
        for leader, party in zip(hubs, parties, strict=True):
            batch.relationships.append(RelationshipRecord("LEADS", "Person", leader, "Party", party, prov))
        while len(batch.relationships) < per_article and made + len(batch.relationships) < edges:
            person = f"person:m{rng.randrange(edges // 3):07d}"
            party = parties[min(int(rng.paretovariate(1.2)) - 1, len(parties) - 1)]
            batch.nodes.append(NodeRecord("Person", person, {"name": person}))
            batch.relationships.append(RelationshipRecord("MEMBER_OF", "Person", person, "Party", party, prov))
            batch.relationships.append(RelationshipRecord("MENTIONED_IN", "Person", person, "Article", article,
                                                          {**prov, "count": 1}))
        made += len(batch.relationships)
        batches.append(batch)
        article_number += 1
    return batches


def per_row(store, batches: list[GraphBatch], sample: int) -> tuple[int, float]:
    """One MERGE per transaction for nodes, then for relationships (the naive loader)."""
    rows = 0
    started = time.perf_counter()
    for batch in batches:
        for node in batch.nodes:
            store._in_transaction(lambda run, n=node: run(
                f"MERGE (n:{n.label} {{id: $id}}) SET n.name = $name", {"id": n.id, "name": n.properties["name"]}),
                write=True)
        for rel in batch.relationships:
            store._in_transaction(lambda run, r=rel: run(
                f"MATCH (a:{r.source_label} {{id: $s}}), (b:{r.target_label} {{id: $t}}) "
                f"MERGE (a)-[x:{r.type}]->(b) SET x.articles = $articles",
                {"s": r.source, "t": r.target, "articles": r.properties["articles"]}), write=True)
            rows += 1
            if rows >= sample:
                return rows, time.perf_counter() - started
    return rows, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--edges", type=int, default=10_000)
    parser.add_argument("--naive-sample", type=int, default=2000)
    args = parser.parse_args()
    batches = synthetic_batches(args.edges)
    edges = sum(len(b.relationships) for b in batches)
    with tempfile.TemporaryDirectory() as folder:
        with open_store(Path(folder) / "batched") as store:
            started = time.perf_counter()
            for batch in batches:
                store.write_batch(batch)
            batched_s = time.perf_counter() - started
            stored = sum(store.stats()["relationships"].values())
        with open_store(Path(folder) / "naive") as store:
            rows, naive_s = per_row(store, batches, args.naive_sample)
    result = {
        "benchmark": "load", "store": "embedded", "edges": edges, "stored_relationships": stored,
        "batched_s": round(batched_s, 2), "batched_edges_per_s": round(edges / batched_s),
        "per_row_sample_rows": rows, "per_row_edges_per_s": round(rows / naive_s),
        "batched_over_per_row": round((edges / batched_s) / (rows / naive_s), 1),
        "note": "per-row rate measured on the sample (nodes of the first articles included) and compared as a rate",
    }
    print(json.dumps(result, indent=2))
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"load_{edges}.json").write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
