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
    # a field's docstring is its description: in the JSON Schema (authors' editors show it) and in
    # the author guide's field reference, both generated from these models
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


class LegalSource(_Model):
    """Where a statement of law comes from, and when someone last checked it there."""

    title: Text
    """the source's own title, such as the Act and section or the judgment's name"""
    url: Text  # checked by the rules: an https:// address
    """its address, starting `https://`: the primary source where you can (legislation.gov.uk, the judgment, the regulator's own page)"""
    jurisdiction: Text
    """where it applies, such as `England and Wales`"""
    checked: Any  # 'YYYY-MM-DD' or 'YYYY-MM'; checked by the rules so a bad date gets a message that says what to write
    """the day (or month) you last read it there, written `YYYY-MM-DD` or `YYYY-MM`"""


class LawStatement(_Model):
    """One statement of law, regulation or a regulator's requirement, citing sources by id."""

    text: Text
    """the statement, in plain words"""
    sources: list[Id] = Field(default_factory=list)
    """the ids, under the scenario's `sources`, of what it relies on"""

    @model_validator(mode="before")
    @classmethod
    def _plain_text(cls, value: Any) -> Any:
        # 'law_note: some text' is a statement with no sources: the rules report it
        return {"text": value} if isinstance(value, str) else value


class Setting(_Model):
    service: Text
    """the service the story happens in"""
    jurisdiction: Text
    """where it is set, such as `United Kingdom (events in England)`"""
    law_note: list[LawStatement] | None = None  # leave it out only where no law turns on the scenario
    """the law, regulation or official guidance the story turns on: a list of statements, each with its `text` and `sources`; leave it out only where none applies"""

    @model_validator(mode="before")
    @classmethod
    def _one_statement(cls, value: Any) -> Any:
        # a law note written as one text or one mapping is a list of one statement
        if isinstance(value, dict) and isinstance(value.get("law_note"), (str, dict)):
            return {**value, "law_note": [value["law_note"]]}
        return value


class Dimension(_Model):
    id: Id
    """the dimension's id, used in choices' `dimensions`"""
    label: Text
    """what the learner sees, such as `User voice`"""


class Perspective(_Model):
    id: Id
    """the perspective's id"""
    label: Text
    """whose story it is, as the learner sees it: `Ms Grace Okafor, consultant colorectal surgeon`"""
    description: Text
    """a sentence or two on who they are, shown on the button that starts this perspective"""
    role: Text | None = None
    """the side in a few words and with no name, as a CPD record describes it: `the surgeon`; without it, the words after the label's first comma"""
    minutes: Annotated[int, Field(ge=1, le=240)] | None = None
    """minutes to play this side alone, as the page's timings say; without it, the scenario's `time_minutes`"""
    start: Id
    """the id of the node this perspective starts at"""
    # false for residents, patients and family members: their debrief shows what the path did
    # (whose voice was heard, who decided) and never scores the person on the course's dimensions
    professional: bool = True
    """`false` for residents, patients and family members: their debrief shows what the path did and never scores the person"""
    # questions for this side's debrief, written to that reader (a carer is not asked how to
    # handle "a frightened attorney"); the scenario's own questions are shown after them
    debrief_questions: list[Text] = Field(default_factory=list)
    """questions for this side's debrief, written to that reader; the scenario's own questions follow them"""


class Choice(_Model):
    label: Text
    """what the learner picks"""
    next: Id
    """the id of the node or ending it leads to"""
    consequence: Text
    """what happens in the story"""
    feedback: Text
    """the coaching"""
    see: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]+$")] | None = None
    """the label of a section of the book to read, which becomes a link"""
    dimensions: dict[Id, Weight] = Field(default_factory=dict)
    """a whole number from -2 to 2 for any of the scenario's declared dimensions"""
    law: list[Id] = Field(default_factory=list)  # ids of the scenario's sources this coaching states law from
    """the ids of the scenario's `sources` the coaching states law from"""


class Node(_Model):
    speaker: Text = "Narrator"
    """who speaks in the scene"""
    text: Text
    """the scene"""
    discussion: list[Text] = Field(default_factory=list)
    """questions for a group to talk over before choosing; a solo learner sees them as an optional "think first" step"""
    choices: Annotated[list[Choice], Field(min_length=1)]
    """what the player can do next: at least one"""
    law: list[Id] = Field(default_factory=list)  # ids of the sources the scene's text states law from
    """the ids of the scenario's `sources` the scene's text states law from"""


class Ending(_Model):
    title: Text
    """the ending's heading"""
    kind: Text
    """a short label for the kind of outcome, such as `shared plan` or `tokenistic consultation`"""
    text: Text
    """what happened in the end"""
    law: list[Id] = Field(default_factory=list)  # ids of the sources the ending states law from
    """the ids of the scenario's `sources` the ending's text states law from"""


class Scenario(_Model):
    kind: Literal["scenario"]
    """always `scenario`"""
    id: Id
    """the scenario's unique id"""
    title: Text
    """its title"""
    summary: Text
    """one paragraph on what happens and whose stories the learner can play"""
    time_minutes: Annotated[int, Field(ge=1, le=240)]
    """minutes to play one perspective alone, a whole number"""
    setting: Setting
    """the `service`, the `jurisdiction` and the `law_note`"""
    dimensions: list[Dimension] = Field(default_factory=list)
    """the course's lens on the choices, each with an `id` and a `label`, such as user voice or accountability"""
    perspectives: Annotated[list[Perspective], Field(min_length=1)]
    """whose story the learner can play: at least one"""
    nodes: Annotated[dict[Id, Node], Field(min_length=1)]
    """the decisions, each under its id"""
    endings: dict[Id, Ending]
    """the endings, each under its id: at least two, of different kinds"""
    debrief_questions: list[Text] = Field(default_factory=list)
    """questions shown at the end"""
    sources: dict[Id, LegalSource] = Field(default_factory=dict)  # the legal sources its statements cite
    """every legal or regulatory source the scenario relies on, each under a short id"""


class Option(_Model):
    text: Text
    """the answer as the learner reads it"""
    correct: bool = False
    """`true` for a right answer"""
    feedback: Text
    """what the learner reads after choosing it, right or wrong"""


class SortCategory(_Model):
    id: Id
    """the group's id, used by items' `category`"""
    label: Text
    """the group's name as the learner sees it"""


class SortItem(_Model):
    text: Text
    """the item to sort"""
    category: Id
    """the id of the group it belongs in"""
    feedback: Text
    """what the learner reads after sorting it"""


class _QuestionBase(_Model):
    id: Id
    """the question's id, unique within its self-check"""
    prompt: Text
    """the question"""
    explanation: Text
    """shown after the learner answers"""


class SingleQuestion(_QuestionBase):
    type: Literal["single"]
    """`single`: one right answer"""
    options: Annotated[list[Option], Field(min_length=2)]
    """the answers, each with `text`, `correct` and `feedback`: exactly one correct"""


class MultipleQuestion(_QuestionBase):
    type: Literal["multiple"]
    """`multiple`: select all that apply"""
    options: Annotated[list[Option], Field(min_length=2)]
    """the answers, each with `text`, `correct` and `feedback`: any number correct"""


class SortQuestion(_QuestionBase):
    type: Literal["sort"]
    """`sort`: the learner sorts items into groups"""
    categories: Annotated[list[SortCategory], Field(min_length=2)]
    """the groups, each with an `id` and a `label`: at least two"""
    items: Annotated[list[SortItem], Field(min_length=2)]
    """the items, each with `text`, the `category` it belongs in and `feedback`: every group needs one"""


Question = Annotated[SingleQuestion | MultipleQuestion | SortQuestion, Field(discriminator="type")]


class SelfCheck(_Model):
    kind: Literal["selfcheck"]
    """always `selfcheck`"""
    id: Id
    """the self-check's unique id"""
    module: Id | None = None
    """the module or scenario it belongs to, by its id"""
    title: Text = "Check your understanding"
    """its heading"""
    questions: Annotated[list[Question], Field(min_length=1)]
    """the questions, each `single`, `multiple` or `sort`"""


class Reflection(_Model):
    kind: Literal["reflection"]
    """always `reflection`"""
    id: Id
    """the prompt's unique id"""
    module: Id
    """the module or scenario it belongs to, by its id, such as `m1-promise` or `surgery`"""
    title: Text
    """a short heading"""
    stage: Literal[GIBBS_STAGES]  # type: ignore[valid-type]
    """its stage of the Gibbs reflective cycle"""
    prompt: Text
    """the question"""
    guidance: Text
    """how to approach it, in a sentence or two"""
    others_said: Text | None = None
    """what others have said, shown only after the learner has written something"""


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
