"""The learner's CPD record: progress, reflective journal, exports, backup and completion statement.

On the site, the record pages call :func:`show_record`; ``coprod/static/record.js``
renders each view from the learner's browser storage. In a notebook,
:func:`load_record` reads a backup file the learner downloaded and :func:`export`
writes any of the exports as Markdown, the same text the record pages produce::

    from coprod.record import load_record, export, TEMPLATE_IDS
    record = load_record("coprod-record-2026-05-12.json")
    print(export(record, "nmc-reflective-account"))

Modules: ``model`` (pure calculations; mirrors ``coprod/static/record/model.js``
name for name), ``templates`` (the export templates), ``manifest`` (what the
pages need to know about the course), ``notebook`` (a record read from a file)
and ``view`` (a record page's HTML).
"""

from .manifest import (
    fictional_names,
    module_minutes,
    page_title,
    record_manifest,
    scenario_page_minutes,
    view_manifest,
)
from .model import (
    BACKUP_FORMAT,
    compute_progress,
    debrief_text,
    deid_statement,
    export_document,
    export_markdown,
    find_in_text,
    fmt_date,
    fmt_hours,
    md_escape,
    prefill,
    validate_backup,
)
from .nmc_code import show_code_parts
from .notebook import Record, RecordError, export, load_record, progress, record_from_dict
from .templates import NMC_CODE_PARTS, NMC_THEMES, TEMPLATE_IDS, TEMPLATES
from .view import NOSCRIPT, VIEWS, RecordView, record_html, show_record

__all__ = [
    "BACKUP_FORMAT",
    "NMC_CODE_PARTS",
    "NMC_THEMES",
    "NOSCRIPT",
    "TEMPLATES",
    "TEMPLATE_IDS",
    "VIEWS",
    "Record",
    "RecordError",
    "RecordView",
    "compute_progress",
    "debrief_text",
    "deid_statement",
    "export",
    "export_document",
    "export_markdown",
    "fictional_names",
    "find_in_text",
    "fmt_date",
    "fmt_hours",
    "load_record",
    "md_escape",
    "module_minutes",
    "page_title",
    "prefill",
    "progress",
    "record_from_dict",
    "record_html",
    "show_code_parts",
    "record_manifest",
    "scenario_page_minutes",
    "show_record",
    "validate_backup",
    "view_manifest",
]
