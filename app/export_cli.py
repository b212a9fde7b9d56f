"""`polgraph export` and `polgraph analyze`: thin commands over graph/exports.py and graph/analysis.py."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import click

from ..graph import analysis, exports
from ..graph.store import Store, StoreError


def selection_options(command):
    for option in reversed([
        click.option("--ego", metavar="NODE_ID", help="The neighbourhood of one node, e.g. person:marine-le-pen."),
        click.option("--hops", type=click.IntRange(1, 3), default=1, show_default=True, help="Hops for --ego."),
        click.option("--type", "types", multiple=True, metavar="TYPE", help="Only these relationship types (--ego)."),
        click.option("--label", "labels", multiple=True, metavar="LABEL", help="Only these node labels (--ego)."),
        click.option("--query", "cypher", metavar="CYPHER", help="The nodes and relationships a read query returns."),
        click.option("--article", "articles", multiple=True, metavar="ID", help="The facts of these articles."),
        click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Facts reported on or after this date."),
        click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Facts reported on or before this date."),
        click.option("--include-rejected", is_flag=True, help="Also the facts a reviewer rejected (hidden otherwise)."),
        click.option("--reviewed-only", is_flag=True, help="Only facts a reviewer verified, edited or added."),
    ]):
        command = option(command)
    return command


def select(store: Store, ego, hops, types, labels, cypher, articles, since, until, include_rejected,
           reviewed_only) -> tuple[exports.Subgraph, str]:
    review = {"include_rejected": include_rejected, "reviewed_only": reviewed_only}
    if ego:
        return exports.select_ego(store, ego, hops, types or None, labels or None, **review), f"ego {ego} hops={hops}"
    if cypher:
        return exports.select_query(store, cypher), f"query: {cypher}"
    if articles:
        return exports.select_articles(store, articles, **review), f"articles {', '.join(articles)}"
    if since or until:
        window = (since.date() if since else None, until.date() if until else None)
        return exports.select_window(store, *window, **review), f"reported {window[0] or '...'} to {window[1] or '...'}"
    return exports.select_all(store, **review), "whole graph" + _reviewed_note(review)


def _reviewed_note(review: dict[str, bool]) -> str:
    return ", reviewed facts only" if review["reviewed_only"] else ", rejected facts included" \
        if review["include_rejected"] else ""


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(exports.FORMATS), required=True,
              help="graphml/gexf (Gephi, Cytoscape), json (node-link: networkx, D3), csv (nodes.csv + edges.csv "
                   "for Gephi's spreadsheet import), jsonl (large exports), cypher (a script that recreates it).")
@click.option("--output", "-o", type=click.Path(path_type=Path), required=True,
              help="The file to write (a folder for csv).")
@selection_options
@click.pass_obj
def export_command(ctx, fmt: str, output: Path, **selection) -> None:
    """Export the whole graph or a part of it, with every edge's provenance and the export's metadata."""
    whole = not any(selection[k] for k in ("ego", "cypher", "articles", "since", "until"))
    with ctx.open(read_only=True, create=False) as store:
        if whole:  # streamed from the store page by page: one copy of the graph at most, none for jsonl/cypher
            review = {k: selection[k] for k in ("include_rejected", "reviewed_only")}
            described = "whole graph" + _reviewed_note(review)
            meta = exports.metadata(store, described, exports.Subgraph())
            items = exports.stream_whole_graph(store, progress=sys.stderr.isatty(), **review)
            if fmt in ("jsonl", "cypher"):
                counts = exports.write_stream(items, fmt, output, meta)
                click.echo(f"wrote {counts['nodes']} nodes and {counts['edges']} edges ({described}) to {output}")
                return
            graph = exports.networkx_from_stream(items, meta)
        else:
            sub, described = select(store, **selection)
            graph = exports.to_networkx(sub, exports.metadata(store, described, sub))
    exports.WRITERS[fmt](graph, output)
    click.echo(f"wrote {graph.number_of_nodes()} nodes and {graph.number_of_edges()} edges ({described}) to {output}")


@click.command("analyze")
@click.argument("what", type=click.Choice(["centrality", "communities", "path", "cooccurrence"]))
@click.argument("ends", nargs=-1, metavar="[FROM_ID TO_ID]")
@click.option("--top", type=int, default=20, show_default=True, help="Rows to show.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@selection_options
@click.pass_obj
def analyze_command(ctx, what: str, ends: tuple[str, ...], top: int, fmt: str, **selection) -> None:
    """Network analysis of the graph (or a selection): centrality, communities, a path, co-occurrence.

    \b
    polgraph analyze centrality --top 10
    polgraph analyze path person:manuel-valls person:marine-le-pen
    polgraph analyze cooccurrence --format csv > pairs.csv
    """
    with ctx.open(read_only=True, create=False) as store:
        sub, _ = select(store, **selection)
    graph = exports.to_networkx(sub)
    if what == "centrality":
        rows = analysis.centrality(graph, top)
    elif what == "communities":
        rows = [{**c, "members": "; ".join(c["members"])} for c in analysis.communities(graph)][:top]
    elif what == "path":
        if len(ends) != 2:
            raise click.UsageError("path needs two node ids: FROM_ID TO_ID")
        try:
            rows = analysis.shortest_path(graph, *ends)
        except ValueError as err:
            raise StoreError(str(err)) from None
    else:
        pairs = analysis.cooccurrence(graph)
        rows = sorted(({"a": pairs.nodes[a].get("name", a), "b": pairs.nodes[b].get("name", b), "weight": d["weight"]}
                       for a, b, d in pairs.edges(data=True)), key=lambda r: (-r["weight"], r["a"], r["b"]))[:top]
    _print_rows(rows, fmt)


def _print_rows(rows: list[dict], fmt: str) -> None:
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1, default=str))
        return
    if not rows:
        click.echo("(nothing)")
        return
    columns = list(rows[0])
    if fmt == "csv":
        writer = csv.DictWriter(sys.stdout, columns)
        writer.writeheader()
        writer.writerows(rows)
        return
    widths = {c: min(60, max(len(c), *(len(str(r[c])) for r in rows))) for c in columns}
    click.echo("  ".join(c.ljust(widths[c]) for c in columns))
    click.echo("  ".join("-" * widths[c] for c in columns))
    for row in rows:
        click.echo("  ".join(str(row[c])[: widths[c]].ljust(widths[c]) for c in columns))


