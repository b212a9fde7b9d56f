#!/usr/bin/env bash
# `make bench-neo4j`: start Neo4j from the Maven Central jars exactly as the tests do (on its own
# port, so a test run is never disturbed), run every store benchmark against it, stop it again.
# The benchmark clears that database: it is the benchmark's own server, never a user's.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${POLGRAPH_BENCH_NEO4J_PORT:-7699}
bash scripts/neo4j/neo4j-local.sh start "$PORT"
trap 'bash scripts/neo4j/neo4j-local.sh stop "$PORT"' EXIT
NEO4J_URI="bolt://127.0.0.1:$PORT" POLGRAPH_BENCH_NEO4J=1 .venv/bin/python bench/run.py --store neo4j "$@"
