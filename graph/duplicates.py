"""Likely duplicate nodes: the same actor under two ids.

>>> likely_pair("Pelosi", "Nancy Pelosi")
'surname of the other'
>>> likely_pair("Oberwald", "Karla Oberwaldt")
"like the other's surname (0.94)"
>>> likely_pair("Nicholas Sarkozy", "Nicolas Sarkozy")
'similar spelling (0.97)'
"""

from __future__ import annotations

from difflib import SequenceMatcher
from itertools import combinations

from polgraph.graph.ids import fold
from polgraph.graph.store import Store

LABELS = ("Person", "Party", "Organization", "Place", "Region")
SIMILAR = 0.85


def likely_pair(a: str, b: str) -> str | None:
    """Why two names may name one actor, or None."""
    fa, fb = fold(a).split(), fold(b).split()
    if not fa or not fb or fa == fb:
        return None
    short, long_ = sorted((fa, fb), key=len)
    if len(short) < len(long_) and long_[-len(short):] == short:
        return "surname of the other"
    if len(short) == 1 < len(long_):
        ratio = SequenceMatcher(None, short[0], long_[-1]).ratio()
        if ratio >= SIMILAR:
            return f"like the other's surname ({ratio:.2f})"
    ratio = SequenceMatcher(None, " ".join(fa), " ".join(fb)).ratio()
    if ratio >= SIMILAR:
        return f"similar spelling ({ratio:.2f})"
    return None


def find_duplicates(store: Store, labels: tuple[str, ...] = LABELS) -> list[dict[str, str]]:
    """Pairs of nodes of one label that may be one actor, with the reason."""
    pairs = []
    for label in labels:
        nodes = store._read(f"MATCH (n:{label}) RETURN n.id, n.name, n.wikidata ORDER BY n.id")
        for (id_a, name_a, qid_a), (id_b, name_b, qid_b) in combinations(nodes, 2):
            if qid_a and qid_a == qid_b:
                reason = f"same Wikidata id {qid_a}"
            elif qid_a and qid_b:
                continue  # two known, different actors
            else:
                reason = likely_pair(name_a or "", name_b or "")
            if reason:
                pairs.append({"label": label, "a": id_a, "a_name": name_a, "b": id_b, "b_name": name_b,
                              "reason": reason})
    return pairs
