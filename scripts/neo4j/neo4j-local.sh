#!/usr/bin/env bash
# A real Neo4j 5.26 Community server on 127.0.0.1, from Maven Central jars, without Docker.
# Used by the tests (scripts/test.sh) and the benchmarks; needs Java 17+ and Maven.
#
#   neo4j-local.sh start [PORT]   fetch the jars once, start the server, wait for Bolt (default 7687)
#   neo4j-local.sh stop [PORT]    stop it
#   neo4j-local.sh status [PORT]
#   neo4j-local.sh env [PORT]     print `export NEO4J_URI=...` for eval
#
# Authentication is off and it listens on loopback only: it is for tests, not for data you keep.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
command=${1:-}
port=${2:-7687}
jars=${POLGRAPH_NEO4J_JARS:-$HOME/.cache/polgraph/neo4j-5.26-jars}
state=${POLGRAPH_NEO4J_STATE:-/tmp/polgraph-neo4j-$port}
pidfile=$state/neo4j.pid
log=$state/neo4j.log

running() { [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }

fetch_jars() {
  [ -f "$jars/.complete" ] && return
  echo "fetching Neo4j jars from Maven Central into $jars ..."
  mkdir -p "$jars"
  mvn -B -q -Dstyle.color=never -f "$here/pom.xml" dependency:copy-dependencies -DoutputDirectory="$jars"
  touch "$jars/.complete"
}

start() {
  if running; then
    echo "Neo4j already running on bolt://127.0.0.1:$port (pid $(cat "$pidfile"))"
    return
  fi
  fetch_jars
  rm -rf "$state" && mkdir -p "$state/data"
  java -Xmx1g -XX:+UseSerialGC -cp "$jars/*" "$here/Launcher.java" "$port" "$state/data" >"$log" 2>&1 &
  echo $! >"$pidfile"
  for _ in $(seq 1 300); do
    if grep -q "NEO4J READY" "$log"; then
      echo "Neo4j ready on bolt://127.0.0.1:$port (log $log)"
      return
    fi
    if ! running; then break; fi
    sleep 1
  done
  echo "error: Neo4j did not start; last lines of $log:" >&2
  tail -n 20 "$log" >&2
  stop >/dev/null
  return 1
}

stop() {
  if running; then
    pid=$(cat "$pidfile")
    kill "$pid"
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -9 "$pid" 2>/dev/null || true
    echo "Neo4j on port $port stopped"
  fi
  rm -f "$pidfile"
}

case "$command" in
  start) start ;;
  stop) stop ;;
  status) if running; then echo "running on bolt://127.0.0.1:$port"; else echo "not running"; exit 1; fi ;;
  env) echo "export NEO4J_URI=bolt://127.0.0.1:$port" ;;
  *) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
