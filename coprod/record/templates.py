"""The export templates of the CPD record: one per regulator's or employer's form.

Each template names the form it follows, who it is for, a check to make
against the regulator's current version, and its fields. The record pages show
them (``coprod/static/record/exports.js``) and both sides draft the same text
from them (:func:`coprod.record.model.prefill`, ``model.js`` ``prefill``).
"""

from __future__ import annotations

from ..content.schema import GIBBS_STAGES
from .nmc_code import code_parts

__all__ = ["NMC_CODE_PARTS", "NMC_THEMES", "STAGE_LABELS", "TEMPLATES", "TEMPLATE_IDS"]

STAGE_LABELS = {s: s.replace("-", " ").capitalize() for s in GIBBS_STAGES}

# Each field is prefilled from a source (model.py source_text, model.js sourceText):
#   "stages:a,b"  the selected reflections written at those Gibbs stages, in course order
#   "activity"    a sentence naming the course and the parts the selected reflections come from,
#                 then the debrief of each of those scenarios
#   "a|b"         both, one after the other
#   "dates"       the first and last dates of anything in the record
#   "hours"       total hours; "hours_participatory" the participatory part
#   "hours_how"   one line, in minutes, on how the hours were reached
#   "sessions"    the participatory sessions logged, each with its date and hours
#   "method"      how the learning was done, with the participatory sessions logged
#   "evidence"    what the learner can keep as evidence
#   ""            left for the learner
# A "choices" field is a set of tick boxes; its "prompts" give a question under each
# option. The NMC Code's themes and sections come from one data file, with their
# sources and the date checked (coprod/static/nmc-code.json, read by nmc_code.py).

NMC_CODE_PARTS = [p["label"] for p in code_parts()]
NMC_THEMES = [p["label"] for p in code_parts() if p["kind"] == "theme"]
_NMC_PROMPTS = {p["label"]: p["prompt"] for p in code_parts()}
_LEARNT = "stages:feelings,evaluation,analysis,conclusion"


def _f(
    fid: str,
    label: str,
    source: str,
    help: str,
    kind: str = "text",
    options: list[str] | None = None,
    prompts: dict[str, str] | None = None,
) -> dict:
    out: dict[str, object] = {"id": fid, "label": label, "source": source, "help": help, "kind": kind}
    if options:
        out["options"] = options
    if prompts:
        out["prompts"] = {o: prompts[o] for o in options or [] if o in prompts}
    return out


TEMPLATES: list[dict] = [
    {
        "id": "nmc-reflective-account",
        "name": "NMC reflective account",
        "for": "Nurses, midwives and nursing associates registered with the NMC (UK)",
        "follows": "the NMC's written reflective account form for revalidation",
        "check": "The NMC may change its form: check this against the current version on the NMC's revalidation pages before you use it.",
        "note": "Revalidation asks for five written reflective accounts in each three-year period. You discuss "
        "them with a colleague and your confirmer sees them; they are not uploaded to the NMC. "
        "An account must not identify anyone.",
        "first_person": False,
        "fields": [
            _f(
                "nature",
                "What the CPD activity, feedback or experience was",
                "activity|stages:description",
                "Name the activity and say briefly what happened. A scenario debrief counts as part of the activity.",
            ),
            _f(
                "learnt",
                "What you learnt from it",
                _LEARNT,
                "What you now understand, or see differently, and why.",
            ),
            _f(
                "changed",
                "How you changed or improved your practice as a result",
                "stages:action-plan",
                "What you do differently now, or will do, and by when.",
            ),
            _f(
                "themes",
                "Parts of the Code this account relates to",
                "",
                "Tick each part of the Code that your account relates to: the export names each one you tick. "
                "The first four are the Code's four themes; section 16 sits within Preserve safety. "
                "The question under each helps you write the next box.",
                "choices",
                NMC_CODE_PARTS,
                _NMC_PROMPTS,
            ),
            _f(
                "code",
                "How this is relevant to the Code",
                "",
                "For each part you ticked, say what you did, or will do, that meets it; the question under it "
                "can start you off. To name another standard of the Code, take its number and words from the "
                "Code itself on the NMC's site.",
            ),
        ],
    },
    {
        "id": "nmc-cpd-log",
        "name": "NMC CPD log entry",
        "for": "Nurses, midwives and nursing associates registered with the NMC (UK)",
        "follows": "the NMC's record of continuing professional development for revalidation",
        "check": "The NMC may change its template: check this against the current version on the NMC's revalidation pages before you use it.",
        "note": "Revalidation asks for 35 hours of CPD in three years, at least 20 of them participatory. "
        "Participatory means learning with other professionals, in person or online. Working through "
        "this course on your own is not participatory; a workshop or group discussion you logged is.",
        "first_person": False,
        "fields": [
            _f("dates", "Dates", "dates", "When you did the learning."),
            _f("method", "CPD method", "method", "For example: online course, workshop, group discussion."),
            _f(
                "topic",
                "Topic and how it relates to your practice",
                "activity|stages:action-plan",
                "What the learning was about and why it matters in your role: your action plan, if you wrote one, "
                "says what you will do differently.",
            ),
            _f(
                "hours",
                "Number of hours",
                "hours|hours_how",
                "Your hours, as on your progress page, with how they were reached.",
            ),
            _f(
                "participatory",
                "Of which participatory hours",
                "hours_participatory",
                "Only time spent learning with other professionals.",
            ),
            _f(
                "code",
                "Parts of the Code most relevant",
                "",
                "Tick the parts of the Code this learning relates to: the log names each one you tick. Any you "
                "ticked for your NMC reflective account start ticked here. "
                "To name another standard, take its number and words from the Code on the NMC's site.",
                "choices",
                NMC_CODE_PARTS,
            )
            | {"from": "nmc-reflective-account:themes"},
            _f("evidence", "Evidence you keep", "evidence", "What you could show if asked."),
        ],
    },
    {
        "id": "hcpc-statement",
        "name": "HCPC CPD profile: statement (one activity)",
        "for": "Professionals registered with the HCPC (UK), for the statement in a CPD profile",
        "follows": "the statement part of an HCPC CPD profile, for one activity written in the first person",
        "check": "The HCPC may change its guidance: check this against the current version of its guidance on completing a CPD profile before you use it.",
        "note": "A profile's statement describes a few activities: what each was, what you learnt, how it "
        "improved the quality of your work and how it benefited service users. The whole statement "
        "has a word limit (1,500 words in the guidance this course read). Write 'I', not 'we'.",
        "first_person": True,
        "fields": [
            _f(
                "activity",
                "The activity: what I did",
                "activity|stages:description",
                "Describe what you did, in the first person.",
            ),
            _f("learnt", "What I learnt", _LEARNT, "What you now understand, or see differently."),
            _f(
                "quality",
                "How it improved the quality of my work",
                "stages:action-plan",
                "What you do differently, with an example if you have one.",
            ),
            _f(
                "users",
                "How it benefited the people who use my service",
                "",
                "Be specific about who benefits and how you know.",
            ),
            _f("evidence", "Evidence", "evidence", "What you could send with the profile."),
        ],
    },
    {
        "id": "college-of-policing",
        "name": "College of Policing CPD summary",
        "for": "Police officers and staff in England and Wales",
        "follows": "the College of Policing's four-stage CPD cycle (self-awareness, planning, action, reflection) "
        "and the CPD summary you share with your line manager",
        "check": "The College may change its guidance: check this against the current version of the College of Policing's CPD guidance, and your force's PDR form, before you use it.",
        "note": "The CPD summary is the part you share with your line manager, and it can feed your PDR. "
        "Keep sensitive information out of it: no names, addresses or details of cases.",
        "first_person": False,
        "fields": [
            _f(
                "awareness",
                "Self-awareness: why I needed this development",
                "stages:description",
                "Where the question came up in your work.",
            ),
            _f(
                "planning",
                "Planning: what I set out to learn",
                "",
                "The learning need you identified and what you chose to do about it.",
            ),
            _f("action", "Action: what I did", "activity", "The learning you did, with dates and time."),
            _f(
                "reflection",
                "Reflection: what I learnt and how it affects my practice",
                _LEARNT,
                "What you understand now and what difference it makes to your work.",
            ),
            _f("public", "Benefit to the public", "", "How the people you serve gain from it."),
            _f("next", "Next steps", "stages:action-plan", "What you will do next, and by when."),
            _f("time", "Dates and time spent", "dates_hours", "When, and how many hours."),
        ],
    },
    {
        "id": "ahpra-nmba",
        "name": "Ahpra / NMBA CPD plan and record",
        "for": "Practitioners registered with Ahpra (Australia), including nurses and midwives (NMBA)",
        "follows": "the planned approach to CPD in the Ahpra and NMBA standards: a learning need, a plan, "
        "the activity, and a reflection on its value to practice, with dates, hours and outcomes",
        "check": "Boards revise their standards: check this against the current version of your National Board's CPD registration standard before you use it.",
        "note": "Boards ask you to keep CPD records and evidence for a set number of years; check your "
        "Board's standard for how long and which categories of CPD apply to you.",
        "first_person": False,
        "fields": [
            _f(
                "need",
                "Learning need (as I assessed it against the standards for my practice)",
                "stages:description",
                "What gap or question in your practice led you here.",
            ),
            _f("plan", "Learning plan or goal", "", "What you planned to learn and how."),
            _f("activity", "Activity", "activity", "What you did."),
            _f("dates", "Date(s)", "dates", "When you did it."),
            _f(
                "hours",
                "Hours",
                "hours|hours_how",
                "Your hours, as on your progress page, with how they were reached.",
            ),
            _f(
                "type", "Type of CPD", "", "Use your Board's categories, for example an educational activity."
            ),
            _f(
                "outcome",
                "Outcome: reflection on the value to my practice",
                "stages:feelings,evaluation,analysis,conclusion,action-plan",
                "What you learnt and how it has changed, or will change, your practice.",
            ),
            _f(
                "evidence", "Evidence kept", "evidence", "What you keep to show the activity and its outcome."
            ),
        ],
    },
    {
        "id": "paramedicine-board",
        "name": "Paramedicine Board of Australia CPD record",
        "for": "Paramedics registered in Australia (the Paramedicine Board of Australia, through Ahpra); not nurses, midwives or doctors",
        "follows": "the Paramedicine Board of Australia's registration standard for continuing professional development "
        "(in effect from 17 May 2018): at least 30 hours of CPD each registration year, at least 8 of them "
        "in an interactive setting with other practitioners (standard listed at "
        "https://www.paramedicineboard.gov.au/Professional-standards/Registration-standards.aspx; the figures checked "
        "on 6 December 2026 against a published commentary quoting the standard, whose own text could not be opened)",
        "check": "The Board revises its standards and guidelines: check this against the current version of its CPD "
        "registration standard and guidelines on the Paramedicine Board's website before you use it.",
        "note": "Your hours below come from your record. Interactive hours are only the participatory time you logged: "
        "a workshop, team discussion or group session with other practitioners. Working through this course on "
        "your own counts towards the 30 hours but not towards the 8 interactive hours. The standard does not "
        "define 'other practitioners': if a session's group was not mainly health practitioners, check the Board's "
        "CPD guidelines before you count it as interactive. Count the hours against your own registration year: "
        "check its dates on your Ahpra renewal.",
        "first_person": False,
        "fields": [
            _f(
                "activity",
                "Activity",
                "activity|sessions",
                "What you did: the course, and any group session you logged.",
            ),
            _f("dates", "Date(s)", "dates", "When you did it."),
            _f(
                "hours",
                "CPD hours",
                "hours|hours_how",
                "Your hours, as on your progress page, with how they were reached.",
            ),
            _f(
                "interactive",
                "Of which interactive hours (with other practitioners)",
                "hours_participatory",
                "Only time you logged as learning with other practitioners.",
            ),
            _f(
                "need",
                "Why I chose it: the learning need in my practice",
                "stages:description",
                "Which situation in your practice made this worth your time? Think of a job where a patient or family wanted a say.",
            ),
            _f(
                "outcome",
                "What I learnt and how it improves patient outcomes and experiences",
                _LEARNT + ",action-plan",
                "Name one thing you will do differently with patients or families, and how you will know it helped.",
            ),
            _f(
                "evidence", "Evidence kept", "evidence", "What you keep to show the activity and its outcome."
            ),
        ],
    },
    {
        "id": "gibbs",
        "name": "Reflective account (Gibbs cycle)",
        "for": "Anyone, including social workers, paramedics and students, where a Gibbs account is asked for",
        "follows": "Gibbs' reflective cycle (1988): description, feelings, evaluation, analysis, conclusion, action plan",
        "check": "Employers, universities and professional bodies adapt the cycle: if yours has its own template, "
        "check the headings against its current version before you use it.",
        "note": "Each heading is prefilled from the reflections you wrote at that stage of the cycle.",
        "first_person": False,
        "fields": [
            _f("context", "Context: the learning activity", "activity", "What this reflection is about."),
            *[
                _f(stage, STAGE_LABELS[stage], f"stages:{stage}", help)
                for stage, help in [
                    ("description", "What happened?"),
                    ("feelings", "What were you thinking and feeling?"),
                    ("evaluation", "What was good and bad about the experience?"),
                    ("analysis", "What sense can you make of it?"),
                    ("conclusion", "What else could you have done?"),
                    ("action-plan", "If it arose again, what would you do?"),
                ]
            ],
        ],
    },
]
TEMPLATE_IDS = tuple(t["id"] for t in TEMPLATES)
