"""The static ``text/html`` rendering of an element: its data for the ES module and a readable fallback.

The fallback is a document: a scenario as its full branching text, a
self-check with answers and feedback after the questions, a reflection prompt
with ruled space. It is what a reader sees without JavaScript and what prints.
Everything from content is escaped; the output is deterministic.
"""

from __future__ import annotations

import json
import re
from html import escape

from ..content.labels import ref_href
from ..content.schema import Reflection, Scenario, SelfCheck
from .law import cited_sources_html, law_note_html

__all__ = ["content_data", "element_html", "scenario_numbering"]


_BLANK_LINE = re.compile(r"\n\s*\n")


def paras(text: str, cls: str = "") -> str:
    """Plain text with blank-line paragraph breaks as ``<p>`` elements (as the front end's ``paras``)."""
    attr = f' class="{cls}"' if cls else ""
    blocks = [b.strip() for b in _BLANK_LINE.split(text) if b.strip()]
    return "".join(f"<p{attr}>{escape(b)}</p>" for b in blocks)


class _Story:
    """A scenario's long texts, sent once: in the readable fallback, each marked ``data-t``.

    The page's data holds ``{"$t": n}`` in their place, and the static site's
    entry (coprod-page.js) fills them in from the fallback before the player
    mounts, so the story is not sent twice. In Jupyter the widget gets the whole
    data, as it has no fallback.
    """

    def __init__(self) -> None:
        self.paths: list[tuple] = []

    def _mark(self, path: tuple) -> int:
        self.paths.append(path)
        return len(self.paths) - 1

    def block(self, text: str, *path) -> str:
        return f'<div data-t="{self._mark(path)}">{paras(text)}</div>'

    def inline(self, text: str, *path) -> str:
        return f'<span data-t="{self._mark(path)}">{escape(text)}</span>'

    def item(self, text: str, *path) -> str:
        return f'<li data-t="{self._mark(path)}">{escape(text)}</li>'

    def skeleton(self, data: dict) -> dict:
        """``data`` with every marked text replaced by its reference."""
        data = json.loads(json.dumps(data))
        for n, path in enumerate(self.paths):
            target = data
            for key in path[:-1]:
                target = target[key]
            target[path[-1]] = {"$t": n}
        return data


def content_data(element, labels: dict[str, str]) -> dict:
    """The element as plain data for the front end, with ``see`` labels turned into links."""
    data = element.model_dump(mode="json")
    if isinstance(element, Scenario):
        for node in data["nodes"].values():
            for choice in node["choices"]:
                label = choice.get("see")
                choice["see"] = (
                    {"href": ref_href(label), "title": labels.get(label, label)} if label else None
                )
    return data


def json_script(data: dict) -> str:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    # nothing inside the script element may close it or open a comment
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/json" class="coprod-data">{text}</script>'


def scenario_numbering(s: Scenario) -> dict[str, str]:
    """Readable names for nodes and endings: Decision 1, Ending A, in breadth-first order, one perspective after another."""
    order: list[str] = []
    for perspective in s.perspectives:
        todo = [perspective.start]
        while todo:
            current = todo.pop(0)
            if current in order or (current not in s.nodes and current not in s.endings):
                continue
            order.append(current)
            if current in s.nodes:
                todo.extend(c.next for c in s.nodes[current].choices)
    names: dict[str, str] = {}
    decisions = 0
    endings = 0
    for item in order + [n for n in (*s.nodes, *s.endings) if n not in order]:
        if item in names:
            continue
        if item in s.nodes:
            decisions += 1
            names[item] = f"Decision {decisions}"
        else:
            names[item] = f"Ending {chr(ord('A') + endings) if endings < 26 else endings + 1}"
            endings += 1
    return names


def _scenario_fallback(s: Scenario, h: int, labels: dict[str, str], story: _Story | None = None) -> str:
    story = story or _Story()
    names = scenario_numbering(s)
    anchor = {k: f"coprod-{s.id}-{k}" for k in names}
    hh, h2 = f"h{min(h, 6)}", f"h{min(h + 1, 6)}"
    out = [f"<{hh}>{escape(s.title)}</{hh}>", paras(s.summary)]
    out.append(
        f'<p class="coprod-meta">About {s.time_minutes} minutes · {escape(s.setting.service)} · '
        f"{escape(s.setting.jurisdiction)}</p>"
    )
    out.append(f"<p><strong>Law and guidance:</strong></p>{law_note_html(s, anchors=True)}")
    out.append("<p><strong>Whose story:</strong></p><ul>")
    for p in s.perspectives:
        out.append(
            f"<li>{escape(p.label)}: {escape(p.description)} Starts at "
            f'<a href="#{anchor[p.start]}">{names[p.start]}</a>.</li>'
        )
    out.append("</ul>")
    for node_id in sorted(s.nodes, key=lambda n: int(names[n].split()[-1])):
        node = s.nodes[node_id]
        out.append(f'<section class="coprod-node" id="{anchor[node_id]}">')
        text = story.block(node.text, "nodes", node_id, "text")
        out.append(f"<{h2}>{names[node_id]}: {escape(node.speaker)}</{h2}>{text}<ol>")
        for i, choice in enumerate(node.choices):
            see = ""
            if choice.see:
                title = escape(labels.get(choice.see, choice.see))
                see = f' <a href="{ref_href(choice.see)}">Read more: {title}</a>'
            out.append(
                f"<li><p><strong>{escape(choice.label)}</strong> → "
                f'<a href="#{anchor[choice.next]}">{names[choice.next]}</a></p>'
                f"<p><em>What happens:</em> {story.inline(choice.consequence, 'nodes', node_id, 'choices', i, 'consequence')}</p>"
                f"<p><em>Coaching:</em> {story.inline(choice.feedback, 'nodes', node_id, 'choices', i, 'feedback')}{see}</p>"
                f"{cited_sources_html(choice.law, s)}</li>"
            )
        out.append("</ol>")
        if node.discussion:
            out.append("<p><em>For discussion:</em></p><ul>")
            out.extend(
                story.item(q, "nodes", node_id, "discussion", i) for i, q in enumerate(node.discussion)
            )
            out.append("</ul>")
        out.append("</section>")
    for ending_id, ending in s.endings.items():
        out.append(
            f'<section class="coprod-node" id="{anchor[ending_id]}"><{h2}>{names[ending_id]}: '
            f"{escape(ending.title)}</{h2}><p><em>Kind of ending:</em> {escape(ending.kind)}</p>"
            f"{story.block(ending.text, 'endings', ending_id, 'text')}{cited_sources_html(ending.law, s)}</section>"
        )
    for p in s.perspectives:
        if p.debrief_questions:
            who = escape(p.label.split(",")[0])
            out.append(f"<{h2}>Questions to think about, from {who}'s side</{h2}><ul>")
            out.extend(f"<li>{escape(q)}</li>" for q in p.debrief_questions)
            out.append("</ul>")
    if s.debrief_questions:
        out.append(f"<{h2}>Questions to think about</{h2}><ul>")
        out.extend(f"<li>{escape(q)}</li>" for q in s.debrief_questions)
        out.append("</ul>")
    return "".join(out)


def _selfcheck_fallback(sc: SelfCheck, h: int) -> str:
    hh, h2 = f"h{min(h, 6)}", f"h{min(h + 1, 6)}"
    out = [f"<{hh}>{escape(sc.title)}</{hh}><ol>"]
    for q in sc.questions:
        out.append(f'<li class="coprod-question"><p>{escape(q.prompt)}</p>')
        if q.type == "sort":
            cats = " / ".join(escape(c.label) for c in q.categories)
            out.append(f"<p><em>Sort each into: {cats}</em></p><ul>")
            out.extend(f"<li>{escape(item.text)}</li>" for item in q.items)
        else:
            hint = "Choose one." if q.type == "single" else "Choose all that apply."
            out.append(f"<p><em>{hint}</em></p><ul>")
            out.extend(f"<li>{escape(o.text)}</li>" for o in q.options)
        out.append("</ul></li>")
    out.append(f"</ol><{h2}>Answers and feedback</{h2}><ol>")
    for q in sc.questions:
        out.append("<li><ul>")
        if q.type == "sort":
            cat = {c.id: c.label for c in q.categories}
            out.extend(
                f"<li>{escape(i.text)}: <strong>{escape(cat.get(i.category, i.category))}</strong>. "
                f"{escape(i.feedback)}</li>"
                for i in q.items
            )
        else:
            out.extend(
                f"<li>{escape(o.text)}: <strong>{'correct' if o.correct else 'not correct'}</strong>. "
                f"{escape(o.feedback)}</li>"
                for o in q.options
            )
        out.append(f"</ul><p><em>Explanation:</em> {escape(q.explanation)}</p></li>")
    out.append("</ol>")
    return "".join(out)


def _reflection_fallback(r: Reflection) -> str:
    out = [
        f'<p class="coprod-meta">Reflection · {escape(r.title)} · Gibbs stage: {escape(r.stage.replace("-", " "))}</p>',
        f'<p class="coprod-prompt">{escape(r.prompt)}</p>',
        f'<p class="coprod-guidance">{escape(r.guidance)}</p>',
        '<div class="coprod-ruled" aria-hidden="true"></div>',
    ]
    if r.others_said:
        out.append(
            f"<p><strong>Other answers to compare</strong> (read after writing your own):</p>{paras(r.others_said)}"
        )
    return "".join(out)


_NOSCRIPT = {
    "scenario": "This scenario is interactive when JavaScript is on. Here it is as its full branching text.",
    "selfcheck": "This self-check is interactive when JavaScript is on. Here it is with answers at the end.",
    "reflection": "With JavaScript on, you can write your reflection here and it is kept on this device.",
}


def element_html(element, labels: dict[str, str], heading_level: int = 3) -> str:
    """The whole static rendering of one element."""
    data = content_data(element, labels)
    if isinstance(element, Scenario):
        story = _Story()
        fallback = _scenario_fallback(element, heading_level, labels, story)
        data = story.skeleton(data)
    elif isinstance(element, SelfCheck):
        fallback = _selfcheck_fallback(element, heading_level)
    else:
        fallback = _reflection_fallback(element)
    kind = element.kind
    return (
        f'<div class="coprod-el coprod-{kind}-el" id="coprod-{element.id}" data-coprod-kind="{kind}" '
        f'data-coprod-id="{element.id}" data-coprod-heading="{heading_level}">'
        f"{json_script(data)}"
        f'<div class="coprod-fallback"><noscript><p class="coprod-fallback-note">{_NOSCRIPT[kind]}</p></noscript>'
        f"{fallback}</div></div>"
    )
