"""The text extraction reads: the article with its whitespace tidied, mapped back to the text as stored.

Newspapers' text files wrap lines inside sentences ("as Najat \\nVallaud-Belkacem"), double their
spaces and use no-break spaces; the small spaCy model then cuts names and sentences at the
breaks. Extraction therefore reads a copy in which a paragraph break is a blank line, a line
break that ends a sentence or a list item stays a line break, and every other run of whitespace
is one space. Each character of the copy remembers where it came from, so every offset polgraph
reports points into the text exactly as it was read.

>>> text = AnalysisText.of("Mr \\nHollande won.\\n\\n\\nThe  end.")
>>> text.text
'Mr Hollande won.\\n\\nThe end.'
>>> text.to_source(0, 11)
(0, 12)
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from dataclasses import dataclass

_WHITESPACE = re.compile(r"\s+")
# A line ending like this ends its sentence or item, so the break after it is kept.
_LINE_END = re.compile(r"[.!?:;\"”’')\]]\s*$|^\s*$")
_LIST_ITEM = re.compile(r"\s*(?:\d{1,2}[.)]|[-*•█▪►]|@highlight)")


@dataclass(frozen=True)
class AnalysisText:
    text: str
    source_offsets: array  # source index of each character of ``text``, then the source length

    @classmethod
    def of(cls, source: str) -> AnalysisText:
        pieces: list[str] = []
        offsets = array("l")
        cursor = 0
        for match in _WHITESPACE.finditer(source):
            start, end = match.span()
            pieces.append(source[cursor:start])
            offsets.extend(range(cursor, start))
            replacement = _replacement(source, start, end)
            pieces.append(replacement)
            offsets.extend([start] * len(replacement))
            cursor = end
        pieces.append(source[cursor:])
        offsets.extend(range(cursor, len(source)))
        offsets.append(len(source))
        return cls("".join(pieces), offsets)

    def from_source(self, offset: int) -> int:
        """The offset in this text of the first character that comes from ``offset`` or after it."""
        return min(bisect_left(self.source_offsets, offset), max(len(self.text) - 1, 0))

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Offsets into the stored text for the span ``start:end`` of this text."""
        if end <= start:
            return self.source_offsets[start], self.source_offsets[start]
        return self.source_offsets[start], self.source_offsets[end - 1] + 1


def _replacement(source: str, start: int, end: int) -> str:
    run = source[start:end]
    if start == 0 or end == len(source):
        return run  # leading and trailing whitespace is kept as it is
    newlines = run.count("\n")
    if newlines >= 2:
        return "\n\n"
    if newlines == 1:
        line_start = source.rfind("\n", 0, start) + 1
        if _LINE_END.search(source[line_start:start]) or _LIST_ITEM.match(source, end):
            return "\n"
    return " "
