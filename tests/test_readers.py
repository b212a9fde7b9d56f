"""Readers: formats, encodings, metadata and clear one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from polgraph.loaders.readers import ReadError, read_path

ARTICLE = "Le Pen loses\n\nSunday, December 13, 2015\n\nMarine Le Pen lost in Nord-Pas-de-Calais-Picardie.\n"


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def test_plain_text_title_and_dateline(tmp_path: Path) -> None:
    (doc,) = read_path(write(tmp_path, "a.txt", ARTICLE + "\nShare this article\nSkip to footer\n"))
    assert doc.title == "Le Pen loses" and doc.published == "2015-12-13"
    assert doc.text.endswith("Picardie.") and doc.text.startswith("Le Pen loses")
    assert doc.id.startswith("article:") and len(doc.sha256) == 64


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252", "utf-8-sig"])
def test_legacy_encodings_are_decoded(tmp_path: Path, encoding: str) -> None:
    text = "Hénin-Beaumont: la présidente du Front National a perdu la région, écrit Le Monde. " * 3
    (doc,) = read_path(write(tmp_path, "a.txt", text.encode(encoding)))
    assert "Hénin-Beaumont" in doc.text and "présidente" in doc.text


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "empty.txt: no text"),
        ("blank.txt", b"  \n\t\n", "blank.txt: no text"),
        ("doc.txt", b"%PDF-1.7\n%binary", "this is a PDF"),
        ("img.txt", b"\x89PNG\r\n\x1a\n\x00\x00", "this is a PNG image"),
        ("bin.txt", b"abc\x00\x01\x02def", "binary data"),
        ("bad.json", b'{"text": "x", ', "bad.json: malformed JSON at line 1"),
        ("notext.json", b'{"title": "x"}', "no text"),
    ],
)
def test_bad_files_give_one_line_errors(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    with pytest.raises(ReadError) as caught:
        read_path(write(tmp_path, name, data))
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_json_lines_name_the_bad_line(tmp_path: Path) -> None:
    good = json.dumps({"text": "Marine Le Pen lost.", "title": "T", "url": "http://x", "date": "2015-12-14"})
    path = write(tmp_path, "feed.jsonl", f"{good}\n{good}\n{{broken\n")
    with pytest.raises(ReadError, match=r"feed.jsonl:3: malformed JSON"):
        read_path(path)
    (doc,) = read_path(write(tmp_path, "one.jsonl", good + "\n"))
    assert (doc.title, doc.url, doc.published) == ("T", "http://x", "2015-12-14")


def test_json_list_and_fields(tmp_path: Path) -> None:
    items = [
        {"body": "First text about Paris.", "headline": "One"},
        {"content": "Second text.", "name": "Two"},
    ]
    docs = read_path(write(tmp_path, "many.json", json.dumps(items)))
    assert [d.title for d in docs] == ["One", "Two"]


def test_html_keeps_the_main_text_only(tmp_path: Path) -> None:
    html = """<html><head><title>Site</title><meta property="og:title" content="Le Pen loses">
    <meta property="article:published_time" content="2015-12-14T08:00:00Z"></head><body>
    <nav>Home | Politics</nav><div class="share-buttons">Share on Twitter</div>
    <article><h1>Le Pen loses</h1><p>Marine Le Pen lost the region.</p>
    <figure><img src="x.jpg"><figcaption>Photo: AFP / Getty Images</figcaption></figure>
    <p>Her niece also lost.</p></article><footer>Skip to footer</footer></body></html>"""
    (doc,) = read_path(write(tmp_path, "page.html", html))
    assert doc.title == "Le Pen loses" and doc.published == "2015-12-14"
    assert "Marine Le Pen lost the region." in doc.text and "Her niece also lost." in doc.text
    for noise in ("Home", "Share on Twitter", "Getty", "Skip to footer"):
        assert noise not in doc.text
    with pytest.raises(ReadError, match="no main text"):
        read_path(write(tmp_path, "empty.html", "<html><head><title>x</title></head></html>"))


HTML_PAGES = Path(__file__).parent / "data" / "html"
ANNOTATIONS = json.loads((HTML_PAGES / "eval.json").read_text(encoding="utf-8"))["pages"]


def test_html_metadata_and_the_byline_on_top() -> None:
    (doc,) = read_path(HTML_PAGES / "in-state-polls-ads.html")
    assert doc.title == "State assembly polls: ruling alliance retains power"
    assert (doc.authors, doc.published, doc.outlet, doc.language) == (
        ["Arjun Menon", "Kavitha Rao"], "2024-06-04", "The Deccan Chronicle Weekly", "en")
    headline, byline, first = doc.text.split("\n\n")[:3]
    assert (headline, byline) == (doc.title, "By Arjun Menon and Kavitha Rao")
    assert first.startswith("The ruling alliance retained power")
    assert doc.to_dict()["authors"] == ["Arjun Menon", "Kavitha Rao"] and doc.to_dict()["language"] == "en"


@pytest.mark.parametrize(
    "name", ["us-senate-blog-comments.html", "nl-coalition-comments-in-article.html", "es-elecciones-andalucia.html",
             "short-article-long-sidebar.html", "fr-assemblee-retraites.html", "teaser-articles-first.html"],
)
def test_html_drops_comments_related_links_and_sidebars(name: str) -> None:
    (doc,) = read_path(HTML_PAGES / name)
    text, expected = " ".join(doc.text.split()), ANNOTATIONS[name]
    assert [chunk for chunk in expected["with"] if chunk not in text] == []
    assert [chunk for chunk in expected["without"] if chunk in text] == []
    assert doc.language == expected["metadata"]["language"] and doc.published == expected["metadata"]["published"]


def test_html_byline_already_in_the_text_is_not_repeated(tmp_path: Path) -> None:
    body = "".join(f"<p>Paragraph {i} about the vote in the Bundestag on the budget for next year.</p>" for i in range(4))
    html = (f"<html><head><meta name='author' content='Lena Hoffmann'></head><body><article><h1>Budget passes</h1>"
            f"<p>Lena Hoffmann reports from Berlin.</p>{body}</article></body></html>")
    (doc,) = read_path(write(tmp_path, "page.html", html))
    assert doc.authors == ["Lena Hoffmann"] and doc.text.count("Lena Hoffmann") == 1
    assert doc.text.startswith("Budget passes\n\nLena Hoffmann reports")


def test_markdown_title(tmp_path: Path) -> None:
    (doc,) = read_path(write(tmp_path, "a.md", "# Merkel wins\n\nAngela Merkel won the election.\n"))
    assert doc.title == "Merkel wins"


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="No such file"):
        read_path(tmp_path / "nope.txt")


def test_read_text_takes_a_headline_and_a_json_date(tmp_path: Path) -> None:
    from polgraph.loaders.readers import read_text

    doc = read_text(
        "Budget passes\n\nThe Bundestag passed the budget.", "x.json", published="2019-03-01T10:00Z"
    )
    assert doc.title == "Budget passes" and doc.published == "2019-03-01"


def test_jsonl_error_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, "c.jsonl", '{"text": "One article here."}\n{"text": \n')
    with pytest.raises(ReadError) as err:
        read_path(path)
    assert ":2:" in str(err.value) and "\n" not in str(err.value)
