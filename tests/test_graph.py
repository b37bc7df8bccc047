"""Graph functions over scenarios: paths, endings and dimension profiles."""

from __future__ import annotations

from pathlib import Path

from coprod import Step, dimension_profile, endings_reachable, enumerate_paths, load_file

DEMO = Path(__file__).resolve().parents[1] / "book" / "reference" / "demo" / "demo-scenario.yml"


def demo():
    loaded, problems = load_file(DEMO)
    assert problems == []
    return loaded.element


def test_every_path_of_the_demo_is_enumerated_with_its_ending():
    paths = enumerate_paths(demo(), "manager")
    routes = sorted((tuple((s.node, s.choice) for s in p.steps), p.ending) for p in paths)
    assert routes == [
        ((("start", 0), ("draft", 0)), "together"),
        ((("start", 0), ("draft", 1)), "token"),
        ((("start", 1),), "quick"),
    ]


def test_endings_reachable_differ_by_perspective():
    assert endings_reachable(demo(), "manager") == ["together", "quick", "token"]
    assert endings_reachable(demo(), "patient") == ["together", "quick"]


def test_dimension_profile_sums_the_weights_of_the_choices_taken():
    profile = dimension_profile(demo(), [Step("start", 0), Step("draft", 1)])
    assert profile == {"voice": 0, "accountability": 1}
