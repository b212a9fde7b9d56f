"""Relations: verb and noun frames read off the parse, titles around names, and a few surface rules.

* Frames (``data/relations/<PREDICATE>.yaml``, see frames.py): "Kilroy-Silk accused UKIP of ...",
  "Warren endorsed Biden", "Swinson was defeated in East Dunbartonshire by an SNP candidate",
  "his campaign for the nomination".
* Titles (``data/relations/offices.yaml``): a title before a name ("UKIP spokesman Mark Croucher",
  "Former French president Nicolas Sarkozy"), beside it ("Robert Jackson, 58, MP for Wantage",
  "The mayor of London, Sadiq Khan", "Peter Nielson, who is UKIP Scotland chairman") or after a
  copula ("He is the third Conservative MP ...") gives LEADS, MEMBER_OF and HOLDS_OFFICE.
* Surface rules over entity-templated sentences (``⟨Person:0⟩'s niece ⟨Person:1⟩``): relatives,
  places within places, by-lines and "contributed to this report", tactical withdrawals, leads
  in a round.

Every fact carries its sentence as evidence; a negated ("did not endorse") or only possible
("could back", "is expected to win") event gives nothing, unless the frame allows it (candidacies).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span, Token

from ..graph.schema import load_schema
from .context import ArticleContext, Templated
from .entity_fixes import DEMONYM
from .frames import agents, antecedent, head_entity, is_hedged, is_negated, objects, patients
from .gazetteer import COUNTRY_OF_WORD
from .patterns import Frame, load_frames, load_offices
from .templates import GAP, P, each

NEGATORS = frozenset({"fail", "refuse", "decline", "deny"})
MEANING_PARTICLES = frozenset({"down", "aside", "back", "off", "away", "up"})
COPULAS = frozenset({"be", "become", "remain", "elect", "appoint", "name", "choose", "install", "confirm", "serve",
                     "re-elect", "reelect", "make"})
NATIONAL_CAPITALISED = {"president": "President", "prime minister": "Prime Minister", "chancellor": "Chancellor",
                        "premier": "Premier", "vice president": "Vice President", "vice-president": "Vice President",
                        "king": "King", "queen": "Queen", "governor general": "Governor General"}
_MEMBER_ADJECTIVE = re.compile(r"(?:ist|ic|an|ive|our|or|y|s)$", re.IGNORECASE)


# --- frames ---------------------------------------------------------------------------
@cache
def _frames_by_word() -> dict[tuple[bool, str], list[Frame]]:
    index: dict[tuple[bool, str], list[Frame]] = defaultdict(list)
    for frame in load_frames():
        for word in frame.words:
            index[(frame.noun, word)].append(frame)
    return index


@cache
def _first_words() -> frozenset[str]:
    return frozenset(word.split()[0] for _, word in _frames_by_word())


def _keys(token: Token) -> Iterator[str]:
    """The lemma (and the word stripped of its ending, where the lemmatizer errs: "hates" -> "hat"), the lemma
    with a particle ("hit back"), and with the words after it ("take aim")."""
    lemma = token.lemma_.lower()
    yield lemma
    word = token.lower_
    for ending in ("s", "d", "es", "ed", "ing"):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            yield word[: -len(ending)]
    for child in token.children:
        if child.dep_ in ("prt", "advmod") and child.i > token.i:
            yield f"{lemma} {child.lower_}"
    following = [t.lower_ for t in token.doc[token.i + 1 : token.i + 3]]
    for n in range(1, len(following) + 1):
        yield " ".join([lemma, *following[:n]])


def _governors(token: Token, depth: int = 4) -> set[str]:
    lemmas = set()
    for _ in range(depth):
        if token.head is token:
            break
        token = token.head
        lemmas.add(token.lemma_.lower())
    return lemmas


def _role_entities(ctx: ArticleContext, word: Token, role: str, through: tuple[str, ...],
                   via: frozenset[str] | None = None) -> list[str]:
    if role == "agent":
        return agents(ctx, word, through=("compound", "appos"))
    if role == "patient":
        return patients(ctx, word, through=through, via=via)
    if role in ("itself", "its verb"):  # the election a verb names ("was elected leader"), or the verb it hangs from
        entity = ctx.entity_at(word if role == "itself" else word.head)
        return [entity] if entity and ctx.label_of(entity) == "Election" else []
    return objects(ctx, word, role, through=through, via=via)


def _noun_subjects(ctx: ArticleContext, noun: Token) -> list[str]:
    """Whose act a noun names: the subject of a copula it completes ("X is the candidate in Y"), its
    possessor ("Warren's campaign"), the name it stands beside ("X, a fierce critic of Y"), or the doer of the
    verb it is the object of ("announced support")."""
    if noun.dep_ in ("attr", "oprd") and noun.head.lemma_ in COPULAS:
        return agents(ctx, noun.head)
    described = noun.head if noun.dep_ == "conj" and noun.head.dep_ == "appos" else noun
    if described.dep_ == "appos":  # "Mamata Banerjee, the chief minister of West Bengal and a critic of Modi"
        named = ctx.entity_at(described.head)
        if named:
            return [named]
    possessor = next((c for c in noun.children if c.dep_ == "poss"), None)
    if possessor is not None:
        found = head_entity(ctx, possessor)
        if found:
            return [found]
    beneficiaries = objects(ctx, noun, "for", through=("compound",))  # "heavy defeats for the socialists"
    if beneficiaries and noun.lemma_ in ("defeat", "loss", "victory", "win", "triumph", "blow", "setback"):
        return beneficiaries
    if noun.dep_ in ("dobj", "attr", "pobj", "nsubj"):
        verb = noun.head if noun.dep_ != "pobj" else noun.head.head
        if verb.pos_ in ("VERB", "AUX") and not is_negated(verb):
            return agents(ctx, verb)
    return []


def _where_clause_place(ctx: ArticleContext, verb: Token) -> list[str]:
    """"Frejus, one of the areas where the FN have won": the place the "where" clause describes."""
    if verb.dep_ != "relcl" or not any(c.lower_ == "where" for c in verb.children):
        return []
    noun = verb.head
    found = head_entity(ctx, noun, ("of", "appos"))
    if found and ctx.label_of(found) in ("Place", "Region"):
        return [found]
    # "Frejus, one of the areas where": the place named just before the clause's noun
    for token in reversed(ctx.doc[max(noun.sent.start, noun.i - 8) : noun.i]):
        entity = ctx.entity_at(token)
        if entity and ctx.label_of(entity) in ("Place", "Region"):
            return [entity]
        if entity:
            break
    return []


def apply_frames(ctx: ArticleContext, sentence: Span) -> None:
    index = _frames_by_word()
    first_words = _first_words()
    schema = load_schema()
    for token in ctx.tokens_of(sentence):
        noun = token.pos_ in ("NOUN", "PROPN")
        if not noun and token.pos_ not in ("VERB", "AUX"):
            continue
        if token.lemma_.lower() not in first_words and not any(token.lower_[: -len(e)] in first_words
                                                               for e in ("s", "d", "es", "ed", "ing")):
            continue  # most words start no frame: skip them before building their keys
        keys = list(_keys(token))
        frames = [f for key in keys for f in index.get((noun, key), ())]
        particle = next((c.lower_ for c in token.children if c.dep_ == "prt"), None)
        if particle in MEANING_PARTICLES:  # "stand down" is not "stand"
            frames = [f for f in frames if any(particle in w.split() for w in f.words)]
        if not frames:
            continue
        negated, hedged, governors = is_negated(token), is_hedged(token), _governors(token)
        for frame in dict.fromkeys(frames):
            if frame.under and not governors & set(frame.under):
                continue
            if not frame.noun and (negated or (not frame.under and governors & NEGATORS)):
                continue
            if hedged and not frame.hedged:
                continue
            through = frame.through
            if frame.noun:
                subjects = _noun_subjects(ctx, token)
                targets = objects(ctx, token, frame.object, through=through, via=frame.via)
            else:
                subjects = _role_entities(ctx, token, frame.subject, ("compound",))
                targets = _where_clause_place(ctx, token) or _role_entities(ctx, token, frame.object, through, frame.via)
                if frame.object not in ("agent", "patient", "itself", "its verb") and _has_object(token):
                    targets = [t for t in targets if not _is_country(ctx, t)]  # "lost the election in Britain"
            declared = schema.relationship(frame.predicate)
            allowed = frame.object_labels or declared.targets
            sources = frame.subject_labels or declared.sources
            for subject in subjects:
                for target in targets:
                    if ctx.label_of(subject) in sources and ctx.label_of(target) in allowed \
                            and not (frame.predicate == "SUPPORTS" and ctx.label_of(target) == "Organization"
                                     and not CAMPAIGN.search(ctx.entities[target].name)):
                        ctx.add_relation(subject, frame.predicate, target, sentence, confidence=0.75, **frame.properties)


def _has_object(verb: Token) -> bool:
    """"won the House in the US", "won 20 percent in Germany": what was won is the object, not the country."""
    return any(c.dep_ == "dobj" for c in verb.children)


def _is_country(ctx: ArticleContext, entity_id: str) -> bool:
    return ctx.entities[entity_id].properties.get("kind") == "country"


# --- titles ---------------------------------------------------------------------------
@dataclass
class Item:
    """One word of a title phrase, or one entity mention in it."""

    text: str
    token: Token
    entity: str | None = None
    label: str | None = None


def _items(ctx: ArticleContext, tokens: list[Token]) -> list[Item]:
    items: list[Item] = []
    for token in tokens:
        mention = ctx.mention_at(token)
        if mention is not None:
            if items and items[-1].entity == mention.entity_id and items[-1].token.i == token.i - 1:
                items[-1].token = token
                continue
            label = ctx.label_of(mention.entity_id)
            items.append(Item(ctx.text[mention.start:mention.end], token, mention.entity_id, label))
        elif token.lower_ in ("party", "government", "their", "its") and head_entity(ctx, token):
            entity = head_entity(ctx, token)  # "the party", "their candidate"
            items.append(Item(token.text, token, entity, ctx.label_of(entity)))
        elif _party_word(ctx, token):
            items.append(Item(token.text, token, _party_word(ctx, token), "Party"))  # "socialist Francois Hollande"
        else:
            items.append(Item(token.lower_, token))
    return items


@cache
def _title_words() -> frozenset[str]:
    offices = load_offices()
    words = {w for titles in offices.by_kind.values() for title in titles for w in re.split(r"[ -]", title)}
    return frozenset(words | offices.past | offices.qualifiers | {"minister", "secretary"})


def _left_phrase(ctx: ArticleContext, start: int, sentence: Span) -> list[Token]:
    """The tokens of a title before token ``start`` ("Former French president", "UKIP Scotland chairman")."""
    doc, words, taken = ctx.doc, _title_words(), []
    i = start - 1
    while i >= sentence.start:
        token = doc[i]
        mention = ctx.mention_at(token)
        if mention is not None:
            if ctx.label_of(mention.entity_id) == "Person":
                break
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            taken[:0] = list(span)
            i = span.start - 1
            continue
        lower = token.lower_
        if lower in ("of", "for") and not (i > sentence.start and doc[i - 1].lower_ in words):
            break
        if token.text == ")":
            opening = next((j for j in range(i - 1, max(sentence.start, i - 12) - 1, -1) if doc[j].text == "("), None)
            if opening is None:
                break
            i = opening - 1
            continue
        hyphen = token.text in ("-", "–") and not token.whitespace_
        if lower in words or lower in ("and", "&", "'s", "’s", "of", "for") or hyphen \
                or fold_country(lower) or _party_word(ctx, token) or token.like_num and token.i == start - 1 or lower in (
                "third", "second", "first", "fourth", "fifth", "new", "fellow", "another", "other", "top"):
            taken.insert(0, token)
            i -= 1
            continue
        if token.dep_ == "det" or lower in ("his", "her", "their", "its"):
            taken.insert(0, token)
        break
    while taken and taken[0].lower_ in ("and", "&", "of", "for", "'s", "’s", "-"):
        taken.pop(0)
    return taken


def fold_country(word: str) -> str | None:
    return COUNTRY_OF_WORD.get(word.lower())


def _party_word(ctx: ArticleContext, token: Token) -> str | None:
    """A party named by a word for its members ("socialist Francois Hollande", "a Socialist", "Tory")."""
    if not token.is_alpha or token.pos_ not in ("ADJ", "PROPN", "NOUN") or not _MEMBER_ADJECTIVE.search(token.text):
        return None
    for form in (token.text, token.text + "s", token.text.capitalize() + "s"):
        entry = ctx.gazetteer.lookup(form, ctx.country, label="Party")
        if entry is not None and (entry.country == ctx.country or ctx.country is None):
            entity = ctx.add_entry(entry)
            ctx.add_mention(entity, token.idx, token.idx + len(token.text))
            return entity.id
    return None


def _right_phrase(ctx: ArticleContext, end: int, sentence: Span) -> tuple[list[Token], bool]:
    """The tokens of an apposition after token ``end`` (", 58, MP for Wantage", ", who is expected to
    become the FN mayor"), and whether it is only expected."""
    doc = ctx.doc
    i = end
    if i + 2 < sentence.end and doc[i].text == "," and doc[i + 1].like_num and doc[i + 2].text == ",":
        i += 2  # an age: "Robert Jackson, 58, MP for Wantage"
    if i + 1 < sentence.end and doc[i].lower_ in ("of", "from"):
        party = next((t for t in doc[i + 1 : i + 4] if ctx.label_of(ctx.entity_at(t) or "") == "Party"), None)
        if party is not None:  # "Yvette Cooper of the Labour Party", "Robert Habeck of the Greens becomes ..."
            last = max(t.i for t in doc[party.i : i + 4] if ctx.entity_at(t) == ctx.entity_at(party))
            return list(doc[i : last + 1]), False
    if i >= sentence.end or doc[i].text not in (",", "("):
        return [], False
    i += 1
    hedged = False
    if i < sentence.end and doc[i].lower_ in ("who", "then", "now", "also", "currently"):
        while i < sentence.end and (doc[i].lower_ in ("who", "then", "now", "also", "currently", "has", "had", "been", "is",
                                                      "was", "becomes", "became", "remains", "is", "to", "become", "be")
                                    or doc[i].lemma_ in ("expect", "set", "likely", "poise", "tip")):
            hedged = hedged or doc[i].lemma_ in ("expect", "set", "likely", "poise", "tip")
            i += 1
    taken = []
    while i < sentence.end:
        token = doc[i]
        if token.text in (",", ";", ".", ")", ":", "(", "\"", "“", "”") or token.tag_ in ("VBD", "VBZ", "VBP", "MD") \
                or token.lower_ in ("who", "which", "that", "said", "says"):
            break
        mention = ctx.mention_at(token)
        if mention is not None and ctx.label_of(mention.entity_id) == "Person":
            span = ctx.doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span.end < sentence.end and doc[span.end].text in ("'s", "’s"):  # "for Mr Hollande's government"
                taken.extend(doc[i : span.end + 1])
                i = span.end + 1
                continue
            if taken and taken[-1].lower_ in ("of", "to", "for", "with", "under"):
                break  # "the chief minister of West Bengal and a critic of Modi": Modi is no title of hers
            return [], False  # a list: "X, Labour MP Tom Watson" titles the next name
        taken.append(token)
        i += 1
    if i < sentence.end and doc[i].text == "(":
        return [], False
    return taken, hedged


def _reverse_phrase(ctx: ArticleContext, start: int, sentence: Span) -> list[Token]:
    """The tokens of a title before ", Name" at the start of a clause ("The mayor of London, Sadiq Khan")."""
    doc = ctx.doc
    if start - 2 < sentence.start or doc[start - 1].text != ",":
        return []
    phrase = _left_phrase(ctx, start - 1, sentence)
    if not phrase:
        return []
    before = phrase[0].i - 1
    if before >= sentence.start and doc[before].pos_ not in ("ADP", "SCONJ", "CCONJ") and doc[before].text not in (
            ":", "\"", "“", "—", "-", "including"):
        return []
    name = ctx.mention_at(doc[start])
    span = ctx.doc.char_span(name.start, name.end, alignment_mode="expand") if name else None
    if span is not None and span.end < len(doc) and doc[span.end].text in ("'s", "’s"):
        return []  # "UMP president, Sarkozy's agenda": no apposition
    return phrase


OFFICE_NOUNS = frozenset({"office", "post", "position", "role", "job", "seat", "title"})
OFFICE_VERBS = frozenset({"hold", "resume", "assume", "take", "occupy", "retain", "keep", "regain", "win", "accept"})
AS_VERBS = frozenset({"use", "name", "nominate", "choose", "select", "field", "appoint", "elect", "confirm", "install",
                      "pick", "present", "put", "swear"})


def _subtree_tokens(token: Token) -> list[Token]:
    skip = {t.i for c in token.children if c.dep_ in ("relcl", "acl", "advcl") for t in c.subtree}
    return [t for t in token.subtree if t.i not in skip]


def _office_phrases(ctx: ArticleContext, sentence: Span) -> Iterator[tuple[str, list[Token], bool]]:
    """"X resumed the office of Speaker of the House", "using X as their candidate"."""
    for verb in ctx.tokens_of(sentence):
        if verb.lemma_ in OFFICE_VERBS and not is_negated(verb):
            for obj in (c for c in verb.children if c.dep_ == "dobj" and c.lower_ in OFFICE_NOUNS):
                for title in (p for c in obj.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
                              if p.dep_ == "pobj"):
                    for person in agents(ctx, verb):
                        if ctx.label_of(person) == "Person":
                            yield person, _subtree_tokens(title), is_hedged(verb)
        if verb.lemma_ in AS_VERBS and not is_negated(verb):
            for title in (p for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" for p in c.children
                          if p.dep_ == "pobj"):
                for person in patients(ctx, verb):
                    if ctx.label_of(person) == "Person":
                        yield person, _subtree_tokens(title), is_hedged(verb)


def _copula_phrases(ctx: ArticleContext, sentence: Span) -> Iterator[tuple[str, list[Token], bool]]:
    """(person, title tokens, hedged) for "X is / was elected / became TITLE"."""
    yield from _office_phrases(ctx, sentence)
    for verb in ctx.tokens_of(sentence):
        if verb.lemma_ not in COPULAS or is_negated(verb):
            continue
        complements = [c for c in verb.children if c.dep_ in ("attr", "oprd")]
        if verb.lemma_ == "serve":
            complements = [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" for p in c.children
                           if p.dep_ == "pobj"]
        if not complements:
            continue
        people = [e for e in (patients(ctx, verb) if verb.lemma_ not in ("be", "become", "remain", "serve") else [])
                  or agents(ctx, verb) if ctx.label_of(e) == "Person"]
        for complement in complements:
            for person in people:
                yield person, _subtree_tokens(complement), is_hedged(verb)


def _title_facts(ctx: ArticleContext, person: str, tokens: list[Token], sentence: Span, *, adjacent: bool,
                 hedged: bool = False) -> None:
    """Facts a title phrase states about ``person``; ``adjacent``: the phrase stands right before the name."""
    offices = load_offices()
    for i, token in enumerate(tokens):  # "ambassador under former president George W. Bush": not his title
        mention = ctx.mention_at(token)
        if mention is not None and ctx.label_of(mention.entity_id) == "Person" and mention.entity_id != person:
            own_title = _left_phrase(ctx, token.i, sentence)  # nor is "Republican Governor" of "Larry Hogan"
            cut = own_title[0].i if own_title else token.i
            tokens = [t for t in tokens[:i] if t.i < cut]
            break
    items = _items(ctx, tokens)
    segments: list[list[Item]] = [[]]
    for item in items:
        if item.entity is None and item.text in ("and", "&", ","):
            segments.append([])
        else:
            segments[-1].append(item)
    shared_owner = _trailing_owner(segments)
    for number, segment in enumerate(segments):
        titles = list(_titles_in(segment, offices))
        last = number == len(segments) - 1
        if not titles:
            if adjacent and last or not adjacent:
                for item in segment:
                    party = item.entity if item.label == "Party" else None
                    if party and _is_bare_party(segment, item):
                        ctx.add_relation(person, "MEMBER_OF", party, sentence, confidence=0.75)
            continue
        for start, end, title in titles:
            if end == len(segment) and shared_owner is not None and number < len(segments) - 1 \
                    and not any(it.entity for it in segment):
                segment = [*segment, *shared_owner]  # "the president and chief executive of X": both of X
            _one_title(ctx, person, segment, start, end, title, sentence, hedged)


def _trailing_owner(segments: list[list[Item]]) -> list[Item] | None:
    """The "of X" that ends the last of several coordinated titles."""
    if len(segments) < 2:
        return None
    last = segments[-1]
    for i, item in enumerate(last):
        if item.text in ("of", "for") and i + 1 < len(last) and any(it.entity for it in last[i + 1 :]):
            return last[i:]
    return None


_BARE_WORDS = frozenset({"a", "an", "the", "fellow", "another", "former", "of", "from"})


def _is_bare_party(segment: list[Item], party: Item) -> bool:
    """A party on its own before a name or after a comma: "Republican Kevin McCarthy", "a Socialist", also with
    the place the member comes from or sits for: "a New York Democrat", "Democrat of West Virginia"."""
    others = [i for i in segment if i is not party and i.text not in _BARE_WORDS and i.label not in ("Place", "Region")]
    return not others


def _titles_in(segment: list[Item], offices) -> Iterator[tuple[int, int, str]]:
    """(start, end, title) of each title in the segment, longest first where they overlap."""
    i = 0
    while i < len(segment):
        found = None
        for n in range(min(offices.longest + 2, len(segment) - i), 0, -1):
            words = [it.text for it in segment[i : i + n]]
            if any(it.entity for it in segment[i : i + n]) or words[0] in ("-", "of", "for"):
                continue
            title = " ".join(words).replace(" - ", "-").replace(" -", "-").replace("- ", "-")
            if offices.kinds(title) and not (title in offices.qualifiers or title in offices.past):
                found = (i, i + n, title)
                break
        if found:
            yield found
            i = found[1]
        else:
            i += 1


# SUPPORTS goes to an organisation only when it campaigns ("the Yes campaign"), not to a policy or agency.
CAMPAIGN = re.compile(r"\b(?:campaign|movement|coalition|alliance|front|committee)\b", re.IGNORECASE)
LEGISLATURE = re.compile(r"\b(?:Parliament|Congress|Assembly|Senate|House|Bundestag|Knesset|Diet|Duma|Sabha|Dáil|Cortes)\b")
CANDIDACY = frozenset({"candidate", "candidacy", "nominee", "bid", "run", "campaign"})


def _one_title(ctx: ArticleContext, person: str, segment: list[Item], start: int, end: int, title: str,
               sentence: Span, hedged: bool) -> None:
    offices = load_offices()
    kinds = offices.kinds(title)
    before = segment[:start]
    if len(before) >= 2 and before[-1].text == "for" and before[-2].text in CANDIDACY:
        return  # "their candidate for prime minister" holds no office yet
    past = any(it.text.rstrip("-") in offices.past or it.text == "ex" for it in before)
    qualifiers = [it.text for it in before if it.text in offices.qualifiers]
    owner_item, qualifier_places = _owner(segment, start, end)
    if owner_item is not None and owner_item in before:  # "the SNP's Westminster leader": a leader of a part of it
        between = before[before.index(owner_item) + 1 :]
        qualifier_places += [it.token.text for it in between if it.entity is None and it.token.text[:1].isupper()
                             and it.text not in offices.qualifiers | offices.past and not fold_country(it.text)]
    owner = owner_item.entity if owner_item else None
    role = " ".join([*qualifier_places, *qualifiers, title]).strip()
    current = False if past else None
    if owner is None and "national" in kinds:
        if "shadow" in qualifiers:
            return  # "Shadow Chancellor Oliver Letwin" holds no office of the country
        if any(DEMONYM.match(it.token.text) and not fold_country(it.text) for it in before if it.entity is None):
            return  # "Egyptian foreign minister" in an article the gazetteer cannot place
        adjective = next((it for it in reversed(before) if it.entity is None and fold_country(it.text)), None)
        if adjective is not None:  # "German Chancellor": the adjective names Germany
            country = ctx.country_place(fold_country(adjective.text))
            ctx.add_mention(country, adjective.token.idx, adjective.token.idx + len(adjective.token.text))
            owner = country.id
        elif not hedged:
            owner_entity = _country_of(ctx, person)
            if owner_entity is not None:
                ctx.add_relation(person, "HOLDS_OFFICE", owner_entity, sentence, tier="inferred", confidence=0.7,
                                 role=_role(title), current=current)
            return
    party_before = next((it.entity for it in reversed(before) if it.label == "Party" and it.entity != owner), None)
    if party_before and owner is not None and ctx.label_of(owner) != "Party" and "members" in kinds | {"members"}:
        ctx.add_relation(person, "MEMBER_OF", party_before, sentence, confidence=0.75)
    if owner is None:
        return
    label = ctx.label_of(owner)
    if label == "Party":
        party_adjective = owner_item is not None and _names_members(owner_item.text)
        if "national" in kinds and not ({"leaders", "offices"} & kinds and not party_adjective):
            ctx.add_relation(person, "MEMBER_OF", owner, sentence, confidence=0.8)
            country = _country_of(ctx, person)
            if "shadow" in qualifiers and not hedged:  # the opposition's spokesman: an office of the party
                ctx.add_relation(person, "HOLDS_OFFICE", owner, sentence, confidence=0.8, role=role, current=current)
            elif country and not hedged:
                ctx.add_relation(person, "HOLDS_OFFICE", country, sentence, tier="inferred", confidence=0.7,
                                 role=_role(title), current=current)
        elif "leaders" in kinds and not qualifiers and not qualifier_places and not hedged:
            if past:
                ctx.add_relation(person, "HOLDS_OFFICE", owner, sentence, confidence=0.8, role=title, current=False)
            else:
                ctx.add_relation(person, "LEADS", owner, sentence, confidence=0.9)
        elif {"leaders", "offices"} & kinds and not hedged:
            ctx.add_relation(person, "HOLDS_OFFICE", owner, sentence, confidence=0.8, role=role, current=current)
            ctx.add_relation(person, "MEMBER_OF", owner, sentence, confidence=0.8)
        else:
            ctx.add_relation(person, "MEMBER_OF", owner, sentence, confidence=0.8, current=current)
    elif label == "Organization":
        if "members" in kinds and LEGISLATURE.search(ctx.entities[owner].name):
            ctx.add_relation(person, "HOLDS_OFFICE", owner, sentence, confidence=0.8, role=role, current=current)
        elif "members" in kinds and not {"leaders", "offices"} & kinds:
            ctx.add_relation(person, "MEMBER_OF", owner, sentence, confidence=0.7, current=current)
        elif not hedged:
            ctx.add_relation(person, "HOLDS_OFFICE", owner, sentence, confidence=0.8, role=role, current=current)
    elif label in ("Place", "Region") and ({"local", "national"} & kinds) and not hedged:
        ctx.add_relation(person, "HOLDS_OFFICE", owner, sentence, confidence=0.8, role=_role(role), current=current)


def _owner(segment: list[Item], start: int, end: int) -> tuple[Item | None, list[str]]:
    """Whose title it is: an entity after "of"/"for" ("leader of the SPD", "MP for Wantage"), else the
    nearest before it ("UKIP spokesman"); places between a party and the title qualify it ("UKIP
    Scotland chairman")."""
    after = segment[end:]
    while after and (after[0].text in ("of", "for", "the", "from", "in")
                     or after[0].entity is None and (after[0].token.is_lower or after[0].text == "-")
                     and any(it.entity for it in after[1:5]) and segment[end].text in ("of", "for")):
        after = after[1:]  # "leader of the far-right National Rally"
        if len(after) >= 3 and after[0].label == "Person" and after[1].text in ("'s", "’s"):
            after = after[2:]  # "spokesman for Mr Hollande's government": the government's
        if after and after[0].entity and segment[end].text in ("of", "for", "from", "in"):
            return after[0], []
    entities = [it for it in segment[:start] if it.entity]
    if not entities:
        return None, []
    nearest = entities[-1]
    if nearest.label in ("Place", "Region"):
        actors = [it for it in entities if it.label in ("Party", "Organization")]
        if actors:
            return actors[-1], [it.text for it in entities[entities.index(actors[-1]) + 1 :]]
    return nearest, []


def _names_members(text: str) -> bool:
    """A party named by the word for its members ("Socialist", "Republican"), not by its name ("UKIP")."""
    return " " not in text and not text.isupper() and bool(_MEMBER_ADJECTIVE.search(text))


def _country_of(ctx: ArticleContext, person: str) -> str | None:
    """The country a national office without a country belongs to: the person's own, else the article's."""
    entry = ctx.gazetteer.by_id(person)
    if entry is not None and entry.country:
        named = ctx.mentioned_country(entry.country)
        return named.id if named else None
    country = ctx.country_entity()
    return country.id if country else None


def _role(text: str) -> str:
    """'prime minister' -> 'Prime Minister' (national offices capitalised), other roles in lower case."""
    role = " ".join(text.lower().split())
    return NATIONAL_CAPITALISED.get(role, role)


def apply_titles(ctx: ArticleContext, sentence: Span) -> None:
    people = [m for m in ctx.mentions_between(sentence.start_char, sentence.end_char)
              if ctx.label_of(m.entity_id) == "Person"]
    for mention in people:
        span = ctx.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        left = _left_phrase(ctx, span.start, sentence)
        if left:
            _title_facts(ctx, mention.entity_id, left, sentence, adjacent=True)
        right, hedged = _right_phrase(ctx, span.end, sentence)
        if right:
            _title_facts(ctx, mention.entity_id, right, sentence, adjacent=False, hedged=hedged)
        reverse = _reverse_phrase(ctx, span.start, sentence)
        if reverse:
            _title_facts(ctx, mention.entity_id, reverse, sentence, adjacent=False)
    for person, tokens, hedged in _copula_phrases(ctx, sentence):
        if hedged != "conditional":  # "if he becomes UMP president": nothing yet
            _title_facts(ctx, person, tokens, sentence, adjacent=False, hedged=bool(hedged))


# --- surface rules --------------------------------------------------------------------
RELATIVES = (
    r"niece|nephew|daughter|son|father|mother|wife|husband|brother|sister|uncle|aunt|cousin|granddaughter|grandson|"
    r"grandfather|grandmother|partner|stepson|stepdaughter|stepfather|stepmother|girlfriend|boyfriend|fianc[ée]e?|"
    r"ex-wife|ex-husband|widow|widower|first lady|spouse|brother-in-law|sister-in-law|son-in-law|daughter-in-law|"
    r"father-in-law|mother-in-law|grandchild|granddad|twin"
)
_KIN_ADJECTIVES = r"(?:(?:younger|elder|older|late|own|former|ex-|estranged|twin|half-|eldest|youngest|step)\s*)*"
_RELATIVE_PRONOUN = each(rf"\b(?P<pronoun>her|his)\s+{_KIN_ADJECTIVES}(?P<relation>{RELATIVES})\s*,?\s+"
                         rf"(?:[A-Z][a-z]+\s+)?{P('Person', name='person')}")
_RELATIVE_POSSESSIVE = each(rf"{P('Person', name='of')}(?:'s|’s)\s+{_KIN_ADJECTIVES}(?P<relation>{RELATIVES})\s*,?\s+"
                            rf"(?:[A-Z][a-z]+\s+)?{P('Person', name='person')}")
_RELATIVE_APPOS = each(rf"{P('Person', name='person')}, (?:the |his |her )?{_KIN_ADJECTIVES}(?P<relation>{RELATIVES}) "
                       rf"of {P('Person', name='of')}")
_CONTAINERS = (r"(?:seat|town|city|village|commune|constituency|district|area|region|department|province|county|"
               r"borough|suburb)")
_QUARTER = r"(?:north|south|east|west|north-east|north-west|south-east|south-west|centre|center|heart)(?:ern)?"
_PLACE_IN = each(rf"{P('Place', name='inner')}(?: {_CONTAINERS})?,? in (?:the )?(?:{_QUARTER} (?:of )?)?"
                 rf"{P('Place', 'Region', name='outer')}")
_PLACE_COMMA = each(rf"{P('Place', name='inner')}, {P('Place', 'Region', name='outer')}"
                    r"(?=[.;:)]|$| (?:on|in|at|said|was|is|where)\b)")
_PLACE_OF = each(rf"\b(?:commune|town|city|village|municipality|suburb|district|capital) of {P('Place', name='place')}")
_CONTRIBUTED = each(rf"{P('Person', name='person')}(?: and {P('Person', name='second')})? contributed "
                    r"(?:reporting )?to this (?:report|article|story)")
_WITHDREW = each(
    rf"{P('Party', 'Person', name='actor')}{GAP % 20}\b(?:pulled|withdrew|withdrawn|stood down|pulled out)\b{GAP % 80}"
    rf"\b(?:in favou?r of|to help|so(?: that)? (?:voters|people|supporters) (?:would|could|will|can) (?:support|back|"
    rf"vote for))\b{GAP % 30}{P('Party', 'Person', name='other')}"
)
_PARTY_OF_PERSON = each(rf"{P('Party', name='party')} of (?:former |current )?(?:(?:president|leader|prime minister|"
                        rf"chancellor) )?{P('Person', name='person')}")
_PARTY_S_PERSON = each(rf"{P('Party', name='party')}(?:'s|’s|') (?:(?:Sir|Dame|Lord|Lady|Dr|Mr|Mrs|Ms)\.? )?"
                       rf"{P('Person', name='person')}")  # "Labour's Rachel Reeves", "Labour's Sir Peter Soulsby"
_PERSON_S_PARTY = each(rf"{P('Person', name='person')}(?:'s|’s|, whose) (?:own )?(?:[\w-]+ )?{P('Party', name='party')}")
# American style: "Elizabeth Warren (D-Mass.)", "Kevin McCarthy, R-Calif.,": the party by its initial.
_PARTY_TAG = each(rf"{P('Person', name='person')}(?: \(|, )(?P<initial>[DRI])-"
                  rf"(?:{P('Place', 'Region')}|[A-Z][\w.]*)(?:\)|,)", flags=0)
_PARTY_INITIALS = {"D": "Democratic Party", "R": "Republican Party", "I": None}
_PRONOUN_S_PARTY = each(rf"\b(?P<pronoun>his|her)(?: own)?(?: [\w-]+){{0,2}} {P('Party', name='party')}")
_LED_IN = re.compile(
    rf"\b(?:led|leading|came first|finished first|topped the poll)\b (?:in )?(?P<count>\w+|a number)"
    rf"(?: of [^⟨⟩]{{0,20}}?(?:{P('Place')}(?:'s)? )?(?:\d+ )?)? ?regions?",
    re.IGNORECASE,
)
_NUMBERS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen".split())}


def _pronoun_person(ctx: ArticleContext, t: Templated, match: re.Match, slot: str) -> str | None:
    token = ctx.doc.char_span(t.slot(match[slot]).start, t.slot(match[slot]).end, alignment_mode="expand")
    wanted = match["pronoun"].lower()
    pronoun = next((tok for tok in ctx.doc[max(token.start - 8, 0) : token.start] if tok.lower_ == wanted), None)
    return antecedent(ctx, pronoun) if pronoun is not None else None


def apply_surface_rules(ctx: ArticleContext, sentence: Span, t: Templated) -> None:
    for match in _RELATIVE_POSSESSIVE(t) + _RELATIVE_APPOS(t):
        ctx.add_relation(t.entity(match["person"]), "RELATIVE_OF", t.entity(match["of"]), sentence, confidence=0.85,
                         relation=match["relation"].lower())
    for match in _RELATIVE_PRONOUN(t):
        other = _pronoun_person(ctx, t, match, "person")
        if other:
            ctx.add_relation(t.entity(match["person"]), "RELATIVE_OF", other, sentence, confidence=0.75,
                             relation=match["relation"].lower())
    for match in _PLACE_IN(t) + _PLACE_COMMA(t):
        ctx.add_relation(t.entity(match["inner"]), "LOCATED_IN", t.entity(match["outer"]), sentence, confidence=0.7)
    for match in _PLACE_OF(t):
        country = ctx.country_entity()
        if country is not None:
            ctx.add_relation(t.entity(match["place"]), "LOCATED_IN", country.id, sentence, tier="inferred", confidence=0.6)
    for match in _CONTRIBUTED(t):
        for slot in ("person", "second"):
            if match[slot]:
                ctx.add_relation(t.entity(match[slot]), "CONTRIBUTED_TO", "ARTICLE", sentence, confidence=0.9)
    for match in _WITHDREW(t):
        ctx.add_relation(t.entity(match["actor"]), "SUPPORTS", t.entity(match["other"]), sentence, confidence=0.8,
                         kind="withdrawal")
    for match in _PARTY_OF_PERSON(t):
        ctx.add_relation(t.entity(match["person"]), "LEADS", t.entity(match["party"]), sentence, confidence=0.6)
    for match in _PARTY_S_PERSON(t):
        ctx.add_relation(t.entity(match["person"]), "MEMBER_OF", t.entity(match["party"]), sentence, confidence=0.75)
    for match in _PERSON_S_PARTY(t):
        ctx.add_relation(t.entity(match["person"]), "MEMBER_OF", t.entity(match["party"]), sentence, confidence=0.8)
    for match in _PARTY_TAG(t):
        name = _PARTY_INITIALS[match["initial"]]
        entry = ctx.gazetteer.lookup(name, "US", label="Party") if name else None
        if entry is not None:
            party = ctx.add_entry(entry)
            tag = t.slot(match["person"]).end
            ctx.add_mention(party, tag + 2, tag + 3)  # the initial itself names the party
            ctx.add_relation(t.entity(match["person"]), "MEMBER_OF", party.id, sentence, confidence=0.85)
    for match in _PRONOUN_S_PARTY(t):
        person = _pronoun_person(ctx, t, match, "party")
        if person and ctx.label_of(person) == "Person":
            ctx.add_relation(person, "MEMBER_OF", t.entity(match["party"]), sentence, confidence=0.7)
    _led_in(ctx, sentence, t)


def _led_in(ctx: ArticleContext, sentence: Span, t: Templated) -> None:
    rounds = [s for s in t.slots if ctx.label_of(s.entity_id) == "Round"]
    for match in _LED_IN.finditer(t.text):
        if not rounds:
            continue
        actors = list(re.finditer(P("Party", "Person"), t.text[: match.start()]))
        actor = t.entity(actors[-1].group(0)) if actors else ctx.most_mentioned("Party")
        if actor is None:
            continue
        count = match["count"].lower()
        regions = int(count) if count.isdigit() else _NUMBERS.get(count)
        ctx.add_relation(actor, "LED_IN", rounds[0].entity_id, sentence, confidence=0.7, regions=regions)


def apply_bylines(ctx: ArticleContext) -> None:
    """The authors of the by-line (see furniture.py) AUTHORED the article; the reporters and writers of a wire
    story's credit line CONTRIBUTED_TO it."""
    for spans, predicate in ((ctx.furniture.bylines, "AUTHORED"), (ctx.furniture.contributors, "CONTRIBUTED_TO")):
        for start, end in spans:
            for mention in ctx.mentions_between(start, end):
                if ctx.label_of(mention.entity_id) == "Person":
                    ctx.add_relation(mention.entity_id, predicate, "ARTICLE", ctx.sentence_of(start), confidence=0.9)


def _is_question(sentence: Span) -> bool:
    return sentence.text.rstrip(" \"”’'").endswith("?")


def find_relations(ctx: ArticleContext) -> None:
    """Pipeline component: ``ctx.relations`` from frames, titles and surface rules, sentence by sentence."""
    apply_bylines(ctx)
    for sentence in ctx.sentences:
        if _is_question(sentence) or ctx.is_skipped(sentence.start_char, sentence.end_char) and len(sentence) < 4:
            continue
        templated = ctx.templated(sentence)
        if "⟨" not in templated.text:
            continue
        apply_frames(ctx, sentence)
        apply_titles(ctx, sentence)
        apply_surface_rules(ctx, sentence, templated)

