"""Loading many articles: metadata from index files, and one node per real actor across articles.

An ``index.tsv`` (or ``index.csv``) beside text files gives each file's title, date, url and
outlet (columns ``file``, ``date``/``published``, ``title``, ``url``, ``outlet``). Before an
article is written, its entity ids are linked to the store: ids merged away by ``polgraph
merge`` go to the node that took them over, and a bare surname ("Pelosi", "Mr Howard") that
extraction left on its own (no full name in the article, no gazetteer office holder of that name
at the article's date) goes to the stored full-name person it means: among the people named
with that surname in articles near the article's date (``NEAR_DAYS`` either side; every article
when either date is unknown), the one sharing a party with it in this article, else the one
named in the most such articles. A tie, or nobody, leaves it its own node. Two full names never
join on a shared surname.

Loading order should not matter. Within one load, the full names of the articles loaded together
(up to ``LOOKAHEAD`` at a time) count before they are written; and after a load
``relink_bare_surnames`` looks again at the stored bare surnames that this load's people share:
one whose every article now points at the same full-name person is merged into that person (not
remembered as a merge: a later article with the same bare surname is judged by its own date).
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..graph.duplicates import TITLES
from ..graph.ids import fold, node_id
from ..graph.store import Store
from .model import Document, Entity, Extraction
from .to_graph import as_date

INDEX_FILES = ("index.tsv", "index.csv")
NEAR_DAYS = 730  # a bare surname means someone named within two years of the article, either side
LOOKAHEAD = 500  # articles extracted before any of them is written, so their full names count for each other


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


Sightings = dict[str, set[tuple[str, dt.date | None]]]  # person id -> (article id, date) of the articles naming them


@dataclass
class Upcoming:
    """The full-name people of articles about to be written: by surname, and each one's name."""

    by_surname: dict[str, Sightings] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)


def link_to_store(extraction: Extraction, store: Store, merged: dict[str, str],
                  upcoming: Upcoming | None = None) -> Extraction:
    """The extraction with entity ids pointing at the store's nodes for the same actors.

    ``upcoming`` holds the full names of articles loaded with this one but not yet written (see
    ``full_names_in``): they count as if stored, so the order of a corpus's files does not matter.
    """
    mapping = {e.id: merged[e.id] for e in extraction.entities if e.id in merged}
    parties = _parties_in_article(extraction)
    published = as_date(extraction.document.published)
    for entity in extraction.entities:
        if entity.id in mapping or not is_bare_surname(entity.id, entity.name, entity.properties.get("wikidata")):
            continue
        candidates = full_names_with_surname(store, entity.name, merged, upcoming)
        near = {person: n for person, n in named_near(candidates, published).items() if n}
        if len(near) > 1 and parties.get(entity.id):
            same_party = {row[0] for row in store._read(
                "MATCH (p:Person)-[:MEMBER_OF|LEADS]->(q:Party) WHERE p.id IN $ids AND q.id IN $parties RETURN p.id",
                {"ids": sorted(near), "parties": sorted(parties[entity.id])})}
            near = {person: n for person, n in near.items() if person in same_party}
        target = named_most(near)
        if target is not None:
            mapping[entity.id] = target
    names = upcoming.names if upcoming else {}
    return rename_entities(extraction, mapping, names) if mapping else extraction


def is_bare_surname(entity_id: str, name: str, wikidata: str | None = None) -> bool:
    """A one-word person of the article's own making (not a gazetteer entry, which has its own id).

    >>> is_bare_surname("person:blair", "Blair"), is_bare_surname("person:tony-blair", "Tony Blair")
    (True, False)
    """
    return " " not in name.strip() and entity_id == node_id("Person", name) and not wikidata


def _full_name(name: str) -> bool:
    words = name.split()
    return len(words) >= 2 and fold(words[0]).rstrip(".") not in TITLES


def full_names_in(extractions: Iterable[Extraction], merged: dict[str, str]) -> Upcoming:
    """The full-name people of these extractions by surname, with their articles and dates."""
    found = Upcoming()
    for extraction in extractions:
        sighting = (extraction.document.id, as_date(extraction.document.published))
        for entity in extraction.entities:
            if entity.label == "Person" and _full_name(entity.name):
                person = merged.get(entity.id, entity.id)
                found.by_surname.setdefault(entity.name.split()[-1], {}).setdefault(person, set()).add(sighting)
                found.names.setdefault(person, entity.name)
    return found


def full_names_with_surname(store: Store, surname: str, merged: dict[str, str],
                            upcoming: Upcoming | None = None) -> Sightings:
    """Stored (and upcoming) people of two words or more whose name ends with ``surname`` (no title before
    it), each with the articles naming them and their dates."""
    found: Sightings = {person: set(seen) for person, seen in (upcoming.by_surname if upcoming else {})
                        .get(surname, {}).items()}
    for person, name, article, published in store._read(
            "MATCH (p:Person)-[:MENTIONED_IN]->(a:Article) WHERE p.name ENDS WITH $suffix "
            "RETURN p.id, p.name, a.id, a.published", {"suffix": " " + surname}):
        if _full_name(name or ""):
            found.setdefault(merged.get(person, person), set()).add((article, as_date(published)))
    return found


def named_near(candidates: Sightings, day: dt.date | None) -> dict[str, int]:
    """How many articles name each candidate within ``NEAR_DAYS`` of ``day`` (undated ones count as near).

    >>> named_near({"person:a": {("article:1", dt.date(2004, 5, 1)), ("article:2", dt.date(2011, 1, 1))}},
    ...            dt.date(2005, 1, 1))
    {'person:a': 1}
    """
    return {person: sum(1 for _, d in seen if d is None or day is None or abs((d - day).days) <= NEAR_DAYS)
            for person, seen in candidates.items()}


def named_most(counts: dict[str, int]) -> str | None:
    """The one candidate named in more articles than any other; ``None`` for a tie or no candidate.

    >>> named_most({"person:a": 3, "person:b": 1}), named_most({"person:a": 2, "person:b": 2})
    ('person:a', None)
    """
    ranked = sorted(((n, person) for person, n in counts.items() if n), reverse=True)
    if not ranked or (len(ranked) > 1 and ranked[0][0] == ranked[1][0]):
        return None
    return ranked[0][1]


def relink_bare_surnames(store: Store, surnames: Iterable[str]) -> list[tuple[str, str]]:
    """Merge each stored bare surname among ``surnames`` into the full-name person every one of its articles
    means by the rule of ``link_to_store`` (parties aside); return the (kept, merged) pairs."""
    merged_now = []
    merged = store.merged_ids()
    stored = {row[0] for row in store._read("UNWIND $ids AS id MATCH (p:Person {id: id}) RETURN p.id",
                                            {"ids": sorted({node_id("Person", s) for s in surnames})})}
    for bare in sorted(stored):
        rows = store._read("MATCH (p:Person {id: $id})-[:MENTIONED_IN]->(a:Article) RETURN p.name, p.wikidata, "
                           "a.published", {"id": bare})
        if not rows or not is_bare_surname(bare, rows[0][0] or "", rows[0][1]):
            continue
        candidates = full_names_with_surname(store, rows[0][0], merged)
        targets = {named_most(named_near(candidates, as_date(published))) for _, _, published in rows}
        if len(targets) == 1 and None not in targets:
            target = targets.pop()
            store.merge_nodes(target, bare, remember=False)
            merged_now.append((target, bare))
    return merged_now


def _parties_in_article(extraction: Extraction) -> dict[str, set[str]]:
    parties: dict[str, set[str]] = {}
    for rel in extraction.relations:
        if rel.predicate in ("MEMBER_OF", "LEADS"):
            parties.setdefault(rel.subject, set()).add(rel.object)
    return parties


def rename_entities(extraction: Extraction, mapping: dict[str, str], names: dict[str, str] | None = None) -> Extraction:
    """The extraction with entity ids renamed; entities that become the same are merged. A renamed entity
    takes the name ``names`` gives its new id (a person not stored yet, whose name the store cannot give)."""
    entities: dict[str, Entity] = {}
    for entity in extraction.entities:
        new_id = mapping.get(entity.id, entity.id)
        if new_id in entities:
            kept = entities[new_id]
            kept.mentions.extend(entity.mentions)
            kept.aliases.extend(a for a in entity.aliases if a not in kept.aliases)
        else:
            name = (names or {}).get(new_id, entity.name) if new_id != entity.id else entity.name
            entities[new_id] = replace(entity, id=new_id, name=name, mentions=list(entity.mentions),
                                       aliases=list(entity.aliases))
    relations = [replace(r, subject=mapping.get(r.subject, r.subject), object=mapping.get(r.object, r.object))
                 for r in extraction.relations]
    relations = [r for r in relations if r.subject != r.object]
    statements = [replace(s, speaker=mapping.get(s.speaker, s.speaker) if s.speaker else None,
                          mentions=[mapping.get(m, m) for m in s.mentions],
                          said_at=mapping.get(s.said_at, s.said_at) if s.said_at else None,
                          reported_by=mapping.get(s.reported_by, s.reported_by) if s.reported_by else None)
                  for s in extraction.statements]
    return replace(extraction, entities=list(entities.values()), relations=relations, statements=statements)
