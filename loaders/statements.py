"""Statements: direct quotations with their speaker, where they were said, and whom they name.

Finding the quotations (``quotations``): double quotes ("...", “...”, «...») and single quotes
('...', ‘...’) alike. A single mark between letters, or before a decade, is an apostrophe (Le Pen's,
don't, '90s); one after an "s" that a later mark closes is a possessive (the parents' views). The
first mark that opens sets the outer family; marks of the other family inside are inner quotes and
stay in the text ("It was nice knowing him, now 'goodbye'."). A new opening mark while a quotation
is open starts a new one (news style opens each quoted sentence or paragraph again), and a
quotation still open at the end of its paragraph ends there, unless the paragraph is one line of
a quotation set out over lines that the next line closes.

Finding the speaker, in order:

1. the quotation's own attribution, read off the dependency parse: a reporting verb right after it
   ("...," she said / said Mr Knapman / the party informed the press), before it in its sentence
   ("X told BBC News:", "congratulated Y, saying,"), or governing it ("X said he would 'break open
   the champagne'"); a "statement from X" before it; "according to X";
2. with none: a quotation right after another (same or next paragraph) continues its speaker; a
   quotation opening its sentence takes the subject of the sentence before it, then the reporting
   subject of the sentence after it.

The doer of the reporting verb is a name, a pronoun (the subject of the sentences before comes
first, then other people they name, with a gender that fits), a definite description ("the former
leader", "the party": the person titled so, or the one the text is about), or someone unnamed ("a
spokesman", "one MP", "the spokesman", "officials"): then the statement has no speaker rather than
a wrong one. Quotations of fewer than four words, titles and slogans with no reporting verb are not
statements. "told <outlet>" (or an outlet the paragraph names as its source) gives ``reported_by``;
a place phrase of the reporting verb itself ("told supporters in <place>") gives ``said_at``.

>>> [(q.start, q.end) for q in quotations("'We won,' she said. It's 'over'.")]
[(1, 8), (26, 30)]
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from spacy.tokens import Token

from .context import ACTORS, ArticleContext, Templated
from .frames import FEMALE, MALE, RELATIVE, SUBJECTS, fits, head_entity, is_passive, subject_tokens
from .patterns import load_offices
from .templates import P

# --- quotation marks -------------------------------------------------------------------
DOUBLE, SINGLE = '"“”„«»', "'‘’"
_ALWAYS_OPEN, _ALWAYS_CLOSE = "“„«‘", "”»"
_BEFORE_OPENING = "([{—–-/"  # what may stand just before an opening mark, besides a space
_AFTER_CLOSING = ",.;:!?)]}—–-…"  # what may stand just after a closing mark, besides a space
_ELISION = re.compile(r"(?:\d\d(?:s|\b)|em\b|til\b|n\b|cause\b|tis\b|twas\b)", re.IGNORECASE)


@dataclass(frozen=True)
class Quotation:
    """Quoted words at ``start:end``; ``opened`` is the opening mark, ``closed`` the closing one (None
    when the quotation ran to the end of its paragraph or a new one opened)."""

    start: int
    end: int
    opened: int
    closed: int | None


@dataclass(frozen=True)
class _Mark:
    at: int
    family: str
    opens: bool
    closes: bool
    weak: bool = False  # "s'" before a word: a possessive if a later mark may close


def quotations(text: str) -> list[Quotation]:
    """The quotations of a text, in order (see the module docstring)."""
    lines, start = [], 0
    for match in re.finditer(r"\n", text):
        lines.append((start, match.start()))
        start = match.end()
    lines.append((start, len(text)))
    marks = [_marks(text, s, e) for s, e in lines]
    opening = {f: sum(m.opens and m.family == f for ms in marks for m in ms) for f in (DOUBLE, SINGLE)}
    rare = SINGLE if opening[DOUBLE] >= opening[SINGLE] else DOUBLE
    found: list[Quotation] = []
    index = 0
    while index < len(lines):
        paragraph_marks, end = list(marks[index]), lines[index][1]
        quotes = _paragraph_quotations(text, paragraph_marks, end, rare)
        while index + 1 < len(lines) and lines[index + 1][0] == end + 1 and _runs_on(text, quotes, end, marks[index + 1]):
            index += 1  # a quotation set out over lines: it goes on to the next line, which closes it
            paragraph_marks += marks[index]
            end = lines[index][1]
            quotes = _paragraph_quotations(text, paragraph_marks, end, rare)
        found += quotes
        index += 1
    return found


def _runs_on(text: str, quotes: list[Quotation], end: int, next_marks: list[_Mark]) -> bool:
    """The last quotation is open at the end of its line, and the next line closes it before opening any."""
    if not quotes or quotes[-1].closed is not None or text[quotes[-1].end : end].strip():
        return False
    family = DOUBLE if text[quotes[-1].opened] in DOUBLE else SINGLE
    first = next((m for m in next_marks if m.family == family), None)
    return first is not None and first.closes and not first.opens and not first.weak


def _marks(text: str, start: int, end: int) -> list[_Mark]:
    marks = []
    for at in range(start, end):
        char = text[at]
        if char not in DOUBLE and char not in SINGLE:
            continue
        before = text[at - 1] if at > start else " "
        after = text[at + 1] if at + 1 < end else " "
        space_before = before.isspace() or before in _BEFORE_OPENING or before in DOUBLE + SINGLE
        space_after = after.isspace() or after in _AFTER_CLOSING or after in DOUBLE + SINGLE
        if char in DOUBLE:
            if char in _ALWAYS_OPEN or char in _ALWAYS_CLOSE:
                marks.append(_Mark(at, DOUBLE, char in _ALWAYS_OPEN, char in _ALWAYS_CLOSE))
            else:  # a straight mark: by what stands around it; with spaces (or words) on both sides, either
                opens, closes = space_before and not after.isspace(), not before.isspace() and space_after
                marks.append(_Mark(at, DOUBLE, opens or not closes, closes or not opens))
            continue
        if before.isalnum() and after.isalpha():
            continue  # it's, Le Pen's, O'Neill
        if (space_before and _ELISION.match(text, at + 1, end)) or text[at - 2 : at] in ("'n", "’n"):
            continue  # '90s, 'em, rock 'n' roll
        if char == "‘":
            marks.append(_Mark(at, SINGLE, True, False))
            continue
        opens = space_before and not after.isspace()
        closes = not before.isspace() and space_after
        if opens or closes:
            weak = closes and before in "sS" and after == " " and text[at + 2 : at + 3].isalpha()
            marks.append(_Mark(at, SINGLE, opens, closes, weak))
    return marks


def _paragraph_quotations(text: str, marks: list[_Mark], end: int, rare: str) -> list[Quotation]:
    """Pair the marks of one paragraph; an unclosed quotation of the article's rarer family is a
    stray mark, read again without it."""
    found: list[Quotation] = []
    family, opened = None, 0
    for index, mark in enumerate(marks):
        if family is None:
            if mark.opens:
                family, opened = mark.family, mark.at
            continue
        if mark.family != family:
            continue  # an inner quotation
        if mark.closes and not (mark.weak and _closed_later(marks[index + 1 :], family)):
            found.append(_trimmed(text, opened, mark.at, mark.at))
            family = None
        elif mark.opens and not mark.weak:
            found.append(_trimmed(text, opened, mark.at, None))
            opened = mark.at
    if family is not None:
        if family == rare:
            return _paragraph_quotations(text, [m for m in marks if m.at != opened], end, rare)
        found.append(_trimmed(text, opened, end, None))
    return [q for q in found if q.end > q.start]


def _closed_later(marks: list[_Mark], family: str) -> bool:
    for mark in marks:
        if mark.family == family and mark.closes:
            return True
        if mark.family == family and mark.opens and not mark.closes:
            return False
    return False


def _trimmed(text: str, opened: int, end: int, closed: int | None) -> Quotation:
    start = opened + 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Quotation(start, end, opened, closed)


# --- attribution -----------------------------------------------------------------------
# Verbs of saying (and of thinking, which news uses the same way: "X believes it is 'a disaster'").
REPORTING = frozenset(
    """say tell add declare insist maintain argue warn state write tweet post explain claim note ask reply
    respond answer announce remark continue acknowledge admit stress urge inform comment conclude complain
    concede confirm deny suggest predict promise pledge vow boast joke quip recall reveal describe call brand
    label dub accuse criticise criticize attack condemn praise hail congratulate thank express emphasise
    emphasize assert contend counter retort shout chant cry blast slam demand plead appeal testify quote
    agree observe lament mock caution begin believe think feel hope fear expect""".split()
)
# Verbs that report with their particle ("he went on:", "she hit back:").
PHRASAL = frozenset({("go", "on"), ("hit", "back"), ("fire", "back"), ("lash", "out"), ("point", "out"),
                     ("speak", "out"), ("weigh", "in"), ("chime", "in"), ("sum", "up"), ("cry", "out")})
# Documents that speak for their author ("the letter said").
DOCUMENTS = frozenset(
    "document letter statement message tweet post email memo note manifesto blog essay speech address remarks".split())
# Descriptions that stand for someone named before ("the former leader said").
ROLES = frozenset(
    """leader president minister premier chancellor mayor governor senator mp mep candidate chairman chairwoman
    chair secretary king queen prince princess host politician lawmaker congressman congresswoman councillor
    businessman businesswoman tycoon billionaire incumbent challenger nominee frontrunner founder veteran
    deputy monarch ruler democrat republican socialist conservative""".split()
)
# People an article may leave unnamed ("a spokesman", "one official"), with the gender the word tells.
PEOPLE: dict[str, str | None] = dict.fromkeys(ROLES | frozenset(
    """spokesperson official source aide adviser advisor insider diplomat analyst expert critic supporter
    protester voter resident witness activist campaigner colleague friend ally member backbencher officer
    worker student teacher doctor person""".split())) | {
    "spokesman": "m", "spokeswoman": "f", "man": "m", "woman": "f", "policeman": "m", "policewoman": "f",
    "chairman": "m", "chairwoman": "f", "congressman": "m", "congresswoman": "f", "businessman": "m",
    "businesswoman": "f", "king": "m", "queen": "f", "prince": "m", "princess": "f"}
_DEFINITE_ACTORS = frozenset({"party", "government", "campaign"})  # frames.head_entity reads these
MEDIA_NOUNS = frozenset("agency newspaper paper broadcaster channel network magazine daily tabloid station website".split())
_UNNAMED = frozenset({"a", "an", "one", "another", "some", "any", "several", "many", "two", "three", "other"})
_CLAUSE_END = re.compile(r"[.!?](?=\s|$)|\n")
_ACCORDING = re.compile(rf"according to (?P<slot>{P(*ACTORS)})", re.IGNORECASE)
_SIGNED = re.compile(rf"^\s*[—–-]\s*(?P<slot>{P(*ACTORS)})\s*(?:,[^⟨⟩]{{0,30}})?[.]?\s*$")  # "..." — Donald Trump
_NAME_COLON = re.compile(rf"^\s*(?:[\w-]+\s+){{0,3}}?(?P<slot>{P(*ACTORS)})\s*:\s*$")  # Blair: "..."
_NAMED_BEFORE = re.compile(rf"(?P<slot>{P(*ACTORS)})\s*,?\s*(?:(?:also|then|later|\w+ly)\s+)?$")  # "X, said"
_FROM_SAYING = re.compile(rf"\b(?:from|by) (?:the )?(?P<slot>{P(*ACTORS)})\s*,?\s*$", re.IGNORECASE)
# The outlet a quotation was given to (any organisation spoken to), or the source that carries it
# (only a medium or an agency: "according to the ministry" names no outlet).
_TOLD_OUTLET = re.compile(
    rf"\b(?:told|speaking to|spoke to|talking to|interview with|quoted (?:in|by)|writing in|wrote in) "
    rf"(?:the )?(?P<slot>{P('Organization')})"
    rf"|\baccording to (?:the )?(?:[\w-]+ ){{0,3}}?(?P<source>{P('Organization')})"
    rf"|(?P<source2>{P('Organization')}),? (?:reported|said|quoted)",
    re.IGNORECASE,
)
_INSTITUTION = re.compile(
    r"\b(?:parliament|senate|assembly|congress|council|committee|commission|court|government|ministry|"
    r"department|house|chamber|convention|conference|bundestag|duma|knesset)\b", re.IGNORECASE)
_MIN_WORDS = 4
_SENTENCES_BACK = 6


@dataclass
class _Attribution:
    """A quotation's attribution: its speaker (None if unnamed), the clause that makes it (read for
    the outlet), and where its reporting verb is (read for the place)."""

    speaker: str | None
    clause: tuple[int, int]
    verb_at: int | None = None


def find_statements(ctx: ArticleContext) -> None:
    """Pipeline component: ``ctx.statements``."""
    _Reader(ctx).read()


class _Reader:
    """Reads one article's quotations in order, keeping what later ones need (speakers so far, each
    sentence's subject)."""

    def __init__(self, ctx: ArticleContext) -> None:
        self.ctx = ctx
        self.quotes = [q for q in quotations(ctx.text) if not ctx.is_skipped(q.start, q.end)]
        self.bounds = [(q.opened, q.closed if q.closed is not None else q.end) for q in self.quotes]
        self.starts = [b[0] for b in self.bounds]
        self.speakers: list[str | None] = [None] * len(self.quotes)
        self.topics: dict[int, str | None] = {}
        self.settled = 0  # sentences before this one have their topic remembered
        self.current = 0  # the quotation being read: sentences before it may be remembered
        self.token_starts = [t.idx for t in ctx.doc]
        self.sentence_starts = [s.start_char for s in ctx.sentences]

    def learn_genders(self) -> None:
        """"Anna Lindqvist arrived late. She said ...": a he or she opening the sentence right after one
        that names a single person, whose gender nothing else told, gives that person's gender."""
        ctx = self.ctx
        for index, sentence in enumerate(ctx.sentences[1:], start=1):
            pronoun = next((t for t in subject_tokens(sentence.root) if t.lower_ in ("he", "she")), None)
            if pronoun is None or self.quoted(pronoun.idx) is not None:
                continue
            if any(t.idx < pronoun.idx for _, t in self.named(sentence)):
                continue
            people = {e for e, _ in self.named(ctx.sentences[index - 1]) if ctx.label_of(e) == "Person"}
            if len(people) == 1:
                ctx.genders.setdefault(people.pop(), "m" if pronoun.lower_ == "he" else "f")

    def read(self) -> None:
        self.learn_genders()
        previous: tuple[int, _Attribution, str | None, str | None] | None = None  # index, attribution, place, outlet
        for index, quote in enumerate(self.quotes):
            self.current = index
            attribution = self.own_attribution(index)
            alone = self.stands_alone(index)
            if attribution is None and alone and previous is not None and self.continues(previous[:2], index):
                _, attribution, said_at, reported_by = previous
            else:
                attribution = attribution or (self.neighbour_attribution(index) if alone else None)
                if attribution is None:
                    continue  # a title or a slogan, no statement
                said_at, reported_by = self.place_and_outlet(attribution, index)
            self.speakers[index] = attribution.speaker
            previous = (index, attribution, said_at, reported_by)
            words = self.ctx.text[quote.start : quote.end]
            if len(words.split()) < _MIN_WORDS or _is_title(words):
                continue  # a scare quote or a title, not a statement (though what follows may go on with it)
            self.ctx.add_statement(
                quote.start,
                quote.end,
                speaker=attribution.speaker,
                mentions=sorted({m.entity_id for m in self.ctx.mentions if quote.start <= m.start and m.end <= quote.end}),
                said_at=said_at,
                reported_by=reported_by,
            )

    # --- windows -----------------------------------------------------------------------
    def paragraph(self, at: int) -> tuple[int, int]:
        text = self.ctx.text
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        return start, len(text) if end == -1 else end

    def before_window(self, index: int) -> tuple[int, int]:
        quote, text = self.quotes[index], self.ctx.text
        anchor = quote.opened
        paragraph_start = self.paragraph(anchor)[0]
        lead_in = text[:paragraph_start].rstrip()
        if not text[paragraph_start:anchor].strip() and lead_in.endswith(":"):
            anchor = len(lead_in) - 1  # "X said:" and the quotation on the next line
            paragraph_start = self.paragraph(anchor)[0]
        start = max(paragraph_start, self.ctx.sentence_of(anchor).start_char)
        if index and self.bounds[index - 1][1] < quote.opened:
            start = max(start, self.bounds[index - 1][1] + 1)
        return start, quote.opened

    def after_window(self, index: int) -> tuple[int, int] | None:
        quote = self.quotes[index]
        if quote.closed is None:
            return None
        text, start = self.ctx.text, quote.closed + 1
        end = self.paragraph(start)[1] if start < len(text) else start
        if index + 1 < len(self.quotes):
            end = min(end, self.quotes[index + 1].opened)
        stop = _CLAUSE_END.search(text, start, end)
        end = min(end, stop.end() if stop else end, start + 200)
        following = text[start:end].lstrip()
        if text[quote.end - 1 : quote.end] == "." and following[:1].isupper():
            return None  # the quotation ended its sentence: what follows is the next one
        return start, end

    def sentence_index(self, char: int) -> int:
        return max(bisect_right(self.sentence_starts, char) - 1, 0)

    def quoted(self, char: int) -> int | None:
        """The quotation the character lies in (marks included)."""
        index = bisect_right(self.starts, char) - 1
        if index >= 0 and self.bounds[index][0] <= char <= self.bounds[index][1]:
            return index
        return None

    def tokens(self, start: int, end: int) -> list[Token]:
        """The tokens that begin in ``start:end``."""
        first, last = bisect_left(self.token_starts, start), bisect_left(self.token_starts, end)
        return list(self.ctx.doc[first:last])

    # --- the quotation's own attribution -------------------------------------------------
    def own_attribution(self, index: int) -> _Attribution | None:
        after = self.after_window(index)
        if after is not None:
            found = self.after_verb(after)
            if found is not None:
                return found
        before = self.before_window(index)
        found = self.before_verb(index, before) or self.governing_verb(index)
        if found is not None:
            return found
        found = self.document_from(before) or self.colon_lead_in(before)
        if found is not None:
            return found
        for window, pattern in ((after, _ACCORDING), (before, _ACCORDING), (after, _SIGNED), (before, _NAME_COLON)):
            if window is not None:
                templated = self.ctx.templated_range(*window)
                match = pattern.search(templated.text)
                if match is not None:
                    return _Attribution(_slot(templated, match), window)
        return None

    def after_verb(self, window: tuple[int, int]) -> _Attribution | None:
        """"...," she said / said Mr X / the spokesman added: a reporting verb among the first words."""
        tokens = self.tokens(*window)
        verb = next((t for t in tokens if _is_reporting(t)), None)
        if verb is None or verb.tag_ == "VBG":
            return None  # "...', adding:" goes on to what comes next
        doers = {d.i for s in _doer_tokens(verb) for d in s.subtree}
        allowed = doers | {c.i for c in verb.children if c.dep_ in ("advmod", "aux", "neg", "npadvmod")}
        if any(t.i not in allowed and not t.is_punct and not t.is_space for t in tokens if t.i < verb.i):
            return None
        return self.attribution_of(verb, window, inverted=True)

    def before_verb(self, index: int, window: tuple[int, int]) -> _Attribution | None:
        """X said: / X told BBC News: / he wrote: / congratulated Y, saying,: the last reporting verb
        before the quotation, with no other verb between them (or one the quotation hangs from)."""
        tokens = self.tokens(*window)
        governors, aside = self.governors(index), _asides(tokens)
        for verb in reversed([t for t in tokens if _is_reporting(t) and t.i not in aside]):
            between = [t for t in tokens if t.i > verb.i and t.i not in aside]
            if verb.i not in governors and any(t.pos_ in ("VERB", "AUX") and t.dep_ != "aux" for t in between):
                return None
            found = self.attribution_of(verb, window)
            if found is not None:
                return found
        return None

    def document_from(self, window: tuple[int, int]) -> _Attribution | None:
        """The following statement from the king: / In her letter: a document and its author just before."""
        tokens = self.tokens(*window)
        for noun in reversed([t for t in tokens if t.lemma_.lower() in DOCUMENTS and t.pos_ == "NOUN"]):
            if any(t.pos_ == "VERB" for t in tokens if t.i > noun.i):
                return None
            following = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else noun
            preps = [c for c in noun.children if c.dep_ == "prep"] + [following]  # the parse may hang it on the verb
            authors = [p for c in preps if c.lower_ in ("from", "by", "of") for p in c.children if p.dep_ == "pobj"]
            authors += [c for c in noun.children if c.dep_ == "poss"]
            if authors:
                return _Attribution(self.refers_to(authors[0]), window)
        return None

    def colon_lead_in(self, window: tuple[int, int]) -> _Attribution | None:
        """Charles Kennedy was defiant: "...": a clause ending in a colon, whose subject is someone named."""
        if not self.ctx.text[window[0] : window[1]].rstrip().endswith(":"):
            return None
        tokens = self.tokens(*window)
        root = tokens[-1].sent.root if tokens else None
        if root is None or self.quoted(root.idx) is not None or not window[0] <= root.idx < window[1]:
            return None
        speaker = next((a for a in map(self.refers_to, subject_tokens(root)) if a), None)
        return _Attribution(speaker, window, root.idx) if speaker else None

    def governing_verb(self, index: int) -> _Attribution | None:
        """X accused them of growing fat 'sitting on their backsides': the reporting verb the quotation hangs from."""
        for i in self.governors(index):
            verb = self.ctx.doc[i]
            if _is_reporting(verb):
                sentence = verb.sent
                found = self.attribution_of(verb, (sentence.start_char, sentence.end_char))
                if found is not None:
                    return found
        return None

    def governors(self, index: int) -> list[int]:
        """The tokens above the quotation in the parse, nearest first."""
        start, end = self.bounds[index]
        inside = self.tokens(start, end + 1)
        found: list[int] = []
        for token in inside:
            head = token.head
            if start <= head.idx <= end or token.is_punct:
                continue
            for _ in range(8):
                if head.i not in found:
                    found.append(head.i)
                if head.head is head:
                    break
                head = head.head
        return found

    def attribution_of(self, verb: Token, window: tuple[int, int], inverted: bool = False) -> _Attribution | None:
        """The attribution a reporting verb makes, if it has a doer outside quotations. Where the parse
        gives none, the words around the verb: "..., Jamel Msallem, said", "said a protester"."""
        found, speaker = self.doer(verb)
        if not found:
            before = self.ctx.templated_range(verb.sent.start_char, verb.idx)
            speaker = _slot(before, _NAMED_BEFORE.search(before.text) or _FROM_SAYING.search(before.text))
            doers = [c for c in verb.rights if c.dep_ in ("dobj", "attr", "npadvmod") and c.pos_ in ("NOUN", "PROPN")]
            if speaker is None and inverted and doers and verb.tag_ != "VBG":
                found, speaker = True, self.refers_to(doers[0])
        elif speaker is None and verb.tag_ == "VBG":  # "a banner from X saying", however it is parsed
            before = self.ctx.templated_range(verb.sent.start_char, verb.idx)
            speaker = _slot(before, _FROM_SAYING.search(before.text))
        return _Attribution(speaker, window, verb.idx) if found or speaker else None

    # --- the doer ------------------------------------------------------------------------
    def doer(self, verb: Token) -> tuple[bool, str | None]:
        """Whether the verb has a doer outside quotations (an outlet is none: "which the BBC noted"),
        and the actor it is (None for someone unnamed)."""
        words = [verb]
        if verb.tag_ == "VBG":  # "..., saying": the parse may hang it on the wrong clause
            words += [w for w in verb.ancestors if w.pos_ in ("VERB", "AUX")]
        found, seen = False, set()
        while words:
            word = words.pop(0)
            if word.i in seen:
                continue
            seen.add(word.i)
            tokens = _doer_tokens(word)
            inside = [t for t in tokens if self.quoted(t.idx) is not None]
            if inside and len(inside) == len(tokens):
                words.insert(0, inside[0].head.head)  # the subject of a verb inside the quotation: go past it
                continue
            for token in tokens:
                entity = self.ctx.entity_at(token)
                if entity is not None and _is_outlet(self.ctx, entity, token):
                    continue
                found = True
                actor = self.refers_to(token)
                if actor is not None:
                    return True, actor
        return found, None

    def refers_to(self, token: Token) -> str | None:
        """The actor a subject names: itself, a pronoun's or a definite description's antecedent, or
        None for someone unnamed."""
        ctx = self.ctx
        entity = ctx.entity_at(token)
        if entity is not None:
            return entity if ctx.label_of(entity) in ACTORS and not _is_outlet(ctx, entity) else None
        lower = token.lower_
        if lower in MALE | FEMALE:
            return self.salient(token, ("Person",), "m" if lower in MALE else "f")
        if lower in ("they", "it", "we"):
            return self.salient(token, ("Party", "Organization"), None, sentences_back=1)
        if lower in RELATIVE and token.head.dep_ == "relcl":  # "X, who said"
            return self.refers_to(token.head.head)
        for child in token.children:  # "the head of the union, Jamel Msallem"
            if child.dep_ == "appos" and ctx.entity_at(child):
                return self.refers_to(child)
        if token.pos_ not in ("NOUN", "PROPN") and not _is_role(token):
            return None
        for clause in token.children:  # "a student named Joshua Wong", "a man called X"
            if clause.dep_ == "acl" and clause.lemma_.lower() in ("name", "call"):
                named = [ctx.entity_at(c) for c in clause.children if c.dep_ in ("oprd", "attr", "dobj")]
                if named and named[0] and ctx.label_of(named[0]) == "Person":
                    return named[0]
        determiners = _determiners(token)
        if not determiners or any(d.lower_ in _UNNAMED for d in determiners):
            return None  # "officials said", "a spokesman said", "one MP told the BBC"
        for word in token.subtree:  # "the director of Amnesty International, Mariela Belski"
            if word.dep_ == "appos" and ctx.label_of(ctx.entity_at(word) or "") == "Person":
                return ctx.entity_at(word)
        lemma = token.lemma_.lower()
        possessor = next((d for d in determiners if d.dep_ == "poss"), None)
        if lemma in DOCUMENTS:  # "his letter said", "the party's statement read": its author
            authors = [possessor] if possessor is not None else []
            authors += [c for c in token.children if c.dep_ == "compound"]
            if authors:  # "the government statement": the government, not the text's last subject
                return self.refers_to(authors[0])
            return self.salient(token, ACTORS, None)
        if _is_role(token) and possessor is None and not self.introduced_unnamed(token):
            found = self.titled(token) or self.office_holder(token)
            if found is None and self.title_of(token) in load_offices().by_kind["national"]:
                return None  # "the prime minister insisted": not whoever spoke last, unless named so
            return found or self.salient(token, ("Person",), None)
        named = self.named_like(token)
        if named is not None:
            return named
        if any(c.dep_ == "compound" and ctx.entity_at(c) for c in token.children):
            named = ctx.entity_at(next(c for c in token.children if c.dep_ == "compound" and ctx.entity_at(c)))
            return named if ctx.label_of(named) in ("Party", "Organization") else None  # "the Biden campaign"
        return head_entity(ctx, token)  # "the party", "the government"

    def named_like(self, token: Token) -> str | None:
        """"The commission said": the last party or organisation named before whose name has that word."""
        if token.lemma_.lower() in _DEFINITE_ACTORS or not any(d.lower_ == "the" for d in _determiners(token)):
            return None
        word = re.compile(rf"\b{re.escape(token.lemma_)}\b", re.IGNORECASE)
        for mention in sorted(self.ctx.mentions, key=lambda m: m.start, reverse=True):
            entity = self.ctx.entities.get(mention.entity_id)
            if (mention.end <= token.idx and entity is not None and entity.label in ("Party", "Organization")
                    and word.search(entity.name) and not _is_outlet(self.ctx, entity.id)):
                return entity.id
        return None

    def introduced_unnamed(self, token: Token) -> bool:
        """The description was introduced as someone unnamed ("a Labour MP said ... the MP added")."""
        title = r"\s+".join(map(re.escape, self.title_of(token).split()))  # "a minister" is not "the prime minister"
        pattern = rf"\b(?:{'|'.join(_UNNAMED)})\s+(?:[\w-]+\s+){{0,3}}?{title}\b"
        return re.search(pattern, self.ctx.text[: token.idx], re.IGNORECASE) is not None

    def titled(self, token: Token) -> str | None:
        """The last person named with this title before ("Prime Minister Tony Blair" ... "the prime
        minister"; "UKIP leader Roger Knapman" ... "the leader")."""
        ctx = self.ctx
        words = [c.lower_ for c in token.lefts if c.dep_ == "compound"] + [token.lower_]
        title = re.compile(rf"\b{r'[ -]'.join(map(re.escape, words))}\b", re.IGNORECASE)
        for mention in sorted(ctx.mentions, key=lambda m: m.start, reverse=True):
            if mention.end > token.idx or ctx.label_of(mention.entity_id) != "Person":
                continue
            if title.search(ctx.text, max(0, mention.start - 40), mention.end + 40):
                return mention.entity_id
        return None

    @staticmethod
    def title_of(token: Token) -> str:
        """The title a description gives, in lower case: "the prime minister" -> "prime minister"."""
        return " ".join([c.lower_ for c in token.lefts if c.dep_ in ("compound", "amod") and c.lower_ != "former"]
                        + [token.lower_])

    def office_holder(self, token: Token) -> str | None:
        """The one person named before whom the gazetteer knows in this office in the article's year (any
        year when the article has no date): "Rishi Sunak ... the prime minister insisted"."""
        title, year = self.title_of(token), self.ctx.year
        earlier = dict.fromkeys(m.entity_id for m in self.ctx.mentions
                                if m.end <= token.idx and self.ctx.label_of(m.entity_id) == "Person")

        def held(office) -> bool:  # "the chancellor": the Chancellor of the Exchequer too
            role = office.role.lower()
            return (role == title or role.startswith(f"{title} of ")) and (year is None or office.held_in(year))

        holders = [person for person in earlier
                   if (entry := self.ctx.gazetteer.by_id(person)) is not None and any(map(held, entry.offices))]
        return holders[0] if len(holders) == 1 else None

    def salient(self, token: Token, labels: tuple[str, ...], gender: str | None,
                sentences_back: int = _SENTENCES_BACK) -> str | None:
        """Whom a pronoun or description at ``token`` refers to: a subject before it in its sentence,
        then the subject of each sentence before, then the others that sentence names."""
        ctx = self.ctx
        index = self.sentence_index(token.idx)
        for step in range(sentences_back + 1):
            if index - step < 0:
                break
            sentence = ctx.sentences[index - step]
            if step == 0:  # subjects before it, of the main clause first ("He said X is ..., he added")
                subjects = [t for t in sentence if t.dep_ in ("nsubj", "nsubjpass") and t.i < token.i
                            and self.quoted(t.idx) is None]
                subjects.sort(key=lambda t: (len(list(t.ancestors)), -t.i))
                candidates = [self.refers_to(t) for t in subjects]
            else:
                topic = self.topic(index - step)
                if topic is None and labels == ("Person",) and self.about_someone_unnamed(sentence, gender):
                    return None  # "A spokesman said ... . Asked about it, he said": still the spokesman
                named = self.named(sentence)
                candidates = [topic] + [e for e, t in named if _is_subject(t)] + [e for e, _ in reversed(named)]
            for entity in candidates:
                if entity and ctx.label_of(entity) in labels and fits(ctx, entity, gender):
                    return entity
        return None

    def about_someone_unnamed(self, sentence, gender: str | None) -> bool:
        """The sentence's subject is a person it does not name ("a Downing Street spokesman said")."""
        for token in subject_tokens(sentence.root):
            lemma = token.lemma_.lower()
            if self.quoted(token.idx) is None and lemma in PEOPLE and self.refers_to(token) is None:
                return gender is None or PEOPLE[lemma] in (None, gender)
        return False

    def named(self, sentence) -> list[tuple[str, Token]]:
        """The actors a sentence names outside its quotations, with the head token of each mention."""
        found = []
        for mention in self.ctx.mentions_between(sentence.start_char, sentence.end_char):
            if (self.quoted(mention.start) is not None or self.ctx.label_of(mention.entity_id) not in ACTORS
                    or self.in_furniture(mention.start, mention.end)):
                continue
            span = self.ctx.doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is not None:
                found.append((mention.start, mention.entity_id, span.root))
        return [(e, t) for _, e, t in sorted(found, key=lambda x: x[0])]

    def in_furniture(self, start: int, end: int) -> bool:
        """By-lines, credits, stamps: the people they name speak in no quotation."""
        furniture = self.ctx.furniture
        return self.ctx.is_skipped(start, end) or any(
            s < end and start < e for s, e in furniture.bylines + furniture.credits + furniture.contributors)

    def topic(self, index: int) -> str | None:
        """The actor a sentence is about: its main subject outside quotations, or the speaker of the
        quotation that makes it."""
        if index in self.topics:
            return self.topics[index]
        # Settle the sentences before it in order first, so that a chain of "he ... he ... he" is
        # read one link at a time rather than by recursion through the whole article.
        while self.settled < index and self.ctx.sentences[self.settled].end_char <= self.bounds[self.current][0]:
            self.settled += 1
            self.topic(self.settled - 1)
        sentence = self.ctx.sentences[index]
        found = None
        quote = self.quoted(sentence.root.idx)
        if quote is not None:
            found = self.speakers[quote]
        else:
            for token in subject_tokens(sentence.root):
                if self.quoted(token.idx) is None:
                    found = self.refers_to(token)
                    if found:
                        break
        if sentence.end_char <= self.bounds[self.current][0]:
            self.topics[index] = found  # settled: nothing read later changes it
        return found

    # --- quotations without an attribution of their own -----------------------------------
    def stands_alone(self, index: int) -> bool:
        """The quotation is a sentence of its own (not a phrase that a sentence goes on about)."""
        quote, text = self.quotes[index], self.ctx.text
        if quote.closed is None or re.search(r"[.!?…,;:]$", text[quote.start : quote.end]):
            return True
        after = self.after_window(index)
        return after is None or not re.search(r"\w", text[after[0] : after[1]])

    def continues(self, previous: tuple[int, _Attribution], index: int) -> bool:
        """Only the previous quotation's attribution and a paragraph break stand between them; or the
        previous one ran on to the end of its paragraph and only captions (lines with no final stop
        and no quotation) come before this one opens a paragraph."""
        before_index, attribution = previous
        gap_start = self.bounds[before_index][1] + 1
        if attribution.clause[0] >= gap_start:
            gap_start = max(gap_start, attribution.clause[1])
        gap = self.ctx.text[gap_start : self.quotes[index].opened]
        if not re.search(r"\w", gap):
            return len(re.findall(r"\n+", gap)) <= 1
        lines = [line.strip() for line in gap.split("\n") if line.strip()]
        return (self.quotes[before_index].closed is None and gap.endswith("\n") and len(lines) <= 3
                and not any(re.search(r"[.!?:]$", line) for line in lines))

    def neighbour_attribution(self, index: int) -> _Attribution | None:
        """A quotation opening its sentence: the subject of the sentence before (same paragraph), or the
        reporting subject of the sentence after."""
        quote, ctx = self.quotes[index], self.ctx
        window = self.before_window(index)
        if ctx.text[window[0] : window[1]].strip():
            return None
        paragraph = self.paragraph(quote.opened)
        sentence = self.sentence_index(quote.opened)
        if sentence > 0 and ctx.sentences[sentence - 1].start_char >= paragraph[0]:
            previous = ctx.sentences[sentence - 1]
            if self.quoted(previous.root.idx) is None and not is_passive(previous.root):  # not "X was arrested."
                topic = self.topic(sentence - 1)
                if topic is not None and (ctx.label_of(topic) == "Person" or _is_reporting(previous.root)):
                    return _Attribution(topic, (previous.start_char, previous.end_char), previous.root.idx)
        last = self.sentence_index(self.bounds[index][1])
        if last + 1 < len(ctx.sentences):
            following = ctx.sentences[last + 1]
            if (following.end_char <= paragraph[1] and _is_reporting(following.root)
                    and not any(self.quoted(t.idx) is not None for t in following)):
                speaker = self.doer(following.root)[1]
                if speaker is not None:
                    return _Attribution(speaker, (following.start_char, following.end_char), following.root.idx)
        return None

    # --- where, and to whom ---------------------------------------------------------------
    def place_and_outlet(self, attribution: _Attribution, index: int) -> tuple[str | None, str | None]:
        """Where the quotation was said, and the outlet that carried it."""
        ctx, speaker = self.ctx, attribution.speaker
        reported_by = None
        for start, end in self.outside(*attribution.clause):
            reported_by = reported_by or _outlet(ctx, ctx.templated_range(start, end))
        said_at = None
        if attribution.verb_at is not None:
            said_at = self.place_of(ctx.doc[bisect_left(self.token_starts, attribution.verb_at)])
        return said_at, reported_by or self.paragraph_source(index, speaker)

    def place_of(self, verb: Token) -> str | None:
        """Where the verb was said: "told supporters in the northern town of X", "speaking at a rally in X"."""
        heads = [verb] + [c for c in verb.children if c.dep_ in ("dobj", "dative", "advcl")]
        heads += [noun for prep in verb.children if prep.dep_ == "prep" and prep.lower_ in ("to", "at")
                  for noun in prep.children]  # "spoke to a rally in X"
        for head in heads:
            for prep in head.children:
                if prep.dep_ == "prep" and prep.lower_ in ("in", "at"):
                    found = self.place_after(prep)
                    if found:
                        return found
        return None

    def place_after(self, prep: Token, depth: int = 3) -> str | None:
        """The place a preposition names, itself or through "of", "in", "at" ("at a rally in X")."""
        for noun in (c for c in prep.children if c.dep_ == "pobj"):
            entity = self.ctx.entity_at(noun)
            if entity and self.ctx.label_of(entity) in ("Place", "Region") and self.quoted(noun.idx) is None:
                return entity
            for inner in noun.children:
                if depth and inner.dep_ == "prep" and inner.lower_ in ("of", "in", "at"):
                    found = self.place_after(inner, depth - 1)
                    if found:
                        return found
        return None

    def outside(self, start: int, end: int) -> list[tuple[int, int]]:
        """The pieces of ``start:end`` outside quotations."""
        pieces, cursor = [], start
        for opened, closed in self.bounds:
            if closed < start or opened >= end:
                continue
            if opened > cursor:
                pieces.append((cursor, opened))
            cursor = max(cursor, closed + 1)
        if cursor < end:
            pieces.append((cursor, end))
        return pieces

    def paragraph_source(self, index: int, speaker: str | None) -> str | None:
        """"..., Agence France-Presse reported. After the results, he maintained '...'": the outlet an
        earlier sentence of the paragraph names as its source, if it names the speaker too."""
        ctx = self.ctx
        if speaker is None:
            return None
        opened = self.quotes[index].opened
        paragraph_start = self.paragraph(opened)[0]
        for sentence in ctx.sentences:
            if not paragraph_start <= sentence.start_char < opened:
                continue
            for start, end in self.outside(sentence.start_char, min(sentence.end_char, opened)):
                earlier = ctx.templated_range(start, end)
                outlet = _outlet(ctx, earlier)
                if outlet and any(s.entity_id == speaker for s in earlier.slots):
                    return outlet
        return None


def _doer_tokens(verb: Token) -> list[Token]:
    """Who does the verb: its subject, "by X" of a passive verb, or the author of the thing that says
    it ("a banner from X saying ...")."""
    if is_passive(verb):
        agents = [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
        if agents:
            return agents
    if verb.dep_ == "acl" and not any(c.dep_ in SUBJECTS for c in verb.children):
        thing = verb.head
        return [p for c in thing.children if c.dep_ == "prep" and c.lower_ in ("from", "by")
                for p in c.children if p.dep_ == "pobj"] + [c for c in thing.children if c.dep_ == "poss"]
    found = subject_tokens(verb)
    if not found:  # a subject the parse hung on the verb some other way ("the 48-year-old said")
        found = [c for c in verb.lefts if c.dep_ not in ("punct", "advmod", "aux", "neg", "ccomp")
                 and (c.pos_ in ("NOUN", "PROPN", "PRON") or _is_role(c))][-1:]
    return found


def _is_reporting(token: Token) -> bool:
    if token.pos_ not in ("VERB", "AUX") or token.dep_ == "amod":
        return False
    lemma = token.lemma_.lower()
    return lemma in REPORTING or any((lemma, c.lower_) in PHRASAL for c in token.children if c.dep_ in ("prt", "advmod"))


def _determiners(token: Token) -> list[Token]:
    """The determiners and possessors of a noun phrase ("the", "a", "his", "two"), also where the parse
    hung them elsewhere ("the 48-year-old said")."""
    found = [c for c in token.children if c.dep_ in ("det", "poss", "nummod")]
    if found:
        return found
    for word in reversed(token.doc[max(token.sent.start, token.i - 6) : token.i]):
        if word.pos_ == "DET" or word.tag_ == "PRP$":
            return [word]
        if not (word.pos_ in ("NUM", "ADJ", "NOUN", "PROPN") or word.text in "-–"):
            break
    return []


def _asides(tokens: list[Token]) -> set[int]:
    """Tokens inside paired dashes or brackets ("commented — which the BBC noted — that")."""
    inside: set[int] = set()
    opened: int | None = None
    for token in tokens:
        if token.text in ("—", "–", "(", ")"):
            if opened is None and token.text != ")":
                opened = token.i
            elif opened is not None and (token.text in ("—", "–", ")")):
                inside.update(range(opened, token.i + 1))
                opened = None
    return inside


def _is_role(token: Token) -> bool:
    """A description that stands for a person named before: "the leader", "the 45-year-old"."""
    return token.lemma_.lower() in ROLES or (token.lower_ == "old" and any(c.lower_ == "year" for c in token.lefts))


def _is_subject(token: Token) -> bool:
    for _ in range(3):
        if token.dep_ in ("nsubj", "nsubjpass"):
            return True
        if token.dep_ not in ("compound", "flat", "appos") or token.head is token:
            return False
        token = token.head
    return False


def _is_title(text: str) -> bool:
    """"The Audacity of Hope": most words capitalised, no sentence inside."""
    words = re.findall(r"[A-Za-z][\w'-]*", text)
    long_words = [w for w in words if len(w) > 3]
    if not long_words or re.search(r"[.!?,;:]", text):
        return False
    return sum(w[0].isupper() for w in long_words) >= 0.8 * len(long_words)


def _slot(templated: Templated, match: re.Match | None) -> str | None:
    if match is None:
        return None
    slot = next((g for k, g in match.groupdict().items() if k.startswith("slot") and g), None)
    return templated.entity(slot) if slot else None


def _outlet(ctx: ArticleContext, templated: Templated) -> str | None:
    for match in _TOLD_OUTLET.finditer(templated.text):
        if match.group("slot"):  # told an organisation: an outlet, unless it is an institution heard
            entity_id = templated.entity(match.group("slot"))
            if not _INSTITUTION.search(ctx.entities[entity_id].name if entity_id in ctx.entities else ""):
                return entity_id
            continue
        mention = templated.slot(match.group("source") or match.group("source2"))
        span = ctx.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if _is_outlet(ctx, mention.entity_id, span.root if span is not None else None):
            return mention.entity_id
    return None


def _is_outlet(ctx: ArticleContext, entity_id: str, token: Token | None = None) -> bool:
    """A medium or an agency: known as one, or called one ("news agency ISNA", "the Herald newspaper")."""
    if entity_id in ctx.entities and ctx.entities[entity_id].properties.get("kind") in ("media", "agency"):
        return True
    if token is None:
        return False
    called = [w for w in token.children if w.dep_ in ("compound", "amod", "appos")]
    if token.dep_ in ("appos", "compound"):
        called.append(token.head)  # "the news agency IRNA"
    return any(w.lemma_.lower() in MEDIA_NOUNS for w in called)
