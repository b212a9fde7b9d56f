"""How a view is drawn: vis-network nodes, edges and options, and the legend that explains them.

Nodes are coloured by label (and shaped by it) or by Louvain community, and sized by degree
(in the whole store when the view comes from the actor graph, ``views.lean_view``, whose nodes
carry it; else within the view) or betweenness within the view; edges are coloured by type (SUPPORTS green, OPPOSES red,
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
import numpy as np

from ...graph import analysis
from ...graph.views import NAMED_WITH, undirected

NODE_STYLE = {  # label -> (colour, vis-network shape, legend symbol)
    "Person": ("#4e79a7", "dot", "●"), "Party": ("#e15759", "diamond", "◆"), "Region": ("#59a14f", "square", "■"),
    "Place": ("#8cd17d", "triangle", "▲"), "Organization": ("#f28e2b", "box", "▬"),
    "Election": ("#b07aa1", "star", "★"), "Round": ("#d4a6c8", "star", "★"), "Statement": ("#bab0ac", "ellipse", "⬬"),
    "Article": ("#9c755f", "database", "⛁"),
}
EDGE_COLOUR = {"SUPPORTS": "#2ca02c", "OPPOSES": "#d62728", NAMED_WITH: "#7f8fa6"}
FACT_COLOUR = "#aaaaaa"  # every other relationship type
COMMUNITY_COLOURS = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
                     "#9c755f", "#17becf"]  # the ten largest communities; the legend names each
SMALL_COMMUNITY = "#d0d0d0"  # communities beyond the palette
WIDTH_MEANS = {NAMED_WITH: "sentences or statements naming both", "default": "articles stating it"}
SPRING_LIMIT = 300  # above this many nodes, force_layout lays a part out: networkx's spring layout slows down past it
FORCE_ROUNDS = 50  # rounds of force_layout
CURVE = 0.15  # how much more each further line between the same two nodes curves (clockwise)
NODE_ROOM = 200  # side of the square one node gets, in vis-network's units (nodes are 10 to 35 across)


def layout(view: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """Where each node goes, computed here so the browser draws at once, with no simulation to settle.

    Each connected part is laid out on its own (networkx's spring layout, or ``force_layout`` above
    ``SPRING_LIMIT`` nodes; both seeded) in a square whose side grows with the square root
    of its size, and the squares are packed in rows, largest first: the main component gets room
    and the pairs around it do not push it into a corner.
    """
    simple = undirected(view)
    parts = sorted(nx.connected_components(simple), key=lambda part: (-len(part), min(part)))
    sides = [NODE_ROOM * math.sqrt(len(part)) for part in parts]
    row_width = max([*sides[:1], 1.2 * math.sqrt(sum(side * side for side in sides))])
    positions: dict[str, tuple[float, float]] = {}
    left = top = row_height = 0.0
    for part, side in zip(parts, sides, strict=True):
        if left + side > row_width and left > 0:
            left, top, row_height = 0.0, top + row_height, 0.0
        sub = simple.subgraph(part)
        if len(part) == 1:
            placed = {next(iter(part)): (0.0, 0.0)}
        elif len(part) <= SPRING_LIMIT:
            placed = nx.spring_layout(sub, seed=7, scale=side / 2)
        else:
            placed = nx.rescale_layout_dict(force_layout(sub), scale=side / 2)
        for node, (x, y) in placed.items():
            positions[node] = (round(float(x) + left + side / 2, 1), round(float(y) + top + side / 2, 1))
        left += side
        row_height = max(row_height, side)
    return positions


def force_layout(graph: nx.Graph, rounds: int = FORCE_ROUNDS, seed: int = 7) -> dict[str, np.ndarray]:
    """Fruchterman and Reingold's force-directed layout, every pair's repulsion computed at once with numpy.

    For the large parts of a view: at 1,500 nodes, 50 rounds take about a second where networkx's
    ForceAtlas2 (50 rounds) took five and its spring layout (which loops over nodes above 500) seven,
    and edges come out shorter against the distance between two nodes at random (bench/README.md).

    >>> sorted(force_layout(nx.path_graph(3)))
    [0, 1, 2]
    """
    nodes = list(graph)
    count = len(nodes)
    index = {node: i for i, node in enumerate(nodes)}
    ends = np.array([(index[a], index[b]) for a, b in graph.edges() if a != b], dtype=np.int64).reshape(-1, 2)
    rng = np.random.default_rng(seed)
    x, y = rng.random(count, dtype=np.float32), rng.random(count, dtype=np.float32)
    ideal = np.float32(1 / count)  # the squared ideal distance between two nodes, in a unit square
    step = np.float32(0.1)  # the farthest a node moves in a round, cooling to nothing
    for _ in range(rounds):
        dx, dy = x[:, None] - x[None, :], y[:, None] - y[None, :]
        push = np.maximum(dx * dx + dy * dy, np.float32(1e-6))
        np.divide(ideal, push, out=push)  # repulsion ideal / distance, along the unit vector
        fx, fy = (dx * push).sum(1), (dy * push).sum(1)
        ex, ey = x[ends[:, 0]] - x[ends[:, 1]], y[ends[:, 0]] - y[ends[:, 1]]
        stretch = np.sqrt((ex * ex + ey * ey) / ideal)  # attraction distance² / sqrt(ideal) along each edge
        for f, e in ((fx, ex * stretch), (fy, ey * stretch)):
            f -= np.bincount(ends[:, 0], e, count) - np.bincount(ends[:, 1], e, count)
        size = np.maximum(np.sqrt(fx * fx + fy * fy), np.float32(1e-6))
        scale = np.minimum(size, step) / size
        x += fx * scale
        y += fy * scale
        step -= np.float32(0.1) / (rounds + 1)
    return {node: np.array([a, b]) for node, a, b in zip(nodes, x.tolist(), y.tolist(), strict=True)}


def drawing(view: nx.MultiDiGraph, colour_by: str = "label", size_by: str = "degree",
            positions: dict[str, tuple[float, float]] | None = None) -> dict[str, Any]:
    """Everything the network component needs (``nodes``, ``edges``, ``options``, ``version``) and the
    ``legend`` facts: what each colour, size and width stands for in this view. ``positions`` (from
    ``layout``) saves laying the view out again for another colour or size."""
    simple = undirected(view)
    stored = size_by == "degree" and view.number_of_nodes() > 0 and all("degree" in a for _, a in view.nodes(data=True))
    if size_by == "betweenness":
        measure = analysis.betweenness_of(simple)
    elif stored:  # a view from the actor graph carries each actor's degree in the whole store
        measure = {n: float(a["degree"]) for n, a in view.nodes(data=True)}
    else:
        measure = {n: float(simple.degree(n)) for n in simple}
    biggest = max(measure.values(), default=0.0) or 1.0
    communities = analysis.community_of(undirected(view, weight=True), weight="weight") if colour_by == "community" else {}
    positions = positions if positions is not None else layout(view)
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
        x, y = positions[node]
        nodes.append({"id": node, "label": _short(name), "title": "\n".join(tooltip), "color": colour, "shape": shape,
                      "size": round(10 + 25 * measure.get(node, 0.0) / biggest, 1), "x": x, "y": y})
    heaviest = max((d.get("weight", 1) for *_, d in view.edges(data=True)), default=1) or 1
    edges = []
    between: dict[frozenset[str], int] = {}  # lines drawn so far between two nodes, either way
    for source, target, attrs in view.edges(data=True):
        rel_type = attrs.get("type", "")
        weight = attrs.get("weight", 1)
        pair = frozenset((source, target))
        between[pair] = between.get(pair, 0) + 1
        edge = {"from": source, "to": target, "color": EDGE_COLOUR.get(rel_type, FACT_COLOUR),
                "width": _width(weight, heaviest), "title": _edge_tooltip(attrs),
                "label": "" if rel_type == NAMED_WITH else rel_type, "arrows": {"to": {"enabled": rel_type != NAMED_WITH}}}
        if between[pair] > 1:  # the first line between two nodes is straight (half the drawing time of a
            # curve), each further one curves more, clockwise: opposite and parallel relationships stay apart
            edge["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": round(CURVE * (between[pair] - 1), 2)}
        edges.append(edge)
    # What every line shares is said once here, not on each line (vis-network merges each line's own over it).
    options = {"physics": {"enabled": False}, "interaction": {"hover": True, "tooltipDelay": 120},
               "edges": {"smooth": False,
                         "arrows": {"to": {"scaleFactor": 0.5}}, "font": {"size": 9, "align": "middle"}}}
    content = {"nodes": nodes, "edges": edges, "options": options}
    version = hashlib.sha1(json.dumps(content, sort_keys=True).encode()).hexdigest()[:16]
    return {**content, "version": version,
            "legend": {**_legend(view, colour_by, size_by, measure, communities, heaviest), "degree_in_store": stored}}


def _width(weight: float, heaviest: float) -> float:
    """1 for the lightest line, 6 for the heaviest, the square root in between (weights vary a lot)."""
    return round(1 + 5 * math.sqrt((weight - 1) / (heaviest - 1)), 1) if heaviest > 1 else 1.5


def _edge_tooltip(attrs: dict[str, Any]) -> str:
    rel_type, weight, articles = attrs.get("type"), attrs.get("weight", 1), len(attrs.get("articles") or [])
    if rel_type == NAMED_WITH:
        head = f"named together in {weight} sentence(s), {articles} article(s)"
    elif "articles" not in attrs:  # a line of the actor graph: its evidence is read when it is clicked
        head = f"{rel_type} ({attrs.get('tier') or 'fact'}), {weight} article(s)"
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
            "communities": [(n, len(names), names[:2]) for n, names in sorted(members.items())],
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
    if legend["size_by"] == "betweenness":
        meaning = "betweenness centrality in this view (how often it lies on the shortest paths between others)"
    elif legend.get("degree_in_store"):
        meaning = "degree: how many relationships it has in the whole graph (mentions in articles left out)"
    else:
        meaning = "degree: how many others it is linked to in this view"
    parts.append(f"<b>Size</b>: {meaning}, from {_number(low)} to {_number(high)}")
    edge_items = [_swatch(EDGE_COLOUR.get(t, FACT_COLOUR), "━", "named together" if t == NAMED_WITH else t)
                  for t in legend["types"] if t in EDGE_COLOUR]
    if any(t not in EDGE_COLOUR for t in legend["types"]):
        edge_items.append(_swatch(FACT_COLOUR, "━", "other facts (type on the line)"))
    width = WIDTH_MEANS[NAMED_WITH] if legend["types"] == [NAMED_WITH] else WIDTH_MEANS["default"]
    parts.append("<b>Lines</b>: " + " ".join(edge_items))
    parts.append(f"<b>Width</b>: number of {width}, from 1 to {_number(legend['heaviest'])}")
    return '<div style="font-size:0.85em;line-height:1.6">' + "<br>".join(parts) + "</div>"


def _swatch(colour: str, symbol: str, text: str) -> str:
    return (f'<span style="margin-right:10px;white-space:nowrap"><span style="color:{colour}">{symbol}</span> '
            f"{html.escape(text)}</span>")


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.3f}"


def _short(name: str, limit: int = 40) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"
