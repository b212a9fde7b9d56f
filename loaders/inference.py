"""Facts that need the article's context rather than one sentence: tier "inferred".

* whoever won or lost an election, a region or a seat stood in it (CANDIDATE_IN);
* a party wins or loses the seat or region its leader or member wins or loses;
* a party's leader is not listed again as its member.
"""

from __future__ import annotations

from .context import ArticleContext

CONTESTED = ("Region", "Place", "Election")


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
    _drop_members_who_lead(ctx)


def _drop_members_who_lead(ctx: ArticleContext) -> None:
    """A party's leader is its member too: MEMBER_OF beside LEADS of the same party says nothing more."""
    leads = {(r.subject, r.object) for r in ctx.relations if r.predicate == "LEADS"}
    ctx.relations[:] = [r for r in ctx.relations if not (r.predicate == "MEMBER_OF" and (r.subject, r.object) in leads
                                                         and r.properties.get("current") is not False)]
