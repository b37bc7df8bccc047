"""Run the exercise notebooks top to bottom and store their outputs, ready for nbval.

    python tools/run_exercises.py                      # every notebook in exercises/
    python tools/run_exercises.py exercises/ex1-*.ipynb

First it copies what the exercises need from the book (section titles, the
scenarios) into the package's data (``coprod/exercises/data/course.json``), so
the notebooks run wherever the package is installed.

Each notebook runs in its own folder, as nbval and the book build run it. What
is stored: text and HTML outputs (the marked cells' reference outputs, and the
exercises' static pictures, which a learner sees before running anything).
What is dropped: live-widget views and widget state (they need a running
kernel, and their ids change on every run), execution timings and any
metadata that would differ between runs. The script fails if an output holds
a memory address.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from coprod.exercises.snapshot import write_snapshot

ROOT = Path(__file__).resolve().parents[1]
# the stored outputs show the samples, never work a learner (or a developer) kept beside the notebooks
os.environ["COPROD_KEEP_WORK"] = "0"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
ADDRESS = re.compile(r"0x[0-9a-fA-F]{6,}")


def clean(nb: nbformat.NotebookNode) -> None:
    nb.metadata.pop("widgets", None)
    nb.metadata["kernelspec"] = {
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
        "name": "python3",
    }
    nb.metadata["language_info"] = {"name": "python"}
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type != "code":
            continue
        kept = []
        for out in cell.get("outputs", []):
            data = out.get("data")
            if data is not None:
                data.pop(WIDGET_VIEW, None)
                if not data:
                    continue
            kept.append(out)
        cell.outputs = kept


def check(nb: nbformat.NotebookNode, name: str) -> list[str]:
    problems = []
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                problems.append(f"{name}: cell {i} raised {out.get('ename')}: {out.get('evalue')}")
            if out.get("name") == "stderr":
                problems.append(f"{name}: cell {i} wrote to stderr: {out.get('text', '')[:200]}")
            text = str(out.get("data", "")) + str(out.get("text", ""))
            if ADDRESS.search(text):
                problems.append(f"{name}: cell {i} output holds a memory address")
    return problems


def run(path: Path) -> list[str]:
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        store_widget_state=False,
        record_timing=False,
    )
    client.execute()
    clean(nb)
    problems = check(nb, path.name)
    nbformat.validate(nb)
    nbformat.write(nb, path)
    return problems


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or sorted((ROOT / "exercises").glob("*.ipynb"))
    problems: list[str] = []
    print(f"copying the book's section titles and scenarios to {write_snapshot(ROOT).relative_to(ROOT)}")
    for path in paths:
        print(f"running {path.relative_to(ROOT) if path.is_absolute() else path}")
        problems += run(path.resolve())
    for p in problems:
        print(p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
