"""Property tests of the loader: no input makes it raise, every problem points into the file, and
valid routines survive dump -> load unchanged."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from typing import Any

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sessiontimer.core.routines.loader import LoadResult, load_bytes, load_text
from sessiontimer.core.routines.model import (
    KINDS,
    SIDES,
    STEP_KEYS_FOR_KINDS,
    TOP_KEYS,
    Routine,
)
from sessiontimer.core.routines.writer import dump_routine, routine_to_document
from sessiontimer.core.tomlfile.locate import locate_keys
from sessiontimer.core.tomlfile.reader import Problem
from tests.support.routines import ROUTINES

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def check(result: LoadResult, text: str) -> None:
    """A Routine, or located problems that point inside ``text``."""
    if isinstance(result, Routine):
        check_routine(result)
        return
    assert isinstance(result, list)
    assert result, "an invalid file must have at least one problem"
    lines = text.split("\n")
    for problem in result:
        assert isinstance(problem, Problem)
        assert 1 <= problem.line <= len(lines), (problem, len(lines))
        assert 1 <= problem.col <= len(lines[problem.line - 1]) + 1, problem
        assert problem.message
        assert not CONTROL.search(problem.message), problem.message
    assert result == sorted(result)


def check_routine(routine: Routine) -> None:
    assert routine.name and not CONTROL.search(routine.name)
    assert 1 <= len(routine.steps) <= 200
    assert 1 <= routine.times_per_day <= 12
    for step in routine.steps:
        assert step.kind in KINDS
        assert step.name and not CONTROL.search(step.name)
        assert not CONTROL.search(step.how.replace("\n", "").replace("\t", ""))
        assert len(step.cues) <= 20
        if step.kind in ("heat", "cold"):
            assert step.duration is not None and 1 <= step.duration <= 1200
    # whatever loads, the writer can write, and it loads back the same
    assert load_text(dump_routine(routine)) == routine


# -- (a) any text, (b) any bytes --------------------------------------------------------------------
@FUZZ
@given(st.text())
def test_any_text(text: str) -> None:
    check(load_text(text), text)


@FUZZ
@given(st.binary())
def test_any_bytes(data: bytes) -> None:
    result = load_bytes(data)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        text = data[: err.start].decode("utf-8")
    check(result, text.removeprefix("\ufeff"))


FRAGMENTS = [
    "[[steps]]",
    "[steps]",
    "[ [steps] ]",
    "[steps.x]",
    "[other]",
    'name = "S"',
    "name = 'S'",
    'naem = "S"',
    "hold = 30",
    'hold = "30s"',
    "hodl = 3",
    '"hold" = 3',
    "hold.x = 1",
    'kind = "heat"',
    'kind = "rest"',
    'duration = "15m"',
    "duration = 1201",
    "tempo = 2",
    "reps = 3",
    "sets = true",
    'sides = "both"',
    "alternate = true",
    'cues = ["a", "b"]',
    "steps = [",
    "steps = []",
    '{name = "a", hold = 3},',
    "{hodl = 1}",
    "]",
    "}",
    '"""',
    "'''",
    '"',
    "# [[steps]]",
    "# comment",
    'how = """',
    "\t",
    "  ",
    "\r",
    "=",
    "x = 1e99999",
    "x = nan",
    "x = [[[[[[[[",
    "\x00",
    "\x1b[31m",
    "\ufeff",
]


@FUZZ
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=25), st.sampled_from(["\n", "\r\n", " "]))
def test_fragments(parts: list[str], sep: str) -> None:
    text = sep.join(parts)
    check(load_text(text), text.removeprefix("\ufeff"))
    check(load_bytes(text.encode("utf-8")), text.removeprefix("\ufeff"))


# -- (c) TOML documents of routine-ish keys and random values ----------------------------------------
STEP_KEYS = list(STEP_KEYS_FOR_KINDS)
NEAR_MISSES = ["hodl", "naem", "set_rset", "kidn", "sieds", "duraton", "Hold", "cue", "repss"]
DURATION_TEXT = st.one_of(
    st.sampled_from(["30s", "2m", "1m30s", "1h", "2h1s", "0s", "1.5m", "30 sec", "", "90", "21m"]),
    st.from_regex(r"\A(\d{1,4}h)?(\d{1,4}m)?(\d{1,5}s)?\Z"),
)
SCALARS = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70),
    st.integers(min_value=-3, max_value=250),
    st.booleans(),
    st.floats(),
    st.text(max_size=20),
    DURATION_TEXT,
    st.sampled_from(list(KINDS) + list(SIDES) + ["stretch", "HOLD", " both "]),
    st.dates(),
    st.times(),
    st.datetimes(timezones=st.none() | st.just(dt.UTC)),
)


def keys(real: list[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(real), st.sampled_from(NEAR_MISSES), st.text(min_size=1, max_size=8)
    )


VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys(STEP_KEYS), inner, max_size=3),
    max_leaves=12,
)
STEP_DICTS = st.dictionaries(keys(STEP_KEYS), VALUES, max_size=8)
DOCUMENTS = st.builds(
    lambda top, steps, name: {**({"name": name} if name is not None else {}), **top, **steps},
    st.dictionaries(keys(list(TOP_KEYS)), VALUES, max_size=5),
    st.one_of(
        st.just({}),
        st.fixed_dictionaries({"steps": st.lists(STEP_DICTS, max_size=4)}),
        st.fixed_dictionaries({"steps": st.lists(VALUES, max_size=3)}),
    ),
    st.none() | st.text(max_size=10),
)


def to_toml(document: dict[str, Any]) -> str | None:
    try:
        return tomli_w.dumps(document)
    except (TypeError, ValueError):  # e.g. a value tomli-w cannot write
        return None


@FUZZ
@given(DOCUMENTS, st.booleans())
def test_routine_like_documents(document: dict[str, Any], windows: bool) -> None:
    text = to_toml(document)
    if text is None:
        return
    if windows:
        text = "\ufeff" + text.replace("\n", "\r\n")
    check(load_text(text), text.removeprefix("\ufeff"))
    check(load_bytes(text.encode("utf-8")), text.removeprefix("\ufeff"))


# -- (d) valid routines survive dump -> load ----------------------------------------------------------


@FUZZ
@given(ROUTINES)
def test_valid_routines_round_trip(routine: Routine) -> None:
    text = dump_routine(routine)
    assert load_text(text) == routine
    assert load_bytes(("\ufeff" + text.replace("\n", "\r\n")).encode()) == routine


# -- (c2) valid routines with one thing broken: the problem is found where it was written -------------
def key_position(text: str, key: str) -> tuple[int, int]:
    """Where ``key = `` is written (tomli-w writes short step lists as inline tables)."""
    found = [m.start() for m in re.finditer(rf"(?<![\w-]){re.escape(key)} = ", text)]
    assert len(found) == 1, found
    before = text[: found[0]]
    return before.count("\n") + 1, found[0] - (before.rfind("\n") + 1) + 1


@FUZZ
@given(ROUTINES, st.data())
def test_one_unknown_key_is_located(routine: Routine, data: st.DataObject) -> None:
    document = routine_to_document(routine)
    key = data.draw(st.sampled_from([*NEAR_MISSES, "colour", "x-y", "12"]))
    value = data.draw(SCALARS)
    index = data.draw(st.none() | st.integers(0, len(routine.steps) - 1))
    (document if index is None else document["steps"][index])[key] = value
    text = to_toml(document)
    if text is None:
        return
    result = load_text(text)
    check(result, text)
    assert isinstance(result, list)
    where = key_position(text, key)
    assert [(p.line, p.col) for p in result if f'unknown key "{key}"' in p.message] == [where]


@FUZZ
@given(ROUTINES, st.data())
def test_one_wrong_value(routine: Routine, data: st.DataObject) -> None:
    document = routine_to_document(routine)
    index = data.draw(st.integers(0, len(routine.steps) - 1))
    table = document["steps"][index]
    key = data.draw(st.sampled_from(sorted(table)))
    table[key] = data.draw(VALUES)
    if data.draw(st.booleans()):
        table.pop("name", None)
    text = to_toml(document)
    if text is None:
        return
    check(load_text(text), text)


# -- the key locator finds every key the checker may complain about ------------------------------------
def assert_located(text: str) -> None:
    document = tomllib.loads(text)
    found = locate_keys(text)
    lines = text.split("\n")
    wanted: list[tuple[str | int, ...]] = [(key,) for key in document]
    steps = document.get("steps")
    if isinstance(steps, list) and all(isinstance(item, dict) for item in steps):
        for index, item in enumerate(steps):
            wanted.append(("steps", index))
            wanted.extend(("steps", index, key) for key in item)
    for path in wanted:
        assert path in found, (path, text)
        line, col = found[path]
        rest = lines[line - 1][col - 1 :]
        if isinstance(path[-1], int):
            assert rest.startswith(("[", "{")), (path, rest)
        else:
            assert rest.startswith((path[-1], '"', "'", "[")), (path, rest)


@FUZZ
@given(DOCUMENTS)
def test_locator_finds_every_key(document: dict[str, Any]) -> None:
    text = to_toml(document)
    if text is not None:
        assert_located(text)


@FUZZ
@given(ROUTINES)
def test_locator_finds_every_key_of_dumped_routines(routine: Routine) -> None:
    assert_located(dump_routine(routine))
