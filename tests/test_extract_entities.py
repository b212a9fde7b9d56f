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


def test_photo_credits_are_people_and_the_label_is_no_entity() -> None:
    found = entities(
        "Thousands marched in London on Saturday.\n\nProtesters in Whitehall. Image: Garry Knight.\n\n"
        "The stage. Image: C.Suthorn.\n\nMore protestors. Image: EliasHabermas (flickr).\n"
    )
    assert found.get("person:garry-knight") == "Person" and "place:london" in found
    assert found.get("person:c-suthorn") == "Person"
    assert not any("image" in e or "eliashabermas" in e for e in found)  # the label, a user handle


def test_caption_labels_and_sentence_initial_words_are_no_entities() -> None:
    found = entities(
        "Annoyed: Laurent Lopez said the result was a shock.\n\nRiot police guarded the town hall in Brignoles. "
        "Riot police were also out in Toulon. Exit polls suggested a close race."
    )
    assert "person:laurent-lopez" in found
    assert not any(e.endswith(("annoyed", "riot", "exit")) for e in found)


def test_people_sharing_a_surname_stay_apart() -> None:
    found = entities(
        "George W. Bush praised his father, George H. W. Bush, on Friday. Bush said the former president "
        "was a great man. Jean-Marie Le Pen and his daughter Marine Le Pen did not speak."
    )
    assert {"person:george-w-bush", "person:george-h-w-bush"} <= set(found)
    assert {"person:jean-marie-le-pen", "person:marine-le-pen"} <= set(found)
    assert "person:bush" not in found and "person:le-pen" not in found


def test_offices_and_titles_are_not_people() -> None:
    found = entities("Prime Minister Theresa May met MEP Nigel Farage. Interior Minister Manuel Valls stayed in Paris.")
    assert {"person:theresa-may", "person:nigel-farage", "person:manuel-valls"} <= set(found)
    assert not any(e.startswith(("organization:interior", "organization:mep", "person:prime")) for e in found)


@pytest.mark.parametrize(("text", "party"), [
    ("The Tories lost seats in the north of England.", "party:conservative-party"),
    ("France's ruling socialists suffered heavy defeats.", "party:socialist-party"),
    ("The Democrats won the House of Representatives in the United States.", "party:democratic-party"),
])
def test_parties_named_by_their_members(text: str, party: str) -> None:
    assert entities(text).get(party) == "Party"


def test_names_the_model_misses_are_read_from_their_context() -> None:
    found = entities(
        "Police said a spokesman in Frejus had seen the crowd. Middlesbrough mayor Ray Mallon joined the "
        "Yes campaign. Pascal Perrineau, of the Institute of Political Studies, said he was surprised."
    )
    assert found.get("place:frejus") == "Place" and found.get("place:middlesbrough") == "Place"
    assert found.get("organization:yes-campaign") == "Organization"
    assert found.get("person:pascal-perrineau") == "Person"


def test_the_government_of_the_articles_country() -> None:
    found = entities("Nicolas Sarkozy accused the socialist government of framing him. France voted on Sunday.")
    assert found.get("organization:government-of-france") == "Organization"


def test_short_forms_join_their_long_name() -> None:
    found = entities("NE voters decide\n\nPeople in the North East will vote on an assembly. The North East is split.")
    assert "place:ne" not in found and "place:north-east" in found


def test_no_fewer_people_organisations_and_places_than_bare_spacy() -> None:
    """Every person, organisation and place the bare model finds is a mention, unless a named fix drops it."""
    import spacy

    from polgraph.loaders.entity_fixes import NOT_NAMES
    from polgraph.loaders.nlp import MODEL

    text = ("The German chancellor, Angela Merkel, met President Emmanuel Macron in Paris on Monday. The European "
            "Commission and NATO said Russia had to respect Ukraine's borders. Labour's Keir Starmer called for "
            "an inquiry, and the BBC reported that the Conservative Party was split.")
    extraction = get_pipeline().extract(read_text(text, "t.txt"))
    covered = [(m.start, m.end) for e in extraction.entities for m in e.mentions]
    bare = spacy.load(MODEL)(text)
    for ent in bare.ents:
        if ent.label_ in ("PERSON", "ORG", "GPE", "LOC") and ent.text.lower() not in NOT_NAMES:
            assert any(s < ent.end_char and ent.start_char < e for s, e in covered), ent.text


def test_first_name_alone_is_the_same_person() -> None:
    found = entities("Representative Terri Collins sponsored the bill. Terri said it would pass.")
    assert "person:terri" not in found and "person:terri-collins" in found


def test_a_place_name_that_begins_a_persons_or_organisations_name() -> None:
    found = entities("Victoria Atkins met Georgia Gould in London. They spoke at the Massachusetts Institute of "
                     "Technology. California Governor Gavin Newsom stayed in Sacramento.")
    assert {"person:victoria-atkins", "person:georgia-gould", "person:gavin-newsom"} <= set(found)
    assert found.get("organization:massachusetts-institute-of-technology") == "Organization"
    assert found.get("region:california") == "Region" and "region:victoria" not in found


@pytest.mark.parametrize(("text", "person"), [
    ("Senate Minority Whip Dick Durbin spoke on Tuesday.", "person:dick-durbin"),
    ("Director of National Intelligence John Ratcliffe said no.", "person:john-ratcliffe"),
    ("Professor John C. Eastman wrote the memo.", "person:john-c-eastman"),
    ("Jo Jorgensen for President campaigned in Ohio.", "person:jo-jorgensen"),
])
def test_titles_run_into_a_name_are_not_part_of_it(text: str, person: str) -> None:
    found = entities(text)
    assert found.get(person) == "Person", found


def test_a_day_named_after_someone_is_no_person() -> None:
    assert not any(e.startswith("person:") for e in entities("Martin Luther King Jr. Day is a federal holiday."))


@pytest.mark.parametrize(("text", "kept", "not_people"), [
    ("Joe Biden and Kamala Harris toured Ohio, where votes went to Biden-Harris.",
     {"person:joe-biden", "person:kamala-harris"}, {"person:biden-harris"}),
    ("Donald Trump and Mike Pence waved as Trump/Pence signs went up in Florida.",
     {"person:donald-trump", "person:mike-pence"}, {"person:trump-pence"}),
    ("Richard Kilroy-Silk quit the party. Kilroy-Silk said he would form his own.",
     {"person:richard-kilroy-silk"}, set()),
    ("Erwin Chemerinsky, Dean of the law school, called it nonsense.", {"person:erwin-chemerinsky"}, {"person:dean"}),
    ("Mr Dean told reporters that he was no relative of Howard Dean.", {"person:howard-dean"}, set()),
    ("New schools are needed. Schools will lift prices, said Sally Capp.", {"person:sally-capp"}, {"person:schools"}),
    ("Theresa May said the deal may pass. May added that she would stay.", {"person:theresa-may"}, set()),
])
def test_words_the_model_takes_for_people(text: str, kept: set[str], not_people: set[str]) -> None:
    found = entities(text)
    assert kept <= set(found) and not (not_people & set(found))


def test_a_hashtag_is_no_entity() -> None:
    found = entities("Markham Robinson, whose bio includes the hashtags #MAGA and #Trump2020, wrote to us.")
    assert "person:markham-robinson" in found
    assert not any("maga" in entity_id or "trump2020" in entity_id for entity_id in found)


def test_a_name_cut_after_a_joining_word_is_no_entity() -> None:
    found = entities("He longed for the border between North and South Korea to reopen, said Brock Pierce.")
    assert "person:brock-pierce" in found and not any(entity_id.endswith("-and") for entity_id in found)


@pytest.mark.parametrize(("text", "place"), [
    ("Ms Le Pen, who was re-elected in her constituency in Pas-de-Calais, said the result was historic.",
     "place:pas-de-calais"),
    ("The minister visited Boulogne-sur-Mer on Friday with Jean-Marie Le Pen.", "place:boulogne-sur-mer"),
    ("Voters in Stratford-upon-Avon backed the Conservatives.", "place:stratford-upon-avon"),
])
def test_places_joined_by_a_preposition_are_places(text: str, place: str) -> None:
    found = entities(text)
    assert found.get(place) == "Place" and not any(e.startswith("person:") and e.endswith(place[6:]) for e in found)


def test_hyphenated_surnames_stay_people() -> None:
    found = entities("Nathalie Kosciusko-Morizet and Najat Vallaud-Belkacem met Jean-Marie Le Pen in Saint-Denis.")
    assert {"person:nathalie-kosciusko-morizet", "person:najat-vallaud-belkacem", "person:jean-marie-le-pen"} <= set(found)


def test_a_one_word_name_where_something_was_done_is_a_place() -> None:
    found = entities("Labour's candidate beat Nigel Farage in Kent.")
    assert found.get("place:kent") == "Place" and "person:kent" not in found
    assert "person:jeremy-corbyn" in entities("Jeremy Corbyn spoke. Voters said they believed in Corbyn.")


def test_a_party_name_shared_across_countries_goes_to_the_articles_countrys() -> None:
    assert "party:democratic-party-italy" in entities("The centre-left Democratic Party came second in Italy.")
    assert "party:democratic-party" in entities("The Democratic Party won seats in the United States.")


def test_a_name_the_model_misses_before_a_titled_apposition_is_a_person() -> None:
    found = entities("Gandhi lost the seat of Amethi to Smriti Irani, a BJP minister.")
    assert found.get("person:smriti-irani") == "Person" and found.get("place:amethi") == "Place"
    assert "person:amethi-town" not in entities("Voters in Amethi Town, a BJP stronghold, were happy.")


def test_a_town_the_gazetteer_does_not_know_is_no_country_when_a_known_one_has_a_vote() -> None:
    extraction = get_pipeline().extract(read_text("Gandhi lost the seat of Amethi to Smriti Irani, a BJP minister.",
                                                  "t.txt"))
    assert not any(r.predicate == "HOLDS_OFFICE" and r.object == "place:amethi" for r in extraction.relations)


def test_a_name_before_by_election_or_seat_is_a_place_in_every_mention() -> None:
    text = ("Lib Dems snatch Leicester South\n\nThe Liberal Democrats have won the Leicester South by-election, "
            "overturning a Labour majority.")
    found = entities(text)
    assert found.get("place:leicester-south") == "Place" and "person:leicester-south" not in found


def test_a_chambers_members_of_a_party_are_the_party() -> None:
    found = entities("Senate Republicans blocked the bill, and House Democrats said they would try again in Washington.")
    assert {"party:republican-party", "party:democratic-party"} <= set(found)
    assert not any("house-democrats" in e or "senate-republicans" in e for e in found)
