"""Web pages: polgraph's former BeautifulSoup reader against the trafilatura reader, on the same pages, in one run.

    .venv/bin/python bench/html_extraction.py [--pages tests/data/html] [--repeat 5]

Scored the way trafilatura's own evaluation scores extractors: each page lists text chunks its
main text must contain ("with") and must not contain ("without"); a "with" chunk found is a
true positive, one missing a false negative; a "without" chunk found is a false positive, one
left out a true negative. Precision, recall and F1 are over all chunks of all pages. The text
scored is the text each reader hands to polgraph. Metadata (authors, date, outlet, language) is
scored per page against the page's annotation. The former reader is loaded from git history
(it needs beautifulsoup4, a test extra).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from common import ROOT, save  # noqa: E402

from polgraph.loaders.html import read_page

PAGES = ROOT / "tests" / "data" / "html"
# The last commit whose loaders/html.py was the BeautifulSoup reader.
BEAUTIFULSOUP_READER = "8f29fd8"
METADATA_FIELDS = ("authors", "published", "outlet", "language")


def former_reader() -> Callable[[str], dict[str, Any]]:
    """The BeautifulSoup reader as it was at BEAUTIFULSOUP_READER, as a function of the page's HTML."""
    shown = subprocess.run(["git", "show", f"{BEAUTIFULSOUP_READER}:loaders/html.py"], cwd=ROOT,
                           capture_output=True, text=True)
    if shown.returncode:
        raise SystemExit(f"cannot read the former reader from git history: {shown.stderr.strip()}")
    module = sys.modules["beautifulsoup_reader"] = types.ModuleType("beautifulsoup_reader")  # dataclasses look it up
    exec(compile(shown.stdout, "beautifulsoup_reader.py", "exec"), module.__dict__)  # noqa: S102

    def read(html: str) -> dict[str, Any]:
        page = module.main_text(html)
        return {"text": page.text, "authors": [], "published": (page.published or "")[:10] or None,
                "outlet": page.outlet, "language": None}

    return read


def trafilatura_reader(html: str, favor_precision: bool = True) -> dict[str, Any]:
    page = read_page(html, favor_precision=favor_precision)
    return {"text": page.stored_text() if page.text else "", "authors": page.authors, "published": page.published,
            "outlet": page.outlet, "language": page.language}


def trafilatura_balanced(html: str) -> dict[str, Any]:
    """trafilatura in its default, balanced mode (polgraph favours precision)."""
    return trafilatura_reader(html, favor_precision=False)


def load_pages(folder: Path) -> list[dict[str, Any]]:
    """Each annotated page: file name, HTML, chunks with and without, expected metadata."""
    annotations = json.loads((folder / "eval.json").read_text(encoding="utf-8"))["pages"]
    return [{"name": name, "html": (folder / name).read_text(encoding="utf-8"), **item}
            for name, item in sorted(annotations.items())]


def flat(text: str) -> str:
    return " ".join(text.split())


def score(pages: list[dict[str, Any]], outputs: list[dict[str, Any]]) -> dict[str, Any]:
    """Chunk counts, precision, recall, F1 and accuracy over all pages, metadata right per field."""
    tp = fn = fp = tn = 0
    missed: dict[str, list[str]] = {}
    for page, output in zip(pages, outputs, strict=True):
        text = flat(output["text"])
        for chunk in page["with"]:
            found = flat(chunk) in text
            tp, fn = tp + found, fn + (not found)
            if not found:
                missed.setdefault(page["name"], []).append(f"missing: {chunk}")
        for chunk in page["without"]:
            found = flat(chunk) in text
            fp, tn = fp + found, tn + (not found)
            if found:
                missed.setdefault(page["name"], []).append(f"kept: {chunk}")
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    metadata = {field: sum(_same(field, page["metadata"][field], output[field]) for page, output
                           in zip(pages, outputs, strict=True)) for field in METADATA_FIELDS}
    return {"true_positives": tp, "false_negatives": fn, "false_positives": fp, "true_negatives": tn,
            "precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
            "accuracy": round((tp + tn) / (tp + fn + fp + tn), 3), "metadata_right": metadata, "errors": missed}


def _same(field: str, expected: Any, found: Any) -> bool:
    if field == "authors":
        return sorted(expected) == sorted(found)
    return expected == found


def measure(pages: list[dict[str, Any]], repeat: int = 1) -> dict[str, Any]:
    """Both readers over the pages: scores, and the best of ``repeat`` timings of each."""
    readers = {"beautifulsoup": former_reader(), "trafilatura": trafilatura_reader,
               "trafilatura_balanced": trafilatura_balanced}
    result: dict[str, Any] = {"pages": len(pages), "chunks_with": sum(len(p["with"]) for p in pages),
                              "chunks_without": sum(len(p["without"]) for p in pages)}
    for name, reader in readers.items():
        reader(pages[0]["html"])  # first call loads what the reader needs (py3langid's model)
        seconds = []
        for _ in range(repeat):
            started = time.perf_counter()
            outputs = [reader(page["html"]) for page in pages]
            seconds.append(time.perf_counter() - started)
        result[name] = {**score(pages, outputs), "seconds": round(min(seconds), 4),
                        "ms_per_page": round(min(seconds) / len(pages) * 1000, 2)}
    result["time_ratio_trafilatura_to_beautifulsoup"] = round(
        result["trafilatura"]["seconds"] / result["beautifulsoup"]["seconds"], 2)
    return result


def table(result: dict[str, Any]) -> str:
    rows = [("precision", "precision"), ("recall", "recall"), ("F1", "f1"), ("accuracy", "accuracy"),
            ("ms per page", "ms_per_page")]
    readers = ("beautifulsoup", "trafilatura", "trafilatura_balanced")
    lines = ["| measure | former BeautifulSoup reader | trafilatura, as polgraph reads (precision) "
             "| trafilatura, balanced mode |", "| --- | --- | --- | --- |"]
    lines += [f"| {label} | " + " | ".join(str(result[r][key]) for r in readers) + " |" for label, key in rows]
    for field in METADATA_FIELDS:
        lines.append(f"| {field} right (of {result['pages']}) | "
                     + " | ".join(str(result[r]["metadata_right"][field]) for r in readers) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=Path, default=PAGES, help="folder with the pages and their eval.json")
    parser.add_argument("--repeat", type=int, default=5, help="timing runs per reader (the best is kept)")
    args = parser.parse_args()
    result = {"benchmark": "html_extraction", **measure(load_pages(args.pages), args.repeat)}
    print(table(result))
    print(f"\ntime trafilatura / BeautifulSoup: {result['time_ratio_trafilatura_to_beautifulsoup']}x")
    for reader in ("beautifulsoup", "trafilatura", "trafilatura_balanced"):
        for page, errors in result[reader]["errors"].items():
            print(f"{reader}: {page}: " + "; ".join(errors))
    print(f"written to {save('html_extraction', result)}")


if __name__ == "__main__":
    main()
