"""Page furniture: by-lines, stamps, datelines, photo credits and highlight markers are found without
moving an offset; the stored text is never changed."""

from __future__ import annotations

import pytest

from polgraph.loaders.furniture import furniture_of
from polgraph.loaders.text import AnalysisText


def spans(text: str):
    analysis = AnalysisText.of(text)
    found = furniture_of(analysis.text)
    pick = lambda ranges: [analysis.text[s:e] for s, e in ranges]  # noqa: E731
    return pick(found.bylines), pick(found.credits), pick(found.skipped)


@pytest.mark.parametrize(("text", "names"), [
    ("Le Pen wins\n\nBy Peter Allen\n\nThe FN won.", ["Peter Allen"]),
    ("Le Pen wins\n\nBy\nPeter Allen\n\nThe FN won.", ["Peter Allen"]),
    ("Le Pen wins\n\nBy PETER ALLEN, Political Correspondent\n\nThe FN won.", ["PETER ALLEN"]),
    ("Le Pen wins\n\nBy Jane Roe and John Doe In Paris\n\nThe FN won.", ["Jane Roe", "John Doe"]),
    ("Le Pen wins\n\nBy Peter Allen PUBLISHED: 09:53 GMT, 23 March 2014\n\nThe FN won.", ["Peter Allen"]),
])
def test_bylines(text: str, names: list[str]) -> None:
    assert spans(text)[0] == names


@pytest.mark.parametrize("text", [
    "By the time polls closed, the FN had won.",
    "Results came in late.\n\nBy Sunday afternoon, Pierluisi said the Senate had no say.",
])
def test_sentences_starting_with_by_are_no_bylines(text: str) -> None:
    assert spans(text)[0] == []


def test_credits_stamps_datelines_and_highlights() -> None:
    text = ("Crowds march\n\nFriday, January 4, 2019\n\nPUBLISHED: 12:01 GMT, 3 March 2014 | UPDATED: 13:00 GMT\n\n"
            "Thousands marched. Image: Andrew Gray.\n\nThe stage. Photo: Jane Roe/AFP\n\n@highlight\n\nLe Pen won")
    _, credits, skipped = spans(text)
    assert credits == ["Andrew Gray", "Jane Roe"]
    assert "Friday, January 4, 2019" in skipped and "@highlight" in skipped
    assert any(s.startswith("PUBLISHED") for s in skipped) and "Image:" in skipped


def test_offsets_stay_offsets_into_the_stored_text() -> None:
    text = "Le Pen wins\n\n\nBy\nPeter   Allen\n\nThe FN won."
    analysis = AnalysisText.of(text)
    (start, end), = furniture_of(analysis.text).bylines
    source_start, source_end = analysis.to_source(start, end)
    assert text[source_start:source_end] == "Peter   Allen"


def test_a_byline_that_runs_into_its_outlet_ends_before_it() -> None:
    text = AnalysisText.of("Vote count\n\nBy Jane Roe and John Doe\nAssociated Press\n\nBERLIN (AP) — It rained.").text
    found = furniture_of(text, is_outlet=lambda words: words == "Associated Press")
    assert [text[s:e] for s, e in found.bylines] == ["Jane Roe", "John Doe"]
    assert furniture_of("Vote count\n\nBy Associated Press\n\nIt rained.", lambda w: w == "Associated Press").bylines == []


def test_a_wire_storys_credit_line() -> None:
    text = ("Merkel wins\n\nThe vote was close.\n\nReporting by Jane Roe and John Doe in Berlin; Additional reporting "
            "by Ann Lee; Editing by Mark Heinrich\n")
    found = furniture_of(text)
    assert [text[s:e] for s, e in found.contributors] == ["Jane Roe", "John Doe", "Ann Lee"]
    assert [text[s:e] for s, e in found.credits] == ["Mark Heinrich"]
    assert furniture_of("The minister said reporting by Jane Roe was accurate.").contributors == []


def test_credit_line_reporters_contributed_and_byline_authors_wrote() -> None:
    from polgraph.loaders.pipeline import get_pipeline
    from polgraph.loaders.readers import read_text

    text = ("Greens gain in Hesse\n\nBy Kirsten Roe and Geir Doe\nAssociated Press\n\nThe Greens won 19.8 percent in "
            "Hesse, Tarek Al-Wazir said.\n\nReporting by Madeline Chambers; Editing by Mark Heinrich\n")
    extraction = get_pipeline().extract(read_text(text, "t.txt"))
    facts = {(r.subject, r.predicate) for r in extraction.relations if r.object == "ARTICLE"}
    assert facts == {("person:kirsten-roe", "AUTHORED"), ("person:geir-doe", "AUTHORED"),
                     ("person:madeline-chambers", "CONTRIBUTED_TO")}
    labels = {e.id: e.label for e in extraction.entities}
    assert labels.get("organization:associated-press") == "Organization" and "person:mark-heinrich" in labels
