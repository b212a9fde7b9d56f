"""Elections and rounds: the phrases that name them, their years and countries, which phrases are one
election, and phrases that name none; on sentences written for these tests."""

from __future__ import annotations

import pytest

from polgraph.loaders.pipeline import Pipeline
from polgraph.loaders.readers import read_text

PIPELINE = None


def elections(text: str, **metadata) -> dict[str, list[str]]:
    """election name -> the texts of its mentions"""
    global PIPELINE
    PIPELINE = PIPELINE or Pipeline(["furniture", "entities", "events"])
    ctx = PIPELINE.context(read_text(text, "t.txt", **metadata))
    ctx.drop_unmentioned()
    return {e.name: [m.text for m in e.mentions] for e in ctx.entities.values() if e.label == "Election"}


@pytest.mark.parametrize(("text", "name"), [
    ("Labour won the 2019 general election in the United Kingdom.", "2019 United Kingdom general election"),
    ("Voters in France chose a president in the 2017 French presidential election.",
     "2017 French presidential election"),
    ("The Canadian federal election of 2015 was won by the Liberals in Canada.", "2015 Canadian federal election"),
    ("Joe Biden won the South Carolina primary in the United States.", "South Carolina primary"),
    ("The FN candidate lost the Brignoles by-election in France.", "Brignoles by-election"),
    ("In 2016, the United Kingdom held a referendum on its membership of the EU.", "2016 United Kingdom referendum"),
])
def test_elections_are_named_by_year_country_and_kind(text: str, name: str) -> None:
    assert name in elections(text)


def test_phrases_of_one_election_are_one_node() -> None:
    found = elections("Canada 2019 general election produces minority\n\nOn Monday, Canada held a general election. "
                      "The Liberals lost seats in the elections. They had won the 2015 election.")
    assert set(found) == {"2019 Canadian general election", "2015 Canadian general election"}
    assert len(found["2019 Canadian general election"]) == 3


def test_years_from_the_sentence_and_the_articles_date() -> None:
    found = elections("Warren endorsed Biden for this year's presidential election in the US.", published="2020-04-16")
    assert "2020 United States presidential election" in found
    found = elections("The next presidential elections in France are scheduled for 2017.")
    assert "2017 French presidential election" in found
    found = elections("He plans to stand in the next general election in Britain.")
    assert any(name.startswith("next") for name in found)


@pytest.mark.parametrize("text", [
    "Every federal election in the United States is held in November.",
    "Many wanted another referendum in the United Kingdom.",
    "The Conservatives have lost two election defeats in a row in Britain.",
    "The 269-244 vote gave the government its majority in France.",
    "The People's Vote campaign marched in London.",
])
def test_phrases_that_name_no_election(text: str) -> None:
    assert elections(text) == {}


def test_rounds_are_part_of_their_election() -> None:
    ctx = Pipeline(["furniture", "entities", "events"]).context(read_text(
        "In the 2022 French presidential election, Emmanuel Macron led the first round. The run-off is on Sunday.",
        "t.txt"))
    rounds = {e.properties["number"] for e in ctx.entities.values() if e.label == "Round"}
    assert rounds == {1, 2}
    assert {r.object for r in ctx.relations if r.predicate == "PART_OF"} == {"election:2022-french-presidential-election"}


@pytest.mark.parametrize(("text", "name", "winner", "losers"), [
    ("Keir Starmer has been elected leader of the Labour Party, defeating Lisa Nandy and Rebecca Long-Bailey.",
     "2020 Labour Party leadership election", "person:keir-starmer", {"person:lisa-nandy", "person:rebecca-long-bailey"}),
    ("Jo Swinson was elected leader of the Liberal Democrats, beating Ed Davey.",
     "2020 Liberal Democrats leadership election", "person:jo-swinson", {"person:ed-davey"}),
    ("Party members elected Friedrich Merz as CDU leader in Berlin.",
     "2020 Christian Democratic Union leadership election", "person:friedrich-merz", set()),
])
def test_elected_leader_names_the_partys_leadership_election(text: str, name: str, winner: str, losers: set[str]) -> None:
    assert name in elections(text, published="2020-06-01")
    extraction = Pipeline().extract(read_text(text, "t.txt", published="2020-06-01"))
    election = next(e.id for e in extraction.entities if e.name == name)
    facts = {(r.subject, r.predicate) for r in extraction.relations if r.object == election}
    assert (winner, "WON") in facts and {(p, "LOST") for p in losers} <= facts
    assert not any(p == "WON" and s.startswith("party:") for s, p in facts)  # a party does not win its own contest


@pytest.mark.parametrize("text", [
    "Keir Starmer was not elected leader of the Labour Party.",
    "Anne Hidalgo was elected mayor of Paris in 2014.",  # an office of a city, not a party's leadership
    "She was elected leader of the group on Tuesday.",  # no party named
])
def test_elected_to_no_party_leadership(text: str) -> None:
    assert not any("leadership" in name for name in elections(text, published="2020-06-01"))


@pytest.mark.parametrize(("text", "name"), [
    ("Sadiq Khan will stand in the 2021 London mayoral election.", "2021 London mayoral election"),
    ("Anne Hidalgo won the Paris municipal election in 2020.", "2020 Paris municipal election"),
])
def test_one_places_election_is_named_as_an_election(text: str, name: str) -> None:
    assert name in elections(text)


def test_a_states_primary_of_one_party() -> None:
    found = elections("Bernie Sanders won the New Hampshire Democratic primary in 2020, and Donald Trump won the "
                      "New Hampshire Republican primary.")
    assert {"2020 New Hampshire Democratic primary", "2020 New Hampshire Republican primary"} <= set(found)
    named = elections("Joe Biden won the South Carolina Democratic presidential primary in 2020.")
    assert "2020 South Carolina Democratic presidential primary" in named
    assert "2020 Democratic Party primary" in elections("Joe Biden won the Democratic primary in 2020.")


def test_an_election_named_by_its_day_is_of_the_articles_year() -> None:
    assert "2019 Australian federal election" in elections(
        "The Coalition won yesterday's federal election in Australia.", published="2019-05-19")


def test_a_chambers_caucus_is_no_election() -> None:
    assert not elections("Nancy Pelosi told the Democratic caucus in Washington that she would stay.")
    assert "2020 Iowa caucus" in elections("Pete Buttigieg narrowly won the Iowa caucuses in 2020.")
