"""What the extraction components share while they read one article.

``ArticleContext`` holds the spaCy doc, the entities found so far with their mentions, and the
relations and statements the later components add. ``templated(sentence)`` writes a sentence
with each entity mention replaced by a marker such as ``⟨Person:3⟩``, so relation rules can be
plain regular expressions over words and entity slots.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from polgraph.graph.ids import node_id
from polgraph.loaders.gazetteer import COUNTRY_NAMES, COUNTRY_WORDS, Entry, Gazetteer
from polgraph.loaders.model import Document, Entity, Evidence, Mention, Relation, Statement

ACTORS = ("Person", "Party", "Organization")
HOLE = "⟦⟧"
_MARKER = re.compile(r"⟨(\w+):(\d+)⟩")


@dataclass
class Located:
    """A mention tied to its entity."""

    start: int
    end: int
    entity_id: str


@dataclass
class Templated:
    text: str  # the sentence with markers
    slots: list[Located]  # slot number -> mention

    def slot(self, marker: str) -> Located:
        return self.slots[int(_MARKER.fullmatch(marker).group(2))]

    def entity(self, marker: str) -> str:
        return self.slot(marker).entity_id


@dataclass
class ArticleContext:
    document: Document
    doc: Doc
    gazetteer: Gazetteer
    country: str | None = None
    entities: dict[str, Entity] = field(default_factory=dict)
    mentions: list[Located] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    excluded: list[tuple[int, int]] = field(default_factory=list)  # boilerplate ranges extraction skips

    def is_excluded(self, start: int, end: int | None = None) -> bool:
        end = start + 1 if end is None else end
        return any(s < end and start < e for s, e in self.excluded)

    @property
    def text(self) -> str:
        return self.document.text

    # --- entities --------------------------------------------------------------------
    def add_entity(self, label: str, name: str, entity_id: str | None = None, **properties: object) -> Entity:
        entity_id = entity_id or node_id(label, name)
        entity = self.entities.get(entity_id)
        if entity is None:
            entity = self.entities[entity_id] = Entity(id=entity_id, name=name, label=label)
        for key, value in properties.items():
            if value is not None:
                entity.properties.setdefault(key, value)
        return entity

    def add_entry(self, entry: Entry) -> Entity:
        extra = {"wikidata": entry.wikidata}
        if entry.label in ("Party", "Region", "Place", "Organization"):
            extra["country"] = entry.country
        if entry.label in ("Place", "Organization"):
            extra["kind"] = entry.kind
        return self.add_entity(entry.label, entry.name, entry.id, **extra)

    def add_mention(self, entity: Entity, start: int, end: int) -> None:
        surface = self.text[start:end]
        if any(m.start == start and m.end == end for m in entity.mentions):
            return
        entity.mentions.append(Mention(start=start, end=end, text=surface))
        if surface not in entity.aliases:
            entity.aliases.append(surface)
        self.mentions.append(Located(start, end, entity.id))

    def label_of(self, entity_id: str) -> str:
        return self.entities[entity_id].label

    def country_entity(self) -> Entity | None:
        """The Place node of the article's country (made if the article never names it)."""
        return self.country_place(self.country) if self.country else None

    def country_place(self, country: str) -> Entity:
        """The Place node of a country code (or of a country the gazetteer does not know, by name)."""
        name = COUNTRY_NAMES.get(country, country)
        entry = self.gazetteer.lookup(name, label="Place")
        return self.add_entry(entry) if entry else self.add_entity("Place", name, kind="country")

    def guess_country(self) -> str | None:
        """The country the article names most: its names and adjectives, places, and its actors' countries.

        A country the gazetteer does not know counts under its own name (e.g. "Indonesia").
        """
        votes: Counter[str] = Counter()
        for code, words in COUNTRY_WORDS.items():
            for word in words:
                votes[code] += len(re.findall(rf"(?<![\w.]){re.escape(word)}(?![\w])", self.text))
        for ent in self.doc.ents:
            entry = self.gazetteer.lookup(ent.text)
            if entry and entry.country and entry.label in ("Person", "Party", "Region"):
                votes[entry.country] += 1
            elif entry is None and ent.label_ == "GPE" and ent.text[:1].isupper():
                votes[ent.text] += 1  # an unknown place may be an unknown country; cities rarely win
        best = votes.most_common(1)
        return best[0][0] if best and best[0][1] else None

    def most_mentioned(self, label: str, before: int | None = None) -> str | None:
        counts = Counter(
            m.entity_id
            for m in self.mentions
            if self.label_of(m.entity_id) == label and (before is None or m.start < before)
        )
        return counts.most_common(1)[0][0] if counts else None

    def last_mentioned(self, labels: tuple[str, ...], before: int) -> str | None:
        earlier = [m for m in self.mentions if m.end <= before and self.label_of(m.entity_id) in labels]
        return max(earlier, key=lambda m: m.start).entity_id if earlier else None

    # --- sentences -------------------------------------------------------------------
    def templated(self, sentence: Span) -> Templated:
        return self.templated_range(sentence.start_char, sentence.end_char)

    def templated_range(self, start: int, end: int, hole: tuple[int, int] | None = None) -> Templated:
        """The text between two offsets, with entity markers (see the module docstring).

        ``hole`` (start, end) is written as the single mark ``HOLE``, e.g. a quotation's words.
        """
        inside = [
            m
            for m in self.mentions
            if m.start >= start and m.end <= end and not (hole and m.start < hole[1] and hole[0] < m.end)
        ]
        pieces, slots, cursor = [], [], start
        for mention in sorted(inside, key=lambda m: (m.start, -m.end)):
            if hole and cursor <= hole[0] < mention.start:
                pieces.append(self.text[cursor : hole[0]] + HOLE)
                cursor = hole[1]
            if mention.start < cursor:
                continue  # nested in a mention already placed
            pieces.append(self.text[cursor : mention.start])
            pieces.append(f"⟨{self.label_of(mention.entity_id)}:{len(slots)}⟩")
            slots.append(mention)
            cursor = mention.end
        if hole and cursor <= hole[0]:
            pieces.append(self.text[cursor : hole[0]] + HOLE)
            cursor = hole[1]
        pieces.append(self.text[cursor:end])
        return Templated("".join(pieces), slots)

    def add_relation(
        self,
        subject: str,
        predicate: str,
        obj: str,
        sentence: Span,
        *,
        tier: str = "explicit",
        confidence: float = 0.8,
        **properties: object,
    ) -> None:
        if subject == obj:
            return
        evidence = Evidence(
            sentence=self.text[sentence.start_char : sentence.end_char],
            start=sentence.start_char,
            end=sentence.end_char,
        )
        props = {k: v for k, v in properties.items() if v is not None}
        for existing in self.relations:
            if (existing.subject, existing.predicate, existing.object) == (subject, predicate, obj):
                if tier == "explicit" and existing.tier == "inferred":
                    existing.tier, existing.evidence, existing.confidence = tier, evidence, confidence
                existing.properties.update({k: v for k, v in props.items() if k not in existing.properties})
                return
        self.relations.append(
            Relation(
                subject=subject,
                predicate=predicate,
                object=obj,
                evidence=evidence,
                confidence=confidence,
                tier=tier,
                properties=props,
            )
        )

    def sentence_of(self, char: int) -> Span:
        for sentence in self.doc.sents:
            if sentence.start_char <= char < sentence.end_char:
                return sentence
        return self.doc[:]
