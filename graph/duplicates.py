"""Likely duplicate nodes: the same actor under two ids, with the reason and a score.

Candidate pairs come from blocking, never from every pair: two nodes of one label are compared
only when they share a key: the start or the end of the surname for people, a word of the name or its
initials for parties, organisations and places, or a Wikidata id. Each candidate is then
judged by the rules of its kind, spelling through rapidfuzz's edit distances:

>>> likely_pair("Person", "Tony Blair", "Blair")
('surname of the other', 1.0)
>>> likely_pair("Person", "Karla Oberwaldt", "Oberwald")
("like the other's surname", 0.94)
>>> likely_pair("Person", "Nicolas Sarkozy", "Nicholas Sarkozy")
('similar spelling', 0.97)
>>> likely_pair("Person", "Michael Howard", "John Howard") is None  # two full names, one surname
True
>>> likely_pair("Party", "Scottish National Party", "SNP")
('initials of the other', 1.0)
>>> likely_pair("Region", "South East", "South West") is None
True
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import combinations

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from .ids import fold
from .store import Store

LABELS = ("Person", "Party", "Organization", "Place", "Region")
SURNAME, LIKE_SURNAME = "surname of the other", "like the other's surname"
MAX_BLOCK = 500  # a key more than this many names share (a common word) tells nothing; they meet on rarer keys

# Words before a person's name that are not part of it.
TITLES = frozenset(
    "mr mrs ms miss mx dr prof professor sir dame lord lady baron baroness earl duke king queen prince princess"
    " president vice senator sen rep representative congressman congresswoman governor gov mayor minister"
    " chancellor prime secretary shadow mp mep msp backbencher judge justice general gen colonel rev reverend"
    " pope chairman chairwoman chair leader deputy speaker ambassador mme mlle monsieur madame herr frau"
    " don dona sr sra senor senora signor signora".split()
)
# Lower-case words that belong to the surname after them ("Le Pen", "von der Leyen").
PARTICLES = frozenset("de du des la le van von der den di da dos das del della ter ten".split())
# Words that do not tell one organisation or place from another, by label.
GENERIC = {
    "Party": frozenset("party parti partei partido partito the".split()),
    "Organization": frozenset("the inc ltd plc llc group company corporation sa ag gmbh".split()),
    "Place": frozenset(["the"]),  # "City of London" is not London
    "Region": frozenset("region county province department departement the".split()),
}
# Small words left out of initials ("Union pour un mouvement populaire" is UMP).
STOPWORDS = frozenset("of the and for in on a an de du des la le les l d et pour un une der die das und y e".split())
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")  # "o'brien", "long-bailey" are one word each


@dataclass(frozen=True)
class Name:
    """A name cut up once, for every comparison it takes part in.

    >>> Name.parse("Person", "Baroness Ursula von der Leyen").surname
    'vonderleyen'
    >>> Name.parse("Party", "UK Independence Party").initials
    'ukip'
    """

    text: str
    words: tuple[str, ...]  # folded; a person's leading titles left out
    titled: bool  # a title was left out
    surname_words: int  # people: how many of the last words make the surname ("le pen" is two)
    initials: str
    core: tuple[str, ...]  # parties, organisations, places: the words that are not generic for the label

    @classmethod
    def parse(cls, label: str, text: str) -> Name:
        # A hyphen joins a double surname or given name ("Long-Bailey", "Jean-Marie"), and separates
        # the words of a place or a party ("Nord-Pas-de-Calais").
        words = _words(text if label == "Person" else text.replace("-", " "))
        titled = False
        if label == "Person":
            while len(words) > 1 and words[0] in TITLES:
                words, titled = words[1:], True
        start = len(words) - 1
        while start > 0 and words[start - 1] in PARTICLES:
            start -= 1
        generic = GENERIC.get(label, frozenset())
        return cls(text, tuple(words), titled, len(words) - start, _initials(text),
                   tuple(w for w in words if w not in generic))

    @property
    def surname(self) -> str:
        """The last name with its particles, squashed: 'marine le pen' -> 'lepen'."""
        return _squashed(self.words[len(self.words) - self.surname_words:])

    @property
    def squashed(self) -> str:
        """The words without spaces and hyphens: 'nord-pas-de-calais' -> 'nordpasdecalais'."""
        return _squashed(self.words)

    @property
    def given(self) -> tuple[str, ...]:
        return self.words[: len(self.words) - self.surname_words]


def likely_pair(label: str, a: str, b: str) -> tuple[str, float] | None:
    """Why two names of one label may name one actor, and how alike they are (0 to 1), or None."""
    return judge(label, Name.parse(label, a), Name.parse(label, b))


def judge(label: str, a: Name, b: Name) -> tuple[str, float] | None:
    """``likely_pair`` on names already parsed."""
    if not a.words or not b.words:
        return None
    if a.squashed == b.squashed:
        if a.titled != b.titled:
            return "same name but for a title", 1.0
        return ("same name written differently" if a.text != b.text else "same name"), 1.0
    return _people(a, b) if label == "Person" else _others(a, b)


def find_duplicates(store: Store, labels: Iterable[str] = LABELS) -> list[dict[str, object]]:
    """Pairs of nodes of one label that may be one actor, best first: ids, names, reason and score.

    ``a`` is the node to keep (the one with a Wikidata id, else the fuller name), ``b`` the one to merge into it.
    """
    pairs = []
    for label in labels:
        nodes = store._read(f"MATCH (n:{label}) RETURN n.id, n.name, n.wikidata ORDER BY n.id")
        pairs.extend(duplicate_pairs(label, [(row[0], row[1] or "", row[2]) for row in nodes]))
    return sorted(pairs, key=lambda p: (-p["score"], p["label"], p["a"], p["b"]))


def duplicate_pairs(label: str, nodes: list[tuple[str, str, str | None]]) -> list[dict[str, object]]:
    """The likely duplicates among ``(id, name, wikidata)`` nodes of one label.

    A bare surname that is some full name's surname exactly is not also offered to look-alike
    surnames; one that fits several full names is offered with each, its score shared among them.
    """
    pairs = list(_judged_pairs(label, nodes))
    exact = {pair["b"] for pair in pairs if pair["reason"] == SURNAME}
    pairs = [pair for pair in pairs if not (pair["reason"] == LIKE_SURNAME and pair["b"] in exact)]
    fits: dict[object, int] = defaultdict(int)
    for pair in pairs:
        if pair["reason"] in (SURNAME, LIKE_SURNAME):
            fits[pair["b"]] += 1
    for pair in pairs:
        count = fits[pair["b"]] if pair["reason"] in (SURNAME, LIKE_SURNAME) else 1
        if count > 1:
            pair["reason"] = f"{pair['reason']} (one of {count})"
            pair["score"] = round(float(pair["score"]) / count, 2)
    return pairs


def _judged_pairs(label: str, nodes: list[tuple[str, str, str | None]]) -> Iterator[dict[str, object]]:
    names = [Name.parse(label, name) for _, name, _ in nodes]
    for i, j in candidate_pairs(label, names, [qid for _, _, qid in nodes]):
        if _fuller(nodes[j], names[j]) < _fuller(nodes[i], names[i]):
            i, j = j, i
        (id_a, name_a, qid_a), (id_b, name_b, qid_b) = nodes[i], nodes[j]
        if qid_a and qid_a == qid_b:
            found: tuple[str, float] | None = (f"same Wikidata id {qid_a}", 1.0)
        elif qid_a and qid_b:
            continue  # two known, different actors
        else:
            found = judge(label, names[i], names[j])
        if found:
            yield {"label": label, "a": id_a, "a_name": name_a, "b": id_b, "b_name": name_b,
                   "reason": found[0], "score": found[1]}


def candidate_pairs(label: str, names: list[Name], qids: list[str | None]) -> set[tuple[int, int]]:
    """Index pairs of names that share a blocking key (see ``blocking_keys``), or a Wikidata id."""
    blocks: dict[str, list[int]] = defaultdict(list)
    for index, (name, qid) in enumerate(zip(names, qids, strict=True)):
        for key in blocking_keys(label, name):
            blocks[key].append(index)
        if qid:
            blocks[f"wikidata:{qid}"].append(index)
    pairs: set[tuple[int, int]] = set()
    for key, members in blocks.items():
        if len(members) <= MAX_BLOCK or key.startswith("wikidata:"):
            pairs.update(combinations(members, 2))
    return pairs


def blocking_keys(label: str, name: Name) -> set[str]:
    """The keys a name is filed under: people by the start and the end of the surname, others by words and initials.

    >>> sorted(blocking_keys("Person", Name.parse("Person", "Baroness Ursula von der Leyen")))
    ['surname-end:eyen', 'surname:von']
    >>> sorted(blocking_keys("Party", Name.parse("Party", "Scottish National Party")))
    ['initials:snp', 'squashed:scotti', 'word:national', 'word:scottish']
    """
    if not name.words:
        return set()
    if label == "Person":  # a misspelt surname keeps its start or its end
        return {f"surname:{name.surname[:3]}", f"surname-end:{name.surname[-4:]}"}
    keys = {f"word:{w}" for w in name.core if len(w) >= 3 and w not in STOPWORDS}
    keys.add(f"initials:{name.initials if len(name.words) > 1 else name.words[0]}")
    keys.add(f"squashed:{name.squashed[:6]}")
    return keys


# --- people ------------------------------------------------------------------------------
def _people(a: Name, b: Name) -> tuple[str, float] | None:
    long_, short = (a, b) if len(a.words) >= len(b.words) else (b, a)
    if not _alike(long_.surname, short.surname):
        return None  # every rule for people needs the surnames alike
    if short.surname_words == len(short.words):  # a bare surname ("Blair", "Le Pen"): the surname rule
        if long_.surname_words == len(long_.words):
            return None  # two bare surnames spelt alike are as often two surnames (Davies, Davis)
        if short.surname == long_.surname:
            return SURNAME, 1.0
        return LIKE_SURNAME, _similarity(short.surname, long_.surname)
    if not _same_given_names(long_.given, short.given):
        return None  # two full names that only share a surname are two people
    if len(short.given) < len(long_.given):
        return "the other without a middle name", 0.8
    if any(len(word) == 1 for word in long_.given + short.given):
        return "given name as an initial", 0.9
    return "similar spelling", _similarity(" ".join(long_.words), " ".join(short.words))


def _same_given_names(long_: tuple[str, ...], short: tuple[str, ...]) -> bool:
    """Whether the shorter list of given names fits the longer one: same first name (or its initial), others in order."""
    if not long_ or not short:
        return not long_ and not short
    if not _given_name_fits(long_[0], short[0]):
        return False
    rest = iter(long_[1:])
    return all(any(_given_name_fits(word, name) for word in rest) for name in short[1:])


def _given_name_fits(full: str, other: str) -> bool:
    if len(full) == 1 or len(other) == 1:
        return full[0] == other[0]
    return _alike(full, other)


# --- parties, organisations, places -------------------------------------------------------
def _others(a: Name, b: Name) -> tuple[str, float] | None:
    for acronym, full in ((b, a), (a, b)):
        if len(acronym.words) == 1 < len(full.words) and 2 <= len(acronym.text) <= 6 \
                and acronym.words[0] == full.initials:
            return "initials of the other", 1.0
    if not a.core or not b.core or len(a.core) != len(b.core):
        return None
    if not all(_alike(x, y) for x, y in zip(a.core, b.core, strict=True)):
        return None
    if a.core == b.core:
        extra = sorted(set(a.words) ^ set(b.words))
        return "same name but for " + ", ".join(repr(word) for word in extra), 0.95
    return "similar spelling", _similarity(" ".join(a.core), " ".join(b.core))


def _initials(name: str) -> str:
    """'UK Independence Party' -> 'ukip': first letters of the words, every letter of an acronym, small words left out."""
    letters = []
    for word in re.findall(r"[^\W_]+", name):  # "d'Azur" is two words here
        if word.isupper() and len(word) > 1:
            letters.append(word)
        elif fold(word) not in STOPWORDS:
            letters.append(word[0])
    return fold("".join(letters))


# --- spelling ---------------------------------------------------------------------------
def _words(name: str) -> list[str]:
    return _WORD.findall(fold(name))


def _squashed(words: Iterable[str]) -> str:
    return "".join(words).replace("-", "")


def _alike(x: str, y: str) -> bool:
    """One word spelt two ways: equal, or with the same first letter one edit apart from 5 letters on, two from 12 on.

    Shorter words, and words that differ in their first letter, are different words more often
    than misspellings ("East" and "West", "Fernández" and "Hernández").
    """
    if x == y:
        return True
    shortest = min(len(x), len(y))
    allowed = 2 if shortest >= 12 else 1 if shortest >= 5 else 0
    return allowed > 0 and x[0] == y[0] and Levenshtein.distance(x, y, score_cutoff=allowed) <= allowed


def _similarity(x: str, y: str) -> float:
    return round(fuzz.ratio(x, y) / 100, 2)


def _fuller(node: tuple[str, str, str | None], name: Name) -> tuple[bool, int, int, str]:
    """Sort key putting first the node to keep: a Wikidata id, more words, a longer name."""
    return (not node[2], -len(name.words), -len(name.text), node[0])
