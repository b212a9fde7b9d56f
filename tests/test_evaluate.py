"""Evaluation: matching by name or alias, relation triples, properties where gold gives them, the seed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from polgraph.loaders.evaluate import evaluate, format_report

GOLD = Path(__file__).resolve().parents[2] / "shared" / "eval" / "fr-regional-2015-buzzfeed.gold.json"
SEED = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seed" / "fr-regional-2015-buzzfeed.txt"

GOLD_SMALL = {
    "entities": [
        {"name": "Marine Le Pen", "label": "Person", "aliases": ["Le Pen"]},
        {"name": "Front National", "label": "Party", "aliases": ["FN", "National Front"]},
        {"name": "Hénin-Beaumont", "label": "Place", "aliases": []},
    ],
    "relations": [
        {"subject": "Marine Le Pen", "predicate": "LEADS", "object": "Front National", "tier": "explicit"},
        {
            "subject": "Marine Le Pen",
            "predicate": "HOLDS_OFFICE",
            "object": "Hénin-Beaumont",
            "tier": "explicit",
            "properties": {"role": "vice-president"},
        },
    ],
    "statements": [{"speaker": "Marine Le Pen", "text": "Nothing can stop us now."}],
}


def entity(eid: str, name: str, label: str, aliases=()):
    return {"id": eid, "name": name, "label": label, "aliases": list(aliases), "mentions": []}


def test_alias_accent_and_case_insensitive_matching() -> None:
    found = {
        "entities": [
            entity("person:mlp", "MARINE LE PEN", "Person"),
            entity("party:fn", "National Front", "Party"),
            entity("place:hb", "Henin-Beaumont", "Place"),
            entity("place:x", "Lille", "Place"),
        ],
        "relations": [
            {"subject": "person:mlp", "predicate": "LEADS", "object": "party:fn", "tier": "explicit"},
            {
                "subject": "person:mlp",
                "predicate": "HOLDS_OFFICE",
                "object": "place:hb",
                "tier": "explicit",
                "properties": {"role": "Vice President"},
            },
        ],
        "statements": [{"speaker": "person:mlp", "text": "Nothing can stop us now", "start": 0, "end": 1}],
    }
    report = evaluate(found, GOLD_SMALL)
    assert report["entities"]["tp"] == 3 and report["entities"]["precision"] == 0.75
    assert report["relations_explicit"]["f1"] == 1.0
    assert report["statements_speaker"]["tp"] == 1


def test_wrong_property_is_not_a_match_and_wrong_speaker_counts_against() -> None:
    found = {
        "entities": [
            entity("person:mlp", "Marine Le Pen", "Person"),
            entity("place:hb", "Hénin-Beaumont", "Place"),
        ],
        "relations": [
            {
                "subject": "person:mlp",
                "predicate": "HOLDS_OFFICE",
                "object": "place:hb",
                "tier": "explicit",
                "properties": {"role": "mayor"},
            }
        ],
        "statements": [{"speaker": None, "text": "Nothing can stop us now.", "start": 0, "end": 1}],
    }
    report = evaluate(found, GOLD_SMALL)
    assert report["relations_explicit"]["tp"] == 0
    assert report["statements_speaker"]["tp"] == 0


def test_report_table_is_aligned() -> None:
    table = format_report(evaluate({"entities": [], "relations": [], "statements": []}, GOLD_SMALL))
    lines = table.splitlines()
    assert "precision" in lines[0] and len({len(line) for line in lines}) == 1


def test_seed_scores_meet_the_targets() -> None:
    if not GOLD.exists() or not SEED.exists():
        pytest.skip("../shared gold or seed not present")
    from polgraph.loaders.pipeline import get_pipeline
    from polgraph.loaders.readers import read_path

    (document,) = read_path(SEED)
    extraction = get_pipeline().extract(document)
    report = evaluate(extraction.to_dict(), json.loads(GOLD.read_text(encoding="utf-8")))
    print(format_report(report))
    assert report["entities"]["f1"] >= 0.95
    assert report["relations_explicit"]["f1"] >= 0.85
    assert report["relations_all"]["f1"] >= 0.7
    assert report["statements_speaker"]["tp"] == 5
