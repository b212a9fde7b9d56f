"""The `polgraph` console script, run as a user runs it (a real subprocess on a real store)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

LEADS = "MATCH (p:Person)-[:LEADS]->(q:Party) RETURN p.name AS leader, q.name AS party"


def polgraph_command() -> list[str]:
    script = Path(sys.executable).with_name("polgraph")
    return [str(script)] if script.exists() else [shutil.which("polgraph") or "polgraph"]


def run(*args: str, env: dict | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    full_env = {k: v for k, v in os.environ.items() if k not in ("NEO4J_URI", "POLGRAPH_DB")}
    full_env.update(env or {})
    return subprocess.run([*polgraph_command(), *args], capture_output=True, text=True, timeout=300,
                          env=full_env, cwd=cwd)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`polgraph demo` in a fresh folder, as the README's main command runs it."""
    folder = tmp_path_factory.mktemp("demo")
    result = run("demo", cwd=folder)
    assert result.returncode == 0, result.stderr
    assert "Marine Le Pen" in result.stdout and "Front National" in result.stdout
    assert (folder / "polgraph-data").is_dir()
    assert "`polgraph app` (or `make app`)" in result.stdout.splitlines()[-1]  # it ends by naming the viewer
    return folder / "polgraph-data"


def test_demo_then_query_lists_le_pen_leading_the_front_national(demo_db: Path) -> None:
    result = run("--db", str(demo_db), "query", LEADS)
    assert result.returncode == 0, result.stderr
    assert any("Marine Le Pen" in line and "Front National" in line for line in result.stdout.splitlines())


def test_loading_the_sample_again_changes_no_count(demo_db: Path) -> None:
    before = json.loads(run("--db", str(demo_db), "stats", "--format", "json").stdout)
    from polgraph.loaders.load import SAMPLE_ARTICLE

    again = run("--db", str(demo_db), "load", "--force", str(SAMPLE_ARTICLE))
    assert again.returncode == 0, again.stderr
    assert "0 new nodes, 0 new relationships" in again.stdout
    skipped = run("--db", str(demo_db), "load", str(SAMPLE_ARTICLE))
    assert "skipped 1 already loaded" in skipped.stdout
    assert json.loads(run("--db", str(demo_db), "stats", "--format", "json").stdout) == before


def test_query_formats_and_parameters(demo_db: Path) -> None:
    cypher = "MATCH (p:Person {name: $name})-[r:LEADS]->(q:Party) RETURN q.name AS party, r.articles AS articles"
    as_json = run("--db", str(demo_db), "query", cypher, "--param", "name=Marine Le Pen", "--format", "json")
    assert json.loads(as_json.stdout)[0]["party"] == "Front National"
    as_csv = run("--db", str(demo_db), "query", cypher, "-p", "name=Marine Le Pen", "--format", "csv")
    lines = as_csv.stdout.splitlines()
    assert lines[0] == "party,articles" and lines[1].startswith("Front National,")
    capped = run("--db", str(demo_db), "query", "MATCH (n:Person) RETURN n.name", "--max-rows", "1")
    assert "(1 row)" in capped.stdout and "raise --max-rows" in capped.stderr


def test_query_is_read_only_without_write(demo_db: Path) -> None:
    result = run("--db", str(demo_db), "query", "MATCH (n:Person) DETACH DELETE n")
    assert result.returncode == 1
    assert "read-only" in result.stderr and "Traceback" not in result.stderr


def test_delete_article(tmp_path: Path) -> None:
    from polgraph.loaders.load import SAMPLE_ARTICLE

    db = str(tmp_path / "g")
    assert run("--db", db, "load", str(SAMPLE_ARTICLE)).returncode == 0
    article = json.loads(run("--db", db, "query", "MATCH (a:Article) RETURN a.id AS id", "--format", "json").stdout)
    result = run("--db", db, "delete-article", article[0]["id"])
    assert result.returncode == 0, result.stderr
    stats = json.loads(run("--db", db, "stats", "--format", "json").stdout)
    assert sum(stats["nodes"].values()) == 0 and sum(stats["relationships"].values()) == 0


def test_degrees_follow_a_cypher_write_and_init_counts_them_after_writes_from_elsewhere(demo_db: Path,
                                                                                         tmp_path: Path) -> None:
    from polgraph.graph.open import open_store

    db = tmp_path / "g"
    shutil.copytree(demo_db, db)
    degree = ("MATCH (p:Party {id: 'party:front-national'}) OPTIONAL MATCH (p)-[r]-() WHERE type(r) <> 'MENTIONED_IN' "
              "RETURN p.degree AS stored, count(r) AS counted")
    first = json.loads(run("--db", str(db), "query", degree, "--format", "json").stdout)[0]
    assert first["stored"] == first["counted"] > 1
    assert run("--db", str(db), "query", "--write", "MATCH (:Person)-[r:LEADS]->(:Party) DELETE r").returncode == 0
    after = json.loads(run("--db", str(db), "query", degree, "--format", "json").stdout)[0]
    assert after["stored"] == after["counted"] == first["counted"] - 1
    with open_store(db, create=False) as elsewhere:  # a program writing Cypher of its own, and nothing else
        elsewhere.query("MATCH (p:Party {id: 'party:front-national'}) SET p.degree = 0", write=True)
    result = run("--db", str(db), "init", "--degrees")
    assert result.returncode == 0 and "counted every actor's degree" in result.stdout, result.stderr
    assert json.loads(run("--db", str(db), "query", degree, "--format", "json").stdout)[0] == after


@pytest.mark.parametrize(("args", "expected"), [
    (["--db", "/nonexistent/polgraph-db", "stats"], "no polgraph database in /nonexistent/polgraph-db"),
    (["--neo4j", "bolt://127.0.0.1:1", "stats"], "cannot reach Neo4j at bolt://127.0.0.1:1"),
    (["load", "/nonexistent/article.txt"], "no such file or directory: /nonexistent/article.txt"),
])
def test_errors_are_one_line_with_status_1(tmp_path: Path, args: list[str], expected: str) -> None:
    result = run(*args, cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0], result.stderr
    assert "Traceback" not in result.stderr


def test_syntax_error_names_the_query_and_debug_shows_the_traceback(demo_db: Path) -> None:
    result = run("--db", str(demo_db), "query", "MATC (n) RETURN n")
    assert result.returncode == 1 and "MATC (n) RETURN n" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    debug = run("--debug", "--db", str(demo_db), "query", "MATC (n) RETURN n")
    assert debug.returncode == 1 and "Traceback" in debug.stderr


def test_neo4j_credentials_never_reach_messages(tmp_path: Path) -> None:
    result = run("--neo4j", "bolt://someone:s3cret-pass@127.0.0.1:1", "stats",
                 env={"NEO4J_PASSWORD": "other-s3cret"}, cwd=tmp_path)
    assert result.returncode == 1
    assert "s3cret" not in result.stderr + result.stdout


def test_every_command_has_help() -> None:
    for command in ["init", "load", "query", "stats", "schema", "delete-article", "demo", "extract", "eval"]:
        result = run(command, "--help")
        assert result.returncode == 0 and "Usage: polgraph" in result.stdout, command
        assert len(result.stdout.splitlines()) > 3


def test_schema_command() -> None:
    result = run("schema")
    assert result.returncode == 0 and "(Person)-[:LEADS]->(Party|Organization)" in result.stdout
