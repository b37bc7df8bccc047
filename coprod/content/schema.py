"""Typed schema of the course's content files (scenarios, self-checks, reflection prompts).

The models only describe shape and per-field rules; rules that span a whole
element (graph checks, unique ids, exactly one correct answer) live in
:mod:`coprod.content.rules`, so that every problem is reported with its path.
"""

from __future__ import annotations

import unicodedata
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, model_validator

__all__ = [
    "Choice",
    "Dimension",
    "Element",
    "Ending",
    "GIBBS_STAGES",
    "LawStatement",
    "LegalSource",
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
        raise ValueError(
            "holds only invisible characters (zero-width spaces or direction marks); write the text"
        )
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


class LegalSource(_Model):
    """Where a statement of law comes from, and when someone last checked it there."""

    title: Text
    url: Text  # checked by the rules: an https:// address
    jurisdiction: Text
    checked: Any  # 'YYYY-MM'; checked by the rules so a bad date gets a message that says what to write


class LawStatement(_Model):
    """One statement of law, regulation or a regulator's requirement, citing sources by id."""

    text: Text
    sources: list[Id] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _plain_text(cls, value: Any) -> Any:
        # 'law_note: some text' is a statement with no sources: the rules report it
        return {"text": value} if isinstance(value, str) else value


class Setting(_Model):
    service: Text
    jurisdiction: Text
    law_note: list[LawStatement] | None = None  # leave it out only where no law turns on the scenario

    @model_validator(mode="before")
    @classmethod
    def _one_statement(cls, value: Any) -> Any:
        # a law note written as one text or one mapping is a list of one statement
        if isinstance(value, dict) and isinstance(value.get("law_note"), (str, dict)):
            return {**value, "law_note": [value["law_note"]]}
        return value


class Dimension(_Model):
    id: Id
    label: Text


class Perspective(_Model):
    id: Id
    label: Text
    description: Text
    start: Id
    # false for residents, patients and family members: their debrief shows what the path did
    # (whose voice was heard, who decided) and never scores the person on the course's dimensions
    professional: bool = True
    # questions for this side's debrief, written to that reader (a carer is not asked how to
    # handle "a frightened attorney"); the scenario's own questions are shown after them
    debrief_questions: list[Text] = Field(default_factory=list)


class Choice(_Model):
    label: Text
    next: Id
    consequence: Text
    feedback: Text
    see: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]+$")] | None = None
    dimensions: dict[Id, Weight] = Field(default_factory=dict)
    law: list[Id] = Field(default_factory=list)  # ids of the scenario's sources this coaching states law from


class Node(_Model):
    speaker: Text = "Narrator"
    text: Text
    discussion: list[Text] = Field(default_factory=list)
    choices: Annotated[list[Choice], Field(min_length=1)]
    law: list[Id] = Field(default_factory=list)  # ids of the sources the scene's text states law from


class Ending(_Model):
    title: Text
    kind: Text
    text: Text
    law: list[Id] = Field(default_factory=list)  # ids of the sources the ending states law from


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
    sources: dict[Id, LegalSource] = Field(default_factory=dict)  # the legal sources its statements cite


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


Question = Annotated[SingleQuestion | MultipleQuestion | SortQuestion, Field(discriminator="type")]


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


Element = Annotated[Scenario | SelfCheck | Reflection, Field(discriminator="kind")]


def json_schema() -> dict:
    """The content schema as JSON Schema (2020-12), for authors' editors and the front end."""
    from pydantic import TypeAdapter

    schema = TypeAdapter(Element).json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Co-production course content element",
        "description": "One YAML file: a scenario, a self-check or a reflection prompt. "
        "Generated by 'python -m coprod schema'; rules that span a file (graph checks, one correct "
        "answer) are checked by 'python -m coprod check'.",
        **schema,
    }
