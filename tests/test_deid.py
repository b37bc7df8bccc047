"""The de-identification check (coprod.privacy): recall and false alarms on the corpus, and what a learner sees.

Run with ``python -m pytest tests/test_deid.py -s`` to see the figures; they are
also in every assertion message. ``node --test tests/js/`` runs the same corpus
through deid.js and checks it finds exactly what Python finds.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml import YAML

from coprod._deid import find_identifying as reexported
from coprod.privacy import CHARACTER_NOTE, DEID_PATTERNS, find_identifying

ROOT = Path(__file__).resolve().parents[1]
CORPUS = YAML(typ="safe").load((ROOT / "tests" / "deid_corpus.yml").read_text(encoding="utf-8"))
KINDS = {
    "name",
    "police",
    "crime-ref",
    "vehicle",
    "record-number",
    "nhs",
    "chi",
    "medicare",
    "ni-number",
    "dob",
    "age-place",
    "postcode",
    "address",
    "phone",
    "email",
    "place-date",
}


def scores(prefix: str) -> tuple[float, float, list, list]:
    """Recall (the sentence has a finding of its kind) and false-alarm rate (any finding) on one part of the corpus."""
    missed = [
        i
        for i in CORPUS[prefix + "identifying"]
        if i["kind"] not in {f.kind for f in find_identifying(i["text"])}
    ]
    alarms = [
        (t, [f.text for f in find_identifying(t)]) for t in CORPUS[prefix + "innocent"] if find_identifying(t)
    ]
    recall = 1 - len(missed) / len(CORPUS[prefix + "identifying"])
    return recall, len(alarms) / len(CORPUS[prefix + "innocent"]), missed, alarms


def test_corpus_is_big_enough_and_covers_every_kind():
    identifying = CORPUS["identifying"] + CORPUS["held_out_identifying"]
    innocent = CORPUS["innocent"] + CORPUS["held_out_innocent"]
    assert len(identifying) >= 150 and len(innocent) >= 150
    assert {i["kind"] for i in identifying} == KINDS == {p["kind"] for p in DEID_PATTERNS}


@pytest.mark.parametrize("part", ["", "held_out_"], ids=["tuning", "held-out"])
def test_recall_and_false_alarms_meet_the_targets(part):
    recall, false_rate, missed, alarms = scores(part)
    figures = (
        f"{'held-out' if part else 'tuning'} corpus: {len(CORPUS[part + 'identifying'])} identifying, recall {recall:.1%}; "
        f"{len(CORPUS[part + 'innocent'])} innocent, false alarms {false_rate:.1%}"
    )
    print("\n" + figures)
    assert recall >= 0.95, f"{figures}; missed: {missed}"
    assert false_rate <= 0.05, f"{figures}; false alarms: {alarms}"


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Mrs McLeod asked for her son.", "Mrs McLeod"),
        ("Mr MacDonald refused.", "Mr MacDonald"),
        ("Ms O’Neill agreed.", "Ms O’Neill"),
        ("Mrs Smith-Jones rang.", "Mrs Smith-Jones"),
        ("Mrs Nguyễn was anxious.", "Mrs Nguyễn"),
        ("We told Łukasz first.", "Łukasz"),
    ],
)
def test_whole_names_are_highlighted(text, flagged):
    # "Mrs McLeod" used to be highlighted as "Mrs Mc"
    assert flagged in [f.text for f in find_identifying(text)]


def test_the_false_alarms_reported_in_the_issue_are_gone():
    for text in [
        "We got stuck on the m6 2nd time this month.",
        "She was due her vitamin b12 3rd dose.",
        "Both Section 136 Health Based Place of Safety suites were full.",
        "We still work to a 40-year-old law in some cases.",
        "We run on a 10-year-old protocol in Ambulance Victoria.",
    ]:
        assert find_identifying(text) == [], text


def test_a_course_character_is_flagged_with_a_note():
    names = ["Campbell", "Malik", "Doyle", "Jean", "Ms", "Sergeant"]
    # a course surname alone is flagged with the note: fine if the learner means the scenario
    for text, name in [
        ("In the scenario Mrs Campbell wanted to walk to the shop.", "Mrs Campbell"),
        ("I kept thinking about Mr Malik and the council meeting.", "Mr Malik"),
    ]:
        found = [f for f in find_identifying(text, names) if f.text == name]
        assert found and found[0].note == CHARACTER_NOTE, text
    # beside a bed, a bay, a ward with a date or a number it is a patient, not the scenario: flagged, no note
    for text, name in [
        ("Mrs Campbell, the lady in bed 4", "Mrs Campbell"),
        ("Mr Malik in bay 2", "Mr Malik"),
        ("Mrs Doyle (CHI 1203456789) on Ward 3", "Mrs Doyle"),
        ("jean in bed 4 was low", "jean"),
    ]:
        found = [f for f in find_identifying(text, names) if f.text == name]
        assert found, text
        assert all(f.note == "" for f in find_identifying(text, names)), text
    # without the names, the same findings and no note; titles in the list do not make every "Ms" a character
    assert [f.note for f in find_identifying("Mrs Campbell")] == [""]
    assert [f.note for f in find_identifying("Ms Hughes and Sergeant Lewis", names)] == ["", ""]


def test_findings_give_the_matched_text_and_position_and_the_old_import_works():
    text = "I saw Mrs Patel at 14 Mill Lane."
    found = find_identifying(text)
    assert [(f.kind, f.text) for f in found] == [("name", "Mrs Patel"), ("address", "14 Mill Lane")]
    assert all(text[f.start : f.end] == f.text for f in found)
    assert reexported is find_identifying
