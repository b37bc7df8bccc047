"""The case scenarios meet the course's requirements, read from their YAML."""

from __future__ import annotations

from pathlib import Path

import pytest

from coprod import endings_reachable, enumerate_paths, load_file
from coprod.content.graph import decision_points_on_longest_path, reachable

SCENARIOS = Path(__file__).resolve().parents[1] / "book" / "scenarios"
MAIN = ["surgery", "dementia-care", "policing"]


def scenario(name: str):
    loaded, problems = load_file(SCENARIOS / f"{name}.yml")
    assert problems == [], [str(p) for p in problems]
    return loaded.element


@pytest.mark.parametrize("name", MAIN)
def test_main_scenarios_have_two_perspectives_and_a_deep_professional_path(name):
    s = scenario(name)
    assert len(s.perspectives) >= 2
    professional = s.perspectives[0]
    assert decision_points_on_longest_path(s, professional.id) >= 5
    kinds = {s.endings[e].kind for e in endings_reachable(s, professional.id)}
    assert len(kinds) >= 4, f"endings differ in kind only {len(kinds)} ways: {kinds}"


def test_emergency_scenario_is_short_but_real():
    s = scenario("emergency")
    professional = s.perspectives[0]
    assert decision_points_on_longest_path(s, professional.id) >= 3
    assert len({s.endings[e].kind for e in endings_reachable(s, professional.id)}) >= 3


@pytest.mark.parametrize("name", [*MAIN, "emergency"])
def test_every_choice_has_consequence_feedback_a_link_and_dimensions_where_scored(name):
    s = scenario(name)
    professional = reachable(s, [p.start for p in s.perspectives if p.professional])
    for node_id, node in s.nodes.items():
        for i, choice in enumerate(node.choices):
            where = f"{name}: {node_id} choice {i}"
            assert choice.consequence and choice.feedback, where
            assert choice.consequence != choice.feedback, where
            assert choice.see, f"{where} has no 'see' link to a course section"
            if node_id in professional:
                assert choice.dimensions, f"{where} has no dimension weights"
            else:
                assert not choice.dimensions, f"{where} scores a resident, patient or relative"


#: the perspectives of people who use services or their families: their debriefs score no one
NOT_PROFESSIONAL = {
    "surgery": {"patient"},
    "emergency": {"daughter"},
    "dementia-care": {"resident", "daughter"},
    "policing": {"chair"},
}


@pytest.mark.parametrize("name", [*MAIN, "emergency"])
def test_residents_patients_and_relatives_are_flagged_not_professional(name):
    s = scenario(name)
    assert {p.id for p in s.perspectives if not p.professional} == NOT_PROFESSIONAL[name]


def test_surgery_has_a_nurse_perspective_five_decisions_deep_with_four_kinds_of_ending():
    s = scenario("surgery")
    nurse = next(p for p in s.perspectives if p.id == "nurse")
    assert nurse.professional and "nurse" in nurse.label
    assert decision_points_on_longest_path(s, "nurse") >= 5
    endings = endings_reachable(s, "nurse")
    kinds = {s.endings[e].kind for e in endings}
    assert len(endings) >= 4 and len(kinds) >= 4, kinds
    # the nurse's own coaching cites the NMC Code as a dated source
    cited = {
        src for n in reachable(s, [nurse.start]) if n in s.nodes for c in s.nodes[n].choices for src in c.law
    }
    assert "nmc-code" in cited and s.sources["nmc-code"].url.startswith("https://www.nmc.org.uk/")


@pytest.mark.parametrize("name", [*MAIN, "emergency"])
def test_setting_names_a_jurisdiction_and_the_time_is_stated(name):
    s = scenario(name)
    assert any(
        place in s.setting.jurisdiction for place in ("England", "Wales", "Scotland", "United Kingdom")
    )
    assert 5 <= s.time_minutes <= 30


@pytest.mark.parametrize("name", [*MAIN, "emergency"])
def test_every_perspective_reaches_at_least_two_endings(name):
    s = scenario(name)
    for p in s.perspectives:
        paths = enumerate_paths(s, p.id)
        assert len({path.ending for path in paths}) >= 2, p.id
