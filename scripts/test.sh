#!/usr/bin/env bash
# The test command (`make test`, also run by .ci/run): installs everything the tests need on a
# fresh machine (the venv with test extras, Debian's chromium, the npm packages of tests/js, the
# Neo4j jars from Maven Central), starts a real Neo4j on 127.0.0.1, runs ruff and pytest, and stops
# Neo4j again.
# Extra arguments go to pytest, e.g. `bash scripts/test.sh -k store`.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3.11}
PORT=${POLGRAPH_TEST_NEO4J_PORT:-7697}

step() { printf '\n== %s\n' "$*"; }

step "Python environment (.venv)"
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/pip install -q --upgrade pip
# setuptools' note on editable installs of this folder layout is information only (see the Makefile)
PYTHONWARNINGS="ignore:Editable installation" .venv/bin/pip install -q -e '.[test]'

step "Debian's chromium for the browser tests"
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    sudo -n sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium' >/dev/null \
      || echo "warning: cannot install chromium without root; the browser tests will skip"
  fi
fi

step "JavaScript readers of the exports (tests/js: graphology, d3-force)"
if ! command -v npm >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
  else
    sudo -n sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm' >/dev/null \
      || echo "warning: cannot install node and npm without root; the JavaScript reader tests will skip"
  fi
fi
if command -v npm >/dev/null; then
  (cd tests/js && npm ci --no-audit --no-fund --loglevel=error)
fi

step "ruff"
.venv/bin/ruff check .

step "Neo4j 5.26 on 127.0.0.1:$PORT"
if bash scripts/neo4j/neo4j-local.sh start "$PORT"; then
  export NEO4J_URI="bolt://127.0.0.1:$PORT"
  trap 'bash scripts/neo4j/neo4j-local.sh stop "$PORT" || echo "warning: could not stop Neo4j on port $PORT" >&2' EXIT
elif [ "${CI:-}" = "true" ]; then
  echo "error: Neo4j did not start; under CI that fails the run" >&2
  exit 1
else
  echo "warning: Neo4j did not start; the Neo4j half of the tests will skip" >&2
fi

step "pytest"
set +e
.venv/bin/python -m pytest "$@"
status=$?
set -e
if [ "$status" -eq 5 ]; then
  echo "error: pytest collected no tests" >&2
  status=1
fi
[ "$status" -eq 0 ] || echo "pytest exit status $status" >&2
exit "$status"
