"""The extraction pipeline: a document through spaCy, then small named components in order.

Components share an ``ArticleContext`` and never import each other; each is a plain function,
testable alone, and the list is configuration: ``Pipeline(components=["furniture", "entities"])``
runs only those.

>>> from polgraph.loaders.readers import read_text
>>> extraction = get_pipeline().extract(read_text("Labour leader Keir Starmer spoke in London.", "x.txt"))
>>> [(r.subject, r.predicate, r.object) for r in extraction.relations]
[('person:keir-starmer', 'LEADS', 'party:labour-party')]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import cache

from spacy.tokens import Doc

from .. import __version__
from .context import ArticleContext
from .entities import find_entities
from .events import find_events
from .furniture import find_furniture
from .gazetteer import load_gazetteer
from .inference import find_inferences
from .model import Document, Extraction
from .nlp import nlp
from .relations import find_relations
from .statements import find_statements
from .text import AnalysisText

EXTRACTOR = f"polgraph-rules/{__version__}"
COMPONENTS: dict[str, Callable[[ArticleContext], None]] = {
    "furniture": find_furniture,
    "entities": find_entities,
    "events": find_events,
    "relations": find_relations,
    "statements": find_statements,
    "inference": find_inferences,
}


class Pipeline:
    def __init__(self, components: Iterable[str] = tuple(COMPONENTS)) -> None:
        unknown = [name for name in components if name not in COMPONENTS]
        if unknown:
            raise ValueError(f"unknown extraction components {unknown}; known: {', '.join(COMPONENTS)}")
        self.components = [(name, COMPONENTS[name]) for name in components]
        self.nlp = nlp()
        self.gazetteer = load_gazetteer()

    def extract(self, document: Document) -> Extraction:
        return next(self.pipe([document]))

    def context(self, document: Document) -> ArticleContext:
        """The shared context after this pipeline's components have read one document (for tests and debugging)."""
        analysis = AnalysisText.of(document.text)
        return self._read(document, analysis, self.nlp(analysis.text))

    def _read(self, document: Document, analysis: AnalysisText, doc: Doc) -> ArticleContext:
        context = ArticleContext(document=document, analysis=analysis, doc=doc, gazetteer=self.gazetteer)
        for _, component in self.components:
            component(context)
        context.drop_unmentioned()
        return context

    def pipe(self, documents: Iterable[Document], n_process: int = 1, batch_size: int = 16) -> Iterator[Extraction]:
        """Extractions in input order; spaCy batches the documents (and spreads them over processes)."""
        docs = list(documents)
        analyses = [AnalysisText.of(d.text) for d in docs]
        parsed = self.nlp.pipe((a.text for a in analyses), n_process=n_process, batch_size=batch_size)
        for document, analysis, doc in zip(docs, analyses, parsed, strict=True):
            context = self._read(document, analysis, doc)
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
