"""How a view is drawn: vis-network nodes, edges and options, and the legend that explains them.

Nodes are coloured by label (and shaped by it) or by Louvain community, and sized by degree
or betweenness within the view; edges are coloured by type (SUPPORTS green, OPPOSES red,
co-occurrence blue-grey, other facts grey) and as wide as their weight. Names are data, never
markup: vis-network shows labels on a canvas and tooltips with ``innerText``, and the legend
escapes them.

>>> import networkx as nx
>>> g = nx.MultiDiGraph(); g.add_node("person:a", label="Person", name="</script>")
>>> g.add_node("party:p", label="Party", name="P")
>>> g.add_edge("person:a", "party:p", key="OPPOSES", type="OPPOSES", weight=2)
'OPPOSES'
>>> d = drawing(g)
>>> [n["label"] for n in d["nodes"]], d["edges"][0]["color"], "&lt;/script&gt;" in legend_html(d["legend"])
(['</script>', 'P'], '#d62728', False)
"""

from __future__ import annotations

import hashlib
import html
import json
import math
from typing import Any

import networkx as nx

from polgraph.graph import analysis
from polgraph.graph.views import NAMED_WITH, undirected

NODE_STYLE = {  # label -> (colour, vis-network shape, legend symbol)
    "Person": ("#4e79a7", "dot", "●"), "Party": ("#e15759", "diamond", "◆"), "Region": ("#59a14f", "square", "■"),
    "Place": ("#8cd17d", "triangle", "▲"), "Organization": ("#f28e2b", "box", "▬"),
    "Election": ("#b07aa1", "star", "★"), "Round": ("#d4a6c8", "star", "★"), "Statement": ("#bab0ac", "ellipse", "⬬"),
    "Article": ("#9c755f", "database", "⛁"),
}
EDGE_COLOUR = {"SUPPORTS": "#2ca02c", "OPPOSES": "#d62728", NAMED_WITH: "#7f8fa6"}
FACT_COLOUR = "#aaaaaa"  # every other relationship type
COMMUNITY_COLOURS = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
                     "#9c755f", "#17becf", "#bcbd22", "#8c564b"]
SMALL_COMMUNITY = "#d0d0d0"  # communities beyond the palette
WIDTH_MEANS = {NAMED_WITH: "sentences or statements naming both", "default": "articles stating it"}
PHYSICS_LIMIT = 300  # above this many nodes, lay out with networkx and draw without physics


def drawing(view: nx.MultiDiGraph, colour_by: str = "label", size_by: str = "degree") -> dict[str, Any]:
    """Everything the network component needs (``nodes``, ``edges``, ``options``, ``version``) and the
    ``legend`` facts: what each colour, size and width stands for in this view."""
    simple = undirected(view)
    measure = (analysis.betweenness_of(simple) if size_by == "betweenness"
               else {n: float(simple.degree(n)) for n in simple})
    biggest = max(measure.values(), default=0.0) or 1.0
    communities = analysis.community_of(undirected(view, weight=True), weight="weight") if colour_by == "community" else {}
    big = view.number_of_nodes() > PHYSICS_LIMIT
    positions = nx.spring_layout(simple, seed=7, scale=1200, iterations=30) if big else {}
    nodes = []
    for node, attrs in view.nodes(data=True):
        label = attrs.get("label", "")
        colour, shape, _ = NODE_STYLE.get(label, ("#999999", "dot", "●"))
        if colour_by == "community":
            number = communities.get(node, 0)
            colour = COMMUNITY_COLOURS[number - 1] if 0 < number <= len(COMMUNITY_COLOURS) else SMALL_COMMUNITY
        name = str(attrs.get("name") or node)
        tooltip = [f"{label}: {name}", node, f"{size_by}: {_number(measure.get(node, 0.0))}"]
        if communities:
            tooltip.append(f"community {communities.get(node)}")
        entry = {"id": node, "label": _short(name), "title": "\n".join(tooltip), "color": colour, "shape": shape,
                 "size": round(10 + 25 * measure.get(node, 0.0) / biggest, 1)}
        if big:
            entry.update(x=round(float(positions[node][0]), 1), y=round(float(positions[node][1]), 1), physics=False)
        nodes.append(entry)
    heaviest = max((d.get("weight", 1) for *_, d in view.edges(data=True)), default=1) or 1
    edges = []
    for i, (source, target, attrs) in enumerate(view.edges(data=True)):
        rel_type = attrs.get("type", "")
        weight = attrs.get("weight", 1)
        edges.append({"id": str(i), "from": source, "to": target, "color": EDGE_COLOUR.get(rel_type, FACT_COLOUR),
                      "width": round(1 + 7 * math.sqrt(weight / heaviest), 1), "title": _edge_tooltip(attrs),
                      "label": "" if rel_type == NAMED_WITH else rel_type, "arrows": "" if rel_type == NAMED_WITH else "to",
                      "font": {"size": 9, "align": "middle"}})
    options = {"physics": {"enabled": not big, "stabilization": {"iterations": 200, "fit": True},
                           "barnesHut": {"gravitationalConstant": -6000, "springLength": 140}},
               "interaction": {"hover": True, "tooltipDelay": 120, "navigationButtons": False},
               "edges": {"smooth": False}, "layout": {"randomSeed": 7}}  # the same view, the same layout
    content = {"nodes": nodes, "edges": edges, "options": options}
    version = hashlib.sha1(json.dumps(content, sort_keys=True).encode()).hexdigest()[:16]
    return {**content, "version": version,
            "legend": _legend(view, colour_by, size_by, measure, communities, heaviest)}


def _edge_tooltip(attrs: dict[str, Any]) -> str:
    rel_type, weight, articles = attrs.get("type"), attrs.get("weight", 1), len(attrs.get("articles") or [])
    if rel_type == NAMED_WITH:
        head = f"named together in {weight} sentence(s), {articles} article(s)"
    else:
        head = f"{rel_type} ({attrs.get('tier') or 'fact'}, confidence {attrs.get('confidence')}), {articles} article(s)"
    evidence = attrs.get("evidence") or []
    return head + ("\n" + evidence[0] if evidence else "") + "\nClick for every sentence."


def _legend(view: nx.MultiDiGraph, colour_by: str, size_by: str, measure: dict[str, float],
            communities: dict[str, int], heaviest: float) -> dict[str, Any]:
    labels = sorted({a.get("label") for _, a in view.nodes(data=True)} - {None})
    types = sorted({d.get("type") for *_, d in view.edges(data=True)} - {None})
    members: dict[int, list[str]] = {}
    for node in sorted(communities, key=lambda n: -measure.get(n, 0.0)):
        members.setdefault(communities[node], []).append(str(view.nodes[node].get("name") or node))
    values = list(measure.values()) or [0.0]
    return {"colour_by": colour_by, "size_by": size_by, "labels": labels, "types": types,
            "communities": [(n, len(names), names[:3]) for n, names in sorted(members.items())],
            "size_range": (min(values), max(values)), "heaviest": heaviest}


def legend_html(legend: dict[str, Any]) -> str:
    """The legend as HTML (names escaped): colours, sizes, then edge colours and widths."""
    parts = []
    if legend["colour_by"] == "community":
        shown = legend["communities"][: len(COMMUNITY_COLOURS)]
        items = [_swatch(COMMUNITY_COLOURS[n - 1], "●", f"community {n} ({size}: {', '.join(names)}"
                                                          f"{'…' if size > len(names) else ''})")
                 for n, size, names in shown]
        if len(legend["communities"]) > len(shown):
            items.append(_swatch(SMALL_COMMUNITY, "●", f"{len(legend['communities']) - len(shown)} smaller communities"))
        parts.append("<b>Colour</b>: Louvain community (shape: label) " + " ".join(items))
    else:
        parts.append("<b>Colour and shape</b>: label " + " ".join(
            _swatch(NODE_STYLE.get(label, ("#999999", "", "●"))[0], NODE_STYLE.get(label, ("", "", "●"))[2], label)
            for label in legend["labels"]))
    low, high = legend["size_range"]
    meaning = ("betweenness centrality in this view (how often it lies on the shortest paths between others)"
               if legend["size_by"] == "betweenness" else "degree: how many others it is linked to in this view")
    parts.append(f"<b>Size</b>: {meaning}, from {_number(low)} to {_number(high)}")
    edge_items = [_swatch(EDGE_COLOUR.get(t, FACT_COLOUR), "━", "named together" if t == NAMED_WITH else t)
                  for t in legend["types"] if t in EDGE_COLOUR]
    if any(t not in EDGE_COLOUR for t in legend["types"]):
        edge_items.append(_swatch(FACT_COLOUR, "━", "other facts (type on the line)"))
    width = WIDTH_MEANS[NAMED_WITH] if legend["types"] == [NAMED_WITH] else WIDTH_MEANS["default"]
    parts.append("<b>Lines</b>: " + " ".join(edge_items) + f"; <b>width</b>: number of {width}, up to "
                 f"{_number(legend['heaviest'])}")
    return '<div style="font-size:0.85em;line-height:1.6">' + "<br>".join(parts) + "</div>"


def _swatch(colour: str, symbol: str, text: str) -> str:
    return (f'<span style="margin-right:10px;white-space:nowrap"><span style="color:{colour}">{symbol}</span> '
            f"{html.escape(text)}</span>")


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.3f}"


def _short(name: str, limit: int = 40) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"
