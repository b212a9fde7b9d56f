"""Who did what to whom, read off spaCy's dependency parse: the layer relations and quotations share.

A *frame* is a verb with its arguments resolved to the article's entities:

* ``agents(ctx, verb)``: the doer (the subject of an active verb, "by X" of a passive one), also
  for a verb that shares its subject with another ("has quit the party and accused it of ...",
  "plans to stand", "..., saying", "who was elected");
* ``patients(ctx, verb)``: what is done to (the object, the subject of a passive);
* ``objects(ctx, verb, "against")``: the object of a preposition (or of a particle and a preposition,
  "hit back at") on the verb;
* ``antecedent(ctx, token)``: what a pronoun ("he", "its") or a definite description ("the party",
  "the government") refers to: the nearest fitting actor, subjects first.

A noun phrase names an entity through its head, or, where the caller allows, through a possessor
("criticised [May]'s deal"), a modifier ("an [SNP] candidate") or an "of" phrase ("the region of
[Provence]").

>>> from polgraph.loaders.readers import read_text
>>> from polgraph.loaders.pipeline import Pipeline
>>> pipeline = Pipeline(["furniture", "entities"])
>>> ctx = pipeline.context(read_text("Keir Starmer accused Boris Johnson of lying.", "x.txt"))
>>> verb = ctx.doc[2]
>>> agents(ctx, verb), patients(ctx, verb)
(['person:keir-starmer'], ['person:boris-johnson'])
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Token

from .context import ArticleContext

MALE = frozenset({"he", "him", "his", "himself"})
FEMALE = frozenset({"she", "her", "hers", "herself"})
GROUP = frozenset({"it", "its", "itself", "they", "them", "their", "theirs"})
RELATIVE = frozenset({"who", "whom", "which", "that", "whose"})
SUBJECTS = ("nsubj", "nsubjpass", "csubj")
# A verb without a subject of its own takes that of the word it hangs from.
_SHARES_SUBJECT = ("xcomp", "conj", "advcl", "pcomp", "acomp", "ccomp")
_DEFINITE = {"party": ("Party",), "government": ("Organization",), "campaign": ("Organization",)}
_HEDGES = frozenset("expect expected likely set poised could may might would should hope want plan aim seek try".split())
HEDGE_VERBS = frozenset({"expect", "hope", "want", "plan", "aim", "seek", "try", "threaten", "consider", "set", "poise"})


def head_entity(ctx: ArticleContext, token: Token, through: Iterable[str] = ()) -> str | None:
    """The entity a noun phrase headed by ``token`` names (see the module docstring for ``through``)."""
    entity = ctx.entity_at(token)
    if entity:
        return entity
    lower = token.lower_
    if lower in MALE | FEMALE | GROUP or (lower in _DEFINITE and _has_definite_article(token)):
        return antecedent(ctx, token)
    if lower in RELATIVE and token.dep_ in SUBJECTS + ("dobj",):
        clause = token.head
        if clause.dep_ == "relcl":
            return head_entity(ctx, clause.head, through)
    through = tuple(through)
    for child in token.children:
        if child.dep_ == "poss" and "poss" in through:
            found = head_entity(ctx, child)
            if found:
                return found
    for child in token.children:
        if child.dep_ in ("compound", "amod", "nmod") and "compound" in through:
            found = ctx.entity_at(child)
            if found:
                return found
        if child.dep_ == "appos" and "appos" in through:
            found = ctx.entity_at(child)
            if found:
                return found
        if child.dep_ == "prep" and child.lower_ == "of" and "of" in through:
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    found = ctx.entity_at(grandchild)
                    if found:
                        return found
    return None


def _has_definite_article(token: Token) -> bool:
    return any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "its", "their", "his", "her") for c in token.children)


def with_conjuncts(token: Token) -> Iterator[Token]:
    """A token and the tokens joined to it by "and"/"or" ("Sanders and Obama")."""
    yield token
    for child in token.children:
        if child.dep_ == "conj":
            yield from with_conjuncts(child)


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def is_negated(verb: Token) -> bool:
    """A "not"/"never" on the verb or on the verb it hangs from ("did not win", "refused to back")."""
    for word in (verb, verb.head if verb.dep_ == "xcomp" else None):
        if word is not None and any(c.dep_ == "neg" for c in word.children):
            return True
    return verb.dep_ == "xcomp" and verb.head.lemma_ in ("refuse", "fail", "decline")


def is_hedged(verb: Token) -> bool:
    """The verb is only expected, hoped for or possible ("is expected to win", "could back", "if he wins")."""
    if any(c.dep_ == "aux" and c.lower_ in _HEDGES for c in verb.children):
        return True
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in verb.children):
        return True
    word = verb
    while word.dep_ in ("xcomp", "ccomp") and word.head is not word:
        word = word.head
        if word.lemma_ in HEDGE_VERBS or word.lower_ in _HEDGES:
            return True
    return False


def subject_tokens(verb: Token) -> list[Token]:
    """The tokens heading the verb's subject, inherited along xcomp, conj, advcl and the like."""
    word = verb
    for _ in range(6):
        own = [c for c in word.children if c.dep_ in SUBJECTS]
        if own:
            return [t for s in own for t in with_conjuncts(s)]
        if word.dep_ == "relcl":
            return [word.head]
        if word.dep_ == "acl" and word.tag_ == "VBN":  # "a candidate backed by X": the noun is the patient
            return []
        if word.dep_ == "acl":  # "her bid to take the region": the bid's owner
            return [c for c in word.head.children if c.dep_ == "poss"]
        if word.dep_ not in _SHARES_SUBJECT or word.head is word:
            return []
        word = word.head
        if word.pos_ == "ADP":  # "by branding X ...": the preposition's verb
            word = word.head
    return []


def agents(ctx: ArticleContext, verb: Token, through: Iterable[str] = ("compound",)) -> list[str]:
    """The entities doing ``verb``."""
    if is_passive(verb):
        heads = [t for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"
                 for t in with_conjuncts(p)]
    else:
        heads = subject_tokens(verb)
    return _entities(ctx, heads, through)


def patients(ctx: ArticleContext, verb: Token, through: Iterable[str] = ()) -> list[str]:
    """The entities ``verb`` is done to: its object, or its subject if it is passive."""
    if is_passive(verb):
        heads = subject_tokens(verb)
    else:
        heads = [t for c in verb.children if c.dep_ in ("dobj", "dative") for t in with_conjuncts(c)]
    return _entities(ctx, heads, through)


def objects(ctx: ArticleContext, verb: Token, preposition: str, through: Iterable[str] = ()) -> list[str]:
    """The entities after a preposition on the verb ("clashed with X"), a particle and a preposition
    ("hit back at X"), or on its object ("won a seat in X")."""
    words = preposition.split()
    heads = []
    places = [verb] + [c for c in verb.children if c.dep_ in ("dobj", "prt", "advmod", "attr", "oprd")]
    if verb.dep_ in ("attr", "oprd"):  # "X is the candidate in Y": the preposition hangs from the copula
        places.append(verb.head)
    places += [p for place in list(places) for c in place.children if c.dep_ == "prep" for p in c.children
               if p.dep_ == "pobj" and p.pos_ == "NOUN"]  # "unseated from the council in Y"
    for place in places:
        for prep in place.children:
            if prep.dep_ in ("prep", "agent", "dative") and prep.lower_ == words[-1] and _particles_match(verb, words[:-1]):
                heads += [t for p in prep.children if p.dep_ in ("pobj", "pcomp") for t in with_conjuncts(p)]
    return _entities(ctx, heads, through)


def _particles_match(verb: Token, particles: list[str]) -> bool:
    if not particles:
        return True
    found = {c.lower_ for c in verb.children if c.dep_ in ("prt", "advmod")}
    return set(particles) <= found


def _entities(ctx: ArticleContext, heads: Iterable[Token], through: Iterable[str]) -> list[str]:
    through = tuple(through)
    found = [head_entity(ctx, token, through) for token in heads]
    return list(dict.fromkeys(e for e in found if e))


def antecedent(ctx: ArticleContext, token: Token) -> str | None:
    """The actor a pronoun or a definite description refers to (see the module docstring)."""
    lower = token.lower_
    if lower in MALE | FEMALE:
        labels, gender = ("Person",), ("m" if lower in MALE else "f")
    elif lower in _DEFINITE:
        owner = next((c for c in token.children if c.dep_ == "poss" and c.lower_ in MALE | FEMALE), None)
        person = antecedent(ctx, owner) if owner is not None else None
        own = [r.object for r in ctx.relations if r.subject == person and r.predicate in ("LEADS", "MEMBER_OF")
               and ctx.label_of(r.object) in _DEFINITE[lower] and r.properties.get("current") is not False]
        if own:
            return own[0]
        # "the party": the one the article is about so far, not merely the last one named
        return ctx.most_mentioned(_DEFINITE[lower][0], before=token.idx)
    else:
        labels, gender = ("Party", "Organization"), None
    return nearest_actor(ctx, token.idx, labels, gender, exclude=token)


def nearest_actor(ctx: ArticleContext, before: int, labels: tuple[str, ...], gender: str | None = None,
                  exclude: Token | None = None, sentences_back: int = 4) -> str | None:
    """The actor of ``labels`` named last before ``before``: in the sentence itself, its subject if it
    has one; then the subjects of the sentences before, then anyone they name."""
    sentence = ctx.sentence_of(before)
    index = ctx.sentences.index(sentence)
    for step in range(sentences_back + 1):
        if index - step < 0:
            break
        current = ctx.sentences[index - step]
        limit = before if step == 0 else current.end_char
        candidates = sorted((m for m in ctx.mentions if current.start_char <= m.start and m.end <= limit
                             and ctx.label_of(m.entity_id) in labels and fits(ctx, m.entity_id, gender)),
                            key=lambda m: m.start)
        if exclude is not None:
            candidates = [m for m in candidates if not (m.start <= exclude.idx < m.end)]
        if not candidates:
            continue
        subjects = [m for m in candidates if _is_subject(ctx, m.start)]
        return (subjects or candidates)[-1 if step == 0 or not subjects else 0].entity_id
    return None


def fits(ctx: ArticleContext, entity_id: str, gender: str | None) -> bool:
    known = ctx.genders.get(entity_id)
    return gender is None or known is None or known == gender


def _is_subject(ctx: ArticleContext, char: int) -> bool:
    span = ctx.doc.char_span(char, char + 1, alignment_mode="expand")
    if span is None:
        return False
    token = span[0]
    for _ in range(3):
        if token.dep_ in SUBJECTS:
            return True
        if token.dep_ not in ("compound", "flat", "appos", "poss") or token.head is token:
            return False
        token = token.head
    return False
