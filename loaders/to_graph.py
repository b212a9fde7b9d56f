"""An extraction as graph records: the article node, entities, facts with provenance, statements.

This is the one place that knows both the extraction contract and the graph schema. Facts the
schema cannot hold (a relationship between labels it does not allow) are left out with a warning
rather than failing the whole article.

>>> from polgraph.loaders.model import Document, Extraction
>>> doc = Document(id="article:1", title="T", source="t.txt", chars=4, text="Text")
>>> batch, warnings = to_graph(Extraction(document=doc))
>>> [node.label for node in batch.nodes], warnings
(['Article'], [])
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ..graph.records import GraphBatch, NodeRecord, RelationshipRecord
from ..graph.schema import Schema, load_schema
from .model import ARTICLE, Extraction

_STATEMENT_SOURCES = {"SAID": "speaker", "SAID_AT": "said_at", "REPORTED_BY": "reported_by"}


def to_graph(extraction: Extraction, schema: Schema | None = None) -> tuple[GraphBatch, list[str]]:
    """The records one article adds, and warnings about what the schema could not take."""
    schema = schema or load_schema()
    doc = extraction.document
    published = as_date(doc.published)
    batch = GraphBatch(article_id=doc.id)
    warnings: list[str] = []
    labels: dict[str, str] = {ARTICLE: "Article"}

    batch.nodes.append(NodeRecord("Article", doc.id, {
        "name": doc.title or Path(doc.source).name,
        "title": doc.title, "url": doc.url, "published": published, "outlet": doc.outlet,
        "language": doc.language, "path": doc.source, "sha256": doc.sha256, "chars": doc.chars, "text": doc.text or None,
        "extractor": extraction.extractor,
    }))

    def provenance(start: int, end: int, sentence: str, confidence: float = 1.0,
                   tier: str = "explicit") -> dict[str, Any]:
        return {
            "articles": [doc.id], "spans": [f"{doc.id}:{start}:{end}"], "evidence": [sentence],
            "extractor": extraction.extractor, "confidence": confidence, "tier": tier,
            "first_reported": published, "last_reported": published,
        }

    def add_relationship(rel_type: str, source: str, target: str, props: dict[str, Any]) -> None:
        source_label, target_label = labels.get(source), labels.get(target)
        if source_label is None or target_label is None:
            warnings.append(f"{rel_type} from {source} to {target}: unknown entity, left out")
            return
        declared = schema.relationship(rel_type)
        if (source_label, target_label) not in declared.pairs():
            warnings.append(f"{rel_type} cannot go from {source_label} to {target_label}: "
                            f"{source} -> {target} left out")
            return
        props = {k: v for k, v in props.items() if k in declared.properties}
        target_id = doc.id if target == ARTICLE else target
        batch.relationships.append(RelationshipRecord(rel_type, source_label, source, target_label, target_id, props))

    for entity in extraction.entities:
        if entity.label not in schema.nodes:
            warnings.append(f"entity {entity.id} has unknown label {entity.label}, left out")
            continue
        labels[entity.id] = entity.label
        declared = schema.node(entity.label).properties
        props = {k: _typed(declared[k].type, v) for k, v in entity.properties.items() if k in declared}
        batch.nodes.append(NodeRecord(entity.label, entity.id, {
            **props, "name": entity.name, "aliases": list(dict.fromkeys(entity.aliases)),
        }))
        if entity.mentions:
            first = entity.mentions[0]
            add_relationship("MENTIONED_IN", entity.id, ARTICLE, {
                **provenance(first.start, first.end, first.text), "count": len(entity.mentions),
            })

    for relation in extraction.relations:
        ev = relation.evidence
        add_relationship(relation.predicate, relation.subject, relation.object, {
            **provenance(ev.start, ev.end, ev.sentence, relation.confidence, relation.tier),
            **relation.properties,
        })

    for statement in extraction.statements:
        statement_id = f"statement:{doc.id.split(':', 1)[-1]}:{statement.start}"
        labels[statement_id] = "Statement"
        batch.nodes.append(NodeRecord("Statement", statement_id, {
            "name": _opening_words(statement.text), "aliases": [], "text": statement.text, "article": doc.id,
            "char_start": statement.start, "char_end": statement.end, "published": published,
        }))
        quote = provenance(statement.start, statement.end, statement.text)
        add_relationship("MENTIONED_IN", statement_id, ARTICLE, {**quote, "count": 1})
        for rel_type, attribute in _STATEMENT_SOURCES.items():
            other = getattr(statement, attribute)
            if other is not None:
                source, target = (other, statement_id) if rel_type == "SAID" else (statement_id, other)
                add_relationship(rel_type, source, target, quote)
        for mentioned in dict.fromkeys(statement.mentions):
            add_relationship("MENTIONS", statement_id, mentioned, quote)
    return batch, warnings


def as_date(value: str | dt.date | None) -> dt.date | None:
    """A date from an ISO string (its first ten characters) or a date; None for anything else.

    >>> as_date("2005-03-01T10:00"), as_date("March 2005")
    (datetime.date(2005, 3, 1), None)
    """
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _typed(prop_type: str, value: Any) -> Any:
    if prop_type == "date":
        return as_date(value)
    if prop_type == "int" and isinstance(value, str) and value.isdigit():
        return int(value)
    return value


def _opening_words(text: str, limit: int = 80) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rsplit(" ", 1)[0] + "…"
