"""Read, extract and write articles into a store: the work behind ``polgraph load``.

Each article is written in its own transaction, so a failure leaves earlier articles loaded and
the failing one absent. An article whose text is already stored (same sha256) is skipped unless
``force`` is set.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from polgraph.graph.schema import SchemaError
from polgraph.graph.store import Store, WriteSummary
from polgraph.loaders.model import Document
from polgraph.loaders.readers import ReadError, read_path
from polgraph.loaders.to_graph import to_graph

SAMPLE_ARTICLE = Path(__file__).parent / "sample" / "fr-regional-2015-buzzfeed.txt"
READABLE_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl", ".csv"}


@dataclass
class LoadReport:
    loaded: list[WriteSummary] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # sources already in the store
    failed: list[tuple[str, str]] = field(default_factory=list)  # (source, one-line reason)
    warnings: list[str] = field(default_factory=list)


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """The given files, and the readable files inside given directories (sorted)."""
    for path in map(Path, paths):
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in READABLE_SUFFIXES)
        else:
            yield path


def load_paths(store: Store, paths: Iterable[str | Path], *, force: bool = False,
               progress: bool = False) -> LoadReport:
    """Load every article in ``paths`` (files or directories); unreadable files are reported, not fatal."""
    report = LoadReport()
    documents: list[Document] = []
    for path in iter_files(paths):
        try:
            documents.extend(read_path(path))
        except ReadError as err:
            report.failed.append((str(path), str(err)))
    load_documents(store, documents, force=force, progress=progress, report=report)
    return report


def load_documents(store: Store, documents: list[Document], *, force: bool = False, progress: bool = False,
                   report: LoadReport | None = None) -> LoadReport:
    from polgraph.loaders.pipeline import get_pipeline  # spaCy loads only when there is work

    report = report or LoadReport()
    todo = []
    for doc in documents:
        if not force and doc.sha256 and store.has_article(doc.sha256):
            report.skipped.append(doc.source)
        else:
            todo.append(doc)
    if not todo:
        return report
    pipeline = get_pipeline()
    bar = tqdm(total=len(todo), desc="loading", unit="article", disable=not progress)
    for doc, extraction in zip(todo, pipeline.pipe(todo), strict=True):
        batch, warnings = to_graph(extraction, store.schema)
        report.warnings.extend(f"{doc.source}: {w}" for w in warnings)
        if not extraction.entities:
            report.warnings.append(f"{doc.source}: no political actors found (the article node is loaded)")
        try:
            report.loaded.append(store.write_batch(batch))
        except SchemaError as err:  # this article only; its transaction wrote nothing
            report.failed.append((doc.source, str(err)))
        bar.update()
    bar.close()
    return report
