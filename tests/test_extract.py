"""Extraction components on sentences written for these tests (several countries), negatives
included, and the seed article scored against its gold file."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from polgraph.loaders.pipeline import Pipeline, get_pipeline
from polgraph.loaders.readers import read_text


def extract(text: str):
    return get_pipeline().extract(read_text(text, "test.txt"))


def facts(text: str) -> set[tuple[str, str, str]]:
    return {(r.subject, r.predicate, r.object) for r in extract(text).relations}


def test_every_offset_points_at_its_text(seed_extraction) -> None:
    text = seed_extraction.document.text
    for entity in seed_extraction.entities:
        for mention in entity.mentions:
            assert text[mention.start:mention.end] == mention.text
    for relation in seed_extraction.relations:
        assert text[relation.evidence.start:relation.evidence.end] == relation.evidence.sentence
    for statement in seed_extraction.statements:
        assert text[statement.start:statement.end] == statement.text


@pytest.mark.parametrize(("text", "fact"), [
    ("Labour leader Keir Starmer spoke in London on Monday.", ("person:keir-starmer", "LEADS", "party:labour-party")),
    ("The vote was a blow to Olaf Scholz, the leader of the Social Democratic Party of Germany.",
     ("person:olaf-scholz", "LEADS", "party:social-democratic-party-of-germany")),
    ("Republican Kevin McCarthy received 192 votes in the House.",
     ("person:kevin-mccarthy", "MEMBER_OF", "party:republican-party")),
    ("Prime Minister Manuel Valls, a Socialist, said the danger remained.",
     ("person:manuel-valls", "MEMBER_OF", "party:socialist-party")),
    ("Jane Doe, a Conservative Party councillor and mayor of Bexley, resigned.",
     ("person:jane-doe", "MEMBER_OF", "party:conservative-party")),
])
def test_leadership_and_membership(text: str, fact: tuple[str, str, str]) -> None:
    assert fact in facts(text)


def test_offices_with_a_place_and_national_roles() -> None:
    text = "In France, Jean Dupont, a Front National vice-president and mayor of Hayange, spoke to reporters."
    found = {(r.subject, r.predicate, r.object, r.properties.get("role")) for r in extract(text).relations}
    assert ("person:jean-dupont", "HOLDS_OFFICE", "party:front-national", "vice-president") in found
    assert ("person:jean-dupont", "HOLDS_OFFICE", "place:hayange", "mayor") in found
    president = extract("German voters went to the polls. Chancellor Angela Merkel thanked Germany's voters.")
    office = [r for r in president.relations if r.predicate == "HOLDS_OFFICE"]
    assert office and office[0].object == "place:germany" and office[0].tier == "inferred"
    assert office[0].properties["role"] == "Chancellor"


def test_relatives() -> None:
    text = "Jean-Marie Le Pen attended, as did his granddaughter Marion Maréchal-Le Pen."
    relation = next(r for r in extract(text).relations if r.predicate == "RELATIVE_OF")
    assert (relation.subject, relation.object) == ("person:marion-marechal-le-pen", "person:jean-marie-le-pen")
    assert relation.properties["relation"] == "granddaughter"


def test_won_lost_and_candidacy() -> None:
    text = "In Britain, Jo Swinson lost to the Scottish National Party in the seat of East Dunbartonshire."
    found = facts(text)
    assert ("person:jo-swinson", "LOST", "place:east-dunbartonshire") in found
    assert ("party:scottish-national-party", "WON", "place:east-dunbartonshire") in found
    bid = facts("In France, Valérie Pécresse failed in her bid to take Île-de-France from the left.")
    assert ("person:valerie-pecresse", "LOST", "region:ile-de-france") in bid
    assert ("person:valerie-pecresse", "CANDIDATE_IN", "region:ile-de-france") in bid


def test_supports() -> None:
    text = "In the United States, Bernie Sanders endorsed Joe Biden on Monday."
    assert ("person:bernie-sanders", "SUPPORTS", "person:joe-biden") in facts(text)
    withdrawal = "In France, the Socialist Party withdrew its candidates in favour of The Republicans in two regions."
    assert ("party:socialist-party", "SUPPORTS", "party:the-republicans") in facts(withdrawal)


@pytest.mark.parametrize("text", [
    "Bernie Sanders did not endorse Joe Biden.",
    "Joe Biden never endorsed Bernie Sanders and never backed his plan.",
    "Keir Starmer met the Labour Party's donors in London.",
    "Nancy Pelosi and Mitch McConnell spoke about the budget.",
])
def test_sentences_that_state_no_relation(text: str) -> None:
    found = {(s, p, o) for s, p, o in facts(text) if p in ("SUPPORTS", "LEADS", "MEMBER_OF", "WON", "LOST")}
    assert found == set()


def test_surnames_titles_and_spellings_resolve_to_one_person() -> None:
    text = ("Former President Nicholas Sarkozy spoke in Paris. Sarkozy said he would stay. "
            "Later, Marine Le Pen and Marion Maréchal-Le Pen arrived; Le Pen said nothing.")
    entities = {e.id: e for e in extract(text).entities}
    assert "person:nicolas-sarkozy" in entities and len(entities["person:nicolas-sarkozy"].mentions) == 2
    assert len(entities["person:marine-le-pen"].mentions) == 2
    assert len(entities["person:marion-marechal-le-pen"].mentions) == 1


def test_elections_and_rounds() -> None:
    text = ("Voters in France go to the polls on Sunday for the second round of the 2022 French presidential "
            "election. Emmanuel Macron led in the first round.")
    extraction = extract(text)
    labels = {e.id: e for e in extraction.entities}
    election = labels["election:2022-french-presidential-election"]
    assert election.properties["year"] == 2022 and election.properties["kind"] == "presidential"
    rounds = sorted(e.properties["number"] for e in extraction.entities if e.label == "Round")
    assert rounds == [1, 2]
    assert all((r.predicate, r.object) == ("PART_OF", election.id)
               for r in extraction.relations if r.subject.startswith("round:"))


def test_statements_speakers_outlets_and_pronouns() -> None:
    text = ('"We will win this," Keir Starmer told the BBC in Manchester.\n\n'
            'Nicola Sturgeon spoke next. "Scotland has spoken tonight," she said. "Nothing will change that."\n\n'
            'According to Reuters, Boris Johnson said "the deal is done."')
    statements = extract(text).statements
    by_text = {s.text: s for s in statements}
    first = by_text["We will win this,"]
    assert first.speaker == "person:keir-starmer" and first.reported_by == "organization:bbc"
    assert by_text["Scotland has spoken tonight,"].speaker == "person:nicola-sturgeon"
    assert by_text["Nothing will change that."].speaker == "person:nicola-sturgeon"
    assert by_text["the deal is done."].speaker == "person:boris-johnson"
    assert "region:scotland" in by_text["Scotland has spoken tonight,"].mentions


def test_components_are_configurable() -> None:
    only_entities = Pipeline(components=["entities"]).extract(read_text("Labour leader Keir Starmer spoke.", "t"))
    assert only_entities.entities and not only_entities.relations


def test_a_foreign_leader_holds_office_in_their_own_country() -> None:
    text = "In the United States, Senators met. Syrian President Bashar al-Assad sent a letter."
    offices = [r for r in extract(text).relations if r.predicate == "HOLDS_OFFICE"]
    assert all(r.object != "place:united-states" for r in offices)
    british = extract("In Britain, Prime Minister Boris Johnson spoke to Parliament.").relations
    assert [(r.object, r.properties["role"]) for r in british if r.predicate == "HOLDS_OFFICE"] == \
        [("place:united-kingdom", "Prime Minister")]


NEWS_WORDS = ("the said Labour leader Keir Starmer 'quote' \"double\" ( ) , . : ; - — 2019 election by-election Mr Ms "
              "he she it they his her party government of in for to against won lost By Image: PUBLISHED @highlight "
              "Paris France UK “ ” ‘ ’").split(" ") + ["\n", "\n\n", "  "]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(NEWS_WORDS), min_size=1, max_size=60))
def test_any_text_extracts_and_every_offset_points_at_its_text(words: list[str]) -> None:
    """Scraps of news (stray quotes, brackets, by-lines, blank lines) never break a component."""
    text = " ".join(words)
    if not text.strip():
        return
    extraction = extract(text)
    for entity in extraction.entities:
        assert all(text[m.start:m.end] == m.text for m in entity.mentions)
    assert all(text[s.start:s.end] == s.text for s in extraction.statements)
    assert all(text[r.evidence.start:r.evidence.end] == r.evidence.sentence for r in extraction.relations)
