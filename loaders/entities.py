"""Entities: the people, parties, organisations, regions and places an article names, one node each.

Candidates come from spaCy's NER and the gazetteer's ruler (after the fixes of entity_fixes.py),
from the page furniture (by-lines, photo credits), from proper nouns the model left unlabelled
where their context says what they are ("in Frejus", "Middlesbrough mayor", "Mr Perrineau
said"), and from "the government" of the article's country. Then, within the article:

* titles, roles and seats are stripped ("President Francois Hollande" -> François Hollande,
  "Shadow Chancellor Oliver Letwin", "Backbencher Stephen Pound", "Baroness Kennedy" -> Kennedy,
  "Labour MP for Eastfield Jane Whitcombe"), and possessives;
* a bare surname ("Le Pen", "Ms Le Pen") goes to the person whose full name ends with exactly those
  words, the first named (Marine Le Pen, not Marion Maréchal-Le Pen), a close spelling ("Nicholas
  Sarkozy", "Marie Le Pen") to the gazetteer's or an earlier full name; with no such full name in
  the article, to the gazetteer person holding an office at the article's date ("Mr Howard" in a
  British article of 2004 is Michael Howard, in an Australian one John Howard); across articles,
  loaders/corpus.py links what is left;
* an alias shared by parties of several countries goes to the article's country's party; parties
  named by their members ("the Tories", "socialists") are that party;
* a short form goes to the longer name it abbreviates or begins ("NE" -> North East, "the Front"
  -> Front National);
* every later occurrence of a name already found is a mention too.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache, lru_cache

from rapidfuzz import fuzz, process
from spacy.tokens import Span

from ..graph.ids import fold
from .context import ArticleContext
from .entity_fixes import MODEL_LABELS, NOT_NAMES, OFFICE_WORDS, PLACE_NOUNS
from .gazetteer import COUNTRY_NAMES, COUNTRY_OF_WORD, COUNTRY_WORDS, Entry, Gazetteer, countries_named

TITLES = re.compile(
    r"^(?:(?:former|ex-|late|then|current|outgoing|incoming|acting|interim|deputy|vice)\s+)*"
    r"(?:shadow\s+)?"
    r"(?:mr\.?|mrs\.?|ms\.?|miss|madame|monsieur|dr\.?|sir|dame|lord|lady|baroness|baron|president|prime minister|"
    r"premier|chancellor|taoiseach|senator|sen\.|rep\.|representative|congressman|congresswoman|governor|gov\.|"
    r"mayor|minister|secretary|speaker|leader|candidate|judge|justice|general|gen\.|mp|mep|chairman|chairwoman|king|"
    r"queen|prince|princess|sheikh|backbencher|msp|councillor|archbishop|bishop|pope)\s+",
    re.IGNORECASE,
)
MALE_TITLES = frozenset({"mr", "mr.", "sir", "lord", "king", "prince", "monsieur", "baron", "sheikh"})
FEMALE_TITLES = frozenset({"mrs", "mrs.", "ms", "ms.", "miss", "madame", "lady", "dame", "queen", "princess", "baroness"})
PERSON_TITLES = MALE_TITLES | FEMALE_TITLES | frozenset(
    {"dr", "dr.", "president", "senator", "governor", "mayor", "minister", "chancellor", "premier", "general", "judge"})
PARTY_WORDS = re.compile(
    r"\b(party|parti|front|movement|lega|bloc|rally|democrats|republicans|socialists|conservatives|liberals|greens|"
    r"labour|labor|coalition)\b",
    re.I,
)
ORG_NOUNS = ("campaign", "movement", "committee", "coalition", "alliance", "commission", "council", "foundation",
             "institute", "group", "union", "association")
PLACE_BEFORE = frozenset({"in", "at", "from", "near", "outside", "across", "around", "throughout", "of"})
PLACE_AFTER = frozenset({"mayor", "council", "seat", "constituency", "department", "county", "region", "station",
                         "town", "city", "borough", "district", "province", "area", "headquarters"})
SPEECH = frozenset({"said", "says", "told", "added", "argued", "warned", "insisted", "explained", "stated", "wrote",
                    "tweeted", "claimed", "believes", "thinks", "who", "spoke", "speaks"})
_LABELS = {"PERSON": "Person", "ORG": "Organization", "GPE": "Place", "LOC": "Place"}
_OWN_LABELS = {"Person", "Party", "Region", "Place", "Organization"}
_JUNK_POS = {"VERB", "AUX", "ADV", "PRON"}
# Lower-case words for a party's members that are no everyday nouns ("socialists", "conservatives",
# "republicans", "democrats", "liberals"); "greens" and "reformers" are both.
_MEMBER_NOUNS = re.compile(r"^[a-z]+(?:ists|ives|ans|ats|als)$")
SIMILAR = 0.88  # name similarity taken as the same person (Nicholas/Nicolas Sarkozy)


def find_entities(ctx: ArticleContext) -> None:
    """Pipeline component: fill ``ctx.entities`` and their mentions."""
    ctx.country = ctx.guess_country()
    people: list[tuple[Span, str]] = []
    others: list[tuple[Span, str, str]] = []
    for span, label in _candidates(ctx):
        span, name = _trimmed(span)
        if span is None or _is_junk(span, label) or _in_headline(ctx, span, label):
            continue
        if label in ("ORG", "GPE", "FAC", "LOC", "NORP") and _titled_name(span):
            label = "PERSON"  # "Ms Carver" taken for an organisation
        entry = ctx.gazetteer.lookup(name, ctx.country)
        if entry is not None and _foreign_by_a_common_name(ctx, entry, name):
            entry = None
        if entry is not None and (label in _OWN_LABELS or entry.label != "Person" or " " in name or label == "PERSON"):
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
    _resolve_others(ctx, others)
    _governments(ctx)
    _propagate_mentions(ctx)
    _genders_and_titles(ctx)


_NAME_TITLES = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "baroness", "baron"})


def _titled_name(span: Span) -> bool:
    """A title of a person, then capitalised words only ("Ms Carver", "Dr Ian Fenwick")."""
    return 2 <= len(span) <= 4 and span[0].lower_.rstrip(".") in _NAME_TITLES \
        and all(t.text[:1].isupper() and t.is_alpha for t in span[1:])


def _foreign_by_a_common_name(ctx: ArticleContext, entry: Entry, name: str) -> bool:
    """A party of another country named by a word any country's party may use ("Liberal Democrat" in an
    Australian article), while the article never names that country: not that party."""
    if entry.label != "Party" or not entry.country or not ctx.country or entry.country == ctx.country:
        return False
    if fold(name) == fold(entry.name) or (name.isupper() and len(name) <= 5):
        return False
    words = COUNTRY_WORDS.get(entry.country, ())
    return not any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", ctx.text) for w in words)


# --- candidates -------------------------------------------------------------------------
def _candidates(ctx: ArticleContext) -> list[tuple[Span, str]]:
    """(span, label) of every name: NER and gazetteer, furniture, and unlabelled proper nouns by context."""
    found: list[tuple[Span, str]] = []
    for ent in ctx.doc.ents:
        label = ent.label_
        if ctx.is_skipped(ent.start_char, ent.end_char) or (label not in MODEL_LABELS and label not in _OWN_LABELS):
            continue
        if label == "Party" and ent.text.islower() and not (_MEMBER_NOUNS.match(ent.text) or ent.text.endswith(" party")):
            continue  # "socialist ideas": a word, not the party; "the socialists", "the conservative party" stay
        found.append((ent, label))
    bylines = set(ctx.furniture.bylines + ctx.furniture.contributors)
    for start, end in [*bylines, *ctx.furniture.credits]:
        span = ctx.doc.char_span(start, end, alignment_mode="contract")
        if span is None or not len(span) or not _looks_like_credit_name(span):
            continue
        inside = [(s, lab) for s, lab in found if span.start <= s.start and s.end <= span.end]
        overlapping = [(s, lab) for s, lab in found if s.start < span.end and span.start < s.end]
        if (start, end) in bylines:  # "By Jane Roe\nAssociated Press" read as one name: the by-line ends it
            running_on = [(s, lab) for s, lab in overlapping if span.start <= s.start < span.end < s.end]
            rest = [(s.doc[span.end : s.end], lab) for s, lab in running_on if lab != "PERSON"]
            found = [item for item in found if item not in running_on] + [(r, lab) for r, lab in rest if len(r)]
            overlapping = [item for item in overlapping if item not in running_on]
        if len(inside) == len(overlapping) and all(lab == "PERSON" or (start, end) in bylines for _, lab in inside):
            found = [item for item in found if item not in inside] + [(span, "PERSON")]  # "Chris" of "Chris j wood"
    taken = {i for span, _ in found for i in range(span.start, span.end)}
    # dates and numbers are no names; the model's PRODUCT, EVENT and WORK_OF_ART often are ("Valentigny")
    taken |= {i for ent in ctx.doc.ents if ent.label_ not in ("PRODUCT", "EVENT", "WORK_OF_ART")
              for i in range(ent.start, ent.end)}
    for span, label in _unlabelled_names(ctx, taken):
        found.append((span, label))
    return sorted(found, key=lambda item: item[0].start)


def _looks_like_credit_name(span: Span) -> bool:
    """A by-line's or a photo credit's name: two to four words, the first capitalised ("Chris j wood",
    "C.Suthorn"); not a user handle ("EliasHabermas", "mia!")."""
    words = span.text.split()
    if len(words) == 1:
        return bool(re.fullmatch(r"[A-Z]\.\s?[A-Z][a-z]+", words[0]))
    return 2 <= len(words) <= 4 and words[0][:1].isupper() and all(w.replace("-", "").replace("'", "").isalpha()
                                                                   or re.fullmatch(r"[A-Z]\.", w) for w in words)


def _unlabelled_names(ctx: ArticleContext, taken: set[int]) -> list[tuple[Span, str]]:
    """Proper nouns the model labelled nothing, when their context tells what they are."""
    doc, out = ctx.doc, []
    i = 0
    while i < len(doc):
        token = doc[i]
        if i in taken or token.pos_ != "PROPN" or not token.text[:1].isupper() or token.lower_ in NOT_NAMES \
                or OFFICE_WORDS.fullmatch(token.text) or token.lower_ in PERSON_TITLES or ctx.is_skipped(token.idx):
            i += 1
            continue
        j = i
        while j + 1 < len(doc) and j + 1 not in taken:
            following = doc[j + 1]
            if following.text in ("-", "–") and not doc[j].whitespace_ and not following.whitespace_ \
                    and j + 2 < len(doc) and doc[j + 2].text[:1].isupper():
                j += 2  # "Kilroy-Silk"
            elif following.pos_ == "PROPN" and following.text[:1].isupper() and not OFFICE_WORDS.fullmatch(following.text) \
                    and doc[j].whitespace_:
                j += 1
            else:
                break
        span = doc[i : j + 1]
        label = _label_from_context(span)
        if label and not (len(span) == 1 and span.start == span.sent.start and label != "GPE"):
            out.append((span, label))
            taken.update(range(span.start, span.end))
        i = j + 1
    for token in doc:  # "the (official) Yes campaign": a capitalised word before an organisation noun
        if token.lower_ in ORG_NOUNS and token.i >= 2 and token.i - 1 not in taken and token.i not in taken:
            word = doc[token.i - 1]
            det = next((t for t in reversed(doc[max(0, word.i - 3) : word.i]) if t.pos_ != "ADJ"), None)
            if word.text[:1].isupper() and word.is_alpha and det is not None and det.lower_ == "the" \
                    and word.i != word.sent.start and not word.is_sent_start:
                out.append((doc[word.i : token.i + 1], "ORG"))
                taken.update((word.i, token.i))
    return out


def _titled_after(span: Span) -> bool:
    """"Smriti Irani, a BJP minister": two or three names followed by an apposition a title heads."""
    doc = span.doc
    if not 2 <= len(span) <= 3 or not all(t.is_alpha for t in span) or span.end + 2 >= len(doc) \
            or doc[span.end].text != "," or doc[span.end + 1].lower_ not in ("a", "an", "the"):
        return False
    for token in doc[span.end + 2 : span.end + 7]:
        if token.is_punct:
            return False
        if OFFICE_WORDS.fullmatch(token.text) or token.lower_ in PERSON_TITLES:
            following = doc[token.i + 1] if token.i + 1 < len(doc) else None
            return following is None or following.is_punct or following.lower_ in ("of", "for", "in", "and")
    return False


def _subject_of_speech(span: Span) -> bool:
    """"Pascal Perrineau, of the Institute ..., said": two or three names, the subject of a verb of saying."""
    head = span[-1]
    return 2 <= len(span) <= 3 and head.dep_ == "nsubj" and head.head.lemma_ in (
        "say", "tell", "add", "argue", "warn", "explain", "insist", "claim", "write", "speak")


def _label_from_context(span: Span) -> str | None:
    doc = span.doc
    before = doc[span.start - 1] if span.start else None
    before2 = doc[span.start - 2] if span.start >= 2 else None
    after = doc[span.end] if span.end < len(doc) else None
    if before is not None and before.lower_ in PERSON_TITLES or after is not None and after.lower_ in SPEECH \
            or _subject_of_speech(span) or _titled_after(span):
        return "PERSON" if all(t.is_alpha or t.text in ("-", ".") for t in span) else None
    if after is not None and after.lower_ in PLACE_AFTER and after.is_lower:
        return "GPE"
    if before is not None and before.lower_ in PLACE_BEFORE and len(span) <= 3:
        if before.lower_ == "of" and not (before2 is not None and before2.lower_ in (
                "town", "towns", "city", "cities", "village", "villages", "commune", "region", "county", "mayor")):
            return None
        if before.lower_ == "from" and before2 is not None and before2.lower_ in ("mp", "senator", "member"):
            return "GPE"
        return "GPE"
    if before is not None and before.lower_ == "for" and before2 is not None and before2.lower_ in ("mp", "mep", "msp",
                                                                                                     "senator"):
        return "GPE"
    return None


# --- resolution -------------------------------------------------------------------------
def _resolve_others(ctx: ArticleContext, others: list[tuple[Span, str, str]]) -> None:
    # Short forms last, so "NE" in a headline finds the "North East" named further down.
    for span, name, spacy_label in sorted(others, key=lambda item: " " not in item[1]):
        # The small model sometimes labels a surname as a place or building ("Le Pen" as FAC).
        person = _same_person(ctx, name) if _looks_like_name(span) else None
        if person is not None:
            _mention(ctx, ctx.entities[person], span)
            continue
        label = _LABELS.get(spacy_label) or ("Place" if spacy_label == "FAC" and PLACE_NOUNS.search(name) else None)
        if label is None or (label == "Place" and not name[:1].isupper()) or name[:1].isdigit():
            continue
        if label == "Organization" and PARTY_WORDS.search(name):
            label = "Party"
        caucus = _caucus_party(ctx, name) if label == "Party" else None
        if caucus is not None:  # "House Democrats", "Senate Republicans": the party's members in a chamber
            _mention(ctx, caucus, span)
            continue
        same = _same_organisation(ctx, name) if label in ("Organization", "Party") else _same_place(ctx, name)
        _mention(ctx, ctx.entities[same] if same else ctx.add_entity(label, name), span)


CHAMBERS = frozenset({"house", "senate", "congressional", "parliamentary", "assembly", "commons", "lords"})


def _caucus_party(ctx: ArticleContext, name: str):
    """The party a chamber's group of its members names: "House Democrats" is the Democratic Party."""
    first, _, rest = name.partition(" ")
    if fold(first) not in CHAMBERS or not rest:
        return None
    entry = ctx.gazetteer.lookup(rest, ctx.country, label="Party")
    return ctx.add_entry(entry) if entry is not None else None


def _org_key(name: str) -> str:
    return " ".join(w for w in fold(name).split() if w not in ("the", "party", "parti"))


def _initials(name: str) -> str:
    return "".join(w[0] for w in fold(name).replace("-", " ").split() if w not in ("of", "the", "and", "for", "de"))


def _same_organisation(ctx: ArticleContext, name: str) -> str | None:
    """An organisation or party already named with or without "Party"/"the" ("Thai Raksa Chart [Party]"), by
    its initials ("NE" for North East), or by its first word ("the Front" for Front National)."""
    key = _org_key(name)
    actors = [(i, e) for i, e in ctx.entities.items() if e.label in ("Organization", "Party", "Place", "Region")]
    for entity_id, entity in actors:
        if entity.label in ("Organization", "Party") and key and _org_key(entity.name) == key:
            return entity_id
    return _short_form(name, actors)


def _same_place(ctx: ArticleContext, name: str) -> str | None:
    places = [(i, e) for i, e in ctx.entities.items() if e.label in ("Place", "Region")]
    return _short_form(name, places)


def _short_form(name: str, candidates) -> str | None:
    if name.isupper() and 2 <= len(name) <= 5:
        fitting = [i for i, e in candidates if len(e.name.split()) >= 2 and _initials(e.name) == fold(name)]
        if len(fitting) == 1:
            return fitting[0]
    if " " not in name:  # "the Front" (Front National), "the House" (House of Representatives)
        fitting = [i for i, e in candidates if len(e.name.split()) >= 2 and fold(e.name.split()[0]) == fold(name)
                   and (e.label == "Party" or e.label == "Organization" and e.name.split()[1] == "of")]
        if len(fitting) == 1:
            return fitting[0]
    return None


def _governments(ctx: ArticleContext) -> None:
    """"the government", "the socialist government", "Mr Hollande's government", "the U.S. federal
    government": the Government of the article's (or the named) country, an Organization, outside
    quotations (where "the government" may be anyone's)."""
    quoted = _quoted_ranges(ctx.text)
    for token in ctx.tokens:
        if token.lower_ != "government" or ctx.mention_at(token) is not None:
            continue
        if any(s <= token.idx < e for s, e in quoted) or any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children):
            continue
        start = token
        country = None
        for child in sorted(token.children, key=lambda t: t.i):
            if child.dep_ in ("det", "poss", "amod", "compound", "nmod") and child.i < token.i:
                start = min(start, child, key=lambda t: t.i)
                country = country or COUNTRY_OF_WORD.get(fold(child.text)) or _country_of_entity(ctx, child)
        determiners = [c for c in token.children if c.dep_ in ("det", "poss")]
        if not determiners or any(c.lower_ in ("a", "an", "another", "any", "no", "every") for c in determiners):
            continue
        country = country or ctx.country
        if not country:
            continue
        name = f"Government of {COUNTRY_NAMES.get(country, country)}"
        entity = ctx.add_entity("Organization", name, kind="government", country=country)
        first = start if start.dep_ != "det" else ctx.doc[start.i + 1]
        possessor = next((c for c in token.children if c.dep_ == "poss"), None)
        if possessor is not None and ctx.mention_at(possessor) is not None:
            first = ctx.doc[max(t.i for t in possessor.subtree) + 1]  # "Mr Hollande's government": after the owner
            while first.i < token.i and first.text in ("'s", "’s", "'"):
                first = ctx.doc[first.i + 1]
        ctx.add_mention(entity, first.idx, token.idx + len(token.text), replace=True)


def _country_of_entity(ctx: ArticleContext, token) -> str | None:
    entity_id = ctx.entity_at(token)
    if entity_id is None:
        return None
    entity = ctx.entities[entity_id]
    if entity.label == "Place" and entity.properties.get("kind") == "country":
        return entity.properties.get("country")
    return None


def _quoted_ranges(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(r"[\"“][^\"“”]{1,600}[\"”]", text)]


def _propagate_mentions(ctx: ArticleContext) -> None:
    """Every later occurrence of a name already resolved is a mention too (NER misses some).

    All names go into two patterns, longest first: capitals-only abbreviations matched in their case, the
    other names in any case but starting with a capital in the text.
    """
    taken = bytearray(len(ctx.text) + 1)
    for start, end in [(m.start, m.end) for m in ctx.mentions] + list(ctx.furniture.skipped):
        taken[start:end] = b"\x01" * (end - start)
    forms: dict[str, str] = {}
    for alias, entity_id in {(alias, entity_id) for entity_id, entity in ctx.entities.items()
                             for alias in entity.aliases if len(alias) >= 3 or alias.isupper()} | _surnames(ctx):
        forms.setdefault(alias if alias.isupper() else alias.casefold(), entity_id)
    for exact in (True, False):
        names = sorted((f for f in forms if f.isupper() == exact), key=len, reverse=True)
        if not names:
            continue
        pattern = re.compile(rf"(?<![\w-])(?:{'|'.join(map(re.escape, names))})(?![\w-])", 0 if exact else re.IGNORECASE)
        for match in pattern.finditer(ctx.text):
            start, end = match.span()
            if any(taken[start:end]) or (not exact and not match.group(0)[:1].isupper()):
                continue
            entity_id = forms.get(match.group(0) if exact else match.group(0).casefold())
            if entity_id is None:
                continue
            ctx.add_mention(ctx.entities[entity_id], start, end)
            taken[start:end] = b"\x01" * (end - start)


def _surnames(ctx: ArticleContext) -> set[tuple[str, str]]:
    """Each person's surname (all after the first name, or the last word) that no other person shares."""
    found: dict[str, set[str]] = {}
    for entity_id, entity in ctx.entities.items():
        words = entity.name.split()
        if entity.label == "Person" and len(words) >= 2:
            found.setdefault(" ".join(words[1:]), set()).add(entity_id)
            found.setdefault(words[-1], set()).add(entity_id)
    return {(name, ids.pop()) for name, ids in found.items() if len(ids) == 1 and len(name) >= 3}


def _genders_and_titles(ctx: ArticleContext) -> None:
    """Genders the gazetteer knows, or the article shows by a title before a name ("Ms Royal", "Lord X"), and the
    titles the article gives each person ("Princess Ubolratana", "President Trump"), so that "the princess" and
    "the president" find their person later."""
    for mention in ctx.mentions:
        if ctx.label_of(mention.entity_id) != "Person":
            continue
        before = ctx.text[max(0, mention.start - 16) : mention.start].split()
        word = before[-1].lower().rstrip(".") if before else ""
        if word in MALE_TITLES | {"mr"}:
            ctx.genders.setdefault(mention.entity_id, "m")
        elif word in FEMALE_TITLES | {"mrs", "ms"}:
            ctx.genders.setdefault(mention.entity_id, "f")
        if word in PERSON_TITLES or OFFICE_WORDS.fullmatch(word):
            ctx.titles.setdefault(word, []).append(mention.entity_id)
    for entity_id, entity in ctx.entities.items():
        entry = ctx.gazetteer.by_id(entity_id) if entity.label == "Person" else None
        if entry is not None and entry.gender:
            ctx.genders[entity_id] = entry.gender


def _trimmed(ent: Span) -> tuple[Span | None, str]:
    """The entity without a leading article or a trailing possessive; all-capital names in title case."""
    span = ent
    while len(span) and span[0].lower_ in ("the", "a", "an"):
        span = span[1:]
    if len(span) and span[-1].text in ("'s", "’s", "'"):
        span = span[:-1]
    if not len(span):
        return None, ""
    name = " ".join(span.text.split())
    if name.isupper() and len(name) > 5 and " " in name:
        name = name.title()  # "By PETER ALLEN"
    return span, name


def _is_junk(span: Span, label: str) -> bool:
    """Headline fragments the small model takes for names ("Far-Right Just Suffered A Big Defeat")."""
    if not span.text[:1].isupper() and not span.text[:1].isdigit():
        return not (label == "Party" and (_MEMBER_NOUNS.match(span.text) or span.text.endswith(" party")))
    return len(span) > 3 and any(t.pos_ in _JUNK_POS for t in span)


def _in_headline(ctx: ArticleContext, span: Span, label: str) -> bool:
    """A long name in a Title Case headline is more often a phrase than a name; the gazetteer still counts."""
    title = ctx.document.title
    if not title or span.start_char > ctx.text.find(" ".join(title.split())) + len(title) or len(span) <= 3:
        return False
    return label not in _OWN_LABELS


def _looks_like_name(span: Span) -> bool:
    return 1 <= len(span) <= 4 and all(t.text[:1].isupper() or t.text in ("-", "de", "van", "von", "da") for t in span)


def _mention(ctx: ArticleContext, entity, span: Span) -> None:
    ctx.add_mention(entity, span.start_char, span.end_char)


# Words of titles and portfolios that run into a name ("Minority Whip Dick Durbin", "Director of National
# Intelligence John Ratcliffe", "Jo Jorgensen for President"): never part of it.
PORTFOLIOS = frozenset("state defense defence intelligence health justice education treasury energy interior homeland "
                       "security commerce labor transportation agriculture housing finance foreign affairs home "
                       "national public environment".split())
TITLE_WORDS = frozenset("shadow whip attorney professor director minority majority chief general assistant special envoy "
                        "ambassador lawyer judge".split())


def _strip_title(span: Span) -> Span:
    doc = span.doc
    if len(span) >= 3 and span.start >= 2 and doc[span.start - 1].lower_ in ("for", "of") \
            and OFFICE_WORDS.fullmatch(doc[span.start - 2].text):
        span = span[1:]  # "MP for Eastfield Jane Whitcombe": the seat, then the name
    while len(span) > 1:
        match = TITLES.match(span.text)
        if match:
            span = span[len(span.text[: match.end()].split()) :]
            continue
        first = span[0].lower_
        if len(span) > 2 and (first in TITLE_WORDS | PORTFOLIOS or OFFICE_WORDS.fullmatch(first) or first in ("of", "for")):
            span = span[1:]
            continue
        break
    cut = next((i for i, t in enumerate(span) if i and t.lower_ == "for" and i + 1 < len(span)
                and OFFICE_WORDS.fullmatch(span[i + 1].text)), None)
    return span[:cut] if cut else span


def _resolve_people(ctx: ArticleContext, people: list[tuple[Span, str]]) -> None:
    spans = [_strip_title(span) for span, _ in people]
    longer = [_words(s.text) for s in spans]

    def is_tail_of_another(words: list[str]) -> bool:  # "Rivera Schatz" of "Thomas Rivera Schatz"
        return any(len(other) > len(words) and other[-len(words) :] == words for other in longer)

    full = [s for s in spans if len(s.text.split()) >= 2 and not _is_surname_of_known(ctx, s.text)
            and not is_tail_of_another(_words(s.text))]
    short = [s for s in spans if s not in full]
    for span in full:
        name = _person_name(span.text)
        entry = _similar_person(ctx, name)
        if entry is not None:
            _mention(ctx, ctx.add_entry(entry), span)
            continue
        known = _similar_article_person(ctx, name)
        _mention(ctx, ctx.entities[known] if known else ctx.add_entity("Person", name), span)
    for span in short:
        target = _by_surname(ctx, span.text)
        if target is not None:
            _mention(ctx, ctx.entities[target], span)
            continue
        entry = ctx.gazetteer.lookup(span.text, ctx.country, label="Person") or _office_holder(ctx, span)
        _mention(ctx, ctx.add_entry(entry) if entry else ctx.add_entity("Person", _person_name(span.text)), span)


def _office_holder(ctx: ArticleContext, span: Span) -> Entry | None:
    """The gazetteer person a bare surname ("Bush", "Mr Howard") means in a dated article: the one holding an
    office in the article's year, of the gender a title tells; where several do, the one of the article's
    country, else of the country most of its known people, parties and regions come from, else of the
    country it names most."""
    if ctx.year is None or len(span) > 2:
        return None
    before = ctx.text[max(0, span.start_char - 12) : span.start_char].split()
    title = before[-1].lower() if before else ""
    gender = "m" if title in MALE_TITLES else "f" if title in FEMALE_TITLES else None
    actors = Counter(entry.country for entity_id in ctx.entities  # people, parties, regions (not "the BBC")
                     if (entry := ctx.gazetteer.by_id(entity_id)) is not None and entry.country
                     and entry.label in ("Person", "Party", "Region"))
    named = [code for votes in (actors, countries_named(ctx.text)) for code, _ in votes.most_common()]
    countries = [ctx.country, *named] if ctx.country else named
    return ctx.gazetteer.office_holder(span.text, ctx.year, countries, gender)


def _person_name(text: str) -> str:
    name = " ".join(text.split())
    return name.title() if name.isupper() else name


def _same_person(ctx: ArticleContext, name: str) -> str | None:
    """A person of the article named exactly so, or whose surname this is."""
    words = _words(name)
    exact = [e for e, entity in ctx.entities.items() if entity.label == "Person" and _words(entity.name) == words]
    return exact[0] if exact else _by_surname(ctx, name)


def _words(name: str) -> list[str]:
    return fold(name).replace("'s", "").split()


def _is_surname_of_known(ctx: ArticleContext, name: str) -> bool:
    return _by_surname(ctx, name) is not None and len(_words(name)) <= 2


def _by_surname(ctx: ArticleContext, name: str) -> str | None:
    """The article's person whose name ends with exactly these words, first named first; or, for a first name
    alone ("Terri" after "Terri Collins"), the one person it fits."""
    words = _words(name)
    if not words:
        return None
    matches = [entity_id for entity_id, entity in ctx.entities.items() if entity.label == "Person"
               and len(_words(entity.name)) > len(words) and _words(entity.name)[-len(words) :] == words]
    if not matches and len(words) == 1:  # "Vázquez" of "Wanda Vázquez Garced", "Terri" of "Terri Collins"
        for position in (slice(1, -1), slice(0, 1)):
            matches = [entity_id for entity_id, entity in ctx.entities.items() if entity.label == "Person"
                       and len(_words(entity.name)) > 1 and words[0] in _words(entity.name)[position]]
            if matches:
                break
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
    """The gazetteer person with the most similar full name of as many words, if similar enough (cached: names
    repeat)."""
    forms, entries = _full_names(gazetteer).get(len(folded.split()), ((), ()))
    best = process.extractOne(folded, forms, scorer=fuzz.ratio, score_cutoff=SIMILAR * 100)
    return entries[best[2]] if best else None


@cache
def _full_names(gazetteer: Gazetteer) -> dict[int, tuple[list[str], list[Entry]]]:
    """The gazetteer's people by the number of words of each full name form: folded forms and their entries."""
    found: dict[int, tuple[list[str], list[Entry]]] = {}
    for entry in gazetteer.entries:
        if entry.label != "Person":
            continue
        for form in dict.fromkeys(fold(f) for f in entry.surface_forms):
            words = len(form.split())
            if words >= 2:
                forms, entries = found.setdefault(words, ([], []))
                forms.append(form)
                entries.append(entry)
    return found


def _similar_article_person(ctx: ArticleContext, name: str) -> str | None:
    folded = fold(name)
    for entity_id, entity in ctx.entities.items():
        if entity.label == "Person" and _same_shape(folded, fold(entity.name)) \
                and fuzz.ratio(folded, fold(entity.name)) >= SIMILAR * 100:
            return entity_id
    return None


def _same_shape(one: str, other: str) -> bool:
    """Names that may be spellings of one another: as many words ("George W. Bush" is not "George H. W. Bush")."""
    return len(one.split()) == len(other.split())
