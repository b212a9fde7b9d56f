"""Entities: spaCy's NER and the gazetteer's ruler, mapped to polgraph labels and resolved.

Resolution within an article: titles and possessives are stripped; a bare surname ("Le Pen")
goes to the person whose full name ends with exactly those words (Marine Le Pen, not Marion
Maréchal-Le Pen), a close spelling ("Nicholas Sarkozy") to the gazetteer's or an earlier full
name; an alias shared by parties of several countries goes to the article's country.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache

from spacy.tokens import Span

from ..graph.ids import fold
from .context import ArticleContext
from .gazetteer import Entry, Gazetteer
from .entity_fixes import MODEL_LABELS

TITLES = re.compile(
    r"^(?:(?:former|ex-|late|then|current|outgoing|incoming|acting|interim|deputy|vice)\s+)*"
    r"(?:mr\.?|mrs\.?|ms\.?|miss|madame|monsieur|dr\.?|sir|dame|lord|lady|president|prime minister|premier|"
    r"chancellor|taoiseach|senator|sen\.|rep\.|representative|congressman|congresswoman|governor|gov\.|mayor|minister|"
    r"secretary|speaker|leader|candidate|judge|justice|general|gen\.|mp|chairman|chairwoman|king|queen|prince|"
    r"princess)\s+",
    re.IGNORECASE,
)
PARTY_WORDS = re.compile(
    r"\b(party|parti|front|movement|lega|bloc|rally|democrats|"
    r"republicans|socialists|conservatives|liberals|greens|labour|labor|coalition)\b",
    re.I,
)
_LABELS = {"PERSON": "Person", "ORG": "Organization", "GPE": "Place", "LOC": "Place"}
_OWN_LABELS = {"Person", "Party", "Region", "Place", "Organization"}
_JUNK_POS = {"VERB", "AUX", "ADV", "PRON"}
SIMILAR = 0.88  # name similarity taken as the same person (Nicholas/Nicolas Sarkozy)


def find_entities(ctx: ArticleContext) -> None:
    """Pipeline component: fill ``ctx.entities`` and their mentions."""
    ctx.country = ctx.guess_country()
    people: list[tuple[Span, str]] = []
    others: list[tuple[Span, str, str]] = []
    for ent in ctx.doc.ents:
        span, label = ent, ent.label_
        if ctx.is_skipped(ent.start_char, ent.end_char) or (label not in MODEL_LABELS and label not in _OWN_LABELS):
            continue
        span, name = _trimmed(span)
        if span is None or _is_junk(span) or _in_headline(ctx, span, label):
            continue
        entry = ctx.gazetteer.lookup(name, ctx.country)
        if entry is not None and (
            label in _OWN_LABELS or entry.label != "Person" or " " in name or label == "PERSON"
        ):
            _mention(ctx, ctx.add_entry(entry), span)
            continue
        if label in ("PERSON", "Person"):
            people.append((span, name))
        elif label in _LABELS or label == "FAC":
            others.append((span, name, label))
    # A one-word "person" that starts the name of an organisation in the article ("Mahan" of "Mahan Air")
    heads = {fold(n.split()[0]): n for _, n, lab in others if lab == "ORG" and len(n.split()) >= 2}
    for span, name in [p for p in people if " " not in p[1] and fold(p[1]) in heads]:
        people.remove((span, name))
        others.append((span, heads[fold(name)], "ORG"))
    _resolve_people(ctx, people)
    for span, name, spacy_label in others:
        # The small model sometimes labels a surname as a place or building ("Le Pen" as FAC).
        person = _same_person(ctx, name) if _looks_like_name(span) else None
        if person is not None:
            _mention(ctx, ctx.entities[person], span)
            continue
        label = _LABELS.get(spacy_label)
        if label is None or (label == "Place" and not name[:1].isupper()) or name[:1].isdigit():
            continue
        if label == "Organization" and PARTY_WORDS.search(name):
            label = "Party"
        same = _same_organisation(ctx, name) if label in ("Organization", "Party") else None
        _mention(ctx, ctx.entities[same] if same else ctx.add_entity(label, name), span)
    _propagate_mentions(ctx)


def _org_key(name: str) -> str:
    return " ".join(w for w in fold(name).split() if w not in ("the", "party", "parti"))


def _same_organisation(ctx: ArticleContext, name: str) -> str | None:
    """An organisation or party already named with or without "Party"/"the" ("Thai Raksa Chart [Party]")."""
    key = _org_key(name)
    for entity_id, entity in ctx.entities.items():
        if entity.label in ("Organization", "Party") and key and _org_key(entity.name) == key:
            return entity_id
    return None


def _propagate_mentions(ctx: ArticleContext) -> None:
    """Every later occurrence of a name already resolved is a mention too (NER misses some)."""
    taken = [(m.start, m.end) for m in ctx.mentions] + list(ctx.furniture.skipped)
    forms = sorted(
        {
            (alias, entity_id)
            for entity_id, entity in ctx.entities.items()
            for alias in entity.aliases
            if len(alias) >= 3 or alias.isupper()
        }
        | _surnames(ctx),
        key=lambda item: -len(item[0]),
    )
    for alias, entity_id in forms:
        flags = 0 if alias.isupper() else re.IGNORECASE
        for match in re.finditer(rf"(?<![\w-]){re.escape(alias)}(?![\w-])", ctx.text, flags):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            if not alias.isupper() and not match.group(0)[:1].isupper():
                continue
            ctx.add_mention(ctx.entities[entity_id], match.start(), match.end())
            taken.append((match.start(), match.end()))


def _surnames(ctx: ArticleContext) -> set[tuple[str, str]]:
    """Each person's surname (all after the first name, or the last word) that no other person shares."""
    found: dict[str, set[str]] = {}
    for entity_id, entity in ctx.entities.items():
        words = entity.name.split()
        if entity.label == "Person" and len(words) >= 2:
            found.setdefault(" ".join(words[1:]), set()).add(entity_id)
            found.setdefault(words[-1], set()).add(entity_id)
    return {(name, ids.pop()) for name, ids in found.items() if len(ids) == 1 and len(name) >= 3}


def _trimmed(ent: Span) -> tuple[Span | None, str]:
    """The entity without a leading article or a trailing possessive."""
    span = ent
    while len(span) and span[0].lower_ in ("the", "a", "an"):
        span = span[1:]
    if len(span) and span[-1].text in ("'s", "’s", "'"):
        span = span[:-1]
    if not len(span):
        return None, ""
    return span, span.text


def _is_junk(span: Span) -> bool:
    """Headline fragments the small model takes for names ("Far-Right Just Suffered A Big Defeat")."""
    if not span.text[:1].isupper() and not span.text[:1].isdigit():
        return True
    return len(span) > 3 and any(t.pos_ in _JUNK_POS for t in span)


def _in_headline(ctx: ArticleContext, span: Span, label: str) -> bool:
    """A long name in a Title Case headline is more often a phrase than a name; the gazetteer still counts."""
    title = ctx.document.title
    if not title or span.start_char > ctx.text.find(title) + len(title) or len(span) <= 3:
        return False
    return label not in _OWN_LABELS


def _looks_like_name(span: Span) -> bool:
    return 1 <= len(span) <= 4 and all(
        t.text[:1].isupper() or t.text in ("-", "de", "van", "von", "da") for t in span
    )


def _mention(ctx: ArticleContext, entity, span: Span) -> None:
    ctx.add_mention(entity, span.start_char, span.end_char)


def _strip_title(span: Span) -> Span:
    while len(span) > 1:
        match = TITLES.match(span.text)
        if not match:
            break
        drop = len(span.text[: match.end()].split())
        span = span[drop:]
    return span


def _resolve_people(ctx: ArticleContext, people: list[tuple[Span, str]]) -> None:
    spans = [_extend_cut_name(_strip_title(span)) for span, _ in people]
    longer = [_words(s.text) for s in spans]

    def is_tail_of_another(words: list[str]) -> bool:  # "Rivera Schatz" of "Thomas Rivera Schatz"
        return any(len(other) > len(words) and other[-len(words) :] == words for other in longer)

    full = [
        s
        for s in spans
        if len(s.text.split()) >= 2
        and not _is_surname_of_known(ctx, s.text)
        and not is_tail_of_another(_words(s.text))
    ]
    short = [s for s in spans if s not in full]
    for span in full:
        entry = _similar_person(ctx, span.text)
        if entry is not None:
            _mention(ctx, ctx.add_entry(entry), span)
            continue
        known = _similar_article_person(ctx, span.text)
        entity = ctx.entities[known] if known else ctx.add_entity("Person", span.text)
        _mention(ctx, entity, span)
    for span in short:
        target = _by_surname(ctx, span.text)
        if target is not None:
            _mention(ctx, ctx.entities[target], span)
            continue
        entry = ctx.gazetteer.lookup(span.text, ctx.country, label="Person")
        entity = ctx.add_entry(entry) if entry else ctx.add_entity("Person", span.text)
        _mention(ctx, entity, span)


def _extend_cut_name(span: Span) -> Span:
    """The small model cuts some names ("Marine Le" for "Marine Le Pen"): take the next capitalised word."""
    doc = span.doc
    end = span.end
    while (
        end < len(doc)
        and end - span.start < 4
        and doc[end].pos_ == "PROPN"
        and doc[end].text[:1].isupper()
        and doc[end].ent_type_ in ("", "PERSON", "FAC")
    ):
        end += 1
    return doc[span.start : end]


def _same_person(ctx: ArticleContext, name: str) -> str | None:
    """A person of the article named exactly so, or whose surname this is."""
    words = _words(name)
    exact = [
        e for e, entity in ctx.entities.items() if entity.label == "Person" and _words(entity.name) == words
    ]
    return exact[0] if exact else _by_surname(ctx, name)


def _words(name: str) -> list[str]:
    return fold(name).replace("'s", "").split()


def _is_surname_of_known(ctx: ArticleContext, name: str) -> bool:
    return _by_surname(ctx, name) is not None and len(_words(name)) <= 2


def _by_surname(ctx: ArticleContext, name: str) -> str | None:
    """The article's (or gazetteer's) person whose name ends with exactly these words, first named first."""
    words = _words(name)
    if not words:
        return None
    matches = [
        entity_id
        for entity_id, entity in ctx.entities.items()
        if entity.label == "Person"
        and len(_words(entity.name)) > len(words)
        and _words(entity.name)[-len(words) :] == words
    ]
    if (
        not matches and len(words) == 1
    ):  # a first name alone ("Terri" after "Terri Collins"), if only one fits
        matches = [
            entity_id
            for entity_id, entity in ctx.entities.items()
            if entity.label == "Person"
            and len(_words(entity.name)) > 1
            and _words(entity.name)[0] == words[0]
        ]
        if len(matches) != 1:
            return None
    if matches:
        return min(matches, key=lambda e: min((m.start for m in ctx.entities[e].mentions), default=1 << 30))
    return None


def _similar_person(ctx: ArticleContext, name: str) -> Entry | None:
    exact = ctx.gazetteer.lookup(name, ctx.country, label="Person")
    return exact if exact is not None else _closest_known_person(ctx.gazetteer, fold(name))


@lru_cache(maxsize=4096)
def _closest_known_person(gazetteer: Gazetteer, folded: str) -> Entry | None:
    """The gazetteer person with the most similar full name, if similar enough (cached: names repeat)."""
    best, best_score = None, SIMILAR
    for entry in gazetteer.entries:
        if entry.label != "Person":
            continue
        for form in entry.surface_forms:
            if len(form.split()) < 2:
                continue
            matcher = SequenceMatcher(None, folded, fold(form))
            if matcher.real_quick_ratio() < best_score or matcher.quick_ratio() < best_score:
                continue
            score = matcher.ratio()
            if score >= best_score:
                best, best_score = entry, score
    return best


def _similar_article_person(ctx: ArticleContext, name: str) -> str | None:
    folded = fold(name)
    for entity_id, entity in ctx.entities.items():
        if entity.label == "Person" and SequenceMatcher(None, folded, fold(entity.name)).ratio() >= SIMILAR:
            return entity_id
    return None
