"""The five exercise notebooks' engine: data, pictures (SVG) and widgets.

The notebooks in ``exercises/`` and any page import from here
(``from coprod.exercises import placement_exercise``), so no logic sits in a
notebook cell. One module per exercise (``placement``, ``policy``, ``paths``,
``power``, ``agreement``) and ``common`` for what they share. Their content
(reference points, the fictional policy extract, prompts, the checklist,
sample inputs) is JSON in ``data/`` inside the package, with a copy of what
they need from the book (``data/course.json``), so a notebook runs wherever
the package is installed. Every sentence taken from a module names the section
it comes from, and a test checks that it is still there word for word.
"""

from __future__ import annotations

from .agreement import (
    Agreement,
    agreement_checklist,
    agreement_checklist_block,
    agreement_exercise,
    agreement_gaps,
    agreement_html,
    agreement_markdown,
    agreement_preview,
    sample_agreement,
)
from .common import Block, Exercise, ExerciseSetupError, Quote, download_link, markdown_text
from .paths import (
    PathPosition,
    Record,
    RecordError,
    load_record,
    locate_path,
    path_picture,
    path_report,
    path_table,
    profile_distribution,
    record_attempts,
    sample_record,
    scenario_path_exercise,
)
from .placement import (
    ReferencePoint,
    cell_label,
    grid_table,
    placement_exercise,
    placement_svg,
    placement_table,
    reference_points,
)
from .policy import (
    evidence_summary,
    own_evidence_summary,
    own_feedback,
    own_policy_exercise,
    own_sentences,
    policy_answer_key,
    policy_exercise,
    policy_extract,
    policy_extract_block,
    sort_feedback,
)
from .power import (
    Stakeholder,
    map_prompts,
    power_questions,
    sample_stakeholders,
    stakeholder_exercise,
    stakeholder_report,
    stakeholder_svg,
)

__all__ = [
    "Agreement",
    "Block",
    "Exercise",
    "ExerciseSetupError",
    "PathPosition",
    "Quote",
    "Record",
    "RecordError",
    "ReferencePoint",
    "Stakeholder",
    "agreement_checklist",
    "agreement_checklist_block",
    "agreement_exercise",
    "agreement_gaps",
    "agreement_html",
    "agreement_markdown",
    "agreement_preview",
    "cell_label",
    "download_link",
    "evidence_summary",
    "grid_table",
    "load_record",
    "locate_path",
    "map_prompts",
    "markdown_text",
    "own_evidence_summary",
    "own_feedback",
    "own_policy_exercise",
    "own_sentences",
    "path_picture",
    "path_report",
    "path_table",
    "placement_exercise",
    "placement_svg",
    "placement_table",
    "policy_answer_key",
    "policy_exercise",
    "policy_extract",
    "policy_extract_block",
    "power_questions",
    "profile_distribution",
    "record_attempts",
    "reference_points",
    "sample_agreement",
    "sample_record",
    "sample_stakeholders",
    "scenario_path_exercise",
    "sort_feedback",
    "stakeholder_exercise",
    "stakeholder_report",
    "stakeholder_svg",
]
