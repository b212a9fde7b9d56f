"""Facts that need the article's context rather than one sentence: tier "inferred".

* whoever won or lost an election, a region or a seat stood in it (CANDIDATE_IN);
* a party wins or loses the seat or region its leader or member wins or loses;
* a party that lost seats lost the article's election, one that won seats or votes stood in it;
* whoever came second, third or last, or conceded, lost it ("Sanders came second", "Shorten conceded defeat");
* a party's leader is not listed again as its member.
"""

from __future__ import annotations

from .context import ArticleContext
from .frames import agents, is_negated

CONTESTED = ("Region", "Place", "Election")
SEAT_VERBS = frozenset({"lose", "win", "take", "obtain", "secure"})
SEAT_NOUNS = frozenset({"seat", "vote", "percent", "cent", "majority", "plurality"})


def find_inferences(ctx: ArticleContext) -> None:
    """Pipeline component: inferred facts from the facts and entities found so far."""
    parties_of: dict[str, list[str]] = {}
    for rel in ctx.relations:
        if rel.predicate in ("LEADS", "MEMBER_OF") and ctx.label_of(rel.object) == "Party" \
                and rel.properties.get("current") is not False:
            parties_of.setdefault(rel.subject, []).append(rel.object)
    for rel in list(ctx.relations):
        if rel.predicate not in ("WON", "LOST") or ctx.label_of(rel.subject) != "Person":
            continue
        sentence = ctx.sentence_of(ctx.analysis.from_source(rel.evidence.start))
        if ctx.label_of(rel.object) in CONTESTED:
            ctx.add_relation(rel.subject, "CANDIDATE_IN", rel.object, sentence, tier="inferred", confidence=0.6)
        if ctx.label_of(rel.object) in ("Region", "Place"):  # a seat or a region; an election is the candidate's
            for party in parties_of.get(rel.subject, []):
                ctx.add_relation(party, rel.predicate, rel.object, sentence, tier="inferred", confidence=0.6)
    _seats_lost_and_won(ctx)
    _placed_behind(ctx)
    _drop_members_who_lead(ctx)


def _seats_lost_and_won(ctx: ArticleContext) -> None:
    """A party that "lost 42 (seats)" or "failed to win any seats" lost the article's election; one that "won 12
    seats" or "took 16% of the vote" stood in it. The election is the one the article names most."""
    elections = sorted((e for e in ctx.entities.values() if e.label == "Election" and e.mentions),
                       key=lambda e: -len(e.mentions))
    if not elections or len(elections) > 1 and len(elections[1].mentions) == len(elections[0].mentions):
        return
    election = elections[0].id
    for verb in ctx.tokens:
        if verb.lemma_ not in SEAT_VERBS or verb.pos_ != "VERB":
            continue
        counted = [c for c in verb.children if c.dep_ == "dobj" and (c.like_num or c.lemma_ in SEAT_NOUNS
                   or any(g.like_num or g.lower_ in ("any", "all") for g in c.children))]
        if not counted:
            continue
        failed = verb.dep_ == "xcomp" and verb.head.lemma_ in ("fail", "lose")
        predicate = "LOST" if verb.lemma_ == "lose" or failed else "CANDIDATE_IN"
        sentence = verb.sent
        named = {m.entity_id for m in ctx.mentions_between(sentence.start_char, sentence.end_char)
                 if ctx.label_of(m.entity_id) == "Election"}
        if named - {election}:
            continue  # "which had secured a majority in the 2015 election": that election's business
        decided = {(r.subject, r.object) for r in ctx.relations if r.predicate in ("WON", "LOST")}
        just_before = ctx.entity_at(ctx.doc[verb.i - 1]) if verb.i else None  # "... and Liberal Democrats lost 10"
        parties = [just_before] if just_before and ctx.label_of(just_before) == "Party" else agents(ctx, verb)
        for party in parties:
            if ctx.label_of(party) == "Party" and (predicate == "LOST" or (party, election) not in decided):
                ctx.add_relation(party, predicate, election, verb.sent, tier="inferred", confidence=0.55)


PLACING_VERBS = frozenset({"come", "finish", "place", "end"})
BEHIND = frozenset({"second", "third", "fourth", "fifth", "sixth", "seventh", "last", "runner-up"})


def _placed_behind(ctx: ArticleContext) -> None:
    """"X came second", "finished third in the primary", "conceded defeat": X lost the election its sentence
    names, else the article's only one (not a seat or region: "came second in Hartlepool" says who won nothing
    there)."""
    elections = [e.id for e in ctx.entities.values() if e.label == "Election" and e.mentions]
    for verb in ctx.tokens:
        placed_behind = verb.lemma_ in PLACING_VERBS and any(c.dep_ == "advmod" and c.lower_ in BEHIND
                                                             for c in verb.children)
        conceded = verb.lemma_ == "concede" and verb.pos_ == "VERB" and any(
            c.dep_ == "dobj" and c.lemma_ in ("defeat", "election", "race") for c in verb.children)
        if not (placed_behind or conceded) or is_negated(verb):
            continue
        sentence = verb.sent
        named = [m.entity_id for m in ctx.mentions_between(sentence.start_char, sentence.end_char)
                 if ctx.label_of(m.entity_id) == "Election"]
        election = named[0] if named else (elections[0] if len(elections) == 1 else None)
        if election is None:
            continue
        tier = "explicit" if named else "inferred"
        for actor in agents(ctx, verb):
            if ctx.label_of(actor) in ("Person", "Party"):
                ctx.add_relation(actor, "LOST", election, sentence, tier=tier, confidence=0.6)
                ctx.add_relation(actor, "CANDIDATE_IN", election, sentence, tier="inferred", confidence=0.6)


def _drop_members_who_lead(ctx: ArticleContext) -> None:
    """A party's leader is its member too: MEMBER_OF beside LEADS of the same party says nothing more."""
    leads = {(r.subject, r.object) for r in ctx.relations if r.predicate == "LEADS"}
    ctx.relations[:] = [r for r in ctx.relations if not (r.predicate == "MEMBER_OF" and (r.subject, r.object) in leads
                                                         and r.properties.get("current") is not False)]
