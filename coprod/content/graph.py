"""Graph functions over a scenario: reachability, paths, endings and dimension profiles.

A scenario is a directed graph: nodes have choices, each choice leads to a
node or an ending. These functions need no display and serve the checker,
the branch map, the record exports and the exercises alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .schema import Scenario

__all__ = [
    "Route",
    "Step",
    "can_reach_ending",
    "decision_points_on_longest_path",
    "dimension_profile",
    "endings_reachable",
    "enumerate_paths",
    "reachable",
]


@dataclass(frozen=True)
class Step:
    """One decision: at ``node`` the learner took choice number ``choice`` (0-based)."""

    node: str
    choice: int


@dataclass(frozen=True)
class Route:
    """A complete route from a perspective's start to an ending."""

    perspective: str
    steps: tuple[Step, ...]
    ending: str

    @property
    def decisions(self) -> int:
        return len(self.steps)


def _next_ids(scenario: Scenario, node_id: str) -> list[str]:
    node = scenario.nodes.get(node_id)
    return [c.next for c in node.choices] if node else []


def reachable(scenario: Scenario, starts: Iterable[str]) -> set[str]:
    """Every node and ending id reachable from ``starts`` (the starts included)."""
    seen: set[str] = set()
    todo = [s for s in starts if s in scenario.nodes or s in scenario.endings]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        todo.extend(n for n in _next_ids(scenario, current) if n not in seen)
    return seen


def can_reach_ending(scenario: Scenario) -> set[str]:
    """Node ids from which at least one ending can be reached (endings included)."""
    good = set(scenario.endings)
    changed = True
    while changed:
        changed = False
        for node_id in scenario.nodes:
            if node_id not in good and any(n in good for n in _next_ids(scenario, node_id)):
                good.add(node_id)
                changed = True
    return good


def endings_reachable(scenario: Scenario, perspective: str) -> list[str]:
    """Ending ids reachable in one perspective, in the order the file lists them."""
    start = _perspective(scenario, perspective).start
    seen = reachable(scenario, [start])
    return [e for e in scenario.endings if e in seen]


def _perspective(scenario: Scenario, perspective: str):
    for p in scenario.perspectives:
        if p.id == perspective:
            return p
    known = ", ".join(p.id for p in scenario.perspectives)
    raise KeyError(f"scenario '{scenario.id}' has no perspective '{perspective}'; known: {known}")


def enumerate_paths(scenario: Scenario, perspective: str, limit: int = 20000) -> list[Route]:
    """Every simple path (no node visited twice) from the perspective's start to an ending.

    Raises ``ValueError`` if there are more than ``limit`` paths, so a huge graph
    cannot hang a notebook.
    """
    start = _perspective(scenario, perspective).start
    paths: list[Route] = []

    def walk(node_id: str, steps: tuple[Step, ...], visited: frozenset[str]) -> Iterator[Route]:
        if node_id in scenario.endings:
            yield Route(perspective, steps, node_id)
            return
        node = scenario.nodes.get(node_id)
        if node is None or node_id in visited:
            return
        for index, choice in enumerate(node.choices):
            yield from walk(choice.next, (*steps, Step(node_id, index)), visited | {node_id})

    for path in walk(start, (), frozenset()):
        paths.append(path)
        if len(paths) > limit:
            raise ValueError(f"scenario '{scenario.id}' has more than {limit} paths in '{perspective}'")
    return paths


def decision_points_on_longest_path(scenario: Scenario, perspective: str) -> int:
    """The number of decisions on the longest simple path to an ending."""
    return max((p.decisions for p in enumerate_paths(scenario, perspective)), default=0)


def dimension_profile(scenario: Scenario, steps: Iterable[Step]) -> dict[str, int]:
    """The summed dimension weights of the choices taken, for every declared dimension."""
    profile = {d.id: 0 for d in scenario.dimensions}
    for step in steps:
        choice = scenario.nodes[step.node].choices[step.choice]
        for dim, weight in choice.dimensions.items():
            profile[dim] = profile.get(dim, 0) + weight
    return profile
