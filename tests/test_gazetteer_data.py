"""The gazetteer as the graph stores it: every entry is a node the schema accepts, values keep their type."""

from __future__ import annotations

import pytest

from polgraph.graph.schema import load_schema
from polgraph.loaders.gazetteer import load_gazetteer, read_data


def test_every_entry_is_a_node_the_schema_accepts() -> None:
    schema = load_schema()
    for entry in load_gazetteer().entries:
        properties = {"id": entry.id, "name": entry.name, "aliases": list(entry.aliases), "wikidata": entry.wikidata}
        if entry.label in ("Party", "Region", "Place", "Organization"):
            properties["country"] = entry.country
        if entry.label in ("Place", "Organization"):
            properties["kind"] = entry.kind
        schema.check_node(entry.label, properties)


def test_country_codes_that_yaml_1_1_reads_as_booleans_stay_text(tmp_path) -> None:
    assert load_gazetteer().lookup("Norway").country == "NO"
    path = tmp_path / "x.yaml"
    path.write_text("label: Place\nentries:\n  - {name: Ontario, country: ON, kind: yes}\n", encoding="utf-8")
    assert read_data(path)["entries"][0] == {"name": "Ontario", "country": "ON", "kind": "yes"}
    path.write_text("label: Place\nentries:\n  - {name: Oslo, country: 47}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="Oslo.*country 47"):
        read_data(path)


def test_an_article_naming_norway_loads(tmp_path) -> None:
    from polgraph.graph.open import open_store
    from polgraph.loaders.load import load_paths

    article = tmp_path / "oslo.txt"
    article.write_text("Norway votes\n\nVoters in Norway chose a new parliament in Oslo on Monday.", encoding="utf-8")
    with open_store(str(tmp_path / "db")) as store:
        report = load_paths(store, [article])
        assert not report.failed, report.failed
        assert store.query("MATCH (p:Place {name: 'Norway'}) RETURN p.country AS c").rows == [["NO"]]
