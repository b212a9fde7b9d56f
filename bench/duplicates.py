"""`polgraph entities --duplicates` on synthetic actor sets: blocking + rapidfuzz against the former difflib code.

    .venv/bin/python bench/duplicates.py [--sizes 1000,2000,10000] [--former-up-to 2000]
    .venv/bin/python bench/duplicates.py --db polgraph-data    # both finders on a store you loaded

The actors are seeded names from several countries, as an extraction would store them: full
names and, for some, a second node for the same person (a bare surname, a title left on the
name, a misspelt surname, an initial, accents lost), parties with their initials or without
"Party", places and regions with look-alike names ("North East" and "North West" are two). Each
node knows which real actor it stands for, so the suggested pairs are scored: recall is the
share of true duplicate pairs suggested; precision the share of suggestions that are true
(a bare surname shared by two real people is suggested with both, which counts one wrong).

Timed: ``find_duplicates`` on an embedded store holding the set (store read included), and
the whole command at the largest size, in a fresh process. The former code (every pair through
difflib, loaded from git history) only up to ``--former-up-to`` actors: it grows with the square.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
import time
import types
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from common import ROOT, save  # noqa: E402

from polgraph.graph.duplicates import find_duplicates  # noqa: E402
from polgraph.graph.ids import node_id, slugify  # noqa: E402
from polgraph.graph.open import open_store  # noqa: E402
from polgraph.graph.records import GraphBatch, NodeRecord  # noqa: E402
from polgraph.graph.store import Store  # noqa: E402

DIFFLIB_DUPLICATES = "8f29fd8"  # the last commit whose graph/duplicates.py compared every pair with difflib
GIVEN = {
    "GB": "James Oliver Harry Jack George Emily Olivia Amelia Isla Ava Keir Rishi Angela Yvette Wes Bridget Priti",
    "FR": "Jean Marie Pierre Luc Camille Manon Léa Chloé Élodie François Ségolène Édouard Gérald Agnès Clément",
    "DE": "Lukas Leon Finn Jonas Hannah Mia Lena Jürgen Annalena Friedrich Olaf Ursula Günther Sahra Björn",
    "ES": "Pedro Pablo Santiago Alberto Inés Lucía Íñigo Yolanda Begoña Isabel Núñez Carles Oriol Macarena",
    "IT": "Giorgia Matteo Giuseppe Elly Luigi Sergio Carlo Francesca Chiara Paolo Antonio Roberta Enrico",
    "PL": "Donald Jarosław Andrzej Mateusz Szymon Władysław Magdalena Agnieszka Katarzyna Małgorzata Krzysztof",
    "IN": "Narendra Rahul Amit Arvind Mamata Priyanka Nirmala Sonia Yogi Shashi Smriti Akhilesh Kavitha",
    "NG": "Bola Atiku Peter Kashim Ngozi Folake Chinedu Aisha Emeka Yemi Babatunde Oby Nnamdi Zainab",
    "BR": "Luiz Jair Fernando Marina Simone Geraldo Tarcísio Gleisi Ciro Dilma Flávio Michelle Guilherme",
    "US": "Joe Kamala Nancy Mitch Chuck Alexandria Ron Gavin Gretchen Pete Hakeem Elise Raphael Tammy",
}
SURNAMES = {
    "GB": "Smith Jones Taylor Brown Williams Wilson Johnson Davies Robinson Wright Thompson Evans Walker White"
          " Roberts Green Hall Wood Jackson Clarke Starmer Sunak Rayner Cooper Streeting Phillipson Mitchell",
    "FR": "Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent Lefèvre Michel"
          " Garcia Bertrand Roux Fournier Girard Bonnet Dupont Lambert Fontaine Rousseau Vincent Mercier",
    "DE": "Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch Bauer"
          " Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann Hartmann Lange",
    "ES": "García Rodríguez González Fernández López Martínez Sánchez Pérez Gómez Martín Jiménez Ruiz"
          " Hernández Díaz Moreno Muñoz Álvarez Romero Alonso Gutiérrez Navarro Torres Domínguez Vázquez",
    "IT": "Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo Conti"
          " Costa Giordano Mancini Rizzo Lombardi Moretti Barbieri Fontana Santoro Mariani Rinaldi",
    "PL": "Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński Szymański Woźniak"
          " Dąbrowski Kozłowski Jankowski Mazur Kwiatkowski Krawczyk Piotrowski Grabowski",
    "IN": "Sharma Verma Gupta Singh Kumar Patel Reddy Nair Menon Iyer Rao Banerjee Chatterjee Mukherjee"
          " Das Joshi Mehta Shah Kapoor Malhotra Chopra Bhatt Pillai Yadav",
    "NG": "Adeyemi Okafor Okonkwo Balogun Adebayo Eze Nwosu Obi Abubakar Bello Danjuma Ibrahim Okoro"
          " Ogunleye Olawale Chukwu Ekwueme Akande Fashola Tinubu",
    "BR": "Silva Santos Oliveira Souza Rodrigues Ferreira Alves Pereira Lima Gomes Ribeiro Carvalho"
          " Almeida Lopes Soares Fernandes Vieira Barbosa Rocha Dias Nascimento Andrade Moreira",
    "US": "Miller Davis Anderson Harris Clark Lewis Young Allen King Scott Baker Adams Nelson Carter"
          " Campbell Parker Collins Edwards Stewart Morris Murphy Cook Rogers Peterson",
}
# Surnames made of a root and an ending of the country, beside the common ones: as many surnames as a
# corpus of news has, so that people share a surname about as often as they do there.
SURNAME_PARTS = {
    "GB": ("Ash Black Brad Brook Cart Chap Crom Dun Fair Hart Hol Kings Lang Mar Pen Red Shel Stan Thorn Whit"
           " Wynd Al Bar Bel Cal Dal Eld Fen Gar Hal", "ley worth ton field ford wood ham by well stone"),
    "FR": ("Beau Bel Bon Chev Cler Dela Dum Fav Gau Lam Lav Mar Mon Pel Ros Thib Vaill Bras Cour Dur Fer Gir"
           " Jou Lem Mich Pasc Rich Tess", "ard ier eau in ot on ais ault elle and"),
    "DE": ("Alt Bach Berg Dorn Eck Feld Gross Hahn Holz Kirch Lind Mohr Ober Rein Sand Stein Wald Wein Wies"
           " Zell Brand Eich Falk Graf Hein Kraus Lieb Roth", "mann er hardt feld berger bauer meier haus inger"),
    "ES": ("Alar Bel Cab Cas Cor Esc Gal Ib Lar Mar Mend Ol Pal Quir Ram Sal Tar Urr Val Zam Ben Cerv Dom Ech"
           " Herr Lan Mol Nav Or", "ez ón eda illa ares ero ano uela ós ado"),
    "IT": ("Alb Bern Cald Dell Fabr Gall Lanz Marc Nard Orl Pasq Ross Sant Tad Verd Zan Bel Cap Fior Gent"
           " Loc Mor Nicol Pell Ric Serr Tosc Vit", "ini etti ucci ato elli one ari esi otti ano"),
    "PL": ("Bar Bor Czar Dud Gor Jab Kal Kow Les Mal Now Ost Paw Rad Sob Tom Wal Zaj Bial Chm Grz Jas Kacz"
           " Krol Mic Pior Sik Wit", "ski czyk ewicz iak owski ecki ak uk ek"),
    "IN": ("Agar Bhat Chand Desh Gan Jain Kul Mah Nag Pand Rath Sax Sriv Thak Upad Vaid Ban Dwiv Gosw Kash"
           " Mish Nand Pras Sach Tiw Chaud Dix Rast", "wal kar ani esh ia endra war ia ta"),
    "NG": ("Ade Ako Bab Chi Dan Eke Fal Ige Kol Mba Nna Obi Ode Olu Sol Uzo Ada Bam Efe Iwu Kan Nwa Ogb Oye"
           " Tij Umo Yak", "ola emi ike uka onu anya ade ebe eze"),
    "BR": ("Ar Bar Bran Cam Cout Fal Guim Lac Macha Mend Pach Quei Sampa Tav Vasc Aze Bit Carn Fig Lem Mag"
           " Nog Pimen Ram Serr Teix Vel", "ujo eira ão ino ares ada elo aes ilha"),
    "US": ("Brad Carl Dar Ell Fitz Gar Hol Kel Lind Mor Nor Rad Shel Stan Tal Wal Bux Chad Dunn Gray Harr"
           " Kirk Mac Pres Rusk Whit Yor", "son ford ley man wick worth ton well hart ings"),
}
TITLES = ["Mr", "Mrs", "Ms", "Dr", "Senator", "Minister", "President", "Baroness", "Sir", "Backbencher"]
PARTY_WORDS = ("Democratic Social Liberal National Popular Green Labour Conservative Progressive Socialist"
               " Christian Free People's Workers' Unity Reform Radical Federal Independent Citizens'").split()
PLACE_STEMS = ("Ash Oak Elm Stone Brook Hill Mill Bridge Ford Field Marsh Wood Water Haven Moor Vale Lea Down"
               " Castle Church Kings Queens New Old Great Little High Low").split()
PLACE_ENDS = "ton ham ford field bury wick stead worth by thorpe mouth port minster ley cester".split()
COMPASS = ["North", "South", "East", "West", "North East", "North West", "South East", "South West", "Central"]


def synthetic_actors(size: int, seed: int = 7) -> list[tuple[str, str, str, str]]:
    """``size`` nodes as (label, id, name, actor): ``actor`` names the real actor the node stands for."""
    rng = random.Random(seed)
    nodes: dict[str, tuple[str, str, str, str]] = {}

    def add(label: str, name: str, actor: str) -> None:
        nodes.setdefault(node_id(label, name), (label, node_id(label, name), name, actor))

    countries = sorted(GIVEN)
    surnames = {c: SURNAMES[c].split() + [root + end for root in SURNAME_PARTS[c][0].split()
                                          for end in SURNAME_PARTS[c][1].split()] for c in countries}
    while len(nodes) < size * 0.7:
        country = rng.choice(countries)
        given, surname = rng.choice(GIVEN[country].split()), rng.choice(surnames[country])
        if rng.random() < 0.08:
            given += " " + rng.choice(GIVEN[country].split())
        full = f"{given} {surname}"
        actor = f"person/{slugify(full)}"
        add("Person", full, actor)
        roll = rng.random()
        if roll < 0.2:
            add("Person", surname, actor)
        elif roll < 0.25:
            add("Person", f"{rng.choice(TITLES)} {full}", actor)
        elif roll < 0.3 and len(surname) >= 6:
            add("Person", f"{given} {_misspelt(surname, rng)}", actor)
        elif roll < 0.33:
            add("Person", f"{given[0]}. {surname}", actor)
    while len(nodes) < size * 0.8:
        words = rng.sample(PARTY_WORDS, rng.choice([1, 2, 3]))
        name = " ".join(words) + " Party"
        actor = f"party/{slugify(name)}"
        add("Party", name, actor)
        if len(words) > 1 and rng.random() < 0.3:
            add("Party", "".join(w[0] for w in words) + "P", actor)
        elif rng.random() < 0.3:
            add("Party", " ".join(words), actor)
    while len(nodes) < size:
        if rng.random() < 0.3:
            name = f"{rng.choice(COMPASS)} {rng.choice(PLACE_STEMS)}{rng.choice(PLACE_ENDS)}"
            add("Region", name, f"region/{slugify(name)}")
            continue
        name = f"{rng.choice(PLACE_STEMS)}{rng.choice(PLACE_ENDS)}"
        if rng.random() < 0.4:
            name = f"{rng.choice(['Upper', 'Lower', 'Great', 'Little', 'Port', 'Saint'])} {name}"
        add("Place", name, f"place/{slugify(name)}")
        if rng.random() < 0.1:
            add("Place", name.replace(" ", "-"), f"place/{slugify(name)}")
    return list(nodes.values())[:size]


def _misspelt(word: str, rng: random.Random) -> str:
    at = rng.randrange(2, len(word) - 1)
    return word[:at] + word[at + 1:] if rng.random() < 0.5 else word[:at] + word[at] + word[at:]


def fill_store(folder: Path, actors: list[tuple[str, str, str, str]]) -> Store:
    if folder.exists():
        shutil.rmtree(folder)
    store = open_store(folder)
    nodes = [NodeRecord(label, nid, {"name": name, "aliases": [name]}) for label, nid, name, _ in actors]
    store.bulk_load([GraphBatch(article_id="article:synthetic-actors", nodes=nodes)])
    return store


def former_find_duplicates() -> Any:
    shown = subprocess.run(["git", "show", f"{DIFFLIB_DUPLICATES}:graph/duplicates.py"], cwd=ROOT,
                           capture_output=True, text=True)
    if shown.returncode:
        raise SystemExit(f"cannot read the former duplicates code from git history: {shown.stderr.strip()}")
    module = types.ModuleType("difflib_duplicates")
    exec(compile(shown.stdout, "difflib_duplicates.py", "exec"), module.__dict__)  # noqa: S102
    return module.find_duplicates


def quality(actors: list[tuple[str, str, str, str]], pairs: list[dict[str, Any]]) -> dict[str, Any]:
    actor_of = {nid: actor for _, nid, _, actor in actors}
    members: dict[str, list[str]] = defaultdict(list)
    for _, nid, _, actor in actors:
        members[actor].append(nid)
    truth = {frozenset(pair) for ids in members.values() for pair in combinations(ids, 2)}
    suggested = {frozenset((p["a"], p["b"])) for p in pairs}
    right = sum(actor_of[a] == actor_of[b] for a, b in map(tuple, suggested))
    return {"true_pairs": len(truth), "suggested": len(suggested), "right": right,
            "precision": round(right / len(suggested), 3) if suggested else None,
            "recall": round(len(truth & suggested) / len(truth), 3) if truth else None}


def measure(size: int, folder: Path, former: Any = None) -> dict[str, Any]:
    actors = synthetic_actors(size)
    store = fill_store(folder, actors)
    try:
        row: dict[str, Any] = {"actors": len(actors), "people": sum(a[0] == "Person" for a in actors)}
        for name, finder in (("rapidfuzz", find_duplicates), ("difflib", former)):
            if finder is None:
                continue
            started = time.perf_counter()
            pairs = finder(store)
            row[name] = {"seconds": round(time.perf_counter() - started, 3), **quality(actors, pairs)}
        if "difflib" in row:
            row["speedup"] = round(row["difflib"]["seconds"] / row["rapidfuzz"]["seconds"], 1)
    finally:
        store.close()
    return row


def command_seconds(folder: Path) -> float:
    """The whole `polgraph entities --duplicates` in a fresh process, start-up and store opening included."""
    started = time.perf_counter()
    polgraph = Path(sys.executable).with_name("polgraph")
    subprocess.run([str(polgraph), "--db", str(folder), "entities", "--duplicates", "--format", "csv"], check=True,
                   capture_output=True)
    return round(time.perf_counter() - started, 2)


def on_store(folder: Path, former: Any) -> dict[str, Any]:
    """Both finders on a loaded embedded store: actors, pairs suggested and seconds, and the reasons given."""
    with open_store(folder, read_only=True, create=False) as store:
        people = store._read("MATCH (p:Person) RETURN p.name")
        row: dict[str, Any] = {"store": str(folder), "persons": len(people),
                               "one_word_persons": sum(len((name or "").split()) == 1 for (name,) in people)}
        for name, finder in (("rapidfuzz", find_duplicates), ("difflib", former)):
            started = time.perf_counter()
            pairs = finder(store)
            row[name] = {"seconds": round(time.perf_counter() - started, 3), "pairs": len(pairs),
                         "reasons": dict(sorted(Counter(str(p["reason"]).split(" (")[0] for p in pairs).items()))}
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,2000,10000")
    parser.add_argument("--former-up-to", type=int, default=2000, help="largest size the difflib code runs at")
    parser.add_argument("--db", type=Path, help="measure on this embedded store instead of synthetic sets")
    args = parser.parse_args()
    former = former_find_duplicates()
    if args.db:
        print(on_store(args.db, former))
        return
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in map(int, args.sizes.split(",")):
            row = measure(size, Path(tmp) / f"actors{size}", former if size <= args.former_up_to else None)
            rows.append(row)
            print(row, flush=True)
        largest = Path(tmp) / f"actors{rows[-1]['actors']}"
        fill_store(largest, synthetic_actors(rows[-1]["actors"])).close()
        command = {"actors": rows[-1]["actors"], "seconds": command_seconds(largest)}
    print(f"polgraph entities --duplicates at {command['actors']} actors: {command['seconds']} s")
    print(f"written to {save('duplicates', {'benchmark': 'duplicates', 'sizes': rows, 'command': command})}")


if __name__ == "__main__":
    main()
