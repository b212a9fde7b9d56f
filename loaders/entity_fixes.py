"""spaCy components that fix the small English model's entity spans and labels, each saying what it fixes.

They run after NER, in the order of ``ENTITY_FIXES``, and keep the gazetteer's own entities (labels
such as ``Party`` or ``Person``, set by the EntityRuler) as they are but for trimming. Each one is
a plain function of a Doc, testable alone:

>>> import spacy
>>> doc = spacy.blank("en")("Photo by Andrew Gray.")
>>> doc.ents = [doc.char_span(9, 21, label="PERSON")]
>>> [e.text for e in trim_names(doc).ents]
['Andrew Gray']
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..graph.ids import fold
from .gazetteer import COUNTRY_OF_WORD

MODEL_LABELS = ("PERSON", "ORG", "NORP", "GPE", "LOC", "FAC")
ORG_WORDS = re.compile(
    r"\b(?:air|airlines?|airways|bank|group|party|committee|council|ministry|department|office|agency|court|"
    r"university|college|school|institute|association|corporation|corp|company|co|inc|ltd|llc|news|times|post|"
    r"service|commission|union|parliament|congress|assembly|senate|house|government|foundation|fund|"
    r"organi[sz]ation|network|television|tv|radio|press|guards?|army|force|forces|police|front|league|"
    r"movement|alliance|coalition|federation|society|club|church|cent(?:er|re)|board|authority|bureau|"
    r"administration|cabinet|tribunal|media|journal|herald|gazette|telegraph|tribune|daily|campaign|"
    r"international|institution|federal|national|state|republic|kingdom|city|programme|program)\b",
    re.IGNORECASE,
)
PLACE_NOUNS = re.compile(
    r"\b(?:square|street|st|avenue|road|park|bridge|station|airport|palace|hall|castle|cathedral|gate|"
    r"corner|island|islands|river|lake|mountains?|valley|bay|coast|county|province|district|state)$",
    re.IGNORECASE,
)
# Hyphenated place names join their words with a lower-case preposition or article; people's names do not.
PLACE_JOINERS = re.compile(r"\w-(?:de|du|des|sur|en|le|la|les|lès|sous|upon|on|under|in|am|an|im|aux)-\w")
LAWS = re.compile(r"\b(?:act|bill|amendment|treaty|accords?|agreement|protocol|directive|law)$", re.IGNORECASE)
HANDLE = re.compile(r"[a-z]{3}[A-Z]")  # "EliasHabermas": a user name, not "McCarthy" or "DeSantis"
DEMONYM = re.compile(r"^(?:anti-|pro-)?[A-Z][a-z]+(?:ian|ean|ese|ish|ic|i|an)s?$")
NOT_NAMES = frozenset(
    "brexit covid covid-19 coronavirus state utc gmt bst est image photo photos protestor protestors protester "
    "protesters queen king pope monday tuesday wednesday thursday friday saturday sunday today tonight god "
    "mps meps mp mep minister ministers president prime chancellor senator governor mayor".split()
)
# Words naming an office: after one, a name-like span is a person; before one, a lone word is part of the title.
OFFICE_WORDS = re.compile(
    r"\b(?:president|prime minister|premier|chancellor|minister|secretary|governor|senator|mayor|speaker|"
    r"leader|chair(?:man|woman)?|spokes(?:man|woman|person)|ambassador|king|queen|prince|princess|"
    r"general|judge|mp|mep|representative|candidate|deputy|head|chief|councillor|commissioner)\b",
    re.IGNORECASE,
)
ROLE_BEFORE = re.compile(
    rf"(?:{OFFICE_WORDS.pattern})(?: of (?:the )?[A-Z][\w'-]*(?: [A-Z][\w'-]*)*)?,? $", re.IGNORECASE
)
SPEECH_AFTER = re.compile(
    r"^(?:'s? )?,?\s*(?:said|says|told|tweeted|added|stated|wrote|announced|insisted|argued|warned|who)\b"
)
_CONNECTORS = {"of", "for", "the", "and", "de", "du", "des", "la", "le", "on"}
_PARTICLES = ("de", "van", "von", "da", "al", "bin", "el", "le", "la", "du", "der", "den")
_JOINERS = ("for the", "of the", "for", "of", "on")
_ORGISH = ("ORG", "Party", "Organization")


def _replace(doc: Doc, spans: list[Span]) -> Doc:
    """Set the document's entities, the earliest and longest first where two overlap."""
    kept: list[Span] = []
    taken: set[int] = set()
    for span in sorted(spans, key=lambda s: (s.start, -len(s))):
        if len(span) and not taken.intersection(range(span.start, span.end)):
            kept.append(span)
            taken.update(range(span.start, span.end))
    doc.ents = sorted(kept, key=lambda s: s.start)
    return doc


def _relabelled(span: Span, start: int, end: int, label: str | None = None) -> Span:
    """The span's doc slice start:end with its label (or another) and its gazetteer id."""
    return Span(span.doc, start, end, label=label or span.label_, span_id=span.id_)


def is_own(span: Span) -> bool:
    """An entity of the gazetteer (its label is one of polgraph's, not the model's)."""
    return span.label_ not in MODEL_LABELS and span.label_[:1].isupper() and not span.label_.isupper()


@Language.component("polgraph_first_names_not_places")
def first_names_not_places(doc: Doc) -> Doc:
    """Before NER: a one-word place of the gazetteer followed by a capitalised word that is no title, place
    noun or other known name is left to the model, which reads "Georgia Gould" and "Victoria Atkins" as
    people (the gazetteer's "Georgia" and "Victoria" would otherwise cut them)."""
    kept = []
    taken = {i for ent in doc.ents for i in range(ent.start, ent.end)}
    for ent in doc.ents:
        nxt = doc[ent.end] if ent.end < len(doc) else None
        if (ent.label_ in ("Place", "Region") and len(ent) == 1 and nxt is not None and ent.end not in taken
                and ent[0].whitespace_ == " " and nxt.is_title and nxt.is_alpha and nxt.tag_ == "NNP"
                and not OFFICE_WORDS.fullmatch(nxt.text) and not PLACE_NOUNS.fullmatch(nxt.text)
                and not ORG_WORDS.fullmatch(nxt.text) and nxt.lower_ not in NOT_NAMES):
            continue
        kept.append(ent)
    doc.ents = kept
    return doc


@Language.component("polgraph_join_split_names")
def join_split_names(doc: Doc) -> Doc:
    """Names the model cut in two, joined again: two PERSON spans one space apart ("Zine El Abidine"
    "Ben Ali"); an ORG, "for the"/"of" and another ORG ("League" "for the" "Defence of Human Rights"); a
    country adjective just before an ORG ("Tunisian" "League"); a one-word place of the gazetteer just before
    a person or an organisation ("Victoria" "Atkins", "Massachusetts" "Institute of Technology")."""
    out: list[Span] = []
    text = doc.text  # Doc.text joins every token: read it once, not per pair
    for ent in doc.ents:
        if out:
            prev = out[-1]
            between = text[prev.end_char : ent.start_char]
            joined_end = ent.end
            if prev.label_ == ent.label_ == "PERSON" and between == " " and joined_end - prev.start <= 5:
                out[-1] = _relabelled(prev, prev.start, joined_end, "PERSON")
                continue
            if prev.label_ in ("Place", "Region") and len(prev) == 1 and between == " " and ent.label_ in ("PERSON", "ORG"):
                # the gazetteer's place as the start of a name: "Georgia" + "Gould", "Massachusetts" + "Institute ..."
                out[-1] = Span(doc, prev.start, joined_end, label=ent.label_)
                continue
            orgs = prev.label_ in _ORGISH and ent.label_ in _ORGISH and "ORG" in (prev.label_, ent.label_)
            if orgs and (between == " " or between.strip().lower() in _JOINERS and between.startswith(" ")):
                out[-1] = Span(doc, prev.start, joined_end, label="ORG")
                continue
            if prev.label_ == "NORP" and ent.label_ == "ORG" and between == " " and fold(prev.text) in COUNTRY_OF_WORD:
                out[-1] = Span(doc, prev.start, joined_end, label="ORG")
                continue
        out.append(ent)
    return _replace(doc, out)


@Language.component("polgraph_trim_names")
def trim_names(doc: Doc) -> Doc:
    """No leading article or punctuation, no trailing punctuation or possessive, nothing after a spaced
    dash ("Conservative Party - 365 seats", "Veritas - Latin for truth")."""
    out = []
    for ent in doc.ents:
        start, end = ent.start, ent.end
        while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct or doc[start].is_space):
            start += 1
        for i in range(start + 1, end):
            if doc[i].text in ("-", "–", "—") and doc[i - 1].whitespace_ and doc[i].whitespace_:
                end = i
                break
        while end > start and (
            (doc[end - 1].is_punct and doc[end - 1].text != ")") or doc[end - 1].text in ("'s", "’s")
            or doc[end - 1].is_space
        ):
            end -= 1
        comma = next((i for i in range(start + 1, end - 1) if doc[i].text == "," and not is_own(ent)), None)
        if comma is not None:  # "Bristol, Marvin Rees": two names the model ran together
            rest = doc[comma + 1 : end]
            out.append(Span(doc, comma + 1, end, label="PERSON" if looks_like_person_name(rest) else ent.label_))
            end = comma
        if end > start:
            out.append(_relabelled(ent, start, end))
    return _replace(doc, out)


@Language.component("polgraph_finish_cut_names")
def finish_cut_names(doc: Doc) -> Doc:
    """A name the model cut short, finished: the next capitalised proper noun of a person ("Marine Le" +
    "Pen"), pieces glued on by hyphens ("Prayuth Chan" + "-o-cha"), an organisation's trailing "of"/"for"
    phrase ("Federal Aviation Office of" + "Germany")."""
    taken = {i for ent in doc.ents for i in range(ent.start, ent.end)}
    dropped: set[int] = set()
    out = []
    for ent in doc.ents:
        if ent.start in dropped:
            continue
        start, end = ent.start, ent.end
        while (end + 1 < len(doc) and doc[end - 1].whitespace_ == "" and doc[end].text in ("-", "–")
               and doc[end].whitespace_ == "" and doc[end + 1].text[:1].isalpha()):
            end += 2
        if ent.label_ == "PERSON":  # "Sadiq" + "Khan": a first name left outside
            while (start - 1 >= 0 and start - 1 not in taken and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_alpha
                   and doc[start - 1].text[:1].isupper() and doc[start - 1].whitespace_ == " "
                   and not OFFICE_WORDS.fullmatch(doc[start - 1].text) and doc[start - 1].lower_ not in NOT_NAMES
                   and not doc[start - 1].is_sent_start and ent.end - start < 4):
                start -= 1
        if ent.label_ == "PERSON" and doc[end - 1].lower_ in _PARTICLES and end < len(doc) and doc[end].text[:1].isupper():
            end += 1  # "Ursula von der" + "Leyen", even when the model made "Leyen" a place
            dropped.add(end - 1)
        if ent.label_ == "PERSON":
            while (end < len(doc) and end - ent.start < 4 and end not in taken and doc[end].pos_ == "PROPN"
                   and doc[end].text[:1].isupper() and doc[end - 1].whitespace_ == " " and doc[end].is_alpha
                   and not OFFICE_WORDS.fullmatch(doc[end].text)):
                end += 1
        if ent.label_ in ("ORG", "FAC") and doc[end - 1].lower_ in _CONNECTORS:
            probe = end
            while probe < len(doc) and (doc[probe].text[:1].isupper() or doc[probe].lower_ in _CONNECTORS):
                probe += 1
            while probe > end and doc[probe - 1].lower_ in _CONNECTORS:
                probe -= 1
            if probe == end:  # nothing to finish it with: drop the dangling connector instead
                while end - 1 > ent.start and doc[end - 1].lower_ in _CONNECTORS:
                    end -= 1
            else:
                end = probe
        out.append(_relabelled(ent, start, end) if (start, end) != (ent.start, ent.end) else ent)
    return _replace(doc, out)


def looks_like_person_name(span: Span) -> bool:
    """Two to four capitalised words with no word of organisations or places ("Hage Geingob")."""
    words = [t for t in span if not t.is_punct]
    return (
        2 <= len(words) <= 4
        and all(t.text[:1].isupper() or t.lower_ in _PARTICLES for t in words)
        and not ORG_WORDS.search(span.text)
        and not PLACE_NOUNS.search(span.text)
        and not PLACE_JOINERS.search(span.text)
        and not any(t.like_num for t in words)
    )


SPEECH_LEMMAS = frozenset({"say", "tell", "add", "argue", "warn", "explain", "insist", "claim", "write", "speak"})


def person_cue(span: Span) -> bool:
    """An office just before the name, a speech verb or "who" just after it, or the name the subject of a
    verb of saying ("Pascal Perrineau, of the Institute ..., said")."""
    if span.root.dep_ == "nsubj" and span.root.head.lemma_ in SPEECH_LEMMAS:
        return True
    doc = span.doc
    before = doc[max(0, span.start - 12) : span.start].text_with_ws[-60:]
    after = doc[span.end : min(len(doc), span.end + 4)].text_with_ws[:20]
    if span.start and not doc[span.start - 1].whitespace_:
        before = before.rstrip() + " "
    return bool(ROLE_BEFORE.search(before) or SPEECH_AFTER.match(after))


@Language.component("polgraph_relabel")
def relabel(doc: Doc) -> Doc:
    """Labels from a name's own words and neighbours: a name-like ORG/GPE/FAC next to an office, a speech
    verb or "who" is a person ("the president of Namibia, Hage Geingob", "Roger-Emile Lombertie who was
    elected"), as is one sharing words with the document's people ("Wanda Vázquez Garced" when "Vázquez"
    was one); a PERSON or ORG joined like "Pas-de-Calais" or "Stratford-upon-Avon" is a place, and so is a
    PERSON ending in "Square" or "Station", and a name before "by-election" or "seat"; a lone NORP followed
    by "Party" is one."""
    person_words = {t.text for e in doc.ents if e.label_ == "PERSON" and len(e) >= 2 for t in e if t.is_title}
    text = doc.text  # built from every token on each read: once per document
    seats = {e.text for e in doc.ents if _SEAT_WORD.match(text, e.end_char)}
    name_words = _person_words(doc)
    out = []
    for ent in doc.ents:
        label = ent.label_
        if label in ("PERSON", "ORG") and PLACE_JOINERS.search(ent.text) and not ORG_WORDS.search(ent.text):
            label = "GPE"
        elif label == "PERSON" and len(ent) >= 2 and PLACE_NOUNS.search(ent.text):
            label = "FAC"
        elif label in ("ORG", "GPE", "FAC", "NORP", "LOC") and looks_like_person_name(ent):
            shares_words = ent[-1].text in person_words or ent[0].text in person_words
            if person_cue(ent) or (label in ("ORG", "FAC") and shares_words):
                label = "PERSON"
        elif label == "PERSON" and len(ent) == 1 and ent.end < len(doc) and doc[ent.end].lower_ in _MEDIA_NOUNS:
            label = "ORG"
        elif label == "PERSON" and len(ent) == 1 and _place_by_neighbour(ent, name_words):
            label = "GPE"
        elif label in ("PERSON", "ORG", "WORK_OF_ART", "EVENT", "PRODUCT") and ent.text in seats:
            label = "GPE"  # "the Leicester South by-election", "the Hartlepool seat": every mention of it
        elif label in ("ORG", "PERSON") and ent.start >= 2 and doc[ent.start - 1].lower_ == "of" \
                and doc[ent.start - 2].lower_ in _LOCAL_TITLES:
            label = "GPE"  # "the mayor of Bristol"
        elif (label == "ORG" or label == "PERSON" and len(ent) == 1) and ent.start >= 2 \
                and doc[ent.start - 1].lower_ == "for" and doc[ent.start - 2].lower_ in _SEAT_HOLDERS \
                and not ORG_WORDS.search(ent.text):
            label = "GPE"  # "the Labour candidate for Uxbridge", "MP for Wantage" (not "MP for Eastfield Joan Whitlock")
        out.append(ent if label == ent.label_ else _relabelled(ent, ent.start, ent.end, label))
    return _replace(doc, out)


_IN_SOMEONE = frozenset({"believe", "trust", "invest", "confide", "interest", "lie", "rest", "place", "put"})
_SEAT_HOLDERS = frozenset({"candidate", "mp", "mep", "msp", "mla", "td", "senator", "councillor", "member"})
_SEAT_WORD = re.compile(r"\s+(?:by-?election|constituency|seat|riding|electorate|ward)\b", re.IGNORECASE)


_PLACE_FOLLOWERS = frozenset({"department", "region", "county", "province", "district", "town", "city", "area"})
_MEDIA_NOUNS = frozenset({"newspaper", "programme", "program", "magazine", "channel"})
_LOCAL_TITLES = frozenset({"mayor", "town", "city", "village", "commune", "governor", "mayoralty", "people", "suburb",
                           "seat", "constituency", "electorate", "riding", "ward"})
_PLACE_HEADS = frozenset({"town", "towns", "city", "cities", "village", "villages", "commune", "communes", "region",
                          "regions", "department", "county", "province", "municipality", "constituency"})


def _place_by_neighbour(ent: Span, name_words: set[str]) -> bool:
    """A one-word "person" followed by a place noun ("the Doubs department"), joined by "and" to a place
    ("Frejus and Beziers"), or where a verb's act happened ("won in Kent")."""
    doc = ent.doc
    if ent.end < len(doc) and doc[ent.end].lower_ in _PLACE_FOLLOWERS:
        return True
    token = ent[0]
    partners = [token.head] if token.dep_ == "conj" else []
    partners += [c for c in token.children if c.dep_ == "conj"]
    if any(p.ent_type_ in ("GPE", "LOC") for p in partners):
        return True
    first = token.head if token.dep_ == "conj" else token  # "the towns of Frejus and Beziers"
    if first.dep_ == "pobj" and first.head.lower_ == "of" and first.head.head.lower_ in _PLACE_HEADS:
        return True
    # "beat Nigel Farage in Kent": where something was done, unless the word is part of someone's name
    return (first.dep_ == "pobj" and first.head.lower_ in ("in", "at") and first.head.head.pos_ in ("VERB", "PROPN")
            and first.head.head.lemma_ not in _IN_SOMEONE and token.text not in name_words)


def _capitalised_elsewhere(doc: Doc, word: str, sentence_starts: set[int]) -> bool:
    return any(t.text == word and t.i not in sentence_starts for t in doc)


@Language.component("polgraph_drop_noise")
def drop_noise(doc: Doc) -> Doc:
    """Spans that name no actor or place: demonyms alone ("Tunisian"), laws ("... Act"), words that are no
    names ("Brexit", "MEP"), a lone word before an office that belongs to the title ("Interior" of
    "Interior Minister"), a caption's label ("Annoyed: ..."), and a capitalised common word at the start of
    sentences only ("Riot police", "Exit polls"), a user handle ("EliasHabermas"), a day or prize named after
    someone ("Martin Luther King Jr. Day"), and a name cut after a joining word ("City of", "North and")."""
    sentence_starts = {s.start for s in doc.sents} | {t.i + 1 for t in doc if t.text in (":", "\"", "“", "'", "‘")}
    out = []
    for ent in doc.ents:
        text = ent.text
        if is_own(ent):
            out.append(ent)
            continue
        noise = (
            not text[:1].isupper()
            or text.casefold() in NOT_NAMES
            or any(c in text for c in "[]{}|")
            or (ent.label_ in ("ORG", "NORP") and len(ent) == 1 and DEMONYM.match(text) and not text.isupper())
            or (ent.label_ in ("ORG", "FAC", "PERSON") and LAWS.search(text) and len(ent) >= 2)
            or (len(ent) == 1 and ent.end < len(doc) and OFFICE_WORDS.fullmatch(doc[ent.end].text)
                and ent.label_ in ("ORG", "NORP") and not text.isupper())
            or (len(ent) == 1 and ent.end < len(doc) and doc[ent.end].text == ":" and ent.start in sentence_starts
                and ent[0].pos_ != "PROPN")
            or (len(ent) == 1 and ent.start in sentence_starts and ent.end < len(doc) and doc[ent.end].is_lower
                and doc[ent.end].pos_ == "NOUN" and not _capitalised_elsewhere(doc, text, sentence_starts))
            or (len(ent) == 1 and ent.start in sentence_starts and ent[0].pos_ in ("VERB", "AUX", "ADV"))
            or (len(ent) == 1 and ent.label_ == "PERSON" and HANDLE.search(text))
            or (ent.label_ == "PERSON" and len(ent) >= 2 and ent[-1].lower_ in ("day", "act", "prize", "award"))
            or ent[-1].lower_ in ("of", "and", "&", "the", "or")
        )
        if not noise:
            out.append(ent)
    return _replace(doc, out)


HONORIFICS = frozenset({"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "miss", "sir", "dame", "lord", "lady"})
TICKET_JOINERS = ("-", "/", "–")
LONE_TITLES = frozenset("dean vice alderman professor director attorney justice congressman congresswoman".split())


def _person_words(doc: Doc) -> set[str]:
    """The words of names of two words or more that the model or the gazetteer takes for people (no joined pairs)."""
    return {t.text for ent in doc.ents if ent.label_ in ("PERSON", "Person") and len(ent) > 1
            and not any(j in ent.text for j in TICKET_JOINERS) for t in ent}


def _is_ticket(ent: Span, person_words: set[str]) -> bool:
    """'Biden-Harris', 'Trump/Pence': two people's surnames joined, a ticket or a pair, not one person."""
    parts = [p for p in re.split(r"\s*[-/–]\s*", ent.text) if p]
    return len(parts) >= 2 and all(p in person_words for p in parts)


@Language.component("polgraph_drop_words_not_people")
def drop_words_not_people(doc: Doc) -> Doc:
    """'People' the small model makes of other words: a hashtag or handle ('#MAGA'); two people's names joined
    as a ticket ('Biden-Harris'); and a lone capitalised word that is no part of anyone's name in the article
    and is either a title ('the role of Councillor', 'Dean of the House') or a word the article also writes
    in lower case ('Schools will lift prices ... secondary schools'), unless a mention follows 'Mr' or 'Ms'."""
    person_words = _person_words(doc)
    lower_words = {t.text for t in doc if t.is_lower}
    after_honorific = {doc[t.i + 1].text for t in doc if t.lower_ in HONORIFICS and t.i + 1 < len(doc)}
    out = []
    for ent in doc.ents:
        tag = ent.start > 0 and doc[ent.start - 1].text in ("#", "@") and not doc[ent.start - 1].whitespace_
        lone = (ent.label_ == "PERSON" and len(ent) == 1 and ent.text not in person_words
                and ent.text not in after_honorific)
        noise = (
            tag
            or (ent.label_ in ("PERSON", "Person") and _is_ticket(ent, person_words))
            or (lone and (OFFICE_WORDS.fullmatch(ent.text) is not None or ent.text.lower() in LONE_TITLES
                          or ent.text.lower() in lower_words))
        )
        if not noise:
            out.append(ent)
    return _replace(doc, out)


@Language.component("polgraph_majority_labels")
def majority_labels(doc: Doc) -> Doc:
    """The same words get one label: the one most of their mentions have (ties: the first)."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for ent in doc.ents:
        if not is_own(ent):
            votes[ent.text][ent.label_] += 1
    out = []
    for ent in doc.ents:
        if not is_own(ent) and len(votes[ent.text]) > 1:
            best = votes[ent.text].most_common(1)[0][0]
            ent = ent if best == ent.label_ else _relabelled(ent, ent.start, ent.end, best)
        out.append(ent)
    return _replace(doc, out)


BEFORE_NER = ("polgraph_first_names_not_places",)
ENTITY_FIXES = (
    "polgraph_join_split_names",
    "polgraph_trim_names",
    "polgraph_finish_cut_names",
    "polgraph_relabel",
    "polgraph_drop_noise",
    "polgraph_drop_words_not_people",
    "polgraph_majority_labels",
)
