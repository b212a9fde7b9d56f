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
        ('"It was nice knowing him, now \'goodbye\'." He left.', ["It was nice knowing him, now 'goodbye'."]),
        ("'They called it \"a disaster\" at once,' he said.", ['They called it "a disaster" at once,']),
        # a new opening mark while one is open starts a new quotation; the paragraph ends an open one
        ('He said: "We suspended him. "It is a distraction." He left.', ["We suspended him.", "It is a distraction."]),
        ("She said: 'The town was ruined.\n\n'People want change.'", ["The town was ruined.", "People want change."]),
        ('He told Le Monde, "We have suffered a campaign of hatred. "\n\nNext.', ["We have suffered a campaign of hatred."]),
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
        ("Roger Knapman was delighted. 'It was nice knowing him, now goodbye,' Mr Knapman told BBC Radio 4's "
         "Today programme.", "person:roger-knapman"),
        ("Nicola Sturgeon was in Edinburgh. 'Scotland did not vote for this at all,' Ms Sturgeon said.",
         "person:nicola-sturgeon"),
        # named before it
        ("Labour leader Keir Starmer said: 'We will not let the country down.'", "person:keir-starmer"),
        ('Senator Bernie Sanders said, "The economy is rigged for the wealthy."', "person:bernie-sanders"),
        ("Jacinda Ardern said: ‘We are one, they are us, and that will not change.’", "person:jacinda-ardern"),
        ('Angela Merkel told the Bundestag: "Germany will keep its promises to its partners."', "person:angela-merkel"),
        ('Elizabeth Warren congratulated Joe Biden, saying, "You ran a campaign of decency and hope."',
         "person:elizabeth-warren"),
        ('The bill was drafted by Penny Sharpe, who said in parliament, "This is about trust in women."',
         "person:penny-sharpe"),
        ("Farage: 'We will win the next election outright'", "person:nigel-farage"),
        ('Michael Howard spoke in Brighton. He went on: "We will cut taxes for every working family."',
         "person:michael-howard"),
        ('Charles Kennedy, the Liberal Democrat leader, hit back: "This government has run out of ideas."',
         "person:charles-kennedy"),
        ('Charles Kennedy was defiant: "This is a government that has run out of ideas."', "person:charles-kennedy"),
        ('Gordon Brown was quoted by Reuters as saying "the economy is stronger than it has been for years".',
         "person:gordon-brown"),
        # the person, not the outlet spoken to nor the organisation they belong to
        ('Speaking to Agence France-Presse, the head of the union, Jamel Msallem, said, '
         '"We are for the freedom to dress, but not today."', "person:jamel-msallem"),
        ('Souhail Alouini, a member of Parliament, said, "We proposed a bill in 2016 about it."',
         "person:souhail-alouini"),
        ("House Speaker John Bercow commented — which the BBC called unusual — \"It is blindingly obvious "
         'what the purpose of this is."', "person:john-bercow"),
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
        ('Nicola Sturgeon said it was "the moment of maximum opportunity" for Scotland.',
         "the moment of maximum opportunity", "person:nicola-sturgeon"),
        ('Mitch McConnell spoke on Fox. He stated the trial would be short, saying he expected '
         '"a largely partisan outcome" in the Senate.', "a largely partisan outcome", "person:mitch-mcconnell"),
        ('Jen Psaki said the president would sign the bill "as soon as it reaches his desk."',
         "as soon as it reaches his desk.", "person:jen-psaki"),
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
        pytest.param('Peter Nielson said he had suspended John Houston. "He will remain suspended while we '
                     'investigate." He added: "I cannot comment too much at the moment."',
                     ["person:peter-nielson"] * 2, id="previous-sentence-then-pronoun"),
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
        ('Robert Jackson wrote to his chairman. While saying he admired Tony Blair\'s leadership, he attacked the '
         'Tories. "The party\'s hostility to Europe has hardened," he wrote.', "person:robert-jackson"),
        ('Tony Blair welcomed Robert Jackson. Mr Blair said Mr Jackson was a "decent public servant". '
         '"He has learned nothing from defeat," he added.', "person:tony-blair"),
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


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Former president Jacob Zuma appeared in court. The former leader told supporters: "
         "'I have done nothing wrong in my life.'", "person:jacob-zuma"),
        ('Sadiq Khan, 48, was re-elected on Friday. "London has chosen hope over fear," the 48-year-old said.',
         "person:sadiq-khan"),
        ('Prime Minister Boris Johnson met the finance minister Rishi Sunak. "We will get this done by '
         'Christmas," the prime minister said.', "person:boris-johnson"),
        ("The palace issued a statement from King Maha Vajiralongkorn: \"Royals must stay above politics, "
         "whatever their title.\"", "person:maha-vajiralongkorn"),
        ('"The Thai Raksa Chart Party complies with the royal command," the party told the press.',
         "party:thai-raksa-chart-party"),
        ('The European Commission issued a statement on Friday. The statement read: "The budget does not '
         'respect the rules agreed by all."', "organization:european-commission"),
        ('Penny Sharpe wrote to the premier. Her letter said: "Women deserve to make their own decisions."',
         "person:penny-sharpe"),
        ('Pierre Nkurunziza died on Monday. The government statement announced his death "with great sorrow '
         'to all Burundians".', None),  # the government's words, not the late president's
    ],
)
def test_definite_description_stands_for_someone_named(text: str, speaker: str) -> None:
    assert said(text)[-1][1] == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('Emmanuel Macron defended his pension reform on Thursday. "The system is no longer sustainable '
         'for our children."', "person:emmanuel-macron"),
        ('John Tomaney also defended the attack on the No campaign. "We felt we had to show who was behind '
         'it."', "person:john-tomaney"),
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
        "'Demonstrators are trying to get at the councillors,' said a police spokesman in Frejus.",
        'A protester holding a banner said, "She is just trying to break up the movement."',
        'Boris Johnson resigned. "He believes students should pay tuition fees," the spokesman said.',
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
        'Tom Watson called the deal "lousy" on Saturday.',
        "Critics have accused Mark Rutte of running a 'tired and arrogant' government.",
        "Robert Kilroy-Silk quits 'shameful' UKIP.",
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
    (quote,) = statements('Marine Le Pen told supporters in Hénin-Beaumont, "There has been a smear campaign against us."')
    assert quote.speaker == "person:marine-le-pen" and quote.said_at == "place:henin-beaumont"
    (quote,) = statements('Steeve Briois told Le Monde, "Tonight, lies and dishonesty have prevailed here."')
    assert quote.reported_by == "organization:le-monde"
    (quote,) = statements("'This is a dark day for democracy,' Nigel Farage told the Daily Telegraph.")
    assert quote.reported_by == "organization:daily-telegraph"
    (quote,) = statements('"The talks will go on all night," Kyrsten Sinema told the Associated Press.')
    assert quote.reported_by == "organization:associated-press"
    (quote,) = statements('Angela Merkel told the Bundestag: "Germany will keep its promises to its partners."')
    assert quote.reported_by is None  # an assembly heard it; no outlet carried it
    (quote,) = statements('Gordon Brown was quoted by Reuters as saying "the economy is stronger than ever before".')
    assert quote.reported_by == "organization:reuters"
    (quote,) = statements('According to the news agency ISNA, the prosecutor, Ali Alghasi Mehr, said they must face '
                          '"murder and terrorism charges".')
    assert (quote.speaker, quote.reported_by) == ("person:ali-alghasi-mehr", "organization:isna")


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
    found = statements('Manuel Valls agreed the Front National was not out, Agence France-Presse reported. '
                       'After the results, he maintained "the danger of the far-right has not been removed."')
    assert [(s.speaker, s.reported_by) for s in found] == [("person:manuel-valls", "organization:agence-france-presse")]


def test_the_continuation_keeps_the_outlet() -> None:
    found = statements("Nicola Sturgeon told the BBC: 'Scotland did not vote for this.\n\n"
                       "'It never will, whatever London says.'")
    assert [(s.speaker, s.reported_by) for s in found] == [("person:nicola-sturgeon", "organization:bbc")] * 2


def test_mentions_are_the_entities_inside_the_quotation() -> None:
    (quote,) = statements('"We have eradicated the Socialist Party in the north," Marine Le Pen said.')
    assert quote.mentions == ["party:socialist-party"]


def test_offsets_point_into_the_text_as_stored() -> None:
    text = ("There were gains for the UMP, as Najat \nVallaud-Belkacem, the government spokesman, said: \n"
            "'These are bad results for the Left.  Disappointing.'")
    (quote,) = statements(text)
    assert quote.text == "These are bad results for the Left.  Disappointing."
    assert quote.speaker == "person:najat-vallaud-belkacem"
