"""Curation on both stores: every decision kind, review status, re-extraction, the log, export and import."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from polgraph.graph import curation, exports
from polgraph.graph.curation import CurationError, Decision, FactKey
from polgraph.graph.examples import ALL_FACTS
from polgraph.graph.schema import SchemaError
from polgraph.graph.store import Store
from polgraph.loaders.load import SAMPLE_ARTICLE, load_paths

LE_PEN, MARION, FN = "person:marine-le-pen", "person:marion-marechal-le-pen", "party:front-national"
LEADS = FactKey("LEADS", LE_PEN, FN)
WITHDRAWAL = FactKey("SUPPORTS", "party:socialist-party", "party:the-republicans")
BRIOIS_MEMBER = FactKey("MEMBER_OF", "person:steeve-briois", FN)
LE_PEN_LOST = FactKey("LOST", LE_PEN, "region:nord-pas-de-calais-picardie")
VALLS_OPPOSES = FactKey("OPPOSES", "person:manuel-valls", FN)
ADA = "ada"


def snapshot(store: Store) -> dict[tuple[str, ...], dict[str, Any]]:
    """Every node and fact with every declared property (lists sorted): equal snapshots, equal graphs."""
    items: dict[tuple[str, ...], dict[str, Any]] = {}
    for label, node in store.schema.nodes.items():
        declared = list(node.properties)
        for row in store._read(f"MATCH (n:{label}) RETURN " + ", ".join(f"n.{p}" for p in declared)):
            props = dict(zip(declared, row, strict=True))
            items[("node", label, props["id"])] = _comparable(props)
    for rel_type, rel in store.schema.relationships.items():
        declared = list(rel.properties)
        for source_label, target_label in rel.pairs():
            for source, target, *values in store._read(
                    f"MATCH (a:{source_label})-[r:{rel_type}]->(b:{target_label}) RETURN a.id, b.id, "
                    + ", ".join(f"r.{p}" for p in declared)):
                items[("fact", rel_type, source, target)] = _comparable(dict(zip(declared, values, strict=True)))
    return items


def _comparable(props: dict[str, Any]) -> dict[str, Any]:
    return {k: sorted(v) if isinstance(v, list) else v for k, v in props.items() if v not in (None, [])}


def fact_props(store: Store, key: FactKey) -> dict[str, Any] | None:
    return snapshot(store).get(("fact", key.type, key.source, key.target))


def article_id(store: Store) -> str:
    return store.articles()[0]["id"]


def article_text(store: Store) -> str:
    return store.query("MATCH (a:Article) RETURN a.text").rows[0][0]


def curate_everything(store: Store, after_each: Callable[[Decision], object] = lambda decision: None) -> None:
    """One decision of each kind, on the sample article's graph; ``after_each`` sees each one made."""
    text = article_text(store)
    start = text.index("Manuel Valls")
    for decide in (
        lambda: curation.verify(store, LEADS, author=ADA, note="checked against Le Monde"),
        lambda: curation.reject(store, WITHDRAWAL, author=ADA, note="a tactical withdrawal, not support"),
        lambda: curation.edit(store, BRIOIS_MEMBER, author=ADA, properties={"current": False}),
        lambda: curation.edit(store, LE_PEN_LOST, author="bob", rel_type="CANDIDATE_IN"),
        lambda: curation.add(store, VALLS_OPPOSES, article=article_id(store), start=start, end=start + 80,
                             author="bob"),
        lambda: curation.rename(store, "person:steeve-briois", "Steeve Briois (mayor)", author=ADA),
        lambda: curation.relabel(store, "organization:buzzfeed-france", "Party", author=ADA,
                                 note="a test of relabelling"),
        lambda: curation.merge(store, LE_PEN, MARION, author=ADA),
        lambda: curation.split(store, LE_PEN, MARION, author=ADA, note="niece, not the same person"),
        lambda: curation.merge(store, "person:francois-hollande", "person:manuel-valls", author="bob",
                               note="a wrong merge kept"),
        lambda: curation.reject_actor(store, "organization:le-monde", author=ADA, note="not an actor here"),
    ):
        after_each(decide())


@pytest.fixture
def loaded(store: Store) -> Store:
    report = load_paths(store, [SAMPLE_ARTICLE])
    assert not report.failed
    return store


def test_fact_decisions_set_the_review_status_and_are_logged(loaded: Store) -> None:
    store = loaded
    assert fact_props(store, LEADS).get("review") is None  # machine
    curation.verify(store, LEADS, author=ADA, note="checked")
    curation.reject(store, WITHDRAWAL, author="bob")
    edited = curation.edit(store, BRIOIS_MEMBER, author=ADA, properties={"current": False})
    curation.edit(store, LE_PEN_LOST, author=ADA, rel_type="CANDIDATE_IN")
    start = article_text(store).index("Manuel Valls")
    added = curation.add(store, VALLS_OPPOSES, article=article_id(store), start=start, end=start + 12, author=ADA)

    assert fact_props(store, LEADS)["review"] == "verified"
    assert fact_props(store, WITHDRAWAL)["review"] == "rejected"  # stays stored
    assert {"review": "edited", "current": False}.items() <= fact_props(store, BRIOIS_MEMBER).items()
    assert fact_props(store, LE_PEN_LOST) is None
    moved = fact_props(store, FactKey("CANDIDATE_IN", LE_PEN, "region:nord-pas-de-calais-picardie"))
    assert moved["review"] == "edited" and moved["spans"]  # the evidence went with it
    manual = fact_props(store, VALLS_OPPOSES)
    assert manual["review"] == "manual" and manual["evidence"] == ["Manuel Valls"]
    assert manual["spans"] == [f"{article_id(store)}:{start}:{start + 12}"]
    assert added.changed["created"] is True
    assert edited.changed["before"]["fact"] == str(BRIOIS_MEMBER) and edited.changed["after"]["current"] is False

    log = curation.decisions(store)
    assert [d.kind for d in log] == ["verify", "reject", "edit", "edit", "add"]
    assert log[0].author == ADA and log[0].note == "checked" and log[0].changed == {"before": "machine",
                                                                                     "after": "verified"}
    assert dt.datetime.fromisoformat(log[0].at).tzinfo is not None
    assert [d.kind for d in curation.decisions(store, author="bob")] == ["reject"]
    assert {d.kind for d in curation.decisions(store, actor="person:manuel-valls")} == {"add"}
    assert len(curation.decisions(store, article=article_id(store))) == 5
    today = dt.datetime.now(dt.UTC).date()
    assert curation.decisions(store, until=today - dt.timedelta(days=1)) == []
    assert len(curation.decisions(store, since=today)) == 5


def test_rejected_facts_are_hidden_from_exports_and_the_default_queries(loaded: Store) -> None:
    store = loaded
    curation.reject(store, WITHDRAWAL, author=ADA)
    curation.verify(store, LEADS, author=ADA)

    def keys(sub: exports.Subgraph) -> set[FactKey]:
        return {FactKey(r.type, r.source, r.target) for r in sub.relationships}

    shown = exports.select_all(store)
    assert WITHDRAWAL not in keys(shown) and LEADS in keys(shown)
    assert all(r.properties["review"] in curation.REVIEWS for r in shown.relationships)  # the status travels
    assert not any(n.label == curation.DECISION for n in shown.nodes)
    assert WITHDRAWAL in keys(exports.select_all(store, include_rejected=True))
    reviewed = exports.select_all(store, reviewed_only=True)
    assert keys(reviewed) == {LEADS} and {n.id for n in reviewed.nodes} == {LE_PEN, FN}
    streamed = list(exports.stream_whole_graph(store))
    assert WITHDRAWAL not in {FactKey(i.type, i.source, i.target) for i in streamed if hasattr(i, "source")}
    assert len([i for i in exports.stream_whole_graph(store, reviewed_only=True) if hasattr(i, "source")]) == 1
    assert WITHDRAWAL not in keys(exports.select_ego(store, "party:socialist-party"))
    assert WITHDRAWAL not in keys(exports.select_articles(store, [article_id(store)]))
    facts = store.query(ALL_FACTS.cypher).rows
    assert ["Socialist Party", "SUPPORTS", "The Republicans"] not in [row[:3] for row in facts]
    assert ["Marine Le Pen", "LEADS", "Front National"] in [row[:3] for row in facts]
    assert WITHDRAWAL not in {FactKey(f["type"], f["source"], f["target"]) for f in curation.review_queue(store, 100)}
    lean = store.actor_neighbourhood(WITHDRAWAL.source, hops=1)  # the actor graph the viewer draws from
    assert WITHDRAWAL not in {FactKey(e.type, e.source, e.target) for e in lean.edges}
    assert LEADS in {FactKey(e.type, e.source, e.target) for e in store.actor_neighbourhood(LE_PEN, hops=1).edges}


def test_the_review_queue_puts_the_least_confident_first(loaded: Store) -> None:
    queue = curation.review_queue(loaded, 100)
    confidences = [f["confidence"] for f in queue]
    assert confidences == sorted(confidences) and len(queue) > 5
    curation.verify(loaded, FactKey.parse(queue[0]["fact"]), author=ADA)
    assert queue[0]["fact"] not in {f["fact"] for f in curation.review_queue(loaded, 100)}


def test_actor_decisions(loaded: Store) -> None:
    store = loaded
    curation.rename(store, "person:steeve-briois", "Steeve Briois (mayor)", author=ADA)
    node = snapshot(store)[("node", "Person", "person:steeve-briois")]
    assert node["name"] == "Steeve Briois (mayor)" and "Steeve Briois" in node["aliases"]

    relabelled = curation.relabel(store, "organization:buzzfeed-france", "Party", author=ADA)
    assert relabelled.changed["id"] == "party:buzzfeed-france"
    items = snapshot(store)
    assert ("node", "Party", "party:buzzfeed-france") in items
    assert ("node", "Organization", "organization:buzzfeed-france") not in items
    assert "organization:buzzfeed-france" in items[("node", "Party", "party:buzzfeed-france")]["merged_ids"]

    before = snapshot(store)
    merged = curation.merge(store, LE_PEN, MARION, author=ADA)
    assert merged.changed["moved"] and ("node", "Person", MARION) not in snapshot(store)
    assert MARION in store.merged_ids()
    split = curation.split(store, LE_PEN, MARION, author=ADA)
    assert split.changed["facts_moved_back"] == len(merged.changed["moved"])  # RELATIVE_OF Le Pen too
    after = snapshot(store)
    assert ("fact", "RELATIVE_OF", MARION, LE_PEN) in after

    def graph(items: dict) -> dict:
        return {k: v for k, v in items.items() if k[1] != curation.DECISION}

    assert graph(before) == graph(after)
    assert MARION not in store.merged_ids()

    facts_of_le_monde = [k for k in snapshot(store) if k[0] == "fact" and "organization:le-monde" in k[2:]]
    rejected = curation.reject_actor(store, "organization:le-monde", author=ADA)
    assert len(rejected.changed["facts_removed"]) == len(facts_of_le_monde) > 0
    assert not [k for k in snapshot(store) if "organization:le-monde" in k[2:]]
    assert [d.kind for d in curation.decisions(store)] == ["rename", "relabel", "merge", "split", "reject-actor"]


def test_every_decision_keeps_each_actors_degree(loaded: Store, degrees_off) -> None:
    off: list[tuple] = []
    curate_everything(loaded, lambda decision: off.extend((decision.kind, *row) for row in degrees_off(loaded)))
    assert off == []
    assert loaded.top_actors(1)[0]["relationships"] > 0


def test_decisions_hold_when_the_article_is_loaded_again(loaded: Store) -> None:
    store = loaded
    curate_everything(store)
    curated = snapshot(store)
    assert load_paths(store, [SAMPLE_ARTICLE], force=True).loaded  # --force: extracted and written again
    assert snapshot(store) == curated
    store.delete_article(article_id(store))  # the facts and actors go, the decisions stay
    assert {k[1] for k in snapshot(store)} == {curation.DECISION}
    load_paths(store, [SAMPLE_ARTICLE])
    reloaded = snapshot(store)
    assert reloaded == curated  # every decision re-applied: rejected, edited, manual, merged, split, renamed ...
    assert reloaded[("fact", *astuple(WITHDRAWAL))]["review"] == "rejected"
    assert ("fact", *astuple(LE_PEN_LOST)) not in reloaded
    hollande_opposes = VALLS_OPPOSES.mapped({"person:manuel-valls": "person:francois-hollande"})  # merged later
    assert reloaded[("fact", *astuple(hollande_opposes))]["review"] == "manual"
    assert ("node", "Person", "person:manuel-valls") not in reloaded  # merged into Hollande
    assert ("node", "Person", MARION) in reloaded  # split again
    assert not [k for k in reloaded if "organization:le-monde" in k]


def astuple(key: FactKey) -> tuple[str, str, str]:
    return key.type, key.source, key.target


def test_a_merge_holds_for_a_new_article(loaded: Store, tmp_path: Path) -> None:
    curation.merge(loaded, LE_PEN, MARION, author=ADA)
    curation.reject_actor(loaded, "organization:le-monde", author=ADA)
    other = tmp_path / "other.txt"
    other.write_text(SAMPLE_ARTICLE.read_text(encoding="utf-8") + "\nA new last line.\n", encoding="utf-8")
    load_paths(loaded, [other])
    items = snapshot(loaded)
    assert ("node", "Person", MARION) not in items and ("node", "Organization", "organization:le-monde") not in items
    assert len(items[("fact", "MENTIONED_IN", LE_PEN, store_article(loaded, "other.txt"))]["articles"]) == 1


def store_article(store: Store, name: str) -> str:
    return next(a["id"] for a in store.articles() if a["path"].endswith(name))


@pytest.mark.neo4j
def test_decisions_exported_from_one_store_give_the_same_graph_on_another(both_stores, tmp_path: Path) -> None:
    embedded, server = both_stores
    for store in both_stores:
        load_paths(store, [SAMPLE_ARTICLE])
    assert snapshot(embedded) == snapshot(server)
    curate_everything(embedded)
    path = tmp_path / "decisions.jsonl"
    path.write_text("".join(line + "\n" for line in curation.export_lines(embedded)), encoding="utf-8")
    counts = curation.import_lines(server, path.read_text(encoding="utf-8").splitlines())
    assert counts == {"applied": 11, "skipped": 0}
    assert embedded.stats() == server.stats()  # count for count
    assert snapshot(embedded) == snapshot(server)  # fact for fact, decisions included
    assert curation.import_lines(server, path.read_text(encoding="utf-8").splitlines())["applied"] == 0
    assert [d.to_json() for d in curation.decisions(server)] == [d.to_json() for d in curation.decisions(embedded)]
    # and back: the server's decisions on a fresh embedded copy of the article give the same graph too
    curation.verify(server, FactKey("MEMBER_OF", "person:francois-hollande", "party:socialist-party"), author="cy")
    lines = list(curation.export_lines(server, author="cy"))
    assert curation.import_lines(embedded, lines) == {"applied": 1, "skipped": 0}
    assert snapshot(embedded) == snapshot(server)


def test_errors_are_one_line_and_leave_the_store_unchanged(loaded: Store) -> None:
    store = loaded
    curation.merge(store, "person:francois-hollande", "person:manuel-valls", author=ADA)
    before = snapshot(store)
    article = article_id(store)
    cases = [
        (lambda: curation.verify(store, FactKey("LEADS", "person:nobody", FN), author=ADA), "no node with id"),
        (lambda: curation.reject(store, FactKey("LEADS", LE_PEN, "party:socialist-party"), author=ADA), "no fact"),
        (lambda: curation.add(store, VALLS_OPPOSES.mapped({"person:manuel-valls": LE_PEN}), article=article,
                              start=10, end=99_999, author=ADA), "lies outside article"),
        (lambda: curation.add(store, LEADS, article="article:none", start=0, end=5, author=ADA), "no article"),
        (lambda: curation.edit(store, LEADS, rel_type="LOCATED_IN", author=ADA), "cannot go from Person"),
        (lambda: curation.edit(store, LEADS, properties={"colour": "red"}, author=ADA), "no property 'colour'"),
        (lambda: curation.relabel(store, LE_PEN, "Statement", author=ADA), "cannot relabel"),
        (lambda: curation.split(store, LE_PEN, MARION, author=ADA), "was not merged"),
        (lambda: curation.reject_actor(store, article, author=ADA), "not an actor"),
        (lambda: curation.verify(store, LEADS, author=" "), "needs an author"),
    ]
    for action, message in cases:
        with pytest.raises((CurationError, SchemaError), match=message) as caught:
            action()
        assert "\n" not in str(caught.value)
        assert snapshot(store) == before
    good = json.dumps(curation.Decision("decision:a", "verify", ADA, "2026-01-01T00:00:00+00:00",
                                        {"fact": LEADS.to_json()}).to_json())
    bad = json.dumps(curation.Decision("decision:b", "verify", ADA, "2026-01-01T00:00:01+00:00",
                                       {"fact": FactKey("LEADS", LE_PEN, "party:none").to_json()}).to_json())
    with pytest.raises(CurationError, match=r"the file line 2 \(verify\): no node with id 'party:none'"):
        curation.import_lines(store, [good, bad])
    assert snapshot(store) == before  # all or nothing: the good line was not applied either
    with pytest.raises(CurationError, match="line 1: not valid JSON"):
        curation.import_lines(store, ["{nope"])
