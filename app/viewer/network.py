"""The interactive network as a self-contained HTML page (pyvis, vis-network inline, no CDN).

Nodes are coloured and shaped by label and sized by degree; edges carry their type as a label
and their evidence in the tooltip. Names are data, never markup: pyvis writes them with Jinja's
HTML-safe ``tojson`` and vis-network shows tooltips with ``innerText``. Small graphs settle with
physics, which stops once stable; larger ones get a networkx layout and no physics, so they
appear at once.

>>> import networkx as nx
>>> g = nx.MultiDiGraph(); g.add_node("person:a", label="Person", name="</script>")
>>> page = network_html(g)
>>> "cdn.jsdelivr" in page, "</script>" in page.split("new vis.DataSet")[1][:300]
(False, False)
"""

from __future__ import annotations

import json
import re

import networkx as nx
from pyvis.network import Network

STYLE = {  # label -> (colour, vis-network shape)
    "Person": ("#4e79a7", "dot"), "Party": ("#e15759", "diamond"), "Region": ("#59a14f", "square"),
    "Place": ("#8cd17d", "triangle"), "Organization": ("#f28e2b", "box"), "Election": ("#b07aa1", "star"),
    "Round": ("#d4a6c8", "star"), "Statement": ("#bab0ac", "ellipse"), "Article": ("#9c755f", "database"),
}
PHYSICS_LIMIT = 300  # above this many nodes, lay out with networkx and draw without physics
MAX_NODES = 1500  # above this, the viewer offers the top nodes by degree instead
_REMOTE_TAG = re.compile(r"<(?:link|script)\b[^>]*\b(?:href|src)\s*=\s*[\"'](?:https?:)?//[^>]*>(?:\s*</script>)?",
                         re.IGNORECASE | re.DOTALL)


def legend_html() -> str:
    items = "".join(f'<span style="margin-right:12px"><span style="color:{colour}">&#9679;</span> {label}</span>'
                    for label, (colour, _) in STYLE.items())
    return f'<div style="font-size:0.85em">{items}</div>'


def top_by_degree(graph: nx.MultiDiGraph, limit: int = MAX_NODES) -> nx.MultiDiGraph:
    """The ``limit`` best-connected nodes and the edges among them."""
    keep = sorted(graph.nodes, key=lambda n: (-graph.degree(n), n))[:limit]
    return graph.subgraph(keep).copy()


def network_html(graph: nx.MultiDiGraph, height: int = 650, focus: str | None = None) -> str:
    """A standalone page drawing ``graph`` (node attrs: label, name; edge attrs: type, evidence, ...)."""
    net = Network(height=f"{height}px", width="100%", directed=True, cdn_resources="in_line", bgcolor="#ffffff")
    big = graph.number_of_nodes() > PHYSICS_LIMIT
    positions = nx.spring_layout(nx.Graph(graph), seed=7, scale=1200) if big and graph.number_of_nodes() else {}
    degrees = dict(graph.degree())
    for node, attrs in graph.nodes(data=True):
        label = attrs.get("label", "")
        colour, shape = STYLE.get(label, ("#999999", "dot"))
        name = str(attrs.get("name") or node)
        extra = {"x": float(positions[node][0]), "y": float(positions[node][1]), "physics": False} if big else {}
        net.add_node(node, label=_short(name), title=f"{label}: {name}\n{node}", color=colour, shape=shape,
                     size=10 + 3 * min(degrees.get(node, 0), 15), borderWidth=3 if node == focus else 1, **extra)
    for source, target, attrs in graph.edges(data=True):
        evidence = attrs.get("evidence") or []
        sentence = evidence[0] if isinstance(evidence, list) and evidence else ""
        tooltip = f"{attrs.get('type')} ({attrs.get('tier') or 'fact'}, confidence {attrs.get('confidence')})\n{sentence}"
        net.add_edge(source, target, label=attrs.get("type", ""), title=tooltip, arrows="to",
                     color="#aaaaaa", font={"size": 9, "align": "middle"})
    options = {"physics": {"enabled": not big, "stabilization": {"iterations": 200, "fit": True},
                           "barnesHut": {"gravitationalConstant": -6000, "springLength": 140}},
               "interaction": {"hover": True, "tooltipDelay": 120, "navigationButtons": False},
               "edges": {"smooth": False}}
    net.set_options(json.dumps(options))
    page = _REMOTE_TAG.sub("", net.generate_html())
    # Stop the simulation once the layout is stable, so the page stays light (and can be dragged).
    freeze = "network.once('stabilizationIterationsDone', function () { network.setOptions({physics: false}); });"
    return page.replace("return network;", freeze + "\n        return network;", 1)


def _short(name: str, limit: int = 40) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"
