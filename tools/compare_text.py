"""Compare what a learner reads on two builds of the site, page by page.

    python tools/compare_text.py OLD_SITE NEW_SITE

Prints, for every page whose visible text differs, a unified diff of the
text (scripts, styles and the embedded element data left out). Use it after a
refactor that should change nothing a learner sees.
"""

from __future__ import annotations

import difflib
import sys
from pathlib import Path

from bs4 import BeautifulSoup


def page_text(path: Path) -> list[str]:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    for tag in soup(["script", "style", "noscript", "template"]):
        tag.decompose()
    text = soup.get_text("\n")
    return [line.strip() for line in text.splitlines() if line.strip()]


def main(old: str, new: str) -> int:
    old_root, new_root = Path(old), Path(new)
    old_pages = {p.relative_to(old_root) for p in old_root.rglob("*.html") if "_static" not in p.parts}
    new_pages = {p.relative_to(new_root) for p in new_root.rglob("*.html") if "_static" not in p.parts}
    changed = 0
    for page in sorted(old_pages - new_pages):
        print(f"only in {old}: {page}")
        changed += 1
    for page in sorted(new_pages - old_pages):
        print(f"only in {new}: {page}")
        changed += 1
    for page in sorted(old_pages & new_pages):
        a, b = page_text(old_root / page), page_text(new_root / page)
        if a != b:
            changed += 1
            print(f"--- {page}")
            sys.stdout.writelines(line + "\n" for line in difflib.unified_diff(a, b, lineterm="", n=1))
    print(f"{len(old_pages | new_pages)} pages compared, {changed} differ")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
