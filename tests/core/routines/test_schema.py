"""routines/routine.schema.json (for editors) agrees with the loader (DESIGN.md section 3).

The schema cannot express every rule (a duration string over 2 h, the file size...): the bad-routine
table says, row by row, which rules it can (``schema_rejects``), and this test keeps those flags true
in both directions.
"""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

from sessiontimer.core.routines.loader import load_bytes, load_file, load_text
from sessiontimer.core.routines.model import Routine
from sessiontimer.core.routines.writer import dump_routine
from tests.conftest import REPO
from tests.support.bad_routines import BAD, Bad
from tests.support.routines import DESIGN_EXAMPLE, ROUTINES

jsonschema = pytest.importorskip("jsonschema")

SCHEMA_PATH = REPO / "routines" / "routine.schema.json"

pytestmark = pytest.mark.skipif(
    not SCHEMA_PATH.exists(), reason=f"{SCHEMA_PATH} does not exist (yet)"
)


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return loaded


@pytest.fixture(scope="module")
def validator(schema: dict[str, Any]) -> Any:
    return jsonschema.Draft202012Validator(schema)


def as_json(value: Any) -> Any:
    """A TOML value as an editor's validator sees it: dates and times as ISO text. Integers beyond
    any limit are clamped (jsonschema cannot print an int of more than 4300 digits)."""
    if isinstance(value, dict):
        return {key: as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json(item) for item in value]
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 10**18:
        return 10**18 if value > 0 else -(10**18)
    return value


def parse(text: str | bytes) -> dict[str, Any] | None:
    """The TOML document, or None when it is not TOML at all."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError:
            return None
    try:
        return tomllib.loads(text.removeprefix("\ufeff"))
    except (tomllib.TOMLDecodeError, ValueError, RecursionError):
        return None


def schema_errors(validator: Any, document: dict[str, Any]) -> list[str]:
    return [error.message for error in validator.iter_errors(as_json(document))]


def test_schema_is_valid(schema: dict[str, Any]) -> None:
    jsonschema.Draft202012Validator.check_schema(schema)
    # it says it is written for draft-07 editors too (Taplo / Even Better TOML)
    jsonschema.Draft7Validator.check_schema(schema)
    assert schema.get("type") == "object"
    assert schema.get("additionalProperties") is False


BUILT_IN = sorted((REPO / "routines").glob("*.toml"))


def test_there_are_built_in_routines() -> None:
    if not BUILT_IN:
        pytest.skip("no built-in routines yet")
    assert all(path.stem == path.stem.lower() for path in BUILT_IN)


@pytest.mark.parametrize("path", BUILT_IN, ids=[p.stem for p in BUILT_IN])
def test_built_in_routines_load_and_match_the_schema(path: Path, validator: Any) -> None:
    result = load_file(path)
    assert isinstance(result, Routine), "\n".join(str(p) for p in result)
    assert result.id == path.stem
    document = parse(path.read_bytes())
    assert document is not None
    assert schema_errors(validator, document) == []


ROWS_AS_TOML = [row for row in BAD if parse(row.text) is not None]


def test_most_bad_rows_are_toml() -> None:
    assert len(ROWS_AS_TOML) >= 40


@pytest.mark.parametrize("row", ROWS_AS_TOML, ids=[row.id for row in ROWS_AS_TOML])
def test_schema_flags_of_the_bad_table(row: Bad, validator: Any) -> None:
    document = parse(row.text)
    assert document is not None
    errors = schema_errors(validator, document)
    if row.schema_rejects:
        assert errors, f"{row.id}: the schema accepts it, but the table says it can reject it"
    else:
        assert not errors, f"{row.id}: the schema rejects it ({errors}); set schema_rejects=True"


@pytest.mark.parametrize("row", BAD, ids=[row.id for row in BAD])
def test_the_loader_rejects_every_row(row: Bad) -> None:
    data = row.text if isinstance(row.text, bytes) else row.text.encode("utf-8")
    assert isinstance(load_bytes(data), list)


ROWS_NOT_TOML = [row for row in BAD if parse(row.text) is None]


@pytest.mark.parametrize("row", ROWS_NOT_TOML, ids=[row.id for row in ROWS_NOT_TOML])
def test_rows_that_are_not_toml_are_not_flagged(row: Bad) -> None:
    assert not row.schema_rejects


GOOD = {
    "design-example": DESIGN_EXAMPLE,
    "inferred-kinds": """\
name = "Inferred"
description = "Every kind without kind = ..."
times_per_day = 12

[[steps]]
name = "a hold"
hold = 30
reps = 100
sets = 2
alternate = true
sides = "both"
rest = 0
set_rest = "1m"

[[steps]]
name = "self-paced reps"
reps = 10

[[steps]]
name = "timed reps with a hold at the top"
tempo = "3s"
hold = "2s"
set_rest = 0

[[steps]]
name = "walk"
duration = "2h"
sides = "left"

[[steps]]
name = "nothing but a name"
""",
    "explicit-kinds": """\
name = "Explicit"
prepare = 0
switch = "0s"

[[steps]]
name = "Heat"
kind = "heat"
duration = "19m"
check_every = "5m"
how = "A towel between the pack and the skin."
cues = ["Check the skin", "Not too hot"]

[[steps]]
name = "Ice"
kind = "cold"
duration = 1
check_every = 300

[[steps]]
name = "Rest"
kind = "rest"
duration = "1h59m60s"

[[steps]]
name = "Reps with a zero hold"
kind = "reps"
hold = 0
reps = 5

[[steps]]
name = "Hold"
kind = "hold"
hold = "1h"
""",
    "inline-steps": """\
name = "Inline"
steps = [
  { name = "Bridge", hold = "5s", reps = 10 },
  { name = "Clam", reps = 15, sides = "both", cues = ["slow"] },  # a comment
  { name = "Heat", kind = "heat", duration = 600 },
]
""",
    "quoted-and-crlf": 'name = "CRLF"\r\n[[steps]]\r\n"name" = "Quoted"\r\n\'hold\' = 3\r\n',
    "bom": '\ufeffname = "BOM"\n[[steps]]\nname = "S"\nduration = 20\n',
    "long-texts": f'name = "{"n" * 2000}"\n[[steps]]\nname = "s"\nhow = """{"h" * 2000}"""\n'
    f"cues = [{', '.join(repr(str(n)) for n in range(20))}]\n",
}


@pytest.mark.parametrize("text", list(GOOD.values()), ids=list(GOOD))
def test_good_documents_pass_both(text: str, validator: Any) -> None:
    result = load_text(text)
    assert isinstance(result, Routine), [str(p) for p in result]
    document = parse(text)
    assert document is not None
    assert schema_errors(validator, document) == []


@settings(max_examples=60, deadline=None)
@given(ROUTINES)
def test_written_routines_pass_the_schema(validator: Any, routine: Routine) -> None:
    document = parse(dump_routine(routine))
    assert document is not None
    assert schema_errors(validator, document) == []
