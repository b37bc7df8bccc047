"""Load content files from YAML, validate them, and report problems as ``file:line: field: message``.

YAML is read with ruamel.yaml's round-trip loader because it keeps the line of
every key and list item; pydantic validates the shape; :mod:`coprod.content.rules`
adds the rules that span an element. Nothing here raises on bad content:
every problem is collected, so an author sees all of them at once.
"""

from __future__ import annotations

import datetime
import os
import re
import typing
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.reader import ReaderError

from .law import law_warnings
from .problems import Problem, format_loc
from .rules import check_element, check_links
from .schema import Element, Reflection, Scenario, SelfCheck

__all__ = [
    "Course",
    "LoadedElement",
    "Problem",
    "find_content_root",
    "load_course",
    "load_file",
    "format_loc",
    "warnings_of",
]

#: YAML files under the content folders that are data, not elements.
DATA_FILE_NAMES = frozenset({"claims.yml", "_toc.yml", "_config.yml"})
CONTENT_DIRS = ("book", "exercises")
SKIP_DIRS = frozenset({"_build", ".ipynb_checkpoints", "_data", "node_modules", ".jupyter_cache"})

_ELEMENT_ADAPTER: TypeAdapter = TypeAdapter(Element)
_KINDS: dict[str, type[BaseModel]] = {"scenario": Scenario, "selfcheck": SelfCheck, "reflection": Reflection}


@dataclass(frozen=True)
class LoadedElement:
    """A validated element with the file it came from and its YAML tree (for line look-ups)."""

    element: Scenario | SelfCheck | Reflection
    path: Path
    tree: CommentedMap

    def line_of(self, loc: Sequence[str | int]) -> int:
        return line_of(self.tree, loc)


def line_of(tree: object, loc: Sequence[str | int]) -> int:
    """The 1-based line of the deepest part of ``loc`` that exists in the YAML tree."""
    line = (getattr(getattr(tree, "lc", None), "line", 0) or 0) + 1
    node = tree
    for part in loc:
        if isinstance(node, CommentedMap):
            key = _key_in(node, part)
            if key is not None:
                try:
                    line = node.lc.key(key)[0] + 1
                except (KeyError, TypeError):
                    pass  # a key merged in with '<<:' has no line of its own: keep the parent's
                node = node[key]
                continue
            if part == "[key]":
                continue
            # a discriminator tag in a pydantic loc (e.g. 'single'): not a key, skip it
            if isinstance(part, str) and part in (node.get("type"), node.get("kind")):
                continue
            break
        elif isinstance(node, CommentedSeq) and isinstance(part, int):
            if 0 <= part < len(node):
                line = node.lc.item(part)[0] + 1
                node = node[part]
                continue
            break
        else:
            break
    return line


def _key_in(node: CommentedMap, part: str | int) -> object | None:
    """The key of ``node`` that ``part`` names (YAML may have read ``2:`` as the number 2)."""
    if part in node:
        return part
    for key in node:
        if str(key) == str(part):
            return key
    return None


def _short(value: object, limit: int = 80) -> str:
    """A value as it may appear in a one-line message: repr, cut to ``limit`` characters."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…'"


def _strip_tags(tree: object, loc: Sequence[str | int]) -> tuple:
    """Drop the union tags pydantic puts in a loc ('scenario', 'single') where the data has no such key."""
    out: list[str | int] = []
    node = tree
    for part in loc:
        if isinstance(node, dict) and part not in node and part in (node.get("type"), node.get("kind")):
            continue
        out.append(part)
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            node = None
    return tuple(out)


class _TooBig(Exception):
    """Aliases expand to more values than the file could hold written out."""


class _Budget:
    def __init__(self, limit: int) -> None:
        self.left = limit

    def spend(self) -> None:
        self.left -= 1
        if self.left < 0:
            raise _TooBig


def _plain(value: object, budget: _Budget | None = None) -> object:
    """ruamel's commented containers and scalar strings as plain Python values.

    Every value counts against ``budget``: a file whose aliases would expand
    beyond it (a "billion laughs" file) is refused before anything expands.
    """
    if budget is not None:
        budget.spend()
    if isinstance(value, TaggedScalar):  # 'title: !foo bar': the tag means nothing here
        return str(value.value)
    if isinstance(value, dict):
        return {str(k): _plain(v, budget) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v, budget) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


def _model_fields_at(root: type[BaseModel] | None, loc: Sequence[str | int]) -> list[str]:
    """Names of the fields allowed where ``loc`` points, for 'unknown field' messages."""
    candidates = [root] if root else []
    for part in loc:
        if isinstance(part, int) or part == "[key]" or not candidates:
            continue
        owners = [m for m in candidates if part in m.model_fields]
        if owners:
            candidates = _models_in(owners[0].model_fields[part].annotation)
            continue
        # a discriminator tag (e.g. 'single') chooses among a union's models
        tagged = []
        for cls in candidates:
            field = cls.model_fields.get("type") or cls.model_fields.get("kind")
            if field and part in typing.get_args(field.annotation):
                tagged.append(cls)
        candidates = tagged
    return list(candidates[0].model_fields) if len(candidates) == 1 else []


def _models_in(tp: object) -> list[type[BaseModel]]:
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return [tp]
    found: list[type[BaseModel]] = []
    for arg in typing.get_args(tp):
        found.extend(_models_in(arg))
    return found


def _describe(err: Mapping[str, Any], tree: object, root_model: type[BaseModel] | None) -> tuple[tuple, str]:
    """A pydantic error as (loc, message that says what to do)."""
    loc = tuple(err["loc"])
    kind = err["type"]
    given = err.get("input")
    if kind == "missing":
        return loc, "is missing; add it"
    if kind == "extra_forbidden":
        allowed = _model_fields_at(root_model, loc[:-1])
        hint = f"; allowed here: {', '.join(allowed)}" if allowed else ""
        return loc, f"unknown field '{loc[-1]}'{hint}"
    if kind == "string_too_short":
        return loc, "is empty; write the text"
    if kind == "string_pattern_mismatch":
        return loc, (
            f"{_short(given)} is not a valid id: use lowercase letters, digits and single hyphens (e.g. 'node-2')"
        )
    if kind in {"string_type"}:
        return (
            loc,
            f"should be text, not {type(given).__name__} ({_short(given)}); quote it if it is meant as text",
        )
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        if isinstance(given, bool):
            return (
                loc,
                f"{str(given).lower()} is not a number: write a whole number (a weight runs from -2 to 2)",
            )
        return loc, f"should be a whole number, not {given!r}"
    if kind == "value_error":
        return loc, str(err.get("ctx", {}).get("error", err["msg"]))
    if kind in {"bool_type", "bool_parsing"}:
        return loc, f"should be true or false, not {given!r}"
    if kind in {"list_type"}:
        return loc, f"should be a list (lines starting with '- '), not {type(given).__name__}"
    if kind in {"dict_type", "model_type", "model_attributes_type"}:
        return loc, f"should be a mapping of 'key: value' lines, not {type(given).__name__}"
    if kind in {"too_short"}:
        return loc, f"needs at least {err.get('ctx', {}).get('min_length', 1)} item(s)"
    if kind in {"greater_than_equal", "less_than_equal"}:
        return loc, f"{given!r} is out of range: {err['msg'].lower()}"
    if kind == "union_tag_invalid":
        ctx = err.get("ctx", {})
        field = str(ctx.get("discriminator", "type")).strip("'")
        expected = str(ctx.get("expected_tags", "")).replace("'", "")
        return (*loc, field), f"{ctx.get('tag')!r} is not one of: {expected}"
    if kind == "union_tag_not_found":
        field = str(err.get("ctx", {}).get("discriminator", "type")).strip("'")
        return loc, f"needs a '{field}' field"
    if kind == "literal_error":
        return loc, f"{given!r} is not allowed: {err['msg'].lower()}"
    return loc, err["msg"]


#: deepest nesting a content file may have (a scenario is about six levels deep)
MAX_DEPTH = 40
#: values that aliases may add beyond one per character of the file
ALIAS_SLACK = 10_000


def _decode(data: bytes, shown: str) -> tuple[str, Problem | None]:
    """The file's text, or a problem naming the line of the first byte that is not UTF-8."""
    head = data[:200]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or (head and head.count(0) * 4 >= len(head)):
        return "", Problem(shown, 1, "", "the file is saved as UTF-16; save it as UTF-8")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return "", Problem(
            shown,
            line,
            "",
            f"byte 0x{data[exc.start]:02x} at column {column} is not UTF-8 (the file may be saved as Windows-1252); "
            "save it as UTF-8",
        )


def _too_deep(text: str, shown: str) -> Problem | None:
    """A problem at the first line nested deeper than MAX_DEPTH (brackets or indentation), if any."""
    depth = 0
    quote = ""
    line = 1
    for ch in text:
        if ch == "\n":
            line += 1
            quote = ""  # flow collections rarely span lines with open quotes; keep the scan simple
        elif quote:
            if ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
        elif ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return Problem(
                    shown,
                    line,
                    "",
                    f"nested more than {MAX_DEPTH} levels deep; content files are a few levels deep",
                )
        elif ch in "]}":
            depth = max(0, depth - 1)
    for number, raw in enumerate(text.splitlines(), 1):
        indent = len(raw) - len(raw.lstrip(" -"))
        if indent > MAX_DEPTH * 4 and raw.strip() and not raw.lstrip(" -").startswith("#"):
            return Problem(
                shown,
                number,
                "",
                f"indented more than {MAX_DEPTH * 4} spaces (nested too deeply); "
                "content files are a few levels deep",
            )
    return None


def _alias_line(text: str) -> int:
    match = re.search(r"(?m)(?:^|[\s\[{,:-])\*[^\s,\]}]+", text)
    return text[: match.start()].count("\n") + 1 if match else 1


_yaml = YAML(typ="rt")


def display_path(path: Path) -> str:
    """A path as an author would type it: relative to the working directory where possible."""
    try:
        return os.path.relpath(path)
    except ValueError:  # other drive on Windows
        return str(path)


def load_file(path: Path) -> tuple[LoadedElement | None, list[Problem]]:
    """Read and validate one content file."""
    shown = display_path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, [Problem(shown, 1, "", f"cannot read the file: {exc.strerror or exc}")]
    text, problem = _decode(data, shown)
    if problem:
        return None, [problem]
    problem = _too_deep(text, shown)
    if problem:
        return None, [problem]
    try:
        tree = _yaml.load(text)
    except RecursionError:
        return None, [
            Problem(
                shown, 1, "", f"nested too deeply to read; content files are at most {MAX_DEPTH} levels deep"
            )
        ]
    except ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        char = f"#x{exc.character:04x}" if isinstance(exc.character, int) else repr(exc.character)
        return None, [
            Problem(
                shown, line, "", f"malformed YAML: character {char} is not allowed in a YAML file; delete it"
            )
        ]
    except MarkedYAMLError as exc:
        # "while scanning a quoted scalar" (where it began) is more use than where the file ended
        mark = exc.context_mark or exc.problem_mark
        if "duplicate key" in str(exc.problem):
            mark = exc.problem_mark
        line = mark.line + 1 if mark else 1
        what = " ".join((exc.problem or "not valid YAML").split())
        if len(what) > 160:
            what = what[:159] + "…"
        if exc.context and exc.problem_mark and exc.context_mark and mark is exc.context_mark:
            what = f"{exc.context.strip()} that starts here: {what} (line {exc.problem_mark.line + 1})"
        return None, [Problem(shown, line, "", f"malformed YAML: {what}; check indentation and quoting")]
    except YAMLError as exc:
        return None, [Problem(shown, 1, "", f"malformed YAML: {exc}")]
    if not isinstance(tree, CommentedMap):
        return None, [Problem(shown, 1, "", "a content file must be a mapping that starts with 'kind:'")]
    if "kind" not in tree:
        return None, [
            Problem(
                shown,
                1,
                "kind",
                "is missing; start the file with 'kind: scenario', 'kind: selfcheck' or 'kind: reflection'",
            )
        ]
    root_model = _KINDS.get(str(tree.get("kind")))
    try:
        plain = _plain(tree, _Budget(len(text) + ALIAS_SLACK))
    except _TooBig:
        return None, [
            Problem(
                shown,
                _alias_line(text),
                "",
                "aliases (*name) expand to far more values than the file holds; write the values out "
                "or use fewer aliases",
            )
        ]
    try:
        element = _ELEMENT_ADAPTER.validate_python(plain)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc, message = _describe(err, tree, root_model)
            loc = _strip_tags(tree, loc)
            problems.append(Problem(shown, line_of(tree, loc), format_loc(loc), message))
        return None, sorted(set(problems))
    loaded = LoadedElement(element, path, tree)
    found = [
        Problem(shown, loaded.line_of(loc), format_loc(loc), message)
        for loc, message in check_element(element)
    ]
    return loaded, sorted(found, key=lambda p: (p.line, p.field))


def _iter_content_files(paths: Iterable[Path]) -> Iterable[Path]:
    for path in paths:
        if not path.exists():
            yield path  # load_file reports it as unreadable, naming the path
        elif path.is_dir():
            for dirpath, dirnames, filenames in os.walk(path):
                dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS and not d.startswith("."))
                for name in sorted(filenames):
                    if name.endswith((".yml", ".yaml")) and name not in DATA_FILE_NAMES:
                        yield Path(dirpath) / name
        else:
            yield path


@dataclass
class Course:
    """All elements of the course, by id, and every problem found while loading them."""

    elements: dict[str, LoadedElement]
    problems: list[Problem]

    def get(self, element_id: str) -> LoadedElement:
        try:
            return self.elements[element_id]
        except KeyError:
            known = ", ".join(sorted(self.elements)) or "none"
            raise KeyError(f"no content element with id '{element_id}'; known ids: {known}") from None


def load_course(paths: Iterable[Path]) -> Course:
    """Load every content file under ``paths`` and check ids are unique across files."""
    paths = list(paths)
    elements: dict[str, LoadedElement] = {}
    problems: list[Problem] = []
    for path in _iter_content_files(paths):
        loaded, found = load_file(path)
        problems.extend(found)
        if loaded is None:
            continue
        el_id = loaded.element.id
        if el_id in elements:
            first = elements[el_id]
            problems.append(
                Problem(
                    display_path(path),
                    loaded.line_of(("id",)),
                    "id",
                    f"'{el_id}' is already used by {display_path(first.path)}:{first.line_of(('id',))}; ids must be unique across the course",
                )
            )
            continue
        elements[el_id] = loaded
    books = [p for p in paths if p.name == "book" and p.is_dir()]
    if books:
        problems.extend(_link_problems(elements, books[0]))
    return Course(elements, problems)


def _link_problems(elements: dict[str, LoadedElement], book: Path) -> list[Problem]:
    """What the build would report: ``see:`` labels and reflections' pages that do not exist."""
    from .labels import book_labels

    labels = book_labels(book)
    parts = {p.stem for p in book.rglob("*.md") if "_build" not in p.parts}
    parts |= {p.parent.name for p in book.rglob("*.y*ml")}
    parts |= {el_id for el_id, loaded in elements.items() if isinstance(loaded.element, Scenario)}
    found = []
    for loaded in elements.values():
        for loc, message in check_links(loaded.element, labels, parts):
            found.append(Problem(display_path(loaded.path), loaded.line_of(loc), format_loc(loc), message))
    return found


def find_content_root(start: Path | None = None) -> Path:
    """The repository root: ``$COPROD_ROOT``, or the nearest folder upwards that holds ``_config.yml`` and ``book/``."""
    env = os.environ.get("COPROD_ROOT")
    if env:
        return Path(env).resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "_config.yml").is_file() and (folder / "book").is_dir():
            return folder
    raise FileNotFoundError(
        f"cannot find the course folder (one with _config.yml and book/) at or above {here}; "
        "run from inside the repository or set COPROD_ROOT"
    )


def warnings_of(course: Course, today: datetime.date) -> list[str]:
    """Warnings that do not fail the check, as ``file:line: field: warning: message`` lines."""
    found = []
    for loaded in course.elements.values():
        if isinstance(loaded.element, Scenario):
            for loc, message in law_warnings(loaded.element, today):
                found.append((display_path(loaded.path), loaded.line_of(loc), format_loc(loc), message))
    return [f"{path}:{line}: {field}: warning: {message}" for path, line, field, message in sorted(found)]
