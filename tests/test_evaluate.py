"""Evaluation: the reference scorer's rules (matching by name, alias or mention, typed entities, explicit
precision, quotations), corpus micro-averages per outlet, and the same figures as the reference scorer."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from polgraph.app.cli import cli
from polgraph.loaders.evaluate import name_key, score_corpus, score_document

SHARED = Path(__file__).resolve().parents[2] / "shared"
SCORER = SHARED / "eval" / "scorer"

GOLD = {
    "article": "a.txt",
    "entities": [
        {"name": "Marine Le Pen", "label": "Person", "aliases": ["Le Pen"]},
        {"name": "Front National", "label": "Party", "aliases": ["FN", "National Front"]},
        {"name": "Hénin-Beaumont", "label": "Place", "aliases": []},
    ],
    "relations": [
        {"subject": "Marine Le Pen", "predicate": "LEADS", "object": "Front National", "tier": "explicit"},
        {"subject": "Hénin-Beaumont", "predicate": "LOCATED_IN", "object": "Front National", "tier": "inferred"},
    ],
    "statements": [{"speaker": "Marine Le Pen", "text": "Nothing can stop us now."}],
}


def entity(eid: str, name: str, label: str, mentions=()):
    return {"id": eid, "name": name, "label": label, "aliases": [], "mentions": [{"text": m} for m in mentions]}


def relation(subject: str, predicate: str, obj: str, tier: str = "explicit") -> dict:
    return {"subject": subject, "predicate": predicate, "object": obj, "tier": tier}


def test_names_compare_without_case_accents_possessives_or_articles() -> None:
    assert name_key("The Front National's") == name_key("front national") == "front national"
    assert name_key("Hénin-Beaumont") == "henin beaumont"


def test_matching_by_name_alias_or_mention_and_typed_counts() -> None:
    found = {"entities": [
        entity("person:mlp", "MARINE LE PEN", "Person"),
        entity("org:fn", "Front", "Organization", mentions=["National Front"]),  # matched by a mention, wrong label
        entity("place:x", "Lille", "Place"),
    ], "relations": [], "statements": []}
    score = score_document(found, GOLD)
    assert (score.entities.tp, score.entities.predicted, score.entities.gold) == (2, 3, 3)
    assert score.entities_typed.tp == 1


def test_explicit_precision_does_not_count_hits_on_inferred_facts() -> None:
    found = {"entities": [entity("p", "Marine Le Pen", "Person"), entity("f", "FN", "Party"),
                          entity("h", "Hénin-Beaumont", "Place")],
             "relations": [relation("p", "LEADS", "f"), relation("h", "LOCATED_IN", "f", "explicit"),
                           relation("p", "MEMBER_OF", "f")],
             "statements": []}
    score = score_document(found, GOLD)
    assert (score.relations_explicit.tp, score.relations_explicit.predicted) == (1, 2)  # the inferred hit is left out
    assert (score.relations_all.tp, score.relations_all.predicted) == (2, 3)
    assert score.predicates["MEMBER_OF"].predicted == 1 and score.predicates["MEMBER_OF"].tp == 0


def test_quotations_found_and_right_speaker() -> None:
    found = {"entities": [entity("p", "Marine Le Pen", "Person")], "relations": [],
             "statements": [{"text": "Nothing can stop us now", "speaker": None}]}
    quotes = score_document(found, GOLD).quotations
    assert (quotes.found, quotes.right_speaker) == (1, 0)
    found["statements"][0]["speaker"] = "p"
    assert score_document(found, GOLD).quotations.right_speaker == 1


def test_corpus_scores_micro_average_per_outlet(tmp_path: Path) -> None:
    for name in ("bbc-1", "bbc-2", "mail-1"):
        (tmp_path / f"{name}.gold.json").write_text(json.dumps({**GOLD, "article": f"{name}.txt"}), encoding="utf-8")
    docs = [{"document": {"source": f"x/{name}.txt"}, "entities": [entity("p", "Le Pen", "Person")],
             "relations": [], "statements": []} for name in ("bbc-1", "mail-1")]
    totals = score_corpus(docs, sorted(tmp_path.glob("*.gold.json")))
    assert set(totals) == {"bbc", "mail", "all"}
    assert (totals["bbc"].entities.tp, totals["bbc"].entities.gold) == (1, 6)  # bbc-2 has no extraction
    assert (totals["all"].entities.tp, totals["all"].entities.predicted) == (2, 2)


def test_cli_folder_json_and_bad_input(tmp_path: Path) -> None:
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "bbc-1.gold.json").write_text(json.dumps({**GOLD, "article": "bbc-1.txt"}), encoding="utf-8")
    extraction = tmp_path / "x.jsonl"
    extraction.write_text(json.dumps({"document": {"source": "bbc-1.txt"}, "entities": [], "relations": [],
                                      "statements": []}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", str(extraction), str(tmp_path / "gold"), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["all"]["entities"]["gold"] == 3
    table = CliRunner().invoke(cli, ["eval", str(extraction), str(tmp_path / "gold")])
    assert "bbc" in table.output and "predicate" not in table.output.splitlines()[0]
    extraction.write_text("{not json\n", encoding="utf-8")
    broken = subprocess.run([sys.executable, "-m", "polgraph", "eval", str(extraction), str(tmp_path / "gold")],
                            capture_output=True, text=True)
    assert broken.returncode == 1 and "x.jsonl" in broken.stderr and len(broken.stderr.strip().splitlines()) == 1


@pytest.mark.skipif(not SCORER.exists(), reason="../shared/eval/scorer not present")
def test_same_figures_as_the_reference_scorer(tmp_path: Path) -> None:
    """polgraph eval and ../shared/eval/scorer/score_corpus.py agree on the dev set, outlet by outlet."""
    from polgraph.loaders.pipeline import get_pipeline
    from polgraph.loaders.readers import read_path

    dev = SHARED / "eval" / "dev"
    documents = [doc for path in sorted(dev.glob("*.txt")) for doc in read_path(path)]
    path = tmp_path / "dev.jsonl"
    path.write_text("".join(x.to_json() + "\n" for x in get_pipeline().pipe(documents)), encoding="utf-8")
    reference = json.loads(subprocess.run(
        [sys.executable, "score_corpus.py", str(dev), str(path), "--json"], cwd=SCORER, capture_output=True,
        text=True, check=True).stdout)
    ours = score_corpus([json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()],
                        sorted(dev.glob("*.gold.json")))
    assert set(reference) == set(ours)
    for outlet, theirs in reference.items():
        mine = ours[outlet].to_dict()
        for part in ("entities", "entities_typed", "relations_explicit", "relations_all"):
            assert (mine[part]["tp"], mine[part]["predicted"], mine[part]["gold"]) == (
                theirs[part]["tp"], theirs[part]["pred"], theirs[part]["gold"]), (outlet, part)
            assert (mine[part]["precision"], mine[part]["recall"], mine[part]["f1"]) == (
                theirs[part]["p"], theirs[part]["r"], theirs[part]["f1"]), (outlet, part)
        quotes = mine["quotations"]
        assert (quotes["found"], quotes["right_speaker"], quotes["gold"]) == (
            theirs["statements"]["found"], theirs["statements"]["right_speaker"], theirs["statements"]["gold"])
