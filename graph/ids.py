"""Stable node ids: ``label:slug``, the same for the same actor in every article.

>>> node_id("Person", "François Hollande")
'person:francois-hollande'
>>> article_id("some text")[:8]
'article:'
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=1 << 16)  # names repeat across a corpus, and extraction folds each many times
def fold(text: str) -> str:
    """Lower-case, accent-free form used to compare names: 'Juppé' -> 'juppe'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def slugify(text: str) -> str:
    """'Provence-Alpes-Côte d'Azur' -> 'provence-alpes-cote-d-azur'."""
    return _NON_ALNUM.sub("-", fold(text)).strip("-") or "unnamed"


def node_id(label: str, name: str) -> str:
    return f"{label.lower()}:{slugify(name)}"


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def article_id(text: str) -> str:
    """An article's id comes from its text, so the same text always gets the same node."""
    return "article:" + text_sha256(text)[:16]
