"""Statements: direct quotations with their speaker, where they were said, and whom they name.

The speaker is the actor of a reporting verb next to the quotation ("X said", "said X", "X told
AFP", "according to X"); a pronoun ("she said") goes to the last person named before it, with a
matching gender when the gazetteer knows it; a quotation with no attribution of its own that
follows another in the same paragraph continues its speaker. "told <outlet>" or "<outlet>
reported" in the paragraph gives ``reported_by``, "told supporters in <place>" gives ``said_at``.
"""

from __future__ import annotations

import re

from .context import HOLE, ArticleContext
from .model import Statement
from .templates import P

QUOTE = re.compile(r"[\"“](?P<text>[^\"“”\n]{3,}?)[\"”]")
VERBS = (
    r"said|says|told|added|declared|insisted|maintained|argued|warned|stated|wrote|tweeted|explained|"
    r"claimed|noted|asked|replied|announced|remarked|continued|acknowledged|admitted|stressed|urged"
)
_AFTER = re.compile(
    rf"^\s*,?\s*(?:(?:⟨[^⟩]+⟩|[\w-]+)\s+){{0,4}}?(?:(?P<slot>{P('Person', 'Party', 'Organization')})|"
    rf"(?P<pronoun>he|she|they))"
    rf"[^⟨⟩.]{{0,40}}?\b(?:{VERBS})\b|^\s*,?\s*(?:{VERBS})\s+(?:(?:[A-Z][\w.-]*|⟨[^⟩]+⟩)\s+){{0,5}}?(?P<slot2>{P('Person')})",
    re.IGNORECASE,
)
_BEFORE = re.compile(  # the leading ".*" makes the actor nearest the verb win
    r"^.*(?:(?<!\bof )(?<!\bfor )(?<!\bto )(?<!\bat )(?<!\bin )(?<!\bfrom )"  # not "member of <Org>"
    rf"(?P<slot>{P('Person', 'Party', 'Organization')})|\b(?P<pronoun>he|she|they))"
    rf"(?:, [^⟨⟩]{{0,120}}?(?:⟨[^⟩]+⟩[^⟨⟩]{{0,60}}?)*,)?[^⟨⟩.\"“]{{0,40}}?\b(?:{VERBS}|according to)\b"
    rf"[^\"“]{{0,80}}$",
    re.IGNORECASE | re.DOTALL,
)
_ACCORDING = re.compile(rf"according to (?P<slot>{P('Person', 'Organization')})", re.IGNORECASE)
_TOLD_OUTLET = re.compile(
    rf"\btold (?:the )?(?P<slot>{P('Organization')})|(?P<slot2>{P('Organization')}) (?:reported|said)",
    re.IGNORECASE,
)
_SAID_AT = re.compile(
    rf"\b(?:in|at)\s+(?:the\s+)?(?:[\w-]+\s+){{0,3}}?(?:of\s+)?(?P<slot>{P('Place', 'Region')})"
)
_FEMALE, _MALE = {"she", "her"}, {"he", "his", "him"}


def find_statements(ctx: ArticleContext) -> None:
    """Pipeline component: ``ctx.statements``."""
    previous: Statement | None = None
    for match in QUOTE.finditer(ctx.text):
        start, end = match.start("text"), match.end("text")
        sentence = ctx.sentence_of(start)
        paragraph_start = ctx.text.rfind("\n\n", 0, start) + 1
        paragraph_end = ctx.text.find("\n\n", end)
        clause_end = ctx.sentence_of(min(end + 1, len(ctx.text) - 1)).end_char
        if paragraph_end != -1:
            clause_end = min(clause_end, paragraph_end)
        templated = ctx.templated_range(
            max(sentence.start_char, paragraph_start),
            max(clause_end, match.end()),
            hole=(match.start(), match.end()),
        )
        before, _, after = templated.text.partition(HOLE)
        speaker = _speaker(ctx, templated, before, after, start)
        if (
            speaker is None
            and previous is not None
            and previous.start >= paragraph_start
            and start - previous.end < 40
        ):
            speaker = previous.speaker  # a quotation right after another continues it
        if speaker is None and len(match.group("text").split()) < 4:
            continue  # a scare-quoted word or title, not a statement
        attribution = after if _AFTER.search(after) else before
        statement = ctx.add_statement(
            start,
            end,
            speaker=speaker,
            mentions=sorted({m.entity_id for m in ctx.mentions if start <= m.start and m.end <= end}),
            said_at=_slot_entity(templated, _SAID_AT.search(_after_verb(attribution))),
            reported_by=_reported_by(ctx, templated, attribution, paragraph_start, start, speaker),
        )
        previous = statement


def _after_verb(text: str) -> str:
    match = re.search(rf"\b(?:{VERBS})\b", text, re.IGNORECASE)
    return text[match.end() :] if match else ""


def _slot_entity(templated, match: re.Match | None) -> str | None:
    if match is None:
        return None
    slot = next((g for k, g in match.groupdict().items() if k.startswith("slot") and g), None)
    return templated.entity(slot) if slot else None


def _speaker(ctx: ArticleContext, templated, before: str, after: str, start: int) -> str | None:
    for pattern, text in ((_AFTER, after), (_BEFORE, before)):
        match = pattern.search(text)
        if match is None:
            continue
        entity = _slot_entity(templated, match)
        if entity:
            return entity
        if match.groupdict().get("pronoun"):
            return _antecedent(ctx, match["pronoun"].lower(), start)
    match = _ACCORDING.search(after) or _ACCORDING.search(before)
    return _slot_entity(templated, match)


def _antecedent(ctx: ArticleContext, pronoun: str, before: int) -> str | None:
    people = sorted(
        (m for m in ctx.mentions if m.end <= before and ctx.label_of(m.entity_id) == "Person"),
        key=lambda m: m.start,
        reverse=True,
    )
    for mention in people:
        entry = ctx.gazetteer.by_id(mention.entity_id)
        gender = entry.gender if entry else None
        if gender is None or (pronoun in _FEMALE) == (gender == "f"):
            return mention.entity_id
    return people[0].entity_id if people else None


def _reported_by(
    ctx: ArticleContext, templated, attribution: str, paragraph_start: int, start: int, speaker: str | None
) -> str | None:
    found = _slot_entity(templated, _TOLD_OUTLET.search(attribution))
    if found and _is_outlet(ctx, found, attribution):
        return found
    # "..., Agence France-Presse reported. After the results, he maintained "...": the paragraph's source.
    for sentence in ctx.doc.sents:
        if paragraph_start <= sentence.start_char < start:
            earlier = ctx.templated(sentence)
            outlet = _slot_entity(earlier, _TOLD_OUTLET.search(earlier.text))
            if (
                outlet
                and _is_outlet(ctx, outlet, earlier.text)
                and (speaker is None or any(s.entity_id == speaker for s in earlier.slots))
            ):
                return outlet
    return None


def _is_outlet(ctx: ArticleContext, entity_id: str, text: str) -> bool:
    """A medium or agency: known as one, or the object of "told" (an organisation that "said" speaks)."""
    if ctx.entities[entity_id].properties.get("kind") in ("media", "agency"):
        return True
    return bool(re.search(r"\btold (?:the )?⟨Organization:\d+⟩", text))
