"""Statements: speakers, pronouns, outlets, places, mentions; offsets into the text."""

from __future__ import annotations

from polgraph.loaders.pipeline import get_pipeline
from polgraph.loaders.readers import read_text


def statements(text: str) -> list:
    extraction = get_pipeline().extract(read_text(text, "test.txt"))
    for statement in extraction.statements:
        assert text[statement.start : statement.end] == statement.text
    return extraction.statements


def test_said_after_and_before() -> None:
    (first,) = statements('"We will win this election," Keir Starmer said on Monday.')
    assert first.speaker == "person:keir-starmer"
    (second,) = statements('Angela Merkel said: "Germany will keep its promises to its partners."')
    assert second.speaker == "person:angela-merkel"


def test_said_with_title_after_the_verb() -> None:
    (quote,) = statements(
        '"The rule of law is not optional," said California Attorney General Xavier Becerra.'
    )
    assert quote.speaker == "person:xavier-becerra"


def test_pronoun_goes_to_the_last_person_of_matching_gender() -> None:
    found = statements(
        'Marine Le Pen met Manuel Valls in Paris. Later she said, "Nothing can stop us now, nothing at all."'
    )
    assert found[-1].speaker == "person:marine-le-pen"


def test_told_an_outlet_is_reported_by_and_said_at() -> None:
    (quote,) = statements(
        'Marine Le Pen told supporters in Hénin-Beaumont, "There has been a smear campaign against us."'
    )
    assert quote.speaker == "person:marine-le-pen" and quote.said_at == "place:henin-beaumont"
    (quote,) = statements('Steeve Briois told Le Monde, "Tonight, lies and dishonesty have prevailed here."')
    assert quote.reported_by == "organization:le-monde"


def test_speaker_is_the_person_not_the_outlet_spoken_to() -> None:
    (quote,) = statements(
        "Speaking to Agence France-Presse, the head of the union, Jamel Msallem, said, "
        '"We are for the freedom to dress, but not today."'
    )
    assert quote.speaker == "person:jamel-msallem"


def test_member_of_an_organisation_is_the_speaker_not_the_organisation() -> None:
    (quote,) = statements(
        'Souhail Alouini, a member of Parliament, said, "We proposed a bill in 2016 about it."'
    )
    assert quote.speaker == "person:souhail-alouini"


def test_mentions_inside_the_quote() -> None:
    (quote,) = statements('"We have eradicated the Socialist Party in the north," Marine Le Pen said.')
    assert "party:socialist-party" in quote.mentions


def test_scare_quotes_are_not_statements() -> None:
    assert statements('Tom Watson called the deal "lousy" on Saturday.') == []
