"""Likely duplicate actors: the rules per kind of name, blocking instead of every pair, and the command."""

from __future__ import annotations

import json
from itertools import combinations
from pathlib import Path

import pytest

from polgraph.app.cli import main
from polgraph.graph.duplicates import Name, blocking_keys, candidate_pairs, find_duplicates, likely_pair
from polgraph.graph.open import open_store
from polgraph.graph.records import GraphBatch, NodeRecord
from polgraph.graph.store import Store

SAME_PERSON = [
    ("Tony Blair", "Blair", "surname of the other"),
    ("Michael Howard", "Mr Howard", "surname of the other"),
    ("Marine Le Pen", "Le Pen", "surname of the other"),
    ("Ursula von der Leyen", "von der Leyen", "surname of the other"),
    ("Helena Kennedy", "Baroness Kennedy", "surname of the other"),
    ("Pedro Sánchez", "Sanchez", "surname of the other"),
    ("Rebecca Long-Bailey", "Long-Bailey", "surname of the other"),
    ("Rebecca Long-Bailey", "Rebecca Long Bailey", "same name written differently"),
    ("Stephen Pound", "Backbencher Stephen Pound", "same name but for a title"),
    ("Jacinda Ardern", "Prime Minister Jacinda Ardern", "same name but for a title"),
    ("Karla Oberwaldt", "Oberwald", "like the other's surname"),
    ("Giorgia Meloni", "Giorgia Melloni", "similar spelling"),
    ("Viktor Orbán", "Viktor Orban", "same name written differently"),
    ("Nicolas Sarkozy", "Nicholas Sarkozy", "similar spelling"),
    ("Olaf Scholz", "Olaf Scholtz", "similar spelling"),
    ("Jean-Marie Le Pen", "Jean Marie Le Pen", "same name written differently"),
    ("Luiz Inácio Lula da Silva", "Luiz Lula da Silva", "the other without a middle name"),
    ("John F. Kennedy", "John Kennedy", "the other without a middle name"),
    ("J. Smith", "Jane Smith", "given name as an initial"),
    ("Keir Starmer", "Keir Starmer", "same name"),
]
DIFFERENT_PEOPLE = [
    ("Michael Howard", "John Howard"),  # two full names never join on a shared surname
    ("Marine Le Pen", "Jean-Marie Le Pen"),
    ("Austin Mitchell", "Michelle"),
    ("Ed Miliband", "David Miliband"),
    ("Tony Blair", "Tony"),  # a given name alone is not a surname
    ("Angela Merkel", "Angela Rayner"),
    ("Xi Jinping", "Li Qiang"),
    ("Jorgensen-Cohen", "Cohen"),  # a double surname is not a given name and a surname
    ("Rebecca Long-Bailey", "Bailey"),
    ("Mette Frederiksen", "Frederik"),
    ("Inés Fernández", "Inés Hernández"),  # one letter apart, two surnames
    ("Roberts", "Robert"),
    ("Kemi Badenoch", "Badenoch Smith"),
]
SAME_OTHER = [
    ("Party", "Scottish National Party", "SNP", "initials of the other"),
    ("Party", "UK Independence Party", "UKIP", "initials of the other"),
    ("Party", "Union pour un mouvement populaire", "UMP", "initials of the other"),
    ("Organization", "North Atlantic Treaty Organization", "NATO", "initials of the other"),
    ("Region", "Provence-Alpes-Côte d'Azur", "PACA", "initials of the other"),
    ("Party", "Labour Party", "Labour", "same name but for 'party'"),
    ("Party", "Partido Popular", "Popular", "same name but for 'partido'"),
    ("Party", "Front National", "Front Nationale", "similar spelling"),
    ("Party", "Conservative Party", "Conservatives", "similar spelling"),
    ("Region", "Nord-Pas-de-Calais-Picardie", "Nord Pas de Calais Picardie", "same name written differently"),
    ("Place", "Hénin-Beaumont", "Henin Beaumont", "same name written differently"),
    ("Region", "Auvergne-Rhône-Alpes", "Auvergne Rhone Alpes Region", "same name but for 'region'"),
]
DIFFERENT_OTHERS = [
    ("Region", "South East", "South West"),
    ("Place", "Upper Afan Valley", "Valley"),  # the surname rule is for people only
    ("Region", "East Midlands", "West Midlands"),
    ("Region", "North Carolina", "South Carolina"),
    ("Place", "City of London", "London"),
    ("Place", "Austria", "Australia"),
    ("Place", "Iran", "Iraq"),
    ("Place", "Slovakia", "Slovenia"),
    ("Party", "Social Democratic Party", "Democratic Party"),
    ("Party", "Christian Democratic Union", "Christian Social Union"),
    ("Organization", "European Commission", "European Council"),
    ("Place", "Paris", "Marine Le Pen Paris"),
]


@pytest.mark.parametrize(("a", "b", "reason"), SAME_PERSON)
def test_one_person_under_two_names(a: str, b: str, reason: str) -> None:
    found = likely_pair("Person", a, b)
    assert found is not None and found[0] == reason and 0.5 < found[1] <= 1.0
    assert likely_pair("Person", b, a) == found  # the order of the names does not matter


@pytest.mark.parametrize(("a", "b"), DIFFERENT_PEOPLE)
def test_different_people_are_not_suggested(a: str, b: str) -> None:
    assert likely_pair("Person", a, b) is None and likely_pair("Person", b, a) is None


@pytest.mark.parametrize(("label", "a", "b", "reason"), SAME_OTHER)
def test_parties_organisations_and_places_by_their_own_rules(label: str, a: str, b: str, reason: str) -> None:
    found = likely_pair(label, a, b)
    assert found is not None and found[0] == reason and 0.5 < found[1] <= 1.0
    assert likely_pair(label, b, a) == found


@pytest.mark.parametrize(("label", "a", "b"), DIFFERENT_OTHERS)
def test_different_places_and_parties_are_not_suggested(label: str, a: str, b: str) -> None:
    assert likely_pair(label, a, b) is None and likely_pair(label, b, a) is None


def keys(label: str, name: str) -> set[str]:
    return blocking_keys(label, Name.parse(label, name))


def test_only_pairs_sharing_a_key_are_compared() -> None:
    people = [a for a, _, _ in SAME_PERSON] + [b for _, b, _ in SAME_PERSON] + [a for a, _ in DIFFERENT_PEOPLE]
    pairs = candidate_pairs("Person", [Name.parse("Person", n) for n in people], [None] * len(people))
    assert len(pairs) < len(list(combinations(people, 2))) / 10
    for a, b, _ in SAME_PERSON:  # every true pair meets in a block
        assert keys("Person", a) & keys("Person", b), (a, b)
    for label, a, b, _ in SAME_OTHER:
        assert keys(label, a) & keys(label, b), (a, b)
    assert not keys("Person", "Austin Mitchell") & keys("Person", "Michelle")
    assert keys("Person", "Nicolas Sarkozy") & keys("Person", "Nicolas Srakozy")  # a slip early in the name


def test_nodes_with_one_wikidata_id_always_meet() -> None:
    names = [Name.parse("Organization", n) for n in ("BBC", "British Broadcasting Corporation", "Auntie")]
    assert (0, 2) in candidate_pairs("Organization", names, ["Q9531", None, "Q9531"])


LABEL_OF_PREFIX = {"person": "Person", "party": "Party", "region": "Region", "place": "Place"}


def add_nodes(store: Store, nodes: list[tuple[str, str, str | None]]) -> None:
    records = [NodeRecord(LABEL_OF_PREFIX[node_id.split(":")[0]], node_id, {"name": name, "aliases": [], "wikidata": qid})
               for node_id, name, qid in nodes]
    store.write_batch(GraphBatch(article_id="article:duplicates", nodes=records))


NODES = [
    ("person:tony-blair", "Tony Blair", "Q9545"),
    ("person:blair", "Blair", None),
    ("person:anthony-blair", "Anthony Blair", "Q9545"),  # the gazetteer's id, found twice
    ("person:michael-howard", "Michael Howard", None),
    ("person:john-howard", "John Howard", None),
    ("person:cherie-blair", "Cherie Blair", "Q233974"),
    ("person:nicola-sturgeon", "Nicola Sturgeon", None),
    ("person:sturgeon", "Sturgeon", None),
    ("person:m-petit", "M. Petit", None),  # an initial, not "Monsieur"
    ("person:petit", "Petit", None),
    ("region:south-east", "South East", None),
    ("region:south-west", "South West", None),
    ("place:upper-afan-valley", "Upper Afan Valley", None),
    ("place:valley", "Valley", None),
    ("party:scottish-national-party", "Scottish National Party", "Q10658"),
    ("party:snp", "SNP", None),
]


def test_find_duplicates_in_a_store(store: Store) -> None:
    add_nodes(store, NODES)
    found = {(p["a"], p["b"]): (p["reason"], p["score"]) for p in find_duplicates(store)}
    assert found[("person:anthony-blair", "person:tony-blair")] == ("same Wikidata id Q9545", 1.0)
    assert found[("person:nicola-sturgeon", "person:sturgeon")] == ("surname of the other", 1.0)
    # "Blair" fits three stored full names: suggested with each, the score shared
    assert found[("person:tony-blair", "person:blair")] == ("surname of the other (one of 3)", 0.33)
    assert found[("person:cherie-blair", "person:blair")] == ("surname of the other (one of 3)", 0.33)
    assert found[("person:m-petit", "person:petit")] == ("surname of the other", 1.0)
    assert found[("party:scottish-national-party", "party:snp")] == ("initials of the other", 1.0)
    ids = {node for pair in found for node in pair}
    assert not ids & {"region:south-east", "region:south-west", "place:valley", "place:upper-afan-valley"}
    assert ("person:michael-howard", "person:john-howard") not in found
    assert ("person:cherie-blair", "person:tony-blair") not in found  # two Wikidata ids: two people
    scores = [score for _, score in found.values()]
    assert scores == sorted(scores, reverse=True)


def test_entities_duplicates_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with open_store(tmp_path / "db") as store:
        add_nodes(store, NODES)
    main(["--db", str(tmp_path / "db"), "entities", "--duplicates", "--format", "json"])
    pairs = json.loads(capsys.readouterr().out)
    assert {"label", "score", "reason", "a", "a_name", "b", "b_name"} <= set(pairs[0])
    assert {(p["a_name"], p["b_name"]) for p in pairs if p["label"] == "Person"} >= {("Tony Blair", "Blair")}
    main(["--db", str(tmp_path / "db"), "entities", "--duplicates", "--label", "Region"])
    out, err = capsys.readouterr()
    assert "(0 rows)" in out and "0 likely duplicate pair(s)" in err
