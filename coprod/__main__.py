"""Command line: ``python -m coprod check [PATH ...]`` checks content files and prints every problem."""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path

from .content.law import law_warnings
from .content.loader import CONTENT_DIRS, Course, display_path, find_content_root, load_course
from .content.problems import format_loc
from .content.schema import Scenario


def warnings_of(course: Course, today: datetime.date) -> list[str]:
    """Warnings that do not fail the check, as ``file:line: field: warning: message`` lines."""
    found = []
    for loaded in course.elements.values():
        if isinstance(loaded.element, Scenario):
            for loc, message in law_warnings(loaded.element, today):
                found.append((display_path(loaded.path), loaded.line_of(loc), format_loc(loc), message))
    return [f"{path}:{line}: {field}: warning: {message}" for path, line, field, message in sorted(found)]


def _check(paths: list[str]) -> int:
    if paths:
        targets = [Path(p) for p in paths]
        missing = [p for p in targets if not p.exists()]
        if missing:
            for p in missing:
                print(f"{p}: no such file or folder", file=sys.stderr)
            return 2
    else:
        root = find_content_root()
        targets = [root / d for d in CONTENT_DIRS if (root / d).is_dir()]
    course = load_course(targets)
    for problem in course.problems:
        print(problem)
    for warning in warnings_of(course, datetime.date.today()):
        print(warning, file=sys.stderr)
    count = len(course.problems)
    kinds: dict[str, int] = {}
    for loaded in course.elements.values():
        kinds[loaded.element.kind] = kinds.get(loaded.element.kind, 0) + 1
    summary = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())) or "no elements"
    if count:
        print(f"{count} problem(s) found in the content ({summary} read)", file=sys.stderr)
        return 1
    print(f"all content valid: {summary}")
    return 0


def _pdf(site: str, toc: str, out: str) -> int:
    from ._pdf import print_site

    try:
        written = print_site(Path(site), Path(toc), Path(out))
    except FileNotFoundError as exc:
        print(exc, file=sys.stderr)
        return 1
    for path in written:
        print(path)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m coprod", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="check content files (all of book/ and exercises/ by default)")
    check.add_argument("paths", nargs="*", help="files or folders to check")
    pdf = sub.add_parser("pdf", help="print the built site to PDF with Chromium (whole course and each printable)")
    pdf.add_argument("--site", default="_build/html", help="the built site (default: _build/html)")
    pdf.add_argument("--toc", default="_toc.yml", help="the table of contents giving page order")
    pdf.add_argument("--out", default="_build/pdf", help="where to write the PDFs (default: _build/pdf)")
    args = parser.parse_args(argv)
    if args.command == "check":
        return _check(args.paths)
    if args.command == "pdf":
        return _pdf(args.site, args.toc, args.out)
    return 2  # pragma: no cover - argparse rejects unknown commands


if __name__ == "__main__":
    sys.exit(main())
