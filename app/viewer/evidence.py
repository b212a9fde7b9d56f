"""Evidence shown to a reader: sentences with the article they come from (title, outlet, date, link),
and an article's text with facts, quotations or one chosen sentence highlighted.

Everything from the store is escaped before it reaches HTML.

>>> marked = highlighted_html("Le Pen leads the FN. She said: 'No.'", [(0, 20, "fact", "LEADS"), (30, 35, "quote", "")])
>>> marked.count("<mark"), "Le Pen leads the FN." in marked
(2, True)
"""

from __future__ import annotations

import html
from typing import Any

import streamlit as st

from ...graph.articles import article, cite
from . import data

MARK_STYLE = {"fact": "background:#fff3a3", "quote": "background:#cfe3ff",
              "chosen": "background:#ffb347;outline:2px solid #e07b00"}
MARK_MEANS = {"fact": "a sentence a fact was read in", "quote": "a quotation", "chosen": "the sentence you chose"}


def citation_html(article_id: str) -> str:
    """The article as a reader names it, linked to its url when it has one (http or https only)."""
    found = data.article_index().get(article_id)
    if found is None:
        return html.escape(f"an article no longer stored ({article_id})")
    text = html.escape(cite(found))
    url = found.get("url") or ""
    if url.startswith(("https://", "http://")):
        return f'<a href="{html.escape(url, quote=True)}" target="_blank" rel="noopener">{text}</a>'
    return text


def sentences(rows: list[dict[str, Any]], key: str) -> None:
    """Each sentence quoted with its article, and a button that shows it highlighted in the article's text."""
    for i, row in enumerate(rows):
        quote = html.escape(" ".join(row["sentence"].split()))
        st.markdown(f'<blockquote style="margin:0.2em 0">{quote}<br><small>— {citation_html(row["article"])}'
                    "</small></blockquote>", unsafe_allow_html=True)
        chosen = st.session_state.get("span") == row["span"]
        st.button("Hide the article" if chosen else "Show in the article", key=f"{key}_{i}", type="tertiary",
                  on_click=_choose_span, args=(None if chosen else row["span"],))
        if chosen:
            show_article(row["article"], [(row["start"], row["end"], "chosen", "")])


def _choose_span(span: str | None) -> None:
    st.session_state["span"] = span


def show_article(article_id: str, marks: list[tuple[int, int, str, str]], height: int = 360) -> None:
    """The article's text in a scrolling box with ``marks`` highlighted, scrolled to the chosen one."""
    found = article(data.store(), article_id)
    if found is None or not found.get("text"):
        st.info("The text of this article is not stored.")
        return
    st.html(highlighted_html(found["text"], marks, height), unsafe_allow_javascript=True)


def highlighted_html(text: str, marks: list[tuple[int, int, str, str]], height: int = 360) -> str:
    """The text as HTML, escaped, each mark ``(start, end, kind, title)`` highlighted by kind (overlaps
    split so that every stretch shows the strongest kind covering it: chosen, quote, fact)."""
    rank = {"fact": 1, "quote": 2, "chosen": 3}
    marks = [_trimmed(text, mark) for mark in marks]
    cuts = sorted({0, len(text), *(p for s, e, *_ in marks for p in (s, e) if 0 <= p <= len(text))})
    out = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        covering = [m for m in marks if m[0] <= start and end <= m[1]]
        piece = html.escape(text[start:end])
        if covering:
            kind = max(covering, key=lambda m: rank[m[2]])[2]
            title = html.escape("; ".join(dict.fromkeys(m[3] for m in covering if m[3])), quote=True)
            chosen = ' data-chosen="1"' if kind == "chosen" else ""
            piece = f'<mark style="{MARK_STYLE[kind]}" title="{title}"{chosen}>{piece}</mark>'
        out.append(piece)
    body = "".join(out).replace("\n", "<br>")
    # Scroll the box (not the page) to the chosen sentence.
    script = ("<script>document.querySelectorAll('.pg-article').forEach(function (box) {"
              "var m = box.querySelector('mark[data-chosen]'); if (m) { box.scrollTop = m.offsetTop - box.offsetTop - 60; }"
              "});</script>")
    return (f'<div class="pg-article" style="max-height:{height}px;overflow:auto;border:1px solid #ddd;padding:8px;'
            f'position:relative;line-height:1.5">{body}</div>{script}')


def _trimmed(text: str, mark: tuple[int, int, str, str]) -> tuple[int, int, str, str]:
    """The mark without the blank lines and spaces at its ends (headline sentences end in two newlines)."""
    start, end, *rest = mark
    while start < end and text[start:start + 1].isspace():
        start += 1
    while end > start and text[end - 1:end].isspace():
        end -= 1
    return (start, end, *rest)


def mark_legend(kinds: list[str]) -> str:
    return " ".join(f'<mark style="{MARK_STYLE[k]}">{html.escape(MARK_MEANS[k])}</mark>' for k in kinds)
