"""What the store says about its articles: the list with counts, one article's text with the facts and
quotations read in it, and how to name an article to a reader (title, date, outlet, url; never its id).

Every query is in the Cypher both stores accept (tests/test_viewer.py runs each on both).

>>> cite({"id": "article:1", "title": "Le Pen loses", "published": dt.date(2015, 12, 14), "outlet": "BuzzFeed"})
'Le Pen loses (BuzzFeed, 2015-12-14)'
>>> cite({"id": "article:2", "title": None, "name": "notes.txt", "published": None})
'notes.txt (undated)'
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .store import Store
from .views import actor_fact_types

ARTICLES = ("MATCH (a:Article) RETURN a.id AS id, a.name AS name, a.title AS title, a.published AS published, "
            "a.outlet AS outlet, a.url AS url, a.path AS path ORDER BY a.published DESC, a.id")
ARTICLE = ("MATCH (a:Article {id: $id}) RETURN a.id AS id, a.name AS name, a.title AS title, "
           "a.published AS published, a.outlet AS outlet, a.url AS url, a.path AS path, a.text AS text")
FACTS_PER_ARTICLE = ("MATCH (a)-[r]->(b) WHERE type(r) IN $types UNWIND r.articles AS article "
                     "RETURN article AS article, count(*) AS facts")
STATEMENTS_PER_ARTICLE = "MATCH (s:Statement) RETURN s.article AS article, count(s) AS statements"
ARTICLE_FACTS = ("MATCH (a)-[r]->(b) WHERE type(r) IN $types AND $id IN r.articles "
                 "RETURN a.name AS subject, type(r) AS relation, b.name AS object, r.spans AS spans, "
                 "r.evidence AS evidence, r.tier AS tier ORDER BY relation, subject, object")
ARTICLE_STATEMENTS = ("MATCH (s:Statement) WHERE s.article = $id OPTIONAL MATCH (p)-[:SAID]->(s) "
                      "RETURN s.text AS text, s.char_start AS first_char, s.char_end AS last_char, "
                      "p.name AS speaker ORDER BY first_char")


def article_index(store: Store) -> dict[str, dict[str, Any]]:
    """Article id -> its id, name, title, published, outlet, url and path, newest first."""
    return {row["id"]: row for row in store.query(ARTICLES, max_rows=1_000_000).records()}


def date_bounds(index: dict[str, dict[str, Any]]) -> tuple[dt.date, dt.date] | None:
    """The first and last date any article of an ``article_index`` is dated, or None (what
    ``views.date_range`` gives from the whole graph).

    >>> date_bounds({"a": {"published": dt.date(2019, 5, 1)}, "b": {"published": None}})
    (datetime.date(2019, 5, 1), datetime.date(2019, 5, 1))
    """
    dates = [a["published"] for a in index.values() if a.get("published")]
    return (min(dates), max(dates)) if dates else None


def article_table(store: Store) -> list[dict[str, Any]]:
    """Every article with its metadata and how many facts and statements polgraph read in it."""
    facts = {r["article"]: r["facts"] for r in store.query(FACTS_PER_ARTICLE, {"types": actor_fact_types(store.schema)},
                                                            max_rows=1_000_000).records()}
    said = {r["article"]: r["statements"] for r in store.query(STATEMENTS_PER_ARTICLE, max_rows=1_000_000).records()}
    return [{**article, "facts": int(facts.get(article_id, 0)), "statements": int(said.get(article_id, 0))}
            for article_id, article in article_index(store).items()]


def article(store: Store, article_id: str) -> dict[str, Any] | None:
    """One article with its text, or None."""
    rows = store.query(ARTICLE, {"id": article_id}).records()
    return rows[0] if rows else None


def article_facts(store: Store, article_id: str) -> list[dict[str, Any]]:
    """The facts an article states, each with its sentences' offsets in that article (``marks``)."""
    rows = store.query(ARTICLE_FACTS, {"id": article_id, "types": actor_fact_types(store.schema)},
                       max_rows=100_000).records()
    for row in rows:
        row["marks"] = [(int(start), int(end), sentence)
                        for span, sentence in zip(row["spans"] or [], row["evidence"] or [], strict=False)
                        for owner, start, end in [span.rsplit(":", 2)] if owner == article_id]
    return rows


def article_statements(store: Store, article_id: str) -> list[dict[str, Any]]:
    """The quotations read in an article, in order, with their speaker (None when unknown)."""
    return store.query(ARTICLE_STATEMENTS, {"id": article_id}, max_rows=100_000).records()


def cite(article: dict[str, Any]) -> str:
    """An article named for a reader: its title (or file name), then outlet and date."""
    title = article.get("title") or article.get("name") or article.get("path") or "untitled article"
    published = article.get("published")
    when = published.isoformat() if isinstance(published, dt.date) else "undated"
    return f"{title} ({', '.join(p for p in (article.get('outlet'), when) if p)})"
