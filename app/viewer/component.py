"""The network as a small Streamlit component of our own: vis-network draws it, clicks come back.

A version-1 custom component (``streamlit.components.v1.declare_component``) served from a
folder made once per process: ``index.html`` (below; its script speaks Streamlit's component
messages itself, no npm library) beside the vis-network files that pyvis ships. The page loads
nothing from anywhere but the Streamlit server. A click on a node returns
``{"kind": "node", "id": ..., "at": ms}``, on an edge ``{"kind": "edge", "source": ..., "target": ...,
"at": ms}``; ``at`` tells a new click from the value Streamlit keeps between runs.
"""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pyvis
import streamlit.components.v1 as components

VIS_NETWORK = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"

INDEX_HTML = """<!doctype html>
<html><head><meta charset="utf-8">
<link rel="stylesheet" href="vis-network.css">
<script src="vis-network.min.js"></script>
<style>
  html, body { margin: 0; font-family: sans-serif; }
  #network { width: 100%; border: 1px solid #ddd; }
  div.vis-tooltip { white-space: pre-wrap; max-width: 420px; }
</style>
</head><body><div id="network"></div>
<script>
"use strict";
// Streamlit's component messages (what streamlit-component-lib would send), written out here.
function send(type, fields) {
  window.parent.postMessage(Object.assign({isStreamlitMessage: true, type: type}, fields), "*");
}
var container = document.getElementById("network");
var network = null;     // the vis.Network; tests and benchmarks read it
var drawn = null;       // the version on screen: a rerun with the same data keeps layout and selection
window.drawnAt = null;  // when the current version finished drawing (performance.now())

function draw(args) {
  // Streamlit opens the frame args.height tall: keep it so (the border inside it), as a resize would
  // make vis-network draw everything a second time.
  container.style.height = (args.height - 4) + "px";
  send("streamlit:setFrameHeight", {height: args.height});
  if (args.version === drawn) { return; }
  drawn = args.version;
  window.drawnAt = null;
  window.argsAt = performance.now();  // when this version's data arrived: benchmarks time the drawing from it
  if (network) { network.destroy(); }
  var edges = new vis.DataSet(args.edges);
  network = new vis.Network(container, {nodes: new vis.DataSet(args.nodes), edges: edges}, args.options);
  window.network = network;
  network.once("afterDrawing", function () { window.drawnAt = performance.now(); window.drawnVersion = args.version; });
  if (args.selected_node && args.nodes.some(function (n) { return n.id === args.selected_node; })) {
    network.selectNodes([args.selected_node]);
  }
  network.on("click", function (params) {
    if (params.nodes.length) {
      send("streamlit:setComponentValue", {value: {kind: "node", id: params.nodes[0], at: Date.now()}, dataType: "json"});
    } else if (params.edges.length) {
      var edge = edges.get(params.edges[0]);
      send("streamlit:setComponentValue",
           {value: {kind: "edge", source: edge.from, target: edge.to, at: Date.now()}, dataType: "json"});
    }
  });
}

window.addEventListener("message", function (event) {
  if (event.data && event.data.type === "streamlit:render") { draw(event.data.args); }
});
send("streamlit:componentReady", {apiVersion: 1});
</script>
</body></html>
"""


@functools.cache
def _folder() -> Path:
    """The component's files, written once per process into a temporary folder removed at exit."""
    folder = Path(tempfile.mkdtemp(prefix="polgraph-network-"))
    atexit.register(shutil.rmtree, folder, True)
    (folder / "index.html").write_text(INDEX_HTML, encoding="utf-8")
    shutil.copy(VIS_NETWORK / "vis-network.min.js", folder)
    shutil.copy(VIS_NETWORK / "vis-network.css", folder)
    return folder


def network(drawn: dict[str, Any], key: str, height: int = 650, selected_node: str | None = None) -> dict | None:
    """Draw ``drawn`` (from ``network.drawing``) and return the last click, or None before any."""
    component = components.declare_component("network", path=str(_folder()))
    return component(nodes=drawn["nodes"], edges=drawn["edges"], options=drawn["options"], version=drawn["version"],
                     height=height, selected_node=selected_node, key=key, default=None)
