// Opens a polgraph export the way JavaScript tools do and prints what they read, as JSON on stdout:
//   gexf, graphml  the parsers Gephi Lite uses (graphology-gexf, graphology-graphml): the graph's
//                  type, attributes, nodes and edges as graphology holds them;
//   json           node-link JSON bound by d3-force (forceLink with node ids): the nodes and links
//                  after one tick, each link's source and target replaced by the node it names.
// Usage: node read_export.mjs gexf|graphml|json FILE. A reader's error goes to stderr, exit status 1.
import { readFileSync } from 'node:fs';

import { forceLink, forceSimulation } from 'd3-force';
import Graph from 'graphology';
import gexf from 'graphology-gexf';
import graphml from 'graphology-graphml';

function readGraphology(parse, text) {
  const graph = parse(Graph, text);
  const { attributes, nodes, edges } = graph.export();
  return { type: graph.type, multi: graph.multi, order: graph.order, size: graph.size, attributes, nodes, edges };
}

function readD3(text) {
  const data = JSON.parse(text);
  const simulation = forceSimulation(data.nodes).force('link', forceLink(data.edges).id((node) => node.id)).stop();
  simulation.tick();
  const links = data.edges.map(({ source, target, ...rest }) => ({ ...rest, source: source.id, target: target.id }));
  return { graph: data.graph, nodes: data.nodes, links };
}

const READERS = {
  gexf: (text) => readGraphology(gexf.parse, text),
  graphml: (text) => readGraphology(graphml.parse, text),
  json: readD3,
};
const [format, file] = process.argv.slice(2);
if (!READERS[format] || !file) {
  console.error('usage: node read_export.mjs gexf|graphml|json FILE');
  process.exit(2);
}
try {
  process.stdout.write(JSON.stringify(READERS[format](readFileSync(file, 'utf-8'))));
} catch (error) {
  console.error(`${file}: ${error.message}`);
  process.exit(1);
}
