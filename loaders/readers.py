"""Readers: files to ``Document`` objects, one reader per format.

Plain text and Markdown keep their text as read (after decoding), so extraction offsets point into
the original; only a tail of page boilerplate ("Skip to footer", "Share this article") is cut
off the end, which moves no offset. HTML keeps its main text (read by trafilatura, see html.py),
headed by the page's headline and by-line. JSON, JSON Lines and CSV take
the text from a ``text``, ``body`` or ``content`` field, with title, url, date and outlet fields.

>>> doc = read_text("Le Pen wins\\n\\nParis, Sunday. Marine Le Pen won.", "a.txt")
>>> doc.title, doc.chars
('Le Pen wins', 46)
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from charset_normalizer import from_bytes

from ..graph.ids import article_id, text_sha256
from .model import Document

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024  # one article; larger files are refused, not read into memory
TEXT_FIELDS = ("text", "body", "content", "article", "maintext")
TITLE_FIELDS = ("title", "headline", "name")
URL_FIELDS = ("url", "link", "href")
DATE_FIELDS = ("date", "published", "published_at", "publication_date", "pubDate", "datePublished")
OUTLET_FIELDS = ("outlet", "source", "publisher", "site_name")
_BINARY_SIGNATURES = {
    b"%PDF": "a PDF",
    b"\x89PNG": "a PNG image",
    b"GIF8": "a GIF image",
    b"\xff\xd8\xff": "a JPEG image",
    b"PK\x03\x04": "a zip archive (docx, xlsx, ...)",
    b"\x1f\x8b": "a gzip archive",
}
BOILERPLATE_LINE = re.compile(
    r"^\s*(skip to (footer|content|main content)|share (this|on)\b.*|advertisement|related (articles|stories)"
    r"|sign up for .*newsletter.*|follow us on .*|read more|image:? .*(getty|reuters|afp|ap photo).*"
    r"|(photo|image) credit.*|copyright .*|all rights reserved\.?|comments?)\s*$",
    re.IGNORECASE,
)
_MONTHS = ("january february march april may june july august september october november december").split()
_MONTH_NAMES = "|".join(m.capitalize() for m in _MONTHS)
_DATELINE = re.compile(
    rf"\b(?:(?P<d1>\d{{1,2}}) (?P<m1>{_MONTH_NAMES}),? (?P<y1>(?:19|20)\d\d)"
    rf"|(?P<m2>{_MONTH_NAMES}) (?P<d2>\d{{1,2}}),? (?P<y2>(?:19|20)\d\d))\b"
)


class ReadError(ValueError):
    """A file polgraph cannot read, with a one-line reason naming it."""


def read_path(path: str | Path) -> list[Document]:
    """Every document in a file (a JSON list or a JSON Lines file may hold several)."""
    path = Path(path)
    reader = _READERS.get(path.suffix.lower(), _read_plain)
    try:
        size = path.stat().st_size
    except OSError as err:
        raise ReadError(f"{path}: {err.strerror or err}") from None
    if path.is_dir():
        raise ReadError(f"{path} is a directory")
    if path.suffix.lower() != ".jsonl" and size > MAX_DOCUMENT_BYTES:
        raise ReadError(
            f"{path}: {size / 1e6:.0f} MB is too large for one article "
            f"(limit {MAX_DOCUMENT_BYTES // 2**20} MiB; split it, or use JSON Lines)"
        )
    return reader(path)


def read_text(text: str, source: str, **metadata: Any) -> Document:
    """A document from text already in memory; ``metadata`` may give title, url, published, outlet, authors, language."""
    text = _strip_boilerplate_tail(text)
    if not text.strip():
        raise ReadError(f"{source}: no text (empty or whitespace only)")
    published = _iso_date(metadata.get("published")) or _dateline(text)
    return Document(
        id=article_id(text),
        title=metadata.get("title") or _headline(text),
        source=source,
        chars=len(text),
        text=text,
        url=metadata.get("url") or None,
        published=published,
        outlet=metadata.get("outlet") or None,
        sha256=text_sha256(text),
        authors=list(metadata.get("authors") or []),
        language=metadata.get("language") or None,
    )


def decode(data: bytes, source: str) -> str:
    """Bytes to text: UTF-8 (with or without BOM), else the encoding charset-normalizer finds."""
    for signature, kind in _BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise ReadError(f"{source}: this is {kind}, not text")
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReadError(f"{source}: binary data, not text")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise ReadError(f"{source}: cannot tell the text encoding (not UTF-8, not a known legacy encoding)")
    # Several single-byte code pages fit Western text equally well; news in Latin script is
    # far more often Windows-1252 (a superset of Latin-1) than Baltic or Central European.
    western = from_bytes(data, cp_isolation=["cp1252"]).best()
    if western is not None and western.chaos <= best.chaos:
        return str(western)
    return str(best)


def _read_bytes(path: Path) -> str:
    try:
        return decode(path.read_bytes(), str(path))
    except OSError as err:
        raise ReadError(f"{path}: {err.strerror or err}") from None


def _read_plain(path: Path) -> list[Document]:
    text = _read_bytes(path)
    return [read_text(text, str(path), title=_headline(text))]


def _read_markdown(path: Path) -> list[Document]:
    text = _read_bytes(path)
    heading = re.search(r"^#\s+(.+)$", text, re.MULTILINE)
    return [read_text(text, str(path), title=heading.group(1).strip() if heading else _headline(text))]


def _read_html(path: Path) -> list[Document]:
    from .html import read_page  # trafilatura loads only when there is a page

    page = read_page(_read_bytes(path))
    if not page.text.strip():
        raise ReadError(f"{path}: the HTML page has no main text (nothing trafilatura takes for an article)")
    return [
        read_text(page.stored_text(), str(path), title=page.title, url=page.url, published=page.published,
                  outlet=page.outlet, authors=page.authors, language=page.language)
    ]


def _read_json(path: Path) -> list[Document]:
    try:
        data = json.loads(_read_bytes(path))
    except json.JSONDecodeError as err:
        raise ReadError(
            f"{path}: malformed JSON at line {err.lineno}, column {err.colno}: {err.msg}"
        ) from None
    items = data if isinstance(data, list) else [data]
    return [
        _document_from_object(item, f"{path}" + (f"[{i}]" if isinstance(data, list) else ""))
        for i, item in enumerate(items)
    ]


def _read_jsonl(path: Path) -> list[Document]:
    return list(iter_jsonl(path))


def iter_jsonl(path: Path) -> Iterator[Document]:
    """Documents of a JSON Lines file, one line at a time (the file is never read whole)."""
    try:
        handle = path.open("rb")
    except OSError as err:
        raise ReadError(f"{path}: {err.strerror or err}") from None
    with handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            if len(raw) > MAX_DOCUMENT_BYTES:
                raise ReadError(f"{path}:{number}: line too large for one article")
            line = decode(raw, f"{path}:{number}")
            try:
                item = json.loads(line)
            except json.JSONDecodeError as err:
                raise ReadError(f"{path}:{number}: malformed JSON ({err.msg}, column {err.colno})") from None
            yield _document_from_object(item, f"{path}:{number}")


def _read_csv(path: Path) -> list[Document]:
    """One article per row: a text column (text, body or content) and optional title, url, date columns."""
    reader = csv.DictReader(io.StringIO(_read_bytes(path), newline=""))
    columns = set(reader.fieldnames or [])
    if not columns & set(TEXT_FIELDS):
        raise ReadError(
            f"{path}: no text column (give one of {', '.join(TEXT_FIELDS)}; "
            f"found {', '.join(sorted(columns)) or 'none'})"
        )
    documents = []
    for number, row in enumerate(reader, start=2):
        if None in row:
            raise ReadError(f"{path}:{number}: more fields than the header has columns")
        documents.append(_document_from_object(row, f"{path}:{number}"))
    return documents


def _document_from_object(item: Any, source: str) -> Document:
    if not isinstance(item, dict):
        raise ReadError(f"{source}: expected a JSON object with a text field, got {type(item).__name__}")
    text = _first_field(item, TEXT_FIELDS)
    if not isinstance(text, str) or not text.strip():
        raise ReadError(f"{source}: no text (give one of the fields {', '.join(TEXT_FIELDS)})")
    return read_text(
        text,
        source,
        title=_first_field(item, TITLE_FIELDS),
        url=_first_field(item, URL_FIELDS),
        published=_first_field(item, DATE_FIELDS),
        outlet=_first_field(item, OUTLET_FIELDS),
    )


def _first_field(item: dict[str, Any], names: tuple[str, ...]) -> Any:
    for name in names:
        value = item.get(name)
        if value not in (None, ""):
            return value if not isinstance(value, dict) else value.get("name")
    return None


def _headline(text: str) -> str | None:
    """The first line, when it stands alone above the text like a headline."""
    first, _, rest = text.lstrip().partition("\n")
    first = first.strip()
    if first and len(first) <= 200 and rest.startswith("\n") and not first.endswith((".", ":", ",")):
        return first
    return None


def _strip_boilerplate_tail(text: str) -> str:
    lines = text.rstrip().split("\n")
    while lines and (not lines[-1].strip() or BOILERPLATE_LINE.match(lines[-1])):
        lines.pop()
    return "\n".join(lines)


def _iso_date(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()[:10]
    text = str(value).strip()
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)
    if match:
        try:
            return dt.date(*map(int, match.groups())).isoformat()
        except ValueError:
            return None
    return _dateline(text)


def _dateline(text: str) -> str | None:
    """A date written out near the start of the text ("Friday, January 4, 2019", "13 December 2015")."""
    match = _DATELINE.search(text[:400])
    if not match:
        return None
    day = match.group("d1") or match.group("d2")
    month = match.group("m1") or match.group("m2")
    year = match.group("y1") or match.group("y2")
    try:
        return dt.date(int(year), _MONTHS.index(month.lower()) + 1, int(day)).isoformat()
    except ValueError:
        return None


_READERS: dict[str, Callable[[Path], list[Document]]] = {
    ".txt": _read_plain,
    ".text": _read_plain,
    ".md": _read_markdown,
    ".markdown": _read_markdown,
    ".html": _read_html,
    ".htm": _read_html,
    ".json": _read_json,
    ".jsonl": _read_jsonl,
    ".csv": _read_csv,
}
