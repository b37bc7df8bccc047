"""Property tests: mutated content never crashes the checker, every problem points at a real place, and
anything the checker accepts renders safely and plays.

The mutations start from real, valid files of the course (the demo scenario, a module self-check, a
reflection prompt and one full scenario). Structural mutations edit the parsed YAML and write it back
with ruamel.yaml; text mutations damage the YAML text itself. The runs are derandomized and use no
example database, so CI sees the same examples every time.
"""

from __future__ import annotations

import copy
import datetime
import io
import json
import re
from functools import cache
from html import escape
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, note, settings
from hypothesis import strategies as st
from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from conftest import fill_story
from coprod import dimension_profile, endings_reachable, enumerate_paths, load_file
from coprod.content import schema as _schema
from coprod.content.schema import Scenario
from coprod.render.html import content_data, element_html

BOOK = Path(__file__).resolve().parents[1] / "book"

#: name -> (file, weight): how often the strategies pick it. The full scenario is ten times the size
#: of the others and ruamel's round trip is slow, so it is drawn less often to keep the run short.
SEEDS = {
    "demo-scenario": (BOOK / "reference/demo/demo-scenario.yml", 3),
    "selfcheck": (BOOK / "modules/m1-promise/check.yml", 2),
    "reflection": (BOOK / "modules/m1-promise/reflect-drivers.yml", 3),
    "big-scenario": (BOOK / "scenarios/policing.yml", 1),
}
SEED_CHOICES = [name for name, (_, weight) in SEEDS.items() for _ in range(weight)]

#: No shrinking: an example costs up to a second (ruamel is slow on the big scenario), so shrinking a
#: failure could take Hypothesis's full five minutes, and a failing example is already small: one seed
#: file and at most three mutations, which the failure report lists.
#: The number of examples comes from the Hypothesis profile (tests/conftest.py): few while developing, 150 in CI.
SETTINGS = settings(
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)

SCRIPT = "<script>alert(1)</script>"
DATA_OPEN = '<script type="application/json" class="coprod-data">'
LONG = ("Long text, 長い文章, نص طويل. " * 800)[:20_000]
#: text no reader of the course expects; control characters exclude NUL (YAML cannot hold it)
ODD_TEXTS = [
    LONG,
    "x" * 20_000,
    "مرحبا، هذا نص عربي للتجربة",
    "这是一段中文测试文字",
    "यह हिंदी में एक परीक्षण है",
    "👩🏽‍⚕️🚑💬🏳️‍🌈",
    "e\u0301\u0308a\u0323\u036f combining",
    "\u200fRTL\u202e mark\u202c\u200e",
    "zero\u200bwidth\u200djoin\ufeff",
    "bell\x07 esc\x1b[31m del\x7f nel\x85 c1\x9f vt\x0b ff\x0c",
    "line\u2028para\u2029sep",
    SCRIPT,
    f"Before {SCRIPT} after",
    "\"quoted\" & 'apostrophe' </div><!-- -->",
    "   ",
    "",
]
ID_KEYS = frozenset({"kind", "id", "module", "stage", "type", "start", "next", "category", "see"})
ID_LIST_KEYS = frozenset({"law", "sources"})
#: fields with a format the rules check (a legal source's address and month checked), not free text
FORMATTED_KEYS = frozenset({"url", "checked"})


def _all_field_names() -> frozenset[str]:
    names: set[str] = set()
    for obj in vars(_schema).values():
        if isinstance(obj, type) and issubclass(obj, BaseModel) and obj is not BaseModel:
            names.update(obj.model_fields)
    return frozenset(names)


FIELD_NAMES = _all_field_names()

_yaml = YAML(typ="rt")
_yaml.width = 4096


@cache
def _seed(name: str) -> tuple[str, CommentedMap]:
    text = SEEDS[name][0].read_text(encoding="utf-8")
    return text, _yaml.load(text)


def _scalar(value):
    """A value to put in the tree. ruamel keeps a key's old scalar style (e.g. a '>-' block) for a new
    value and would write control characters raw into a block, which YAML cannot read back; double
    quotes let it escape them, so the file says what the mutation meant."""
    if isinstance(value, str) and not value.isprintable():
        return DoubleQuotedScalarString(value)
    return value


def _dump(tree) -> str:
    buf = io.StringIO()
    _yaml.dump(tree, buf)
    return buf.getvalue()


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("mutants")


# ------------------------------------------------------------------ checking one outcome


def _mark(get, default: int) -> int:
    """A 1-based line from ruamel's marks; a tree built in memory by a mutation has none."""
    try:
        return get()[0] + 1
    except (AttributeError, KeyError, TypeError, IndexError):
        return default


def _resolve(node, rest: str, line: int = 1, exact: bool = True) -> tuple[str, int, bool]:
    """Walk a problem's field (``nodes.n1.choices[2].next``) through the YAML tree as far as it goes.

    Returns what is left of the field, the line of the deepest part found (from ruamel's marks), and
    whether every key on the way was a string. Keys may contain dots, so every reading is tried."""
    best = (rest, line, exact)
    if not rest:
        return best
    if isinstance(node, dict):
        body = rest[1:] if rest.startswith(".") else rest
        for key, value in node.items():
            k = str(key)
            if body.startswith(k) and (len(body) == len(k) or body[len(k)] in ".["):
                key_line = _mark(lambda key=key: node.lc.key(key), line)
                found = _resolve(value, body[len(k) :], key_line, exact and isinstance(key, str))
                if len(found[0]) < len(best[0]):
                    best = found
    elif isinstance(node, list):
        m = re.match(r"\[(\d+)\]", rest)
        if m and int(m.group(1)) < len(node):
            i = int(m.group(1))
            item_line = _mark(lambda: node.lc.item(i), line)
            found = _resolve(node[i], rest[m.end() :], item_line, exact)
            if len(found[0]) < len(best[0]):
                best = found
    return best


def _check_field(tree, problem, parsed: bool) -> None:
    """The field names a real place: all of it exists, or only its last part is missing and is a field of
    the schema (or '[key]', a bad key). In a freshly parsed tree, the line is that place's line too."""
    left, line, exact = _resolve(tree, problem.field)
    left = left.lstrip(".")
    assert left in ("", "[key]") or left in FIELD_NAMES, (
        f"field names no place in the file: {str(problem)[:300]}"
    )
    if parsed and exact:
        assert problem.line == line, f"expected line {line}: {str(problem)[:300]}"


def _editor_lines(text: str) -> int:
    return text.count("\n") + (0 if text.endswith("\n") else 1)


def _paragraphs(data: dict) -> None:
    """A block text as the fallback carries it: its paragraphs, trimmed, one blank line apart (the player re-splits it)."""

    def blocks(text: str) -> str:
        return "\n\n".join(b.strip() for b in re.split(r"\n\s*\n", text) if b.strip())

    for node in data["nodes"].values():
        node["text"] = blocks(node["text"])
    for ending in data["endings"].values():
        ending["text"] = blocks(ending["text"])


def _render_checks(element) -> str:
    html = element_html(element, {})
    assert isinstance(html, str)
    assert f'id="coprod-{element.id}"' in html and f'data-coprod-id="{element.id}"' in html
    assert html.count(DATA_OPEN) == 1
    start = html.index(DATA_OPEN) + len(DATA_OPEN)
    end = html.index("</script>", start)
    data, outside = html[start:end], html[: start - len(DATA_OPEN)] + html[end + len("</script>") :]
    assert "<" not in data and ">" not in data, "the data block may not hold a raw '<' or '>'"
    # a scenario's long texts are sent once, in the fallback; filled back in, the data is the element's
    expected = content_data(element, {})
    filled = fill_story(json.loads(data), html)
    if isinstance(element, Scenario):
        expected = json.loads(json.dumps(expected))
        _paragraphs(expected)
    assert filled == expected
    assert "<script" not in outside.lower(), "unescaped <script from content outside the data block"
    assert "<!--" not in outside
    return html


def _play_checks(s: Scenario) -> None:
    for perspective in s.perspectives:
        try:
            paths = enumerate_paths(s, perspective.id, limit=3000)
        except ValueError as exc:  # documented: too many paths
            assert "more than 3000 paths" in str(exc)
            continue
        assert paths, f"perspective '{perspective.id}' of an accepted scenario has no path to an ending"
        reachable = set(endings_reachable(s, perspective.id))
        for path in paths:
            assert path.ending in s.endings and path.ending in reachable
            here = perspective.start
            for step in path.steps:
                assert step.node == here and step.node in s.nodes
                here = s.nodes[here].choices[step.choice].next
            assert here == path.ending
            assert set(dimension_profile(s, path.steps)) >= {d.id for d in s.dimensions}


def check_outcome(path: Path, tree=None):
    """Load one (possibly broken) file and check everything the checker promises about it.

    ``tree`` is the mutated YAML in memory, for checking that problem fields name real places. When it
    is not given the file is parsed again (only if some problem names a field), and then each such
    problem's line must also be the line of the place its field names."""
    loaded, problems = load_file(path)  # must never raise
    if loaded is not None and not problems:
        element = loaded.element
        _render_checks(element)
        if isinstance(element, Scenario):
            _play_checks(element)
        return element
    assert problems, "rejected without a single problem to show the author"
    text = path.read_text(encoding="utf-8")
    last = _editor_lines(text) + 1  # +1: end of file
    parsed = tree is None
    if parsed and any(p.field for p in problems):
        tree = _yaml.load(text)  # it loaded in load_file, or there would be no field
    for p in problems:
        shown = str(p)
        assert Path(p.path).resolve() == path.resolve(), shown
        assert shown.startswith(f"{p.path}:{p.line}: "), shown
        assert isinstance(p.line, int) and 1 <= p.line <= last, f"line outside 1..{last}: {shown[:300]}"
        assert p.message.strip(), shown
        assert "\n" not in p.message, f"a problem must fit on one line: {shown[:300]!r}"
        if p.field:
            _check_field(tree, p, parsed)
    return None


# ------------------------------------------------------------------ structural mutations


def _locations(node, here=()):
    """Every (container, key) pair in the tree, with its path."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield (*here, key), node, key
            yield from _locations(value, (*here, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield (*here, i), node, i
            yield from _locations(value, (*here, i))


def _ids_in(tree) -> list[str]:
    found: list[str] = []
    for loc, parent, key in _locations(tree):
        if isinstance(parent, dict) and loc[:1] in {("nodes",), ("endings",)} and len(loc) == 2:
            found.append(str(key))
        elif key == "id" and isinstance(parent[key], str):
            found.append(parent[key])
    return found


good_ids = st.from_regex(r"\A[a-z0-9]{1,12}(-[a-z0-9]{1,12}){0,3}\Z") | st.sampled_from(
    ["a" * 80, "x-" * 39 + "xy"]
)
valid_ids = good_ids | st.sampled_from(["a" * 81, "x-" * 40 + "x"])
nonsense = st.sampled_from(ODD_TEXTS) | st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40
)
other_values = (
    st.sampled_from(
        [
            0,
            -1,
            3,
            241,
            2.5,
            True,
            False,
            None,
            [],
            {},
            ["a", "b"],
            {"a": 1},
            datetime.date(2024, 1, 1),
            10**30,
            float("nan"),
            float("inf"),
            "yes",
            "0x1F",
        ]
    )
    | nonsense
)
new_keys = st.sampled_from(sorted(FIELD_NAMES)) | valid_ids | nonsense.filter(bool) | st.integers(-5, 5)


def _set_key(parent: CommentedMap, old, new) -> None:
    """Rename a key in place, keeping its position."""
    pos = list(parent).index(old)
    value = parent.pop(old)
    if new in parent:
        parent.pop(new)
        pos = min(pos, len(parent))
    parent.insert(pos, new, value)


def _rename_everywhere(tree, old: str, new: str) -> None:
    """Rename a node or ending id and every reference to it, so the file can stay valid."""
    for section in ("nodes", "endings"):
        if isinstance(tree.get(section), dict) and old in tree[section]:
            _set_key(tree[section], old, new)
    for _, parent, key in list(_locations(tree)):
        if key in ("next", "start") and parent[key] == old:
            parent[key] = _scalar(new)


OPS = [
    "drop",
    "duplicate",
    "retype",
    "rename",
    "retarget",
    "unreachable",
    "inject",
    "inject-text",
    "inject-text",
    "inject-text",
    "rename-id",
    "rename-id",
    "detour",
    "detour",
]
#: mutations that can leave the file valid, so that it goes on to be rendered and played
BENIGN_OPS = ["inject-text", "rename-id", "detour"]


def _pick(draw, items: list):
    return items[draw(st.integers(0, len(items) - 1), label="at")]


def _choice(label: str, target) -> CommentedMap:
    return CommentedMap(label=label, next=target, consequence="Something happens.", feedback="A thought.")


def _inject(draw, candidates: list, extras) -> str:
    if not candidates:
        return "inject: no text left"
    loc, parent, key = _pick(draw, candidates)
    extra = draw(extras)
    how = draw(st.sampled_from(["replace", "append", "prepend"]))
    old = str(parent[key])
    parent[key] = _scalar({"replace": extra, "append": f"{old} {extra}", "prepend": f"{extra} {old}"}[how])
    return f"inject {how} {loc}"


def _mutate(draw, tree, benign: bool = False) -> str:
    """Apply one mutation to the tree and say what it was (shown when an example fails)."""
    op = draw(st.sampled_from(BENIGN_OPS if benign else OPS))
    new_ids = good_ids if benign else valid_ids | st.sampled_from(ODD_TEXTS[2:9])
    locs = list(_locations(tree))
    if not locs:
        return "nothing left to mutate"
    if op in ("drop", "duplicate", "retype", "rename"):
        loc, parent, key = _pick(draw, locs)
        if op == "drop":
            del parent[key]
        elif op == "duplicate" and isinstance(parent, list):
            parent.insert(key + 1, copy.deepcopy(parent[key]))
        elif op == "duplicate":
            parent[f"{key}-2"] = copy.deepcopy(parent[key])
        elif op == "retype":
            parent[key] = _scalar(draw(other_values))
        elif isinstance(parent, dict):
            _set_key(parent, key, _scalar(draw(new_keys)))
        else:
            parent[key] = {_scalar(draw(new_keys)): parent[key]}
        return f"{op} {loc}"
    if op == "retarget":
        targets = [(loc, p, k) for loc, p, k in locs if k in ("next", "start", "category")]
        if not targets:
            return "retarget: nothing to retarget"
        loc, parent, key = _pick(draw, targets)
        known = _ids_in(tree)
        parent[key] = _scalar(draw(st.sampled_from(known) | nonsense if known else nonsense))
        return f"retarget {loc} -> {parent[key]!r}"[:200]
    if op == "unreachable":
        node_id = _scalar(draw(new_ids))
        if isinstance(tree.get("nodes"), dict):
            node = CommentedMap(speaker="Nobody", text="Nobody comes here.")
            target = draw(st.sampled_from([*_ids_in(tree), node_id, "x"]))
            node["choices"] = CommentedSeq([_choice("Go on", target)])
            tree["nodes"][node_id] = node
            if draw(st.booleans()) and isinstance(tree.get("endings"), dict):
                ending = CommentedMap(title="Unreached", kind="none", text="Nobody.")
                tree["endings"][f"{node_id}-end"] = ending
        elif isinstance(tree.get("questions"), list) and tree["questions"]:
            tree["questions"].append(copy.deepcopy(tree["questions"][-1]))
        else:
            tree[node_id] = "a field nobody asked for"
        return f"unreachable {node_id!r}"[:200]
    if op == "inject":  # into anything that is text, ids and tags included
        return _inject(draw, [(lc, p, k) for lc, p, k in locs if isinstance(p[k], str)], nonsense)
    if op == "inject-text":  # into text fields only, so the file may well stay valid
        texts = [
            (lc, p, k)
            for lc, p, k in locs
            if isinstance(p, dict) and isinstance(p[k], str) and k not in ID_KEYS and "dimensions" not in lc
        ]
        return _inject(draw, texts, st.sampled_from(ODD_TEXTS[:-2]) | st.text(min_size=1, max_size=30))
    if op == "detour":  # a new node between a choice and where it led: a valid graph if the id is
        choices = [(lc, p, k) for lc, p, k in locs if k == "next" and lc[:1] == ("nodes",)]
        if not choices:
            return "detour: no choices"
        loc, parent, key = _pick(draw, choices)
        node_id = _scalar(draw(new_ids))
        node = CommentedMap(speaker=_scalar(draw(st.sampled_from(ODD_TEXTS[2:9]))), text="A new turn.")
        node["choices"] = CommentedSeq([_choice("Carry on", parent[key])])
        if draw(st.booleans()):
            node["choices"].append(_choice("Go elsewhere", draw(st.sampled_from(_ids_in(tree) or ["x"]))))
        tree["nodes"][node_id] = node
        parent[key] = node_id
        return f"detour {loc} via {node_id!r}"[:200]
    # rename-id: a node or ending id, and every reference to it
    sections = [tree[s] for s in ("nodes", "endings") if isinstance(tree.get(s), dict)]
    ids = [str(k) for section in sections for k in section]
    if not ids:
        tree["id"] = _scalar(draw(good_ids if benign else valid_ids | nonsense))
        return "rename-id element"
    old = draw(st.sampled_from(ids))
    new = _scalar(draw(good_ids if benign else valid_ids | nonsense.filter(bool)))
    _rename_everywhere(tree, old, new)
    return f"rename-id {old!r} -> {new!r}"[:200]


@SETTINGS
@given(st.data())
def test_structural_mutations_never_crash_and_point_at_real_places(workdir, data):
    name = data.draw(st.sampled_from(SEED_CHOICES), label="seed")
    tree = copy.deepcopy(_seed(name)[1])
    benign = data.draw(st.integers(0, 2), label="benign") == 0
    count = data.draw(st.integers(1, 3), label="mutations")
    steps = [_mutate(data.draw, tree, benign) for _ in range(count)]
    note(steps)
    path = workdir / "structural.yml"
    path.write_text(_dump(tree), encoding="utf-8")
    check_outcome(path, tree)


# ------------------------------------------------------------------ text mutations

#: things an author's slip (or a bad paste) puts into YAML text; raw C0 controls are left to
#: test_raw_control_character_is_reported_on_its_line below
INSERTS = [
    ":",
    ": ",
    " :",
    "\t",
    "- ",
    "#",
    "'",
    '"',
    "{",
    "}",
    "[",
    "]",
    "|",
    ">",
    "&a ",
    "*a",
    "!",
    "!!str ",
    "? ",
    "%",
    "@",
    "`",
    "---\n",
    "...\n",
    "\n",
    "\n\n  ",
    ",",
    "\u2028",
    "\x85",
    "\ufeff",
    *ODD_TEXTS[2:9],
    SCRIPT,
]
TEXT_OPS = ["truncate", "insert", "insert", "indent", "dedent", "tab", "dup-line", "drop-line", "swap"]


@st.composite
def text_mutation(draw, text: str) -> tuple[str, str]:
    lines = text.split("\n")
    op = draw(st.sampled_from(TEXT_OPS))
    i = draw(st.integers(0, max(len(lines) - 1, 0)))
    if op == "truncate":
        cut = draw(st.integers(0, len(text)))
        return text[:cut], f"truncate at {cut}"
    if op == "insert":
        at = draw(st.integers(0, len(text)))
        what = draw(st.sampled_from(INSERTS))
        return text[:at] + what + text[at:], f"insert {what[:20]!r} at {at}"
    if op == "indent":
        lines[i] = " " * draw(st.integers(1, 3)) + lines[i]
    elif op == "dedent":
        lines[i] = lines[i][draw(st.integers(1, 3)) :] if lines[i].startswith(" ") else lines[i]
    elif op == "tab":
        stripped = lines[i].lstrip(" ")
        lines[i] = "\t" * ((len(lines[i]) - len(stripped)) // 2 or 1) + stripped
    elif op == "dup-line":
        lines.insert(i, lines[i])
    elif op == "drop-line":
        del lines[i]
    else:
        j = draw(st.integers(0, max(len(lines) - 1, 0)))
        lines[i], lines[j] = lines[j], lines[i]
    return "\n".join(lines), f"{op} line {i + 1}"


@SETTINGS
@given(st.data())
def test_text_mutations_never_crash_and_point_at_real_lines(workdir, data):
    name = data.draw(st.sampled_from(SEED_CHOICES), label="seed")
    text = _seed(name)[0]
    steps = []
    for _ in range(data.draw(st.integers(1, 3), label="mutations")):
        text, step = data.draw(text_mutation(text))
        steps.append(step)
    note(steps)
    path = workdir / "text.yml"
    path.write_text(text, encoding="utf-8")
    check_outcome(path)


# ------------------------------------------------------------------ script injection, deterministic


@pytest.mark.parametrize("name", list(SEEDS))
def test_script_in_every_text_field_is_accepted_and_only_ever_escaped(workdir, name):
    tree = copy.deepcopy(_seed(name)[1])
    injected = 0
    for loc, parent, key in list(_locations(tree)):
        value = parent[key]
        # lists of ids: the legal sources a law note, choice or ending cites
        in_id_list = isinstance(parent, list) and len(loc) >= 2 and loc[-2] in ID_LIST_KEYS
        if (
            isinstance(value, str)
            and not (isinstance(parent, dict) and key in ID_KEYS | FORMATTED_KEYS)
            and not in_id_list
        ):
            parent[key] = f"{value} {SCRIPT}"
            injected += 1
    assert injected > 3
    path = workdir / f"script-{name}.yml"
    path.write_text(_dump(tree), encoding="utf-8")
    element = check_outcome(path)
    assert element is not None, [str(p) for p in load_file(path)[1]]
    html = _render_checks(element)
    assert html.lower().count("<script") == 1
    assert escape(SCRIPT) in html  # shown as text in the readable fallback
    assert "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e" in html  # encoded in the data


# ------------------------------------------------------------------ known faults, pinned


REFLECTION = "kind: reflection\nid: r1\nmodule: m\ntitle: T\nstage: feelings\nprompt: P\nguidance: G\n"
#: a choice that takes its 'next' from a merge, pointing nowhere: the graph check trips over it
MERGED_CHOICE = """\
kind: scenario
id: s
title: T
summary: S
time_minutes: 1
setting: {service: a, jurisdiction: b}
perspectives:
  - {id: p, label: P, description: D, start: n1}
nodes:
  n1:
    text: Go?
    choices:
      - label: Yes
        <<: {next: nowhere}
        consequence: C
        feedback: F
endings:
  e1: {title: A, kind: k, text: t}
  e2: {title: B, kind: k, text: t}
"""


@pytest.mark.parametrize(
    "text",
    [
        "kind: reflection\n<<: {id: Bad Id, module: m}\ntitle: T\nstage: feelings\nprompt: P\nguidance: G\n",
        "base: &b {id: Bad Id}\nkind: reflection\n<<: *b\nmodule: m\ntitle: T\nstage: feelings\nprompt: P\n"
        "guidance: G\n",
        MERGED_CHOICE,
    ],
    ids=["inline-merge", "anchored-merge", "merged-next-in-graph-check"],
)
def test_problem_in_a_merged_key_is_reported_not_raised(workdir, text):
    path = workdir / "merge.yml"
    path.write_text(text, encoding="utf-8")
    check_outcome(path)


def test_raw_control_character_is_reported_on_its_line(workdir):
    path = workdir / "control.yml"
    path.write_text(REFLECTION.replace("title: T", "title: T\x01"), encoding="utf-8")
    _, problems = load_file(path)
    assert len(problems) == 1
    assert problems[0].line == 4 and "\n" not in problems[0].message, str(problems[0])


#: node ids written as numbers ('2:') load as int keys; pydantic turns them into the string '2'
NUMBERED_NODE = """\
kind: scenario
id: s
title: T
summary: S
time_minutes: 1
setting: {service: a, jurisdiction: b}
perspectives:
  - {id: p, label: P, description: D, start: n1}
nodes:
  n1:
    text: Go?
    choices:
      - {label: Yes, next: e1, consequence: C, feedback: F}
  2:
    text: Nobody comes here.
    choices:
      - {label: On, next: e2, consequence: C, feedback: F}
endings:
  e1: {title: A, kind: k, text: t}
  e2: {title: B, kind: k, text: t}
"""


def test_problem_under_a_numeric_key_is_reported_at_its_line(workdir):
    path = workdir / "numbered.yml"
    path.write_text(NUMBERED_NODE, encoding="utf-8")
    _, problems = load_file(path)
    assert [(p.line, p.field) for p in problems] == [(14, "nodes.2"), (20, "endings.e2")]
