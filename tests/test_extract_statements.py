"""Statements: quotation marks of every style, speakers named before, after, around or near the
quotation, pronouns, descriptions, unnamed speakers, scare quotes, outlets and places.

The sentences are written for these tests, after the styles of British, American, Australian and
wire-service news; none is taken from an article.
"""

from __future__ import annotations

import pytest

from polgraph.loaders.pipeline import get_pipeline
from polgraph.loaders.readers import read_text
from polgraph.loaders.statements import quotations


def statements(text: str) -> list:
    extraction = get_pipeline().extract(read_text(text, "test.txt"))
    for statement in extraction.statements:
        assert text[statement.start : statement.end] == statement.text
    return extraction.statements


def said(text: str) -> list[tuple[str, str | None]]:
    """(quoted words, speaker) of each statement."""
    return [(s.text, s.speaker) for s in statements(text)]


def quoted(text: str) -> list[str]:
    return [text[q.start : q.end] for q in quotations(text)]


# --- quotation marks -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"We will win," she said.', ["We will win,"]),
        ("“We will win,” she said.", ["We will win,"]),
        ("'We will win,' she said.", ["We will win,"]),
        ("‘We will win,’ she said.", ["We will win,"]),
        ("«Nous allons gagner», a-t-il dit.", ["Nous allons gagner"]),
        # apostrophes are no quotation marks
        ("Le Pen's party said it's over. They don't agree.", []),
        ("In the '90s the party's vote rose. 'It was our decade,' he said.", ["It was our decade,"]),
        ("‘We hated the ’80s,’ she said.", ["We hated the ’80s,"]),
        ("Mr O'Neill's 'rock 'n' roll' years were 'great fun, really'.", ["rock 'n' roll", "great fun, really"]),
        ("'We respect the parents' views on this,' she said.", ["We respect the parents' views on this,"]),
        ("'We back the Greens' Caroline Lucas,' he said.", ["We back the Greens' Caroline Lucas,"]),
        ("He called them 'enemies of the workers' and left.", ["enemies of the workers"]),
        # inner quotations stay inside the outer one
        ('"We wish him well, but now it is \'farewell\'." He left.', ["We wish him well, but now it is 'farewell'."]),
        ("'They called it \"a disaster\" at once,' he said.", ['They called it "a disaster" at once,']),
        # a new opening mark while one is open starts a new quotation; the paragraph ends an open one
        ('He said: "We have shut the office. "It was a hard choice." He left.', ["We have shut the office.",
                                                                                 "It was a hard choice."]),
        ("She said: 'The town was ruined.\n\n'People want change.'", ["The town was ruined.", "People want change."]),
        ('She told Le Figaro, "We have been treated unfairly. "\n\nNext.', ["We have been treated unfairly."]),
        # a quotation set out over lines runs on to the line that closes it, and no further
        ('He wrote:\n"The first line of it.\nThe second line."\nNext.', ["The first line of it.\nThe second line."]),
        ('She said: "One thing.\n"Another thing."', ["One thing.", "Another thing."]),
        ('She said: "One thing.\n\nAnother thing."', ["One thing."]),
        # a stray mark of the article's rarer family does not swallow the paragraph
        ('"We will win," he said of Labour\'s \'new\' plan. "Trust us."', ["We will win,", "new", "Trust us."]),
    ],
)
def test_quotation_marks(text: str, expected: list[str]) -> None:
    assert quoted(text) == expected


# --- who speaks --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # named after the quotation
        ("'The Government has lost control of our borders,' said Nigel Farage.", "person:nigel-farage"),
        ('"We are going to win Pennsylvania," Joe Biden told reporters on Monday.', "person:joe-biden"),
        ('"Nobody is above the law in this country," said House Speaker Nancy Pelosi.', "person:nancy-pelosi"),
        ("“I will not resign over this,” Prime Minister Scott Morrison told ABC radio.", "person:scott-morrison"),
        ('"The rule of law is not optional," said California Attorney General Xavier Becerra.', "person:xavier-becerra"),
        ("'London has chosen hope over fear,' Sadiq Khan, 48, said.", "person:sadiq-khan"),
        # a title and the surname of someone named in full before
        ("Roger Knapman was in Exeter. 'The party will be stronger without the feuding,' Mr Knapman told BBC "
         "Radio 4's Today programme.", "person:roger-knapman"),
        ("Nicola Sturgeon was in Edinburgh. 'Scotland did not vote for this at all,' Ms Sturgeon said.",
         "person:nicola-sturgeon"),
        # named before it
        ("Labour leader Keir Starmer said: 'We will not let the country down.'", "person:keir-starmer"),
        ('Senator Bernie Sanders said, "The economy is rigged for the wealthy."', "person:bernie-sanders"),
        ("Jacinda Ardern said: ‘We are one, they are us, and that will not change.’", "person:jacinda-ardern"),
        ('Angela Merkel told the Bundestag: "Germany will keep its promises to its partners."', "person:angela-merkel"),
        ('Elizabeth Warren congratulated Joe Biden, saying, "You ran a campaign of decency and hope."',
         "person:elizabeth-warren"),
        ('The amendment was tabled by Yvette Cooper, who said in the Commons, "This is about trust in voters."',
         "person:yvette-cooper"),
        ("Farage: 'We will win the next election outright'", "person:nigel-farage"),
        ('A law student named Agnes Chow said, "Young people here will never back down."', "person:agnes-chow"),
        ('Michael Howard spoke in Brighton. He went on: "We will cut taxes for every working family."',
         "person:michael-howard"),
        ('Charles Kennedy, the Liberal Democrat leader, hit back: "This government has run out of ideas."',
         "person:charles-kennedy"),
        ('Charles Kennedy was defiant: "This is a government that has run out of ideas."', "person:charles-kennedy"),
        ('Gordon Brown was quoted by Reuters as saying "the economy is stronger than it has been for years".',
         "person:gordon-brown"),
        # the person, not the outlet spoken to nor the organisation they belong to
        ('Speaking to Agence France-Presse, the leader of the dockers\' union, Karim Benali, said, '
         '"We will strike until the ports are safe again."', "person:karim-benali"),
        ('Olena Kovalenko, a member of the city council, said, "We asked for this road to be closed in 2019."',
         "person:olena-kovalenko"),
        ("Senate leader Chuck Schumer answered — which Fox News called a dodge — \"We will hold the vote "
         'when we have the numbers."', "person:chuck-schumer"),
    ],
)
def test_speaker_named_before_or_after(text: str, speaker: str) -> None:
    ((_, found),) = said(text)
    assert found == speaker


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        ("Donald Trump said he would 'drain the swamp in Washington'.", "drain the swamp in Washington",
         "person:donald-trump"),
        ('Bernie Sanders accused the billionaires of "buying our democracy wholesale".',
         "buying our democracy wholesale", "person:bernie-sanders"),
        ('Nicola Sturgeon said the vote was "a turning point for the whole country" on Friday.',
         "a turning point for the whole country", "person:nicola-sturgeon"),
        ('Mitch McConnell spoke on Fox. He said the hearing would be short, adding he expected '
         '"a vote along party lines" next week.', "a vote along party lines", "person:mitch-mcconnell"),
        ('Jen Psaki said the president would sign the bill "as soon as it reaches his desk."',
         "as soon as it reaches his desk.", "person:jen-psaki"),
        ("Nigel Farage believes the party is 'on the road to victory now'.", "on the road to victory now",
         "person:nigel-farage"),
    ],
)
def test_quotation_inside_a_sentence(text: str, words: str, speaker: str) -> None:
    assert (words, speaker) in said(text)


def test_split_quotation_gives_two_statements_of_one_speaker() -> None:
    found = said('Angela Merkel arrived in Brussels. "We will fight this decision," she said. "And we will win in court."')
    assert found == [("We will fight this decision,", "person:angela-merkel"),
                     ("And we will win in court.", "person:angela-merkel")]
    found = said('"We will win," he said, "and we will govern for everyone." Jo Swinson left.')
    assert found == [("and we will govern for everyone.", None)]  # no one named before "he"


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        pytest.param("'We are ready for anything,' Mr Macron said. 'France will not wait for the others.'",
                     ["person:emmanuel-macron"] * 2, id="split-single-quotes"),
        pytest.param('Emmanuel Macron told supporters: "We have come a long way.\n\n'
                     '"But the work is not finished, and I will not stop now."',
                     ["person:emmanuel-macron"] * 2, id="reopened-over-paragraphs"),
        pytest.param("Mark Rutte told reporters: 'The voters have sent us a clear message.\n\n"
                     "'But walking away now would be the wrong answer.'\n\nThe King was not available.",
                     ["person:mark-rutte"] * 2, id="single-quotes-over-paragraphs"),
        pytest.param('Ed Davey said he had sacked his deputy on Monday. "She will not return while the inquiry '
                     'goes on." He added: "I will say no more about it tonight."',
                     ["person:ed-davey"] * 2, id="previous-sentence-then-pronoun"),
        pytest.param("'We will win this seat back,' said Liz Truss.\n\n'We have the candidates and the money.'",
                     ["person:liz-truss"] * 2, id="next-paragraph"),
        pytest.param("Nicola Sturgeon said: 'Scotland did not vote for this.\n\nCrowds outside Holyrood on Friday"
                     "\n\n'It never will, whatever London says.'",
                     ["person:nicola-sturgeon"] * 2, id="past-a-caption"),
        pytest.param("Nicola Sturgeon said: 'Scotland did not vote for this.'\n\nThe vote was held on Friday.\n\n"
                     "'It never will, whatever London says.'", ["person:nicola-sturgeon"], id="not-past-a-sentence"),
        pytest.param("'No,' said Nigel Farage.\n\n'We will never agree to this deal, not in a thousand years.'",
                     ["person:nigel-farage"], id="after-a-short-one"),
        pytest.param("'We will win this seat back,' said Liz Truss.\n\n'That is a fantasy,' said Keir Starmer.",
                     ["person:liz-truss", "person:keir-starmer"], id="own-speaker-wins"),
    ],
)
def test_a_quotation_without_attribution_continues_the_one_before(text: str, speakers: list[str]) -> None:
    assert [speaker for _, speaker in said(text)] == speakers


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Theresa May met Jeremy Corbyn on Tuesday. She said: 'Talks have been constructive and detailed.'",
         "person:theresa-may"),
        ("Jeremy Corbyn met Theresa May on Tuesday. She said: 'Talks have been constructive and detailed.'",
         "person:theresa-may"),
        ("Jeremy Corbyn met Theresa May on Tuesday. He said: 'Talks have been constructive and detailed.'",
         "person:jeremy-corbyn"),
        # a chain of subjects: "he" goes back to the last person the text was about
        ('Jeremy Hunt wrote to the chief whip. While saying he respected Boris Johnson\'s mandate, he attacked '
         'the cabinet. "Our failure on the economy is now obvious to all," he wrote.', "person:jeremy-hunt"),
        ('Keir Starmer welcomed Liz Truss\'s deputy to Labour. Mr Starmer said she was a "person of real '
         'integrity". "She has seen that the Tories have run out of road," he added.', "person:keir-starmer"),
        ('"We will win the seat," he said.', None),  # no one named before
        # the main clause's subject before a nearer one in the same sentence
        ('Jeremy Corbyn stood down on Friday. He said Keir Starmer is "a decent man and a friend"; however, '
         '"if the party drifts to the right, I will not stay silent", he added.', "person:jeremy-corbyn"),
        # a gender the article shows: "she" right after a sole candidate
        ('Anna Lindqvist arrived late. She was greeted by Lars Berg. Later Lars Berg met Anna Lindqvist again. '
         'Mr Berg spoke first. "We have much to discuss today," she said.', "person:anna-lindqvist"),
    ],
)
def test_pronoun_goes_to_the_subject_of_matching_gender(text: str, speaker: str | None) -> None:
    assert said(text)[-1][1] == speaker


def test_a_long_chain_of_pronouns_goes_back_to_the_name() -> None:
    text = "Keir Starmer arrived in Leeds. " + "He spoke to voters. " * 400 + '"We will win this seat back," he said.'
    assert said(text) == [("We will win this seat back,", "person:keir-starmer")]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Former president Jacob Zuma appeared in court. The former leader told supporters: "
         "'I have done nothing wrong in my life.'", "person:jacob-zuma"),
        ('Sadiq Khan, 48, was re-elected on Friday. "London has chosen hope over fear," the 48-year-old said.',
         "person:sadiq-khan"),
        ('Prime Minister Boris Johnson met the finance minister Rishi Sunak. "We will get this done by '
         'Christmas," the prime minister said.', "person:boris-johnson"),
        ("The palace issued a statement from King Harald: \"The monarchy must stay above politics, "
         "whatever happens.\"", "person:harald"),
        ('The Scottish National Party met in Perth. "We accept the court\'s ruling in full," the party told '
         'the press.', "party:scottish-national-party"),
        ('The European Commission issued a statement on Friday. The statement read: "The budget does not '
         'respect the rules agreed by all."', "organization:european-commission"),
        ('Yvette Cooper wrote to the home secretary. Her letter said: "The public deserve answers on this."',
         "person:yvette-cooper"),
        ('Jacques Chirac died on Thursday. The government statement announced his death "with deep regret and '
         'gratitude for his service".', None),  # the government's words, not the late president's
    ],
)
def test_definite_description_stands_for_someone_named(text: str, speaker: str) -> None:
    assert said(text)[-1][1] == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('Emmanuel Macron defended his pension reform on Thursday. "The system is no longer sustainable '
         'for our children."', "person:emmanuel-macron"),
        ('Jo Swinson also defended her attack on the Tories. "We had to show voters who was funding them."',
         "person:jo-swinson"),
        ('"The result is a disgrace for our democracy." Jair Bolsonaro said he would challenge the count.',
         "person:jair-bolsonaro"),
    ],
)
def test_speaker_in_the_sentence_before_or_after(text: str, speaker: str) -> None:
    ((_, found),) = said(text)
    assert found == speaker


@pytest.mark.parametrize(
    "text",
    [
        '"We are monitoring the situation closely," a government spokesman said.',
        "One Conservative MP told the BBC: 'The Prime Minister has lost the room entirely.'",
        'A spokesman for Boris Johnson said: "The Prime Minister has full confidence in the Chancellor."',
        '"We are monitoring the situation very closely," officials said.',
        "'Youths are throwing stones at the town hall,' said a police spokesman in Lyon.",
        'A protester holding a placard said, "The government is not listening to any of us."',
        'Boris Johnson resigned. "He believes the party must unite behind a new leader," the spokesman said.',
    ],
)
def test_unnamed_speaker_gives_no_speaker(text: str) -> None:
    assert [speaker for _, speaker in said(text)] == [None]


def test_a_spokesman_introduced_unnamed_stays_unnamed() -> None:
    found = said('A Downing Street spokesman spoke to reporters. "We have nothing to add," the spokesman '
                 'said. "The Prime Minister is at work on the budget."')
    assert [s for _, s in found] == [None, None]
    found = said('Ed Davey attacked the plan. A Downing Street spokesman said the government would win. Asked '
                 'about the rebels, he said: "We are listening to their concerns."')
    assert [s for _, s in found] == [None]
    found = said('Ed Davey attacked the plan. A Downing Street spokeswoman said the government would win. Asked '
                 'about it, he said: "This is a mess of their own making."')
    assert [s for _, s in found] == ["person:ed-davey"]  # "he" is not the spokeswoman


@pytest.mark.parametrize(
    "text",
    [
        'Ed Miliband called the budget "shameful" on Tuesday.',
        "Critics have accused Mark Rutte of running a 'tired and arrogant' government.",
        "Nigel Farage quits 'broken' party in Kent.",
        'Her memoir "The Hill We Climb Together" sold well in Ohio.',
        'Supporters wore "Make America Great Again" hats at the rally in Tulsa.',
        'Protesters carried a sign reading "No more wars for oil" past the White House.',
        '"Take back control of our borders" was the slogan of Vote Leave.',
        'The results were clear: "Labour has lost its way in the north."',
        'John Houston was suspended on Friday. "We are appealing to members to stay calm."',
    ],
)
def test_scare_quotes_titles_and_slogans_are_not_statements(text: str) -> None:
    assert said(text) == []


def test_four_words_with_a_named_speaker_are_a_statement() -> None:
    assert said("Donald Trump called the inquiry 'a witch hunt, again'.") == [
        ("a witch hunt, again", "person:donald-trump")]
    assert said("Donald Trump called the inquiry 'a witch hunt'.") == []


# --- where, to whom, whom it names ------------------------------------------------------
def test_told_an_outlet_is_reported_by_and_told_supporters_in_a_place_is_said_at() -> None:
    (quote,) = statements('Jordan Bardella told supporters in Perpignan, "They have run a campaign of fear against us."')
    assert quote.speaker == "person:jordan-bardella" and quote.said_at == "place:perpignan"
    (quote,) = statements('Xavier Bertrand told Le Figaro, "The right must learn to speak to workers again."')
    assert quote.reported_by == "organization:le-figaro"
    (quote,) = statements("'This is a dark day for democracy,' Nigel Farage told the Daily Telegraph.")
    assert quote.reported_by == "organization:daily-telegraph"
    (quote,) = statements('"The talks will go on all night," Kyrsten Sinema told the Associated Press.')
    assert quote.reported_by == "organization:associated-press"
    (quote,) = statements('Angela Merkel told the Bundestag: "Germany will keep its promises to its partners."')
    assert quote.reported_by is None  # an assembly heard it; no outlet carried it
    (quote,) = statements('Gordon Brown was quoted by Reuters as saying "the economy is stronger than ever before".')
    assert quote.reported_by == "organization:reuters"
    (quote,) = statements('According to the news agency IRNA, the judge, Reza Karimi, said the men must face '
                          '"charges of spying for a foreign power".')
    assert (quote.speaker, quote.reported_by) == ("person:reza-karimi", "organization:irna")


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ('"We are going to win Pennsylvania," Joe Biden told reporters in Scranton on Monday.', "place:scranton"),
        ('Speaking at a rally in Leeds, Keir Starmer said: "We are ready to govern this country."', "place:leeds"),
        # a place in what is said, or in the quotation, is not where it was said
        ('Nicola Sturgeon said independence in Scotland was "inevitable now, whatever happens".', None),
        ('Emmanuel Macron told supporters: "We will win in Marseille and in Lyon this time."', None),
        ('"We must get Brexit done," Boris Johnson said in a video released during a visit to Ireland.', None),
    ],
)
def test_said_at_is_where_the_reporting_verb_was_said(text: str, place: str | None) -> None:
    (quote,) = statements(text)
    assert quote.said_at == place


def test_an_outlet_in_an_earlier_sentence_of_the_paragraph_is_reported_by() -> None:
    found = statements('Olaf Scholz agreed the coalition was in trouble, Reuters reported. After the vote, he '
                       'maintained "the government has a majority and will use it."')
    assert [(s.speaker, s.reported_by) for s in found] == [("person:olaf-scholz", "organization:reuters")]


def test_the_continuation_keeps_the_outlet() -> None:
    found = statements("Nicola Sturgeon told the BBC: 'Scotland did not vote for this.\n\n"
                       "'It never will, whatever London says.'")
    assert [(s.speaker, s.reported_by) for s in found] == [("person:nicola-sturgeon", "organization:bbc")] * 2


def test_mentions_are_the_entities_inside_the_quotation() -> None:
    (quote,) = statements('"We have beaten the Conservative Party in its own heartland," Keir Starmer said.')
    assert quote.mentions == ["party:conservative-party"]


def test_offsets_point_into_the_text_as_stored() -> None:
    text = ("There were gains for the Greens, as Annalena \nBaerbock, the party's co-leader, said: \n"
            "'These are fine results for the Greens.  Historic.'")
    (quote,) = statements(text)
    assert quote.text == "These are fine results for the Greens.  Historic."
    assert quote.speaker == "person:annalena-baerbock"


@pytest.mark.parametrize(("text", "speaker"), [
    ('Rishi Sunak faced a rebellion. “It is a betrayal,” said Suella Braverman, a former minister. Speaking in '
     'Downing Street, the prime minister insisted: “We will deliver on our promises.”', "person:rishi-sunak"),
    ('Suella Braverman spoke first. “It is a betrayal of our voters,” she said. Later the prime minister '
     'insisted: “We will deliver on our promises.”', None),  # no prime minister named: no speaker, not Braverman
])
def test_a_national_title_speaks_for_its_holder_or_for_no_one(text: str, speaker: str | None) -> None:
    extraction = get_pipeline().extract(read_text(text, "test.txt", published="2023-06-01"))
    found = {statement.text: statement.speaker for statement in extraction.statements}
    assert found["We will deliver on our promises."] == speaker
