"""Elections and their rounds as entities, found by patterns over the text.

An election is named by year, country and kind ("2017 French presidential election"); the year
comes from the mention, the same sentence ("scheduled for 2017") or the article's date, the
country from an adjective or the article's country. Rounds ("first round", "second election",
"run-off") belong to the article's main election.

>>> ELECTION.search("the 2015 regional elections").group("kind")
'regional'
"""

from __future__ import annotations

import re
from collections import Counter

from .context import ArticleContext
from .gazetteer import COUNTRY_ADJECTIVES, COUNTRY_WORDS

KINDS = (
    "presidential",
    "regional",
    "legislative",
    "parliamentary",
    "general",
    "local",
    "municipal",
    "European",
    "midterm",
    "federal",
    "state",
    "mayoral",
    "senate",
    "Senate",
    "gubernatorial",
    "primary",
    "leadership",
    "national",
    "provincial",
    "snap",
    "by-election",
    "district council",
)
_ADJECTIVES = {word: code for code, words in COUNTRY_WORDS.items() for word in words if word[0].isupper()}
ELECTION = re.compile(
    r"\b(?:(?P<year>(?:19|20)\d\d)\s+)?(?:(?P<country>[A-Z][a-z]+|U\.S\.|UK)\s+)?"
    rf"(?P<kind>{'|'.join(KINDS)})\s+(?:elections?|polls|votes?|race|primar(?:y|ies))\b"
    r"|\b(?P<held>elections?\s+held\s+(?:on\s+)?(?:Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
    r"yesterday|today|last week))"
)
ROUND = re.compile(
    r"\b(?P<ordinal>first|second|third|final)[\s-](?:round|ballot|election)\b|\b(?P<runoff>run-?off)\b",
    re.IGNORECASE,
)
_ORDINALS = {"first": 1, "second": 2, "third": 3, "final": 2}
_YEAR_NEARBY = re.compile(r"\b(?:in|for|of|scheduled for|due in|until)\s+((?:19|20)\d\d)\b")


def find_events(ctx: ArticleContext) -> None:
    """Pipeline component: Election and Round entities, and each Round PART_OF its election."""
    matches = list(ELECTION.finditer(ctx.text))
    kinds = Counter(m.group("kind").lower() for m in matches if m.group("kind"))
    default_kind = _kind_from_context(ctx.text) or (kinds.most_common(1)[0][0] if kinds else None)
    article_year = int(ctx.document.published[:4]) if ctx.document.published else None
    main = None
    for match in matches:
        sentence = ctx.sentence_of(match.start())
        kind = (match.group("kind") or default_kind or "general").lower()
        year = match.group("year") or _year_in(sentence.text)
        if year is None and match.group("held"):
            year = article_year
        country = _ADJECTIVES.get(match.group("country") or "", ctx.country)
        election = ctx.add_entity(
            "Election",
            _election_name(year, country, kind),
            kind=kind,
            year=int(year) if year else None,
            country=country,
        )
        ctx.add_mention(election, match.start(), match.end())
        # the main election: one "held" on a day, else the first one named
        if match.group("held") or main is None:
            main = election if match.group("held") or main is None else main
    rounds = list(ROUND.finditer(ctx.text))
    if rounds and main is None:
        main = ctx.add_entity(
            "Election",
            _election_name(article_year, ctx.country, default_kind or "general"),
            kind=default_kind or "general",
            year=article_year,
            country=ctx.country,
        )
    for match in rounds:
        number = _ORDINALS[match.group("ordinal").lower()] if match.group("ordinal") else 2
        ordinal = "first" if number == 1 else "second" if number == 2 else "third"
        round_ = ctx.add_entity(
            "Round",
            f"{main.name}, {ordinal} round",
            main.id.replace("election:", "round:", 1) + f"-{number}",
            number=number,
        )
        ctx.add_mention(round_, match.start(), match.end())
        sentence = ctx.sentence_of(match.start())
        named_together = any(
            m.entity_id == main.id and sentence.start_char <= m.start < sentence.end_char
            for m in ctx.mentions
        )
        ctx.add_relation(
            round_.id,
            "PART_OF",
            main.id,
            sentence,
            tier="explicit" if named_together else "inferred",
            confidence=0.9,
        )


def _election_name(year: str | int | None, country: str | None, kind: str) -> str:
    adjective = COUNTRY_ADJECTIVES.get(country or "", "")
    plural = (
        "elections"
        if kind in ("regional", "local", "municipal", "legislative", "midterm", "state")
        else "election"
    )
    return " ".join(str(p) for p in (year, adjective, kind, plural) if p)


def _year_in(sentence: str) -> str | None:
    match = _YEAR_NEARBY.search(sentence)
    return match.group(1) if match else None


def _kind_from_context(text: str) -> str | None:
    lowered = text.lower()
    for kind, cue in (("regional", "region"), ("presidential", "president"), ("legislative", "parliament")):
        if lowered.count(cue) >= 3:
            return kind
    return None
