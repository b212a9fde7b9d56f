"""Regular expressions over entity-templated sentences (``⟨Party:0⟩ leader ⟨Person:1⟩``, see context.py).

The helpers the surface rules of several components share: a slot of some labels, and a gap of
words that crosses no other entity, so a rule never reaches past an actor to another.

>>> bool(re.search(rf"{P('Party')} leader {P('Person')}", "⟨Party:0⟩ leader ⟨Person:1⟩"))
True
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .context import Templated

GAP = r"[^⟨⟩]{0,%d}?"


def P(*labels: str, name: str | None = None) -> str:
    """A slot of one of ``labels``, captured as ``name`` if given."""
    body = rf"⟨(?:{'|'.join(labels)}):\d+⟩"
    return rf"(?P<{name}>{body})" if name else body


def each(pattern: str, flags: int = re.IGNORECASE) -> Callable[[Templated], list[re.Match]]:
    """A function giving every match of ``pattern`` in a templated sentence."""
    compiled = re.compile(pattern, flags)
    return lambda templated: list(compiled.finditer(templated.text))
