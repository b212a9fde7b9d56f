"""What the benchmarks share: the store under test, timing helpers, machine facts and the results folder."""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from polgraph.graph.open import open_store
from polgraph.graph.store import Store

RESULTS = Path(__file__).parent / "results"
ROOT = Path(__file__).resolve().parents[1]


def open_bench_store(kind: str, folder: Path) -> Store:
    """A fresh, empty store: the embedded one in ``folder``, or the Neo4j at $NEO4J_URI, cleared first.

    The Neo4j benchmark wipes its database, so it only runs against the server `make bench-neo4j`
    starts (POLGRAPH_BENCH_NEO4J=1 says so)."""
    if kind == "embedded":
        if folder.exists():
            shutil.rmtree(folder)
        return open_store(folder)
    if not os.environ.get("NEO4J_URI") or os.environ.get("POLGRAPH_BENCH_NEO4J") != "1":
        raise SystemExit("the Neo4j benchmarks clear the database: run them with `make bench-neo4j`")
    store = open_store(neo4j=os.environ["NEO4J_URI"])
    store.clear()
    return store


class GenerationTimer:
    """Wraps an iterator and adds up the time spent producing its items, so it can be left out."""

    def __init__(self, items: Iterable[Any]) -> None:
        self._items = iter(items)
        self.seconds = 0.0

    def __iter__(self) -> Iterator[Any]:
        while True:
            started = time.perf_counter()
            try:
                item = next(self._items)
            except StopIteration:
                return
            finally:
                self.seconds += time.perf_counter() - started
            yield item


def latency_ms(work: Callable[[Any], Any], inputs: list[Any]) -> dict[str, float]:
    """p50 and p95 of ``work(x)`` over the inputs, in milliseconds (one warm-up call first)."""
    work(inputs[0])
    samples = []
    for item in inputs:
        started = time.perf_counter()
        work(item)
        samples.append((time.perf_counter() - started) * 1000)
    cuts = statistics.quantiles(samples, n=20, method="inclusive")
    return {"p50_ms": round(statistics.median(samples), 3), "p95_ms": round(cuts[18], 3), "samples": len(samples)}


def peak_rss_mb() -> int:
    """This process's peak resident memory so far."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def folder_mb(path: Path) -> float:
    return round(sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6, 1)


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory_kb = int(next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                         if line.startswith("MemTotal")))
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    return {"date": dt.date.today().isoformat(), "cpu": cpu, "cores": os.cpu_count(),
            "memory_gb": round(memory_kb / 1024**2, 1), "python": platform.python_version(),
            "os": platform.platform(), "polgraph_commit": commit.stdout.strip() or None}


def save(name: str, result: dict[str, Any]) -> Path:
    """Write bench/results/NAME.json with the machine it ran on."""
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps({**result, "machine": machine()}, indent=2, default=str) + "\n")
    return path
