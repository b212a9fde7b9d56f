"""What a store writes: plain node and relationship records, and how provenance merges.

A ``GraphBatch`` holds everything one article adds. Loading a second article that states a
known fact merges its provenance into the existing relationship instead of adding another.

>>> old = {"articles": ["article:a"], "spans": ["article:a:0:9"], "evidence": ["Le Pen..."],
...        "confidence": 0.7, "tier": "inferred"}
>>> new = {"articles": ["article:b"], "spans": ["article:b:5:20"], "evidence": ["Marine Le Pen..."],
...        "confidence": 0.9, "tier": "explicit"}
>>> merged = merge_fact(old, new)
>>> merged["articles"], merged["confidence"], merged["tier"]
(['article:a', 'article:b'], 0.9, 'explicit')
>>> merge_fact(merged, new) == merged
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class NodeRecord:
    label: str
    id: str
    properties: dict[str, Any] = field(default_factory=dict)  # without the id


@dataclass
class RelationshipRecord:
    type: str
    source_label: str
    source: str
    target_label: str
    target: str
    properties: dict[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.type, self.source, self.target)


@dataclass
class GraphBatch:
    """All the nodes and relationships one article contributes; written in one transaction."""

    article_id: str
    nodes: list[NodeRecord] = field(default_factory=list)
    relationships: list[RelationshipRecord] = field(default_factory=list)


def merge_node(existing: dict[str, Any] | None, new: dict[str, Any]) -> dict[str, Any]:
    """Aliases are the union of both; other properties keep the stored value unless it is missing."""
    if not existing:
        return dict(new)
    merged = dict(existing)
    for name, value in new.items():
        if name == "aliases":
            merged[name] = _union(existing.get(name), value)
        elif merged.get(name) is None:
            merged[name] = value
    return merged


def merge_fact(existing: dict[str, Any] | None, new: dict[str, Any]) -> dict[str, Any]:
    """Provenance lists grow without repeats; the strongest confidence and tier win."""
    if not existing:
        return dict(new)
    merged = own_fact(existing)
    merge_fact_into(merged, new)
    return merged


def own_fact(fact: dict[str, Any]) -> dict[str, Any]:
    """A copy of a fact whose provenance lists are its own, ready for ``merge_fact_into``."""
    return {**fact, **{name: list(fact.get(name) or []) for name in _PROVENANCE_LISTS}}


def merge_fact_into(fact: dict[str, Any], new: dict[str, Any],
                    seen: tuple[set[str], set[str]] | None = None) -> None:
    """``merge_fact`` changing ``fact`` in place, its lists included (see ``own_fact``): folding a corpus,
    a fact stated in thousands of articles is not copied once per article. ``seen``, the fact's
    articles and spans as sets (kept up to date here), makes each merge cost the same however
    many articles already state the fact."""
    for name, value in new.items():
        if name not in _PROVENANCE and fact.get(name) is None:
            fact[name] = value
    articles, spans, evidence = (fact[name] for name in _PROVENANCE_LISTS)
    known_articles, known_spans = seen or (articles, spans)
    for article in dict.fromkeys(new.get("articles") or []):
        if article not in known_articles:
            articles.append(article)
            if seen:
                known_articles.add(article)
    for span, sentence in zip(new.get("spans") or [], new.get("evidence") or [], strict=True):
        if span not in known_spans:
            spans.append(span)
            evidence.append(sentence)
            if seen:
                known_spans.add(span)
    fact["confidence"] = max(c for c in (fact.get("confidence"), new.get("confidence"), 0.0) if c is not None)
    tiers = {fact.get("tier"), new.get("tier")}
    fact["tier"] = "explicit" if "explicit" in tiers else (new.get("tier") or fact.get("tier"))
    fact["extractor"] = new.get("extractor") or fact.get("extractor")
    dates_first = [d for d in (fact.get("first_reported"), new.get("first_reported")) if d]
    dates_last = [d for d in (fact.get("last_reported"), new.get("last_reported")) if d]
    fact["first_reported"] = min(dates_first) if dates_first else None
    fact["last_reported"] = max(dates_last) if dates_last else None


def drop_article(properties: dict[str, Any], article_id: str) -> dict[str, Any] | None:
    """The fact without one article's provenance, or None when no other article supports it."""
    articles = [a for a in properties.get("articles") or [] if a != article_id]
    if not articles:
        return None
    prefix = f"{article_id}:"
    kept = [
        (span, sentence)
        for span, sentence in zip(properties.get("spans") or [], properties.get("evidence") or [], strict=True)
        if not span.startswith(prefix)
    ]
    return {
        **properties,
        "articles": articles,
        "spans": [span for span, _ in kept],
        "evidence": [sentence for _, sentence in kept],
    }


_PROVENANCE_LISTS = ("articles", "spans", "evidence")
_PROVENANCE = {*_PROVENANCE_LISTS, "confidence", "tier", "extractor", "first_reported", "last_reported"}


def _union(old: list[str] | None, new: list[str] | None) -> list[str]:
    return list(dict.fromkeys([*(old or []), *(new or [])]))
