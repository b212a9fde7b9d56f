"""People across a corpus: how many Person nodes, how many a single word, how many beside a full-name twin.

    .venv/bin/python bench/corpus_people.py [--articles 320] [--label after]

Loads each corpus into a fresh embedded store and prints, per corpus: Person nodes, one-word Person
nodes (count and share), twins (a one-word person whose word is the surname of a full-name person
in the store: "Blair" beside "Tony Blair"), names that still carry a title ("Baroness Ashwell",
"Backbencher Tom Pellow"), and the time of ``find_duplicates`` (what ``polgraph entities
--duplicates`` runs; store read included). The corpora: the shared Wikinews folder with the seed
article (59 articles), and the seeded template corpus of bench/political_corpus.py, loaded once in
one go and once newest first in ten loads of their own (the worst order for a bare surname). For the
latter, whose articles say whom they mean, it also counts each meant person as found under their
full name in that article, left as a bare surname, or joined to someone else.

It runs on any checkout (the figures before a change come from the same script run with the
former code's virtual environment) and writes ``bench/results/corpus_people_LABEL.json``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

from polgraph.graph.duplicates import find_duplicates
from polgraph.graph.ids import fold
from polgraph.graph.open import open_store
from polgraph.graph.store import Store
from polgraph.loaders.load import load_paths

sys.path.insert(0, str(Path(__file__).parent))
from political_corpus import build  # noqa: E402  (a sibling script, not a package)

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus"
# Titles and roles that news writes before a name (graph/duplicates.py's list also has "Don", a first name).
TITLES = frozenset("mr mrs ms miss dr sir dame lord lady baron baroness shadow backbencher mp mep msp president "
                   "chancellor minister secretary senator governor mayor councillor leader prime".split())
RESULTS = Path(__file__).parent / "results"


def person_counts(store: Store) -> dict[str, object]:
    """Persons, one-word persons, twins and titled names in the store, with a few examples of each."""
    names = [row[0] or "" for row in store._read("MATCH (p:Person) RETURN p.name")]
    full_surnames = {fold(n.split()[-1]) for n in names if len(n.split()) >= 2}
    one_word = sorted(n for n in names if len(n.split()) == 1)
    twins = [n for n in one_word if fold(n) in full_surnames]
    titled = sorted(n for n in names if len(n.split()) >= 2 and fold(n.split()[0]).rstrip(".") in TITLES)
    started = time.perf_counter()
    pairs = find_duplicates(store)
    seconds = time.perf_counter() - started
    return {
        "persons": len(names), "one_word": len(one_word),
        "one_word_share": round(len(one_word) / len(names), 3) if names else 0.0,
        "twins": len(twins), "titled_names": len(titled), "duplicate_pairs": len(pairs),
        "duplicates_s": round(seconds, 3), "twin_examples": twins[:12], "titled_examples": titled[:8],
    }


def meant_people(store: Store, truth: dict[str, dict[str, object]]) -> dict[str, int]:
    """Each person an article of the template corpus means: found under their full name in it, left as a bare
    surname there, joined to another person (who shares the surname), or missed."""
    named: dict[str, set[str]] = defaultdict(set)
    for name, path in store._read("MATCH (p:Person)-[:MENTIONED_IN]->(a:Article) RETURN p.name, a.path"):
        named[Path(path).name].add(name or "")
    counts: Counter[str] = Counter()
    for file, facts in truth.items():
        here = named.get(file, set())
        for person in facts["people"]:
            full, surname = person["name"], person["name"].split()[-1]
            kind = "in_full" if person["in_full"] else "surname_only"
            if full in here:
                counts[f"{kind}: right"] += 1
            elif any(n != full and n.split()[-1] == surname and len(n.split()) >= 2 for n in here):
                counts[f"{kind}: joined to another"] += 1
            elif any(n.split()[-1] == surname for n in here):
                counts[f"{kind}: left bare"] += 1
            else:
                counts[f"{kind}: missed"] += 1
    return dict(sorted(counts.items()))


def measure(name: str, loads: list[list[Path]], processes: int, truth: dict | None = None) -> dict[str, object]:
    """Load each list of paths in turn (a load of its own) into a fresh embedded store, and count."""
    with tempfile.TemporaryDirectory() as db, open_store(Path(db) / "g") as store:
        started = time.perf_counter()
        reports = [load_paths(store, paths, processes=processes) for paths in loads]
        row: dict[str, object] = {"corpus": name, "articles": sum(len(r.loaded) for r in reports),
                                  "failed": sum(len(r.failed) for r in reports),
                                  "load_s": round(time.perf_counter() - started, 1), **person_counts(store)}
        if truth is not None:
            row["meant_people"] = meant_people(store, truth)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=320, help="articles of the template corpus")
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--label", default="after", help="names the results file (before / after)")
    args = parser.parse_args()
    results = []
    wikinews = [SHARED / "wikinews-politics-dev", SHARED / "seed" / "fr-regional-2015-buzzfeed.txt"]
    if wikinews[0].exists():
        results.append(measure("wikinews-politics-dev + seed", [wikinews], args.processes))
    work = Path(tempfile.mkdtemp())
    try:
        truth = build(work / "corpus", args.articles)
        results.append(measure(f"template corpus ({args.articles})", [[work / "corpus"]], args.processes, truth))
        # The worst order for a bare surname: newest articles first, in ten loads of their own (no look-ahead
        # across loads), so many a bare surname is stored before the full name it means.
        newest_first = [work / "corpus" / file for file in sorted(truth, key=lambda f: truth[f]["date"], reverse=True)]
        size = -(-len(newest_first) // 10)
        loads = [newest_first[i : i + size] for i in range(0, len(newest_first), size)]
        results.append(measure(f"template corpus ({args.articles}), newest first, in {len(loads)} loads", loads,
                               args.processes, truth))
    finally:
        shutil.rmtree(work)
    print(json.dumps(results, indent=2))
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"corpus_people_{args.label}.json").write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
