"""A seeded corpus of political news articles written from templates, for measuring one node per actor.

    .venv/bin/python bench/political_corpus.py OUT_FOLDER [--articles 320] [--seed 7]

Each article (a ``.txt`` file, listed in ``index.tsv`` with its date, title and outlet) names two to
four politicians active at its date. Most are introduced in full ("Labour MP Helen Marsh said"), with
a title or role before the name now and then ("Backbencher Tom Pellow", "Baroness Ashwell", "Shadow
Chancellor Oliver Letwin"), and referred to later as "Ms Marsh" or "Marsh"; the prominent ones are
sometimes named only by surname or "Mr X" in an article of their own
country, and in three times as many articles as the others. Some people share a surname: Helen Marsh
(2003-07) and Peter Marsh (2010-12), one window apart; David Thwaite and Susan Thwaite in the same
years; Michael Howard (UK) and John Howard (Australia); Gordon Brown and Carol Brown. Real office
holders appear too (Tony Blair, Gordon Brown, Michael Howard, George W. Bush, John Howard), so that
the gazetteer's offices are exercised. Dates run from 2003 to 2012, most in 2004-05.

``build`` returns, per file, the full name of every person the article means and whether the
article names them in full (``--truth PATH`` writes it as JSON, outside the corpus folder, which
polgraph would read as an article): a benchmark can check who each node is.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Politician:
    name: str
    gender: str  # "f" / "m"
    party: str
    country: str  # "GB", "US", "AU"
    role: str  # what the articles call them ("shadow health secretary")
    years: tuple[int, int]  # active in the news, inclusive
    prominent: bool = False  # named by surname alone in some articles
    title: str | None = None  # a title that always comes before the surname ("Baroness", "Dr")

    @property
    def surname(self) -> str:
        return self.name.split()[-1]

    @property
    def honorific(self) -> str:
        return self.title or ("Ms" if self.gender == "f" else "Mr")


CAST = [
    # real office holders (the gazetteer knows them)
    Politician("Tony Blair", "m", "Labour", "GB", "Prime Minister", (2003, 2007), prominent=True),
    Politician("Gordon Brown", "m", "Labour", "GB", "Chancellor", (2003, 2010), prominent=True),
    Politician("Michael Howard", "m", "Conservative", "GB", "Conservative leader", (2003, 2005), prominent=True),
    Politician("George W. Bush", "m", "Republican", "US", "US President", (2003, 2008), prominent=True),
    Politician("John Howard", "m", "Liberal", "AU", "Australian Prime Minister", (2003, 2007), prominent=True),
    Politician("John Kerry", "m", "Democratic", "US", "Democratic candidate", (2004, 2004), prominent=True),
    # invented politicians
    Politician("Helen Marsh", "f", "Labour", "GB", "health minister", (2003, 2007), prominent=True),
    Politician("Peter Marsh", "m", "Conservative", "GB", "shadow transport secretary", (2010, 2012), prominent=True),
    Politician("David Thwaite", "m", "Liberal Democrat", "GB", "Liberal Democrat home affairs spokesman", (2004, 2008),
               prominent=True),
    Politician("Susan Thwaite", "f", "Conservative", "GB", "Conservative MP for Ribbleton", (2004, 2008)),
    Politician("Carol Brown", "f", "Liberal Democrat", "GB", "Liberal Democrat councillor", (2004, 2006)),
    Politician("Tom Pellow", "m", "Labour", "GB", "backbencher", (2003, 2009)),
    Politician("Margaret Ashwell", "f", "Labour", "GB", "Labour peer", (2004, 2010), title="Baroness"),
    Politician("Oliver Letwin", "m", "Conservative", "GB", "Shadow Chancellor", (2003, 2005), prominent=True),
    Politician("Ian Fenwick", "m", "Conservative", "GB", "Conservative MP", (2003, 2012), title="Dr"),
    Politician("Rachel Ormsby", "f", "Labour", "GB", "education secretary", (2004, 2006), prominent=True),
    Politician("Gareth Llewellyn", "m", "Plaid Cymru", "GB", "Plaid Cymru leader", (2003, 2011), prominent=True),
    Politician("Fiona Dunmore", "f", "SNP", "GB", "SNP MSP", (2005, 2012)),
    Politician("Andrew Kilbride", "m", "Labour", "GB", "home secretary", (2004, 2007), prominent=True),
    Politician("Sarah Penhallow", "f", "Conservative", "GB", "shadow home secretary", (2006, 2010), prominent=True),
    Politician("Martin Grieve", "m", "UKIP", "GB", "UKIP MEP", (2004, 2009)),
    Politician("Jane Whitcombe", "f", "Labour", "GB", "Labour MP for Eastfield", (2003, 2012)),
    Politician("Robert Haig", "m", "Conservative", "GB", "Conservative party chairman", (2007, 2012), prominent=True),
    Politician("Nadia Rahman", "f", "Labour", "GB", "Labour councillor", (2008, 2012)),
    Politician("Colin Bramall", "m", "Liberal Democrat", "GB", "Liberal Democrat treasury spokesman", (2009, 2012)),
    Politician("Linda Carver", "f", "Democratic", "US", "Democratic senator", (2004, 2008), prominent=True),
    Politician("Frank Delaney", "m", "Republican", "US", "Republican congressman", (2003, 2006)),
    Politician("Kate Mulholland", "f", "Liberal", "AU", "Australian foreign minister", (2004, 2007)),
]
PARTIES = {"Labour": "the Labour Party", "Conservative": "the Conservative Party",
           "Liberal Democrat": "the Liberal Democrats", "Plaid Cymru": "Plaid Cymru", "SNP": "the SNP",
           "UKIP": "UKIP", "Republican": "the Republican Party", "Democratic": "the Democratic Party",
           "Liberal": "Australia's Liberal Party"}
TOPICS = {
    "GB": ["the budget", "university tuition fees", "identity cards", "the NHS", "council tax", "the war in Iraq",
           "pensions", "immigration", "the general election", "school meals", "the smoking ban", "House of Lords reform"],
    "US": ["the war in Iraq", "the federal budget", "health insurance", "the presidential election", "tax cuts"],
    "AU": ["the war in Iraq", "the federal budget", "immigration", "industrial relations"],
}
OUTLETS = {"GB": "The Chronicle", "US": "The Courier", "AU": "The Southern Post"}

INTRO = [
    "{role_cap} {name} said the plans on {topic} were {adjective}.",
    "{name}, the {role}, said the government had got {topic} {wrong_or_right}.",
    "Speaking in {city}, {name} told reporters that {topic} would decide the next election.",
    "{role_cap} {name} warned that {topic} could cost the country dearly.",
    "{name}, {party_member}, called for a fresh debate on {topic}.",
]
LATER = [
    "{ref} added that voters deserved better.",
    "{ref} said: \"We will not give up on this.\"",
    "Later, {ref} told the BBC the vote would be close.",
    "{ref} has long argued for change on {topic}.",
    "Asked about the timing, {ref} declined to comment.",
    "{ref} accused ministers of \"dithering\".",
]
ONLY_BARE = [
    "{ref} said the figures on {topic} spoke for themselves.",
    "Critics say {ref} has little time left to act on {topic}.",
    "{ref} is expected to set out new plans on {topic} next week.",
    "Aides to {ref} said the speech had been planned for weeks.",
]
CITIES = {"GB": ["London", "Manchester", "Cardiff", "Edinburgh", "Leeds", "Bristol"],
          "US": ["Washington", "Ohio", "Boston"], "AU": ["Canberra", "Sydney", "Melbourne"]}


def article_date(rng: random.Random) -> dt.date:
    """Most articles in 2004-05 (the years the issue's BBC corpus covers), the rest from 2003 to 2012."""
    if rng.random() < 0.6:
        start, days = dt.date(2004, 1, 1), 730
    else:
        start, days = dt.date(2003, 1, 1), 3652
    return start + dt.timedelta(days=rng.randrange(days))


def write_article(rng: random.Random, day: dt.date) -> tuple[str, str, str, list[dict[str, object]]]:
    """(country, title, text, the people meant) of one article."""
    active = [p for p in CAST if p.years[0] <= day.year <= p.years[1]]
    countries = [c for c in ("GB", "US", "AU") if sum(p.country == c for p in active) >= 2]
    country = rng.choices(countries, weights=[{"GB": 7, "US": 2, "AU": 1}[c] for c in countries])[0]
    local = [p for p in active if p.country == country]
    foreign = [p for p in active if p.country != country and p.prominent]
    foreign = [p for p in foreign if all(p.surname != other.surname for other in local)]
    count = min(len(local), rng.randint(2, 4))
    people: list[Politician] = []
    while len(people) < count:  # the prominent are in the news three times as often
        person = rng.choices(local, weights=[3 if p.prominent else 1 for p in local])[0]
        if all(other.surname != person.surname for other in people):  # no two Browns in one article
            people.append(person)
    if foreign and rng.random() < 0.25:
        people.append(rng.choice(foreign))
    topic = rng.choice(TOPICS[country])
    sentences, meant = [], []
    for person in people:
        fields = {"topic": topic, "city": rng.choice(CITIES[country]), "role": person.role,
                  "role_cap": person.role[:1].upper() + person.role[1:], "party_member": f"of {PARTIES[person.party]}",
                  "adjective": rng.choice(["a mess", "a step forward", "unfair", "long overdue", "a gamble"]),
                  "wrong_or_right": rng.choice(["wrong", "right", "badly wrong"])}
        full = not person.prominent or person.country != country or rng.random() < 0.6
        bare = [f"{person.honorific} {person.surname}"] if person.title else [
            f"{person.honorific} {person.surname}", person.surname]
        if full:
            name = f"{person.title} {person.name}" if person.title and rng.random() < 0.5 else person.name
            sentences.append(rng.choice(INTRO).format(name=name, **fields))
            for _ in range(rng.randint(1, 2)):
                sentences.append(rng.choice(LATER).format(ref=rng.choice(bare), **fields))
        else:
            for template in rng.sample(ONLY_BARE, rng.randint(1, 2)):
                sentences.append(template.format(ref=rng.choice(bare), **fields))
        meant.append({"name": person.name, "in_full": full})
    head = people[0]
    title = f"{head.surname} {rng.choice(['speaks out on', 'under fire over', 'defends record on'])} {topic}"
    paragraphs = [" ".join(sentences[i : i + 2]) for i in range(0, len(sentences), 2)]
    text = f"{title[:1].upper() + title[1:]}\n\n{day:%A, %d %B %Y}\n\n" + "\n\n".join(paragraphs) + "\n"
    return country, title, text, meant


def build(folder: Path, articles: int = 320, seed: int = 7) -> dict[str, dict[str, object]]:
    """Write ``articles`` articles and ``index.tsv`` into ``folder``; return what each article means."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    index, truth = ["file\tdate\ttitle\toutlet"], {}
    for number in range(articles):
        day = article_date(rng)
        country, title, text, meant = write_article(rng, day)
        name = f"{number:04d}.txt"
        (folder / name).write_text(text, encoding="utf-8")
        index.append(f"{name}\t{day.isoformat()}\t{title}\t{OUTLETS[country]}")
        truth[name] = {"date": day.isoformat(), "country": country, "people": meant}
    (folder / "index.tsv").write_text("\n".join(index) + "\n", encoding="utf-8")
    return truth


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--articles", type=int, default=320)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--truth", type=Path, help="write what each article means here (JSON)")
    args = parser.parse_args()
    truth = build(args.folder, args.articles, args.seed)
    if args.truth:
        args.truth.write_text(json.dumps(truth, indent=1) + "\n", encoding="utf-8")
    print(f"{len(truth)} articles in {args.folder}")


if __name__ == "__main__":
    main()
