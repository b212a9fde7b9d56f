"""The main text of a news page, and its metadata, with BeautifulSoup.

Navigation, headers, footers, asides, scripts, forms, share buttons and figure credits are
dropped; the text of ``<article>`` (else ``<main>``, else ``<body>``) is kept, one paragraph per
block element.

>>> page = main_text("<html><head><title>T</title></head><body><nav>Home</nav>"
...                  "<article><p>Le Pen lost.</p><footer>Skip</footer></article></body></html>")
>>> page.title, page.text
('T', 'Le Pen lost.')
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bs4 import BeautifulSoup, Tag

_DROP_TAGS = [
    "head",
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "button",
    "svg",
    "figure",
    "figcaption",
    "iframe",
    "template",
    "select",
    "input",
]
_DROP_CLASSES = re.compile(
    r"share|social|newsletter|related|advert|promo|cookie|caption|credit|breadcrumb|byline-tools",
    re.IGNORECASE,
)
_BLOCKS = ["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td", "dd", "dt"]


@dataclass
class Page:
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    outlet: str | None = None


def main_text(html: str) -> Page:
    soup = BeautifulSoup(html, "lxml")
    page = Page(
        text="",
        title=_title(soup),
        url=_meta(soup, "og:url") or _canonical(soup),
        published=_meta(soup, "article:published_time") or _meta(soup, "date") or _time(soup),
        outlet=_meta(soup, "og:site_name"),
    )
    for tag in soup(_DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all(attrs={"class": _DROP_CLASSES}):
        if isinstance(tag, Tag) and tag.name not in ("body", "html", "article", "main"):
            tag.decompose()
    root = soup.find("article") or soup.find("main") or soup.body or soup
    blocks = [
        " ".join(block.get_text(" ").split()) for block in root.find_all(_BLOCKS) if not block.find(_BLOCKS)
    ]
    if not any(blocks):  # pages without paragraph markup
        blocks = [" ".join(line.split()) for line in root.get_text("\n").splitlines()]
    page.text = "\n\n".join(b for b in blocks if b)
    return page


def _title(soup: BeautifulSoup) -> str | None:
    title = _meta(soup, "og:title")
    if title:
        return title
    heading = soup.find("h1")
    if heading and heading.get_text(strip=True):
        return " ".join(heading.get_text(" ").split())
    if soup.title and soup.title.string:
        return soup.title.string.strip()
    return None


def _meta(soup: BeautifulSoup, name: str) -> str | None:
    tag = soup.find("meta", attrs={"property": name}) or soup.find("meta", attrs={"name": name})
    content = tag.get("content") if isinstance(tag, Tag) else None
    return content.strip() if isinstance(content, str) and content.strip() else None


def _canonical(soup: BeautifulSoup) -> str | None:
    link = soup.find("link", rel="canonical")
    href = link.get("href") if isinstance(link, Tag) else None
    return href if isinstance(href, str) else None


def _time(soup: BeautifulSoup) -> str | None:
    tag = soup.find("time", attrs={"datetime": True})
    value = tag.get("datetime") if isinstance(tag, Tag) else None
    return value if isinstance(value, str) else None
