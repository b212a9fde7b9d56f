"""Every benchmark of one store, at 10k, 100k and 1M edges, in one run; prints a markdown table.

    .venv/bin/python bench/run.py                     # embedded store (make bench)
    make bench-neo4j                                  # the same against a real Neo4j, started like the tests'

Each size loads in its own process (bench/load.py), so the peak memory figures are per load. On
Neo4j each size is also loaded with the server's own bulk path, LOAD CSV (bench/neo4j_load_csv.py).
Results: bench/results/store_<store>.json, with the machine they ran on. Extraction speed and
the viewer's page build do not depend on the store and run with the embedded store only.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from common import save  # noqa: E402

BENCH = Path(__file__).parent
GOALS = "goals: batched >= 20x per-row; 2-hop p95 < 10 ms at 1M (embedded); 1M edges < 60 s, RSS < 2 GB (embedded)"


def run_step(store: str, edges: int, step: str, samples: int, max_seconds: float) -> dict[str, Any]:
    command = [sys.executable, str(BENCH / "load.py"), "--store", store, "--edges", str(edges), "--step", step,
               "--samples", str(samples), "--max-seconds", str(max_seconds)]
    print("$", " ".join(command[1:]), flush=True)
    done = subprocess.run(command, stdout=subprocess.PIPE, text=True)
    if done.returncode:
        raise SystemExit(f"{' '.join(command[1:])} failed (exit {done.returncode}); its error is above")
    return json.loads(done.stdout.strip().splitlines()[-1])


def table(sizes: list[dict[str, Any]]) -> str:
    lines = ["| measure | " + " | ".join(f"{s['edges']:,} edges" for s in sizes) + " |",
             "| --- |" + " --- |" * len(sizes)]

    def row(name: str, cell) -> None:
        lines.append(f"| {name} | " + " | ".join(cell(s) for s in sizes) + " |")

    row("bulk_load (edges/s)", lambda s: f"{s['bulk']['edges_per_s']:,} ({s['bulk']['seconds']} s)")
    if "load_csv" in sizes[0]:  # Neo4j's own bulk path; on the embedded store bulk_load is (COPY FROM)
        row("LOAD CSV, the server's bulk path (edges/s)",
            lambda s: f"{s['load_csv']['edges_per_s']:,} ({s['load_csv']['seconds']} s)")
    row("write_batches, batched (edges/s)", lambda s: f"{s['batched']['edges_per_s']:,} ({s['batched']['seconds']} s"
        + ("" if s["batched"]["complete"] else f", stopped at {s['batched']['edges_stored']:,} edges") + ")")
    row("write_batch per article (edges/s)", lambda s: f"{s['per_article']['edges_per_s']:,}")
    row("one MERGE per transaction (edges/s)", lambda s: f"{s['per_row']['edges_per_s']:,}")
    row("batched / per-row", lambda s: f"{s['batched']['edges_per_s'] / s['per_row']['edges_per_s']:.1f}x")
    if "load_csv" in sizes[0]:
        row("LOAD CSV / per-row", lambda s: f"{s['load_csv']['edges_per_s'] / s['per_row']['edges_per_s']:.0f}x")
    row("peak RSS, bulk load (MB)", lambda s: f"{s['bulk']['peak_rss_mb']:,}"
        + (f" (server {s['bulk']['server_peak_rss_mb']:,})" if "server_peak_rss_mb" in s["bulk"] else ""))
    row("peak RSS, batched load (MB)", lambda s: f"{s['batched']['peak_rss_mb']:,}")
    row("on disk (MB)", lambda s: f"{s['bulk']['on_disk_mb']:,}")
    for name in sizes[0]["queries"]:
        row(f"{name.replace('_', ' ')} p50 / p95 (ms)",
            lambda s, n=name: f"{s['queries'][n]['p50_ms']} / {s['queries'][n]['p95_ms']}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", choices=["embedded", "neo4j"], default="embedded")
    parser.add_argument("--sizes", default="10000,100000,1000000", help="edges, comma-separated")
    parser.add_argument("--samples", type=int, default=100, help="query runs per latency figure")
    parser.add_argument("--max-seconds", type=float, default=300, help="stop a batched load after this long")
    parser.add_argument("--skip-extraction", action="store_true", help="leave out extraction and viewer timings")
    args = parser.parse_args()
    sizes: list[dict[str, Any]] = []
    report = {"benchmark": "store", "store": args.store, "sizes": sizes}
    for edges in (int(n) for n in args.sizes.split(",")):
        result = run_step(args.store, edges, "bulk", args.samples, args.max_seconds)
        sizes.append(result)
        save(f"store_{args.store}", report)  # after each step, so a long run that stops keeps what it measured
        result.update(run_step(args.store, edges, "batched", args.samples, args.max_seconds))
        save(f"store_{args.store}", report)
        if args.store == "neo4j":
            result.update(run_step(args.store, edges, "load_csv", args.samples, args.max_seconds))
            save(f"store_{args.store}", report)
    if args.store == "embedded" and not args.skip_extraction:
        for processes in (1, 2):
            subprocess.run([sys.executable, str(BENCH / "extraction_speed.py"), "--repeat", "2", "--processes",
                            str(processes)], check=True)
        subprocess.run([sys.executable, str(BENCH / "viewer_build.py")], check=True)
    path = save(f"store_{args.store}", report)
    print(f"\n{args.store} store ({GOALS})\n")
    print(table(sizes))
    print(f"\nwritten to {path}")


if __name__ == "__main__":
    main()
