"""Relations from patterns over entity-templated sentences, and inferences from the whole article.

Each sentence is rewritten with its entity mentions as slots (``⟨Person:0⟩ lost out to ⟨Party:1⟩
in the northern region of ⟨Region:2⟩``), so one rule is one readable regular expression. ``GAP``
crosses words but no other entity, so a rule never reaches past an actor to another.

>>> bool(re.search(rf"{P('Party')} leader {P('Person')}", "⟨Party:0⟩ leader ⟨Person:1⟩"))
True
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Span

from polgraph.loaders.context import ArticleContext, Templated
from polgraph.loaders.gazetteer import COUNTRY_WORDS

GAP = r"[^⟨⟩]{0,%d}?"
NATIONAL_ROLES = {
    "president": "President",
    "prime minister": "Prime Minister",
    "chancellor": "Chancellor",
    "premier": "Premier",
    "vice president": "Vice President",
    "vice-president": "Vice President",
}
ROLES = (
    r"president|prime minister|chancellor|premier|speaker|senator|governor|mayor|minister|secretary of state|"
    r"foreign minister|finance minister|interior minister|home secretary|chief executive|vice[- ]president|"
    r"deputy leader|spokes(?:man|woman|person)|secretary[- ]general|chair(?:man|woman)?|mp|deputy|lawmaker|"
    r"member of parliament|congress(?:man|woman)|representative"
)
RELATIVES = (
    r"niece|nephew|daughter|son|father|mother|wife|husband|brother|sister|uncle|aunt|cousin|"
    r"granddaughter|grandson|grandfather|grandmother|partner|stepson|stepdaughter"
)


def P(*labels: str, name: str | None = None) -> str:
    """A slot of one of ``labels``, captured as ``name`` if given."""
    body = rf"⟨(?:{'|'.join(labels)}):\d+⟩"
    return rf"(?P<{name}>{body})" if name else body


ACTOR = ("Person", "Party", "Organization")
TARGET = ("Region", "Election", "Round", "Place")

Rule = Callable[[ArticleContext, Span, Templated], None]


def _each(pattern: str, flags: int = re.IGNORECASE) -> Callable[[Templated], list[re.Match]]:
    compiled = re.compile(pattern, flags)
    return lambda t: list(compiled.finditer(t.text))


# --- one function per relation family -------------------------------------------------
_LEADER = _each(
    rf"{P('Party', name='party')}(?: party)?(?:'s)? (?:leader|chief|head|boss|chair(?:man|woman)?) "
    rf"{P('Person', name='person')}"
)
_LEADER_APPOS = _each(
    rf"{P('Person', name='person')}, (?:the |who is the )?(?:party )?(?:leader|head|chair(?:man|woman)?)"
    rf" of (?:the )?{P('Party', name='party')}"
)
_LEADS_VERB = _each(
    rf"{P('Person', name='person')}{GAP % 40}\b(?:leads|led|heads|headed)\b (?:the )?"
    rf"{P('Party', name='party')}"
)
_PARTY_OF = _each(
    rf"{P('Party', name='party')} of (?:former |current )?(?:(?:{ROLES}) )?{P('Person', name='person')}"
)


def leads(ctx: ArticleContext, sentence: Span, t: Templated) -> None:
    for match in _LEADER(t) + _LEADER_APPOS(t) + _LEADS_VERB(t):
        ctx.add_relation(
            t.entity(match["person"]), "LEADS", t.entity(match["party"]), sentence, confidence=0.9
        )
    for match in _PARTY_OF(t):
        ctx.add_relation(
            t.entity(match["person"]), "LEADS", t.entity(match["party"]), sentence, confidence=0.6
        )


_PARTY_BEFORE_PERSON = _each(
    rf"{P('Party', name='party')} (?:(?:{ROLES}|leader|candidate|activist|nominee) )*"
    rf"{P('Person', name='person')}"
)
_PERSON_S_PARTY = _each(rf"{P('Person', name='person')}(?:'s|’s) {P('Party', name='party')}")
_APPOSITIVE = _each(rf"{P('Person', name='person')}, (?:a|an|the) (?:[\w-]+ )?{P('Party', name='party')}")
_MEMBER_OF = _each(
    rf"{P('Person', name='person')}{GAP % 30}\b(?:member|MP|lawmaker|deputy|senator) (?:of|for|from) "
    rf"(?:the )?{P('Party', name='party')}"
)
_PARENTHESIS = _each(rf"{P('Person', name='person')} \({P('Party', name='party')}")


def member_of(ctx: ArticleContext, sentence: Span, t: Templated) -> None:
    for match in _PARTY_BEFORE_PERSON(t):
        between = t.text[match.end("party") : match.start("person")]
        if re.search(r"\b(leader|chief|head|boss)\b", between, re.IGNORECASE):
            continue  # "<Party> leader <Person>" is LEADS
        ctx.add_relation(
            t.entity(match["person"]), "MEMBER_OF", t.entity(match["party"]), sentence, confidence=0.8
        )
    for match in _PERSON_S_PARTY(t) + _APPOSITIVE(t) + _MEMBER_OF(t) + _PARENTHESIS(t):
        ctx.add_relation(
            t.entity(match["person"]), "MEMBER_OF", t.entity(match["party"]), sentence, confidence=0.8
        )


_ROLE_BEFORE = _each(
    rf"(?P<whose>\b[A-Z][\w.]+(?:'s)?\s+|⟨Place:\d+⟩(?:'s)?\s+)??(?P<former>\b(?:former|ex-|then-)\s*)?"
    rf"(?P<role>\b(?:{ROLES})) {P('Person', name='person')}"
)
_ROLE_OF = _each(
    rf"{P('Person', name='person')}, (?:a |an |the )?(?P<former>(?:former|then|ex-?) ?)?(?:current )?"
    rf"(?:{P('Party', name='party')} )?"
    rf"(?P<role>{ROLES})(?: (?:of|for) (?:the )?{P('Place', 'Region', 'Organization', 'Party', name='of')})?"
    rf"(?: and (?P<role2>{ROLES}) (?:of|for) (?:the )?{P('Place', 'Region', 'Organization', name='of2')})?"
)


_ROLE_OF_BEFORE = _each(
    rf"(?P<former>\b(?:former|then|ex-?) ?)?(?P<role>\b(?:{ROLES})) (?:of|for) (?:the )?"
    rf"{P('Place', 'Region', 'Organization', 'Party', name='of')}, {P('Person', name='person')}"
)


def _role(text: str) -> str:
    """'prime minister' -> 'Prime Minister' (national offices capitalised), other roles in lower case."""
    role = " ".join(text.lower().split())
    return NATIONAL_ROLES[role] if role in ("president", "prime minister", "chancellor", "premier") else role


def holds_office(ctx: ArticleContext, sentence: Span, t: Templated) -> None:
    for match in _ROLE_OF_BEFORE(t):  # "the president of Namibia, Hage Geingob"
        ctx.add_relation(
            t.entity(match["person"]),
            "HOLDS_OFFICE",
            t.entity(match["of"]),
            sentence,
            confidence=0.8,
            role=_role(match["role"]),
            current=False if match["former"] else None,
        )
    for match in _ROLE_BEFORE(t):
        role = match["role"].lower()
        if role not in NATIONAL_ROLES:
            continue
        country = _country_named(ctx, t, match["whose"])
        if country is False:
            continue  # "Syrian President ...": another country than the article's, not in the gazetteer
        if country is not None:
            ctx.add_relation(
                t.entity(match["person"]),
                "HOLDS_OFFICE",
                country.id,
                sentence,
                tier="inferred",
                confidence=0.7,
                role=NATIONAL_ROLES[role],
                current=False if match["former"] else None,
            )
    for match in _ROLE_OF(t):
        person = t.entity(match["person"])
        if match["party"]:
            ctx.add_relation(person, "MEMBER_OF", t.entity(match["party"]), sentence, confidence=0.85)
        first_target = match["of"] or match["party"]
        if first_target:
            ctx.add_relation(
                person,
                "HOLDS_OFFICE",
                t.entity(first_target),
                sentence,
                confidence=0.8,
                role=_role(match["role"]),
                current=False if match["former"] else None,
            )
        if match["role2"] and match["of2"]:
            ctx.add_relation(
                person,
                "HOLDS_OFFICE",
                t.entity(match["of2"]),
                sentence,
                confidence=0.8,
                role=_role(match["role2"]),
            )


# Capitalised words that may stand before an office without naming a country.
_NOT_A_COUNTRY = {"the", "former", "then", "and", "but", "as", "by", "with", "new", "incumbent", "outgoing", "acting",
                  "interim", "deputy"}


def _country_named(ctx: ArticleContext, t: Templated, whose: str | None):
    """The Place a role belongs to: named before it ("French President", "France's President"), else the
    article's country; False when the word before it names some other, unknown country."""
    word = (whose or "").strip().removesuffix("'s")
    if not word or word.lower() in _NOT_A_COUNTRY:
        return ctx.country_entity()
    if word.startswith("⟨"):
        return ctx.entities[t.entity(word)]
    for code, words in COUNTRY_WORDS.items():
        if word in words:
            return ctx.country_place(code)
    return False if word.endswith(("an", "ian", "ish", "ese", "i")) else ctx.country_entity()


_RELATIVE_PRONOUN = _each(rf"\b(?:her|his)\s+(?P<relation>{RELATIVES})\s+{P('Person', name='person')}")
_RELATIVE_POSSESSIVE = _each(
    rf"{P('Person', name='of')}(?:'s|’s)\s+(?P<relation>{RELATIVES})\s*,?\s+"
    rf"{P('Person', name='person')}"
)
_RELATIVE_APPOS = _each(
    rf"{P('Person', name='person')}, (?:the )?(?P<relation>{RELATIVES}) of {P('Person', name='of')}"
)


def relative_of(ctx: ArticleContext, sentence: Span, t: Templated) -> None:
    for match in _RELATIVE_POSSESSIVE(t) + _RELATIVE_APPOS(t):
        ctx.add_relation(
            t.entity(match["person"]),
            "RELATIVE_OF",
            t.entity(match["of"]),
            sentence,
            confidence=0.85,
            relation=match["relation"].lower(),
        )
    for match in _RELATIVE_PRONOUN(t):
        start = t.slot(match["person"]).start
        antecedent = ctx.last_mentioned(("Person",), before=start)
        if antecedent:
            ctx.add_relation(
                t.entity(match["person"]),
                "RELATIVE_OF",
                antecedent,
                sentence,
                confidence=0.75,
                relation=match["relation"].lower(),
            )


_LOST_TO = _each(
    rf"{P(*ACTOR, name='loser')}{GAP % 30}\b(?:lost|was beaten|was defeated)(?: out)? (?:to|by) "
    rf"(?:the )?(?:[\w-]+ )?{P(*ACTOR, name='winner')}{GAP % 60}\b(?:in|for) {GAP % 40}"
    rf"{P(*TARGET, name='target')}"
)
_BEAT = _each(
    rf"{P(*ACTOR, name='winner')}{GAP % 30}\b(?:beat|defeated|ousted|unseated) {P(*ACTOR, name='loser')}"
    rf"{GAP % 40}\b(?:in|for) {GAP % 40}{P(*TARGET, name='target')}"
)
_WON = _each(
    rf"{P(*ACTOR, name='actor')}{GAP % 60}\b(?:won|wins|win|took|takes|captured|carried|secured|clinched|"
    rf"retained|held on to)\b{GAP % 50}{P(*TARGET, name='target')}"
)
_LOST = _each(
    rf"{P(*ACTOR, name='actor')}{GAP % 80}\b(?:lost|loses|lose|failed in (?:her|his|its|their) bid to "
    rf"(?:take|win)|failed to (?:take|win|hold|keep)|was defeated in|conceded)\b{GAP % 50}"
    rf"{P(*TARGET, name='target')}"
)
_BID = re.compile(r"\b(bid|running|ran|run|candidate|stand|stood|standing|campaign)\b", re.IGNORECASE)
_CANDIDATE = _each(
    rf"{P('Person', 'Party', name='actor')}{GAP % 100}\b(?:candidate|nominee|running|run|ran|stand|"
    rf"standing|stood)\b (?:in|for) (?:the )?{GAP % 20}{P('Region', 'Election', 'Place', name='target')}"
)


def won_lost(ctx: ArticleContext, sentence: Span, t: Templated) -> None:
    for match in _LOST_TO(t) + _BEAT(t):
        target = t.entity(match["target"])
        ctx.add_relation(t.entity(match["loser"]), "LOST", target, sentence, confidence=0.85)
        ctx.add_relation(t.entity(match["winner"]), "WON", target, sentence, confidence=0.85)
    for match in _WON(t):
        if re.search(r"\b(not|failed|fail|n't|never)\b", match.group(0), re.IGNORECASE):
            continue
        ctx.add_relation(
            t.entity(match["actor"]), "WON", t.entity(match["target"]), sentence, confidence=0.75
        )
    for match in _LOST(t):
        if re.search(r"\b(not|n't|never|no longer)\b", match.group(0), re.IGNORECASE):
            continue
        actor, target = t.entity(match["actor"]), t.entity(match["target"])
        ctx.add_relation(actor, "LOST", target, sentence, confidence=0.75)
        if _BID.search(match.group(0)):
            ctx.add_relation(actor, "CANDIDATE_IN", target, sentence, confidence=0.75)
    for match in _CANDIDATE(t):
        ctx.add_relation(
            t.entity(match["actor"]), "CANDIDATE_IN", t.entity(match["target"]), sentence, confidence=0.8
        )


_WITHDREW = _each(
    rf"{P('Party', 'Person', name='actor')}{GAP % 20}\b(?:pulled|withdrew|withdrawn|stood down|"
    rf"pulled out)\b{GAP % 80}\b(?:in favou?r of|to help|so(?: that)? (?:voters|people|supporters) "
    rf"(?:would|could|will|can) (?:support|back|vote for))\b{GAP % 30}{P('Party', 'Person', name='other')}"
)
_ENDORSED = _each(
    rf"{P(*ACTOR, name='actor')}{GAP % 40}\b(?:endorsed|endorses|backed|backs|threw (?:its|his|her|"
    rf"their) support behind|urged (?:voters|supporters|people) to (?:back|support|vote for)|called on "
    rf"(?:voters|supporters) to (?:back|support|vote for))\b{GAP % 20}{P('Party', 'Person', name='other')}"
)


def supports(ctx: ArticleContext, sentence: Span, t: Templated) -> None:
    for match in _WITHDREW(t):
        ctx.add_relation(
            t.entity(match["actor"]),
            "SUPPORTS",
            t.entity(match["other"]),
            sentence,
            confidence=0.8,
            kind="withdrawal",
        )
    for match in _ENDORSED(t):
        if re.search(r"\b(not|n't|never|refused)\b", match.group(0), re.IGNORECASE):
            continue
        ctx.add_relation(
            t.entity(match["actor"]),
            "SUPPORTS",
            t.entity(match["other"]),
            sentence,
            confidence=0.8,
            kind="endorsement",
        )


_LED_IN = re.compile(
    rf"\b(?:led|leading|came first|finished first|topped the poll)\b (?:in )?(?P<count>\w+|a number)"
    rf"(?: of [^⟨⟩]{{0,20}}?(?:{P('Place')}(?:'s)? )?(?:\d+ )?)? ?regions?",
    re.IGNORECASE,
)
_NUMBERS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen".split()
    )
}


def led_in(ctx: ArticleContext, sentence: Span, t: Templated) -> None:
    rounds = [s for s in t.slots if ctx.label_of(s.entity_id) == "Round"]
    for match in _LED_IN.finditer(t.text):
        if not rounds:
            continue
        before = t.text[: match.start()]
        actors = [m for m in re.finditer(P("Party", "Person"), before)]
        if actors:
            actor = t.entity(actors[-1].group(0))
        else:  # "in which they led": the party the article is about
            actor = ctx.most_mentioned("Party")
        if actor is None:
            continue
        count = match["count"].lower()
        regions = int(count) if count.isdigit() else _NUMBERS.get(count)
        ctx.add_relation(actor, "LED_IN", rounds[0].entity_id, sentence, confidence=0.7, regions=regions)


_CONTRIBUTED = _each(
    rf"{P('Person', name='person')}(?: and {P('Person', name='second')})? contributed "
    r"(?:reporting )?to this (?:report|article|story)"
)
_PLACE_OF = _each(
    rf"\b(?:commune|town|city|village|municipality|suburb|district) of {P('Place', name='place')}"
)


def authorship(ctx: ArticleContext, sentence: Span, t: Templated) -> None:
    for match in _CONTRIBUTED(t):
        for slot in ("person", "second"):
            if match[slot]:
                ctx.add_relation(t.entity(match[slot]), "CONTRIBUTED_TO", "ARTICLE", sentence, confidence=0.9)
    if sentence.start_char < 300:
        byline = re.match(
            rf"\s*By {P('Person', name='person')}(?: and {P('Person', name='second')})?", t.text
        )
        if byline:
            for slot in ("person", "second"):
                if byline[slot]:
                    ctx.add_relation(t.entity(byline[slot]), "AUTHORED", "ARTICLE", sentence, confidence=0.9)
    country = None
    for match in _PLACE_OF(t):
        country = country or ctx.country_entity()
        if country is not None:
            ctx.add_relation(
                t.entity(match["place"]), "LOCATED_IN", country.id, sentence, tier="inferred", confidence=0.6
            )


SENTENCE_RULES: dict[str, Rule] = {
    "leads": leads,
    "member_of": member_of,
    "holds_office": holds_office,
    "relative_of": relative_of,
    "won_lost": won_lost,
    "supports": supports,
    "led_in": led_in,
    "authorship": authorship,
}

_STAR_OF_PARTY = _each(
    rf"{P('Person', name='person')}, (?:a |an )?{GAP % 40}\b(?:rising star|member|figure|"
    r"official|candidate|activist|heavyweight|veteran) (?:in|of|for) the party\b"
)


def find_relations(ctx: ArticleContext) -> None:
    """Pipeline component: sentence rules, then inferences over the article."""
    for sentence in ctx.doc.sents:
        templated = ctx.templated(sentence)
        if "⟨" not in templated.text:
            continue
        for rule in SENTENCE_RULES.values():
            rule(ctx, sentence, templated)
        for match in _STAR_OF_PARTY(templated):
            party = ctx.most_mentioned("Party")
            if party:
                ctx.add_relation(
                    templated.entity(match["person"]),
                    "MEMBER_OF",
                    party,
                    sentence,
                    tier="inferred",
                    confidence=0.6,
                )
    infer(ctx)


def infer(ctx: ArticleContext) -> None:
    """Facts that need the article's context: a party loses what its leader or member loses, a loser stood."""
    parties_of: dict[str, list[str]] = {}
    for rel in ctx.relations:
        if rel.predicate in ("LEADS", "MEMBER_OF") and ctx.label_of(rel.object) == "Party":
            parties_of.setdefault(rel.subject, []).append(rel.object)
    for rel in list(ctx.relations):
        if rel.predicate not in ("WON", "LOST") or ctx.label_of(rel.subject) != "Person":
            continue
        sentence = ctx.sentence_of(rel.evidence.start)
        if ctx.label_of(rel.object) in ("Region", "Place", "Election"):
            ctx.add_relation(
                rel.subject, "CANDIDATE_IN", rel.object, sentence, tier="inferred", confidence=0.6
            )
        for party in parties_of.get(rel.subject, []):
            ctx.add_relation(party, rel.predicate, rel.object, sentence, tier="inferred", confidence=0.6)
