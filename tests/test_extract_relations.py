"""Relations on sentences written for these tests, from several countries, with negatives."""

from __future__ import annotations

import pytest

from polgraph.loaders.pipeline import get_pipeline
from polgraph.loaders.readers import read_text


def relations(text: str) -> list:
    extraction = get_pipeline().extract(read_text(text, "test.txt"))
    for rel in extraction.relations:
        assert text[rel.evidence.start : rel.evidence.end] == rel.evidence.sentence
        assert rel.tier in ("explicit", "inferred") and 0 < rel.confidence <= 1
    return extraction.relations


def facts(text: str) -> set[tuple[str, str, str]]:
    return {(r.subject, r.predicate, r.object) for r in relations(text)}


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("SPD leader Olaf Scholz campaigned in Berlin.", ("person:olaf-scholz", "LEADS", "party:spd")),
        (
            "Nigel Farage, the leader of the Brexit Party, spoke in Essex.",
            ("person:nigel-farage", "LEADS", "party:brexit-party"),
        ),
        (
            "Conservative leader Boris Johnson visited Manchester.",
            ("person:boris-johnson", "LEADS", "party:conservative-party"),
        ),
    ],
)
def test_leads(text: str, fact: tuple[str, str, str]) -> None:
    assert fact in {(s, p, o) for s, p, o in facts(text) if p == "LEADS"} or fact[0] in {
        s for s, p, _ in facts(text) if p == "LEADS"
    }


@pytest.mark.parametrize(
    ("text", "person", "party_word"),
    [
        ("Socialist Prime Minister Manuel Valls warned voters.", "person:manuel-valls", "socialist"),
        ("Republican Kevin McCarthy received 192 votes.", "person:kevin-mccarthy", "republican"),
        ("Nancy Pelosi, a Democrat, was elected Speaker.", "person:nancy-pelosi", "democratic"),
    ],
)
def test_member_of(text: str, person: str, party_word: str) -> None:
    assert any(s == person and p == "MEMBER_OF" and party_word in o for s, p, o in facts(text))


def test_holds_office_with_roles_and_countries() -> None:
    found = relations("German Chancellor Angela Merkel met US President Donald Trump in Washington.")
    offices = {
        (r.subject, r.object, r.properties.get("role")) for r in found if r.predicate == "HOLDS_OFFICE"
    }
    assert ("person:angela-merkel", "place:germany", "Chancellor") in offices
    assert ("person:donald-trump", "place:united-states", "President") in offices


def test_mayor_of_and_former() -> None:
    found = relations("Steeve Briois, a Front National vice-president and mayor of Hénin-Beaumont, spoke.")
    roles = {(r.object, r.properties.get("role")) for r in found if r.predicate == "HOLDS_OFFICE"}
    assert ("place:henin-beaumont", "mayor") in roles
    found = relations("Nickey Iyambo, former vice-president of Namibia, died on Wednesday.")
    (office,) = [r for r in found if r.predicate == "HOLDS_OFFICE"]
    assert office.object == "place:namibia" and office.properties.get("current") is False


def test_relative_of() -> None:
    fact = facts("Marine Le Pen campaigned with her niece Marion Maréchal-Le Pen in the south.")
    assert ("person:marion-marechal-le-pen", "RELATIVE_OF", "person:marine-le-pen") in fact


def test_lost_out_to_gives_won_and_lost() -> None:
    fact = facts(
        "Marine Le Pen lost out to the Republicans in the northern region of Nord-Pas-de-Calais-Picardie."
    )
    assert ("person:marine-le-pen", "LOST", "region:nord-pas-de-calais-picardie") in fact
    assert ("party:the-republicans", "WON", "region:nord-pas-de-calais-picardie") in fact


def test_failed_bid_gives_lost_and_candidate() -> None:
    fact = facts("Marion Maréchal-Le Pen failed in her bid to take the region of Provence-Alpes-Côte d'Azur.")
    assert ("person:marion-marechal-le-pen", "LOST", "region:provence-alpes-cote-d-azur") in fact
    assert ("person:marion-marechal-le-pen", "CANDIDATE_IN", "region:provence-alpes-cote-d-azur") in fact


def test_supports_by_withdrawal_and_endorsement() -> None:
    fact = facts("The Socialists pulled their candidates so voters would support the Republicans in France.")
    assert ("party:socialist-party", "SUPPORTS", "party:the-republicans") in fact
    fact = facts("Bernie Sanders endorsed Joe Biden in April.")
    assert ("person:bernie-sanders", "SUPPORTS", "person:joe-biden") in fact


def test_contributed_to_article() -> None:
    fact = facts("The vote was close.\n\nJane Roe contributed to this report.")
    assert ("person:jane-roe", "CONTRIBUTED_TO", "ARTICLE") in fact


def test_rounds_belong_to_their_election() -> None:
    fact = facts("In the 2017 French presidential election, Macron led the first round.")
    assert any(
        p == "PART_OF" and s.startswith("round:") and o.startswith("election:2017") for s, p, o in fact
    )


@pytest.mark.parametrize(
    "text",
    [
        "Marine Le Pen did not lose in Nord-Pas-de-Calais-Picardie, a report said.",
        "Boris Johnson never endorsed Nigel Farage.",
        "Angela Merkel and Emmanuel Macron met in Berlin.",
    ],
)
def test_negatives(text: str) -> None:
    fact = facts(text)
    assert not any(p in ("LOST", "SUPPORTS", "RELATIVE_OF", "LEADS") for _, p, _ in fact)
