"""Corpora: many articles with their metadata, one node per real actor across them, merges kept."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from polgraph.graph.duplicates import find_duplicates
from polgraph.graph.store import Store
from polgraph.loaders.load import load_paths

WIKINEWS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "wikinews-politics-dev"


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_index_metadata_gives_titles_and_dates(store: Store, tmp_path: Path) -> None:
    if not WIKINEWS.exists():
        pytest.skip("shared corpus not present")
    lines = (WIKINEWS / "index.tsv").read_text(encoding="utf-8").splitlines()
    folder = tmp_path / "wikinews"
    folder.mkdir()
    (folder / "index.tsv").write_text("\n".join(lines[:6]) + "\n", encoding="utf-8")
    for line in lines[1:6]:
        shutil.copy(WIKINEWS / line.split("\t")[0], folder)
    report = load_paths(store, [folder])
    assert len(report.loaded) == 5 and not report.failed
    rows = store.query("MATCH (a:Article) RETURN a.title AS title, a.published AS day, a.url AS url").rows
    assert len(rows) == 5 and all(title and day and url.startswith("https://en.wikinews.org") for title, day, url in rows)
    expected = {tuple(line.split("\t")[1:3]) for line in lines[1:6]}
    assert {(day.isoformat(), title) for title, day, _ in rows} == expected
    again = load_paths(store, [folder])
    assert len(again.skipped) == 5 and not again.loaded


def test_one_node_per_actor_across_articles(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "macron"
    write(folder, "a.txt", "Macron wins\n\nIn France, Macron won the second round on Sunday.\n")
    write(folder, "b.txt", "Reform\n\nEmmanuel Macron announced a pension reform in Paris.\n")
    write(folder, "c.txt", "Visit\n\nPresident Macron visited Berlin, where he met German officials.\n")
    write(folder, "d.txt", "New MP\n\nIn Britain, Jane Smithfield, a Labour MP, spoke in London.\n")
    write(folder, "e.txt", "Debate\n\nIn Britain, Ms Smithfield told reporters that the vote in London was close.\n")
    load_paths(store, [folder])
    rows = store.query("MATCH (p:Person {id: 'person:emmanuel-macron'})-[:MENTIONED_IN]->(a:Article) "
                       "RETURN a.path AS path").rows
    assert sorted(Path(row[0]).name for row in rows) == ["a.txt", "b.txt", "c.txt"]
    assert store.query("MATCH (p:Person) WHERE p.name CONTAINS 'Macron' RETURN p.id").rows == \
        [["person:emmanuel-macron"]]
    smithfield = store.query("MATCH (p:Person)-[:MENTIONED_IN]->(a:Article) WHERE p.name ENDS WITH 'Smithfield' "
                             "RETURN p.id AS id, count(a) AS articles").rows
    assert smithfield == [["person:jane-smithfield", 2]]


def test_merge_is_recorded_and_kept_by_later_loads(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "merge"
    first = write(folder, "1.txt", "Budget\n\nIn the United States, Representative Oberwald said the budget would pass.\n")
    load_paths(store, [first])
    second = write(folder, "2.txt", "Budget vote\n\nIn the United States, Karla Oberwaldt, a Democrat, voted for it.\n")
    load_paths(store, [second])
    pairs = find_duplicates(store)
    assert any({p["a"], p["b"]} == {"person:karla-oberwaldt", "person:oberwald"} for p in pairs)
    result = store.merge_nodes("person:karla-oberwaldt", "person:oberwald")
    assert result["relationships_moved"] >= 1
    assert store.label_of("person:oberwald") is None
    before = store.stats()
    load_paths(store, [first], force=True)
    assert store.label_of("person:oberwald") is None and store.stats() == before
    articles = store.query("MATCH (p:Person {id: 'person:karla-oberwaldt'})-[:MENTIONED_IN]->(a:Article) "
                           "RETURN count(a)").rows
    assert articles == [[2]]


def test_two_processes_extract_the_same_graph(store: Store, tmp_path: Path) -> None:
    if store.kind != "embedded":
        pytest.skip("extraction does not depend on the store")
    from polgraph.graph.open import open_store
    from polgraph.loaders.load import SAMPLE_ARTICLE

    folder = tmp_path / "many"
    for i in range(16):
        write(folder, f"{i:02d}.txt", SAMPLE_ARTICLE.read_text(encoding="utf-8") + f"\n\nUpdate {i}.\n")
    load_paths(store, [folder], processes=1)
    with open_store(tmp_path / "parallel") as other:
        load_paths(other, [folder], processes=2)
        assert other.stats() == store.stats()
