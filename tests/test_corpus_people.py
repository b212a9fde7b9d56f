"""One node per person across a corpus: a bare surname or "Mr X" joins the full-name person it means.

In the article itself, the one named in full there; else the gazetteer's office holder at the
article's date; else the stored full-name person named most near that date; else it stays its own
node. Titles are no part of a name, and two full names never join on a shared surname. The
articles here are written for these tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from polgraph.graph.store import Store
from polgraph.loaders.corpus import relink_bare_surnames
from polgraph.loaders.gazetteer import load_gazetteer
from polgraph.loaders.load import load_paths
from polgraph.loaders.model import Document, Extraction
from polgraph.loaders.pipeline import get_pipeline


def extract(text: str, published: str | None = None) -> Extraction:
    doc = Document(id="article:t", title=text.split("\n")[0], source="t.txt", chars=len(text), text=text,
                   published=published)
    return get_pipeline().extract(doc)


def people(extraction: Extraction) -> dict[str, str]:
    return {e.id: e.name for e in extraction.entities if e.label == "Person"}


def corpus(folder: Path, articles: dict[str, tuple[str, str]]) -> Path:
    """Articles (file name -> (date, text)) with an index.tsv giving their dates."""
    folder.mkdir(parents=True, exist_ok=True)
    index = ["file\tdate\ttitle"]
    for name, (date, text) in articles.items():
        (folder / name).write_text(text, encoding="utf-8")
        index.append(f"{name}\t{date}\t{text.splitlines()[0]}")
    (folder / "index.tsv").write_text("\n".join(index) + "\n", encoding="utf-8")
    return folder


def stored_people(store: Store) -> dict[str, list[str]]:
    """Person name -> the files of the articles naming them."""
    found: dict[str, list[str]] = {}
    for name, path in store._read("MATCH (p:Person)-[:MENTIONED_IN]->(a:Article) RETURN p.name, a.path"):
        found.setdefault(name, []).append(Path(path).name)
    return {name: sorted(files) for name, files in sorted(found.items())}


# --- the gazetteer's office holders -----------------------------------------------------
def test_office_holders_by_year_country_and_gender() -> None:
    gazetteer = load_gazetteer()
    assert gazetteer.office_holder("Bush", 2005).name == "George W. Bush"
    assert gazetteer.office_holder("Bush", 1991).name == "George H. W. Bush"
    assert gazetteer.office_holder("Bush", 1985) is None  # nobody of that name in office
    assert gazetteer.office_holder("Howard", 2005, ["AU"]).name == "John Howard"
    assert gazetteer.office_holder("Howard", 2005, ["GB"]).name == "Michael Howard"
    assert gazetteer.office_holder("Howard", 2005) is None
    assert gazetteer.office_holder("Brown", 2005, ["GB"]).name == "Gordon Brown"
    assert gazetteer.office_holder("Brown", 2005, ["GB"], gender="f") is None


def test_a_bare_surname_in_a_dated_article_is_the_office_holder_of_its_country() -> None:
    british = "Tax row\n\nIn Britain, the Tories attacked Labour. Mr Howard said taxes would fall, and Mr Brown replied.\n"
    assert set(people(extract(british, "2004-11-03"))) == {"person:michael-howard", "person:gordon-brown"}
    australian = "Canberra row\n\nIn Australia, the Liberal Party met in Canberra. Mr Howard said the vote was close.\n"
    assert set(people(extract(australian, "2004-09-01"))) == {"person:john-howard"}
    assert set(people(extract(australian))) == {"person:howard"}  # no date, no office to go by
    woman = "Council\n\nIn Britain, Ms Brown said the council would fight the cuts in Leeds.\n"
    assert set(people(extract(woman, "2005-03-01"))) == {"person:brown"}  # not Gordon Brown


def test_a_full_name_in_the_article_comes_before_the_office_holder() -> None:
    text = ("Hearing\n\nIn Britain, Labour MP Carol Brown said the hearing in Leeds was unfair. Later, Ms Brown "
            "said she would appeal.\n")
    assert set(people(extract(text, "2005-03-01"))) == {"person:carol-brown"}


@pytest.mark.parametrize("sentence, name", [
    ("Shadow Chancellor Imogen Tarrant said the budget was a gamble.", "Imogen Tarrant"),
    ("Backbencher Wilfred Axon said the budget was a gamble.", "Wilfred Axon"),
    ("Shadow Home Secretary Edmund Pryce said the plans were unfair.", "Edmund Pryce"),
    ("Labour MP for Eastfield Joan Whitlock said the budget was a gamble.", "Joan Whitlock"),
    ("The SNP MSP Fiona Dunmere said the budget was a gamble.", "Fiona Dunmere"),
    ("Critics in Washington say Ms Carwell has little time left to act.", "Carwell"),
])
def test_titles_roles_and_seats_are_no_part_of_a_name(sentence: str, name: str) -> None:
    found = people(extract(f"Budget\n\nIn Britain, {sentence}\n"))
    assert list(found.values()) == [name]


# --- across the corpus, on both stores ---------------------------------------------------
MARSH_2004 = ("Hospital plans\n\nIn Britain, Labour health minister Helen Marsh said the hospital plans in Leeds "
              "were long overdue. Ms Marsh added that patients deserved better.\n")
MARSH_2011 = ("Rail fares\n\nIn Britain, Conservative MP Peter Marsh said rail fares in Leeds were too high. "
              "Mr Marsh added that passengers deserved better.\n")
BARE_2005 = "Wards\n\nIn Britain, Ms Marsh said the figures on hospital wards in Leeds spoke for themselves.\n"
BARE_2012 = "Fares\n\nIn Britain, Mr Marsh said the figures on rail fares in Leeds spoke for themselves.\n"


def test_a_bare_surname_joins_the_person_named_near_its_date(store: Store, tmp_path: Path) -> None:
    folder = corpus(tmp_path / "marsh", {"1.txt": ("2004-03-01", MARSH_2004), "2.txt": ("2011-05-01", MARSH_2011),
                                         "3.txt": ("2005-01-10", BARE_2005), "4.txt": ("2012-02-01", BARE_2012)})
    load_paths(store, [folder])
    assert stored_people(store) == {"Helen Marsh": ["1.txt", "3.txt"], "Peter Marsh": ["2.txt", "4.txt"]}


def test_a_bare_surname_far_from_every_full_name_stays_its_own_node(store: Store, tmp_path: Path) -> None:
    folder = corpus(tmp_path / "far", {"1.txt": ("2004-03-01", MARSH_2004), "4.txt": ("2012-02-01", BARE_2012)})
    load_paths(store, [folder])
    assert stored_people(store) == {"Helen Marsh": ["1.txt"], "Marsh": ["4.txt"]}


def thwaite(first: str, party: str, topic: str) -> str:
    pronoun = "Ms" if first in ("Susan", "Alice") else "Mr"
    return (f"{topic.title()}\n\nIn Britain, {party} MP {first} Thwaite said the plans on {topic} in Leeds were "
            f"unfair. {pronoun} Thwaite added that voters deserved better.\n")


BARE_THWAITE = "Schools\n\nIn Britain, Thwaite said the figures on schools in Leeds spoke for themselves.\n"


def test_among_full_names_the_one_named_most_near_the_date_wins(store: Store, tmp_path: Path) -> None:
    folder = corpus(tmp_path / "most", {
        "1.txt": ("2005-01-01", thwaite("David", "Liberal Democrat", "council tax")),
        "2.txt": ("2005-02-01", thwaite("David", "Liberal Democrat", "tuition fees")),
        "3.txt": ("2005-03-01", thwaite("Susan", "Conservative", "pensions")),
        "4.txt": ("2005-04-01", BARE_THWAITE),
    })
    load_paths(store, [folder])
    assert stored_people(store) == {"David Thwaite": ["1.txt", "2.txt", "4.txt"], "Susan Thwaite": ["3.txt"]}


def test_a_tie_leaves_the_bare_surname_alone_and_two_full_names_never_join(store: Store, tmp_path: Path) -> None:
    folder = corpus(tmp_path / "tie", {
        "1.txt": ("2005-01-01", thwaite("David", "Liberal Democrat", "council tax")),
        "3.txt": ("2005-03-01", thwaite("Susan", "Conservative", "pensions")),
        "4.txt": ("2005-04-01", BARE_THWAITE),
    })
    load_paths(store, [folder])
    assert stored_people(store) == {"David Thwaite": ["1.txt"], "Susan Thwaite": ["3.txt"], "Thwaite": ["4.txt"]}


PELLOW_BARE = "Vote\n\nIn Britain, Mr Pellow said the vote on the smoking ban in Leeds would be close.\n"
PELLOW_FULL = ("Smoking ban\n\nIn Britain, Labour backbencher Tom Pellow said the smoking ban in Leeds was long "
               "overdue. Mr Pellow added that pubs would adapt.\n")


def test_a_bare_surname_loaded_before_its_full_name_joins_it_later(store: Store, tmp_path: Path) -> None:
    first = corpus(tmp_path / "first", {"a.txt": ("2005-06-01", PELLOW_BARE)})
    load_paths(store, [first])
    assert stored_people(store) == {"Pellow": ["a.txt"]}
    second = corpus(tmp_path / "second", {"b.txt": ("2005-09-01", PELLOW_FULL)})
    load_paths(store, [second])
    assert stored_people(store) == {"Tom Pellow": ["a.txt", "b.txt"]}
    assert "person:pellow" not in store.merged_ids()  # not remembered: a later bare "Pellow" is judged afresh
    assert relink_bare_surnames(store, ["Pellow"]) == []  # nothing left to do


def test_in_one_load_the_order_of_the_files_does_not_matter(store: Store, tmp_path: Path) -> None:
    folder = corpus(tmp_path / "one", {"a.txt": ("2005-06-01", PELLOW_BARE), "b.txt": ("2005-09-01", PELLOW_FULL)})
    load_paths(store, [folder])
    assert stored_people(store) == {"Tom Pellow": ["a.txt", "b.txt"]}


def test_a_shadow_minister_holds_an_office_of_the_party_not_of_the_country() -> None:
    found = extract("Budget\n\nIn Britain, Conservative shadow chancellor Hugh Parmiter said the budget was a gamble. "
                    "Shadow Chancellor Imogen Tarrant agreed.\n", "2005-01-10")
    offices = {(r.subject, r.object, r.properties.get("role")) for r in found.relations if r.predicate == "HOLDS_OFFICE"}
    assert offices == {("person:hugh-parmiter", "party:conservative-party", "shadow chancellor")}
