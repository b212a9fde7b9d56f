"""Loading many articles: metadata from index files, and one node per real actor across articles.

An ``index.tsv`` (or ``index.csv``) beside text files gives each file's title, date, url and
outlet (columns ``file``, ``date``/``published``, ``title``, ``url``, ``outlet``). Before an
article is written, its entity ids are linked to the store: ids merged away by ``polgraph
merge`` go to the node that took them over, and a bare surname ("Pelosi") goes to the one stored
person with that surname, or, among several, the one sharing a party with it in this article.
"""

from __future__ import annotations

import csv
from dataclasses import replace
from pathlib import Path

from ..graph.ids import node_id
from ..graph.store import Store
from .model import Document, Entity, Extraction

INDEX_FILES = ("index.tsv", "index.csv")


def folder_metadata(folder: Path) -> dict[str, dict[str, str]]:
    """File name -> metadata from the folder's index file, if it has one."""
    for name in INDEX_FILES:
        path = folder / name
        if path.is_file():
            with path.open(encoding="utf-8", newline="") as handle:
                rows = csv.DictReader(handle, delimiter="\t" if name.endswith(".tsv") else ",")
                return {row["file"]: row for row in rows if row.get("file")}
    return {}


def with_metadata(document: Document, metadata: dict[str, str]) -> Document:
    """The document with the index's title, date, url and outlet where the index gives them."""
    published = metadata.get("date") or metadata.get("published")
    return replace(
        document,
        title=metadata.get("title") or document.title,
        url=metadata.get("url") or document.url,
        published=published[:10] if published else document.published,
        outlet=metadata.get("outlet") or document.outlet,
    )


def link_to_store(extraction: Extraction, store: Store, merged: dict[str, str]) -> Extraction:
    """The extraction with entity ids pointing at the store's nodes for the same actors."""
    mapping = {e.id: merged[e.id] for e in extraction.entities if e.id in merged}
    parties = _parties_in_article(extraction)
    for entity in extraction.entities:
        if entity.id in mapping or entity.label != "Person" or " " in entity.name.strip():
            continue
        if entity.id != node_id("Person", entity.name) or entity.properties.get("wikidata"):
            continue  # a gazetteer entry already has its own stable id
        candidates = [row[0] for row in store._read(
            "MATCH (p:Person) WHERE p.name ENDS WITH $suffix RETURN p.id", {"suffix": " " + entity.name})]
        candidates = [merged.get(c, c) for c in candidates]
        if len(set(candidates)) > 1 and parties.get(entity.id):
            same_party = {row[0] for row in store._read(
                "MATCH (p:Person)-[:MEMBER_OF|LEADS]->(q:Party) WHERE p.id IN $ids AND q.id IN $parties RETURN p.id",
                {"ids": candidates, "parties": sorted(parties[entity.id])})}
            candidates = sorted(same_party)
        if len(set(candidates)) == 1:
            mapping[entity.id] = candidates[0]
    return rename_entities(extraction, mapping) if mapping else extraction


def _parties_in_article(extraction: Extraction) -> dict[str, set[str]]:
    parties: dict[str, set[str]] = {}
    for rel in extraction.relations:
        if rel.predicate in ("MEMBER_OF", "LEADS"):
            parties.setdefault(rel.subject, set()).add(rel.object)
    return parties


def rename_entities(extraction: Extraction, mapping: dict[str, str]) -> Extraction:
    """The extraction with entity ids renamed; entities that become the same are merged."""
    entities: dict[str, Entity] = {}
    for entity in extraction.entities:
        new_id = mapping.get(entity.id, entity.id)
        if new_id in entities:
            kept = entities[new_id]
            kept.mentions.extend(entity.mentions)
            kept.aliases.extend(a for a in entity.aliases if a not in kept.aliases)
        else:
            entities[new_id] = replace(entity, id=new_id, mentions=list(entity.mentions), aliases=list(entity.aliases))
    relations = [replace(r, subject=mapping.get(r.subject, r.subject), object=mapping.get(r.object, r.object))
                 for r in extraction.relations]
    relations = [r for r in relations if r.subject != r.object]
    statements = [replace(s, speaker=mapping.get(s.speaker, s.speaker) if s.speaker else None,
                          mentions=[mapping.get(m, m) for m in s.mentions],
                          said_at=mapping.get(s.said_at, s.said_at) if s.said_at else None,
                          reported_by=mapping.get(s.reported_by, s.reported_by) if s.reported_by else None)
                  for s in extraction.statements]
    return replace(extraction, entities=list(entities.values()), relations=relations, statements=statements)
