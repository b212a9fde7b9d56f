"""The Store contract, run on both backends (see the ``store`` fixture)."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pytest

from polgraph.graph import folding
from polgraph.graph.folding import SEEN_SETS_FROM
from polgraph.graph.open import open_store
from polgraph.graph.records import GraphBatch, NodeRecord, RelationshipRecord, merge_fact
from polgraph.graph.schema import SchemaError
from polgraph.graph.store import QueryError, Store, StoreError

LE_PEN, FN, NORD = "person:marine-le-pen", "party:front-national", "region:nord-pas-de-calais-picardie"


def fact(article: str, start: int = 0, sentence: str = "Front National leader Marine Le Pen",
         **extra: object) -> dict:
    return {"articles": [article], "spans": [f"{article}:{start}:{start + len(sentence)}"],
            "evidence": [sentence], "extractor": "test", "confidence": 0.9, "tier": "explicit",
            "first_reported": dt.date(2015, 12, 14), "last_reported": dt.date(2015, 12, 14), **extra}


def article_batch(article: str, *, with_region: bool = True) -> GraphBatch:
    nodes = [
        NodeRecord("Article", article, {"name": f"Article {article}", "title": f"Article {article}"}),
        NodeRecord("Person", LE_PEN, {"name": "Marine Le Pen", "aliases": ["Le Pen"]}),
        NodeRecord("Party", FN, {"name": "Front National", "aliases": ["FN", "National Front"]}),
    ]
    rels = [
        RelationshipRecord("LEADS", "Person", LE_PEN, "Party", FN, fact(article)),
        RelationshipRecord("MENTIONED_IN", "Person", LE_PEN, "Article", article, fact(article, count=2)),
    ]
    if with_region:
        nodes.append(NodeRecord("Region", NORD, {"name": "Nord-Pas-de-Calais-Picardie"}))
        rels.append(RelationshipRecord("LOST", "Party", FN, "Region", NORD,
                                       fact(article, 50, "the Front National lost the north", round=2)))
    return GraphBatch(article, nodes, rels)


def counts(store: Store) -> dict:
    return store.stats()


def test_write_creates_nodes_and_relationships(store: Store) -> None:
    summary = store.write_batch(article_batch("article:a"))
    assert (summary.nodes_created, summary.relationships_created) == (4, 3)
    stats = counts(store)
    assert stats["nodes"]["Person"] == 1 and stats["nodes"]["Party"] == 1 and stats["nodes"]["Article"] == 1
    assert stats["relationships"]["LEADS"] == 1 and stats["relationships"]["LOST"] == 1
    rows = store.query("MATCH (p:Person)-[r:LEADS]->(q:Party) RETURN p.name, q.name, r.tier, r.evidence").rows
    assert rows == [["Marine Le Pen", "Front National", "explicit", ["Front National leader Marine Le Pen"]]]


def test_writing_the_same_article_twice_changes_nothing(store: Store) -> None:
    store.write_batch(article_batch("article:a"))
    before = counts(store)
    snapshot = store.query("MATCH (a)-[r:LEADS]->(b) RETURN r.articles, r.spans, r.evidence").rows
    summary = store.write_batch(article_batch("article:a"))
    assert (summary.nodes_created, summary.relationships_created, summary.relationships_updated) == (0, 0, 0)
    assert counts(store) == before
    assert store.query("MATCH (a)-[r:LEADS]->(b) RETURN r.articles, r.spans, r.evidence").rows == snapshot


def test_a_second_article_adds_provenance_not_duplicates(store: Store) -> None:
    store.write_batch(article_batch("article:a"))
    store.write_batch(article_batch("article:b", with_region=False))
    assert counts(store)["relationships"]["LEADS"] == 1
    assert counts(store)["nodes"]["Person"] == 1
    (row,) = store.query("MATCH (:Person)-[r:LEADS]->(:Party) RETURN r.articles, r.spans").rows
    assert row[0] == ["article:a", "article:b"]
    assert len(row[1]) == 2


def test_repeated_keys_in_one_batch_are_merged(store: Store) -> None:
    batch = article_batch("article:a")
    batch.nodes.append(NodeRecord("Person", LE_PEN, {"name": "Marine Le Pen", "aliases": ["Madame Le Pen"]}))
    batch.relationships.append(RelationshipRecord("LEADS", "Person", LE_PEN, "Party", FN,
                                                  fact("article:a", 200, "Le Pen, the FN leader")))
    store.write_batch(batch)
    (row,) = store.query("MATCH (p:Person)-[r:LEADS]->(:Party) RETURN p.aliases, r.spans").rows
    assert sorted(row[0]) == ["Le Pen", "Madame Le Pen"]
    assert len(row[1]) == 2


def test_schema_violations_are_refused_and_write_nothing(store: Store) -> None:
    before = counts(store)
    bad_label = article_batch("article:a")
    bad_label.nodes.append(NodeRecord("Politician", "politician:x", {"name": "X"}))
    bad_property = article_batch("article:a")
    bad_property.nodes[1].properties["colour"] = "blue"
    bad_pair = article_batch("article:a")
    bad_pair.relationships.append(RelationshipRecord("LEADS", "Party", FN, "Person", LE_PEN, fact("article:a")))
    bad_type = article_batch("article:a")
    bad_type.relationships.append(RelationshipRecord("ADORES", "Person", LE_PEN, "Party", FN, fact("article:a")))
    for batch, message in [(bad_label, "unknown node label"), (bad_property, "no property 'colour'"),
                           (bad_pair, "cannot go from Party to Person"), (bad_type, "unknown relationship type")]:
        with pytest.raises(SchemaError, match=message):
            store.write_batch(batch)
    assert counts(store) == before


def test_a_failing_transaction_leaves_the_graph_as_it_was(store: Store) -> None:
    store.write_batch(article_batch("article:a"))
    before = counts(store)

    def work(run):
        run("MERGE (n:Person {id: $id}) SET n.name = $id", {"id": "person:half-written"})
        run("MATCH (n:Person {id: $id}) DETACH DELETE n", {"id": LE_PEN})
        raise RuntimeError("the loader died here")

    with pytest.raises(RuntimeError):
        store._in_transaction(work, write=True)
    assert counts(store) == before
    assert store.query("MATCH (n:Person) RETURN n.id").rows == [[LE_PEN]]


@pytest.mark.parametrize("cypher", [
    "CREATE (:Person {id: 'person:x', name: 'x'})",
    "cReAtE (:Person {id: 'person:x', name: 'x'})",
    "/* harmless */ MATCH (n:Person) WITH n MERGE (m:Person {id: 'person:y'}) RETURN m",
    "// a comment\nMATCH (n:Person) SET n.name = 'changed'",
    "MATCH (n) DETACH DELETE n",
])
def test_queries_are_read_only_unless_asked(store: Store, cypher: str) -> None:
    store.write_batch(article_batch("article:a"))
    before = counts(store)
    with pytest.raises(QueryError, match="read-only"):
        store.query(cypher)
    assert counts(store) == before
    assert store.query("MATCH (n:Person) RETURN n.name").rows == [["Marine Le Pen"]]


@pytest.mark.parametrize("cypher", [
    "COPY (MATCH (n) RETURN n.id) TO '/tmp/polgraph-leak.csv'",
    "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
    "MATCH (n) RETURN n; MATCH (m) RETURN m",
    "MATCH (n) RETURN n LIMIT 1; COMMIT; CREATE (:Person {id: 'person:x', name: 'x'})",
    "MATCH (n:Person) CALL { WITH n CREATE (:Person {id: 'person:y', name: 'y'}) } RETURN n",
    "EXPORT DATABASE '/tmp/polgraph-export-leak'",
    "ATTACH '/tmp/other.lbdb' AS other (dbtype lbug)",
    "INSTALL httpfs",
])
def test_file_access_and_several_statements_are_refused_in_read_mode(store: Store, cypher: str) -> None:
    with pytest.raises(QueryError):
        store.query(cypher)
    assert counts(store)["nodes"]["Person"] == 0


def test_write_queries_run_when_asked(store: Store) -> None:
    store.query("CREATE (:Person {id: $id, name: $name})", {"id": "person:x", "name": "X"}, write=True)
    assert store.query("MATCH (n:Person) RETURN n.name").rows == [["X"]]


def test_values_travel_as_parameters(store: Store) -> None:
    evil = 'x"}) DETACH DELETE n //'
    batch = article_batch("article:a")
    batch.nodes[1].properties["name"] = evil
    store.write_batch(batch)
    assert store.query("MATCH (n:Person {name: $name}) RETURN n.name", {"name": evil}).rows == [[evil]]
    assert counts(store)["nodes"]["Party"] == 1


def test_syntax_errors_name_the_query(store: Store) -> None:
    with pytest.raises(QueryError, match="MATC"):
        store.query("MATC (n) RETURN n")


def test_row_cap(store: Store) -> None:
    result = store.query("UNWIND range(1, 50) AS x RETURN x", max_rows=10)
    assert [row[0] for row in result.rows] == list(range(1, 11))
    assert result.truncated
    assert not store.query("UNWIND range(1, 5) AS x RETURN x", max_rows=10).truncated


def test_timeout_stops_a_long_query(store: Store) -> None:
    with pytest.raises(QueryError, match="timed out|Interrupted|terminated|timeout"):
        store.query("UNWIND range(1, 2000) AS x UNWIND range(1, 2000) AS y UNWIND range(1, 2000) AS z "
                    "WITH x, y, z WHERE (x * y + z) % 7919 = 13 RETURN count(*) AS n", timeout=0.5)


def test_neighbourhood(store: Store) -> None:
    store.write_batch(article_batch("article:a"))
    one = store.neighbourhood(LE_PEN, hops=1)
    assert {n.id for n in one.nodes} == {LE_PEN, FN, "article:a"}
    two = store.neighbourhood(LE_PEN, hops=2)
    assert {n.id for n in two.nodes} == {LE_PEN, FN, "article:a", NORD}
    assert {(r.type, r.source, r.target) for r in two.relationships} == {
        ("LEADS", LE_PEN, FN), ("MENTIONED_IN", LE_PEN, "article:a"), ("LOST", FN, NORD)}
    only_leads = store.neighbourhood(LE_PEN, hops=2, types=["LEADS"])
    assert {n.id for n in only_leads.nodes} == {LE_PEN, FN}
    with pytest.raises(StoreError, match="no node"):
        store.neighbourhood("person:nobody")


def chain_and_star(leaves: int) -> GraphBatch:
    """person:0 -> party:1 -> region:2 -> ... a chain of MEMBER_OF/WON facts, and ``leaves`` people who
    are members of party:1."""
    nodes = [NodeRecord("Person", "person:0", {"name": "P0"}), NodeRecord("Party", "party:1", {"name": "P1"}),
             NodeRecord("Region", "region:2", {"name": "R2"}), NodeRecord("Person", "person:3", {"name": "P3"})]
    rels = [RelationshipRecord("MEMBER_OF", "Person", "person:0", "Party", "party:1", fact("article:c")),
            RelationshipRecord("WON", "Party", "party:1", "Region", "region:2", fact("article:c")),
            RelationshipRecord("HOLDS_OFFICE", "Person", "person:3", "Region", "region:2", fact("article:c"))]
    for i in range(leaves):
        nodes.append(NodeRecord("Person", f"person:leaf-{i}", {"name": f"Leaf {i}"}))
        rels.append(RelationshipRecord("MEMBER_OF", "Person", f"person:leaf-{i}", "Party", "party:1",
                                       fact("article:c")))
    return GraphBatch("article:c", [NodeRecord("Article", "article:c", {"name": "C", "title": "C"}), *nodes],
                      rels)


def test_neighbourhood_walks_each_hop_once_and_stops_at_the_node_cap(store: Store) -> None:
    store.write_batch(chain_and_star(leaves=5))
    three = store.neighbourhood("person:0", hops=3)
    assert {n.id for n in three.nodes} == {"person:0", "party:1", "region:2", "person:3",
                                           *(f"person:leaf-{i}" for i in range(5))}
    assert not three.truncated
    # the facts walked: from nodes nearer than three hops, so person:3's HOLDS_OFFICE is in, nothing beyond it
    assert len(three.relationships) == 3 + 5
    two = store.neighbourhood("person:0", hops=2)
    assert "person:3" not in {n.id for n in two.nodes} and ("HOLDS_OFFICE", "person:3", "region:2") not in {
        (r.type, r.source, r.target) for r in two.relationships}
    capped = store.neighbourhood("person:0", hops=3, max_nodes=4)
    assert capped.truncated and len(capped.nodes) == 4 and "person:0" in {n.id for n in capped.nodes}
    kept = {n.id for n in capped.nodes}
    assert all(r.source in kept and r.target in kept for r in capped.relationships)


def test_actor_neighbourhood_is_lean_and_walks_no_article(store: Store) -> None:
    store.write_batch(article_batch("article:a"))
    one = store.actor_neighbourhood(LE_PEN, hops=1)
    assert [n.id for n in one.nodes] == [LE_PEN, FN]  # no article: the actor network never draws them
    two = store.actor_neighbourhood(LE_PEN, hops=2)
    assert {n.id for n in two.nodes} == {LE_PEN, FN, NORD} and not two.truncated
    assert {(e.type, e.source, e.target, e.tier, e.weight) for e in two.edges} == {
        ("LEADS", LE_PEN, FN, "explicit", 1), ("LOST", FN, NORD, "explicit", 1)}
    assert next(n for n in two.nodes if n.id == FN).name == "Front National"
    assert {n.id for n in store.actor_neighbourhood(LE_PEN, hops=2, types=["LEADS"]).nodes} == {LE_PEN, FN}
    store.write_batch(article_batch("article:b"))  # read again after a write: the weight counts articles
    assert {e.weight for e in store.actor_neighbourhood(LE_PEN).edges} == {2}
    assert store.fact("LEADS", LE_PEN, FN)["articles"] == ["article:a", "article:b"]
    assert store.fact("LEADS", FN, LE_PEN) is None
    with pytest.raises(StoreError, match="not an actor"):
        store.actor_neighbourhood("article:a")
    with pytest.raises(StoreError, match="no node"):
        store.actor_neighbourhood("person:nobody")


def test_actor_neighbourhood_keeps_the_best_connected_when_full(store: Store) -> None:
    people = [f"person:p{i}" for i in range(6)]
    nodes = [NodeRecord("Party", FN, {"name": "FN"}), NodeRecord("Party", "party:other", {"name": "Other"}),
             *(NodeRecord("Person", p, {"name": p}) for p in people)]
    rels = [RelationshipRecord("MEMBER_OF", "Person", p, "Party", FN, fact("article:a")) for p in people]
    rels.append(RelationshipRecord("MEMBER_OF", "Person", people[3], "Party", "party:other", fact("article:a")))
    store.write_batch(GraphBatch("article:a", nodes, rels))
    capped = store.actor_neighbourhood(FN, hops=1, max_nodes=2)
    assert [n.id for n in capped.nodes] == [FN, people[3]] and capped.truncated  # degree 2 before degree 1
    assert store.actor_neighbourhood(FN, hops=1, max_edges=2).truncated


def test_top_actors_rank_as_the_viewers_query(store: Store) -> None:
    store.write_batch(article_batch("article:a"))
    assert store.top_actors(5) == [{"id": FN, "name": "Front National", "relationships": 2},
                                   {"id": LE_PEN, "name": "Marine Le Pen", "relationships": 1}]


def degree(store: Store, node_id: str) -> int:
    return store.query("MATCH (n {id: $id}) RETURN n.degree", {"id": node_id}).rows[0][0]


def test_every_write_keeps_each_actors_degree(store: Store, degrees_off) -> None:
    store.write_batch(article_batch("article:a"))
    assert (degree(store, FN), degree(store, LE_PEN), degree(store, NORD)) == (2, 1, 1)  # MENTIONED_IN left out
    list(store.write_batches(corpus()[1:], facts_per_transaction=5))
    assert degree(store, FN) == 1202 and degrees_off(store) == []  # LEADS, LOST and 1,200 members
    store.delete_article("article:c")
    store.delete_article("article:d")
    assert degree(store, FN) == 2 and degrees_off(store) == []
    # A second node for the party: the same LEADS (one fact once merged) and a fact of its own.
    twin = "party:fn"
    store.write_batch(GraphBatch("article:e", [
        NodeRecord("Article", "article:e", {"name": "Article e"}), NodeRecord("Person", LE_PEN, {"name": "Marine Le Pen"}),
        NodeRecord("Party", twin, {"name": "FN"}), NodeRecord("Region", NORD, {"name": "Nord-Pas-de-Calais-Picardie"}),
    ], [RelationshipRecord("LEADS", "Person", LE_PEN, "Party", twin, fact("article:e")),
        RelationshipRecord("WON", "Party", twin, "Region", NORD, fact("article:e", 60, "the FN won"))]))
    assert (degree(store, LE_PEN), degree(store, NORD)) == (2, 2)
    store.merge_nodes(FN, twin)
    assert (degree(store, FN), degree(store, LE_PEN), degree(store, NORD)) == (3, 1, 2)
    assert degrees_off(store) == []
    store.query("MATCH (:Person)-[r:LEADS]->(:Party) DELETE r", write=True)  # a write the store cannot follow
    assert store.top_actors(5) == [{"id": FN, "name": "Front National", "relationships": 2}]
    assert degrees_off(store) == []


def test_bulk_load_counts_every_degree_and_a_batch_cannot_set_one(store: Store, degrees_off) -> None:
    batches = corpus()
    batches[0].nodes[2] = NodeRecord("Party", FN, {"name": "Front National", "degree": 99})
    store.bulk_load(batches)
    assert degree(store, FN) == 1202 and degrees_off(store) == []
    store.clear()
    for batch in batches:
        store.write_batch(batch)
    assert degree(store, FN) == 1202 and degrees_off(store) == []


def test_an_embedded_store_made_before_degrees_gets_them_when_opened_for_writing(tmp_path: Path,
                                                                                degrees_off) -> None:
    regions = GraphBatch("article:r", [NodeRecord("Article", "article:r", {"name": "Regions"}),
                                       NodeRecord("Party", FN, {"name": "Front National"})], [])
    for i in range(400):  # enough new rows that they go in by COPY, which follows the table's column order
        regions.nodes.append(NodeRecord("Region", f"region:r{i:03d}", {"name": f"R{i}", "country": "France"}))
        regions.relationships.append(RelationshipRecord("WON", "Party", FN, "Region", f"region:r{i:03d}",
                                                        fact("article:r", i, f"won R{i}")))
    with open_store(tmp_path / "old") as old:
        old.write_batch(article_batch("article:a"))
        for label, node in old.schema.nodes.items():
            if node.keeps_degree:  # as a store made before the property was declared
                old.query(f"ALTER TABLE {label} DROP degree", write=True)
    with open_store(tmp_path / "old") as upgraded:
        assert (degree(upgraded, FN), degree(upgraded, LE_PEN)) == (2, 1) and degrees_off(upgraded) == []
        list(upgraded.write_batches([regions]))
        assert degree(upgraded, FN) == 402 and degrees_off(upgraded) == []
        assert upgraded.query("MATCH (r:Region {id: 'region:r007'}) RETURN r.country").rows == [["France"]]


def test_delete_article_keeps_facts_other_articles_support(store: Store) -> None:
    store.write_batch(article_batch("article:a"))
    store.write_batch(article_batch("article:b", with_region=False))
    result = store.delete_article("article:a")
    assert result["relationships_deleted"] == 2  # LOST and a's MENTIONED_IN
    stats = counts(store)
    assert stats["nodes"]["Article"] == 1 and stats["nodes"]["Region"] == 0
    assert stats["relationships"]["LOST"] == 0 and stats["relationships"]["LEADS"] == 1
    (row,) = store.query("MATCH (:Person)-[r:LEADS]->(:Party) RETURN r.articles, r.spans").rows
    assert row[0] == ["article:b"] and all(span.startswith("article:b:") for span in row[1])
    store.delete_article("article:b")
    assert sum(counts(store)["nodes"].values()) == 0
    with pytest.raises(StoreError, match="no article"):
        store.delete_article("article:b")


def test_results_come_back_in_one_plain_form(store: Store) -> None:
    store.write_batch(article_batch("article:a"))
    result = store.query("MATCH (p:Person)-[r:LEADS]->(q:Party) RETURN p, r, q, r.first_reported AS day")
    (p, r, q, day), = result.rows
    assert (p.label, p.id, q.id) == ("Person", LE_PEN, FN)
    assert (r.type, r.source, r.target) == ("LEADS", LE_PEN, FN)
    assert r.properties["articles"] == ["article:a"]
    assert day == dt.date(2015, 12, 14)


def snapshot(store: Store) -> tuple[list, list]:
    nodes = store.query("MATCH (n) RETURN n.id, n.name, n.aliases ORDER BY n.id", max_rows=100_000).rows
    facts = store.query("MATCH (a)-[r]->(b) RETURN a.id, type(r), b.id, r.articles, r.spans, r.evidence, "
                        "r.confidence, r.tier, r.first_reported, r.last_reported ORDER BY a.id, type(r), b.id",
                        max_rows=100_000).rows
    return nodes, facts


def corpus(members: int = 1200) -> list[GraphBatch]:
    """Three articles; the last two name the same ``members`` party members, enough for bulk inserts."""
    batches = [article_batch("article:a"), article_batch("article:b", with_region=False)]
    for article in ("article:c", "article:d"):
        batch = article_batch(article, with_region=article == "article:d")
        for i in range(members):
            member = f"person:member-{i:05d}"
            batch.nodes.append(NodeRecord("Person", member, {"name": f"Member {i}"}))
            batch.relationships.append(RelationshipRecord("MEMBER_OF", "Person", member, "Party", FN,
                                                          fact(article, 100 + i, f"Member {i} of the FN")))
        batches.append(batch)
    return batches


def broken_corpus() -> list[GraphBatch]:
    """``corpus()`` whose last article has a fact the schema refuses (a party leading a person)."""
    batches = corpus()
    batches[-1].relationships.append(RelationshipRecord("LEADS", "Party", FN, "Person", LE_PEN, fact("article:d")))
    return batches


def test_grouped_and_bulk_writes_store_what_article_by_article_writes_store(store: Store) -> None:
    for batch in corpus():
        store.write_batch(batch)
    expected = snapshot(store)
    assert counts(store)["relationships"]["MEMBER_OF"] == 1200
    assert expected[1][-1][3] == ["article:c", "article:d"]  # provenance of both articles merged
    store.clear()
    summaries = list(store.write_batches(corpus(), facts_per_transaction=5))
    assert len(summaries) == 3  # a, b together (6 facts); c alone; d alone: no article is split
    assert snapshot(store) == expected
    store.clear()
    summary = store.bulk_load(corpus())
    assert summary.relationships_created == len(expected[1])
    assert snapshot(store) == expected


def test_bulk_load_spilling_facts_to_disk_stores_what_write_batch_stores(
        store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for batch in corpus():
        store.write_batch(batch)
    expected = snapshot(store)
    store.clear()
    monkeypatch.setattr(folding, "SPILL_RECORDS", 100)  # 1,200 MEMBER_OF facts: a dozen spills of that table
    spills = tmp_path / "spills"
    spills.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(spills))
    store.bulk_load(corpus())
    assert snapshot(store) == expected
    store.clear()
    with pytest.raises(SchemaError):
        store.bulk_load(broken_corpus())
    assert list(spills.iterdir()) == []  # the spill folder goes, whether the load succeeds or not


def test_folding_a_fact_stated_in_many_articles_merges_it_as_write_batch_would() -> None:
    articles = [f"article:{n:03d}" for n in range(SEEN_SETS_FROM * 2)]
    batches = [article_batch(article) for article in articles]
    for again in (3, SEEN_SETS_FROM + 5):  # an article met again adds nothing, before and after sets are kept
        batches.insert(SEEN_SETS_FROM + 10, article_batch(articles[again]))
    expected = None
    for article in articles:
        expected = merge_fact(expected, fact(article))
    with open_store(":memory:") as store, store.fold(batches) as corpus:
        leads = corpus.facts(("LEADS", "Person", "Party"))[(LE_PEN, FN)]
        assert leads == {**expected, "source": LE_PEN, "target": FN}
        assert len(leads["articles"]) == len(articles) and corpus.articles == len(articles) + 2


def test_bulk_load_needs_an_empty_store_and_checks_every_article_first(store: Store) -> None:
    store.write_batch(article_batch("article:a"))
    before = snapshot(store)
    with pytest.raises(StoreError, match="empty store"):
        store.bulk_load(corpus())
    assert snapshot(store) == before
    store.clear()
    with pytest.raises(SchemaError):
        store.bulk_load(broken_corpus())
    assert snapshot(store) == ([], [])


def test_shortest_path_between_actors(store: Store) -> None:
    store.write_batch(article_batch("article:a"))
    store.write_batch(GraphBatch("article:b", [
        NodeRecord("Article", "article:b", {"name": "b"}), NodeRecord("Person", "person:x", {"name": "X"}),
        NodeRecord("Region", NORD, {"name": "Nord-Pas-de-Calais-Picardie"})],
        [RelationshipRecord("WON", "Person", "person:x", "Region", NORD, fact("article:b")),
         RelationshipRecord("MENTIONED_IN", "Person", "person:x", "Article", "article:b", fact("article:b"))]))
    steps = store.shortest_path(LE_PEN, "person:x")
    assert steps == [
        {"from": "Marine Le Pen", "relation": "LEADS", "direction": "->", "to": "Front National"},
        {"from": "Front National", "relation": "LOST", "direction": "->", "to": "Nord-Pas-de-Calais-Picardie"},
        {"from": "Nord-Pas-de-Calais-Picardie", "relation": "WON", "direction": "<-", "to": "X"},
    ]
    with pytest.raises(StoreError, match="no path"):
        store.shortest_path(LE_PEN, "article:a")  # articles are not on paths between actors
    with pytest.raises(StoreError, match="no node"):
        store.shortest_path(LE_PEN, "person:nobody")


def test_the_embedded_store_keeps_few_prepared_statements(tmp_path) -> None:
    from polgraph.graph.ladybug_store import STATEMENT_CACHE_SIZE, LadybugStore

    with LadybugStore(tmp_path / "g") as store:
        store.init()
        for n in range(STATEMENT_CACHE_SIZE + 50):  # each a distinct statement, as in a long viewer session
            store.query(f"RETURN $x + {n} AS y", {"x": 1})
        assert len(store._conn._pybind_implicit_prepared_cache) <= STATEMENT_CACHE_SIZE


def test_a_full_buffer_pool_says_what_to_change_and_writes_nothing(tmp_path, monkeypatch) -> None:
    from polgraph.graph.ladybug_store import LadybugStore

    monkeypatch.setenv("POLGRAPH_BUFFER_POOL_MB", "16")
    people = [NodeRecord("Person", f"person:p{i}", {"name": f"P {i}"}) for i in range(20_000)]
    mentions = [RelationshipRecord("MENTIONED_IN", "Person", p.id, "Article", "article:big",
                                   {"articles": ["article:big"], "spans": [f"article:big:{i}:{i + 1}"],
                                    "evidence": ["x" * 2000]}) for i, p in enumerate(people)]
    article = NodeRecord("Article", "article:big", {"name": "Big"})
    with LadybugStore(tmp_path / "g") as store:
        store.init()
        with pytest.raises(QueryError, match=r"buffer pool is 16 MB: raise \$POLGRAPH_BUFFER_POOL_MB"):
            store.write_batch(GraphBatch("article:big", [article, *people], mentions))
        assert not any(store.stats()["nodes"].values())
