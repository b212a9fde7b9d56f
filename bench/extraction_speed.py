"""Extraction speed: words per second of polgraph's full pipeline against bare spaCy NER, same texts, same run.

    .venv/bin/python bench/extraction_speed.py [--repeat 3] [--processes 1]

Texts: the bundled sample article and ../shared/corpus/wikinews-politics-dev/*.txt when present.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import spacy

sys.path.insert(0, str(Path(__file__).parent))

from common import save  # noqa: E402

from polgraph.loaders.load import SAMPLE_ARTICLE
from polgraph.loaders.nlp import MODEL
from polgraph.loaders.pipeline import Pipeline
from polgraph.loaders.readers import read_path

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "wikinews-politics-dev"


def texts() -> list:
    paths = [SAMPLE_ARTICLE, *sorted(CORPUS.glob("*.txt"))]
    return [doc for path in paths for doc in read_path(path)]


def best_of(repeat: int, work) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--processes", type=int, default=1)
    args = parser.parse_args()
    documents = texts()
    words = sum(len(d.text.split()) for d in documents)
    bare = spacy.load(MODEL, exclude=["parser", "lemmatizer", "attribute_ruler", "tagger"])
    pipeline = Pipeline()
    bare_s = best_of(args.repeat, lambda: list(bare.pipe((d.text for d in documents), n_process=args.processes)))
    full_s = best_of(args.repeat, lambda: list(pipeline.pipe(documents, n_process=args.processes)))
    result = {
        "benchmark": "extraction_speed", "documents": len(documents), "words": words,
        "processes": args.processes, "bare_ner_words_per_s": round(words / bare_s),
        "pipeline_words_per_s": round(words / full_s), "ratio_pipeline_to_bare": round(bare_s / full_s, 3),
    }
    print(json.dumps(result, indent=2))
    save(f"extraction_speed_p{args.processes}", result)


if __name__ == "__main__":
    main()
