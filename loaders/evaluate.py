"""Score an extraction against hand-made gold facts: precision, recall and F1.

Entities match by label and by canonical name or any alias (case- and accent-insensitive);
relations on (subject, predicate, object) once both ends are matched to gold entities, with
'ARTICLE' as the article itself; statements by their words, counted right when the speaker
matches too.

>>> gold = {"entities": [{"name": "Marine Le Pen", "label": "Person", "aliases": ["Le Pen"]}],
...         "relations": [], "statements": []}
>>> found = {"entities": [{"id": "person:marine-le-pen", "name": "Marine Le Pen", "label": "Person",
...           "aliases": []}], "relations": [], "statements": []}
>>> evaluate(found, gold)["entities"]["f1"]
1.0
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Any

from polgraph.graph.ids import fold

ARTICLE = "ARTICLE"


def _key(text: str) -> str:
    return " ".join(re.sub(r"[^\w' -]", " ", fold(text)).split())


def _scores(true_positives: int, predicted: int, expected: int) -> dict[str, float | int]:
    precision = true_positives / predicted if predicted else 0.0
    recall = true_positives / expected if expected else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(f1, 3),
        "tp": true_positives,
        "predicted": predicted,
        "gold": expected,
    }


def match_entities(found: list[dict[str, Any]], gold: list[dict[str, Any]]) -> dict[str, str]:
    """Predicted entity id -> gold canonical name, one predicted entity per gold entity."""
    forms: dict[tuple[str, str], str] = {}
    for entry in gold:
        for form in [entry["name"], *entry.get("aliases", [])]:
            forms.setdefault((entry["label"], _key(form)), entry["name"])
    matched: dict[str, str] = {}
    taken: set[str] = set()
    for entity in found:
        for form in [entity["name"], *entity.get("aliases", [])]:
            name = forms.get((entity["label"], _key(form)))
            if name and name not in taken:
                matched[entity["id"]] = name
                taken.add(name)
                break
    return matched


def evaluate(extraction: dict[str, Any], gold: dict[str, Any]) -> dict[str, dict[str, float | int]]:
    """Scores for entities, explicit relations, all relations and statements with the right speaker."""
    names = match_entities(extraction.get("entities", []), gold.get("entities", []))
    names[ARTICLE] = ARTICLE
    report = {
        "entities": _scores(
            len(set(names.values()) - {ARTICLE}),
            len(extraction.get("entities", [])),
            len(gold.get("entities", [])),
        )
    }

    def triples(relations: list[dict[str, Any]], mapping: dict[str, str] | None) -> set[tuple[str, str, str]]:
        out = set()
        for rel in relations:
            subject, obj = rel["subject"], rel["object"]
            if mapping is not None:
                subject, obj = mapping.get(subject, f"?{subject}"), mapping.get(obj, f"?{obj}")
            out.add((_key(subject), rel["predicate"], _key(obj)))
        return out

    found_rel = extraction.get("relations", [])
    gold_rel = gold.get("relations", [])
    for name, tier in (("relations_explicit", "explicit"), ("relations_all", None)):
        predicted = triples([r for r in found_rel if tier is None or r.get("tier") == tier], names)
        expected = triples([r for r in gold_rel if tier is None or r.get("tier") == tier], None)
        everything = triples(gold_rel, None)  # an explicit fact found as inferred is not wrong, only unscored
        true_positives = sum(
            1 for triple in predicted & expected if _properties_agree(triple, found_rel, gold_rel, names)
        )
        report[name] = _scores(true_positives, len(predicted - (everything - expected)), len(expected))

    report["statements_speaker"] = _score_statements(
        extraction.get("statements", []), gold.get("statements", []), names
    )
    return report


def _value_key(value: Any) -> str:
    return _key(str(value)).replace("-", " ")


def _properties_agree(
    triple: tuple[str, str, str],
    found: list[dict[str, Any]],
    gold: list[dict[str, Any]],
    names: dict[str, str],
) -> bool:
    """Properties are checked only where the gold relation gives them ("role": "vice-president" =
    "Vice President"; case, accents and hyphens do not count)."""
    wanted = [
        r.get("properties") or {}
        for r in gold
        if (_key(r["subject"]), r["predicate"], _key(r["object"])) == triple
    ]
    want = {k: v for props in wanted for k, v in props.items()}
    if not want:
        return True
    for rel in found:
        subject = names.get(rel["subject"], f"?{rel['subject']}")
        obj = names.get(rel["object"], f"?{rel['object']}")
        if (_key(subject), rel["predicate"], _key(obj)) != triple:
            continue
        got = rel.get("properties") or {}
        if all(k in got and _value_key(got[k]) == _value_key(v) for k, v in want.items()):
            return True
    return False


def _score_statements(
    found: list[dict[str, Any]], gold: list[dict[str, Any]], names: dict[str, str]
) -> dict[str, float | int]:
    right = 0
    used: set[int] = set()
    for expected in gold:
        want = _key(expected["text"])
        for i, statement in enumerate(found):
            if i in used:
                continue
            got = _key(statement["text"])
            if want in got or got in want or SequenceMatcher(None, want, got).ratio() >= 0.8:
                used.add(i)
                if _key(names.get(statement.get("speaker") or "", "")) == _key(expected.get("speaker") or ""):
                    right += 1
                break
    return _scores(right, len(found), len(gold))


def format_report(report: dict[str, dict[str, float | int]]) -> str:
    """The scores as an aligned table."""
    header = f"{'':22} {'precision':>9} {'recall':>7} {'f1':>6} {'tp':>4} {'found':>6} {'gold':>5}"
    lines = [header, "-" * len(header)]
    for name, s in report.items():
        lines.append(
            f"{name:22} {s['precision']:9.3f} {s['recall']:7.3f} {s['f1']:6.3f} {s['tp']:4d} "
            f"{s['predicted']:6d} {s['gold']:5d}"
        )
    return "\n".join(lines)
