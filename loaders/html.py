"""A news page's main text and metadata, read by trafilatura.

trafilatura keeps the article and drops navigation, comments, related links, advertising and
newsletter boxes; it also reads the title, the by-line, the publication date (with htmldate) and
the site name from the page's markup (meta tags, JSON-LD, by-line elements). The language is
identified on the main text with py3langid, as trafilatura itself does. The text polgraph
stores starts with the headline and the by-line, so the by-line that AUTHORED cites is part of
the text its offsets point into.

>>> page = read_page("<html><head><title>Le Pen loses</title><meta name='author' content='Jane Roe'></head>"
...                  "<body><nav>Home</nav><article><p>Marine Le Pen lost the region on Sunday, and her "
...                  "party came second in every region it had hoped to win.</p></article></body></html>")
>>> page.title, page.authors, page.language
('Le Pen loses', ['Jane Roe'], 'en')
>>> print(page.stored_text())
Le Pen loses
<BLANKLINE>
By Jane Roe
<BLANKLINE>
Marine Le Pen lost the region on Sunday, and her party came second in every region it had hoped to win.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from trafilatura import bare_extraction

from ..graph.ids import fold
from .metadata import BYLINE_REACH

# A by-line part that names a role or a desk rather than a person ("Political Editor").
_ROLE = re.compile(
    r"\b(editor|correspondent|reporter|writer|journalist|columnist|staff|desk|team|bureau|contributor|analyst"
    r"|redaktion|rédaction|redacción|redazione)s?\b",
    re.IGNORECASE,
)
# "and" in the languages of the gazetteer's countries; trafilatura splits on English and German "and" itself.
_AND = re.compile(r"\s+(?:et|y|e|en|i|og|och)\s+")
_BY = re.compile(r"^(?:par|por|di|door|af|av)\s+", re.IGNORECASE)


@dataclass
class Page:
    """What a page gives: its main text (paragraphs separated by blank lines) and metadata."""

    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date
    outlet: str | None = None  # the site name
    authors: list[str] = field(default_factory=list)
    language: str | None = None  # ISO 639-1, identified on the main text

    def byline(self) -> str | None:
        """'By A', 'By A and B', 'By A, B and C', or None without authors."""
        if not self.authors:
            return None
        names = self.authors[0] if len(self.authors) == 1 else ", ".join(self.authors[:-1]) + " and " + self.authors[-1]
        return f"By {names}"

    def stored_text(self) -> str:
        """The text polgraph stores: the headline, the by-line, the main text.

        The headline stays where the main text has it (under a kicker, say) and is added on top
        otherwise; the by-line goes under it unless the top of the text names the authors already.
        """
        paragraphs = self.text.split("\n\n")
        top = [fold(p) for p in paragraphs[:3]]
        if self.title and fold(self.title) in top:
            cut = top.index(fold(self.title)) + 1
            head, body = paragraphs[:cut], paragraphs[cut:]
        else:
            head, body = [self.title] if self.title else [], paragraphs
        byline = self.byline()
        if byline and not all(name in self.text[:BYLINE_REACH] for name in self.authors):
            head.append(byline)
        return "\n\n".join(head + body)


def read_page(html: str, favor_precision: bool = True) -> Page:
    """The main text and metadata of a page; the text is empty when the page has none.

    trafilatura favours precision here: a menu or a "Share" line left in the text makes false
    actors, and on a short page its balanced mode falls back to the whole page.
    """
    found = bare_extraction(html, with_metadata=True, include_comments=False, include_tables=True,
                            favor_precision=favor_precision)
    if found is None or not (found.text or "").strip():
        return Page(text="")
    text = "\n\n".join(line.strip() for line in found.text.splitlines() if line.strip())
    outlet = found.sitename or None
    return Page(
        text=text,
        title=found.title or None,
        url=found.url or None,
        published=found.date or None,
        outlet=outlet,
        authors=_authors(found.author, outlet),
        language=_language(text),
    )


def _authors(found: str | None, outlet: str | None) -> list[str]:
    """trafilatura's "A; B" by-line as names: roles, the outlet itself and repeats left out.

    >>> _authors("JANE ROE; Political Editor; The Herald; Jean Dupont et Marie Curie", "The Herald")
    ['Jane Roe', 'Jean Dupont', 'Marie Curie']
    """
    names: list[str] = []
    for part in (found or "").split(";"):
        for name in _AND.split(part):
            name = _BY.sub("", name.strip())
            if not name or _ROLE.search(name) or (outlet and fold(name) == fold(outlet)):
                continue
            if name.isupper():
                name = name.title()
            if name not in names:
                names.append(name)
    return names


def _language(text: str) -> str | None:
    import py3langid  # its model loads on first use, so only when a page is read

    code, _ = py3langid.classify(text)
    return code or None
