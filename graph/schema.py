"""The graph schema, read once from the YAML files under ``graph/schema/``.

One file per node label (``nodes/``) and per relationship type (``relationships/``); abstract
entries (``Node``, ``Actor``, ``Fact``) hold the properties the others inherit. The same declaration makes
the embedded store's tables, Neo4j's constraints and indexes, checks what is written, and prints
as ``polgraph schema``.

>>> schema = load_schema()
>>> schema.relationship("LEADS").sources
('Person',)
>>> schema.check_node("Person", {"id": "person:x", "name": "X", "colour": "red"})
Traceback (most recent call last):
...
polgraph.graph.schema.SchemaError: Person has no property 'colour'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any

import yaml

SCHEMA_DIR = Path(__file__).parent / "schema"
DEGREE = "degree"  # the property the store keeps on every actor (see schema/nodes/Actor.yaml)


class SchemaError(ValueError):
    """Something written does not fit the schema: unknown label, type or property."""


@dataclass(frozen=True)
class Property:
    name: str
    type: str  # string, string[], int, float, bool, date
    required: bool = False
    description: str = ""
    values: tuple[str, ...] = ()
    range: tuple[float, float] | None = None

    @cached_property
    def accepts(self) -> Callable[[Any], bool]:
        """Whether a value (not None) fits: one call per value, as loads check millions of them."""
        fits_type = _TYPE_CHECKS[self.type]
        if not self.values and not self.range:
            return fits_type
        values, low, high = self.values, *(self.range or (None, None))
        return lambda value: (fits_type(value) and (not values or value in values)
                              and (low is None or low <= value <= high))

    def check(self, owner: str, value: Any) -> None:
        if value is None:
            if self.required:
                raise SchemaError(f"{owner}.{self.name} is required")
            return
        if not _TYPE_CHECKS[self.type](value):
            raise SchemaError(f"{owner}.{self.name} must be {self.type}, got {value!r}")
        if self.values and value not in self.values:
            raise SchemaError(f"{owner}.{self.name} must be one of {', '.join(self.values)}, got {value!r}")
        if self.range and not self.range[0] <= value <= self.range[1]:
            raise SchemaError(f"{owner}.{self.name} must lie in {list(self.range)}, got {value!r}")


_TYPE_CHECKS = {
    "string": lambda v: isinstance(v, str),
    "string[]": lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v),
    "int": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "float": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "bool": lambda v: isinstance(v, bool),
    "date": lambda v: isinstance(v, dt.date) and not isinstance(v, dt.datetime),
}


@dataclass(frozen=True)
class NodeType:
    label: str
    description: str
    key: str
    properties: dict[str, Property]
    indexes: tuple[str, ...]

    @cached_property
    def required(self) -> tuple[str, ...]:
        return _required(self.properties)

    @property
    def keeps_degree(self) -> bool:
        """Whether the store keeps this label's degree (an actor: see schema/nodes/Actor.yaml)."""
        return DEGREE in self.properties


@dataclass(frozen=True)
class RelationshipType:
    type: str
    description: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    properties: dict[str, Property]

    def pairs(self) -> list[tuple[str, str]]:
        return [(s, t) for s in self.sources for t in self.targets]

    @cached_property
    def required(self) -> tuple[str, ...]:
        return _required(self.properties)

    @cached_property
    def columns(self) -> dict[str, Property]:
        """The endpoints' ids, then the properties: the columns of a bulk file or table of this type."""
        return {"source": Property("source", "string"), "target": Property("target", "string"), **self.properties}


@dataclass(frozen=True)
class Schema:
    nodes: dict[str, NodeType]
    relationships: dict[str, RelationshipType]

    def node(self, label: str) -> NodeType:
        try:
            return self.nodes[label]
        except KeyError:
            raise SchemaError(f"unknown node label {label!r} (known: {', '.join(self.nodes)})") from None

    def relationship(self, rel_type: str) -> RelationshipType:
        try:
            return self.relationships[rel_type]
        except KeyError:
            known = ", ".join(self.relationships)
            raise SchemaError(f"unknown relationship type {rel_type!r} (known: {known})") from None

    def check_node(self, label: str, properties: dict[str, Any]) -> None:
        node = self.node(label)
        _check_properties(label, node.properties, node.required, properties)

    def check_relationship(self, rel_type: str, source: str, target: str, properties: dict[str, Any]) -> None:
        rel = self.relationship(rel_type)
        if source not in rel.sources or target not in rel.targets:  # every source may go to every target
            raise SchemaError(f"{rel_type} cannot go from {source} to {target}")
        _check_properties(rel_type, rel.properties, rel.required, properties)

    def describe(self) -> str:
        """The schema as text, for ``polgraph schema``."""
        lines = ["Nodes (key: id)"]
        for node in self.nodes.values():
            lines.append(f"  {node.label}: {node.description}")
            lines += [f"      {_describe_property(p)}" for p in node.properties.values()]
        lines.append("")
        lines.append("Relationships (every one carries the Fact provenance properties)")
        for rel in self.relationships.values():
            lines.append(f"  ({'|'.join(rel.sources)})-[:{rel.type}]->({'|'.join(rel.targets)})")
            lines.append(f"      {rel.description}")
            lines += [f"      {_describe_property(p)}" for p in rel.properties.values()]
        return "\n".join(lines)


def _describe_property(prop: Property) -> str:
    flags = " required" if prop.required else ""
    doc = f"  {prop.description}" if prop.description else ""
    return f"{prop.name}: {prop.type}{flags}{doc}"


def _check_properties(owner: str, declared: dict[str, Property], required: tuple[str, ...],
                      given: dict[str, Any]) -> None:
    for name, value in given.items():
        prop = declared.get(name)
        if prop is None:
            raise SchemaError(f"{owner} has no property {name!r}")
        if value is None or not prop.accepts(value):
            prop.check(owner, value)  # says why, or lets a missing optional value pass
    for name in required:
        if given.get(name) is None:
            raise SchemaError(f"{owner}.{name} is required")


def _required(properties: dict[str, Property]) -> tuple[str, ...]:
    return tuple(name for name, prop in properties.items() if prop.required)


def _read_properties(entry: dict[str, Any]) -> dict[str, Property]:
    props = {}
    for name, spec in (entry.get("properties") or {}).items():
        props[name] = Property(
            name=name,
            type=spec["type"],
            required=spec.get("required", False),
            description=spec.get("description", ""),
            values=tuple(spec.get("values", ())),
            range=tuple(spec["range"]) if "range" in spec else None,
        )
        if props[name].type not in _TYPE_CHECKS:
            raise SchemaError(f"{entry.get('label') or entry.get('type')}.{name}: unknown type {spec['type']}")
    return props


def _read_folder(folder: Path, name_field: str) -> dict[str, dict[str, Any]]:
    entries = {}
    for path in sorted(folder.glob("*.yaml")):
        entry = yaml.safe_load(path.read_text(encoding="utf-8"))
        entries[entry[name_field]] = entry
    return entries


def _ancestry(entries: dict[str, dict[str, Any]], entry: dict[str, Any]) -> list[dict[str, Any]]:
    """The entry and those it extends, the most general first (Node, Actor, Person)."""
    parent = entry.get("extends")
    return [*(_ancestry(entries, entries[parent]) if parent else []), entry]


def _inherited(entries: dict[str, dict[str, Any]], entry: dict[str, Any]) -> dict[str, Property]:
    return {name: prop for each in _ancestry(entries, entry) for name, prop in _read_properties(each).items()}


@cache
def load_schema(folder: Path = SCHEMA_DIR) -> Schema:
    """Read the schema files once (cached)."""
    node_entries = _read_folder(folder / "nodes", "label")
    rel_entries = _read_folder(folder / "relationships", "type")
    nodes = {}
    for label, entry in node_entries.items():
        if entry.get("abstract"):
            continue
        ancestry = _ancestry(node_entries, entry)
        nodes[label] = NodeType(
            label=label,
            description=entry.get("description", ""),
            key=next((each["key"] for each in reversed(ancestry) if "key" in each), "id"),
            properties=_inherited(node_entries, entry),
            indexes=tuple(dict.fromkeys(index for each in ancestry for index in each.get("index", []))),
        )
    relationships = {}
    for rel_type, entry in rel_entries.items():
        if entry.get("abstract"):
            continue
        for label in entry["from"] + entry["to"]:
            if label not in nodes:
                raise SchemaError(f"{rel_type}: unknown node label {label}")
        relationships[rel_type] = RelationshipType(
            type=rel_type,
            description=entry.get("description", ""),
            sources=tuple(entry["from"]),
            targets=tuple(entry["to"]),
            properties=_inherited(rel_entries, entry),
        )
    return Schema(nodes=nodes, relationships=relationships)
