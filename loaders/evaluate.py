"""Score extractions against hand-made gold facts, by the rules of the project's reference scorer.

A predicted entity matches the gold entity that one of its names, aliases or mention texts names
(case-, accent- and punctuation-insensitive; the label is not needed to match, only to count as
*typed*). Relations match on (subject, predicate, object) once both ends are mapped to gold
names; a prediction that hits a gold *inferred* fact is not counted against explicit precision.
A gold quotation is *found* when a predicted statement shares its words, and *right* when that
statement's speaker maps to the gold speaker. Scores over several articles are micro-averaged,
with a row per outlet (the gold file name up to its first ``-``).

>>> gold = {"article": "a.txt", "entities": [{"name": "Marine Le Pen", "label": "Person",
...         "aliases": ["Le Pen"]}], "relations": [], "statements": []}
>>> found = {"document": {"source": "a.txt"}, "entities": [{"id": "person:mlp", "name": "LE PEN",
...          "label": "Person", "aliases": []}], "relations": [], "statements": []}
>>> score_document(found, gold).entities
Counts(tp=1, predicted=1, gold=1)
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ARTICLE = "ARTICLE"
PARTS = ("entities", "entities_typed", "relations_explicit", "relations_all")


def name_key(text: str) -> str:
    """Names as the reference scorer compares them: no accents, case, possessive, punctuation or leading article."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = text.replace("'s", "").replace("\u2019s", "")
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return re.sub(r"^(the|les|le|la) ", "", text.strip()).strip()


@dataclass
class Counts:
    tp: int = 0
    predicted: int = 0
    gold: int = 0

    def __iadd__(self, other: Counts) -> Counts:
        self.tp, self.predicted, self.gold = self.tp + other.tp, self.predicted + other.predicted, self.gold + other.gold
        return self

    def scores(self) -> dict[str, float | int]:
        precision = self.tp / self.predicted if self.predicted else 0.0
        recall = self.tp / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
                "tp": self.tp, "predicted": self.predicted, "gold": self.gold}


@dataclass
class Quotations:
    gold: int = 0
    found: int = 0
    right_speaker: int = 0
    predicted: int = 0

    def __iadd__(self, other: Quotations) -> Quotations:
        for name in ("gold", "found", "right_speaker", "predicted"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        return self

    def scores(self) -> dict[str, float | int]:
        def share(n: int) -> float:
            return round(n / self.gold, 3) if self.gold else 0.0

        return {"gold": self.gold, "found": self.found, "right_speaker": self.right_speaker,
                "predicted": self.predicted, "found_share": share(self.found), "speaker_recall": share(self.right_speaker)}


@dataclass
class Score:
    """Counts for one article or a sum of articles."""

    documents: int = 0
    entities: Counts = field(default_factory=Counts)
    entities_typed: Counts = field(default_factory=Counts)
    relations_explicit: Counts = field(default_factory=Counts)
    relations_all: Counts = field(default_factory=Counts)
    predicates: dict[str, Counts] = field(default_factory=dict)
    quotations: Quotations = field(default_factory=Quotations)
    missed_explicit: list[str] = field(default_factory=list)

    def __iadd__(self, other: Score) -> Score:
        self.documents += other.documents
        for part in PARTS:
            getattr(self, part).__iadd__(getattr(other, part))
        for predicate, counts in other.predicates.items():
            self.predicates.setdefault(predicate, Counts()).__iadd__(counts)
        self.quotations += other.quotations
        self.missed_explicit += other.missed_explicit
        return self

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"documents": self.documents}
        out.update({part: getattr(self, part).scores() for part in PARTS})
        out["predicates"] = {p: c.scores() for p, c in sorted(self.predicates.items())}
        out["quotations"] = self.quotations.scores()
        return out


def score_document(extraction: dict[str, Any], gold: dict[str, Any]) -> Score:
    """The counts of one extraction (the ``polgraph extract`` JSON) against one gold file's content."""
    canonical: dict[str, str] = {}
    for entry in gold.get("entities", []):
        for form in (entry["name"], *entry.get("aliases", [])):
            canonical.setdefault(name_key(form), entry["name"])
    gold_label = {entry["name"]: entry["label"] for entry in gold.get("entities", [])}

    score = Score(documents=1)
    to_gold: dict[str, str | None] = {}
    matched: set[str] = set()
    for entity in extraction.get("entities", []):
        mentions = (m.get("text", "") for m in entity.get("mentions", []))
        forms = (entity.get("name", ""), *entity.get("aliases", []), *mentions)
        name = next((canonical[name_key(f)] for f in forms if name_key(f) in canonical), None)
        to_gold[entity.get("id")] = name
        if name and name not in matched:
            matched.add(name)
            score.entities_typed.tp += entity.get("label") == gold_label[name]
    found_entities = len(extraction.get("entities", []))
    gold_entities = len(gold.get("entities", []))
    score.entities = Counts(len(matched), found_entities, gold_entities)
    score.entities_typed.predicted, score.entities_typed.gold = found_entities, gold_entities

    def key(relation: dict[str, Any]) -> tuple[str | None, str, str | None]:
        obj = ARTICLE if relation.get("object") == ARTICLE else to_gold.get(relation.get("object"))
        return to_gold.get(relation.get("subject")), relation.get("predicate"), obj

    predicted = {key(r) for r in extraction.get("relations", [])}
    gold_all = {(r["subject"], r["predicate"], r["object"]) for r in gold.get("relations", [])}
    gold_explicit = {(r["subject"], r["predicate"], r["object"]) for r in gold.get("relations", [])
                     if r["tier"] == "explicit"}
    score.relations_all = Counts(len(predicted & gold_all), len(predicted), len(gold_all))
    score.relations_explicit = Counts(len(predicted & gold_explicit), len(predicted - (gold_all - gold_explicit)),
                                      len(gold_explicit))
    for predicate in {p for _, p, _ in predicted | gold_all}:
        mine = {k for k in predicted if k[1] == predicate}
        theirs = {k for k in gold_all if k[1] == predicate}
        score.predicates[predicate] = Counts(len(mine & theirs), len(mine), len(theirs))
    score.missed_explicit = sorted(f"{s} {p} {o}" for s, p, o in gold_explicit - predicted)
    score.quotations = _score_quotations(extraction.get("statements", []), gold.get("statements", []), to_gold)
    return score


def _score_quotations(found: list[dict[str, Any]], gold: list[dict[str, Any]],
                      to_gold: dict[str, str | None]) -> Quotations:
    """A gold quotation is found by the first predicted statement that contains it, lies in it or shares
    six tenths of its words."""
    result = Quotations(gold=len(gold), predicted=len(found))
    for expected in gold:
        want = name_key(expected["text"])
        want_words = set(want.split())
        for statement in found:
            got = name_key(statement.get("text", ""))
            if got and (got in want or want in got or len(set(got.split()) & want_words) >= 0.6 * len(want_words)):
                result.found += 1
                result.right_speaker += to_gold.get(statement.get("speaker")) == expected["speaker"]
                break
    return result


def outlet_of(gold_path: Path) -> str:
    """The outlet a gold file belongs to: its name up to the first ``-`` ("bbc-125.gold.json" -> "bbc")."""
    return gold_path.name.split("-")[0]


def gold_files(paths: Iterable[Path]) -> list[Path]:
    """Gold files named directly, and every ``*.gold.json`` inside folders, sorted."""
    found: list[Path] = []
    for path in paths:
        found.extend(sorted(path.glob("*.gold.json")) if path.is_dir() else [path])
    return found


def read_extractions(path: Path) -> list[dict[str, Any]]:
    """The documents of an extraction file: one JSON object, a JSON list, or JSON Lines."""
    text = path.read_text(encoding="utf-8").strip()
    try:
        data = json.loads(text)
        return data if isinstance(data, list) else [data]
    except json.JSONDecodeError:
        pass
    documents = []
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip():
            try:
                documents.append(json.loads(line))
            except json.JSONDecodeError as err:
                raise ValueError(f"{path}: line {number} is not valid JSON ({err.msg})") from None
    return documents


def score_corpus(extractions: list[dict[str, Any]], golds: list[Path]) -> dict[str, Score]:
    """Micro-averaged counts per outlet and over all (``"all"``), each gold file scored against the
    extraction whose ``document.source`` has the gold's ``article`` file name (an article with no
    extraction scores as empty). A single gold file with a single extraction pairs them directly."""
    by_name = {Path(doc.get("document", {}).get("source", "")).name: doc for doc in extractions}
    totals: dict[str, Score] = {}
    for path in golds:
        try:
            gold = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as err:
            raise ValueError(f"{path}: not valid JSON (line {err.lineno}: {err.msg})") from None
        article = Path(gold.get("article", "")).name
        doc = by_name.get(article)
        if doc is None and len(golds) == 1 and len(extractions) == 1:
            doc = extractions[0]
        score = score_document(doc or {}, gold)
        for key in (outlet_of(path), "all"):
            totals.setdefault(key, Score()).__iadd__(score)
    return totals


def format_table(totals: dict[str, Score]) -> str:
    """Per-outlet rows and the total, then precision / recall / F1 per predicate over all."""
    header = (f"{'set':10} {'docs':>4} {'ent P':>6} {'ent R':>6} {'ent F1':>6} {'typed':>6} {'expl P':>6} "
              f"{'expl R':>6} {'expl F1':>7} {'all F1':>6}  quotes found / right / gold")
    lines = [header, "-" * len(header)]
    for key in sorted(totals, key=lambda k: (k == "all", k)):
        s = totals[key].to_dict()
        q = s["quotations"]
        lines.append(
            f"{key:10} {s['documents']:>4} {s['entities']['precision']:>6.3f} {s['entities']['recall']:>6.3f} "
            f"{s['entities']['f1']:>6.3f} {s['entities_typed']['f1']:>6.3f} {s['relations_explicit']['precision']:>6.3f} "
            f"{s['relations_explicit']['recall']:>6.3f} {s['relations_explicit']['f1']:>7.3f} "
            f"{s['relations_all']['f1']:>6.3f}  {q['found']} / {q['right_speaker']} / {q['gold']}")
    predicates = totals["all"].to_dict()["predicates"] if "all" in totals else {}
    if predicates:
        lines += ["", f"{'predicate (all tiers)':22} {'P':>6} {'R':>6} {'F1':>6} {'tp':>4} {'found':>6} {'gold':>5}"]
        for predicate, c in predicates.items():
            lines.append(f"{predicate:22} {c['precision']:>6.3f} {c['recall']:>6.3f} {c['f1']:>6.3f} {c['tp']:>4} "
                         f"{c['predicted']:>6} {c['gold']:>5}")
    return "\n".join(lines)
