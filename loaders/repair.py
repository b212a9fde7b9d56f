"""Repairs of the small spaCy model's entity spans and labels, before entities are resolved.

Each repair is a small function over one span, general rather than keyed to an article:

* ``trim``: drop a leading article, punctuation around and a possessive ("Andrew Gray." -> "Andrew Gray");
* ``extend``: finish a cut name ("Prayuth Chan" + "-o-cha", "Federal Aviation Office of" + "Germany");
* ``relabel``: a name-like ORG/GPE/FAC next to an office or a speech verb is a person
  ("the president of Namibia, Hage Geingob"), a PERSON ending in "Square" is a place, and the same
  words get the label most of their mentions have;
* ``is_noise``: demonyms alone ("Tunisian"), laws ("... Act"), words that are no names ("Brexit").

>>> import spacy
>>> nlp = spacy.blank("en")
>>> doc = nlp("Photo by Andrew Gray.")
>>> trim(doc[2:5]).text
'Andrew Gray'
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from spacy.tokens import Span

SPACY_LABELS = ("PERSON", "ORG", "NORP", "GPE", "LOC", "FAC")
ORG_WORDS = re.compile(
    r"\b(?:air|airlines?|airways|bank|group|party|committee|council|ministry|department|office|agency|court|"
    r"university|college|school|institute|association|corporation|corp|company|co|inc|ltd|llc|news|times|post|"
    r"service|commission|union|parliament|congress|assembly|senate|house|government|foundation|fund|"
    r"organi[sz]ation|network|television|tv|radio|press|guards?|army|force|forces|police|front|league|"
    r"movement|alliance|coalition|federation|society|club|church|cent(?:er|re)|board|authority|bureau|"
    r"administration|cabinet|tribunal|agency|media|journal|herald|gazette|telegraph|tribune|daily|"
    r"international|institution|commission|council|federal|national|state|republic|kingdom|city)\b",
    re.IGNORECASE,
)
PLACE_NOUNS = re.compile(
    r"\b(?:square|street|st|avenue|road|park|bridge|station|airport|palace|hall|castle|cathedral|gate|"
    r"corner|island|islands|river|lake|mountains?|valley|bay|coast|county|province|district|state)$",
    re.IGNORECASE,
)
LAWS = re.compile(
    r"\b(?:act|bill|amendment|treaty|accords?|agreement|protocol|directive|law)$", re.IGNORECASE
)
DEMONYM = re.compile(r"^[A-Z][a-z]+(?:ian|ean|ese|ish|ic|i|an)s?$")
NOT_NAMES = frozenset(
    "brexit covid covid-19 coronavirus state utc gmt image photo photos protestor protestors protester "
    "protesters queen king pope "
    "monday tuesday wednesday thursday friday saturday sunday today tonight god".split()
)
ROLE_BEFORE = re.compile(
    r"\b(?:president|prime minister|premier|chancellor|minister|secretary|governor|senator|mayor|speaker|"
    r"leader|chair(?:man|woman)?|spokes(?:man|woman|person)|ambassador|king|queen|prince|princess|"
    r"general|judge|mp|representative|candidate|deputy|head|chief)"
    r"(?: of (?:the )?[A-Z][\w'-]*(?: [A-Z][\w'-]*)*)?,? $",
    re.IGNORECASE,
)
SPEECH_AFTER = re.compile(
    r"^(?:'s? )?,?\s*(?:said|says|told|tweeted|added|stated|wrote|announced|insisted|argued|warned)\b"
)
_CONNECTORS = {"of", "for", "the", "and", "de", "du", "des", "la", "le", "on"}


def trim(span: Span) -> Span:
    """Without a leading article or punctuation, a trailing possessive or punctuation."""
    while len(span) and (span[0].lower_ in ("the", "a", "an") or span[0].is_punct or span[0].is_space):
        span = span[1:]
    while len(span) and (
        span[-1].is_punct
        and span[-1].text not in (")",)
        or span[-1].text in ("'s", "’s")
        or span[-1].is_space
    ):
        span = span[:-1]
    return span


def extend(span: Span, label: str) -> Span:
    """A cut name finished: hyphenated continuations, and an organisation's trailing "of"/"for" phrase."""
    doc = span.doc
    end = span.end
    # "Chan" + "-o-cha": pieces glued to the name without spaces
    while (
        end + 1 < len(doc)
        and doc[end - 1].whitespace_ == ""
        and doc[end].text in ("-", "–")
        and (doc[end].whitespace_ == "" and doc[end + 1].is_alpha)
    ):
        end += 2
    if label in ("ORG", "FAC") and span[-1].lower_ in _CONNECTORS:
        probe = end
        while probe < len(doc) and (doc[probe].text[:1].isupper() or doc[probe].lower_ in _CONNECTORS):
            probe += 1
        while probe > end and doc[probe - 1].lower_ in _CONNECTORS:
            probe -= 1
        if probe > end:
            end = probe
        else:
            trimmed = span
            while len(trimmed) > 1 and trimmed[-1].lower_ in _CONNECTORS:
                trimmed = trimmed[:-1]
            return trimmed
    return doc[span.start : end]


def looks_like_person_name(span: Span) -> bool:
    """Two to four capitalised words with no word of organisations or places ("Hage Geingob")."""
    words = [t for t in span if not t.is_punct]
    return (
        2 <= len(words) <= 4
        and all(
            t.text[:1].isupper() or t.lower_ in ("de", "van", "von", "da", "al", "bin", "el") for t in words
        )
        and not ORG_WORDS.search(span.text)
        and not PLACE_NOUNS.search(span.text)
        and not any(t.like_num for t in words)
    )


def person_cue(span: Span) -> bool:
    """An office just before the name, or a speech verb just after it."""
    # A window of tokens around the span (Doc.text would join the whole document on every call).
    doc = span.doc
    window = doc[max(0, span.start - 15) : min(len(doc), span.end + 6)]
    text, offset = window.text_with_ws, window.start_char
    before = text[max(0, span.start_char - 60 - offset) : span.start_char - offset]
    after = text[span.end_char - offset : span.end_char - offset + 20]
    return bool(ROLE_BEFORE.search(before) or SPEECH_AFTER.match(after))


def relabel(span: Span, label: str, person_words: frozenset[str] = frozenset()) -> str:
    """The label the span should have, from its own words and neighbours.

    ``person_words``: words of the names the model labelled PERSON elsewhere in the document, so
    "Wanda Vázquez Garced" (ORG) is a person when "Vázquez" was one.
    """
    if label == "PERSON" and PLACE_NOUNS.search(span.text) and len(span) >= 2:
        return "FAC"
    if label in ("ORG", "GPE", "FAC", "NORP", "LOC") and looks_like_person_name(span):
        if (
            person_cue(span)
            or label in ("ORG", "FAC")
            and (span[-1].text in person_words or span[0].text in person_words)
        ):
            return "PERSON"
    return label


def is_noise(span: Span, label: str) -> bool:
    """Spans that are not names of actors or places."""
    text = span.text
    if not text or not text[:1].isupper() or text.casefold() in NOT_NAMES or any(c in text for c in "[]{}|"):
        return True
    if label in ("ORG", "NORP") and len(span) == 1 and DEMONYM.match(text) and not text.isupper():
        return True
    if label in ("ORG", "FAC", "PERSON") and LAWS.search(text) and len(span) >= 2:
        return True
    return False


def repaired_ents(
    ents: Iterable[Span], excluded: Iterable[tuple[int, int]] = (), own_labels: Iterable[str] = ()
) -> list[tuple[Span, str]]:
    """Spans and labels after every repair; spans in ``excluded`` character ranges are dropped.

    Labels the gazetteer gave (``own_labels``) are kept as they are, only trimmed.
    """
    own = set(own_labels)
    skip = list(excluded)
    out: list[tuple[Span, str]] = []
    covered_to = -1  # a span extended over the next entities swallows them
    merged = merge_adjacent(list(ents))
    person_words = frozenset(
        t.text for ent, lab in merged if lab == "PERSON" and len(ent) >= 2 for t in ent if t.is_title
    )
    for ent, label in merged:
        if any(s <= ent.start_char < e for s, e in skip) or ent.start < covered_to:
            continue
        span = trim(ent)
        if not len(span):
            continue
        if label not in own:
            if label not in SPACY_LABELS:
                continue
            span = extend(span, label)
            label = relabel(span, label, person_words)
            if is_noise(span, label):
                continue
        out.append((span, label))
        covered_to = max(covered_to, span.end)
    return _majority_labels(out, own)


_JOINERS = ("for the", "of the", "for", "of", "on")
_ORGISH = ("ORG", "Party", "Organization")


def merge_adjacent(ents: list[Span]) -> list[tuple[Span, str]]:
    """Names the model cut in two, joined again, with their labels.

    Two PERSON spans with only a space between ("Zine El Abidine" "Ben Ali"); an ORG, "for the"/"of",
    and another ORG ("League" "for the" "Defence of Human Rights"); a country adjective just before an
    ORG ("Tunisian" "League").
    """
    from polgraph.graph.ids import fold
    from polgraph.loaders.gazetteer import COUNTRY_OF_WORD

    out: list[tuple[Span, str]] = []
    text = ents[0].doc.text if ents else ""  # Doc.text joins every token: read it once, not per pair
    for ent in ents:
        label = ent.label_
        if out:
            prev, prev_label = out[-1]
            doc = ent.doc
            between = text[prev.end_char : ent.start_char]
            joined = doc[prev.start : ent.end]
            if prev_label == label == "PERSON" and between == " " and len(joined) <= 5:
                out[-1] = (joined, "PERSON")
                continue
            orgs = prev_label in _ORGISH and label in _ORGISH and "ORG" in (prev_label, label)
            if orgs and (between == " " or between.strip().lower() in _JOINERS and between.startswith(" ")):
                out[-1] = (joined, "ORG")
                continue
            if (
                prev_label == "NORP"
                and label == "ORG"
                and between == " "
                and fold(prev.text) in COUNTRY_OF_WORD
            ):
                out[-1] = (joined, "ORG")
                continue
        out.append((ent, label))
    return out


def _majority_labels(found: list[tuple[Span, str]], own: set[str]) -> list[tuple[Span, str]]:
    """The same words get one label: the one most of their mentions have (ties: the first)."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for span, label in found:
        if label not in own:
            votes[span.text][label] += 1
    result = []
    for span, label in found:
        if label not in own and len(votes[span.text]) > 1:
            label = votes[span.text].most_common(1)[0][0]
        result.append((span, label))
    return result
