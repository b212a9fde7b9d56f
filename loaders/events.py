"""Elections and their rounds as entities, read from the noun phrases that name them.

A phrase headed by "election(s)", "referendum", "by-election", "primary"/"primaries", "caucus",
"nomination" (or by "vote", "race", "poll", "contest" with a kind or a place before it) names an
election: "the 2015 regional elections", "the next general election", "this year's presidential
election", "the Brignoles by-election", "the South Carolina primary", "the Democratic Party
nomination", "the North East assembly referendum", "Super Tuesday". Its year comes from the phrase,
the sentence ("a referendum ... in 2016", "scheduled for 2017") or the article's date ("this
year's"); its country from an adjective, a place in it, or the article's country. Phrases naming
the same election are one node ("the elections", "this election" are the article's main one); a
quantified or hypothetical one ("every federal election", "another referendum", "two election
defeats") is none. Rounds ("first round", "second ballot", "run-off") belong to the election of
their sentence, else to the main one, and are PART_OF it.

>>> from polgraph.loaders.readers import read_text
>>> from polgraph.loaders.pipeline import Pipeline
>>> ctx = Pipeline(["furniture", "entities", "events"]).context(read_text(
...     "Labour lost the 2019 general election in the UK. Corbyn said the election was lost.", "x.txt"))
>>> [(e.name, e.aliases) for e in ctx.entities.values() if e.label == "Election"]
[('2019 United Kingdom general election', ['2019 general election', 'election'])]
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Token

from .context import ArticleContext
from .frames import is_negated
from .gazetteer import COUNTRY_ADJECTIVES, COUNTRY_OF_WORD

HEADS = {"election": None, "elections": None, "referendum": "referendum", "referendums": "referendum",
         "by-election": "by-election", "primary": "primary", "primaries": "primary", "caucus": "caucus",
         "caucuses": "caucus", "nomination": "nomination", "vote": None, "race": None, "poll": None, "polls": None,
         "contest": None, "ballot": None}
WEAK_HEADS = frozenset({"vote", "race", "poll", "polls", "contest", "ballot"})  # need a kind or a place before them
KINDS = {
    "presidential": "presidential", "general": "general", "regional": "regional", "local": "local",
    "municipal": "municipal", "legislative": "legislative", "parliamentary": "parliamentary",
    "european": "European Parliament", "midterm": "midterm", "mid-term": "midterm", "federal": "federal",
    "state": "state", "mayoral": "mayoral", "senate": "Senate", "senatorial": "Senate", "gubernatorial": "gubernatorial",
    "leadership": "leadership", "provincial": "provincial", "assembly": "assembly", "devolution": "referendum",
    "congressional": "congressional", "council": "council", "snap": "snap", "national": "general",
    "independence": "referendum", "by": "by-election",
}
RELATIVE = {"next": "next", "upcoming": "next", "forthcoming": "next", "coming": "next", "last": "last",
            "previous": "last", "this": "this", "recent": "last"}
DAYS = frozenset("today yesterday tomorrow monday tuesday wednesday thursday friday saturday sunday".split())
QUANTIFIERS = frozenset({"every", "each", "any", "another", "no", "all", "future", "such", "many", "several", "other"})
PLURAL_KINDS = frozenset({"regional", "local", "municipal", "legislative", "midterm", "state", "European Parliament",
                          "primary", "council", "assembly"})
NAMED_EVENTS = re.compile(r"\bSuper Tuesday\b")
ROUND = re.compile(
    r"\b(?P<ordinal>first|second|third|final)[\s-](?:round|ballot|election)\b|\bround (?P<number>one|two|three)\b"
    r"|\b(?P<runoff>run-?offs?)\b",
    re.IGNORECASE,
)
_ORDINALS = {"first": 1, "second": 2, "third": 3, "final": 2, "one": 1, "two": 2, "three": 3}
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_YEAR_NEARBY = re.compile(r"\b(?:in|for|of|scheduled for|due in|until)\s+((?:19|20)\d\d)\b", re.IGNORECASE)
_MONTH_YEAR = re.compile(r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December)"
                         r"\s+((?:19|20)\d\d)\b")


@dataclass
class Phrase:
    """One phrase naming an election, and what it says of it."""

    start: int  # analysis offsets of the mention
    end: int
    year: int | None = None
    kind: str | None = None
    country: str | None = None
    where: str | None = None  # a place or party entity the election belongs to ("Brignoles", "UMP")
    where_name: str | None = None
    relative: str | None = None  # next, last, this
    party: str | None = None  # a state's primary of one party ("the South Carolina Democratic primary"): its name
    presidential: bool = False  # "presidential primary"
    generic: bool = False  # "the election", "this election": the article's main one
    attach_only: bool = False  # "ran for president": names an election only if the article names it otherwise


def find_events(ctx: ArticleContext) -> None:
    """Pipeline component: Election and Round entities, and each Round PART_OF its election."""
    heads = [t for t in ctx.tokens if t.lower_ in HEADS or t.lower_ in OFFICES_RUN_FOR]
    phrases = [p for p in (_phrase(ctx, token) for token in heads) if p is not None]
    phrases += [p for p in (_elected_leader(ctx, t) for t in ctx.tokens if t.lemma_ in ELECT_VERBS) if p is not None]
    phrases += [_named_event(ctx, m) for m in NAMED_EVENTS.finditer(ctx.text)]
    phrases.sort(key=lambda p: p.start)
    article_year = ctx.year
    specific = [p for p in phrases if not p.generic]
    for phrase in specific:
        _complete(ctx, phrase, article_year)
    elections = _elections(ctx, specific)
    main = _main_election(ctx, elections, [p for p in phrases if not p.attach_only], article_year)
    for phrase in [p for p in specific if p.attach_only and id(p) not in elections]:
        if main is not None and _same_kind(phrase.kind, main.properties.get("kind")) and phrase.relative != "next":
            elections[id(phrase)] = main  # "her candidacy for the prime ministry" in an article about the election
        else:
            phrases.remove(phrase)
    for phrase in phrases:
        entity = elections.get(id(phrase)) or (_of_its_sentence(ctx, phrase, elections, phrases) or main
                                               if phrase.generic else None)
        if entity is not None:
            ctx.add_mention(entity, phrase.start, phrase.end, replace=True)
    _rounds(ctx, main)


OFFICES_RUN_FOR = {"presidency": "presidential", "premiership": "general", "leadership": "leadership",
                   "chancellorship": "general", "mayoralty": "mayoral", "governorship": "gubernatorial",
                   "president": "presidential", "ministry": "general", "minister": "general", "mayor": "mayoral",
                   "governor": "gubernatorial", "chancellor": "general", "leader": "leadership"}
PERSON_TITLES = frozenset({"president", "ministry", "minister", "mayor", "governor", "chancellor", "leader"})
CANDIDACY = frozenset({"stand", "run", "bid", "campaign", "candidacy", "candidate", "race", "contest", "compete"})


def _of_its_sentence(ctx: ArticleContext, phrase: Phrase, elections: dict[int, object], phrases: list[Phrase]):
    """"he lost the election to Hollande in the 2012 election": the one election its own sentence names."""
    sentence = ctx.sentence_of(phrase.start)
    named = {elections[id(p)].id: elections[id(p)] for p in phrases
             if id(p) in elections and sentence.start_char <= p.start < sentence.end_char}
    return next(iter(named.values())) if len(named) == 1 else None


def _office_run_for(ctx: ArticleContext, head: Token) -> Phrase | None:
    """"stand for the French presidency in 2017", "run for the presidency of the UMP": the election to it."""
    kind = OFFICES_RUN_FOR[head.lower_]
    if not (head.dep_ == "pobj" and head.head.lower_ == "for" and head.head.head.lemma_ in CANDIDACY):
        return None
    if head.lower_ in ("ministry", "minister") and not any(c.lower_ == "prime" for c in head.children):
        return None  # "the prime ministry", "prime minister", not any ministry
    # The office a person runs for ("ran for president") names the election only if the article names it too.
    phrase = Phrase(start=head.idx, end=head.idx + len(head.text), kind=kind, attach_only=head.lower_ in PERSON_TITLES)
    for child in head.children:
        if child.dep_ == "amod" and COUNTRY_OF_WORD.get(child.lower_):
            phrase.country, phrase.start = COUNTRY_OF_WORD[child.lower_], min(phrase.start, child.idx)
    party = _of_party(ctx, head)
    if party is not None:  # the presidency of a party: its leadership election
        phrase.kind, phrase.where, phrase.where_name = "leadership", party.id, party.name
        last = ctx.doc[max(t.i for t in head.subtree)]
        phrase.end = last.idx + len(last.text)
    return phrase


ELECT_VERBS = frozenset({"elect", "re-elect", "reelect"})
LEADER_WORDS = frozenset({"leader", "leaders", "chairman", "chairwoman", "chair", "president"})


def _elected_leader(ctx: ArticleContext, verb: Token) -> Phrase | None:
    """"X was elected leader of the Labour Party", "members elected X as Conservative leader": the party's
    leadership election, named by the verb itself (the title stays free for the LEADS it states)."""
    if is_negated(verb) or ctx.mention_at(verb) is not None:
        return None
    complements = [c for c in verb.children if c.dep_ in ("oprd", "attr", "dobj") and c.lower_ in LEADER_WORDS]
    complements += [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" for p in c.children
                    if p.dep_ == "pobj" and p.lower_ in LEADER_WORDS]
    for title in complements:
        party = _of_party(ctx, title) or next(
            (ctx.entities[e] for c in title.children if c.dep_ in ("compound", "amod", "poss")
             for e in [ctx.entity_at(c)] if e and ctx.label_of(e) == "Party"), None)
        if party is not None:
            return Phrase(start=verb.idx, end=verb.idx + len(verb.text), kind="leadership", where=party.id,
                          where_name=party.name)
    return None


def _phrase(ctx: ArticleContext, head: Token) -> Phrase | None:
    lower = head.lower_
    if lower in OFFICES_RUN_FOR:
        return _office_run_for(ctx, head)
    if lower not in HEADS or head.pos_ not in ("NOUN", "PROPN") or ctx.is_skipped(head.idx) \
            or not head.text.islower() or ctx.mention_at(head) is not None:
        return None  # "People's Vote" is a name, not an election
    phrase = Phrase(start=head.idx, end=head.idx + len(head.text), kind=HEADS[lower])
    i = head.i - 1
    determiner = None
    while i >= head.sent.start:
        token = ctx.doc[i]
        word = token.lower_
        mention = ctx.mention_at(token)
        if mention is not None and ctx.label_of(mention.entity_id) in ("Place", "Region", "Party", "Organization"):
            entity = ctx.entities[mention.entity_id]
            if entity.label == "Place" and entity.properties.get("kind") == "country":
                phrase.country = phrase.country or entity.properties.get("country")
            elif entity.label == "Party" and phrase.kind in ("primary", "caucus") and phrase.party is None:
                phrase.party = entity.name  # the place before it, if any, is where the primary is held
            elif phrase.where is None:
                phrase.where, phrase.where_name = entity.id, entity.name
            phrase.start = mention.start
            i = ctx.doc.char_span(mention.start, mention.end, alignment_mode="expand").start - 1
            continue
        if _YEAR.match(token.text) and phrase.year is None:
            phrase.year = int(token.text)
        elif word == "presidential" and phrase.kind in ("primary", "caucus"):
            phrase.presidential = True
        elif word in KINDS or word.replace("-", "") in KINDS:
            phrase.kind = phrase.kind or KINDS.get(word, KINDS.get(word.replace("-", "")))
        elif COUNTRY_OF_WORD.get(word) and token.text[:1].isupper():
            phrase.country = phrase.country or COUNTRY_OF_WORD[word]
        elif word in RELATIVE:
            phrase.relative = RELATIVE[word]
        elif word in ("'s", "’s") and i > head.sent.start and ctx.doc[i - 1].lower_ in DAYS:
            phrase.relative = "this"  # "yesterday's federal election", "Sunday's vote": the article's year
            i -= 1
            phrase.start = ctx.doc[i].idx
            i -= 1
            continue
        elif word in ("'s", "’s") and i > head.sent.start and ctx.doc[i - 1].lower_ == "year":
            phrase.relative = RELATIVE.get(ctx.doc[i - 2].lower_, phrase.relative) if i >= 2 else phrase.relative
            i -= 2
            phrase.start = ctx.doc[i].idx
            i -= 1
            continue
        elif word in ("democratic", "republican") and HEADS[lower] in ("primary", "caucus", "nomination"):
            pass
        elif token.text in ("-",) or word in ("two", "round") and ctx.doc[i + 1].text == "round":
            i -= 1
            continue
        else:
            determiner = word
            break
        phrase.start = token.idx
        i -= 1
    if phrase.kind == "caucus" and phrase.where is None and phrase.year is None and not head.lower_.endswith("es"):
        return None  # "the Democratic caucus" in a chamber is its members, not a vote; "the Iowa caucuses" is one
    if phrase.party and phrase.where is None:  # "the Democratic primary": the party's, wherever held
        party = next(e for e in ctx.entities.values() if e.name == phrase.party and e.label == "Party")
        phrase.where, phrase.where_name, phrase.party = party.id, party.name, None
    if determiner in QUANTIFIERS or (determiner is not None and ctx.doc[i].like_num and not _YEAR.match(ctx.doc[i].text)):
        return None
    if phrase.relative == "next" and head.i + 1 < len(ctx.doc) and ctx.doc[head.i + 1].lower_ == "cycle" \
            and phrase.year is None:
        return None  # "the next election cycle": elections in general, not one election
    specifics = phrase.year or phrase.kind or phrase.country or phrase.where or phrase.relative
    if lower in WEAK_HEADS and not (phrase.kind or phrase.where):
        return None
    if lower == "nomination" and not phrase.where:
        party = _of_party(ctx, head)
        if party is None:
            return None
        phrase.where, phrase.where_name = party.id, party.name
        phrase.end = ctx.doc[max(t.i for t in head.subtree)].idx + len(ctx.doc[max(t.i for t in head.subtree)].text)
    if phrase.relative == "this":
        determiner = "this"
        if not (phrase.year or phrase.kind or phrase.country or phrase.where):
            specifics = None  # "this election": the article's own
    if not specifics:
        bare_plural = lower == "elections" and (determiner is None or ctx.doc[i].pos_ == "ADP")
        if determiner not in ("the", "this", "that") and not bare_plural or lower.endswith("s") and lower != "elections":
            return None
        phrase.generic = True
        phrase.relative = "this" if determiner == "this" else None
    _held(ctx, head, phrase)
    return phrase


_HELD_WHEN = frozenset("monday tuesday wednesday thursday friday saturday sunday yesterday today".split())


def _held(ctx: ArticleContext, head: Token, phrase: Phrase) -> None:
    """"elections held Sunday", "the vote held on Thursday": the phrase runs to its day."""
    doc = ctx.doc
    i = head.i + 1
    if i < len(doc) and doc[i].lower_ == "held":
        j = i + 1 + (i + 1 < len(doc) and doc[i + 1].lower_ in ("on", "last"))
        if j < len(doc) and doc[j].lower_ in _HELD_WHEN:
            phrase.end = doc[j].idx + len(doc[j].text)


def _of_party(ctx: ArticleContext, head: Token):
    """The party of "the nomination of his right-wing UMP party"."""
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "for"):
            for token in child.subtree:
                entity = ctx.entity_at(token)
                if entity and ctx.label_of(entity) == "Party":
                    return ctx.entities[entity]
    return None


def _named_event(ctx: ArticleContext, match: re.Match) -> Phrase:
    return Phrase(start=match.start(), end=match.end(), kind="primary", where_name=match.group(0), country="US")


def _complete(ctx: ArticleContext, phrase: Phrase, article_year: int | None) -> None:
    """Year and country where the phrase does not give them: its sentence, the article's date and country."""
    sentence = ctx.sentence_of(phrase.start).text
    if phrase.year is None and phrase.relative == "this" and article_year:
        phrase.year = article_year  # "this year's presidential election"
    if phrase.year is None and phrase.relative in (None, "last", "next"):
        sentence_start = ctx.sentence_of(phrase.start).start_char
        nearby = list(_YEAR_NEARBY.finditer(sentence)) + list(_MONTH_YEAR.finditer(sentence))
        before = [m for m in nearby if sentence_start + m.start() < phrase.start]
        nearest = max(before, key=lambda m: m.start()) if before else min(nearby, key=lambda m: m.start(), default=None)
        if nearest:
            phrase.year = int(nearest.group(1))
        elif article_year and phrase.relative is None and phrase.kind in ("primary", "caucus", "nomination", "leadership"):
            phrase.year = article_year
    if phrase.country is None and phrase.where is None:
        phrase.country = ctx.country
    if phrase.where and phrase.country is None:
        entity = ctx.entities.get(phrase.where)
        phrase.country = (entity.properties.get("country") if entity else None) or ctx.country


NATIONAL_KINDS = frozenset({"general", "presidential", "legislative", "parliamentary", "federal", "snap"})
SAME_KINDS = ({"local", "municipal"}, {"general", "federal", "snap"})


def _elections(ctx: ArticleContext, phrases: list[Phrase]) -> dict[int, object]:
    """Each specific phrase's Election entity: phrases agreeing on year, kind and place are one election
    (the most specific phrases first, so "the 2015 election" does not join "the 2019 general election")."""
    found: dict[int, object] = {}
    merged: list[tuple[Phrase, object]] = []  # what is known of each election so far, and its entity
    for phrase in sorted(phrases, key=lambda p: (p.attach_only, -(bool(p.year) + bool(p.kind) + bool(p.where)))):
        fitting = [(known, entity) for known, entity in merged if _fits(phrase, known)]
        if len(fitting) >= 1:
            known, entity = fitting[0]
            known.year = known.year or phrase.year
            known.kind = known.kind or phrase.kind
            known.where = known.where or phrase.where
            found[id(phrase)] = entity
            continue
        if phrase.attach_only:
            continue
        entity = ctx.add_entity("Election", _name(phrase), kind=phrase.kind or "general", year=phrase.year,
                                country=phrase.country)
        merged.append((Phrase(0, 0, phrase.year, phrase.kind, phrase.country, phrase.where, phrase.where_name,
                              phrase.relative, party=phrase.party), entity))
        found[id(phrase)] = entity
    return found


def _fits(phrase: Phrase, known: Phrase) -> bool:
    """``phrase`` says nothing that ``known`` contradicts: the same year, a kind of the same sort, the same
    place or party, both or neither "next"."""
    relatives = {phrase.relative, known.relative}
    if "next" in relatives and relatives & {"last", "this"}:
        return False
    if "next" in relatives and len(relatives) == 2 and (phrase.year or known.year):
        return False  # "the next election" is not "the 2015 election"
    if phrase.year is not None and known.year is not None and phrase.year != known.year:
        return False
    same_place = phrase.where is not None and phrase.where == known.where
    if not same_place and not _same_kind(phrase.kind, known.kind):
        return False
    if phrase.where is not None and known.where is not None and phrase.where != known.where:
        return False
    if phrase.party and known.party and phrase.party != known.party:
        return False
    return (phrase.country or known.country) == (known.country or phrase.country)


def _same_kind(mine: str | None, theirs: str | None) -> bool:
    if mine is None or theirs is None:
        other = mine or theirs
        return other is None or other in NATIONAL_KINDS
    return mine == theirs or any(mine in group and theirs in group for group in SAME_KINDS)


def _name(phrase: Phrase) -> str:
    """Names as Wikipedia titles them: "2019 United Kingdom general election", "2013 Brignoles by-election"."""
    kind = phrase.kind or "general"
    country = COUNTRY_ADJECTIVES.get(phrase.country or "", "")
    if kind in ("primary", "caucus") and phrase.where_name:
        party = phrase.party.removesuffix(" Party") if phrase.party else ""  # "Democratic", "Republican"
        noun = "primaries" if phrase.where_name == "Super Tuesday" else kind
        body = " ".join(f"{phrase.where_name} {party} {'presidential' if phrase.presidential else ''} {noun}".split())
    elif kind == "nomination":
        body = f"{phrase.where_name} nomination"
    elif kind in ("by-election",) or (phrase.where_name and kind == "referendum"):
        body = f"{phrase.where_name or country} {kind}"
    elif phrase.where_name and kind in ("mayoral", "local", "municipal"):
        body = f"{phrase.where_name} {kind} election"  # "2021 London mayoral election": one place's
    elif kind == "referendum":
        body = f"{country} referendum"
    elif kind == "leadership":
        body = f"{phrase.where_name or country} leadership election"
    else:
        noun = "elections" if kind in PLURAL_KINDS else "election"
        body = f"{country} {kind} {noun}"
    prefix = "next " if phrase.relative == "next" and not phrase.year else ""
    return " ".join(f"{prefix}{phrase.year or ''} {body}".split())


def _main_election(ctx: ArticleContext, elections: dict[int, object], phrases: list[Phrase], year: int | None):
    """The election the article is about: the one named most, first named first; made from the article's
    date and country when the article only says "the election(s)" or speaks of rounds."""
    settled = {id(p): e for p in phrases if (e := elections.get(id(p))) is not None and p.relative != "next"}
    counts = Counter(e.id for e in settled.values())
    if counts:
        best = max(counts.values())
        for phrase in phrases:
            entity = settled.get(id(phrase))
            if entity is not None and counts[entity.id] == best:
                return entity
    if any(p.generic for p in phrases) or ROUND.search(ctx.text):
        kind = _kind_from_context(ctx.text) or "general"
        phrase = Phrase(0, 0, year=year, kind=kind, country=ctx.country)
        return ctx.add_entity("Election", _name(phrase), kind=kind, year=year, country=ctx.country)
    return None


def _rounds(ctx: ArticleContext, main) -> None:
    for match in ROUND.finditer(ctx.text):
        if ctx.is_skipped(match.start()):
            continue
        sentence = ctx.sentence_of(match.start())
        named = [m.entity_id for m in ctx.mentions_between(sentence.start_char, sentence.end_char)
                 if ctx.label_of(m.entity_id) == "Election"]
        election = ctx.entities[named[0]] if named else main
        if election is None:
            continue
        word = (match.group("ordinal") or match.group("number") or "").lower()
        number = _ORDINALS.get(word, 2)
        ordinal = {1: "first", 2: "second", 3: "third"}[number]
        round_ = ctx.add_entity("Round", f"{election.name}, {ordinal} round",
                                election.id.replace("election:", "round:", 1) + f"-{number}", number=number)
        ctx.add_mention(round_, match.start(), match.end())
        ctx.add_relation(round_.id, "PART_OF", election.id, sentence, tier="explicit" if named else "inferred",
                         confidence=0.9)


def _kind_from_context(text: str) -> str | None:
    lowered = text.lower()
    for kind, cue in (("regional", "region"), ("presidential", "president"), ("legislative", "parliament")):
        if lowered.count(cue) >= 3:
            return kind
    return None
