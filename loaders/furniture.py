"""Page furniture: what a news page prints around the story, found so the other components read it right.

* by-lines ("By Peter Allen", "By\\nPeter Allen", "By PETER ALLEN, Political Correspondent",
  "By Jane Roe and John Doe"): the names become the article's authors (AUTHORED);
* photo credits ("Image: Andrew Gray.", "Photo: Jane Roe/AFP", "(Picture by John Doe)"): the
  credited name is an actor; the word "Image:" is not;
* a wire story's credit line ("Reporting by Jane Roe; Editing by John Doe"): its reporters and
  writers contributed to the article (CONTRIBUTED_TO), its editors are only named;
* PUBLISHED / UPDATED stamps, datelines ("Friday, January 4, 2019"), "@highlight" markers,
  navigation and share lines ("Skip to footer", "Share this article"): skipped.

The text is never changed: the component records ranges in ``ctx.furniture``.

>>> from polgraph.loaders.readers import read_text
>>> from polgraph.loaders.text import AnalysisText
>>> text = AnalysisText.of("Le Pen loses\\n\\nBy Peter Allen\\n\\nPUBLISHED: 12:01 GMT, 3 March 2014\\n\\nIt rained.")
>>> found = furniture_of(text.text)
>>> [text.text[s:e] for s, e in found.bylines], [text.text[s:e] for s, e in found.skipped]
(['Peter Allen'], ['By', 'PUBLISHED: 12:01 GMT, 3 March 2014'])
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .context import ArticleContext, Furniture
from .readers import BOILERPLATE_LINE

# A name in a by-line: capitalised words, but not the "In Paris" or "PUBLISHED" that may follow it.
_NAME = (r"[A-Z][\w'’.-]*(?:[ \t]+(?!(?:In|For|At|On|PUBLISHED|UPDATED|Published|Updated|Last)\b)"
         r"(?:de|van|von|da|le|la|du|[A-Z][\w'’.-]*)){0,3}")
_DESK = r"(?:Political|Chief|Senior|Deputy|Foreign|Home|Diplomatic|Europe|Washington|Paris|Our)\b"  # "..., Political Editor"
BYLINE = re.compile(
    rf"(?m)^[ \t]*(?P<by>By|BY|by)[ \t]+(?P<names>{_NAME}(?:[ \t]*(?:,|and|&)[ \t]+(?!{_DESK}){_NAME})*)(?P<rest>[^\n]*)$"
)
_ROLE_AFTER_NAME = re.compile(r"^\s*(?:,|-|–|\||for\s|in\s|published|updated)", re.IGNORECASE)
STAMP = re.compile(r"(?mi)^\s*(?:published|updated|last updated|posted|first published)\s*:?[^\n]{0,120}$")
DATELINE = re.compile(
    r"(?m)^\s*(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
    r"(?:(?:\d{1,2}\s+)?(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"(?:\s+\d{1,2})?,?\s+(?:19|20)\d\d)\s*$"
)
CREDIT = re.compile(
    r"(?P<label>\b(?:Image|Photo|Picture|Photograph|Credit|Source|File photo)s?\s*(?::|by\b))\s*"
    r"(?P<name>[^\n()/|.]{2,60}?(?:\.[A-Z][a-z]+)?)(?=\s*(?:\(|/|\||\.?\s*$|\.\s))",
    re.MULTILINE,
)
HIGHLIGHT = re.compile(r"(?m)^\s*@highlight\s*$")
# A wire story's credit line: "Reporting by Jane Roe and John Doe; Editing by Mark Heinrich". Its reporters and
# writers contributed to the article; its editors are named, and contributed nothing the graph records.
CREDIT_LINE = re.compile(
    rf"(?:^|(?<=; )|(?<=\n))(?P<role>(?:[Aa]dditional )?(?:[Rr]eporting|[Ww]riting)|[Ee]diting|[Cc]ompiled|"
    rf"[Ff]act-checking) by[ \t]+(?P<names>{_NAME}(?:,?[ \t]+(?:and[ \t]+|&[ \t]+)?{_NAME})*)"
)


def furniture_of(text: str, is_outlet: Callable[[str], bool] = lambda words: False) -> Furniture:
    """The furniture of an analysis text (see the module docstring). ``is_outlet`` tells the name of a news
    organisation, which a by-line may run into once its line breaks are gone ("By Jane Roe Associated Press")."""
    found = Furniture()
    for match in BYLINE.finditer(text[:2000]):
        rest = match["rest"]
        if rest.strip() and not _ROLE_AFTER_NAME.match(rest):
            continue  # "By the time ..." is a sentence, not a by-line
        found.skipped.append(match.span("by"))
        names = match["names"]
        offset = match.start("names")
        for part in re.finditer(_NAME, names):
            words = list(re.finditer(r"\S+", part.group(0)))
            cut = next((w.start() for w in words if is_outlet(part.group(0)[w.start():])), len(part.group(0)))
            if cut:  # "By Associated Press": an outlet, no author
                found.bylines.append((offset + part.start(), offset + part.start() + len(part.group(0)[:cut].rstrip())))
    for pattern in (STAMP, DATELINE, HIGHLIGHT):
        found.skipped.extend(_stripped_span(text, m) for m in pattern.finditer(text))
    for match in CREDIT.finditer(text):
        found.skipped.append(match.span("label"))
        found.credits.append(match.span("name"))
    for match in CREDIT_LINE.finditer(text):
        offset = match.start("names")
        names = [(offset + part.start(), offset + part.end()) for part in re.finditer(_NAME, match["names"])]
        reporters = match["role"].lower().endswith(("reporting", "writing"))
        (found.contributors if reporters else found.credits).extend(names)
    offset = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped and BOILERPLATE_LINE.match(stripped):
            start = offset + line.index(stripped)
            found.skipped.append((start, start + len(stripped)))
        offset += len(line)
    found.skipped.sort()
    return found


def _stripped_span(text: str, match: re.Match) -> tuple[int, int]:
    start, end = match.span()
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def find_furniture(ctx: ArticleContext) -> None:
    """Pipeline component: ``ctx.furniture``."""
    ctx.furniture = furniture_of(ctx.text, lambda words: ctx.gazetteer.lookup(words, label="Organization") is not None)
