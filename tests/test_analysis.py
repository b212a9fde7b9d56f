"""Network analysis on the sample article's graph, and the CLI around exports and analysis."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

from polgraph.graph import analysis, exports
from polgraph.graph.open import open_store
from polgraph.loaders.to_graph import to_graph


@pytest.fixture(scope="module")
def graph(seed_extraction, tmp_path_factory) -> nx.MultiDiGraph:
    with open_store(tmp_path_factory.mktemp("analysis") / "g") as store:
        store.write_batch(to_graph(seed_extraction, store.schema)[0])
        return exports.to_networkx(exports.select_all(store))


def test_centrality_ranks_the_front_national_first(graph) -> None:
    rows = analysis.centrality(graph)
    assert rows[0]["id"] == "party:front-national"
    assert all(row["label"] not in ("Article", "Statement") for row in rows)
    assert rows == sorted(rows, key=lambda r: (-r["degree_centrality"], -r["betweenness"], r["id"]))


def test_communities_are_seeded_and_cover_the_actors(graph) -> None:
    first, second = analysis.communities(graph, seed=1), analysis.communities(graph, seed=1)
    assert first == second
    members = [m for c in first for m in c["members"]]
    assert len(members) == len(set(members)) == analysis.actor_network(graph).number_of_nodes()


def test_shortest_path_goes_through_actors(graph) -> None:
    steps = analysis.shortest_path(graph, "person:manuel-valls", "person:marine-le-pen")
    assert steps[0]["from"] == "Manuel Valls" and steps[-1]["to"] == "Marine Le Pen"
    assert all("Defeat" not in step["to"] for step in steps)
    with pytest.raises(ValueError):
        analysis.shortest_path(graph, "person:manuel-valls", "person:nobody")


def test_cooccurrence_counts_statements_and_sentences(graph) -> None:
    pairs = analysis.cooccurrence(graph)
    assert pairs.has_edge("person:marine-le-pen", "place:henin-beaumont")
    assert pairs["party:socialist-party"]["person:marine-le-pen"]["weight"] >= 1


def test_export_and_analyze_commands(tmp_path: Path) -> None:
    from polgraph.loaders.load import SAMPLE_ARTICLE

    polgraph = str(Path(sys.executable).with_name("polgraph"))
    db = str(tmp_path / "g")
    subprocess.run([polgraph, "--db", db, "load", str(SAMPLE_ARTICLE)], check=True, capture_output=True)
    out = tmp_path / "ego.gexf"
    done = subprocess.run([polgraph, "--db", db, "export", "--format", "gexf", "-o", str(out), "--ego",
                           "person:marine-le-pen", "--hops", "1"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert nx.read_gexf(out).has_node("party:front-national")
    for fmt in ("graphml", "cypher"):
        path = tmp_path / f"all.{fmt}"
        subprocess.run([polgraph, "--db", db, "export", "--format", fmt, "-o", str(path)], check=True)
        fresh = str(tmp_path / f"fresh-{fmt}")
        imported = subprocess.run([polgraph, "--db", fresh, "load", str(path)], capture_output=True, text=True)
        assert imported.returncode == 0 and "imported" in imported.stdout, imported.stderr
        stats = [subprocess.run([polgraph, "--db", d, "stats", "--format", "json"], capture_output=True, text=True,
                                check=True).stdout for d in (db, fresh)]
        assert json.loads(stats[0]) == json.loads(stats[1])
    ranked = subprocess.run([polgraph, "--db", db, "analyze", "centrality", "--format", "json", "--top", "3"],
                            capture_output=True, text=True)
    assert json.loads(ranked.stdout)[0]["name"] == "Front National"
