"""A map of a scenario's branches, drawn from its YAML when the page is built.

One SVG per perspective, decisions in columns by how many steps they are from
the start, with a text equivalent that lists every choice and where it leads.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from ..content.course import course
from ..content.loader import find_content_root
from ..content.schema import Scenario
from .html import scenario_numbering

__all__ = ["ScenarioMap", "show_map"]

BOX_W, BOX_H, COL_GAP, ROW_GAP, PAD = 150, 46, 56, 16, 12


def _short(text: str, limit: int = 22) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _layers(s: Scenario, start: str) -> dict[str, int]:
    depth = {start: 0}
    queue = [start]
    while queue:
        current = queue.pop(0)
        if current in s.nodes:
            for choice in s.nodes[current].choices:
                if choice.next not in depth:
                    depth[choice.next] = depth[current] + 1
                    queue.append(choice.next)
    return depth


def _svg(s: Scenario, perspective, names: dict[str, str]) -> str:
    depth = _layers(s, perspective.start)
    columns: dict[int, list[str]] = {}
    for item, d in depth.items():
        columns.setdefault(d, []).append(item)
    pos: dict[str, tuple[int, int]] = {}
    for d, items in columns.items():
        for row, item in enumerate(items):
            pos[item] = (PAD + d * (BOX_W + COL_GAP), PAD + 28 + row * (BOX_H + ROW_GAP))
    width = PAD * 2 + (max(columns) + 1) * (BOX_W + COL_GAP) - COL_GAP
    height = PAD * 2 + 28 + max(len(v) for v in columns.values()) * (BOX_H + ROW_GAP)
    title_id = f"coprod-map-{s.id}-{perspective.id}"
    decisions = sum(1 for i in depth if i in s.nodes)
    endings = sum(1 for i in depth if i in s.endings)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="coprod-map-svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="{title_id}">',
        f'<title id="{title_id}">Map for {escape(perspective.label)}: {decisions} decisions '
        f"and {endings} endings; the text version above lists every choice.</title>",
        '<defs><marker id="coprod-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#444"/></marker></defs>',
        f'<text x="{PAD}" y="{PAD + 12}" font-size="14" font-family="sans-serif" fill="#1d1d1d">'
        f"Start: {escape(perspective.label)}</text>",
    ]
    for item in depth:
        if item not in s.nodes:
            continue
        x1, y1 = pos[item]
        for choice in s.nodes[item].choices:
            x2, y2 = pos[choice.next]
            if x2 > x1:
                out.append(
                    f'<path d="M{x1 + BOX_W},{y1 + BOX_H // 2} C{x1 + BOX_W + COL_GAP // 2},{y1 + BOX_H // 2} '
                    f'{x2 - COL_GAP // 2},{y2 + BOX_H // 2} {x2},{y2 + BOX_H // 2}" fill="none" stroke="#444" '
                    'stroke-width="1.4" marker-end="url(#coprod-arrow)"/>'
                )
            else:  # a step back: loop under the boxes
                low = max(y1, y2) + BOX_H + ROW_GAP // 2
                out.append(
                    f'<path d="M{x1 + BOX_W // 2},{y1 + BOX_H} C{x1 + BOX_W // 2},{low + 20} '
                    f'{x2 + BOX_W // 2},{low + 20} {x2 + BOX_W // 2},{y2 + BOX_H}" fill="none" stroke="#444" '
                    'stroke-dasharray="4 3" stroke-width="1.4" marker-end="url(#coprod-arrow)"/>'
                )
    for item, (x, y) in pos.items():
        is_end = item in s.endings
        fill, stroke = ("#dff3e4", "#17603a") if is_end else ("#e3edf9", "#1d4e89")
        label = names[item]
        if is_end:
            sub = _short(s.endings[item].title)
        else:
            node = s.nodes[item]
            sub = _short(node.speaker if node.speaker != "Narrator" else " ".join(node.text.split()))
        rx = 18 if is_end else 4
        out.append(
            f'<rect x="{x}" y="{y}" width="{BOX_W}" height="{BOX_H}" rx="{rx}" fill="{fill}" '
            f'stroke="{stroke}" stroke-width="1.5"/>'
            f'<text x="{x + 8}" y="{y + 18}" font-size="13" font-weight="bold" font-family="sans-serif" '
            f'fill="#1d1d1d">{escape(label)}</text>'
            f'<text x="{x + 8}" y="{y + 36}" font-size="12" font-family="sans-serif" fill="#1d1d1d">'
            f"{escape(sub)}</text>"
        )
    out.append("</svg>")
    return "".join(out)


def _text_version(s: Scenario, perspective, names: dict[str, str]) -> str:
    depth = _layers(s, perspective.start)
    out = ["<ul>"]
    for item in depth:
        if item in s.nodes:
            node = s.nodes[item]
            out.append(f"<li><strong>{names[item]}</strong> ({escape(node.speaker)}):<ul>")
            out.extend(f"<li>{escape(c.label)} → {names[c.next]}</li>" for c in node.choices)
            out.append("</ul></li>")
    for item in depth:
        if item in s.endings:
            e = s.endings[item]
            out.append(f"<li><strong>{names[item]}</strong>: {escape(e.title)} ({escape(e.kind)})</li>")
    out.append("</ul>")
    return "".join(out)


class ScenarioMap:
    """The branch map of one scenario, as HTML for the book (and for notebooks)."""

    def __init__(self, scenario: Scenario):
        self.scenario = scenario

    def __repr__(self) -> str:
        return f"<map of scenario '{self.scenario.id}'>"

    def html(self) -> str:
        s = self.scenario
        names = scenario_numbering(s)
        parts = [f'<div class="coprod-map" id="coprod-map-{s.id}">']
        for p in s.perspectives:
            parts.append(
                # the text version first in the document, so that on a phone, to a screen reader
                # and in keyboard order it comes before the map, which scrolls sideways
                '<div class="coprod-map-part">'
                f"<details><summary>Text version of the map for {escape(p.label)}</summary>"
                f"{_text_version(s, p, names)}</details>"
                f'<figure class="coprod-map-figure"><div class="coprod-map-scroll" tabindex="0" '
                f'aria-label="Map for {escape(p.label)} (scrolls sideways)">'
                f"{_svg(s, p, names)}</div><figcaption>{escape(p.label)}: every decision (blue boxes) and "
                "ending (green, rounded) you can reach. Dashed arrows lead back to an earlier step."
                "</figcaption></figure></div>"
            )
        parts.append("</div>")
        return "".join(parts)

    def _repr_mimebundle_(self, **kwargs):
        return {"text/html": self.html(), "text/plain": repr(self)}


def show_map(scenario_id: str, *, root: Path | None = None) -> ScenarioMap:
    """Display the map of a scenario's branches."""
    loaded = course(root or find_content_root()).get(scenario_id)
    if not isinstance(loaded.element, Scenario):
        raise TypeError(f"'{scenario_id}' is a {loaded.element.kind}, not a scenario")
    return ScenarioMap(loaded.element)
