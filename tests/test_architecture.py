"""The layout CONTRIBUTING describes, enforced: layers, no import circles, size limits, a public API for pages."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "coprod"
MAX_PY_LINES = 800
MAX_JS_LINES = 1000


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path, top_level_only: bool) -> set[str]:
    """The modules ``path`` imports (absolute names), at module level or anywhere."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    found: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.add(module)
            # `from . import x` imports the submodule x
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def _package_modules() -> dict[str, Path]:
    return {_module_name(p): p for p in PACKAGE.rglob("*.py")}


def test_no_import_circle_between_the_packages_modules():
    modules = _package_modules()
    graph = {
        name: {m for m in _imports(path, top_level_only=True) if m in modules and m != name}
        for name, path in modules.items()
    }
    # a package's __init__ importing its own submodules is how a package exposes its API, not a circle
    for name in graph:
        graph[name] = {m for m in graph[name] if not name.startswith(m + ".")}
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                circle = stack[stack.index(nxt) :] + [nxt]
                raise AssertionError("import circle: " + " -> ".join(circle))
            if nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)


def test_the_layers_import_only_downwards():
    for name, path in _package_modules().items():
        imported = _imports(path, top_level_only=False)
        third = {m.split(".")[0] for m in imported}
        if name.startswith("coprod.content"):
            # knowable from the YAML alone
            assert not third & {"anywidget", "sphinx", "docutils", "ipywidgets"}, name
            assert not {
                m for m in imported if m.startswith(("coprod.render", "coprod.widget", "coprod.sphinx"))
            }, name
        if name.startswith("coprod.render"):
            assert not third & {"anywidget", "sphinx", "ipywidgets"}, name
            assert not {m for m in imported if m.startswith(("coprod.widget", "coprod.sphinx"))}, name
        if "anywidget" in third:
            assert name == "coprod.widget", f"{name} imports anywidget; only coprod.widget may"


def test_no_module_is_too_long_to_read():
    too_long = []
    for path in sorted(PACKAGE.rglob("*.py")):
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_PY_LINES:
            too_long.append(f"{path.relative_to(ROOT)}: {lines} lines (at most {MAX_PY_LINES})")
    for path in sorted([*PACKAGE.rglob("*.js"), *PACKAGE.rglob("*.mjs")]):
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_JS_LINES:
            too_long.append(f"{path.relative_to(ROOT)}: {lines} lines (at most {MAX_JS_LINES})")
    assert too_long == []


def test_pages_and_notebooks_use_only_the_public_api():
    private = re.compile(r"\bcoprod\._\w+|from coprod import _\w+|from \._")
    offenders = []
    for path in sorted(
        [
            *(ROOT / "book").rglob("*.md"),
            *(ROOT / "book").rglob("*.ipynb"),
            *(ROOT / "exercises").glob("*.ipynb"),
        ]
    ):
        if "_build" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".ipynb":
            text = "\n".join(
                "".join(c["source"]) for c in json.loads(text)["cells"] if c["cell_type"] == "code"
            )
        if private.search(text):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
