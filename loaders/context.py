"""What the extraction components share while they read one article.

``ArticleContext`` holds the analysis text (see text.py) and its spaCy doc, the page furniture
found in it, the entities found so far with their mentions, and the relations and statements the
later components add. Components work in analysis offsets; the context turns them into offsets
of the stored text whenever it writes a mention, an evidence span or a statement.

``templated(sentence)`` writes a sentence with each entity mention replaced by a marker such as
``⟨Person:3⟩``, so surface rules can be plain regular expressions over words and entity slots.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..graph.ids import node_id
from .gazetteer import COUNTRY_NAMES, Entry, Gazetteer, countries_named
from .model import Document, Entity, Evidence, Mention, Relation, Statement
from .text import AnalysisText

ACTORS = ("Person", "Party", "Organization")
HOLE = "⟦⟧"
_MARKER = re.compile(r"⟨(\w+):(\d+)⟩")
# A quotation: double or curly quotes, or single ones that open after a space and close before one
# (so that "Le Pen's" and "it's" open nothing).
QUOTED = re.compile(r"[\"“][^\"“”\n]{1,1500}[\"”]|‘[^’\n]{1,1500}’|(?<![\w’'])'(?=\w)[^\n]{1,1500}?(?<=[\w.,!?])'(?![\w])")


@dataclass
class Located:
    """A mention tied to its entity, in analysis offsets."""

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
class Furniture:
    """Page furniture found in the text (analysis offsets): what extraction skips, and what it tells."""

    skipped: list[tuple[int, int]] = field(default_factory=list)  # stamps, datelines, credit labels, navigation
    bylines: list[tuple[int, int]] = field(default_factory=list)  # the names after "By"
    credits: list[tuple[int, int]] = field(default_factory=list)  # the names after "Image:", "Photo by"
    contributors: list[tuple[int, int]] = field(default_factory=list)  # the names after "Reporting by", "Writing by"


@dataclass
class ArticleContext:
    document: Document
    analysis: AnalysisText
    doc: Doc
    gazetteer: Gazetteer
    furniture: Furniture = field(default_factory=Furniture)
    country: str | None = None
    entities: dict[str, Entity] = field(default_factory=dict)
    mentions: list[Located] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    genders: dict[str, str] = field(default_factory=dict)  # person id -> "f" / "m", where the article or gazetteer tells
    titles: dict[str, list[str]] = field(default_factory=dict)  # "president" -> the people the article calls so
    _by_token: dict[int, Located] | None = field(default=None, repr=False)
    _sentence_starts: list[int] = field(default_factory=list, repr=False)
    _sentences: list[Span] = field(default_factory=list, repr=False)
    _quotations: list[tuple[int, int]] | None = field(default=None, repr=False)
    tokens: list[Token] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self.tokens = list(self.doc)  # made once: spaCy builds a new Token object on every doc[i]
        self._sentences = list(self.doc.sents)
        self._sentence_starts = [s.start_char for s in self._sentences]

    @property
    def text(self) -> str:
        """The analysis text (offsets of ``doc`` and of every component point into it)."""
        return self.analysis.text

    def in_quotation(self, offset: int) -> bool:
        """Whether an analysis offset lies inside quotation marks (double, curly or British single ones)."""
        if self._quotations is None:
            self._quotations = [m.span() for m in QUOTED.finditer(self.text)]
        return any(s < offset < e for s, e in self._quotations)

    def is_skipped(self, start: int, end: int | None = None) -> bool:
        end = start + 1 if end is None else end
        return any(s < end and start < e for s, e in self.furniture.skipped)

    # --- entities --------------------------------------------------------------------
    def add_entity(self, label: str, name: str, entity_id: str | None = None, **properties: object) -> Entity:
        name = " ".join(name.split())
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

    def add_mention(self, entity: Entity, start: int, end: int, replace: bool = False) -> None:
        """A mention at analysis offsets ``start:end`` (the entity keeps the stored text's offsets).

        A mention overlapping one already made is refused, unless ``replace``: then the mentions lying
        inside it give way ("UK" in "the 2019 UK general election").
        """
        overlapping = self.mentions_between(start, end)
        if replace and all(start <= m.start and m.end <= end for m in overlapping):
            for old in overlapping:
                self._drop_mention(old)
        elif overlapping:
            return
        source_start, source_end = self.analysis.to_source(start, end)
        entity.mentions.append(Mention(start=source_start, end=source_end, text=self.document.text[source_start:source_end]))
        surface = " ".join(self.text[start:end].split())
        if surface not in entity.aliases:
            entity.aliases.append(surface)
        self.mentions.append(Located(start, end, entity.id))
        self._by_token = None

    def _drop_mention(self, old: Located) -> None:
        self.mentions.remove(old)
        source_start, source_end = self.analysis.to_source(old.start, old.end)
        owner = self.entities[old.entity_id]
        owner.mentions = [m for m in owner.mentions if (m.start, m.end) != (source_start, source_end)]
        self._by_token = None

    def drop_unmentioned(self) -> None:
        """Entities left without a mention go, with the facts and speakers that name them."""
        gone = {entity_id for entity_id, entity in self.entities.items() if not entity.mentions}
        for entity_id in gone:
            del self.entities[entity_id]
        self.relations[:] = [r for r in self.relations if r.subject not in gone and r.object not in gone]
        for statement in self.statements:
            statement.speaker = None if statement.speaker in gone else statement.speaker
            statement.said_at = None if statement.said_at in gone else statement.said_at
            statement.reported_by = None if statement.reported_by in gone else statement.reported_by
            statement.mentions = [m for m in statement.mentions if m not in gone]

    def mentions_between(self, start: int, end: int) -> list[Located]:
        return [m for m in self.mentions if m.start < end and start < m.end]

    def label_of(self, entity_id: str) -> str:
        return self.entities[entity_id].label if entity_id in self.entities else "Article"

    def mention_at(self, token: Token) -> Located | None:
        """The mention a token lies in."""
        if self._by_token is None:
            self._by_token = {}
            # The innermost mention wins: "UK" in "the 2019 UK general election", the election at "election".
            for mention in sorted(self.mentions, key=lambda m: m.start - m.end):
                span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
                for i in range(span.start, span.end) if span is not None else ():
                    self._by_token[i] = mention
        return self._by_token.get(token.i)

    def entity_at(self, token: Token) -> str | None:
        mention = self.mention_at(token)
        return mention.entity_id if mention else None

    @property
    def year(self) -> int | None:
        """The year of the article's date, if it has one."""
        published = self.document.published
        return int(published[:4]) if published and published[:4].isdigit() else None

    def country_entity(self) -> Entity | None:
        """The Place node of the article's country, if the article names it."""
        return self.mentioned_country(self.country) if self.country else None

    def mentioned_country(self, country: str) -> Entity | None:
        """The Place node of a country code, if the article names that country."""
        name = COUNTRY_NAMES.get(country, country)
        entry = self.gazetteer.lookup(name, label="Place")
        entity = self.entities.get(entry.id if entry else node_id("Place", name))
        return entity if entity is not None and entity.mentions else None

    def country_place(self, country: str) -> Entity:
        """The Place node of a country code (or of a country the gazetteer does not know, by name)."""
        name = COUNTRY_NAMES.get(country, country)
        entry = self.gazetteer.lookup(name, label="Place")
        return self.add_entry(entry) if entry else self.add_entity("Place", name, kind="country")

    def guess_country(self) -> str | None:
        """The country the article names most: its names and adjectives, places, and its actors' countries.

        A place the gazetteer does not know may be a country it does not know, and counts under its own name
        (e.g. "Indonesia"), but only when no known country has a vote: a town is no country ("Amethi").
        """
        votes = countries_named(self.text)
        unknown: Counter[str] = Counter()
        for ent in self.doc.ents:
            entry = self.gazetteer.lookup(ent.text)
            if entry and entry.country and entry.label in ("Person", "Party", "Region"):
                votes[entry.country] += 1
            elif entry is None and ent.label_ == "GPE" and ent.text[:1].isupper():
                unknown[ent.text] += 1
        best = (+votes or unknown).most_common(1)
        return best[0][0] if best else None

    def most_mentioned(self, label: str, before: int | None = None) -> str | None:
        counts = Counter(
            m.entity_id for m in self.mentions
            if self.label_of(m.entity_id) == label and (before is None or m.start < before)
        )
        return counts.most_common(1)[0][0] if counts else None

    def last_mentioned(self, labels: tuple[str, ...], before: int) -> str | None:
        earlier = [m for m in self.mentions if m.end <= before and self.label_of(m.entity_id) in labels]
        return max(earlier, key=lambda m: m.start).entity_id if earlier else None

    # --- sentences -------------------------------------------------------------------
    @property
    def sentences(self) -> list[Span]:
        return self._sentences

    def tokens_of(self, sentence: Span) -> list[Token]:
        return self.tokens[sentence.start : sentence.end]

    def sentence_of(self, char: int) -> Span:
        index = bisect_right(self._sentence_starts, char) - 1
        return self._sentences[max(index, 0)] if self._sentences else self.doc[:]

    def templated(self, sentence: Span) -> Templated:
        return self.templated_range(sentence.start_char, sentence.end_char)

    def templated_range(self, start: int, end: int, hole: tuple[int, int] | None = None) -> Templated:
        """The text between two offsets, with entity markers (see the module docstring).

        ``hole`` (start, end) is written as the single mark ``HOLE``, e.g. a quotation's words.
        """
        inside = [
            m for m in self.mentions
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

    # --- output ----------------------------------------------------------------------
    def evidence(self, start: int, end: int) -> Evidence:
        source_start, source_end = self.analysis.to_source(start, end)
        return Evidence(sentence=self.document.text[source_start:source_end], start=source_start, end=source_end)

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
        """A fact with its evidence sentence; a fact found again keeps the explicit tier and adds properties."""
        if subject == obj or subject not in self.entities or (obj not in self.entities and obj != "ARTICLE"):
            return
        evidence = self.evidence(sentence.start_char, sentence.end_char)
        props = {k: v for k, v in properties.items() if v is not None}
        for existing in self.relations:
            if (existing.subject, existing.predicate, existing.object) == (subject, predicate, obj):
                if tier == "explicit" and existing.tier == "inferred":
                    existing.tier, existing.evidence, existing.confidence = tier, evidence, confidence
                existing.properties.update({k: v for k, v in props.items() if k not in existing.properties})
                return
        self.relations.append(Relation(subject=subject, predicate=predicate, object=obj, evidence=evidence,
                                       confidence=confidence, tier=tier, properties=props))

    def add_statement(self, start: int, end: int, **fields: object) -> Statement:
        """A quotation at analysis offsets ``start:end``, kept with the stored text's offsets and words."""
        source_start, source_end = self.analysis.to_source(start, end)
        statement = Statement(text=self.document.text[source_start:source_end], start=source_start, end=source_end,
                              **fields)
        self.statements.append(statement)
        return statement
