"""Relations, pattern by pattern, on sentences written for these tests (several countries and outlets'
styles), each family with sentences that must not give the fact."""

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


def predicates(text: str, predicate: str) -> set[tuple[str, str]]:
    return {(s, o) for s, p, o in facts(text) if p == predicate}


# --- titles: LEADS, MEMBER_OF, HOLDS_OFFICE ----------------------------------------------
@pytest.mark.parametrize(("text", "person", "party"), [
    ("SPD leader Olaf Scholz campaigned in Berlin.", "person:olaf-scholz", "social-democratic"),
    ("Nigel Farage, the leader of the Brexit Party, spoke in Essex.", "person:nigel-farage", "brexit"),
    ("Conservative leader Boris Johnson visited Manchester.", "person:boris-johnson", "conservative"),
    ("The Labour Party's leader, Jeremy Corbyn, toured Wales.", "person:jeremy-corbyn", "labour"),
    ("Marine Le Pen, National Front president, hailed the result.", "person:marine-le-pen", "front-national"),
    ("In Ottawa, Justin Trudeau heads the Liberal Party of Canada.", "person:justin-trudeau", "liberal"),
    ("Marine Le Pen, the leader of the far-right National Rally, spoke in France.", "person:marine-le-pen", "front"),
])
def test_leads_from_titles_and_verbs(text: str, person: str, party: str) -> None:
    assert any(s == person and party in o for s, o in predicates(text, "LEADS"))


@pytest.mark.parametrize(("text", "person", "party"), [
    ("Republican Kevin McCarthy received 192 votes.", "person:kevin-mccarthy", "republican"),
    ("Nancy Pelosi, a Democrat, was elected Speaker.", "person:nancy-pelosi", "democratic"),
    ("Labour MP Tom Watson spoke at the rally in London.", "person:tom-watson", "labour"),
    ("Another UMP candidate, Christian Estrosi, celebrated in Nice.", "person:christian-estrosi", "republicans"),
    ("The French president, socialist Francois Hollande, stayed in Paris.", "person:francois-hollande", "socialist"),
    ("Greg Clark, who is a Conservative MP, voted against the deal in London.", "person:greg-clark", "conservative"),
    ("He said Yvette Cooper of the Labour Party would speak in London.", "person:yvette-cooper", "labour"),
    ("Sen. Elizabeth Warren (D-Mass.) criticized the plan on Monday.", "person:elizabeth-warren", "democratic"),
    ("Rep. Kevin McCarthy, R-Calif., defended the bill in Washington.", "person:kevin-mccarthy", "republican"),
])
def test_member_of_from_titles(text: str, person: str, party: str) -> None:
    assert any(s == person and party in o for s, o in predicates(text, "MEMBER_OF"))


def test_a_leader_is_not_listed_as_member_too() -> None:
    found = facts("Labour leader Keir Starmer spoke in London.")
    assert ("person:keir-starmer", "LEADS", "party:labour-party") in found
    assert ("person:keir-starmer", "MEMBER_OF", "party:labour-party") not in found


def test_offices_of_countries_places_parties_and_bodies() -> None:
    found = relations("German Chancellor Angela Merkel met US President Donald Trump in Washington.")
    offices = {(r.subject, r.object, r.properties.get("role")) for r in found if r.predicate == "HOLDS_OFFICE"}
    assert ("person:angela-merkel", "place:germany", "Chancellor") in offices
    assert ("person:donald-trump", "place:united-states", "President") in offices
    found = relations("Steeve Briois, a Front National vice-president and mayor of Hénin-Beaumont, spoke.")
    roles = {(r.object, r.properties.get("role")) for r in found if r.predicate == "HOLDS_OFFICE"}
    assert ("place:henin-beaumont", "mayor") in roles and ("party:front-national", "vice-president") in roles
    found = relations("Robert Jackson, 58, MP for Wantage in Oxfordshire, said he would resign.")
    assert any(r.predicate == "HOLDS_OFFICE" and r.properties.get("role") == "mp" and "wantage" in r.object
               for r in found)
    found = relations("The mayor of Bristol, Marvin Rees, opened the bridge on Monday.")
    assert any(r.predicate == "HOLDS_OFFICE" and r.object == "place:bristol" for r in found)
    found = relations("WASHINGTON (Reuters) - Senate Majority Leader Chuck Schumer vowed to pass the bill.")
    assert any(r.predicate == "HOLDS_OFFICE" and "senate" in r.object and r.properties["role"] == "majority leader"
               for r in found)


def test_a_leader_of_part_of_a_party_holds_an_office_in_it() -> None:
    found = relations("Stephen Flynn, the SNP's Westminster leader, said the vote was lost.")
    assert not any(r.predicate == "LEADS" for r in found)
    assert any(r.predicate == "HOLDS_OFFICE" and r.properties["role"] == "Westminster leader" for r in found)


def test_former_and_party_offices() -> None:
    found = relations("Nickey Iyambo, former vice-president of Namibia, died on Wednesday.")
    (office,) = [r for r in found if r.predicate == "HOLDS_OFFICE"]
    assert office.object == "place:namibia" and office.properties.get("current") is False
    found = relations("UKIP spokesman Mark Croucher said the party had acted quickly.")
    assert ("person:mark-croucher", "HOLDS_OFFICE", "party:uk-independence-party") in {
        (r.subject, r.predicate, r.object) for r in found}
    assert ("person:mark-croucher", "MEMBER_OF", "party:uk-independence-party") in {
        (r.subject, r.predicate, r.object) for r in found}


def test_nationality_before_a_title_names_the_country() -> None:
    found = relations("Egyptian foreign minister Sameh Shoukry met his Greek counterpart in Athens.")
    assert {(r.object, r.properties.get("role")) for r in found if r.predicate == "HOLDS_OFFICE"} == {
        ("place:egypt", "foreign minister")}


def test_office_held_and_copula_titles() -> None:
    assert any(p == "HOLDS_OFFICE" for _, p, _ in facts(
        "Ursula von der Leyen, the president of the European Commission, arrived in Brussels."))
    assert any(p == "MEMBER_OF" and "conservative" in o for _, p, o in facts(
        "Dominic Grieve spoke in London. He is a Conservative MP and a former attorney general."))


@pytest.mark.parametrize("text", [
    "After meeting the Labour leader, voters in Leeds said they were unsure.",  # no name
    "David Rachline, who is expected to become the mayor of Frejus, campaigned.",  # only expected
    "The party chose Sarah Jones as its candidate for prime minister of Australia.",  # a candidate holds nothing
])
def test_titles_negatives(text: str) -> None:
    found = relations(text)
    assert not any(r.predicate in ("LEADS", "HOLDS_OFFICE") for r in found), found


# --- verbs: OPPOSES, SUPPORTS -------------------------------------------------------------
@pytest.mark.parametrize(("text", "fact"), [
    ("Keir Starmer accused Boris Johnson of misleading Parliament.", ("keir-starmer", "boris-johnson")),
    ("Robert Kilroy-Silk quit UKIP and accused it of betraying its voters.", ("kilroy-silk", "uk-independence-party")),
    ("Elizabeth Warren criticised Michael Bloomberg's record on policing.", ("elizabeth-warren", "michael-bloomberg")),
    ("The Greens attacked the Social Democrats over coal in Germany.", ("greens", "social-democratic")),
    ("Jeremy Corbyn clashed with Theresa May over the budget.", ("jeremy-corbyn", "theresa-may")),
    ("Justin Trudeau hit back at Andrew Scheer on Tuesday.", ("justin-trudeau", "andrew-scheer")),
    ("Emmanuel Macron vowed to stand against Marine Le Pen in 2022.", ("emmanuel-macron", "marine-le-pen")),
    ("UKIP suspended John Smith after his remarks in Kent.", ("uk-independence-party", "john-smith")),
    ("The prime minister, Rishi Sunak, accused Labour of planning a pact.", ("rishi-sunak", "labour-party")),
])
def test_opposes(text: str, fact: tuple[str, str]) -> None:
    found = predicates(text, "OPPOSES")
    assert any(fact[0] in s and fact[1] in o for s, o in found), found


@pytest.mark.parametrize("text", [
    "Keir Starmer did not criticise Boris Johnson on Monday.",
    "Would Angela Merkel attack Olaf Scholz?",
    "Emmanuel Macron met Angela Merkel in Berlin.",
    "Queen Elizabeth agreed to suspend Parliament in London.",  # a body, not a rival
])
def test_opposes_negatives(text: str) -> None:
    assert not predicates(text, "OPPOSES")


@pytest.mark.parametrize(("text", "fact"), [
    ("Bernie Sanders endorsed Joe Biden in April.", ("bernie-sanders", "joe-biden")),
    ("Elizabeth Warren announced she was endorsing Joe Biden.", ("elizabeth-warren", "joe-biden")),
    ("Pete Buttigieg and Amy Klobuchar announced their support for Joe Biden.", ("amy-klobuchar", "joe-biden")),
    ("The Socialists pulled their candidates so voters would support the Republicans in France.",
     ("socialist-party", "the-republicans")),
    ("The Greens withdrew in favour of the Labour Party in Bristol.", ("green", "labour-party")),
    ("Leeds council leader Judith Blake was drafted in to boost the Yes campaign.", ("judith-blake", "yes-campaign")),
])
def test_supports(text: str, fact: tuple[str, str]) -> None:
    found = predicates(text, "SUPPORTS")
    assert any(fact[0] in s and fact[1] in o for s, o in found), found


@pytest.mark.parametrize("text", [
    "Boris Johnson never endorsed Nigel Farage.",
    "Nicola Sturgeon refused to back Keir Starmer.",
    "Hillary Clinton could endorse Joe Biden next week.",
    "Howie Hawkins endorsed an audit of the Federal Reserve.",  # a policy, not an actor
])
def test_supports_negatives(text: str) -> None:
    assert not predicates(text, "SUPPORTS")


# --- WON, LOST, CANDIDATE_IN ----------------------------------------------------------------
def test_lost_out_to_gives_won_and_lost() -> None:
    fact = facts("Marine Le Pen lost out to the Republicans in the northern region of Nord-Pas-de-Calais-Picardie.")
    assert ("person:marine-le-pen", "LOST", "region:nord-pas-de-calais-picardie") in fact
    assert ("party:the-republicans", "WON", "region:nord-pas-de-calais-picardie") in fact


def test_failed_bid_gives_lost_and_candidate() -> None:
    fact = facts("Marion Maréchal-Le Pen failed in her bid to take the region of Provence-Alpes-Côte d'Azur.")
    assert ("person:marion-marechal-le-pen", "LOST", "region:provence-alpes-cote-d-azur") in fact
    assert ("person:marion-marechal-le-pen", "CANDIDATE_IN", "region:provence-alpes-cote-d-azur") in fact


def test_defeated_by_a_party_candidate() -> None:
    fact = facts("Jo Swinson was defeated in East Dunbartonshire by an SNP candidate.")
    assert any(p == "LOST" and s == "person:jo-swinson" for s, p, _ in fact)
    assert any(p == "WON" and s == "party:scottish-national-party" for s, p, _ in fact)


@pytest.mark.parametrize(("text", "winner", "place"), [
    ("Anne Hidalgo won the mayoralty of Paris in 2014.", "anne-hidalgo", "paris"),
    ("Emile Roger Lombertie was elected in Limoges, France.", "lombertie", "limoges"),
    ("Joe Biden won the South Carolina primary.", "joe-biden", "south-carolina"),
    ("Labour retained the seat of Hartlepool in a by-election.", "labour", "hartlepool"),
])
def test_won(text: str, winner: str, place: str) -> None:
    found = predicates(text, "WON")
    assert any(winner in s and place in o for s, o in found), found


@pytest.mark.parametrize(("text", "person"), [
    ("John Houston was due to stand in the East Kilbride seat at the next election.", "person:john-houston"),
    ("Kamala Harris is running for the 2020 Democratic presidential nomination.", "person:kamala-harris"),
    ("Marine Le Pen is expected to be her party's candidate in the 2017 presidential election.", "person:marine-le-pen"),
])
def test_candidacies_may_be_expected(text: str, person: str) -> None:
    assert any(s == person for s, _ in predicates(text, "CANDIDATE_IN"))


@pytest.mark.parametrize("text", [
    "Robert Jackson is due to stand down at the next election in Wantage.",  # stands down, does not stand
    "MAGA stands for Make America Great Again, a slogan used in the United States.",
    "If Labour wins Hartlepool, the party will celebrate.",
    "Polls suggest Joe Biden could win Pennsylvania.",
])
def test_won_and_candidacy_negatives(text: str) -> None:
    found = facts(text)
    assert not any(p in ("WON", "CANDIDATE_IN", "LOST") for _, p, _ in found), found


# --- membership verbs, relatives, places, authors -----------------------------------------
def test_defections_and_departures() -> None:
    found = relations("Robert Kilroy-Silk has quit the UK Independence Party.")
    (left,) = [r for r in found if r.predicate == "MEMBER_OF"]
    assert left.object == "party:uk-independence-party" and left.properties["current"] is False
    found = relations("Douglas Carswell defected to UKIP from the Conservative Party.")
    member = {(r.object, r.properties.get("current")) for r in found if r.predicate == "MEMBER_OF"}
    assert ("party:uk-independence-party", True) in member and ("party:conservative-party", False) in member


@pytest.mark.parametrize(("text", "relative", "of", "relation"), [
    ("Marine Le Pen campaigned with her niece Marion Maréchal-Le Pen in the south.", "marion", "marine", "niece"),
    ("Nicolas Sarkozy's wife, Carla Bruni, opposed his comeback.", "carla-bruni", "sarkozy", "wife"),
    ("Princess Ubolratana was blocked by her younger brother, King Maha Vajiralongkorn.", "vajiralongkorn",
     "ubolratana", "brother"),
])
def test_relative_of(text: str, relative: str, of: str, relation: str) -> None:
    found = [r for r in relations(text) if r.predicate == "RELATIVE_OF"]
    assert any(relative in r.subject and of in r.object and r.properties["relation"] == relation for r in found), found


@pytest.mark.parametrize(("text", "inner", "outer"), [
    ("Robert Jackson is the MP for Wantage in Oxfordshire.", "wantage", "oxfordshire"),
    ("He spoke at a meeting in Hinckley, Leicestershire.", "hinckley", "leicestershire"),
    ("The towns of Frejus and Beziers in the south of France voted.", "beziers", "france"),
])
def test_located_in(text: str, inner: str, outer: str) -> None:
    assert any(inner in s and outer in o for s, o in predicates(text, "LOCATED_IN"))


def test_contributed_to_article_and_bylines() -> None:
    assert ("person:jane-roe", "CONTRIBUTED_TO", "ARTICLE") in facts(
        "The vote was close.\n\nJane Roe contributed to this report.")
    assert ("person:peter-allen", "AUTHORED", "ARTICLE") in facts(
        "Le Pen wins\n\nBy\nPeter Allen\n\nThe FN won in Brignoles.")
    assert ("person:peter-allen", "AUTHORED", "ARTICLE") in facts(
        "Le Pen wins\n\nBy PETER ALLEN, Political Correspondent\n\nThe FN won in Brignoles.")


def test_rounds_belong_to_their_election() -> None:
    fact = facts("In the 2017 French presidential election, Macron led the first round.")
    assert any(p == "PART_OF" and s.startswith("round:") and o.startswith("election:2017") for s, p, o in fact)


@pytest.mark.parametrize("text", [
    "Marine Le Pen did not lose in Nord-Pas-de-Calais-Picardie, a report said.",
    "Angela Merkel and Emmanuel Macron met in Berlin.",
    "Trump claimed Joe Biden had lost Texas and Ohio.",
])
def test_negatives(text: str) -> None:
    fact = facts(text)
    assert not any(p in ("LOST", "WON", "SUPPORTS", "RELATIVE_OF", "LEADS", "OPPOSES") for _, p, _ in fact), fact


def test_seats_lost_and_won_in_the_articles_election() -> None:
    text = ("Conservatives win the 2019 UK general election\n\nThe Conservative Party won the 2019 general election in "
            "the United Kingdom. Labour lost 42. The Brexit Party failed to win any seats, and the SNP won 48 seats.")
    found = facts(text)
    election = "election:2019-united-kingdom-general-election"
    assert ("party:labour-party", "LOST", election) in found and ("party:brexit-party", "LOST", election) in found
    assert ("party:scottish-national-party", "CANDIDATE_IN", election) in found
    assert ("party:conservative-party", "CANDIDATE_IN", election) not in found  # it won: no need to say it stood


def test_the_titled_person_a_description_refers_to() -> None:
    text = ("Princess Ubolratana spoke to reporters in Bangkok, Thailand. The princess, 67, announced her candidacy "
            "for the prime ministry on Friday. The election is scheduled for March.")
    assert any(s == "person:ubolratana" and p == "CANDIDATE_IN" for s, p, _ in facts(text))


def test_running_for_an_office_names_an_election_only_if_the_article_does() -> None:
    assert not any(p == "CANDIDATE_IN" for _, p, _ in facts("In 2019, Bernie Sanders said he would run for president."))
    found = facts("Bernie Sanders ran for president in the 2016 United States presidential election.")
    assert ("person:bernie-sanders", "CANDIDATE_IN", "election:2016-united-states-presidential-election") in found


@pytest.mark.parametrize(("text", "fact"), [
    ("The Conservative chairman, James Cleverly, accused Keir Starmer of dithering.",
     ("person:james-cleverly", "OPPOSES", "person:keir-starmer")),
    ("The Greens, led by Annalena Baerbock, gained votes in Germany.",
     ("person:annalena-baerbock", "LEADS", "party:alliance-90-the-greens")),
    ("Social Democrat leader Andrea Nahles called the result bitter in Germany.",
     ("person:andrea-nahles", "LEADS", "party:social-democratic-party-of-germany")),
    ("Jo Swinson, backed by the Liberal Democrats, toured Scotland.",
     ("party:liberal-democrats", "SUPPORTS", "person:jo-swinson")),
])
def test_appositions_participles_and_member_words(text: str, fact: tuple[str, str, str]) -> None:
    assert fact in facts(text)


def test_the_place_of_an_election_is_not_what_was_won_or_lost() -> None:
    assert not predicates("The Democratic Party won the House in the United States.", "WON")
    found = facts("Labour lost the election in Britain, and the SNP won the 2019 general election in France.")
    assert not any(p in ("WON", "LOST") and o.startswith(("place:", "region:")) for _, p, o in found)
    states = facts("Donald Trump won the Republican primaries in Florida and Illinois in 2020.")
    assert {("person:donald-trump", "WON", "region:florida"), ("person:donald-trump", "WON", "region:illinois")} <= states
    assert any(s == "party:labour-party" and p == "LOST" and o.startswith("election:") for s, p, o in found)


@pytest.mark.parametrize(("text", "person", "party"), [
    ("Representative Alexandria Ocasio-Cortez, a New York Democrat, criticized the bill.",
     "person:alexandria-ocasio-cortez", "party:democratic-party"),
    ("Senator Joe Manchin, Democrat of West Virginia, voted with his party.", "person:joe-manchin",
     "party:democratic-party"),
    ("Mitt Romney, a Republican from Utah, voted for the bill.", "person:mitt-romney", "party:republican-party"),
])
def test_a_member_word_with_the_place_a_member_sits_for(text: str, person: str, party: str) -> None:
    assert (person, "MEMBER_OF", party) in facts(text)


def test_challenging_someone_in_a_contest_is_standing_in_it() -> None:
    found = facts("Kelly Tshibaka is challenging Senator Lisa Murkowski of Alaska in the 2022 Republican primary.")
    assert any(s == "person:kelly-tshibaka" and p == "CANDIDATE_IN" and o.startswith("election:") for s, p, o in found)
    assert ("person:kelly-tshibaka", "OPPOSES", "person:lisa-murkowski") in found


def test_a_party_that_topped_an_election_won_it_and_whose_party_is_membership() -> None:
    found = facts("Marine Le Pen, whose National Front topped the 2014 European elections in France, spoke.")
    assert ("person:marine-le-pen", "MEMBER_OF", "party:front-national") in found
    assert any(s == "party:front-national" and p == "WON" and o.startswith("election:") for s, p, o in found)
    assert not facts("Nigel Farage, whose comments angered the Conservatives, spoke in Kent.") & {
        ("person:nigel-farage", "MEMBER_OF", "party:conservative-party")}
    assert not predicates("Brexit topped the agenda of the Conservative Party in Brussels.", "WON")


def test_a_partys_person_is_its_member() -> None:
    assert ("person:rachel-reeves", "MEMBER_OF", "party:labour-party") in facts(
        "Labour’s Rachel Reeves said the government had lost control.")
    assert ("person:boris-johnson", "MEMBER_OF", "party:conservative-party") in facts(
        "The Conservatives' Boris Johnson spoke in Uxbridge.")


def test_who_came_second_or_third_lost() -> None:
    found = facts("Joe Biden won the South Carolina Democratic primary in 2020. Bernie Sanders came second, and "
                  "Tom Steyer finished third.")
    primary = "election:2020-south-carolina-democratic-primary"
    assert {("person:bernie-sanders", "LOST", primary), ("person:tom-steyer", "LOST", primary),
            ("person:joe-biden", "WON", primary)} <= found
    assert not any(p == "LOST" for _, p, _ in facts("Labour came second in Hartlepool."))  # no election named


def test_conceding_defeat_is_losing_and_a_seat_of_a_place_is_a_place() -> None:
    text = ("Scott Morrison's Coalition won yesterday's federal election in Australia. Labor leader Bill Shorten "
            "conceded defeat. Tony Abbott lost his seat of Warringah to independent candidate Zali Steggall.")
    found = facts(text)
    assert any(s == "person:bill-shorten" and p == "LOST" and o.startswith("election:") for s, p, o in found)
    assert ("person:tony-abbott", "LOST", "place:warringah") in found
    assert ("person:zali-steggall", "WON", "place:warringah") in found
    assert not any(p == "LOST" for _, p, _ in facts("Bill Shorten did not concede defeat in Australia's election."))


@pytest.mark.parametrize(("text", "fact"), [
    ("Mamata Banerjee, the chief minister of West Bengal and a fierce critic of Narendra Modi, spoke.",
     ("person:mamata-banerjee", "OPPOSES", "person:narendra-modi")),
    ("Mamata Banerjee, the chief minister of West Bengal and a fierce critic of Narendra Modi, spoke.",
     ("person:mamata-banerjee", "HOLDS_OFFICE", "region:west-bengal")),
    ("Nicola Sturgeon, a longtime opponent of Boris Johnson, spoke in Edinburgh.",
     ("person:nicola-sturgeon", "OPPOSES", "person:boris-johnson")),
    ("Michael Gove, a close ally of Boris Johnson, spoke in London.",
     ("person:michael-gove", "SUPPORTS", "person:boris-johnson")),
])
def test_what_an_apposition_says_of_its_name(text: str, fact: tuple[str, str, str]) -> None:
    assert fact in facts(text)


def test_a_supporter_of_a_cause_supports_no_one() -> None:
    assert not predicates("Nicola Sturgeon, a supporter of independence, spoke in Edinburgh.", "SUPPORTS")


def test_holding_a_seat_is_winning_it_and_a_titled_partys_person_is_its_member() -> None:
    assert ("party:conservative-party", "WON", "place:uxbridge") in facts("The Conservatives held the seat of Uxbridge.")
    assert not predicates("The SNP held talks with Labour in Edinburgh.", "WON")
    assert ("person:peter-soulsby", "MEMBER_OF", "party:labour-party") in facts(
        "Parmjit Gill beat Labour's Sir Peter Soulsby in Leicester.")


@pytest.mark.parametrize(("text", "fact"), [
    ("Wikinews interviews Craig Farquharson, Liberal Democrat candidate for the 2020 Groom by-election in Australia.",
     ("person:craig-farquharson", "CANDIDATE_IN", "election:2020-groom-by-election")),
    ("Wikinews interviews Craig Farquharson, Liberal Democrat candidate for the 2020 Groom by-election in Australia.",
     ("person:craig-farquharson", "MEMBER_OF", "party:liberal-democratic-party-australia")),
    ("Jane Smith, the Labour candidate for Uxbridge, spoke.", ("person:jane-smith", "CANDIDATE_IN", "place:uxbridge")),
])
def test_a_candidate_for_a_seat_or_an_election(text: str, fact: tuple[str, str, str]) -> None:
    assert fact in facts(text)


def test_holding_a_referendum_is_not_winning_it() -> None:
    assert not predicates("She promised to hold a constitutional referendum in Belarus.", "WON")


def test_running_to_lead_is_not_leading_and_a_name_of_a_party_is_its_member() -> None:
    assert not predicates("Friedrich Merz, who is running to lead the Christian Democrats, spoke in Germany.", "LEADS")
    assert not predicates("Jeremy Hunt campaigned to win the Hartlepool seat.", "WON")
    assert ("person:robert-habeck", "MEMBER_OF", "party:alliance-90-the-greens") in facts(
        "Robert Habeck of the Greens becomes vice chancellor in Germany.")
