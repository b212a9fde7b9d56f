"""The schema is data: read once from YAML, it checks writes and makes each store's structure."""

from __future__ import annotations

import datetime as dt

import pytest

from polgraph.graph.ladybug_store import LadybugStore
from polgraph.graph.schema import SchemaError, load_schema

SCHEMA_MD_LABELS = {"Person", "Party", "Region", "Place", "Organization", "Election", "Round", "Statement", "Article",
                    "Decision"}  # Decision: a reviewer's decision (graph/curation.py), beside the model's labels
SCHEMA_MD_TYPES = {
    "LEADS", "MEMBER_OF", "HOLDS_OFFICE", "RELATIVE_OF", "CANDIDATE_IN", "WON", "LOST", "LED_IN", "SUPPORTS", "OPPOSES",
    "LOCATED_IN", "PART_OF", "SAID", "MENTIONS", "SAID_AT", "REPORTED_BY", "AUTHORED", "CONTRIBUTED_TO",
    "MENTIONED_IN",
}


def test_schema_declares_every_label_and_type_of_the_model() -> None:
    schema = load_schema()
    assert set(schema.nodes) == SCHEMA_MD_LABELS
    assert set(schema.relationships) == SCHEMA_MD_TYPES
    for node in schema.nodes.values():
        assert {"id", "name", "aliases", "wikidata"} <= set(node.properties)
        assert node.properties["id"].required
    for rel in schema.relationships.values():
        assert {"articles", "evidence", "spans", "extractor", "confidence", "tier"} <= set(rel.properties)
    assert schema.relationship("HOLDS_OFFICE").properties["role"].type == "string"
    assert schema.node("Round").properties["number"].type == "int"


@pytest.mark.parametrize(("label", "props", "message"), [
    ("Person", {"id": "person:x"}, "Person.name is required"),
    ("Person", {"id": "person:x", "name": 3}, "must be string"),
    ("Round", {"id": "round:x", "name": "x", "number": "two"}, "must be int"),
    ("Article", {"id": "article:x", "name": "x", "published": "2015-12-13"}, "must be date"),
    ("Person", {"id": "person:x", "name": "x", "aliases": "X"}, r"must be string\[\]"),
])
def test_node_checks(label: str, props: dict, message: str) -> None:
    with pytest.raises(SchemaError, match=message):
        load_schema().check_node(label, props)


def test_relationship_checks() -> None:
    schema = load_schema()
    good = {"articles": ["article:a"], "confidence": 0.5, "tier": "explicit", "first_reported": dt.date(2015, 1, 1)}
    schema.check_relationship("WON", "Party", "Region", {**good, "round": 2})
    with pytest.raises(SchemaError, match="one of explicit, inferred"):
        schema.check_relationship("WON", "Party", "Region", {**good, "tier": "guessed"})
    with pytest.raises(SchemaError, match=r"lie in \[0, 1\]"):
        schema.check_relationship("WON", "Party", "Region", {**good, "confidence": 1.5})
    with pytest.raises(SchemaError, match="articles is required"):
        schema.check_relationship("WON", "Party", "Region", {"tier": "explicit"})


def test_embedded_tables_follow_the_schema(tmp_path) -> None:
    schema = load_schema()
    with LadybugStore(tmp_path / "g") as store:
        store.init()
        store.init()  # idempotent
        tables = {row[1]: row[2] for row in store._execute("CALL show_tables() RETURN *", {})}
        assert {t for t, kind in tables.items() if kind == "NODE"} == set(schema.nodes)
        assert {t for t, kind in tables.items() if kind == "REL"} == set(schema.relationships)
        columns = {row[1]: row[2] for row in store._execute("CALL table_info('Election') RETURN *", {})}
        assert columns["year"] == "INT64" and columns["date"] == "DATE" and columns["aliases"] == "STRING[]"


def test_describe_lists_labels_types_and_properties() -> None:
    text = load_schema().describe()
    assert "(Person)-[:LEADS]->(Party|Organization)" in text
    assert "role: string" in text and "number: int" in text
