"""A page's by-line becomes AUTHORED facts, cited with offsets into the stored text, in extract and in the store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from polgraph.app.cli import main
from polgraph.graph.store import Store
from polgraph.loaders.load import load_paths
from polgraph.loaders.metadata import add_authors
from polgraph.loaders.model import ARTICLE, Document, Entity, Evidence, Extraction, Mention, Relation
from polgraph.loaders.readers import read_path

PAGES = Path(__file__).parent / "data" / "html"
TEXT = "Coalition talks fail\n\nBy Pieter de Vries and Anna Wlodarczak\n\nThe Dutch government collapsed on Friday."


def extraction(text: str = TEXT, authors: tuple[str, ...] = ("Pieter de Vries", "Anna Wlodarczak"),
               entities: tuple[Entity, ...] = (), relations: tuple[Relation, ...] = ()) -> Extraction:
    document = Document(id="article:1", title=None, source="a.html", chars=len(text), text=text, authors=list(authors))
    return Extraction(document=document, entities=list(entities), relations=list(relations))


def authored(found: Extraction) -> list[Relation]:
    return [r for r in found.relations if r.predicate == "AUTHORED"]


def test_each_author_is_cited_by_the_byline_with_true_offsets() -> None:
    found = add_authors(extraction())
    relations = authored(found)
    assert [(r.subject, r.object, r.tier) for r in relations] == [
        ("person:pieter-de-vries", ARTICLE, "explicit"), ("person:anna-wlodarczak", ARTICLE, "explicit")]
    for relation in relations:
        ev = relation.evidence
        assert TEXT[ev.start:ev.end] == ev.sentence == "By Pieter de Vries and Anna Wlodarczak"
    people = {e.id: e for e in found.entities}
    mention = people["person:anna-wlodarczak"].mentions[0]
    assert TEXT[mention.start:mention.end] == "Anna Wlodarczak" and people["person:anna-wlodarczak"].label == "Person"


def test_the_pipelines_entity_for_the_author_is_kept() -> None:
    start = TEXT.index("Pieter")
    known = Entity(id="person:p-de-vries", name="Pieter de Vries", label="Person",
                   mentions=[Mention(start, start + len("Pieter de Vries"), "Pieter de Vries")])
    already = Relation("person:p-de-vries", "AUTHORED", ARTICLE, Evidence("By Pieter de Vries", start - 3, start + 15))
    found = add_authors(extraction(entities=(known,), relations=(already,)))
    assert [r.subject for r in authored(found)] == ["person:p-de-vries", "person:anna-wlodarczak"]
    assert "person:pieter-de-vries" not in {e.id for e in found.entities}


def test_a_mention_running_past_the_name_is_not_the_author() -> None:
    text = "Speed limits\n\nBy Owen Pritchard\n\nCouncils in Wales will be allowed to raise the limit."
    start = text.index("Owen")
    overrun = Entity(id="person:owen-pritchard-councils", name="Owen Pritchard Councils", label="Person",
                     mentions=[Mention(start, text.index(" in Wales"), "Owen Pritchard\n\nCouncils")])
    found = add_authors(extraction(text, ("Owen Pritchard",), (overrun,)))
    assert [r.subject for r in authored(found)] == ["person:owen-pritchard"]


def test_a_known_outlet_as_author_stays_an_organisation_and_a_guessed_one_does_not() -> None:
    text = "Poll\n\nBy Global Wire\n\nThe vote was close."
    start = text.index("Global Wire")
    mention = [Mention(start, start + 11, "Global Wire")]
    known = Entity(id="organization:global-wire", name="Global Wire", label="Organization", mentions=mention,
                   properties={"wikidata": "Q1"})
    assert [r.subject for r in authored(add_authors(extraction(text, ("Global Wire",), (known,))))] == \
        ["organization:global-wire"]
    guessed = Entity(id="organization:global-wire", name="Global Wire", label="Organization", mentions=mention)
    assert [r.subject for r in authored(add_authors(extraction(text, ("Global Wire",), (guessed,))))] == \
        ["person:global-wire"]


def test_an_author_the_text_does_not_name_is_left_out() -> None:
    found = add_authors(extraction(authors=("Jane Roe",)))
    assert authored(found) == [] and found.entities == []
    plain = extraction(authors=())
    assert add_authors(plain) is plain


def test_extract_prints_the_pages_metadata_and_authored(capsys: pytest.CaptureFixture[str]) -> None:
    page = PAGES / "uk-council-tax.html"
    main(["extract", str(page)])
    found = json.loads(capsys.readouterr().out)
    document = found["document"]
    assert (document["authors"], document["language"], document["outlet"], document["published"]) == (
        ["Harriet Okafor"], "en", "Northgate Evening Post", "2024-02-22")
    (stored,) = read_path(page)
    assert document["chars"] == len(stored.text)
    (relation,) = [r for r in found["relations"] if r["predicate"] == "AUTHORED"]
    ev = relation["evidence"]
    assert relation["subject"] == "person:harriet-okafor" and relation["object"] == ARTICLE
    assert stored.text[ev["start"]:ev["end"]].strip() == ev["sentence"].strip() == "By Harriet Okafor"


def test_a_page_loads_with_its_author_outlet_date_and_language(store: Store) -> None:
    report = load_paths(store, [PAGES / "wire-reuters-style.html"])
    assert not report.failed and len(report.loaded) == 1
    rows = store.query("MATCH (p:Person)-[r:AUTHORED]->(a:Article) RETURN p.name AS author, r.evidence AS evidence, "
                       "a.outlet AS outlet, a.language AS language, a.published AS published").rows
    assert len(rows) == 1
    author, evidence, outlet, language, published = rows[0]
    assert (author, outlet, language, str(published)) == ("Anna Wlodarczak", "Global Wire", "en", "2023-11-13")
    assert evidence == ["(Reporting by Anna Wlodarczak; Editing by Mark Heinrich)"]
