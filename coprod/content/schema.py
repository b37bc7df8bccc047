"""Typed schema of the course's content files (scenarios, self-checks, reflection prompts).

The models only describe shape and per-field rules; rules that span a whole
element (graph checks, unique ids, exactly one correct answer) live in
:mod:`coprod.content.rules`, so that every problem is reported with its path.
"""

from __future__ import annotations

import unicodedata
from typing import Annotated, Literal, Union

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

__all__ = [
    "Choice",
    "Dimension",
    "Element",
    "Ending",
    "GIBBS_STAGES",
    "Node",
    "Option",
    "Perspective",
    "Question",
    "Reflection",
    "Scenario",
    "SelfCheck",
    "Setting",
    "SortCategory",
    "SortItem",
]

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=80)]


def _visible(text: str) -> str:
    """Refuse text made only of invisible characters (zero-width spaces, direction marks)."""
    if text and not any(unicodedata.category(ch) not in ("Cf", "Zs", "Zl", "Zp", "Cc") for ch in text):
        raise ValueError("holds only invisible characters (zero-width spaces or direction marks); write the text")
    return text


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_visible)]
#: a dimension weight: a whole number from -2 to 2 (true/false are refused, not read as 1/0)
Weight = Annotated[int, Field(ge=-2, le=2, strict=True)]

GIBBS_STAGES = (
    "description",
    "feelings",
    "evaluation",
    "analysis",
    "conclusion",
    "action-plan",
)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Setting(_Model):
    service: Text
    jurisdiction: Text
    law_note: Text


class Dimension(_Model):
    id: Id
    label: Text


class Perspective(_Model):
    id: Id
    label: Text
    description: Text
    start: Id


class Choice(_Model):
    label: Text
    next: Id
    consequence: Text
    feedback: Text
    see: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]+$")] | None = None
    dimensions: dict[Id, Weight] = Field(default_factory=dict)


class Node(_Model):
    speaker: Text = "Narrator"
    text: Text
    discussion: list[Text] = Field(default_factory=list)
    choices: Annotated[list[Choice], Field(min_length=1)]


class Ending(_Model):
    title: Text
    kind: Text
    text: Text


class Scenario(_Model):
    kind: Literal["scenario"]
    id: Id
    title: Text
    summary: Text
    time_minutes: Annotated[int, Field(ge=1, le=240)]
    setting: Setting
    dimensions: list[Dimension] = Field(default_factory=list)
    perspectives: Annotated[list[Perspective], Field(min_length=1)]
    nodes: Annotated[dict[Id, Node], Field(min_length=1)]
    endings: dict[Id, Ending]
    debrief_questions: list[Text] = Field(default_factory=list)


class Option(_Model):
    text: Text
    correct: bool = False
    feedback: Text


class SortCategory(_Model):
    id: Id
    label: Text


class SortItem(_Model):
    text: Text
    category: Id
    feedback: Text


class _QuestionBase(_Model):
    id: Id
    prompt: Text
    explanation: Text


class SingleQuestion(_QuestionBase):
    type: Literal["single"]
    options: Annotated[list[Option], Field(min_length=2)]


class MultipleQuestion(_QuestionBase):
    type: Literal["multiple"]
    options: Annotated[list[Option], Field(min_length=2)]


class SortQuestion(_QuestionBase):
    type: Literal["sort"]
    categories: Annotated[list[SortCategory], Field(min_length=2)]
    items: Annotated[list[SortItem], Field(min_length=2)]


Question = Annotated[
    Union[SingleQuestion, MultipleQuestion, SortQuestion], Field(discriminator="type")
]


class SelfCheck(_Model):
    kind: Literal["selfcheck"]
    id: Id
    module: Id | None = None
    title: Text = "Check your understanding"
    questions: Annotated[list[Question], Field(min_length=1)]


class Reflection(_Model):
    kind: Literal["reflection"]
    id: Id
    module: Id
    title: Text
    stage: Literal[GIBBS_STAGES]  # type: ignore[valid-type]
    prompt: Text
    guidance: Text
    others_said: Text | None = None


Element = Annotated[Union[Scenario, SelfCheck, Reflection], Field(discriminator="kind")]
