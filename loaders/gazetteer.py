"""The gazetteer: known parties, people, regions, places and organisations, read from YAML data.

>>> gaz = load_gazetteer()
>>> gaz.lookup("FN", country="FR").name
'Front National'
>>> gaz.lookup("Republicans", country="US").name, gaz.lookup("Republicans", country="FR").name
('Republican Party', 'The Republicans')
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from ..graph.ids import fold, node_id

GAZETTEER_DIR = Path(__file__).parent / "data" / "gazetteer"
COUNTRIES_FILE = GAZETTEER_DIR / "countries.yaml"
# Extra words that point at a country without being its name or adjective.
_EXTRA_COUNTRY_WORDS = {"GB": ["England", "English", "Scotland", "Scottish", "Wales", "Welsh"]}
# Election names follow Wikipedia's article titles ("2016 United States presidential election").
_ELECTION_ADJECTIVES = {"US": "United States", "GB": "United Kingdom"}


class _DataLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml's reader where PyYAML has it
    """YAML as its authors mean it: only true/false are booleans, so the country code NO (Norway) or ON
    (Ontario) stays text (YAML 1.1, which PyYAML follows, reads yes/no/on/off as booleans)."""


_DataLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()  # (the same table for CSafeLoader)
}
_DataLoader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                                  list("tTfF"))
_TEXT_FIELDS = ("name", "label", "wikidata", "country", "gender", "kind")


def read_data(path: Path) -> dict:
    """A gazetteer file, read with ``_DataLoader``; a value of the wrong type is an error naming the entry."""
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_DataLoader)
    for item in data.get("entries", []):
        for key in _TEXT_FIELDS:
            if item.get(key) is not None and not isinstance(item[key], str):
                raise ValueError(f"{path.name}: {item.get('name')!r} has {key} {item[key]!r}, not text (quote it)")
        for key in ("aliases", "adjectives"):
            if not all(isinstance(v, str) for v in item.get(key) or ()):
                raise ValueError(f"{path.name}: {item.get('name')!r} has {key} that are not all text (quote them)")
        for office in item.get("offices") or ():
            if not (isinstance(office, dict) and isinstance(office.get("role"), str) and isinstance(office.get("start"), int)
                    and isinstance(office.get("end", 0), int) and set(office) <= {"role", "start", "end"}):
                raise ValueError(f"{path.name}: {item.get('name')!r} has office {office!r}, not "
                                 "{role: text, start: year[, end: year]}")
    return data


def _country_tables() -> tuple[dict[str, list[str]], dict[str, str], dict[str, str]]:
    """Words naming each country (name, aliases, adjectives), its canonical name and adjective, by code."""
    data = read_data(COUNTRIES_FILE)
    words: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    adjectives: dict[str, str] = {}
    for item in data["entries"]:
        code = item["country"]
        forms = [item["name"], *(item.get("aliases") or []), *(item.get("adjectives") or [])]
        words[code] = list(dict.fromkeys(forms + _EXTRA_COUNTRY_WORDS.get(code, [])))
        names[code] = item["name"]
        adjectives[code] = _ELECTION_ADJECTIVES.get(code) or (item.get("adjectives") or [item["name"]])[0]
    return words, names, adjectives


# Names and adjectives that tell which country an article is about ("FR": ["France", "French", ...]).
COUNTRY_WORDS, COUNTRY_NAMES, COUNTRY_ADJECTIVES = _country_tables()
# An adjective or name before an office ("German Chancellor", "US President") -> country code.
COUNTRY_OF_WORD = {fold(w): code for code, words in COUNTRY_WORDS.items() for w in words}
# Every country's names and adjectives in one pattern, longest first, as written (case counts: "US", "us").
_CODE_OF_WORD = {w: code for code, words in COUNTRY_WORDS.items() for w in words}
COUNTRY_MENTION = re.compile(
    r"(?<![\w.])(?:" + "|".join(re.escape(w) for w in sorted(_CODE_OF_WORD, key=len, reverse=True)) + r")(?!\w)")


def countries_named(text: str) -> Counter[str]:
    """How often the text names each country, by code ("France", "French", "the French Republic")."""
    return Counter(_CODE_OF_WORD[m.group(0)] for m in COUNTRY_MENTION.finditer(text))


@dataclass(frozen=True)
class Office:
    """An office a gazetteer person held, from its first to its last year (inclusive; no end: still held).

    >>> Office("Prime Minister", 1997, 2007).held_in(2007), Office("President", 2017).held_in(2030)
    (True, True)
    """

    role: str
    start: int
    end: int | None = None

    def held_in(self, year: int) -> bool:
        return self.start <= year <= (self.end if self.end is not None else 9999)


@dataclass(frozen=True)
class Entry:
    name: str
    label: str
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    country: str | None = None
    gender: str | None = None
    kind: str | None = None
    adjectives: tuple[str, ...] = ()
    offices: tuple[Office, ...] = ()

    @property
    def id(self) -> str:
        return node_id(self.label, self.name)

    @property
    def surface_forms(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(eq=False)  # hashed by identity: it is loaded once and used as a cache key
class Gazetteer:
    entries: list[Entry]
    _by_form: dict[str, list[Entry]] = field(default_factory=lambda: defaultdict(list), repr=False)

    _by_id: dict[str, Entry] = field(default_factory=dict, repr=False)
    _by_surname: dict[str, list[Entry]] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        for entry in self.entries:
            self._by_id.setdefault(entry.id, entry)
            for form in dict.fromkeys(fold(f) for f in entry.surface_forms):
                self._by_form[form].append(entry)

    def candidates(self, text: str) -> list[Entry]:
        return self._by_form.get(fold(text.strip()), [])

    def lookup(self, text: str, country: str | None = None, label: str | None = None) -> Entry | None:
        """The entry a surface form names; an alias shared by several countries goes to ``country``'s."""
        found = [e for e in self.candidates(text) if label is None or e.label == label]
        if not found:
            return None
        if len(found) > 1 and country:
            local = [e for e in found if e.country == country]
            if local:
                return local[0]
            # An ambiguous alias in an article about a country none of them belongs to: no match.
            if len({e.country for e in found}) > 1:
                return None
        return found[0]

    def by_id(self, entity_id: str) -> Entry | None:
        return self._by_id.get(entity_id)

    def office_holder(self, surname: str, year: int, countries: Sequence[str] = (),
                      gender: str | None = None) -> Entry | None:
        """The one person whose name ends with ``surname`` and who held an office in ``year``; among several,
        the one of the first of ``countries`` (best first) that has exactly one; else ``None``.

        >>> gaz = load_gazetteer()
        >>> gaz.office_holder("Bush", 2004).name, gaz.office_holder("Bush", 1990).name
        ('George W. Bush', 'George H. W. Bush')
        >>> gaz.office_holder("Howard", 2004, ["AU"]).name, gaz.office_holder("Howard", 2004, ["IQ", "GB"]).name
        ('John Howard', 'Michael Howard')
        >>> gaz.office_holder("Howard", 2004) is None  # two countries' office holders, no country to choose by
        True
        """
        words = fold(surname).split()
        if not words:
            return None
        holders = [e for e in self._office_holders.get(words[-1], ()) if fold(e.name).split()[-len(words):] == words
                   and len(e.name.split()) > len(words) and any(o.held_in(year) for o in e.offices)
                   and (gender is None or e.gender in (None, gender))]
        for country in countries if len(holders) > 1 else ():
            local = [e for e in holders if e.country == country]
            if local:
                return local[0] if len(local) == 1 else None
        return holders[0] if len(holders) == 1 else None

    @property
    def _office_holders(self) -> dict[str, list[Entry]]:
        if self._by_surname is None:
            self._by_surname = defaultdict(list)
            for entry in self.entries:
                if entry.offices:
                    self._by_surname[fold(entry.name).split()[-1]].append(entry)
        return self._by_surname


@cache
def load_gazetteer(folder: Path = GAZETTEER_DIR) -> Gazetteer:
    entries = []
    for path in sorted(folder.glob("*.yaml")):
        data = read_data(path)
        for item in data["entries"]:
            entries.append(
                Entry(
                    name=item["name"],
                    label=item.get("label", data["label"]),
                    aliases=tuple(item.get("aliases") or ()),
                    wikidata=item.get("wikidata"),
                    country=item.get("country"),
                    gender=item.get("gender"),
                    kind=item.get("kind"),
                    adjectives=tuple(item.get("adjectives") or ()),
                    offices=tuple(Office(**office) for office in item.get("offices") or ()),
                )
            )
    return Gazetteer(entries)
