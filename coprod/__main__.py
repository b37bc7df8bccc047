"""Command line: ``python -m coprod check [PATH ...]`` checks content files and prints every problem;
``python -m coprod schema`` prints the content schema as JSON Schema."""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path

from .content.loader import CONTENT_DIRS, find_content_root, load_course, warnings_of


#: where the course keeps the exported schema (authors' editors point at it)
SCHEMA_FILE = "coprod/content/content.schema.json"


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


def _schema(out: str | None) -> int:
    import json

    from .content.schema import json_schema

    text = json.dumps(json_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    if out:
        Path(out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
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
    schema = sub.add_parser("schema", help="print the content schema as JSON Schema (for editors)")
    schema.add_argument("--out", help=f"write it to this file (the course keeps it in {SCHEMA_FILE})")
    args = parser.parse_args(argv)
    if args.command == "check":
        return _check(args.paths)
    if args.command == "pdf":
        return _pdf(args.site, args.toc, args.out)
    if args.command == "schema":
        return _schema(args.out)
    return 2  # pragma: no cover - argparse rejects unknown commands


if __name__ == "__main__":
    sys.exit(main())
