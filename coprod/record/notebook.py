"""A learner's record in a notebook: read the backup file they downloaded, and export from it.

    from coprod.record import load_record, export, TEMPLATE_IDS
    record = load_record("coprod-record-2026-05-12.json")
    print(export(record, "nmc-reflective-account"))

The file is checked as the record pages check it before a restore
(:func:`coprod.record.model.validate_backup`): it must be a backup of this
course, every entry in the expected shape and every number in bounds.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .manifest import record_manifest
from .model import compute_progress, export_markdown, validate_backup

__all__ = ["Record", "RecordError", "export", "load_record", "progress", "record_from_dict"]


class RecordError(ValueError):
    """A file that is not a usable course record; the message says why, in plain words."""


@dataclass
class Record:
    """A learner's record as saved in the browser: ``{version, elements, meta}``."""

    data: dict
    exported: str | None = None
    source: str = ""

    @property
    def elements(self) -> dict:
        return self.data.get("elements", {})

    @property
    def meta(self) -> dict:
        return self.data.get("meta", {})

    @property
    def name(self) -> str:
        return str(self.meta.get("name") or "")

    @property
    def log(self) -> list[dict]:
        return list(self.meta.get("log") or [])

    def reflection(self, element_id: str) -> str:
        """The text the learner wrote for one reflection prompt ('' if none)."""
        el = self.elements.get(element_id) or {}
        return str((el.get("state") or {}).get("text") or "") if el.get("kind") == "reflection" else ""

    def written(self) -> dict[str, str]:
        """Every reflection with text, by element id."""
        return {k: self.reflection(k) for k in self.elements if self.reflection(k).strip()}

    def __repr__(self) -> str:
        return f"<Record: {len(self.written())} reflections, {len(self.log)} log entries{', ' + self.name if self.name else ''}>"


def record_from_dict(
    obj: object, source: str = "", *, manifest: dict | None = None, root: Path | None = None
) -> Record:
    """A record from a backup's parsed JSON (or the raw browser storage value), checked against the course.

    ``manifest`` is the course's (:func:`record_manifest` of ``root`` by default).
    """
    data, problem = validate_backup(obj, manifest if manifest is not None else record_manifest(root))
    if data is None:
        raise RecordError(f"{source + ': ' if source else ''}{problem}")
    data.setdefault("meta", {})
    exported = obj.get("exported") if isinstance(obj, dict) and "format" in obj else None
    return Record(data, exported, source)


def load_record(path: str | Path, *, root: Path | None = None) -> Record:
    """Read a record a learner downloaded from the Backup page (or the raw browser storage value)."""
    path = Path(path)
    try:
        obj = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise RecordError(f"{path}: cannot read the file: {exc}") from None
    except json.JSONDecodeError as exc:
        raise RecordError(
            f"{path}: not a course record (not valid JSON: {exc.msg}, line {exc.lineno})"
        ) from None
    return record_from_dict(obj, str(path), root=root)


def progress(record: Record | dict, manifest: dict | None = None) -> dict:
    """What is done and the hours, as the Progress page shows them (model.compute_progress)."""
    data = record.data if isinstance(record, Record) else record
    return compute_progress(manifest or record_manifest(), data)


def export(
    record: Record,
    template: str,
    reflections: list[str] | None = None,
    fields: dict | None = None,
    *,
    name: str | None = None,
    today: str | None = None,
    confirmed: bool | None = None,
    root: Path | None = None,
) -> str:
    """One of the record's exports as Markdown: ``template`` is one of :data:`TEMPLATE_IDS`.

    ``reflections`` picks which reflections feed it (element ids; default: what the learner
    picked in the browser, else all they wrote); ``fields`` overrides field text by field id.
    """
    return export_markdown(
        record_manifest(root),
        record.data,
        template,
        selected=reflections,
        fields=fields,
        name=name,
        today=today,
        confirmed=confirmed,
    )
