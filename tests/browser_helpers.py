"""Helpers that use a scenario the way a learner does: by clicking, or by keyboard alone."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from coprod import Route as ScenarioPath

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


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


def docx_paragraphs(data: bytes | Path) -> list[tuple[str, str]]:
    """(style, text) of each paragraph of a .docx, line breaks as newlines."""
    source = data if isinstance(data, Path) else io.BytesIO(data)
    with zipfile.ZipFile(source) as z:
        root = ElementTree.fromstring(z.read("word/document.xml"))
    out = []
    for p in root.iter(f"{W}p"):
        style = p.find(f"{W}pPr/{W}pStyle")
        text = ""
        for node in p.iter():
            if node.tag == f"{W}t":
                text += node.text or ""
            elif node.tag == f"{W}br":
                text += "\n"
        out.append((style.get(f"{W}val") if style is not None else "", text))
    return out


def docx_sections(paragraphs: list[tuple[str, str]]) -> dict[str, str]:
    """The text under each Heading 1 of a .docx (paragraphs joined by blank lines), up to the closing rule."""
    out: dict[str, list[str]] = {}
    current = None
    for style, text in paragraphs:
        if style == "Heading1":
            current = out.setdefault(text, [])
        elif current is not None:
            current.append(text)
    return {heading: "\n\n".join(texts) for heading, texts in out.items()}
