"""`polgraph curate`: thin commands over graph/curation.py, one decision per command, one transaction each.

A fact is named by its source id, its predicate and its target id, as the viewer and
`polgraph curate queue` show them: `polgraph curate verify person:marine-le-pen LEADS party:front-national`.
A command that decides opens the store as `polgraph init` would, so a store made before curation gets
its Decision table and review column first.
"""

from __future__ import annotations

import getpass
import json
import sys
from pathlib import Path
from typing import Any

import click

from ..graph import curation
from ..graph.curation import Decision, FactKey
from ..graph.store import StoreError

_FACT_ARGUMENTS = [click.argument("source"), click.argument("rel_type", metavar="TYPE"), click.argument("target")]


def _fact_arguments(command):
    for argument in reversed(_FACT_ARGUMENTS):
        command = argument(command)
    return command


def _decision_options(command):
    command = click.option("--note", help="Why (kept with the decision).")(command)
    return click.option("--author", envvar="POLGRAPH_AUTHOR", metavar="NAME",
                        help="Who decides (default $POLGRAPH_AUTHOR, else the login name).")(command)


def author_or_login(author: str | None) -> str:
    """--author, else $POLGRAPH_AUTHOR (click reads it), else the login name."""
    if author:
        return author
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        raise StoreError("a decision needs an author: give --author NAME or set POLGRAPH_AUTHOR") from None


def parse_name_value(text: str, option: str) -> tuple[str, Any]:
    """NAME=VALUE, the value read as JSON if it parses (numbers, booleans, lists), else as text.

    >>> parse_name_value("current=false", "--set"), parse_name_value("role=mayor", "--set")
    (('current', False), ('role', 'mayor'))
    """
    name, sep, value = text.partition("=")
    if not sep or not name:
        raise click.BadParameter(f"expected NAME=VALUE, got {text!r}", param_hint=option)
    try:
        return name, json.loads(value)
    except json.JSONDecodeError:
        return name, value


def _properties(settings: tuple[str, ...]) -> dict[str, Any]:
    return dict(parse_name_value(text, "--set") for text in settings)


def _report(decision: Decision) -> None:
    click.echo(f"{decision.kind} by {decision.author}: {decision.fact or ', '.join(decision.actors)} "
               f"({decision.id})")


@click.group("curate")
def curate_command() -> None:
    """Review the graph: verify, reject, edit and add facts; rename, relabel, split and reject actors.

    \b
    Each decision is stored with its author, time, note and what it changed, and is applied again
    whenever an article is loaded again (--force, a newer polgraph), so a reviewed graph stays reviewed.
    polgraph curate queue                                              facts to review, least confident first
    polgraph curate reject party:socialist-party SUPPORTS party:the-republicans --note "a withdrawal"
    polgraph curate log --author ada; polgraph curate export -o decisions.jsonl
    """


@curate_command.command("verify")
@_fact_arguments
@_decision_options
@click.pass_obj
def verify_command(ctx, source: str, rel_type: str, target: str, author: str | None, note: str | None) -> None:
    """Mark the fact SOURCE -[TYPE]-> TARGET as checked."""
    with ctx.open() as store:
        _report(curation.verify(store, FactKey(rel_type, source, target), author=author_or_login(author), note=note))


@curate_command.command("reject")
@_fact_arguments
@_decision_options
@click.pass_obj
def reject_command(ctx, source: str, rel_type: str, target: str, author: str | None, note: str | None) -> None:
    """Mark a fact as wrong: kept, hidden from the viewer and exports, never brought back by a load."""
    with ctx.open() as store:
        _report(curation.reject(store, FactKey(rel_type, source, target), author=author_or_login(author), note=note))


@curate_command.command("edit")
@_fact_arguments
@click.option("--type", "new_type", metavar="TYPE", help="The right predicate.")
@click.option("--source", "new_source", metavar="ID", help="The right source actor.")
@click.option("--target", "new_target", metavar="ID", help="The right target actor.")
@click.option("--set", "settings", multiple=True, metavar="NAME=VALUE",
              help="A property, e.g. role=mayor or current=false (JSON values). Repeatable.")
@_decision_options
@click.pass_obj
def edit_command(ctx, source: str, rel_type: str, target: str, new_type: str | None, new_source: str | None,
                 new_target: str | None, settings: tuple[str, ...], author: str | None, note: str | None) -> None:
    """Correct a fact's predicate, ends or properties; its evidence stays with it."""
    with ctx.open() as store:
        _report(curation.edit(store, FactKey(rel_type, source, target), author=author_or_login(author), note=note,
                              rel_type=new_type, source=new_source, target=new_target,
                              properties=_properties(settings)))


@curate_command.command("add")
@_fact_arguments
@click.option("--article", required=True, metavar="ID", help="The article that states it.")
@click.option("--span", required=True, metavar="START:END", help="Character offsets of the evidence in its text.")
@click.option("--set", "settings", multiple=True, metavar="NAME=VALUE", help="A property, e.g. role=mayor.")
@_decision_options
@click.pass_obj
def add_command(ctx, source: str, rel_type: str, target: str, article: str, span: str, settings: tuple[str, ...],
                author: str | None, note: str | None) -> None:
    """Add a fact by hand, with its evidence (an article and a span of its text)."""
    start, sep, end = span.partition(":")
    if not sep or not start.isdigit() or not end.isdigit():
        raise StoreError(f"--span: expected START:END character offsets of the article's text, got {span!r}")
    with ctx.open() as store:
        _report(curation.add(store, FactKey(rel_type, source, target), article=article, start=int(start),
                             end=int(end), author=author_or_login(author), note=note, properties=_properties(settings)))


@curate_command.command("rename")
@click.argument("actor")
@click.argument("name")
@_decision_options
@click.pass_obj
def rename_command(ctx, actor: str, name: str, author: str | None, note: str | None) -> None:
    """Give ACTOR the canonical name NAME (the old one stays as an alias)."""
    with ctx.open() as store:
        _report(curation.rename(store, actor, name, author=author_or_login(author), note=note))


@curate_command.command("relabel")
@click.argument("actor")
@click.argument("label")
@_decision_options
@click.pass_obj
def relabel_command(ctx, actor: str, label: str, author: str | None, note: str | None) -> None:
    """Make ACTOR a LABEL (e.g. an Organization read as a Person); facts the new label cannot have go."""
    with ctx.open() as store:
        decision = curation.relabel(store, actor, label, author=author_or_login(author), note=note)
    _report(decision)
    click.echo(f"now {decision.changed['id']}; {decision.changed['moved']} facts moved, "
               f"{len(decision.changed['dropped'])} dropped")


@curate_command.command("split")
@click.argument("keep")
@click.argument("drop")
@_decision_options
@click.pass_obj
def split_command(ctx, keep: str, drop: str, author: str | None, note: str | None) -> None:
    """Undo `polgraph merge KEEP DROP`: DROP comes back with the facts the merge moved."""
    with ctx.open() as store:
        decision = curation.split(store, keep, drop, author=author_or_login(author), note=note)
    _report(decision)
    click.echo(f"{decision.changed['facts_moved_back']} facts moved back to {drop}")


@curate_command.command("reject-actor")
@click.argument("actor")
@_decision_options
@click.pass_obj
def reject_actor_command(ctx, actor: str, author: str | None, note: str | None) -> None:
    """A false entity: ACTOR and its facts leave the graph, and loads leave them out."""
    with ctx.open() as store:
        decision = curation.reject_actor(store, actor, author=author_or_login(author), note=note)
    _report(decision)
    click.echo(f"{len(decision.changed['facts_removed'])} facts removed with it")


@curate_command.command("queue")
@click.option("--limit", type=int, default=20, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_obj
def queue_command(ctx, limit: int, fmt: str) -> None:
    """Facts between actors no one has reviewed yet, least confident first."""
    with ctx.open(read_only=True, create=False) as store:
        facts = curation.review_queue(store, limit)
    if fmt == "json":
        click.echo(json.dumps(facts, ensure_ascii=False, indent=1))
        return
    for fact in facts:
        click.echo(f"{fact['confidence']:.2f}  {fact['source']} {fact['type']} {fact['target']}  "
                   f"{' '.join((fact['evidence'] or [''])[0].split())[:80]}")


def _log_filters(command):
    for option in reversed([
        click.option("--author", "by", metavar="NAME", help="Only this author's decisions."),
        click.option("--actor", metavar="ID", help="Only decisions touching this actor."),
        click.option("--article", metavar="ID", help="Only decisions about this article's facts."),
        click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Made on or after this day (UTC)."),
        click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Made on or before this day (UTC)."),
    ]):
        command = option(command)
    return command


def _filters(by, actor, article, since, until) -> dict[str, Any]:
    return {"author": by, "actor": actor, "article": article, "since": since.date() if since else None,
            "until": until.date() if until else None}


@curate_command.command("log")
@_log_filters
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_obj
def log_command(ctx, by, actor, article, since, until, fmt: str) -> None:
    """The decisions made, oldest first."""
    with ctx.open(read_only=True, create=False) as store:
        made = curation.decisions(store, **_filters(by, actor, article, since, until))
    if fmt == "json":
        click.echo(json.dumps([d.to_json() for d in made], ensure_ascii=False, indent=1))
        return
    for decision in made:
        click.echo(decision.summary())
    click.echo(f"({len(made)} decision{'s' if len(made) != 1 else ''})", err=True)


@curate_command.command("export")
@_log_filters
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="File (default stdout).")
@click.pass_obj
def export_decisions_command(ctx, by, actor, article, since, until, output: Path | None) -> None:
    """Write the decisions as JSON Lines, for `polgraph curate import` on another store."""
    with ctx.open(read_only=True, create=False) as store:
        lines = list(curation.export_lines(store, **_filters(by, actor, article, since, until)))
    text = "".join(line + "\n" for line in lines)
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(f"wrote {len(lines)} decisions to {output}")


@curate_command.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_obj
def import_decisions_command(ctx, path: Path) -> None:
    """Apply a file of decisions (from `polgraph curate export`) to this store: all of them or none."""
    with ctx.open() as store:
        counts = curation.import_lines(store, path.read_text(encoding="utf-8").splitlines(), str(path))
    click.echo(f"applied {counts['applied']} decisions from {path} ({counts['skipped']} already here)")
