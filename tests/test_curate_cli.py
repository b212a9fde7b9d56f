"""`polgraph curate` and the logged `polgraph merge`, run as a user runs them (subprocesses, real stores)."""

from __future__ import annotations

import json
from pathlib import Path

from .test_cli import run

ARTICLE = "article:176202cf329eb10b"


def demo(folder: Path) -> Path:
    result = run("demo", cwd=folder)
    assert result.returncode == 0, result.stderr
    return folder / "polgraph-data"


def test_curating_from_the_command_line(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir(), second.mkdir()
    db, other = demo(first), demo(second)

    queue = run("--db", str(db), "curate", "queue", "--format", "json", "--limit", "3")
    facts = json.loads(queue.stdout)
    assert len(facts) == 3 and facts[0]["confidence"] <= facts[-1]["confidence"]

    rejected = run("--db", str(db), "curate", "reject", "party:socialist-party", "SUPPORTS", "party:the-republicans",
                   "--note", "a withdrawal", env={"POLGRAPH_AUTHOR": "ada"})
    assert rejected.returncode == 0 and rejected.stdout.startswith("reject by ada:"), rejected.stderr
    edited = run("--db", str(db), "curate", "edit", "person:steeve-briois", "MEMBER_OF", "party:front-national",
                 "--set", "current=false", "--author", "bob")
    assert edited.returncode == 0, edited.stderr
    assert run("--db", str(db), "curate", "add", "person:manuel-valls", "OPPOSES", "party:front-national",
               "--article", ARTICLE, "--span", "0:20", "--author", "bob").returncode == 0
    assert run("--db", str(db), "curate", "rename", "person:steeve-briois", "Steeve Briois",
               "--author", "bob").returncode == 0
    merged = run("--db", str(db), "merge", "person:francois-hollande", "person:manuel-valls", "--author", "ada")
    assert merged.returncode == 0 and "relationships moved" in merged.stdout
    split = run("--db", str(db), "curate", "split", "person:francois-hollande", "person:manuel-valls",
                "--author", "ada")
    assert split.returncode == 0 and "facts moved back" in split.stdout
    assert run("--db", str(db), "curate", "relabel", "organization:buzzfeed-france", "Party",
               "--author", "ada").returncode == 0
    assert run("--db", str(db), "curate", "reject-actor", "organization:le-monde", "--author", "ada").returncode == 0
    assert run("--db", str(db), "curate", "verify", "person:marine-le-pen", "LEADS", "party:front-national",
               "--author", "ada").returncode == 0

    log = run("--db", str(db), "curate", "log", "--author", "bob")
    assert [line.split("  ")[2] for line in log.stdout.splitlines()] == ["edit", "add", "rename"]
    assert "(3 decisions)" in log.stderr
    shown = run("--db", str(db), "query", "MATCH (a)-[r:SUPPORTS]->(b) RETURN r.review", "--format", "json")
    assert json.loads(shown.stdout) == [{"r.review": "rejected"}]
    facts_shown = run("--db", str(db), "demo").stdout  # the demo's list of facts leaves rejected ones out
    assert "SUPPORTS" not in facts_shown.split("Facts (")[-1]

    exported = tmp_path / "decisions.jsonl"
    assert run("--db", str(db), "curate", "export", "-o", str(exported)).returncode == 0
    assert len(exported.read_text().splitlines()) == 9
    imported = run("--db", str(other), "curate", "import", str(exported))
    assert imported.returncode == 0 and "applied 9 decisions" in imported.stdout, imported.stderr
    stats = [json.loads(run("--db", str(d), "stats", "--format", "json").stdout) for d in (db, other)]
    assert stats[0] == stats[1]

    edges = tmp_path / "edges.jsonl"
    assert run("--db", str(db), "export", "--format", "jsonl", "-o", str(edges), "--reviewed-only").returncode == 0
    reviews = {json.loads(line).get("review") for line in edges.read_text().splitlines()[1:]
               if json.loads(line)["element"] == "edge"}
    assert reviews == {"verified", "edited", "manual"}


def test_curate_errors_are_one_line_and_change_nothing(tmp_path: Path) -> None:
    db = demo(tmp_path)
    before = run("--db", str(db), "stats", "--format", "json").stdout
    for args, message in [
        (("verify", "person:nobody", "LEADS", "party:front-national"), "no node with id 'person:nobody'"),
        (("add", "person:manuel-valls", "OPPOSES", "party:front-national", "--article", ARTICLE, "--span",
          "2500:2600"), "span 2500:2600 lies outside article"),
        (("add", "person:manuel-valls", "OPPOSES", "party:front-national", "--article", ARTICLE, "--span", "x"),
         "expected START:END"),
        (("split", "person:marine-le-pen", "person:marion-marechal-le-pen"), "was not merged"),
    ]:
        result = run("--db", str(db), "curate", *args, "--author", "ada")
        assert result.returncode != 0 and message in result.stderr, result.stderr
        assert len(result.stderr.strip().splitlines()) == 1 and result.stderr.startswith("polgraph: error: ")
    assert run("--db", str(db), "stats", "--format", "json").stdout == before
    assert run("--db", str(db), "curate", "log").stdout == ""
