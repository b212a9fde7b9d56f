"""The gazetteer's data: every file loads as written, names and ids are unique, codes and genders are
there, shared aliases resolve by the article's country, and ordinary words are not taken for names."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from polgraph.graph.ids import fold
from polgraph.loaders.gazetteer import COUNTRY_NAMES, GAZETTEER_DIR, load_gazetteer, read_data
from polgraph.loaders.nlp import RULER, nlp
from polgraph.loaders.pipeline import get_pipeline
from polgraph.loaders.readers import read_text

FILES = sorted(GAZETTEER_DIR.glob("*.yaml"))
FIELDS = {"name", "label", "aliases", "wikidata", "country", "gender", "kind", "adjectives", "offices"}
# Entries that belong to no one country.
WITHOUT_COUNTRY = {"international", "continent", "world region", "platform"}
# Names whose form without "The" is no alias, each for a reason: the extractor trims a leading "the".
THE_KEPT = {
    "The Hague": "'Hague' alone is William Hague",
    "The Left": "'Left' alone is an ordinary word",
    "The Greens – The Green Alternative": "the extractor cuts at the dash and finds 'Greens'",
}


def test_the_gazetteer_has_files() -> None:
    assert {p.name for p in FILES} >= {
        "countries.yaml", "organizations.yaml", "parties.yaml", "people.yaml", "places.yaml", "regions.yaml"
    }


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_file_loads_as_written(path: Path) -> None:
    """Each entry is a mapping of known fields with text values: an unquoted comma in a flow mapping
    ("Washington, D.C.") would load as another key; plain YAML 1.1 would also read the code NO as false."""
    assert yaml.safe_load(path.read_text(encoding="utf-8")) == read_data(path)
    data = read_data(path)
    assert isinstance(data["label"], str) and data["entries"]
    for item in data["entries"]:
        assert set(item) <= FIELDS, f"{path.name}: {item}"
        assert isinstance(item["name"], str) and item["name"].strip() == item["name"], item
        for field in ("country", "gender", "kind", "wikidata"):
            assert item.get(field) is None or isinstance(item[field], str), f"{path.name}: {item}"
        for form in (item.get("aliases") or []) + (item.get("adjectives") or []):
            assert isinstance(form, str) and form.strip() == form and form, f"{path.name}: {item}"


def test_load_gazetteer_reads_every_entry() -> None:
    counted = sum(len(read_data(p)["entries"]) for p in FILES)
    assert len(load_gazetteer().entries) == counted > 2000


def test_no_two_entries_share_a_name_within_a_label_and_country_nor_an_id() -> None:
    entries = load_gazetteer().entries
    names = Counter((e.label, e.country, fold(e.name)) for e in entries)
    assert [key for key, n in names.items() if n > 1] == []
    # Node ids come from label + name alone: two countries' "Socialist Party" would be one node.
    ids = Counter(e.id for e in entries)
    assert [key for key, n in ids.items() if n > 1] == []


def test_every_entry_has_a_country_known_to_countries_yaml() -> None:
    unknown = [
        (e.label, e.name, e.country)
        for e in load_gazetteer().entries
        if e.country not in COUNTRY_NAMES and e.kind not in WITHOUT_COUNTRY
    ]
    assert unknown == []


def test_countries_cover_the_un_members() -> None:
    countries = [e for e in load_gazetteer().entries if e.kind == "country"]
    assert len(countries) >= 193 + 3
    assert {"GB", "US", "FR", "NO", "TW", "XK", "PS", "ZA", "TH"} <= {e.country for e in countries}
    assert all(len(e.country) == 2 and e.country.isupper() for e in countries)


KINDS = {
    "country", "city", "commune", "town", "district", "street", "square", "building", "territory", "continent",
    "world region", "media", "agency", "platform", "company", "international", "legislature", "government",
    "court", "bank", "committee", "ngo", "militant", "university", "think tank", "pollster",
}


def test_kinds_are_the_documented_ones() -> None:
    """The extractor reads some kinds by name ("media", "agency": who a quotation was given to)."""
    assert {e.kind for e in load_gazetteer().entries} - {None} <= KINDS


def test_every_person_has_a_gender() -> None:
    assert [e.name for e in load_gazetteer().entries if e.label == "Person" and e.gender not in ("f", "m")] == []


def test_a_leading_the_is_also_an_alias_without_it() -> None:
    """'The Sun' is trimmed to 'Sun' before the lookup, so 'Sun' must find it too (or the mention is lost)."""
    missing = []
    for entry in load_gazetteer().entries:
        forms = {fold(f) for f in entry.surface_forms}
        for form in entry.surface_forms:
            bare = form[4:]
            if form.lower().startswith("the ") and "(" not in form and fold(bare) not in forms:
                missing.append(form)
    assert [f for f in missing if f not in THE_KEPT] == []


@pytest.mark.parametrize(
    ("form", "country", "name"),
    [
        ("Tories", "GB", "Conservative Party"),
        ("Tories", "CA", "Conservative Party of Canada"),
        ("Liberals", "CA", "Liberal Party of Canada"),
        ("Liberals", "AU", "Liberal Party of Australia"),
        ("Republicans", "US", "Republican Party"),
        ("Republicans", "FR", "The Republicans"),
        ("Socialists", "ES", "Spanish Socialist Workers' Party"),
        ("SPD", "DE", "Social Democratic Party of Germany"),
        ("SPD", None, "Social Democratic Party of Germany"),
        ("Labor", "AU", "Australian Labor Party"),
        ("Labour", "GB", "Labour Party"),
        ("Labour", "NZ", "New Zealand Labour Party"),
        ("Greens", "DE", "Alliance 90/The Greens"),
        ("Senate", "US", "United States Senate"),
        ("Senate", "FR", "French Senate"),
        ("Congress", "IN", "Indian National Congress"),
        ("Congress", "US", "United States Congress"),
        ("House of Commons", "CA", "House of Commons of Canada"),
        ("Parliament", "GB", "Parliament of the United Kingdom"),
        ("Georgia", "US", "Georgia"),
        ("Thai", None, None),  # an adjective tells the country; it is no name
        ("Merkel", "FR", "Angela Merkel"),
        ("European Union", None, "European Union"),
    ],
)
def test_lookups_across_countries(form: str, country: str | None, name: str | None) -> None:
    entry = load_gazetteer().lookup(form, country=country)
    assert (entry.name if entry else None) == name


def test_a_bare_word_shared_by_several_countries_goes_nowhere_else() -> None:
    gazetteer = load_gazetteer()
    assert gazetteer.lookup("Senate", country="GB") is None
    assert gazetteer.lookup("Georgia", country="US").label == "Region"
    assert gazetteer.lookup("Georgia", country="GE").label == "Place"


def test_the_european_union_is_an_organisation() -> None:
    entry = load_gazetteer().lookup("EU")
    assert (entry.label, entry.id, entry.kind) == ("Organization", "organization:european-union", "international")


ORDINARY = [
    "The labour market improved. The greens are fresh today.",
    "Today, the weather is fine and the national mood is liberal.",
    "Reform is needed, and change will come to the house.",
    "He ate turkey from a china plate at the parliament of birds.",
    "Independent experts say the conservative estimate was a democratic choice.",
    "The un-named man met a labor lawyer in the senate of his club.",
    "Two foreign nationals and some libertarians were questioned.",
]


@pytest.mark.parametrize("sentence", ORDINARY)
def test_the_ruler_takes_no_ordinary_word_for_a_name(sentence: str) -> None:
    """The ruler matches names as lower-case phrases, so 'labour' is a match; the extractor keeps only
    capitalised ones. An alias that is a capitalised ordinary word ('Today', 'Reform') would pass."""
    doc = nlp()(sentence)
    assert [e.text for e in doc.ents if e.label_ in nlp().get_pipe(RULER).labels and e.text[:1].isupper()] == []
    assert get_pipeline().extract(read_text(sentence, "test.txt")).entities == []


def test_the_ruler_still_finds_names() -> None:
    doc = nlp()("The Tories and the SNP met Lib Dems at the Bundestag in Bavaria with Viktor Orban.")
    found = {(e.text, e.label_) for e in doc.ents}
    assert {("Tories", "Party"), ("SNP", "Party"), ("Lib Dems", "Party"), ("Bundestag", "Organization"),
            ("Bavaria", "Region"), ("Viktor Orban", "Person")} <= found


def test_short_capitals_match_only_in_capitals() -> None:
    doc = nlp()("The un envoy and an ap reporter met the snp.")
    assert [e.text for e in doc.ents] == []
