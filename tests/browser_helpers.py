"""Helpers that use a scenario the way a learner does: by clicking, or by keyboard alone."""

from __future__ import annotations

from coprod import Route as ScenarioPath


def scenario(page, scenario_id: str):
    return page.locator(f"#coprod-{scenario_id} .coprod-live")


def start(page, scenario_id: str, perspective_label: str, several: bool) -> None:
    root = scenario(page, scenario_id)
    name = f"Play as {perspective_label}" if several else "Start"
    root.get_by_role("button", name=name).click()


def play_path(page, content, path: ScenarioPath) -> None:
    """Play one complete path with the mouse and check each consequence and the ending."""
    root = scenario(page, content.id)
    perspective = next(p for p in content.perspectives if p.id == path.perspective)
    start(page, content.id, perspective.label, len(content.perspectives) > 1)
    for step in path.steps:
        node = content.nodes[step.node]
        choice = node.choices[step.choice]
        root.locator(f'.coprod-choice[data-choice="{step.choice}"]').click()
        first_line = choice.consequence.strip().split("\n")[0][:40]
        assert first_line in root.locator(".coprod-consequence").inner_text().replace("\n", " ")
        assert root.locator(".coprod-feedback").is_visible()
        root.locator(".coprod-toolbar .coprod-primary").first.click()
    ending = content.endings[path.ending]
    assert root.get_by_role("heading", name=ending.title, exact=True).is_visible()
    assert "Your path" in root.inner_text()
