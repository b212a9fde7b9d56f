"""The extraction pipeline: a document through spaCy, then small named components in order.

Components share an ``ArticleContext``; each is a plain function, testable alone, and the list
is configuration: ``Pipeline(components=["entities", "events"])`` runs only those.

>>> from polgraph.loaders.readers import read_text
>>> extraction = get_pipeline().extract(read_text("Labour leader Keir Starmer spoke in London.", "x.txt"))
>>> [(r.subject, r.predicate, r.object) for r in extraction.relations]
[('person:keir-starmer', 'LEADS', 'party:labour-party')]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import cache

from polgraph import __version__
from polgraph.loaders.context import ArticleContext
from polgraph.loaders.entities import find_entities
from polgraph.loaders.events import find_events
from polgraph.loaders.gazetteer import load_gazetteer
from polgraph.loaders.model import Document, Extraction
from polgraph.loaders.nlp import nlp
from polgraph.loaders.readers import boilerplate_ranges
from polgraph.loaders.relations import find_relations
from polgraph.loaders.statements import find_statements

EXTRACTOR = f"polgraph-rules/{__version__}"
COMPONENTS: dict[str, Callable[[ArticleContext], None]] = {
    "entities": find_entities,
    "events": find_events,
    "relations": find_relations,
    "statements": find_statements,
}


class Pipeline:
    def __init__(self, components: Iterable[str] = tuple(COMPONENTS)) -> None:
        self.components = [(name, COMPONENTS[name]) for name in components]
        self.nlp = nlp()
        self.gazetteer = load_gazetteer()

    def extract(self, document: Document) -> Extraction:
        return next(self.pipe([document]))

    def pipe(
        self, documents: Iterable[Document], n_process: int = 1, batch_size: int = 16
    ) -> Iterator[Extraction]:
        """Extractions in input order; spaCy batches the documents (and spreads them over processes)."""
        docs = list(documents)
        parsed = self.nlp.pipe((d.text for d in docs), n_process=n_process, batch_size=batch_size)
        for document, doc in zip(docs, parsed, strict=True):
            context = ArticleContext(
                document=document,
                doc=doc,
                gazetteer=self.gazetteer,
                excluded=boilerplate_ranges(document.text),
            )
            for _, component in self.components:
                component(context)
            yield Extraction(
                document=document,
                entities=list(context.entities.values()),
                relations=context.relations,
                statements=context.statements,
                extractor=EXTRACTOR,
            )


@cache
def get_pipeline() -> Pipeline:
    """The default pipeline, built once per process."""
    return Pipeline()
