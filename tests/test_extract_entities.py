"""Entities: labels, gazetteer ids, repairs of the small model, resolution within an article."""

from __future__ import annotations

import pytest

from polgraph.loaders.pipeline import get_pipeline
from polgraph.loaders.readers import read_text


def entities(text: str) -> dict[str, str]:
    """entity id -> label"""
    extraction = get_pipeline().extract(read_text(text, "test.txt"))
    for entity in extraction.entities:
        for mention in entity.mentions:
            assert text[mention.start : mention.end] == mention.text
    return {e.id: e.label for e in extraction.entities}


@pytest.mark.parametrize(
    ("text", "entity_id", "label"),
    [
        ("The FN came first in Hauts-de-France.", "party:front-national", "Party"),
        ("Marine Le Pen's National Front lost.", "party:front-national", "Party"),
        ("The Tories lost seats to Labour in Wales.", "party:conservative-party", "Party"),
        ("The CDU under Angela Merkel won in Bavaria.", "person:angela-merkel", "Person"),
        (
            "Voters in Provence-Alpes-Cote d'Azur went to the polls.",
            "region:provence-alpes-cote-d-azur",
            "Region",
        ),
        ("Reuters reported that Sarkozy had conceded.", "organization:reuters", "Organization"),
        ("The Syrian government denied the claim made in Damascus.", "place:damascus", "Place"),
    ],
)
def test_labels_and_ids(text: str, entity_id: str, label: str) -> None:
    assert entities(text).get(entity_id) == label


def test_surname_goes_to_first_full_name_not_a_relative() -> None:
    found = entities(
        "Marine Le Pen spoke first. Her niece Marion Maréchal-Le Pen spoke later. Le Pen then left."
    )
    assert "person:marine-le-pen" in found and "person:marion-marechal-le-pen" in found
    assert "person:le-pen" not in found


def test_titles_misspellings_and_accents_resolve_to_one_node() -> None:
    found = entities("President Francois Hollande met Nicholas Sarkozy and Alain Juppe. Mr. Juppé left.")
    assert {"person:francois-hollande", "person:nicolas-sarkozy", "person:alain-juppe"} <= set(found)
    assert not any(e.startswith("person:") and "president" in e for e in found)


def test_cut_and_split_names_are_joined() -> None:
    found = entities("Tunisia was ruled by Zine El Abidine Ben Ali until 2011, officials said.")
    assert "person:zine-el-abidine-ben-ali" in found


def test_person_labelled_as_organisation_next_to_an_office() -> None:
    found = entities("The current president of Namibia, Hage Geingob, expressed his sadness on Monday.")
    assert found.get("person:hage-geingob") == "Person"


def test_caption_credits_are_not_entities() -> None:
    found = entities(
        "Thousands marched in London on Saturday.\n\nProtesters in Whitehall. Image: Garry Knight.\n"
    )
    assert "person:garry-knight" not in found and "place:london" in found


def test_first_name_alone_is_the_same_person() -> None:
    found = entities("Representative Terri Collins sponsored the bill. Terri said it would pass.")
    assert "person:terri" not in found and "person:terri-collins" in found
