"""The checks store.js makes of a learner's stored data, in Python, and JavaScript's own behaviour where it shows.

=====================  =====================  ==========================================
store.py               store.js               what
=====================  =====================  ==========================================
BACKUP_FORMAT          BACKUP_FORMAT          the backup file's format name
MAX_TEXT               MAX_TEXT               characters in one reflection
MAX_MINUTES            MAX_MINUTES            minutes in one logged session
element_problem        elementProblem         what is wrong with a stored element, or ''
log_problem            logProblem             what is wrong with a logged session, or ''
=====================  =====================  ==========================================

The ``js_*`` helpers give what JavaScript gives for a string's length (UTF-16
units), ``slice``, ``String()`` of a JSON value and the order of an object's
keys, so the messages are the same word for word on both sides.
"""

from __future__ import annotations

import math
import re

__all__ = [
    "BACKUP_FORMAT",
    "KINDS",
    "MAX_MINUTES",
    "MAX_TEXT",
    "MODES",
    "element_problem",
    "log_problem",
    "participatory_sessions",
]

BACKUP_FORMAT = "coprod-course-record"
KINDS = ("reflection", "selfcheck", "scenario", "exercise")
MAX_TITLE = 200  # characters in an exercise's title
MODES = ("solo", "participatory")
MAX_TEXT = 100000  # characters in one reflection
MAX_MINUTES = 1440  # one logged session: a day at most
_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_ISO_START = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}")

# ---------------------------------------------------------------- JavaScript's own behaviour


def js_len(text: str) -> int:
    """A string's ``length`` in JavaScript: UTF-16 code units."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def js_slice(text: str, n: int) -> str:
    """``text.slice(0, n)`` in JavaScript (UTF-16 code units)."""
    if len(text) <= n // 2 or js_len(text) <= n:
        return text
    return text.encode("utf-16-le", "surrogatepass")[: 2 * n].decode("utf-16-le", "surrogatepass")


def js_number_text(x: float) -> str:
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    if x == int(x) and abs(x) < 1e21:
        return str(int(x))
    text = repr(float(x))
    if "e" in text:
        mantissa, exp = text.split("e")
        mantissa = mantissa.removesuffix(".0")
        sign = "-" if exp.startswith("-") else "+"
        return f"{mantissa}e{sign}{exp.lstrip('+-').lstrip('0') or '0'}"
    return text


def js_string(x: object, missing: bool = False) -> str:
    """``String(x)`` in JavaScript, for the values JSON can hold (``missing``: undefined)."""
    if missing:
        return "undefined"
    if x is None:
        return "null"
    if isinstance(x, bool):
        return "true" if x else "false"
    if isinstance(x, (int, float)):
        return js_number_text(float(x)) if isinstance(x, float) or abs(x) >= 1e21 else str(x)
    if isinstance(x, str):
        return x
    if isinstance(x, list):
        return ",".join("" if e is None else js_string(e) for e in x)
    return "[object Object]"


def js_keys(obj: dict) -> list:
    """An object's keys in JavaScript's order: array indices first, ascending, then the rest as inserted."""
    index = [
        k for k in obj if isinstance(k, str) and re.fullmatch(r"0|[1-9][0-9]*", k) and int(k) < 2**32 - 1
    ]
    return sorted(index, key=int) + [k for k in obj if k not in index]


def is_int(n: object, lo: int, hi: int) -> bool:
    """store.js isInt: a JSON number that is a whole number from lo to hi."""
    if isinstance(n, bool) or not isinstance(n, (int, float)):
        return False
    return math.isfinite(n) and float(n).is_integer() and lo <= n <= hi


# ---------------------------------------------------------------- the checks


def element_problem(key: str, el: object) -> str:
    """What is wrong with one stored element, in words, or '' when it is sound (store.js elementProblem)."""
    if not isinstance(key, str) or not _ID.fullmatch(key):
        return "its name is not one the course uses"
    if not isinstance(el, dict) or el.get("kind") not in KINDS or not isinstance(el.get("state"), dict):
        return "it is not in the expected shape"
    st = el["state"]
    if el["kind"] == "reflection":
        if "text" in st and not isinstance(st["text"], str):
            return "its text is not text"
        if isinstance(st.get("text"), str) and js_len(st["text"]) > MAX_TEXT:
            return "its text is far longer than any reflection"
        if "conflict" in st and not (
            isinstance(st["conflict"], dict) and isinstance(st["conflict"].get("text"), str)
        ):
            return "its second version is not text"
    elif el["kind"] == "scenario":
        if "reached" in st and not (
            isinstance(st["reached"], list) and all(isinstance(r, str) for r in st["reached"])
        ):
            return "its endings reached are not a list"
        if "path" in st and not (
            isinstance(st["path"], list)
            and all(
                isinstance(s, list)
                and len(s) == 2
                and isinstance(s[0], str)
                and (
                    is_int(s[1], 0, 99)
                    or (isinstance(s[1], str) and re.fullmatch(r"[0-9]{1,2}", s[1]) is not None)
                )
                for s in st["path"]
            )
        ):
            return "its path is not a list of choices"
        if "perspective" in st and st["perspective"] is not None and not isinstance(st["perspective"], str):
            return "its perspective is not a name"
    elif el["kind"] == "exercise":
        if not isinstance(st.get("text"), str):
            return "its summary is not text"
        if js_len(st["text"]) > MAX_TEXT:
            return "its summary is far longer than any exercise writes"
        if "title" in st and not (isinstance(st["title"], str) and js_len(st["title"]) <= MAX_TITLE):
            return "its title is not a title"
    elif el["kind"] == "selfcheck":
        if "answers" in st and not isinstance(st["answers"], dict):
            return "its answers are not in the expected shape"
        if "checked" in st and not isinstance(st["checked"], dict):
            return "its checked answers are not in the expected shape"
    return ""


def participatory_sessions(data: dict) -> list[dict]:
    """The learning logged as participatory (with others), in the order logged."""
    log = (data.get("meta") or {}).get("log") or []
    return [e for e in log if isinstance(e, dict) and e.get("mode") == "participatory"]


def log_problem(e: object) -> str:
    """What is wrong with one logged session, or '' (store.js logProblem)."""
    if not isinstance(e, dict):
        return "an entry is not in the expected shape"
    if not is_int(e.get("minutes"), 0, MAX_MINUTES):
        shown = js_slice(js_string(e.get("minutes"), missing="minutes" not in e), 20)
        return f"an entry's minutes ({shown}) are not a whole number from 0 to {MAX_MINUTES}"
    if e.get("mode") not in MODES:
        return "an entry is neither solo nor participatory"
    if "what" in e and (not isinstance(e["what"], str) or js_len(e["what"]) > 1000):
        return "an entry's description is not short text"
    if "date" in e and (not isinstance(e["date"], str) or not _ISO_START.match(e["date"])):
        return "an entry's date is not a date"
    return ""
