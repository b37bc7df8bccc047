"""Workshop plans: typed schema, loading and the sums a facilitator relies on.

A plan is a YAML file in ``book/workshop/_data/plans/``. Its agenda is a list
of blocks; each block's ``kind`` says whether it is learning time (``activity``
and ``primer``) or not (``arrival``, ``break``, ``evaluation``). The blocks'
minutes add up to the plan's length, buffers included.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, model_validator
from ruamel.yaml import YAML

from .schema import ID_PATTERN

__all__ = ["Plan", "Block", "PlanError", "load_plan", "plan_dir", "LEARNING_KINDS"]

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=80)]
LEARNING_KINDS = ("activity", "primer")


class PlanError(ValueError):
    """A plan file that does not follow the schema; the message names the file and the field."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Block(_Model):
    minutes: Annotated[int, Field(gt=0, strict=True)]
    kind: Literal["arrival", "primer", "activity", "break", "evaluation"] = "activity"
    activity: Text
    purpose: Text
    how: Text
    scenario: Id | None = None
    sections: list[Text] = []
    elements: list[Id] = []
    materials: list[Text] = []
    cut_if_late: Text | None = None

    @property
    def learning(self) -> bool:
        return self.kind in LEARNING_KINDS


class PreReading(_Model):
    section: Text
    minutes: Annotated[int, Field(gt=0)]
    note: Text


class Alternative(_Model):
    scenario: Id
    note: Text


class Plan(_Model):
    id: Id
    title: Text
    length_minutes: Annotated[int, Field(gt=0)]
    audience: Text
    objectives: Annotated[list[Text], Field(min_length=1)]
    pre_reading: list[PreReading] = []
    scenarios: list[Id] = []
    alternative_scenarios: list[Alternative] = []
    materials: Annotated[list[Text], Field(min_length=1)]
    room_variant: Text
    online_variant: Text
    agenda: Annotated[list[Block], Field(min_length=1)]

    @model_validator(mode="after")
    def _adds_up(self) -> Plan:
        total = sum(b.minutes for b in self.agenda)
        if total != self.length_minutes:
            raise ValueError(f"agenda minutes add up to {total}, not length_minutes {self.length_minutes}")
        kinds = [b.kind for b in self.agenda]
        if kinds[0] != "arrival":
            raise ValueError(
                "the agenda must open with an arrival block (kind: arrival) before the learning starts"
            )
        if "evaluation" not in kinds:
            raise ValueError("the agenda needs its own evaluation block (kind: evaluation)")
        if "primer" not in kinds:
            raise ValueError("the agenda needs a primer block (kind: primer) for people who did not pre-read")
        if not any(b.cut_if_late for b in self.agenda):
            raise ValueError("at least one block needs a cut_if_late line")
        return self

    @property
    def learning_minutes(self) -> int:
        """Participatory learning time: the plan less arrival, breaks and evaluation."""
        return sum(b.minutes for b in self.agenda if b.learning)

    @property
    def breaks(self) -> list[tuple[int, Block]]:
        """Each break with its start, in minutes from the start of the session."""
        return [(start, b) for start, b in self.timed() if b.kind == "break"]

    def timed(self) -> list[tuple[int, Block]]:
        """Every block with its start in minutes from the start of the session."""
        out, start = [], 0
        for b in self.agenda:
            out.append((start, b))
            start += b.minutes
        return out


def plan_dir(root: Path) -> Path:
    return root / "book" / "workshop" / "_data" / "plans"


def load_plan(path: Path) -> Plan:
    """Read and validate one plan; a bad file raises PlanError naming the file and the field."""
    try:
        data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    except Exception as exc:  # ruamel raises several kinds; the message says where
        raise PlanError(f"{path}: not valid YAML: {exc}") from exc
    try:
        return Plan.model_validate(data)
    except ValidationError as exc:
        lines = [f"{path}: {'.'.join(str(p) for p in e['loc']) or 'plan'}: {e['msg']}" for e in exc.errors()]
        raise PlanError("\n".join(lines)) from None
