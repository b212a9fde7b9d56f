"""Read, extract and write articles into a store: the work behind ``polgraph load``.

Each article is written in its own transaction, so a failure leaves earlier articles loaded and
the failing one absent. An article whose text is already stored (same sha256) is skipped unless
``force`` is set.
"""

from __future__ import annotations

import glob
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from ..graph.curation import Rules
from ..graph.schema import SchemaError
from ..graph.store import Store, WriteSummary
from .corpus import (
    INDEX_FILES,
    LOOKAHEAD,
    folder_metadata,
    full_names_in,
    link_to_store,
    relink_bare_surnames,
    with_metadata,
)
from .metadata import add_authors
from .model import Document, Extraction
from .readers import ReadError, read_path
from .to_graph import to_graph

SAMPLE_ARTICLE = Path(__file__).parent / "sample" / "fr-regional-2015-buzzfeed.txt"
# Files in a corpus folder that describe it rather than report news.
NOT_ARTICLES = {"readme", "source", "sources", "license", "licence", "changelog", "notes"}
READABLE_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl", ".csv"}


@dataclass
class LoadReport:
    loaded: list[WriteSummary] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # sources already in the store
    failed: list[tuple[str, str]] = field(default_factory=list)  # (source, one-line reason)
    warnings: list[str] = field(default_factory=list)


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """The given files, the readable files inside given directories, and the matches of glob patterns (sorted)."""
    for path in map(Path, paths):
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in READABLE_SUFFIXES
                              and p.name not in INDEX_FILES and p.stem.lower() not in NOT_ARTICLES)
        elif not path.exists() and glob.has_magic(str(path)):
            yield from sorted(Path(p) for p in glob.glob(str(path), recursive=True) if Path(p).is_file())
        else:
            yield path


def load_paths(store: Store, paths: Iterable[str | Path], *, force: bool = False, progress: bool = False,
               processes: int = 1) -> LoadReport:
    """Load every article in ``paths`` (files or directories); unreadable files are reported, not fatal."""
    report = LoadReport()
    documents: list[Document] = []
    indexes: dict[Path, dict[str, dict[str, str]]] = {}
    for path in iter_files(paths):
        if path.parent not in indexes:
            indexes[path.parent] = folder_metadata(path.parent)
        try:
            found = read_path(path)
        except ReadError as err:
            report.failed.append((str(path), str(err)))
            continue
        metadata = indexes[path.parent].get(path.name)
        documents.extend(with_metadata(doc, metadata) if metadata else doc for doc in found)
    load_documents(store, documents, force=force, progress=progress, report=report, processes=processes)
    return report


def extract_documents(documents: list[Document], processes: int = 1) -> Iterator[Extraction]:
    """What polgraph reads in each document, in order: the pipeline's extraction, then the by-line's authors."""
    from .pipeline import get_pipeline  # spaCy loads only when there is work

    # Several processes only pay off for a corpus: each one loads the spaCy model.
    n_process = processes if len(documents) >= 8 * processes else 1
    for extraction in get_pipeline().pipe(documents, n_process=n_process):
        yield add_authors(extraction)


def load_documents(store: Store, documents: list[Document], *, force: bool = False, progress: bool = False,
                   report: LoadReport | None = None, processes: int = 1) -> LoadReport:
    report = report or LoadReport()
    todo = []
    for doc in documents:
        if not force and doc.sha256 and store.has_article(doc.sha256):
            report.skipped.append(doc.source)
        else:
            todo.append(doc)
    if not todo:
        return report
    merged = store.merged_ids()
    decided = Rules.from_store(store, merged)  # reviewers' decisions hold for every article loaded again or anew
    surnames: set[str] = set()  # of this load's people: bare ones stored earlier may now have their full name
    bar = tqdm(total=len(todo), desc="loading", unit="article", disable=not progress)
    for first in range(0, len(todo), LOOKAHEAD):
        chunk = todo[first : first + LOOKAHEAD]
        extractions = list(extract_documents(chunk, processes))
        upcoming = full_names_in(extractions, merged)
        for doc, extraction in zip(chunk, extractions, strict=True):
            extraction = link_to_store(extraction, store, merged, upcoming)
            surnames.update(e.name.split()[-1] for e in extraction.entities if e.label == "Person" and e.name.split())
            batch, warnings = to_graph(extraction, store.schema)
            batch = decided.apply(batch)
            report.warnings.extend(f"{doc.source}: {w}" for w in warnings)
            if not extraction.entities:
                report.warnings.append(f"{doc.source}: no political actors found (the article node is loaded)")
            try:
                report.loaded.append(store.write_batch(batch))
            except SchemaError as err:  # this article only; its transaction wrote nothing
                report.failed.append((doc.source, str(err)))
            bar.update()
    bar.close()
    relink_bare_surnames(store, surnames)
    return report
