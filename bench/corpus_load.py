"""Corpus loading: wall time and peak memory for the shared Wikinews sample and a 500-article corpus,
entity counts before and after cross-article merging, and the time of a second run (all skipped).

    .venv/bin/python bench/corpus_load.py [--articles 500] [--processes 2]

The 500-article corpus repeats the 58 Wikinews articles, each copy made distinct by a dateline
and a closing line of its own (so each has its own text hash), with the index.tsv metadata kept.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import tempfile
import time
from pathlib import Path

from polgraph.graph.open import open_store
from polgraph.loaders.load import load_paths

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "wikinews-politics-dev"
RESULTS = Path(__file__).parent / "results"


def build_corpus(target: Path, articles: int) -> Path:
    target.mkdir(parents=True)
    rows = (CORPUS / "index.tsv").read_text(encoding="utf-8").splitlines()
    header, entries = rows[0], rows[1:]
    index = [header]
    for i in range(articles):
        name, date, title, url = entries[i % len(entries)].split("\t")
        text = (CORPUS / name).read_text(encoding="utf-8")
        copy = f"{i:04d}-{name}"
        (target / copy).write_text(f"{text}\n\nCopy {i} of this report, filed for the benchmark.\n", encoding="utf-8")
        index.append("\t".join([copy, date, title, f"{url}#copy-{i}"]))
    (target / "index.tsv").write_text("\n".join(index) + "\n", encoding="utf-8")
    return target


def peak_rss_mb() -> float:
    """Peak resident memory of this process and, separately counted, its largest extraction worker."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, worker) / 1024


def measure(name: str, folder: Path, processes: int) -> dict:
    with tempfile.TemporaryDirectory() as db:
        with open_store(Path(db) / "g") as store:
            started = time.perf_counter()
            report = load_paths(store, [folder], processes=processes)
            first = time.perf_counter() - started
            stats = store.stats()
            started = time.perf_counter()
            again = load_paths(store, [folder], processes=processes)
            second = time.perf_counter() - started
            per_article = sum(s.nodes_created + s.nodes_matched for s in report.loaded)
        actors = sum(stats["nodes"][label] for label in stats["nodes"] if label not in ("Article", "Statement"))
        statements_and_articles = stats["nodes"]["Article"] + stats["nodes"]["Statement"]
        return {
            "corpus": name, "articles": len(report.loaded), "failed": len(report.failed), "processes": processes,
            "first_run_s": round(first, 1), "articles_per_s": round(len(report.loaded) / first, 2),
            "second_run_s": round(second, 2), "second_run_skipped": len(again.skipped),
            "entity_nodes_if_each_article_kept_its_own": per_article - statements_and_articles,
            "entity_nodes_after_merging": actors, "peak_rss_mb": round(peak_rss_mb()),
            "relationships": sum(stats["relationships"].values()),
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--processes", type=int, default=2)
    args = parser.parse_args()
    results = [measure("wikinews-politics-dev (58)", CORPUS, args.processes)]
    work = Path(tempfile.mkdtemp())
    try:
        corpus = build_corpus(work / "corpus", args.articles)
        results.append(measure(f"wikinews x{args.articles} (varied copies)", corpus, args.processes))
    finally:
        shutil.rmtree(work)
    print(json.dumps(results, indent=2))
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "corpus_load.json").write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
