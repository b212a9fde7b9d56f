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

from collections import Counter
from collections.abc import Iterable, Iterator

from spacy.tokens import Token

from .context import ArticleContext

MALE = frozenset({"he", "him", "his", "himself"})
FEMALE = frozenset({"she", "her", "hers", "herself"})
GROUP = frozenset({"it", "its", "itself", "they", "them", "their", "theirs"})
RELATIVE = frozenset({"who", "whom", "which", "that", "whose"})
QUANTIFIERS = frozenset({"any", "all", "some", "none", "each", "one", "most", "both", "many", "several"})
SUBJECTS = ("nsubj", "nsubjpass", "csubj")
# A verb without a subject of its own takes that of the word it hangs from.
_SHARES_SUBJECT = ("xcomp", "conj", "advcl", "pcomp", "acomp", "ccomp")
_DEFINITE = {"party": ("Party",), "government": ("Organization",), "campaign": ("Organization",)}
_HEDGES = frozenset("expect expected likely set poised could may might would should hope want plan aim seek try".split())
HEDGE_VERBS = frozenset({"expect", "hope", "want", "plan", "aim", "seek", "try", "threaten", "consider", "set", "poise",
                         "claim", "allege", "suggest", "predict", "speculate", "think", "believe", "fear", "suspect",
                         "imagine", "wonder", "ask", "deny", "rumour", "rumor",
                         "run", "bid", "vie", "campaign", "compete", "stand", "strive", "fight"})  # "running to lead X"


def head_entity(ctx: ArticleContext, token: Token, through: Iterable[str] = (),
                via: frozenset[str] | None = None) -> str | None:
    """The entity a noun phrase headed by ``token`` names (see the module docstring for ``through``);
    ``via``: the head nouns that may name an entity through another word ("the East Kilbride seat")."""
    entity = ctx.entity_at(token)
    if entity:
        return entity
    lower = token.lower_
    if lower in _DEFINITE:  # "the Biden campaign", "the second largest party, Labour,": the name given first
        named = next((ctx.entity_at(c) for c in token.children if c.dep_ in ("compound", "appos") and ctx.entity_at(c)),
                     None)
        if named:
            return named
    if lower in MALE | FEMALE | GROUP or (lower in _DEFINITE and _has_definite_article(token)):
        return antecedent(ctx, token)
    if lower in ctx.titles and token.pos_ == "NOUN" and _has_definite_article(token) and not any(
            ctx.entity_at(c) for c in token.children):
        return _titled(ctx, token)  # "the princess announced", "the president said"
    if lower in RELATIVE and token.dep_ in SUBJECTS + ("dobj",):
        clause = token.head
        if clause.dep_ == "relcl":
            return head_entity(ctx, clause.head, through)
    if lower in QUANTIFIERS:  # "any of the contests of Super Tuesday": the contests
        inner = next((p for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
                      if p.dep_ == "pobj"), None)
        if inner is not None:
            return head_entity(ctx, inner, through, via)
    through = tuple(through) if via is None or token.lemma_.lower() in via else ()
    for child in token.children:
        if child.dep_ == "poss" and "poss" in through:
            found = head_entity(ctx, child)
            if found:
                return found
    if "appos" in through:  # an apposition restates the whole phrase: "the Conservative chairman, James Cleverly,"
        found = next((ctx.entity_at(c) for c in token.children if c.dep_ == "appos" and ctx.entity_at(c)), None)
        if found:
            return found
    for child in token.children:
        if child.dep_ in ("compound", "amod", "nmod") and "compound" in through:
            found = ctx.entity_at(child)
            if found:
                return found
        if child.dep_ == "prep" and child.lower_ == "of" and "of" in through:
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":  # "the region of X", "any of the contests of X"
                    found = ctx.entity_at(grandchild) or head_entity(ctx, grandchild, ("of",))
                    if found:
                        return found
    return None


def _titled(ctx: ArticleContext, token: Token) -> str | None:
    """The person the article gave this title before ("Princess Ubolratana" ... "the princess"), the most named."""
    earlier = [e for e in ctx.titles[token.lower_]
               if any(m.entity_id == e and m.start < token.idx for m in ctx.mentions)]
    return Counter(earlier).most_common(1)[0][0] if earlier else None


def _has_definite_article(token: Token) -> bool:
    return any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "its", "their", "his", "her") for c in token.children)


def with_conjuncts(token: Token) -> Iterator[Token]:
    """A token and the tokens joined to it by "and"/"or" ("Sanders and Obama")."""
    yield token
    for child in token.children:
        if child.dep_ == "conj":
            yield from with_conjuncts(child)


def _on_a_noun(verb: Token) -> bool:
    """A past participle describing a noun: "the Greens, led by Y", "a candidate backed by Y"."""
    return verb.dep_ == "acl" and verb.tag_ == "VBN"


def is_passive(verb: Token) -> bool:
    """"X was backed by Y", and a participle on a noun (``_on_a_noun``)."""
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or _on_a_noun(verb)


def _chain(verb: Token) -> Iterator[Token]:
    """The verb and the verbs it is the complement of ("did not announce whom they would support to run")."""
    word = verb
    yield word
    for _ in range(4):
        if word.dep_ not in ("xcomp", "ccomp") or word.head is word:
            return
        word = word.head
        yield word


def is_negated(verb: Token) -> bool:
    """A "not"/"never" on the verb or on a verb it is the complement of ("did not win", "refused to back")."""
    if any(any(c.dep_ == "neg" for c in word.children) for word in _chain(verb)):
        return True
    return verb.dep_ == "xcomp" and verb.head.lemma_ in ("refuse", "fail", "decline")


def is_hedged(verb: Token) -> str | None:
    """How the verb is only possible: "conditional" ("if he wins"), "expected" ("is expected to win", "could
    back"), or None when the text states it."""
    for word in _chain(verb):
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in word.children):
            return "conditional"
    for word in _chain(verb):
        if any(c.dep_ == "aux" and c.lower_ in _HEDGES for c in word.children):
            return "expected"
        if word is not verb and (word.lemma_ in HEDGE_VERBS or word.lower_ in _HEDGES):
            return "expected"
    if verb.dep_ == "advcl" and verb.head.lemma_ in HEDGE_VERBS and any(c.lower_ == "to" for c in verb.children):
        return "expected"  # "campaigned to win the seat": the aim, not the result ("beat Y to win it" is one)
    return None


def subject_tokens(verb: Token) -> list[Token]:
    """The tokens heading the verb's subject, inherited along xcomp, conj, advcl and the like."""
    word = verb
    for _ in range(6):
        own = [c for c in word.children if c.dep_ in SUBJECTS]
        if own:
            return [t for s in own for t in with_conjuncts(s)]
        if word.dep_ == "relcl":
            return [word.head]
        if _on_a_noun(word):  # "a candidate backed by X": the noun is the patient
            return []
        if word.dep_ == "acl":  # "her bid to take the region": the bid's owner; "defended the decision to attack"
            owners = [c for c in word.head.children if c.dep_ == "poss"]
            if owners or word.head.dep_ not in ("dobj", "pobj", "attr"):
                return owners
            word = word.head.head if word.head.dep_ != "pobj" else word.head.head.head
            continue
        if word.dep_ not in _SHARES_SUBJECT or word.head is word:
            return []
        word = word.head
        if word.pos_ == "ADP":  # "by branding X ...": the preposition's verb
            word = word.head
    return []


def agents(ctx: ArticleContext, verb: Token, through: Iterable[str] = ("compound", "appos"),
           via: frozenset[str] | None = None) -> list[str]:
    """The entities doing ``verb``."""
    if is_passive(verb):
        heads = [t for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"
                 for t in with_conjuncts(p)]
    else:
        heads = subject_tokens(verb)
    return _entities(ctx, heads, through, via)


def patients(ctx: ArticleContext, verb: Token, through: Iterable[str] = (), via: frozenset[str] | None = None) -> list[str]:
    """The entities ``verb`` is done to: its object, or its subject if it is passive."""
    if _on_a_noun(verb):
        heads = list(with_conjuncts(verb.head))
    elif is_passive(verb):
        heads = subject_tokens(verb)
    else:
        heads = [t for c in verb.children if c.dep_ in ("dobj", "dative") for t in with_conjuncts(c)]
    return _entities(ctx, heads, through, via)


def objects(ctx: ArticleContext, verb: Token, preposition: str, through: Iterable[str] = (),
            via: frozenset[str] | None = None) -> list[str]:
    """The entities after a preposition on the verb ("clashed with X", "withdrew in favour of X"), or on
    its object ("won a seat in X"), or failing those one level further ("unseated from the council in X")."""
    words = preposition.split()
    heads = []
    places = [verb] + [c for c in verb.children if c.dep_ in ("dobj", "prt", "advmod", "attr", "oprd")]
    if verb.dep_ in ("attr", "oprd"):  # "X is the candidate in Y": the preposition hangs from the copula
        places.append(verb.head)
    nested = [p for place in places for c in place.children if c.dep_ == "prep" for p in c.children
              if p.dep_ == "pobj" and p.pos_ == "NOUN"]  # "unseated from the council in Y"
    for group in (places, nested):
        for place in group:
            # the first such preposition: "the council in Valentigny in the Doubs department" is in Valentigny
            # (after the word first: "In Britain, Swinson lost in the seat of X" was lost in X)
            preps = sorted((p for p in place.children
                            if p.dep_ in ("prep", "agent", "dative") and _preposition_is(p, words)),
                           key=lambda p: (p.i < place.i, p.i))
            prep = preps[0] if preps else None
            if prep is not None:
                heads += [t for p in prep.children if p.dep_ in ("pobj", "pcomp") for t in with_conjuncts(p)]
        found = _entities(ctx, heads, through, via)
        if found:
            return found
    return []


def _preposition_is(prep: Token, words: list[str]) -> bool:
    """"in favour of": the last word's preposition, reached through the words before it."""
    if prep.lower_ != words[-1]:
        return False
    if words[-1] == "of" and len(words) >= 3 and words[-3] == "in":  # "in favour of"
        return prep.head.lower_ in ("favour", "favor")
    return True


def _entities(ctx: ArticleContext, heads: Iterable[Token], through: Iterable[str],
              via: frozenset[str] | None = None) -> list[str]:
    through = tuple(through)
    found = [head_entity(ctx, token, through, via) for token in heads]
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
    return nearest_actor(ctx, token.idx, labels, gender, exclude=token, quoted=ctx.in_quotation(token.idx))


SPEECH_LEMMAS = frozenset({"say", "tell", "add", "argue", "warn", "insist", "explain", "claim", "write", "tweet",
                           "declare", "state", "reply", "continue", "note"})


def nearest_actor(ctx: ArticleContext, before: int, labels: tuple[str, ...], gender: str | None = None,
                  exclude: Token | None = None, sentences_back: int = 4, quoted: bool = False,
                  depth: int = 0) -> str | None:
    """The actor of ``labels`` a pronoun at ``before`` stands for.

    In its own sentence, the subject named before it, else the last one named; in the sentences before,
    the first subject (a pronoun subject standing for its own antecedent); failing subjects, the one the
    article has named most so far among those named in those sentences. A pronoun inside a quotation
    is not its speaker: its own sentence and the subjects of verbs of saying are passed over.
    """
    sentence = ctx.sentence_of(before)
    index = ctx.sentences.index(sentence)
    named: list = []
    for step in range(1 if quoted else 0, sentences_back + 1):
        if index - step < 0:
            break
        current = ctx.sentences[index - step]
        if step and "Person" in labels:
            subject = next((c for c in current.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None and subject.lower_ in ctx.titles and ctx.mention_at(subject) is None:
                titled = head_entity(ctx, subject)  # "The princess, 67, announced ...": the princess
                if titled and fits(ctx, titled, gender):
                    return titled
        if step and depth < 3:
            pronoun = _subject_pronoun(current, labels, gender)
            if pronoun is not None and not (quoted and pronoun.head.lemma_ in SPEECH_LEMMAS):
                found = nearest_actor(ctx, pronoun.idx, labels, gender, exclude=pronoun, depth=depth + 1,
                                      quoted=ctx.in_quotation(pronoun.idx))
                if found:
                    return found
        limit = before if step == 0 else current.end_char
        candidates = sorted((m for m in ctx.mentions if current.start_char <= m.start and m.end <= limit
                             and ctx.label_of(m.entity_id) in labels and fits(ctx, m.entity_id, gender)),
                            key=lambda m: m.start)
        if exclude is not None:
            candidates = [m for m in candidates if not (m.start <= exclude.idx < m.end)]
        if quoted:
            candidates = [m for m in candidates if _subject_verb(ctx, m.start) not in SPEECH_LEMMAS]
        if not candidates:
            continue
        subjects = [m for m in candidates if _subject_verb(ctx, m.start)]
        if step == 0:
            return (subjects or candidates)[-1].entity_id
        if subjects:
            return subjects[0].entity_id
        named += candidates
    if not named:
        return None
    mentions_so_far = Counter(m.entity_id for m in ctx.mentions if m.start < before)
    return max(reversed(named), key=lambda m: mentions_so_far[m.entity_id]).entity_id


def _subject_pronoun(sentence, labels: tuple[str, ...], gender: str | None) -> Token | None:
    """The sentence's main subject, if it is a pronoun of the kind sought ("He is accused of ...")."""
    root = sentence.root
    for child in root.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            lower = child.lower_
            person = lower in MALE | FEMALE and "Person" in labels and (gender is None or (lower in MALE) == (gender == "m"))
            group = lower in GROUP and "Person" not in labels
            return child if person or group else None
    return None


def fits(ctx: ArticleContext, entity_id: str, gender: str | None) -> bool:
    known = ctx.genders.get(entity_id)
    return gender is None or known is None or known == gender


def _subject_verb(ctx: ArticleContext, char: int) -> str | None:
    """The lemma of the verb whose subject the mention at ``char`` is, or None if it is no subject."""
    span = ctx.doc.char_span(char, char + 1, alignment_mode="expand")
    if span is None:
        return None
    token = span[0]
    for _ in range(3):
        if token.dep_ in SUBJECTS:
            return token.head.lemma_
        if token.dep_ not in ("compound", "flat", "appos") or token.head is token:
            return None
        token = token.head
    return None
