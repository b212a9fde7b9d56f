"""The ``polgraph`` command line: one thin command per library function.

Every command works on the embedded store (``--db PATH``, default ./polgraph-data or
$POLGRAPH_DB) or on Neo4j (``--neo4j bolt://HOST:7687`` or $NEO4J_URI, with $NEO4J_USER and
$NEO4J_PASSWORD). Errors print one line and exit with status 1; ``--debug`` shows the traceback.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import shlex
import sys
from pathlib import Path
from typing import Any

import click

from .. import __version__
from ..graph.examples import ALL_FACTS, EXAMPLES
from ..graph.open import open_store
from ..graph.schema import SchemaError, load_schema
from ..graph.store import DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT, Store, StoreError
from ..graph.values import QueryResult, display, jsonable
from ..loaders.readers import ReadError
from .curate_cli import author_or_login, parse_name_value


class Context:
    def __init__(self, db: str | None, neo4j: str | None, debug: bool) -> None:
        self.db, self.neo4j, self.debug = db, neo4j, debug

    def open(self, *, read_only: bool = False, create: bool = True) -> Store:
        return open_store(self.db, self.neo4j, read_only=read_only, create=create)


pass_context = click.make_pass_decorator(Context)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--db", metavar="PATH", envvar="POLGRAPH_DB",
              help="Embedded store directory (default ./polgraph-data, or $POLGRAPH_DB).")
@click.option("--neo4j", metavar="URI", help="Use a Neo4j 5 server, e.g. bolt://localhost:7687 (or $NEO4J_URI); "
              "credentials from $NEO4J_USER and $NEO4J_PASSWORD.")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
@click.version_option(__version__, prog_name="polgraph")
@click.pass_context
def cli(ctx: click.Context, db: str | None, neo4j: str | None, debug: bool) -> None:
    """polgraph: news articles to a graph of political actors and events.

    Start with `polgraph demo`, which loads the bundled sample article into the embedded store
    and prints what it built.
    """
    if db and neo4j:
        raise click.UsageError("give --db or --neo4j, not both")
    ctx.obj = Context(db, neo4j, debug)


@cli.command()
@click.option("--reset", is_flag=True, help="Delete every node and relationship first (asks to confirm).")
@click.option("--degrees", is_flag=True, help="Count every actor's degree again: after writes made outside polgraph "
                                              "(Neo4j Browser, another program), which the stored degrees do not follow.")
@pass_context
def init(ctx: Context, reset: bool, degrees: bool) -> None:
    """Create the schema: tables (embedded) or constraints and indexes (Neo4j)."""
    with ctx.open() as store:
        if reset:
            click.confirm(f"Delete everything in {store.describe()}?", abort=True)
            store.clear()
        if degrees:
            store.refresh_degrees()
            click.echo(f"counted every actor's degree in {store.describe()}")
        click.echo(f"initialised {store.describe()}")


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--force", is_flag=True, help="Load articles again even if their text is already stored.")
@click.option("--processes", type=click.IntRange(1, 16), default=1, show_default=True,
              help="Extract with several processes (worth it for corpora of dozens of articles).")
@pass_context
def load(ctx: Context, paths: tuple[str, ...], force: bool, processes: int) -> None:
    """Read, extract and store articles: txt, md, html, json, jsonl, csv files, folders or glob patterns.

    Each article is written in one transaction: it is stored whole or not at all. Articles already
    stored (same text) are skipped, so re-running an interrupted load finishes it. An index.tsv
    beside text files (columns file, date, title, url) gives their metadata. A .graphml or .cypher
    file exported by `polgraph export` is imported as it is.
    """
    import glob

    from ..loaders.load import load_paths

    for path in paths:
        if not Path(path).exists() and not glob.has_magic(path):
            raise StoreError(f"no such file or directory: {path}")
    graphs = [p for p in paths if p.lower().endswith((".graphml", ".cypher"))]
    articles = [p for p in paths if p not in graphs]
    with ctx.open() as store:
        for path in graphs:  # polgraph's own exports come back as they were
            from ..graph import exports

            if path.lower().endswith(".graphml"):
                done = exports.import_graphml(store, path)
                click.echo(f"imported {path}: {done['nodes_created']} new nodes, "
                           f"{done['relationships_created']} new relationships")
            else:
                click.echo(f"imported {path}: {exports.run_cypher_script(store, path)} statements run")
        if not articles:
            return
        report = load_paths(store, articles, force=force, progress=sys.stderr.isatty(), processes=processes)
        _print_load_report(report, store)
    if report.failed:
        sys.exit(1)


@cli.command()
@pass_context
def demo(ctx: Context) -> None:
    """Load the bundled sample article (2015 French regional elections) and print what it built."""
    from ..loaders.load import SAMPLE_ARTICLE, load_paths

    with ctx.open() as store:
        click.echo(f"Loading the sample article {SAMPLE_ARTICLE.name} into {store.describe()} ...")
        report = load_paths(store, [SAMPLE_ARTICLE], progress=sys.stderr.isatty())
        _print_load_report(report, store)
        click.echo("")
        _print_stats(store)
        leaders = EXAMPLES[0]
        click.echo(f"\n{leaders.title}:\n  {leaders.cypher}")
        click.echo(_format_table(store.query(leaders.cypher, leaders.params)))
        facts = store.query(ALL_FACTS.cypher)
        click.echo(f"\nFacts ({len(facts.rows)}):")
        click.echo(_format_table(facts))
    # The hints name the store the demo used, so they work when pasted.
    where = f" --db {shlex.quote(ctx.db)}" if ctx.db else f" --neo4j {shlex.quote(ctx.neo4j)}" if ctx.neo4j else ""
    click.echo(f"\nNext: `polgraph{where} query \"MATCH (p:Person) RETURN p.name\"`, `polgraph{where} stats`, "
               "`polgraph --help`.")
    click.echo(f"Browse it in the viewer: `polgraph{where} app`" + ("" if where else " (or `make app`)")
               + ", then open http://127.0.0.1:8501.")


@cli.command()
@click.argument("cypher")
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE",
              help="A query parameter ($NAME); VALUE is read as JSON if it parses (numbers, lists), "
                   "else as text. Repeatable.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.option("--write", is_flag=True, help="Allow the query to change the graph (read-only otherwise).")
@click.option("--timeout", type=float, default=DEFAULT_TIMEOUT, show_default=True, help="Seconds before it stops.")
@click.option("--max-rows", type=int, default=DEFAULT_MAX_ROWS, show_default=True, help="Row cap.")
@pass_context
def query(ctx: Context, cypher: str, params: tuple[str, ...], fmt: str, write: bool, timeout: float,
          max_rows: int) -> None:
    """Run a Cypher query (read-only unless --write) and print the rows.

    \b
    Example:
      polgraph query "MATCH (p:Person)-[:LEADS]->(q:Party) RETURN p.name, q.name"
      polgraph query "MATCH (p:Person {name: \\$name})-[r]->(x) RETURN type(r), x.name" -p name="Marine Le Pen"
    """
    values = dict(parse_name_value(p, "--param") for p in params)
    with ctx.open(read_only=not write, create=False) as store:
        result = store.query(cypher, values, write=write, timeout=timeout, max_rows=max_rows)
        if write:  # the query may have added or removed relationships: the actors' degrees follow
            store.refresh_degrees()
    _print_rows(result, fmt)
    if result.truncated:
        click.echo(f"(stopped at {max_rows} rows; raise --max-rows to see more)", err=True)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@pass_context
def stats(ctx: Context, fmt: str) -> None:
    """Count nodes per label and relationships per type."""
    with ctx.open(read_only=True, create=False) as store:
        if fmt == "json":
            click.echo(json.dumps(store.stats(), indent=2))
        else:
            _print_stats(store)


@cli.command()
def schema() -> None:
    """Print the graph schema: labels, relationship types and their properties."""
    click.echo(load_schema().describe())


@cli.command("delete-article")
@click.argument("article")
@pass_context
def delete_article(ctx: Context, article: str) -> None:
    """Delete an article (by id, sha256 or path) and the facts only it supports."""
    with ctx.open(create=False) as store:
        article_id = _find_article(store, article)
        counts = store.delete_article(article_id)
    click.echo(f"deleted {article_id}: " + ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in counts.items()))


@cli.command()
@click.option("--duplicates", is_flag=True, help="List pairs of nodes that may be the same actor, with the reason "
              "and a score (1 = certain), best first; the first id of a pair is the one to keep.")
@click.option("--label", "labels", multiple=True, help="Only these labels (default: actors and places). Repeatable.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@pass_context
def entities(ctx: Context, duplicates: bool, labels: tuple[str, ...], fmt: str) -> None:
    """List actors, or likely duplicates to merge with `polgraph merge KEEP_ID DROP_ID`.

    \b
    Duplicates are found per label: people by surname ("Blair" and "Tony Blair", "Nicholas" and
    "Nicolas Sarkozy", a title left on a name), parties, organisations and places by their words
    and initials ("SNP" and "Scottish National Party"), never two full names sharing a surname
    nor "South East" and "South West".
    """
    from ..graph.duplicates import LABELS, find_duplicates

    with ctx.open(read_only=True, create=False) as store:
        if duplicates:
            pairs = find_duplicates(store, labels or LABELS)
            columns = ["label", "score", "reason", "a", "a_name", "b", "b_name"]
            _print_rows(QueryResult(columns=columns, rows=[[pair[c] for c in columns] for pair in pairs]), fmt)
            if fmt == "table":
                click.echo(f"{len(pairs)} likely duplicate pair(s); merge one with `polgraph merge KEEP_ID DROP_ID`",
                           err=True)
            return
        for label in labels or LABELS:
            result = store.query(f"MATCH (n:{label}) RETURN n.id AS id, n.name AS name ORDER BY name",
                                 max_rows=100_000)
            _print_rows(result, fmt)


@cli.command()
@click.argument("keep")
@click.argument("drop")
@click.option("--author", envvar="POLGRAPH_AUTHOR", metavar="NAME",
              help="Who decides (default $POLGRAPH_AUTHOR, else the login name).")
@click.option("--note", help="Why (kept with the decision).")
@pass_context
def merge(ctx: Context, keep: str, drop: str, author: str | None, note: str | None) -> None:
    """Merge node DROP into node KEEP: relationships and provenance move over, and later loads keep it.

    The merge is a logged decision (`polgraph curate log`); `polgraph curate split KEEP DROP` undoes it.
    """
    from ..graph import curation
    with ctx.open() as store:
        decision = curation.merge(store, keep, drop, author=author_or_login(author), note=note)
    click.echo(f"merged {drop} into {keep}: {len(decision.changed['moved'])} relationships moved")


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["json", "table"]), default="json", show_default=True)
def extract(paths: tuple[Path, ...], fmt: str) -> None:
    """Print what polgraph reads in articles, without a store (JSON Lines, one object per article)."""
    from ..loaders.load import extract_documents, iter_files
    from ..loaders.readers import read_path

    documents = [doc for path in iter_files(paths) for doc in read_path(path)]
    for extraction in extract_documents(documents):
        if fmt == "json":
            click.echo(extraction.to_json())
        else:
            click.echo(f"# {extraction.document.source}")
            for rel in extraction.relations:
                click.echo(f"{rel.subject} -[{rel.predicate}]-> {rel.object}  ({rel.tier}, {rel.confidence:.2f})")


@cli.command("eval")
@click.argument("extraction", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("gold", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def evaluate_command(extraction: Path, gold: tuple[Path, ...], fmt: str) -> None:
    """Score an extraction (JSON or JSON Lines from `polgraph extract`) against gold files or folders of them.

    Prints micro-averaged precision, recall and F1 for entities (and typed entities), explicit and all
    relations and each predicate, and how many gold quotations were found and given the right
    speaker: a row per outlet (the gold file name up to its first '-') and the total. Example:
    `polgraph extract --format json ../shared/eval/dev/*.txt > dev.jsonl; polgraph eval dev.jsonl ../shared/eval/dev`
    """
    from ..loaders.evaluate import format_table, gold_files, read_extractions, score_corpus

    golds = gold_files(gold)
    if not golds:
        raise StoreError(f"no *.gold.json files in {', '.join(map(str, gold))}")
    try:
        totals = score_corpus(read_extractions(extraction), golds)
    except (ValueError, KeyError) as err:
        raise StoreError(str(err).strip("'")) from None
    if fmt == "json":
        click.echo(json.dumps({key: score.to_dict() for key, score in totals.items()}, ensure_ascii=False))
    else:
        click.echo(format_table(totals))


def _register_commands() -> None:
    from .curate_cli import curate_command
    from .export_cli import analyze_command, export_command
    from .viewer.command import app_command

    cli.add_command(export_command)
    cli.add_command(analyze_command)
    cli.add_command(app_command)
    cli.add_command(curate_command)


_register_commands()


def _read_json(path: Path, first_line_only: bool = False) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    if first_line_only and path.suffix != ".json":
        text = text.strip().splitlines()[0] if text.strip() else ""
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise StoreError(f"{path}: not valid JSON (line {err.lineno}: {err.msg})") from None


def _find_article(store: Store, article: str) -> str:
    for article_row in store.articles():
        if article in (article_row["id"], article_row["sha256"], article_row["path"]):
            return article_row["id"]
    raise StoreError(f"no article {article!r} in {store.describe()} (see `polgraph query "
                     "\"MATCH (a:Article) RETURN a.id, a.title\"`)")


def _print_rows(result: QueryResult, fmt: str) -> None:
    """Rows as an aligned table, CSV or a JSON list of objects."""
    if fmt == "json":
        click.echo(json.dumps([jsonable(r) for r in result.records()], ensure_ascii=False, indent=2))
    elif fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(result.columns)
        writer.writerows([[_csv_cell(v) for v in row] for row in result.rows])
        click.echo(buffer.getvalue(), nl=False)
    else:
        click.echo(_format_table(result))


def _csv_cell(value: Any) -> str:
    plain = jsonable(value)
    return json.dumps(plain, ensure_ascii=False) if isinstance(plain, list | dict) else display(value)


def _format_table(result: QueryResult, width: int = 80) -> str:
    """Aligned columns; cells longer than ``width`` are cut (``--format json`` shows them whole)."""
    cells = [[_cut(display(v), width) for v in row] for row in result.rows]
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(result.columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(result.columns, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells]
    lines.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(lines)


def _cut(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _print_stats(store: Store) -> None:
    counts = store.stats()
    click.echo(f"{store.describe()}")
    for kind in ("nodes", "relationships"):
        present = {k: v for k, v in counts[kind].items() if v}
        total = sum(present.values())
        click.echo(f"  {kind}: {total}" + (" (" + ", ".join(f"{k} {v}" for k, v in present.items()) + ")"
                                           if present else ""))


def _print_load_report(report: Any, store: Store) -> None:
    nodes = sum(s.nodes_created for s in report.loaded)
    matched = sum(s.nodes_matched for s in report.loaded)
    rels = sum(s.relationships_created for s in report.loaded)
    updated = sum(s.relationships_updated for s in report.loaded)
    click.echo(f"loaded {len(report.loaded)} article(s) into {store.describe()}: {nodes} new nodes, "
               f"{rels} new relationships, {updated} relationships with added provenance, "
               f"{matched} nodes already known (merged)")
    if report.warnings:
        click.echo(f"{len(report.warnings)} warning(s) (listed on stderr)")
    if report.skipped:
        click.echo(f"skipped {len(report.skipped)} already loaded (use --force to load again)")
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    for source, reason in report.failed:
        click.echo(f"failed: {source}: {reason}", err=True)


def main(argv: list[str] | None = None) -> None:
    """Entry point: one-line errors with status 1, tracebacks only with --debug."""
    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args
    if debug:
        logging.basicConfig(level=logging.INFO, format="%(name)s: %(message)s")
    try:
        cli.main(args=args, prog_name="polgraph", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(1)
    except click.ClickException as err:
        err.show()
        sys.exit(2 if isinstance(err, click.UsageError) else 1)
    except click.exceptions.Exit as exit_:
        sys.exit(exit_.exit_code)
    except (StoreError, SchemaError, ReadError, OSError) as err:
        if debug:
            raise
        click.echo(f"polgraph: error: {_one_line(err)}", err=True)
        sys.exit(1)


def _one_line(err: BaseException) -> str:
    return " ".join(str(err).split()) or type(err).__name__
