"""Rules that span a whole element: scenario graph checks and self-check answer rules."""

from __future__ import annotations

from collections.abc import Collection

from .graph import can_reach_ending, reachable
from .law import check_law
from .schema import Element, Reflection, Scenario, SelfCheck, SortQuestion

__all__ = ["Finding", "check_element", "check_links"]

#: where in the element (a pydantic-style location) and what to do about it
Finding = tuple[tuple, str]


def _known(ids) -> str:
    ids = sorted(ids)
    shown = ", ".join(ids[:12])
    return shown + (", …" if len(ids) > 12 else "")


def check_element(element: Element) -> list[Finding]:
    """Rules across one element that its schema cannot express, as ``(location, message)`` pairs."""
    findings: list[Finding] = []

    def add(loc: tuple, message: str) -> None:
        findings.append((loc, message))

    if isinstance(element, Scenario):
        _check_scenario(element, add)
        check_law(element, add)
    elif isinstance(element, SelfCheck):
        _check_selfcheck(element, add)
    return findings


def _check_scenario(s: Scenario, add) -> None:
    targets = set(s.nodes) | set(s.endings)
    for clash in sorted(set(s.nodes) & set(s.endings)):
        add(("endings", clash), f"'{clash}' is both a node and an ending; rename one")
    if len(s.endings) < 2:
        add(("endings",), f"a scenario needs at least two endings; it has {len(s.endings)}")

    seen_perspectives: set[str] = set()
    for i, p in enumerate(s.perspectives):
        if p.id in seen_perspectives:
            add(("perspectives", i, "id"), f"perspective '{p.id}' is listed twice")
        seen_perspectives.add(p.id)
        if p.start not in s.nodes:
            add(("perspectives", i, "start"), f"no node '{p.start}'; known nodes: {_known(s.nodes)}")

    declared = {d.id for d in s.dimensions}
    seen_dims: set[str] = set()
    for i, d in enumerate(s.dimensions):
        if d.id in seen_dims:
            add(("dimensions", i, "id"), f"dimension '{d.id}' is declared twice")
        seen_dims.add(d.id)

    for node_id, node in s.nodes.items():
        labels: set[str] = set()
        for c_index, choice in enumerate(node.choices):
            loc = ("nodes", node_id, "choices", c_index)
            if choice.next not in targets:
                add((*loc, "next"), f"no node or ending '{choice.next}'; known: {_known(targets)}")
            if choice.next == node_id:
                add((*loc, "next"), "a choice cannot lead back to its own node")
            if choice.label in labels:
                add((*loc, "label"), f"two choices here are both labelled '{choice.label}'")
            labels.add(choice.label)
            for dim in choice.dimensions:
                if dim not in declared:
                    add(
                        (*loc, "dimensions", dim),
                        f"dimension '{dim}' is not declared; declared: {_known(declared) or 'none'} "
                        "(add it under 'dimensions:')",
                    )

    starts = [p.start for p in s.perspectives if p.start in s.nodes]
    seen = reachable(s, starts)
    for node_id in s.nodes:
        if node_id not in seen:
            add(
                ("nodes", node_id),
                f"node '{node_id}' cannot be reached from any perspective's start ({_known(starts) or 'none is a node'})",
            )
    for ending_id in s.endings:
        if ending_id not in seen:
            add(
                ("endings", ending_id), f"ending '{ending_id}' cannot be reached from any perspective's start"
            )
    _check_unscored(s, add)
    finishing = can_reach_ending(s)
    for node_id in s.nodes:
        if node_id in seen and node_id not in finishing:
            add(
                ("nodes", node_id),
                f"no path from node '{node_id}' reaches an ending (a dead end or a loop with no way out); "
                "give one of its choices a 'next' that leads to an ending",
            )


def _check_unscored(s: Scenario, add) -> None:
    """Choices only a non-professional perspective can make carry no dimension weights."""
    professional = reachable(s, [p.start for p in s.perspectives if p.professional and p.start in s.nodes])
    for p in s.perspectives:
        if p.professional or p.start not in s.nodes:
            continue
        for node_id in sorted(reachable(s, [p.start]) - professional):
            node = s.nodes.get(node_id)
            for c_index, choice in enumerate(node.choices if node else []):
                if choice.dimensions:
                    add(
                        ("nodes", node_id, "choices", c_index, "dimensions"),
                        f"perspective '{p.id}' is marked 'professional: false' (a resident, patient or "
                        "family member), so its debrief scores no one; remove these dimension weights",
                    )


def _check_selfcheck(sc: SelfCheck, add) -> None:
    ids: set[str] = set()
    for q_index, q in enumerate(sc.questions):
        loc = ("questions", q_index)
        if q.id in ids:
            add((*loc, "id"), f"question id '{q.id}' is used twice in this self-check")
        ids.add(q.id)
        if not isinstance(q, SortQuestion):
            correct = sum(o.correct for o in q.options)
            if q.type == "single" and correct != 1:
                add(
                    (*loc, "options"),
                    f"a single-answer question needs exactly one correct option; it has {correct}"
                    + (" (use type: multiple for several)" if correct > 1 else ""),
                )
            if q.type == "multiple" and correct < 1:
                add((*loc, "options"), "a multiple-answer question needs at least one correct option")
            texts: set[str] = set()
            for o_index, o in enumerate(q.options):
                if o.text in texts:
                    add((*loc, "options", o_index, "text"), f"option '{o.text}' appears twice")
                texts.add(o.text)
        else:
            cats = [c.id for c in q.categories]
            if len(set(cats)) != len(cats):
                add((*loc, "categories"), "two categories share an id")
            labels_seen: dict[str, int] = {}
            for c_index, c in enumerate(q.categories):
                key = " ".join(c.label.casefold().split())
                if key in labels_seen:
                    add(
                        (*loc, "categories", c_index, "label"),
                        f"category label '{c.label}' is the same as category {labels_seen[key] + 1}'s; "
                        "learners cannot tell them apart",
                    )
                labels_seen.setdefault(key, c_index)
                if not any(item.category == c.id for item in q.items):
                    add(
                        (*loc, "categories", c_index),
                        f"category '{c.id}' has no items; give it at least one item or remove it",
                    )
            texts_seen: set[str] = set()
            for i_index, item in enumerate(q.items):
                key = " ".join(item.text.casefold().split())
                if key in texts_seen:
                    add(
                        (*loc, "items", i_index, "text"),
                        f"item '{item.text}' appears twice; learners cannot tell them apart",
                    )
                texts_seen.add(key)
            for i_index, item in enumerate(q.items):
                if item.category not in cats:
                    add(
                        (*loc, "items", i_index, "category"),
                        f"no category '{item.category}'; known categories: {_known(cats)}",
                    )


def check_links(element: Element, labels: Collection[str], parts: Collection[str]) -> list[Finding]:
    """Rules that need the book: a ``see:`` names a section label; a reflection belongs to a page or scenario."""
    findings: list[Finding] = []
    if isinstance(element, Scenario):
        for node_id, node in element.nodes.items():
            for c_index, choice in enumerate(node.choices):
                if choice.see and choice.see not in labels:
                    findings.append(
                        (
                            ("nodes", node_id, "choices", c_index, "see"),
                            f"no section labelled '{choice.see}' in the book; add '({choice.see})=' above the heading "
                            "or use an existing label",
                        )
                    )
    elif isinstance(element, Reflection) and element.module not in parts:
        findings.append(
            (
                ("module",),
                f"'{element.module}' is neither a page of the book nor a scenario; "
                "use the page's file name without '.md' (e.g. 'm1-promise') or the scenario's id",
            )
        )
    return findings
