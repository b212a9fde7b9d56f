"""Curation: a reviewer's decisions about facts and actors, kept as data in the store.

Each decision (verify, reject, edit or add a fact; rename, relabel, merge, split or reject an
actor) runs in one write transaction that changes the graph and stores a ``Decision`` node saying
who decided, when, why (an optional note), what was asked and what it changed. Facts carry a
``review`` status (none or ``machine``, ``verified``, ``edited``, ``manual``, ``rejected``);
rejected facts stay stored, hidden from the viewer and exports unless asked for.

Loading an article again re-applies every decision to its records before they are written
(``Rules.apply``), so a rejected fact stays rejected, an edit stays made, a manual fact stays and
merged ids keep pointing at the node that took them over. A fact is known by its predicate and
the ids of its ends (``FactKey``): the store holds one relationship per such key, with the
evidence of every article that states it.

>>> from polgraph.graph.open import open_store
>>> from polgraph.graph.records import GraphBatch, NodeRecord
>>> store = open_store(":memory:")
>>> _ = store.write_batch(GraphBatch("article:x", [NodeRecord("Person", "person:ann", {"name": "Ann"})]))
>>> rename(store, "person:ann", "Ann Smith", author="ada").changed
{'before': 'Ann', 'after': 'Ann Smith'}
>>> [d.kind for d in decisions(store)]
['rename']
>>> store.close()
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .records import GraphBatch, NodeRecord, RelationshipRecord, merge_fact, merge_node
from .schema import Schema, SchemaError
from .store import NOT_ACTORS, QueryError, Run, Store, StoreError

DECISION = "Decision"  # the label of decision nodes: kept out of the political graph's exports and views
FACT_KINDS = ("verify", "reject", "edit", "add")
ACTOR_KINDS = ("rename", "relabel", "merge", "split", "reject-actor")
KINDS = FACT_KINDS + ACTOR_KINDS
REVIEWS = ("machine", "verified", "edited", "manual", "rejected")
REVIEWED = ("verified", "edited", "manual")
CURATION_EXTRACTOR = "polgraph-curation"
_PROVENANCE_LISTS = ("articles", "spans", "evidence")


class CurationError(StoreError):
    """A decision that cannot be applied: unknown id, span outside the article, impossible change."""


@dataclass(frozen=True, order=True)
class FactKey:
    """A fact's identity, stable across re-extraction: its predicate and the ids of its ends.

    >>> key = FactKey.parse("person:ann -[LEADS]-> party:p")
    >>> key.type, str(key)
    ('LEADS', 'person:ann -[LEADS]-> party:p')
    """

    type: str
    source: str
    target: str

    def __str__(self) -> str:
        return f"{self.source} -[{self.type}]-> {self.target}"

    @classmethod
    def parse(cls, text: str) -> FactKey:
        source, sep, rest = text.partition(" -[")
        rel_type, sep2, target = rest.partition("]-> ")
        if not (sep and sep2 and source and rel_type and target):
            raise CurationError(f"not a fact: {text!r} (write SOURCE -[TYPE]-> TARGET)")
        return cls(rel_type, source, target)

    def to_json(self) -> dict[str, str]:
        return {"type": self.type, "source": self.source, "target": self.target}

    @classmethod
    def from_json(cls, data: dict[str, str]) -> FactKey:
        return cls(data["type"], data["source"], data["target"])

    def mapped(self, ids: dict[str, str]) -> FactKey:
        return FactKey(self.type, ids.get(self.source, self.source), ids.get(self.target, self.target))


@dataclass
class Decision:
    """One decision as stored and exported (``details``: what was asked; ``changed``: what it did)."""

    id: str
    kind: str
    author: str
    at: str
    details: dict[str, Any]
    note: str | None = None
    fact: str | None = None
    actors: list[str] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)
    changed: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "author": self.author, "at": self.at, "note": self.note,
                "fact": self.fact, "actors": self.actors, "articles": self.articles, "details": self.details,
                "changed": self.changed}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Decision:
        try:
            return cls(id=data["id"], kind=data["kind"], author=data["author"], at=data["at"],
                       details=data["details"], note=data.get("note"), fact=data.get("fact"),
                       actors=list(data.get("actors") or []), articles=list(data.get("articles") or []),
                       changed=data.get("changed") or {})
        except KeyError as err:
            raise CurationError(f"a decision without {err.args[0]!r}") from None

    def summary(self) -> str:
        """One line for the log."""
        what = self.fact or ", ".join(self.actors)
        note = f"  ({self.note})" if self.note else ""
        return f"{self.at[:19]}  {self.author}  {self.kind}  {what}{note}"


# --- the decisions ---------------------------------------------------------------------
def verify(store: Store, fact: FactKey, *, author: str, note: str | None = None) -> Decision:
    """Mark a fact as checked by a person."""
    return _decide(store, "verify", {"fact": fact.to_json()}, author, note)


def reject(store: Store, fact: FactKey, *, author: str, note: str | None = None) -> Decision:
    """Mark a fact as wrong: it stays stored, hidden, and loading its article again does not bring it back."""
    return _decide(store, "reject", {"fact": fact.to_json()}, author, note)


def edit(store: Store, fact: FactKey, *, author: str, note: str | None = None, rel_type: str | None = None,
         source: str | None = None, target: str | None = None,
         properties: dict[str, Any] | None = None) -> Decision:
    """Correct a fact: its predicate, its ends, or properties such as ``role`` or ``current``."""
    to = FactKey(rel_type or fact.type, source or fact.source, target or fact.target)
    rel = store.schema.relationship(to.type)
    details = {"fact": fact.to_json(), "to": to.to_json(), "properties": _json_props(rel.properties, properties or {})}
    return _decide(store, "edit", details, author, note)


def add(store: Store, fact: FactKey, *, article: str, start: int, end: int, author: str, note: str | None = None,
        properties: dict[str, Any] | None = None) -> Decision:
    """Add a fact by hand, with its evidence: characters ``start:end`` of an article's text."""
    rel = store.schema.relationship(fact.type)
    details = {"fact": fact.to_json(), "article": article, "start": int(start), "end": int(end),
               "properties": _json_props(rel.properties, properties or {})}
    return _decide(store, "add", details, author, note)


def rename(store: Store, actor: str, name: str, *, author: str, note: str | None = None) -> Decision:
    """Give an actor another canonical name (the old one becomes an alias)."""
    if not name.strip():
        raise CurationError("a new name cannot be empty")
    return _decide(store, "rename", {"actor": actor, "name": name.strip()}, author, note)


def relabel(store: Store, actor: str, label: str, *, author: str, note: str | None = None) -> Decision:
    """Change an actor's label: it gets the id of its new label, its old id maps there, and facts the
    schema does not allow for the new label are dropped (listed in the decision)."""
    return _decide(store, "relabel", {"actor": actor, "label": label}, author, note)


def merge(store: Store, keep: str, drop: str, *, author: str, note: str | None = None) -> Decision:
    """``polgraph merge``, logged: ``drop`` goes into ``keep``; the decision remembers enough to split them."""
    return _decide(store, "merge", {"keep": keep, "drop": drop}, author, note)


def split(store: Store, keep: str, drop: str, *, author: str, note: str | None = None) -> Decision:
    """Undo a logged merge: ``drop`` comes back with its name, aliases and the facts the merge moved."""
    return _decide(store, "split", {"keep": keep, "drop": drop}, author, note)


def reject_actor(store: Store, actor: str, *, author: str, note: str | None = None) -> Decision:
    """A false entity: the actor and its facts leave the graph, and later loads leave them out."""
    return _decide(store, "reject-actor", {"actor": actor}, author, note)


def _decide(store: Store, kind: str, details: dict[str, Any], author: str, note: str | None) -> Decision:
    if not author or not author.strip():
        raise CurationError("a decision needs an author (--author or $POLGRAPH_AUTHOR)")
    decision = Decision(id=f"decision:{uuid.uuid4().hex}", kind=kind, author=author.strip(),
                        at=dt.datetime.now(dt.UTC).isoformat(timespec="microseconds"), details=details,
                        note=note or None)
    store._check_writable()

    def work(run: Run) -> Decision:
        return _apply_and_record(store, run, decision)

    return store._in_transaction(work, write=True)


def _apply_and_record(store: Store, run: Run, decision: Decision) -> Decision:
    near = store._actors_near(run, _named_actors(decision.details))  # before: an actor removed takes its facts
    decision.changed, fact, decision.actors, decision.articles = _APPLY[decision.kind](store, run, decision.details)
    store._recount_degrees_of(run, near | store._actors_near(run, decision.actors))
    decision.fact = str(fact) if fact else None
    store._create_nodes(run, DECISION, [{
        "id": decision.id, "name": f"{decision.kind} {decision.fact or ', '.join(decision.actors)}",
        "kind": decision.kind, "author": decision.author, "at": decision.at, "note": decision.note,
        "fact": decision.fact, "actors": decision.actors, "articles": decision.articles,
        "details": json.dumps(decision.details, ensure_ascii=False, sort_keys=True),
        "changed": json.dumps(decision.changed, ensure_ascii=False, sort_keys=True),
    }])
    return decision


Applied = tuple[dict[str, Any], FactKey | None, list[str], list[str]]  # changed, fact, actors, articles


def _named_actors(details: dict[str, Any]) -> set[str]:
    """The actors a decision's details name: its actor, the two of a merge, the ends of its facts."""
    facts = [details[key] for key in ("fact", "to") if key in details]
    return {*(details[key] for key in ("actor", "keep", "drop") if key in details),
            *(fact[end] for fact in facts for end in ("source", "target"))}


def _apply_review(store: Store, run: Run, details: dict[str, Any], review: str) -> Applied:
    key = FactKey.from_json(details["fact"])
    source_label, target_label, props = _fact_or_fail(store, run, key)
    before = props.get("review") or "machine"
    run(_fact_pattern(key, source_label, target_label) + " SET r.review = $review",
        {"source": key.source, "target": key.target, "review": review})
    return {"before": before, "after": review}, key, [key.source, key.target], list(props["articles"])


def _apply_edit(store: Store, run: Run, details: dict[str, Any]) -> Applied:
    key, to = FactKey.from_json(details["fact"]), FactKey.from_json(details["to"])
    source_label, target_label, props = _fact_or_fail(store, run, key)
    new_labels = [_label_or_fail(store, run, node) for node in (to.source, to.target)]
    rel = store.schema.relationship(to.type)
    overrides = _typed_props(rel.properties, details.get("properties") or {})
    if to == key and not overrides:
        raise CurationError(f"nothing to change in {key}: give a new predicate, end or property")
    if to.source == to.target:
        raise CurationError(f"{to} would point a fact at its own source")
    new_props = {name: value for name, value in props.items() if name in rel.properties}
    new_props.update(overrides)
    if to != key:
        other = _fact(store, run, to, *new_labels)
        if other is not None:  # the corrected fact is already stored: both become one
            new_props = {**merge_fact(other, new_props), **overrides}
    new_props["review"] = "edited"
    store.schema.check_relationship(to.type, *new_labels, {k: v for k, v in new_props.items() if v is not None})
    _delete_fact(run, key, source_label, target_label)
    _put_fact(store, run, to, *new_labels, new_props)
    changed = {"before": {"fact": str(key), **_json_props(store.schema.relationship(key.type).properties,
                                                            _plain_props(props))},
               "after": {"fact": str(to), **_json_props(rel.properties, _plain_props(new_props))},
               "ends": _ends(run, to, new_labels)}
    return changed, key, list(dict.fromkeys([key.source, key.target, to.source, to.target])), list(props["articles"])


def _apply_add(store: Store, run: Run, details: dict[str, Any]) -> Applied:
    key = FactKey.from_json(details["fact"])
    labels = [_label_or_fail(store, run, node) for node in (key.source, key.target)]
    if key.source == key.target:
        raise CurationError(f"{key} would point a fact at its own source")
    article, start, end = details["article"], details["start"], details["end"]
    rows = run("MATCH (a:Article {id: $id}) RETURN a.text, a.published", {"id": article})
    if not rows:
        raise CurationError(f"no article with id {article!r} in {store.describe()}")
    text, published = rows[0]
    if not text:
        raise CurationError(f"article {article} has no stored text to take evidence from")
    if not 0 <= start < end <= len(text):
        raise CurationError(f"span {start}:{end} lies outside article {article} ({len(text)} characters)")
    rel = store.schema.relationship(key.type)
    overrides = _typed_props(rel.properties, details.get("properties") or {})
    evidence = text[start:end]
    props: dict[str, Any] = {
        "articles": [article], "spans": [f"{article}:{start}:{end}"], "evidence": [evidence],
        "extractor": CURATION_EXTRACTOR, "confidence": 1.0, "tier": "explicit",
        "first_reported": published, "last_reported": published, **overrides,
    }
    existing = _fact(store, run, key, *labels)
    before = (existing or {}).get("review") or "machine"
    review = "manual" if existing is None or before == "rejected" else "verified" if before == "machine" else before
    merged = {**merge_fact(existing, props), **overrides, "review": review}
    store.schema.check_relationship(key.type, *labels, {k: v for k, v in merged.items() if v is not None})
    _put_fact(store, run, key, *labels, merged)
    changed = {"created": existing is None, "before": None if existing is None else before, "review": review,
               "evidence": evidence, "published": published.isoformat() if published else None,
               "ends": _ends(run, key, labels)}
    return changed, key, [key.source, key.target], [article]


def _apply_rename(store: Store, run: Run, details: dict[str, Any]) -> Applied:
    actor, name = details["actor"], details["name"]
    label, props = _actor_or_fail(store, run, actor)
    aliases = list(dict.fromkeys([*(props.get("aliases") or []), props["name"]]))
    run(f"MATCH (n:{label} {{id: $id}}) SET n.name = $name, n.aliases = $aliases",
        {"id": actor, "name": name, "aliases": aliases})
    return {"before": props["name"], "after": name}, None, [actor], []


def _apply_relabel(store: Store, run: Run, details: dict[str, Any]) -> Applied:
    actor, new_label = details["actor"], details["label"]
    label, props = _actor_or_fail(store, run, actor)
    if new_label not in store.schema.nodes or new_label in NOT_ACTORS:
        actors = [lab for lab in store.schema.nodes if lab not in NOT_ACTORS]
        raise CurationError(f"cannot relabel {actor} as {new_label!r} (actor labels: {', '.join(actors)})")
    if new_label == label:
        raise CurationError(f"{actor} is already a {label}")
    new_id = f"{new_label.lower()}:{actor.split(':', 1)[-1]}"
    if _label(store, run, new_id):
        raise CurationError(f"{new_id} already exists: merge {actor} into it instead")
    declared = store.schema.node(new_label).properties
    row = {name: value for name, value in props.items() if name in declared}
    row.update(id=new_id, merged_ids=list(dict.fromkeys([*(props.get("merged_ids") or []), actor])))
    store._create_nodes(run, new_label, [row])
    moved, dropped, articles = [], [], set()
    for key, source_label, target_label, fact_props in _facts_of(store, run, actor, label):
        _delete_fact(run, key, source_label, target_label)
        articles.update(fact_props["articles"])
        new_key = key.mapped({actor: new_id})
        labels = (new_label if key.source == actor else source_label, new_label if key.target == actor else target_label)
        if labels in store.schema.relationship(key.type).pairs():
            _put_fact(store, run, new_key, *labels, fact_props)
            moved.append(str(new_key))
        else:
            dropped.append(str(key))
    run(f"MATCH (n:{label} {{id: $id}}) DETACH DELETE n", {"id": actor})
    changed = {"id": new_id, "before": label, "after": new_label, "moved": len(moved), "dropped": dropped}
    return changed, None, [actor, new_id], sorted(articles)


def _apply_merge(store: Store, run: Run, details: dict[str, Any]) -> Applied:
    keep, drop = details["keep"], details["drop"]
    label, kept = _actor_or_fail(store, run, keep)
    drop_label, dropped = _actor_or_fail(store, run, drop)
    if drop_label != label or keep == drop:
        raise CurationError(f"{keep} and {drop} must be two actors with the same label to be merged")
    moved = []
    for key, source_label, target_label, props in _facts_of(store, run, drop, label):
        on_keep = key.mapped({drop: keep})
        had = _fact(store, run, on_keep, source_label, target_label) if on_keep.source != on_keep.target else None
        moved.append({"fact": key.to_json(), "labels": [source_label, target_label],
                      "props": _json_props(store.schema.relationship(key.type).properties, props),
                      "keep_had": None if had is None else list(had["spans"])})
    store.merge_nodes_in(run, keep, drop, label)
    node_props = store.schema.node(label).properties
    changed = {"label": label, "drop_node": _json_props(node_props, dropped),
               "keep_aliases": list(kept.get("aliases") or []), "moved": moved}
    articles = sorted({a for m in moved for a in m["props"].get("articles") or []})
    return changed, None, [keep, drop], articles


def _apply_split(store: Store, run: Run, details: dict[str, Any]) -> Applied:
    keep, drop = details["keep"], details["drop"]
    label, kept = _actor_or_fail(store, run, keep)
    if drop not in (kept.get("merged_ids") or []):
        raise CurationError(f"{drop} was not merged into {keep}: nothing to split")
    merges = [json.loads(changed) for details_text, changed in
              run(f"MATCH (d:{DECISION}) WHERE d.kind = 'merge' RETURN d.details, d.changed ORDER BY d.at", {})
              if json.loads(details_text) == {"keep": keep, "drop": drop}]
    if not merges:
        raise CurationError(f"{drop} was merged into {keep} without a logged merge: nothing says what to split off")
    record = merges[-1]
    node_props = store.schema.node(label).properties
    restored = _typed_props(node_props, record["drop_node"])
    store._create_nodes(run, label, [{**restored, "id": drop}])
    drop_forms = {*(restored.get("aliases") or []), restored["name"]} - set(record["keep_aliases"])
    drop_merged = set(restored.get("merged_ids") or [])
    run(f"MATCH (n:{label} {{id: $id}}) SET n.aliases = $aliases, n.merged_ids = $merged",
        {"id": keep, "aliases": [a for a in kept.get("aliases") or [] if a not in drop_forms],
         "merged": [m for m in kept.get("merged_ids") or [] if m != drop and m not in drop_merged]})
    moved_back, articles = 0, set()
    for moved in record["moved"]:
        key = FactKey.from_json(moved["fact"])
        on_keep = key.mapped({drop: keep})
        source_label, target_label = moved["labels"]
        rel = store.schema.relationship(key.type)
        original = _typed_props(rel.properties, moved["props"])
        if on_keep.source == on_keep.target:  # a fact between the two, which the merge dropped
            _put_fact(store, run, key, source_label, target_label, original)
            moved_back += 1
            continue
        current = _fact(store, run, on_keep, source_label, target_label)
        if current is None:  # edited away since
            continue
        original["review"] = current.get("review") or original.get("review")
        _put_fact(store, run, key, source_label, target_label, original)
        moved_back += 1
        articles.update(original["articles"])
        leaving = set(original["spans"]) - set(moved["keep_had"] or [])
        remaining = [(s, e) for s, e in zip(current["spans"], current["evidence"], strict=True) if s not in leaving]
        _delete_fact(run, on_keep, source_label, target_label)
        if moved["keep_had"] is not None or remaining:
            from_spans = {span.rsplit(":", 2)[0] for span, _ in remaining}
            _put_fact(store, run, on_keep, source_label, target_label, {
                **current, "spans": [s for s, _ in remaining], "evidence": [e for _, e in remaining],
                "articles": [a for a in current["articles"] if a in from_spans] or list(current["articles"])})
    return {"label": label, "restored": drop, "facts_moved_back": moved_back}, None, [keep, drop], sorted(articles)


def _apply_reject_actor(store: Store, run: Run, details: dict[str, Any]) -> Applied:
    actor = details["actor"]
    label, props = _actor_or_fail(store, run, actor)
    facts = _facts_of(store, run, actor, label)
    run(f"MATCH (n:{label} {{id: $id}}) DETACH DELETE n", {"id": actor})
    articles = sorted({a for *_, fact_props in facts for a in fact_props["articles"]})
    changed = {"label": label, "name": props["name"], "facts_removed": [str(key) for key, *_ in facts]}
    return changed, None, [actor], articles


_APPLY = {
    "verify": lambda store, run, details: _apply_review(store, run, details, "verified"),
    "reject": lambda store, run, details: _apply_review(store, run, details, "rejected"),
    "edit": _apply_edit, "add": _apply_add, "rename": _apply_rename, "relabel": _apply_relabel,
    "merge": _apply_merge, "split": _apply_split, "reject-actor": _apply_reject_actor,
}


# --- reading and moving the log -----------------------------------------------------------
_DECISION_FIELDS = ("id", "kind", "author", "at", "note", "fact", "actors", "articles", "details", "changed")


def decisions(store: Store, *, author: str | None = None, actor: str | None = None, article: str | None = None,
              since: dt.date | None = None, until: dt.date | None = None) -> list[Decision]:
    """The decisions in the order they were made, optionally only those of an author, about an actor
    or an article's facts, or made within dates (inclusive, UTC)."""
    try:
        rows = store._read(f"MATCH (d:{DECISION}) RETURN " + ", ".join(f"d.{f}" for f in _DECISION_FIELDS)
                           + " ORDER BY d.at, d.id")
    except QueryError as err:
        if DECISION in str(err) and "not exist" in str(err):  # an embedded store made before curation, read-only
            return []
        raise
    found = []
    for row in rows:
        data = dict(zip(_DECISION_FIELDS, row, strict=True))
        data["details"], data["changed"] = json.loads(data["details"]), json.loads(data["changed"] or "{}")
        decision = Decision.from_json(data)
        day = dt.date.fromisoformat(decision.at[:10])
        if ((author and decision.author != author) or (actor and actor not in decision.actors)
                or (article and article not in decision.articles) or (since and day < since)
                or (until and day > until)):
            continue
        found.append(decision)
    return found


def export_lines(store: Store, **filters: Any) -> Iterable[str]:
    """The decisions as JSON Lines, one object per decision, oldest first."""
    for decision in decisions(store, **filters):
        yield json.dumps(decision.to_json(), ensure_ascii=False, sort_keys=True)


def import_lines(store: Store, lines: Iterable[str], source: str = "the file") -> dict[str, int]:
    """Apply exported decisions to this store in their order, all in one transaction: every one or none.
    Decisions the store already holds (same id) are skipped, so importing a file twice changes nothing."""
    store._check_writable()
    incoming = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as err:
            raise CurationError(f"{source} line {number}: not valid JSON ({err.msg})") from None
        decision = Decision.from_json(data)
        if decision.kind not in KINDS:
            raise CurationError(f"{source} line {number}: unknown decision kind {decision.kind!r}")
        incoming.append((number, decision))
    known = {row[0] for row in store._read(f"MATCH (d:{DECISION}) RETURN d.id")}

    def work(run: Run) -> dict[str, int]:
        counts = {"applied": 0, "skipped": 0}
        for number, decision in sorted(incoming, key=lambda item: (item[1].at, item[1].id)):
            if decision.id in known:
                counts["skipped"] += 1
                continue
            try:
                _apply_and_record(store, run, decision)
            except (CurationError, SchemaError) as err:
                raise CurationError(f"{source} line {number} ({decision.kind}): {err}") from None
            counts["applied"] += 1
        return counts

    return store._in_transaction(work, write=True)


def review_queue(store: Store, limit: int = 50) -> list[dict[str, Any]]:
    """Facts between actors no one has reviewed yet, least confident first."""
    facts = []
    for rel_type, rel in store.schema.relationships.items():
        if {*rel.sources, *rel.targets} & NOT_ACTORS:
            continue
        rows = store._read(
            f"MATCH (a)-[r:{rel_type}]->(b) WHERE r.review IS NULL OR r.review = 'machine' "
            "RETURN a.id, a.name, b.id, b.name, r.confidence, r.tier, r.evidence, r.spans "
            "ORDER BY r.confidence, a.id, b.id LIMIT $limit", {"limit": int(limit)})
        facts += [{"fact": str(FactKey(rel_type, a, b)), "type": rel_type, "source": a, "source_name": a_name,
                   "target": b, "target_name": b_name, "confidence": confidence, "tier": tier,
                   "evidence": evidence or [], "spans": spans or []}
                  for a, a_name, b, b_name, confidence, tier, evidence, spans in rows]
    return sorted(facts, key=lambda f: (f["confidence"] if f["confidence"] is not None else 0.0, f["fact"]))[:limit]


def visible(review: str | None, *, include_rejected: bool = False, reviewed_only: bool = False) -> bool:
    """Whether a fact with this review status is shown (viewer, exports).

    >>> visible(None), visible("rejected"), visible("rejected", include_rejected=True)
    (True, False, True)
    >>> visible(None, reviewed_only=True), visible("verified", reviewed_only=True)
    (False, True)
    """
    if reviewed_only:
        return review in REVIEWED
    return include_rejected or review != "rejected"


# --- re-applying decisions to a load -----------------------------------------------------------
@dataclass
class Rules:
    """Every decision, folded into what a newly read article's records must become."""

    schema: Schema
    ids: dict[str, str] = field(default_factory=dict)  # merged or relabelled id -> the node that took it over
    redirect: dict[FactKey, FactKey] = field(default_factory=dict)  # edited facts: old key -> new key
    review: dict[FactKey, str] = field(default_factory=dict)
    overrides: dict[FactKey, dict[str, Any]] = field(default_factory=dict)
    manual: dict[str, list[tuple[FactKey, dict[str, Any]]]] = field(default_factory=dict)  # article -> facts added
    names: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (new name, old name)
    labels: dict[str, str] = field(default_factory=dict)  # relabelled actor's id -> its label
    rejected_actors: set[str] = field(default_factory=set)
    ends: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (label, name) of ends edits point at

    @classmethod
    def from_store(cls, store: Store, merged: dict[str, str] | None = None) -> Rules:
        """The rules of the store's decisions, with the ids the store's nodes say were merged away."""
        return cls.build(store.schema, decisions(store), store.merged_ids() if merged is None else merged)

    @classmethod
    def build(cls, schema: Schema, made: Iterable[Decision], merged: dict[str, str] | None = None) -> Rules:
        """Fold decisions, oldest first; ``merged``: ids merged away without a logged decision."""
        made = list(made)
        rules = cls(schema, ids=dict(merged or {}))
        for decision in made:  # merges, splits and relabels first: every other decision follows the ids
            details = decision.details
            if decision.kind == "merge":
                rules.ids[details["drop"]] = details["keep"]
            elif decision.kind == "split":
                rules.ids.pop(details["drop"], None)
                for inner in _drop_merged(decision, made):
                    rules.ids[inner] = details["drop"]
            elif decision.kind == "relabel":
                rules.ids[details["actor"]] = decision.changed["id"]
                rules.labels[decision.changed["id"]] = details["label"]
        for decision in made:
            details = decision.details
            if decision.kind in FACT_KINDS:
                key = rules.resolve(rules.mapped(FactKey.from_json(details["fact"])))
                if decision.kind == "edit":
                    to = rules.mapped(FactKey.from_json(details["to"]))
                    props = {**rules.overrides.pop(key, {}), **_typed_props(
                        schema.relationship(to.type).properties, details.get("properties") or {})}
                    if to != key:
                        rules.redirect[key] = to
                        rules.review.pop(key, None)
                    rules.overrides[to] = props
                    rules.review[to] = "edited"
                    key = to
                else:
                    rules.review[key] = decision.changed.get("after") or decision.changed.get("review")
                if decision.kind == "add":
                    article, published = details["article"], decision.changed.get("published")
                    day = dt.date.fromisoformat(published) if published else None
                    provenance = {"articles": [article], "spans": [f"{article}:{details['start']}:{details['end']}"],
                                  "evidence": [decision.changed["evidence"]], "extractor": CURATION_EXTRACTOR,
                                  "confidence": 1.0, "tier": "explicit", "first_reported": day, "last_reported": day,
                                  **_typed_props(schema.relationship(key.type).properties,
                                                 details.get("properties") or {})}
                    rules.manual.setdefault(article, []).append((key, provenance))
                for node, (label, name) in (decision.changed.get("ends") or {}).items():
                    rules.ends[rules.node(node)] = (rules.labels.get(rules.node(node), label), name)
            elif decision.kind == "rename":
                rules.names[rules.node(details["actor"])] = (details["name"], decision.changed["before"])
            elif decision.kind == "reject-actor":
                rules.rejected_actors.add(rules.node(details["actor"]))
        return rules

    def node(self, node: str) -> str:
        """The id a node has now, after merges and relabels (followed in turn)."""
        return _follow(self.ids, node)

    def mapped(self, key: FactKey) -> FactKey:
        return FactKey(key.type, self.node(key.source), self.node(key.target))

    def resolve(self, key: FactKey) -> FactKey:
        """Where an edited fact went (following later edits too)."""
        return _follow(self.redirect, key)

    def apply(self, batch: GraphBatch) -> GraphBatch:
        """The article's records as the decisions have them: rejected actors out, names, labels,
        edits and review statuses as decided, facts added by hand to this article in."""
        nodes: dict[str, NodeRecord] = {}
        taken_over: dict[str, list[str]] = {}
        for old, new in self.ids.items():
            taken_over.setdefault(self.node(new), []).append(old)
        for node in batch.nodes:
            node_id = self.node(node.id)
            if node_id in self.rejected_actors:
                continue
            label, props = self.labels.get(node_id, node.label), dict(node.properties)
            if label != node.label:
                declared = self.schema.node(label).properties
                props = {name: value for name, value in props.items() if name in declared}
            if node_id in self.names:
                props["name"], old_name = self.names[node_id]
                props["aliases"] = list(dict.fromkeys([*(props.get("aliases") or []), old_name]))
            if node_id in taken_over:
                props["merged_ids"] = list(dict.fromkeys([*(props.get("merged_ids") or []), *taken_over[node_id]]))
            kept = nodes.get(node_id)
            nodes[node_id] = NodeRecord(label, node_id, props if kept is None else merge_node(kept.properties, props))
        facts: list[tuple[FactKey, dict[str, Any]]] = [
            (self.resolve(self.mapped(FactKey(r.type, r.source, r.target))), dict(r.properties))
            for r in batch.relationships]
        facts += self.manual.get(batch.article_id, [])
        relationships = []
        for key, props in facts:
            if not self._has_end(nodes, key.source) or not self._has_end(nodes, key.target):
                continue
            rel = self.schema.relationship(key.type)
            labels = (nodes[key.source].label, nodes[key.target].label)
            if key.source == key.target or labels not in rel.pairs():
                continue
            props = {name: value for name, value in props.items() if name in rel.properties}
            props.update(self.overrides.get(key, {}))
            if self.review.get(key):
                props["review"] = self.review[key]
            relationships.append(RelationshipRecord(key.type, labels[0], key.source, labels[1], key.target, props))
        return GraphBatch(batch.article_id, list(nodes.values()), relationships)

    def _has_end(self, nodes: dict[str, NodeRecord], node: str) -> bool:
        if node in self.rejected_actors:
            return False
        if node not in nodes and node in self.ends:
            label, name = self.ends[node]
            nodes[node] = NodeRecord(label, node, {"name": self.names.get(node, (name,))[0]})
        return node in nodes


def _follow(moves: dict, start):
    """Where ``start`` ends up along ``moves`` (old -> new), each step taken once: a cycle stops the walk."""
    seen = {start}
    while start in moves and moves[start] not in seen:
        start = moves[start]
        seen.add(start)
    return start


def _drop_merged(split_decision: Decision, made: list[Decision]) -> list[str]:
    """The ids the split-off actor had itself taken over before its merge (they follow it back)."""
    merges = [d for d in made if d.kind == "merge" and d.details == split_decision.details and d.at <= split_decision.at]
    return list(merges[-1].changed["drop_node"].get("merged_ids") or []) if merges else []


# --- reading and writing inside a transaction ----------------------------------------------
def _label(store: Store, run: Run, node: str) -> str | None:
    prefix = node.split(":", 1)[0]
    candidates = [label for label in store.schema.nodes if label.lower() == prefix] or list(store.schema.nodes)
    for label in candidates:
        if run(f"MATCH (n:{label} {{id: $id}}) RETURN n.id", {"id": node}):
            return label
    return None


def _label_or_fail(store: Store, run: Run, node: str) -> str:
    label = _label(store, run, node)
    if label is None:
        raise CurationError(f"no node with id {node!r} in {store.describe()}")
    return label


def _actor_or_fail(store: Store, run: Run, actor: str) -> tuple[str, dict[str, Any]]:
    label = _label_or_fail(store, run, actor)
    if label in NOT_ACTORS:
        raise CurationError(f"{actor} is a {label}, not an actor")
    declared = [p for p in store.schema.node(label).properties if p != "id"]
    row = run(f"MATCH (n:{label} {{id: $id}}) RETURN " + ", ".join(f"n.{p}" for p in declared), {"id": actor})[0]
    return label, dict(zip(declared, row, strict=True))


def _fact_pattern(key: FactKey, source_label: str, target_label: str) -> str:
    return (f"MATCH (a:{source_label} {{id: $source}}) "
            f"MATCH (a)-[r:{key.type}]->(b:{target_label} {{id: $target}})")


def _fact(store: Store, run: Run, key: FactKey, source_label: str, target_label: str) -> dict[str, Any] | None:
    declared = list(store.schema.relationship(key.type).properties)
    rows = run(_fact_pattern(key, source_label, target_label) + " RETURN " + ", ".join(f"r.{p}" for p in declared),
               {"source": key.source, "target": key.target})
    return dict(zip(declared, rows[0], strict=True)) if rows else None


def _fact_or_fail(store: Store, run: Run, key: FactKey) -> tuple[str, str, dict[str, Any]]:
    store.schema.relationship(key.type)
    labels = [_label_or_fail(store, run, node) for node in (key.source, key.target)]
    props = _fact(store, run, key, *labels) if tuple(labels) in store.schema.relationship(key.type).pairs() else None
    if props is None:
        raise CurationError(f"no fact {key} in {store.describe()}")
    return labels[0], labels[1], props


def _facts_of(store: Store, run: Run, node: str, label: str) -> list[tuple[FactKey, str, str, dict[str, Any]]]:
    """Every fact with ``node`` at one end."""
    found = []
    for rel_type, rel in store.schema.relationships.items():
        declared = list(rel.properties)
        returned = ", ".join(f"r.{p}" for p in declared)
        for source_label, target_label in rel.pairs():
            for side, side_label in (("a", source_label), ("b", target_label)):
                if side_label != label or (side == "b" and source_label == label):
                    continue  # a fact with the node at both ends comes once, from the source side
                pattern = f"(a:{source_label} {{id: $id}})-[r:{rel_type}]->(b:{target_label})" if side == "a" else \
                    f"(a:{source_label})-[r:{rel_type}]->(b:{target_label} {{id: $id}})"
                for source, target, *values in run(f"MATCH {pattern} RETURN a.id, b.id, {returned}", {"id": node}):
                    found.append((FactKey(rel_type, source, target), source_label, target_label,
                                  dict(zip(declared, values, strict=True))))
    return found


def _delete_fact(run: Run, key: FactKey, source_label: str, target_label: str) -> None:
    run(_fact_pattern(key, source_label, target_label) + " DELETE r", {"source": key.source, "target": key.target})


def _put_fact(store: Store, run: Run, key: FactKey, source_label: str, target_label: str,
              props: dict[str, Any]) -> None:
    """Store a fact with exactly these properties (replacing the stored one, if any)."""
    _delete_fact(run, key, source_label, target_label)
    store._create_relationships(run, key.type, source_label, target_label,
                                [{"source": key.source, "target": key.target, **props}])


def _ends(run: Run, key: FactKey, labels: list[str]) -> dict[str, list[str]]:
    ends = {}
    for node, label in zip((key.source, key.target), labels, strict=True):
        ends[node] = [label, run(f"MATCH (n:{label} {{id: $id}}) RETURN n.name", {"id": node})[0][0]]
    return ends


def _plain_props(props: dict[str, Any]) -> dict[str, Any]:
    """A fact's properties without its provenance lists, for the log."""
    return {name: value for name, value in props.items() if name not in _PROVENANCE_LISTS and value is not None}


def _json_props(declared: dict[str, Any], props: dict[str, Any]) -> dict[str, Any]:
    """Properties as JSON values (dates as ISO text); an unknown name is refused."""
    out = {}
    for name, value in props.items():
        if name not in declared:
            raise SchemaError(f"no property {name!r} here (known: {', '.join(declared)})")
        out[name] = value.isoformat() if isinstance(value, dt.date) else value
    return out


def _typed_props(declared: dict[str, Any], props: dict[str, Any]) -> dict[str, Any]:
    """JSON values back as the schema's types (ISO text to dates, whole numbers to floats)."""
    out = {}
    for name, value in props.items():
        prop = declared.get(name)
        if prop is None:
            raise SchemaError(f"no property {name!r} here (known: {', '.join(declared)})")
        if value is not None and prop.type == "date" and isinstance(value, str):
            value = dt.date.fromisoformat(value)
        elif value is not None and prop.type == "float":
            value = float(value)
        out[name] = value
    return out
