"""The extraction model: what the pipeline finds in one document, as plain data.

It is the JSON contract of ``polgraph extract`` (see the project docs) and what
``polgraph load`` hands to the graph layer. Nothing here knows about spaCy or a store.

>>> doc = Document(id="article:abc", title=None, source="a.txt", chars=5)
>>> Extraction(document=doc).to_dict()["entities"]
[]
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

ARTICLE = "ARTICLE"  # a relation object meaning "the article's own node"
TIERS = ("explicit", "inferred")


@dataclass
class Document:
    """One input document as read (offsets in an Extraction point into ``text``)."""

    id: str
    title: str | None
    source: str
    chars: int
    text: str = field(default="", repr=False)
    url: str | None = None
    published: str | None = None  # ISO date, YYYY-MM-DD
    outlet: str | None = None
    sha256: str | None = None
    authors: list[str] = field(default_factory=list)  # the by-line's names, as the page gives them
    language: str | None = None  # ISO 639-1

    def to_dict(self) -> dict[str, Any]:
        """The contract's ``document`` object (the text itself is not repeated)."""
        data: dict[str, Any] = {"id": self.id, "title": self.title, "source": self.source, "chars": self.chars}
        for key in ("url", "published", "outlet", "sha256", "language"):
            if getattr(self, key) is not None:
                data[key] = getattr(self, key)
        if self.authors:
            data["authors"] = list(self.authors)
        return data


@dataclass
class Mention:
    start: int
    end: int
    text: str


@dataclass
class Entity:
    id: str  # stable slug, e.g. "person:marine-le-pen"
    name: str
    label: str  # a node label of the schema: Person, Party, Region, ...
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    properties: dict[str, Any] = field(default_factory=dict)


@dataclass
class Evidence:
    sentence: str
    start: int
    end: int


@dataclass
class Relation:
    subject: str  # entity id
    predicate: str  # a relationship type of the schema
    object: str  # entity id, or ARTICLE
    evidence: Evidence
    confidence: float = 1.0
    tier: str = "explicit"
    properties: dict[str, Any] = field(default_factory=dict)


@dataclass
class Statement:
    text: str
    start: int
    end: int
    speaker: str | None = None
    mentions: list[str] = field(default_factory=list)
    said_at: str | None = None
    reported_by: str | None = None


@dataclass
class Extraction:
    document: Document
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    extractor: str = "polgraph"

    def to_dict(self) -> dict[str, Any]:
        return {
            "document": self.document.to_dict(),
            "entities": [asdict(e) for e in self.entities],
            "relations": [asdict(r) for r in self.relations],
            "statements": [asdict(s) for s in self.statements],
        }

    def to_json(self, **kwargs: Any) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, **kwargs)

    @classmethod
    def from_dict(cls, data: dict[str, Any], text: str = "") -> Extraction:
        """Rebuild an extraction from its JSON form (``text`` is not part of the JSON)."""
        doc = data["document"]
        document = Document(
            id=doc["id"], title=doc.get("title"), source=doc["source"], chars=doc["chars"],
            text=text, url=doc.get("url"), published=doc.get("published"),
            outlet=doc.get("outlet"), sha256=doc.get("sha256"), authors=list(doc.get("authors") or []),
            language=doc.get("language"),
        )
        entities = [
            Entity(**{**e, "mentions": [Mention(**m) for m in e.get("mentions", [])]})
            for e in data.get("entities", [])
        ]
        relations = [
            Relation(**{**r, "evidence": Evidence(**r["evidence"])}) for r in data.get("relations", [])
        ]
        statements = [Statement(**s) for s in data.get("statements", [])]
        return cls(document=document, entities=entities, relations=relations, statements=statements)
