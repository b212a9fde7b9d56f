"""The relation patterns, read once from ``data/relations/`` (one YAML file per predicate, and the titles).

>>> frames = load_frames()
>>> next(f for f in frames if "accuse" in f.words).predicate
'OPPOSES'
>>> load_offices().kinds("prime minister")
{'national'}
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from .entity_fixes import DEMONYM

PATTERNS_DIR = Path(__file__).parent / "data" / "relations"
ROLES = ("agent", "patient")
FUNCTION_WORDS = frozenset("his her their its our my your the a an this that former ex then and of for".split())


@dataclass(frozen=True)
class Frame:
    """One way the text states a predicate: a verb (or a noun) and which of its arguments are the ends."""

    predicate: str
    words: frozenset[str]  # lemmas, "hit back" for a verb with a particle
    noun: bool = False  # a noun frame ("X's attack on Y") rather than a verb frame
    subject: str = "agent"  # agent, patient or a preposition
    object: str = "patient"  # also "itself" (the election the verb names) or "its verb" (the one it hangs from)
    through: tuple[str, ...] = ()  # how else the object may be named: poss, compound, of, appos
    properties: dict[str, Any] = field(default_factory=dict)
    hedged: bool = False  # may fire on an expected or possible event ("is expected to stand")
    under: tuple[str, ...] = ()  # fires only below one of these verbs ("failed to win")
    via: frozenset[str] | None = None  # head nouns that may name the object through another word
    object_labels: tuple[str, ...] = ()  # narrower than the schema's targets, where given
    subject_labels: tuple[str, ...] = ()  # narrower than the schema's sources, where given

    def __hash__(self) -> int:
        return hash((self.predicate, self.words, self.noun, self.subject, self.object))


@dataclass(frozen=True)
class Offices:
    """The vocabulary of titles (see ``data/relations/offices.yaml``)."""

    by_kind: dict[str, frozenset[str]]
    past: frozenset[str]
    qualifiers: frozenset[str]
    longest: int  # the most words a title has

    def kinds(self, words: str) -> set[str]:
        """Which kinds of title ``words`` (lower case) is: leaders, members, offices, national, local."""
        words = words.lower()
        found = {kind for kind, titles in self.by_kind.items() if words in titles}
        if not found and words.endswith((" minister", " secretary")) and len(words.split()) <= 3 \
                and not DEMONYM.match(words.split()[0].capitalize()) and not set(words.split()) & FUNCTION_WORDS:
            found = {"national"}  # "higher education minister", "culture secretary"; not "egyptian minister"
        return found


@cache
def load_frames(folder: Path = PATTERNS_DIR) -> tuple[Frame, ...]:
    frames = []
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if "predicate" not in data:
            continue
        for item in data["frames"]:
            noun = "nouns" in item
            frames.append(Frame(
                predicate=data["predicate"],
                words=frozenset(str(w) for w in item["nouns" if noun else "verbs"]),
                noun=noun,
                subject=item.get("subject", "agent"),
                object=item.get("object", "patient"),
                through=tuple(item.get("through", ())),
                properties=dict(item.get("properties", {})),
                hedged=bool(item.get("hedged", False)),
                under=tuple(item.get("under", ())),
                via=frozenset(data["via"]) if "via" in data else None,
                object_labels=tuple(item.get("objects", ())),
                subject_labels=tuple(item.get("subjects", ())),
            ))
    return tuple(frames)


@cache
def load_offices(path: Path = PATTERNS_DIR / "offices.yaml") -> Offices:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    kinds = ("leaders", "members", "offices", "national", "local")
    by_kind = {kind: frozenset(str(w).lower() for w in data[kind]) for kind in kinds}
    longest = max(len(w.split()) for titles in by_kind.values() for w in titles)
    return Offices(by_kind, frozenset(data["past"]), frozenset(data["qualifiers"]), longest)
