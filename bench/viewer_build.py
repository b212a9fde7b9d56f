"""Time to build the viewer's network page (pyvis HTML, vis-network inline) for 500 and 1,500 nodes.

    .venv/bin/python bench/viewer_build.py

The graph is the synthetic one (bench/synthetic.py) cut at the first articles that name enough
nodes; 1,500 is the most the viewer draws at once. Best of three builds.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).parent))

from common import save  # noqa: E402
from synthetic import synthetic_batches  # noqa: E402

from polgraph.app.viewer.network import network_html  # noqa: E402


def synthetic_graph(nodes: int) -> nx.MultiDiGraph:
    """The first ``nodes`` nodes the synthetic articles name, with every fact among them."""
    graph = nx.MultiDiGraph()
    for batch in synthetic_batches(nodes * 20):
        for node in batch.nodes:
            if graph.number_of_nodes() < nodes:
                graph.add_node(node.id, label=node.label, name=node.properties.get("name"))
        for rel in batch.relationships:
            if rel.source in graph and rel.target in graph:
                graph.add_edge(rel.source, rel.target, key=rel.type, type=rel.type, **rel.properties)
        if graph.number_of_nodes() >= nodes:
            return graph
    return graph


def measure(nodes: int, repeat: int = 3) -> dict:
    graph = synthetic_graph(nodes)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        page = network_html(graph)
        times.append(time.perf_counter() - started)
    return {"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges(), "seconds": round(min(times), 2),
            "html_mb": round(len(page.encode()) / 1e6, 1)}


def main() -> None:
    result = {"benchmark": "viewer_build", "builds": [measure(n) for n in (500, 1500)]}
    print(result)
    save("viewer_build", result)


if __name__ == "__main__":
    main()
