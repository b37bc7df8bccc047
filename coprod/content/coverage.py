"""Claims coverage: which labelled sections of the book teach which numbered claims.

A claims file maps each claim id to a one-line summary; mapping files (one per
module) map claim ids to section labels. The table renders as Markdown, so the
book build resolves every ``{ref}`` link and a missing label fails it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml import YAML

from .labels import book_labels

__all__ = ["Coverage", "claims_coverage"]

_yaml = YAML(typ="safe")


@dataclass
class Coverage:
    claims: dict[str, str]
    sections: dict[str, list[str]] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)

    @property
    def unmapped(self) -> list[str]:
        return [c for c in self.claims if not self.sections.get(c)]

    @property
    def unknown_claims(self) -> list[str]:
        return sorted(c for c in self.sections if c not in self.claims)

    @property
    def unknown_labels(self) -> list[str]:
        return sorted({lab for labs in self.sections.values() for lab in labs if lab not in self.labels})

    def markdown(self) -> str:
        rows = ["| Claim | What it says | Taught in |", "|---|---|---|"]
        for claim, summary in self.claims.items():
            links = (
                ", ".join(f"{{ref}}`{lab}`" for lab in self.sections.get(claim, [])) or "**not yet taught**"
            )
            rows.append(f"| {claim} | {summary.replace('|', '/')} | {links} |")
        return "\n".join(rows)

    def _repr_markdown_(self) -> str:
        return self.markdown()


def claims_coverage(claims_file: Path, mapping_files: list[Path], book: Path) -> Coverage:
    """Read the claims, the per-module mappings and the book's labels."""
    claims = {str(k): str(v) for k, v in (_yaml.load(claims_file.read_text(encoding="utf-8")) or {}).items()}
    sections: dict[str, list[str]] = {}
    for path in sorted(mapping_files):
        for claim, labels in (_yaml.load(path.read_text(encoding="utf-8")) or {}).items():
            for label in labels or []:
                if label not in sections.setdefault(str(claim), []):
                    sections[str(claim)].append(label)
    return Coverage(claims, sections, book_labels(book))
