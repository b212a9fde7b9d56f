"""What a document's metadata adds to its extraction: each by-line author as an AUTHORED fact.

A reader that knows the authors (the HTML reader, from the page's by-line and metadata) puts
them in ``Document.authors`` and heads the stored text with the by-line, so each author is
cited with the by-line as evidence and true offsets into that text. An author the text does
not name is left out: a fact here always has its sentence.

>>> from polgraph.loaders.model import Document, Extraction
>>> text = "Le Pen loses\\n\\nBy Jane Roe\\n\\nMarine Le Pen lost."
>>> doc = Document(id="article:1", title=None, source="a.html", chars=len(text), text=text, authors=["Jane Roe"])
>>> extraction = add_authors(Extraction(document=doc))
>>> [(r.subject, r.predicate, r.object, r.evidence.sentence, r.evidence.start) for r in extraction.relations]
[('person:jane-roe', 'AUTHORED', 'ARTICLE', 'By Jane Roe', 14)]
"""

from __future__ import annotations

from dataclasses import replace

from ..graph.ids import node_id
from .model import ARTICLE, Entity, Evidence, Extraction, Mention, Relation

BYLINE_REACH = 1000  # characters from the top of the text where a by-line is looked for
CONFIDENCE = 0.9  # as for a by-line read in the text


def add_authors(extraction: Extraction) -> Extraction:
    """The extraction with an author entity and an AUTHORED relation for each by-line author the text names."""
    document = extraction.document
    if not document.authors:
        return extraction
    entities = {entity.id: entity for entity in extraction.entities}
    relations = list(extraction.relations)
    for name in document.authors:
        found = _byline(document.text, name)
        if found is None:
            continue
        start, evidence = found
        author = _author_entity(entities, name, start, start + len(name))
        entities[author.id] = author
        if not any(r.subject == author.id and r.predicate == "AUTHORED" and r.object == ARTICLE for r in relations):
            relations.append(Relation(author.id, "AUTHORED", ARTICLE, evidence, confidence=CONFIDENCE))
    return replace(extraction, entities=list(entities.values()), relations=relations)


def _byline(text: str, name: str) -> tuple[int, Evidence] | None:
    """Where the name first appears near the top, and its line as evidence."""
    start = text.find(name, 0, BYLINE_REACH)
    if start < 0:
        return None
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line_end = len(text) if line_end < 0 else line_end
    line = text[line_start:line_end]
    first = line_start + len(line) - len(line.lstrip())
    return start, Evidence(sentence=line.strip(), start=first, end=first + len(line.strip()))


def _author_entity(entities: dict[str, Entity], name: str, start: int, end: int) -> Entity:
    """The pipeline's entity for exactly the author's words (a person, or a known organisation), else a person by that name.

    A mention running past the name ("Owen Pritchard Councils", the by-line read into the next
    paragraph) is not the author.
    """
    for entity in entities.values():
        known = entity.label == "Person" or (entity.label == "Organization" and entity.properties.get("wikidata"))
        if known and any(m.start == start and m.end == end for m in entity.mentions):
            return entity
    mention = Mention(start=start, end=end, text=name)
    person = entities.get(node_id("Person", name))
    if person is None:
        return Entity(id=node_id("Person", name), name=name, label="Person", aliases=[name], mentions=[mention])
    return replace(person, mentions=[*person.mentions, mention])
