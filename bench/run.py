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
GOALS = ("goals (issue 15): write_batches >= 20x one MERGE per transaction at every size; bulk_load of 1M edges "
         "<= 60 s with peak RSS <= 1.5 GiB (embedded); at 1M, p95: embedded 1-hop <= 5 ms, 2-hop <= 10 ms, path "
         "<= 20 ms, top actors <= 10 ms; Neo4j 2-hop and path <= 30 ms; each within 3x of its bare traversal")


def run_step(store: str, edges: int, step: str, samples: int, max_seconds: float,
             extra: list[str] | None = None) -> dict[str, Any]:
    command = [sys.executable, str(BENCH / "load.py"), "--store", store, "--edges", str(edges), "--step", step,
               "--samples", str(samples), "--max-seconds", str(max_seconds), *(extra or [])]
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

    if "per_row" not in sizes[0]:
        return query_table(sizes)
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
    return "\n".join(lines) + "\n" + "\n".join(query_table(sizes).splitlines()[2:])


def query_table(sizes: list[dict[str, Any]]) -> str:
    """One row per query: p50 / p95, and beside it the bare traversal's and the ratio of the p95s."""
    lines = ["| query p50 / p95 (ms) [bare traversal p50 / p95; ratio] | "
             + " | ".join(f"{s['edges']:,} edges" for s in sizes) + " |", "| --- |" + " --- |" * len(sizes)]

    def cell(figures: dict[str, Any] | None) -> str:
        if figures is None:
            return ""
        text = f"{figures['p50_ms']} / {figures['p95_ms']}"
        if "bare" in figures:
            text += f" [{figures['bare']['p50_ms']} / {figures['bare']['p95_ms']}; {figures['ratio_p95']}x]"
        return text

    for name in dict.fromkeys(n for s in sizes for n in s["queries"]):
        lines.append(f"| {name.replace('_', ' ')} | " + " | ".join(cell(s["queries"].get(name)) for s in sizes) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", choices=["embedded", "neo4j"], default="embedded")
    parser.add_argument("--sizes", default="10000,100000,1000000", help="edges, comma-separated")
    parser.add_argument("--samples", type=int, default=100, help="query runs per latency figure")
    parser.add_argument("--max-seconds", type=float, default=300, help="stop a batched load after this long")
    parser.add_argument("--skip-extraction", action="store_true", help="leave out extraction and viewer timings")
    parser.add_argument("--only", choices=["queries"],
                        help="queries: load each size with bulk_load and time the queries only (no other loads)")
    parser.add_argument("--keep", type=Path, help="embedded: keep each size's store in KEEP/<edges> and query it "
                        "again next time instead of loading it; Neo4j: query the graph the server holds when it "
                        "has that many edges")
    parser.add_argument("--name", default="", help="suffix of the results file (store_<store><name>.json)")
    args = parser.parse_args()
    sizes: list[dict[str, Any]] = []
    report = {"benchmark": "store", "store": args.store, "sizes": sizes}
    name = f"store_{args.store}{args.name}"
    for edges in (int(n) for n in args.sizes.split(",")):
        extra = ["--only-queries"] if args.only else []
        if args.keep:
            extra += ["--reuse"] + (["--folder", str(args.keep / str(edges))] if args.store == "embedded" else [])
        result = run_step(args.store, edges, "bulk", args.samples, args.max_seconds, extra)
        sizes.append(result)
        save(name, report)  # after each step, so a long run that stops keeps what it measured
        if args.only:
            continue
        result.update(run_step(args.store, edges, "batched", args.samples, args.max_seconds))
        save(name, report)
        if args.store == "neo4j":
            result.update(run_step(args.store, edges, "load_csv", args.samples, args.max_seconds))
            save(name, report)
    if args.store == "embedded" and not args.skip_extraction and not args.only:
        for processes in (1, 2):
            subprocess.run([sys.executable, str(BENCH / "extraction_speed.py"), "--repeat", "2", "--processes",
                            str(processes)], check=True)
        subprocess.run([sys.executable, str(BENCH / "viewer_build.py")], check=True)
    path = save(name, report)
    print(f"\n{args.store} store ({GOALS})\n")
    print(table(sizes) if not args.only else query_table(sizes))
    print(f"\nwritten to {path}")


if __name__ == "__main__":
    main()
