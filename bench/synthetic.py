"""Seeded synthetic political graphs with the shape polgraph's extraction gives, for the benchmarks.

One ``GraphBatch`` per article, about 30 facts each, like a real news article: a few hub actors
(party leaders, named again and again), many minor actors on a long tail, elections with their
rounds and regions, two or three statements with their speaker, what they mention and where they
were said, and provenance (article, span, evidence sentence, tier, confidence, dates) on every
edge. Actors come back across articles, so facts repeat and their provenance merges, as in a corpus.

>>> batches = list(synthetic_batches(200))
>>> sum(len(b.relationships) for b in batches) >= 200
True
>>> [b.article_id for b in synthetic_batches(200)] == [b.article_id for b in batches]   # seeded
True
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator

from polgraph.graph.records import GraphBatch, NodeRecord, RelationshipRecord

WORDS = ("the council vote regional party leader said campaign second round coalition minister "
         "government election results turnout list candidate withdrew support against majority").split()


class World:
    """The actors an article can name, sized from the number of edges wanted."""

    def __init__(self, edges: int, rng: random.Random) -> None:
        self.rng = rng
        self.parties = [f"party:p{i:04d}" for i in range(max(8, edges // 4000))]
        self.leaders = [f"person:leader{i:04d}" for i in range(len(self.parties))]
        self.minor = max(50, edges // 12)  # minor actors, person:m0000000 ...
        self.regions = [f"region:r{i:03d}" for i in range(max(6, edges // 20000))]
        self.elections = [f"election:e{i:04d}" for i in range(max(3, edges // 10000))]
        self.outlets = [f"organization:outlet{i:02d}" for i in range(20)]

    def skewed(self, count: int) -> int:
        """An index in [0, count), low indexes far more often (a long tail)."""
        return min(int(count * self.rng.random() ** 3), count - 1)

    def party_of(self, person: str) -> str:
        # Stable, so a person's membership is the same fact in every article; big parties get most members.
        return self.parties[min(int(len(self.parties) * (hash_fraction(person) ** 2)), len(self.parties) - 1)]


def hash_fraction(text: str) -> float:
    """A stable number in [0, 1) for a string (Python's hash() changes between runs)."""
    value = 0
    for char in text:
        value = (value * 131 + ord(char)) % 1_000_003
    return value / 1_000_003


def synthetic_batches(edges: int, seed: int = 42, first_article: int = 0) -> Iterator[GraphBatch]:
    """Articles until the graph holds ``edges`` distinct relationships (facts repeated across articles count once).

    Articles (and their statements) are numbered from ``first_article``: further articles written
    into a loaded graph need numbers of their own, or they would re-write the stored ones.
    """
    rng = random.Random(seed)
    world = World(edges, rng)
    seen: set[int] = set()  # hashes of relationship keys: a tenth of the memory of the keys themselves
    number = first_article
    while len(seen) < edges:
        batch = _article(world, number)
        seen.update(hash(r.key) for r in batch.relationships)
        number += 1
        yield batch


def _article(world: World, number: int) -> GraphBatch:
    rng = world.rng
    article = f"article:a{number:07d}"
    day = dt.date(2015, 1, 1) + dt.timedelta(days=number % 3000)
    text = " ".join(rng.choice(WORDS) for _ in range(250))
    batch = GraphBatch(article, [NodeRecord("Article", article, {
        "name": f"Article {number}", "title": f"Article {number}", "published": day, "text": text,
        "outlet": rng.choice(world.outlets), "chars": len(text), "sha256": f"{number:064x}"})])
    named: dict[str, str] = {article: "Article"}
    sentence = 0

    def node(label: str, node_id: str) -> str:
        if node_id not in named:
            named[node_id] = label
            batch.nodes.append(NodeRecord(label, node_id, {"name": node_id.split(":", 1)[1].title()}))
        return node_id

    def fact(rel_type: str, source: str, target: str, **extra: object) -> None:
        nonlocal sentence
        start = 80 * sentence
        sentence += 1
        batch.relationships.append(RelationshipRecord(rel_type, named[source], source, named[target], target, {
            "articles": [article], "spans": [f"{article}:{start}:{start + 70}"],
            "evidence": [text[start % 1400: start % 1400 + 70]], "extractor": "synthetic",
            "confidence": round(0.6 + 0.4 * rng.random(), 2), "tier": rng.choice(("explicit", "explicit", "inferred")),
            "first_reported": day, "last_reported": day, **extra}))

    election = node("Election", world.elections[world.skewed(len(world.elections))])
    region = node("Region", world.regions[world.skewed(len(world.regions))])
    rounds = [node("Round", f"round:{election.split(':')[1]}-{n}") for n in (1, 2)]
    for round_id in rounds:
        fact("PART_OF", round_id, election)
    leaders = {world.skewed(len(world.leaders)) for _ in range(rng.randint(1, 3))}
    people = [node("Person", world.leaders[i]) for i in sorted(leaders)]
    people += [node("Person", f"person:m{world.skewed(world.minor):07d}") for _ in range(rng.randint(4, 9))]
    for person in people:
        party = node("Party", world.parties[int(person[13:])] if "leader" in person else world.party_of(person))
        fact("LEADS" if "leader" in person else "MEMBER_OF", person, party)
        if rng.random() < 0.4:
            fact("CANDIDATE_IN", person, rng.choice([election, region]))
    parties = [p for p, label in named.items() if label == "Party"]
    winner = rng.choice(parties)
    fact("WON", winner, rng.choice(rounds), round=2)
    for loser in parties:
        if loser != winner and rng.random() < 0.5:
            fact("LOST", loser, region)
    if len(parties) > 1 and rng.random() < 0.5:
        fact("SUPPORTS", parties[-1], winner, kind="withdrawal")
    if rng.random() < 0.3:
        fact("HOLDS_OFFICE", people[0], region, role="president", current=True)
    for n in range(rng.randint(1, 3)):
        statement = f"statement:{number:07d}-{n}"
        named[statement] = "Statement"
        batch.nodes.append(NodeRecord("Statement", statement, {
            "name": text[:40], "text": text[n * 90: n * 90 + 180], "article": article,
            "char_start": n * 90, "char_end": n * 90 + 180, "published": day}))
        fact("SAID", rng.choice(people), statement)
        fact("MENTIONS", statement, rng.choice(people + parties))
        fact("SAID_AT", statement, region)
        fact("REPORTED_BY", statement, node("Organization", rng.choice(world.outlets)))
    for mentioned, label in list(named.items()):
        if label not in ("Article", "Organization"):
            fact("MENTIONED_IN", mentioned, article, count=rng.randint(1, 4))
    return batch
