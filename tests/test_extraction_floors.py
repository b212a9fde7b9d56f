"""The dev gold set and the seed article, scored as `polgraph eval` scores them, stay above the floors kept
in extraction_floors.json (raised as extraction improves, never lowered)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from polgraph.loaders.evaluate import Score, score_corpus
from polgraph.loaders.pipeline import get_pipeline
from polgraph.loaders.readers import read_path

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
FLOORS = json.loads((Path(__file__).parent / "extraction_floors.json").read_text(encoding="utf-8"))
SEED = Path(__file__).resolve().parents[1] / "loaders" / "sample" / "fr-regional-2015-buzzfeed.txt"


def figures(score: Score) -> dict[str, float]:
    report = score.to_dict()
    quotes = report["quotations"]
    return {
        "entities_f1": report["entities"]["f1"],
        "entities_typed_f1": report["entities_typed"]["f1"],
        "relations_explicit_precision": report["relations_explicit"]["precision"],
        "relations_explicit_recall": report["relations_explicit"]["recall"],
        "relations_all_f1": report["relations_all"]["f1"],
        "quotations_found": quotes["found_share"],
        "quotations_right_speaker": quotes["speaker_recall"],
    }


@pytest.mark.parametrize("name", ["dev", "seed"])
def test_scores_stay_above_their_floors(name: str) -> None:
    if not EVAL.exists():
        pytest.skip("../shared/eval not present")
    if name == "dev":
        texts, golds = sorted((EVAL / "dev").glob("*.txt")), sorted((EVAL / "dev").glob("*.gold.json"))
    else:
        texts, golds = [SEED], [EVAL / "fr-regional-2015-buzzfeed.gold.json"]
    documents = [doc for path in texts for doc in read_path(path)]
    extractions = [x.to_dict() for x in get_pipeline().pipe(documents)]
    got = figures(score_corpus(extractions, golds)["all"])
    print(name, got)
    below = {k: (got[k], floor) for k, floor in FLOORS[name].items() if got[k] < floor}
    assert not below, f"{name} fell below its floors (got, floor): {below}"
