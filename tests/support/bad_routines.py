"""A shared table of hand-written bad routine files (DESIGN.md section 3) and what is wrong with them.

Every row names each problem the loader must report (line, column, a piece of its message) and
nothing else, and says whether a JSON Schema can express the rule (``schema_rejects``): that flag is
set from what ``routines/routine.schema.json`` actually does (checked by
``tests/core/routines/test_schema.py``).
Rows that are not TOML at all (syntax errors, bad UTF-8, deep nesting) have ``schema_rejects=False``:
the schema never sees them.

Most rows use ``step(...)``: line 1 is the routine's name, line 2 the ``[[steps]]`` header, line 3 the
step's name, so the first line given to ``step`` is line 4.
"""

from __future__ import annotations

from typing import NamedTuple


class P(NamedTuple):
    """One expected problem: where, and a piece of its message."""

    line: int
    col: int
    contains: str


class Bad(NamedTuple):
    id: str
    text: str | bytes
    problems: tuple[P, ...]
    schema_rejects: bool


HEAD = 'name = "Routine"\n[[steps]]\nname = "Step"\n'


def step(*lines: str) -> str:
    """A routine with one step whose extra keys start on line 4."""
    return HEAD + "".join(line + "\n" for line in lines)


def _many_steps(count: int) -> str:
    return 'name = "Long"\n' + "".join(f'[[steps]]\nname = "s{n}"\n' for n in range(count))


def _big_file() -> str:
    text = step('hold = "30s"')
    padding = "# " + "x" * 1000 + "\n"
    while len(text.encode()) <= 256 * 1024:
        text += padding
    return text


_LONG = "x" * 2001
_CUES21 = ", ".join(f'"c{n}"' for n in range(21))

BAD: list[Bad] = [
    # -- limits on durations ------------------------------------------------------------------
    Bad("hold-over-2h-string", step('hold = "2h1s"'), (P(4, 1, "longest allowed is 2h"),), False),
    Bad("hold-over-2h-int", step("hold = 7201"), (P(4, 1, "longest allowed is 2h"),), True),
    Bad(
        "prepare-over-2h",
        'name = "R"\nprepare = "3h"\n[[steps]]\nname = "S"\n',
        (P(2, 1, '"prepare" is 3h; the longest allowed is 2h'),),
        False,
    ),
    Bad(
        "switch-over-2h-int",
        'name = "R"\nswitch = 9000\n[[steps]]\nname = "S"\n',
        (P(2, 1, '"switch" is 2h30m'),),
        True,
    ),
    Bad(
        "set-rest-121m",
        step('hold = "10s"', 'set_rest = "121m"'),
        (P(5, 1, '"set_rest" is 2h1m'),),
        False,
    ),
    Bad(
        "heat-1201-int",
        step('kind = "heat"', "duration = 1201"),
        (P(5, 1, "20 minutes at most"),),
        True,
    ),
    Bad(
        "heat-21m",
        step('kind = "heat"', 'duration = "21m"'),
        (P(5, 1, "burns or frostbite"),),
        True,
    ),
    Bad(
        "heat-20m1s",
        step('kind = "heat"', 'duration = "20m1s"'),
        (P(5, 1, '"duration" is 20m1s; heat and cold stay on for 20 minutes at most'),),
        False,
    ),
    Bad(
        "cold-1h",
        step('kind = "cold"', 'duration = "1h"'),
        (P(5, 1, "20 minutes at most"),),
        True,
    ),
    Bad(
        "cold-zero",
        step('kind = "cold"', "duration = 0"),
        (P(5, 1, '"duration" must be at least 1s'),),
        True,
    ),
    Bad(
        "heat-0s",
        step('kind = "heat"', 'duration = "0s"'),
        (P(5, 1, "at least 1s"),),
        True,
    ),
    Bad(
        "heat-check-every-0s",
        step('kind = "heat"', 'duration = "15m"', 'check_every = "0s"'),
        (P(6, 1, '"check_every" must be at least 1s'),),
        True,
    ),
    # -- heat and cold across the routine (CLINICAL.md "Heat and cold") ---------------------
    Bad(
        "heat-check-every-over-5m",
        step('kind = "heat"', 'duration = "15m"', 'check_every = "6m"'),
        (P(6, 1, '"check_every" is 6m; while a pack is on, the skin is checked at least every 5'),),
        True,
    ),
    Bad(
        "cold-check-every-over-5m-seconds",
        step('kind = "cold"', 'duration = "10m"', "check_every = 301"),
        (P(6, 1, '"check_every" is 5m1s'),),
        True,
    ),
    Bad(
        "two-heat-packs-in-a-row",
        'name = "R"\n[[steps]]\nname = "Heat one"\nkind = "heat"\nduration = "15m"\n'
        '[[steps]]\nname = "Heat two"\nkind = "heat"\nduration = "15m"\n',
        (P(9, 1, 'step 2 ("Heat two") makes 30m of heat or cold one after another'),),
        False,
    ),
    Bad(
        "heat-then-cold-with-only-a-rest-between",
        'name = "R"\n[[steps]]\nname = "Heat"\nkind = "heat"\nduration = "12m"\n'
        '[[steps]]\nname = "Pause"\nkind = "rest"\nduration = "2m"\n'
        '[[steps]]\nname = "Cold"\nkind = "cold"\nduration = "10m"\n',
        (P(13, 1, 'step 3 ("Cold") makes 22m of heat or cold one after another'),),
        False,
    ),
    Bad(
        "a-pack-routine-four-times-a-day",
        'name = "R"\ntimes_per_day = 4\n[[steps]]\nname = "Heat"\nkind = "heat"\nduration = "15m"\n',
        (P(2, 1, "a routine with a heat or cold pack is done 3 times a day at most"),),
        False,
    ),
    Bad(
        "hold-0s-on-hold-step", step('hold = "0s"'), (P(4, 1, '"hold" must be at least 1s'),), True
    ),
    Bad("tempo-0", step("tempo = 0"), (P(4, 1, '"tempo" must be at least 1s'),), True),
    Bad("hold-negative", step("hold = -5"), (P(4, 1, "cannot be negative (got -5)"),), True),
    Bad("hold-float", step("hold = 30.5"), (P(4, 1, 'whole seconds: write 30 or "30s"'),), True),
    Bad("hold-float-whole", step("hold = 30.0"), (P(4, 1, "durations are whole seconds"),), False),
    Bad("hold-nan", step("hold = nan"), (P(4, 1, "not nan"),), True),
    Bad("hold-inf", step("hold = -inf"), (P(4, 1, "not -inf"),), True),
    Bad("hold-1.5m", step('hold = "1.5m"'), (P(4, 1, '"1.5m" is not a duration'),), True),
    Bad("hold-30-sec", step('hold = "30 sec"'), (P(4, 1, '"30 sec" is not a duration'),), True),
    Bad("hold-empty-string", step('hold = ""'), (P(4, 1, '"" is not a duration'),), True),
    Bad("hold-90-as-string", step('hold = "90"'), (P(4, 1, 'write 90 (a number) or "90s"'),), True),
    Bad("hold-units-out-of-order", step('hold = "30s1m"'), (P(4, 1, "not a duration"),), True),
    Bad("hold-boolean", step("hold = true"), (P(4, 1, "got true"),), True),
    Bad("hold-array", step("hold = [30]"), (P(4, 1, "got an array"),), True),
    Bad(
        "hold-long-number-string",
        step('hold = "' + "1" * 5000 + 's"'),
        (P(4, 1, "far too long"),),
        False,
    ),
    Bad(
        "hold-date",
        step("hold = 1979-05-27"),
        (P(4, 1, "got a date or time"),),
        True,  # the schema sees a date as its ISO text (as Taplo does): not a duration pattern
    ),
    # -- limits on numbers --------------------------------------------------------------------
    Bad(
        "reps-0",
        step("reps = 0"),
        (P(4, 1, '"reps" must be from 1 to 100 repetitions, not 0'),),
        True,
    ),
    Bad("reps-101", step("reps = 101"), (P(4, 1, "from 1 to 100 repetitions, not 101"),), True),
    Bad("reps-negative", step("reps = -3"), (P(4, 1, "not -3"),), True),
    Bad("reps-float", step("reps = 2.5"), (P(4, 1, "not a decimal number"),), True),
    Bad("reps-float-whole", step("reps = 3.0"), (P(4, 1, "not a decimal number"),), False),
    Bad(
        "reps-string", step('reps = "10"'), (P(4, 1, 'whole number from 1 to 100, not "10"'),), True
    ),
    Bad(
        "reps-huge-hex",
        step("reps = 0x" + "f" * 5000),
        (P(4, 1, "not a huge number"),),
        True,
    ),
    Bad(
        "reps-too-many-digits",
        step("reps = 1" + "0" * 5000),
        (P(4, 8, "number is far too long"),),
        False,  # tomllib cannot read it: no document for the schema
    ),
    Bad("sets-0", step("sets = 0"), (P(4, 1, '"sets" must be from 1 to 20 sets, not 0'),), True),
    Bad("sets-21", step("sets = 21"), (P(4, 1, "from 1 to 20 sets, not 21"),), True),
    Bad("sets-true", step("sets = true"), (P(4, 1, "not a boolean"),), True),
    Bad(
        "times-per-day-0",
        'name = "R"\ntimes_per_day = 0\n[[steps]]\nname = "S"\n',
        (P(2, 1, '"times_per_day" must be from 1 to 12 times a day, not 0'),),
        True,
    ),
    Bad(
        "times-per-day-13",
        'name = "R"\ntimes_per_day = 13\n[[steps]]\nname = "S"\n',
        (P(2, 1, "not 13"),),
        True,
    ),
    Bad(
        "times-per-day-string",
        'name = "R"\ntimes_per_day = "twice"\n[[steps]]\nname = "S"\n',
        (P(2, 1, 'not "twice"'),),
        True,
    ),
    # -- steps: how many, and how they are written ---------------------------------------------
    Bad(
        "steps-201",
        _many_steps(201),
        (P(2 + 2 * 200, 1, "at most 200 steps; this one has 201"),),
        True,
    ),
    Bad("steps-empty", 'name = "R"\n\nsteps = []\n', (P(3, 1, "has no steps"),), True),
    Bad("steps-missing", 'name = "R"\ndescription = "d"\n', (P(1, 1, "has no steps"),), True),
    Bad(
        "steps-single-brackets",
        'name = "R"\n\n[steps]\nname = "S"\nhold = 3\n',
        (P(3, 1, "steps must be written [[steps]] (double brackets)"),),
        True,
    ),
    Bad(
        "steps-dotted-key",
        'name = "R"\nsteps.name = "S"\n',
        (P(2, 1, "double brackets"),),
        True,
    ),
    Bad(
        "steps-list-of-numbers",
        'name = "R"\nsteps = [1, 2]\n',
        (
            P(2, 1, "step 1 must be a table (name = ...), not an integer"),
            P(2, 1, "step 2 must be a table"),
        ),
        True,
    ),
    Bad("steps-string", 'name = "R"\nsteps = "all"\n', (P(2, 1, "not a string"),), True),
    Bad(
        "steps-inline-unknown-key",
        'name = "R"\nsteps = [{name = "a", hodl = 3}]\n',
        (P(2, 23, 'unknown key "hodl" in step 1 ("a"); did you mean "hold"?'),),
        True,
    ),
    Bad(
        "steps-inline-multiline-missing-name",
        'name = "R"\nsteps = [\n  {name = "a", hold = 3},\n  # {name = "c"},\n'
        '  {hold = "x", reps = 2},\n]\n',
        (
            P(5, 3, 'step 2 has no "name"'),
            P(5, 4, '"x" is not a duration'),
        ),
        True,
    ),
    Bad(
        "steps-inline-in-string",
        'name = "R"\nsteps = [{name = "{ hodl = [", how = "}]"}, {name = "b", kind = "rest"}]\n',
        (P(2, 45, 'step 2 ("b") is a rest step but has no "duration"'),),
        True,
    ),
    # -- text fields and cues ------------------------------------------------------------------
    Bad(
        "name-too-long",
        f'name = "{_LONG}"\n[[steps]]\nname = "S"\n',
        (P(1, 1, '"name" is 2001 characters long; keep it under 2000'),),
        True,
    ),
    Bad(
        "description-too-long",
        f'name = "R"\ndescription = """\n{_LONG}"""\n[[steps]]\nname = "S"\n',
        (P(2, 1, '"description" is 2001 characters'),),
        True,
    ),
    Bad("how-too-long", step(f"how = '{_LONG}'"), (P(4, 1, '"how" is 2001 characters'),), True),
    Bad(
        "step-name-too-long", f'name = "R"\n[[steps]]\nname = "{_LONG}"\n', (P(3, 1, "2001"),), True
    ),
    Bad(
        "cue-too-long",
        step(f'cues = ["ok", "{_LONG}"]'),
        (P(4, 1, "cue 2 is 2001 characters long"),),
        True,
    ),
    Bad(
        "cues-21",
        step(f"cues = [{_CUES21}]"),
        (P(4, 1, "at most 20 cues per step; this step has 21"),),
        True,
    ),
    Bad("cues-string", step('cues = "breathe"'), (P(4, 1, "cues must be a list of texts"),), True),
    Bad(
        "cue-number",
        step('cues = ["a", 2]'),
        (P(4, 1, "cue 2 must be text in quotes, not an integer"),),
        True,
    ),
    Bad(
        "name-number",
        'name = 3\n[[steps]]\nname = "S"\n',
        (P(1, 1, "must be text in quotes, not an integer"),),
        True,
    ),
    Bad(
        "name-empty",
        'name = ""\n[[steps]]\nname = "S"\n',
        (P(1, 1, "the routine's name is empty"),),
        True,
    ),
    Bad(
        "name-blank", 'name = "  \\t "\n[[steps]]\nname = "S"\n', (P(1, 1, "name is empty"),), False
    ),
    Bad(
        "step-name-empty",
        'name = "R"\n[[steps]]\nname = ""\n',
        (P(3, 1, "step 1 has an empty name"),),
        True,
    ),
    Bad(
        "file-over-256k",
        _big_file(),
        (P(1, 1, "larger than 256 KiB"),),
        False,
    ),
    # -- unknown keys and near misses ---------------------------------------------------------
    Bad(
        "top-naem",
        'naem = "R"\n[[steps]]\nname = "S"\n',
        (
            P(1, 1, 'the routine has no "name"'),
            P(1, 1, 'unknown key "naem" at the top of the routine; did you mean "name"?'),
        ),
        True,
    ),
    Bad(
        "top-unknown-no-hint",
        'name = "R"\ncolour = "blue"\n[[steps]]\nname = "S"\n',
        (P(2, 1, 'unknown key "colour" at the top of the routine'),),
        True,
    ),
    Bad(
        "top-step-key",
        'name = "R"\nhold = 30\n[[steps]]\nname = "S"\n',
        (P(2, 1, "hold belongs in a [[steps]] table"),),
        True,
    ),
    Bad(
        "top-unknown-table",
        'name = "R"\n[[steps]]\nname = "S"\n\n[settings]\nsound = true\n',
        (P(5, 1, 'unknown key "settings"'),),
        True,
    ),
    Bad(
        "step-hodl",
        step("hodl = 30"),
        (P(4, 1, 'unknown key "hodl" in step 1 ("Step"); did you mean "hold"?'),),
        True,
    ),
    Bad(
        "step-set-rset",
        step("reps = 5", 'set_rset = "1m"'),
        (P(5, 1, 'unknown key "set_rset" in step 1 ("Step"); did you mean "set_rest"?'),),
        True,
    ),
    Bad(
        "step-naem",
        'name = "R"\n\n[[steps]]\nnaem = "S"\nhold = 3\n',
        (
            P(3, 1, 'step 1 has no "name": add name = "..."'),
            P(4, 1, 'unknown key "naem" in step 1; did you mean "name"?'),
        ),
        True,
    ),
    Bad(
        "step-top-key",
        step("hold = 3", "times_per_day = 2"),
        (P(5, 1, "times_per_day belongs at the top of the file"),),
        True,
    ),
    Bad(
        "step-subtable",
        step("hold = 3", "[steps.extra]", "x = 1"),
        (P(5, 1, 'unknown key "extra"'),),
        True,
    ),
    Bad("step-dotted-key", step("hold = 3", "hold2.x = 1"), (P(5, 1, '"hold2"'),), True),
    Bad(
        "step-dotted-hold",
        step("hold.seconds = 3"),
        (P(4, 1, '"hold": expected a duration'),),
        True,
    ),
    # -- keys for another kind ----------------------------------------------------------------
    Bad(
        "reps-on-timed",
        step('kind = "timed"', 'duration = "1m"', "reps = 3"),
        (P(6, 1, '"reps" does not apply to a timed step; it is for: hold, reps'),),
        True,
    ),
    Bad(
        "hold-on-inferred-timed",
        step('duration = "1m"', 'hold = "30s"'),
        (P(5, 1, 'it is a timed step because it has a "duration"'),),
        True,
    ),
    Bad(
        "rest-on-inferred-reps",
        step("reps = 10", 'rest = "10s"'),
        (P(5, 1, 'it is a reps step because it has no "hold"'),),
        True,
    ),
    Bad(
        "rest-on-inferred-reps-tempo",
        step("hold = 2", "tempo = 3", "rest = 5"),
        (P(6, 1, 'it is a reps step because it has a "tempo"'),),
        True,
    ),
    Bad(
        "tempo-on-hold",
        step('kind = "hold"', "hold = 10", "tempo = 2"),
        (P(6, 1, '"tempo" does not apply to a hold step; it is for: reps'),),
        True,
    ),
    Bad(
        "sides-on-heat",
        step('kind = "heat"', 'duration = "15m"', 'sides = "left"'),
        (P(6, 1, '"sides" does not apply to a heat step'),),
        True,
    ),
    Bad(
        "check-every-on-timed",
        step('duration = "1m"', 'check_every = "1m"'),
        (P(5, 1, '"check_every" does not apply to a timed step'),),
        True,
    ),
    Bad(
        "sets-on-rest",
        step('kind = "rest"', 'duration = "1m"', "sets = 2"),
        (P(6, 1, '"sets" does not apply to a rest step'),),
        True,
    ),
    # -- the progression's caps (DESIGN.md section 3) ------------------------------------------
    Bad(
        "max-hold-below-hold",
        step('hold = "30s"', 'max_hold = "20s"'),
        (P(5, 1, '"max_hold" is 20s, shorter than this step\'s hold (30s)'),),
        False,
    ),
    Bad(
        "max-reps-below-reps",
        step("reps = 10", "max_reps = 8"),
        (P(5, 1, '"max_reps" is 8, fewer than this step\'s reps (10)'),),
        False,
    ),
    Bad(
        "max-reps-written-before-the-reps",
        step('hold = "5s"', "max_reps = 1", "reps = 2"),
        (P(5, 1, "make it 2 or more, or leave it out"),),
        False,
    ),
    Bad(
        "max-duration-below-duration",
        step('duration = "5m"', 'max_duration = "4m"'),
        (P(5, 1, '"max_duration" is 4m, shorter than this step\'s duration (5m)'),),
        False,
    ),
    Bad(
        "max-reps-zero",
        step("reps = 3", "max_reps = 0"),
        (P(5, 1, '"max_reps" must be from 1 to 100 repetitions, not 0'),),
        True,
    ),
    Bad(
        "max-reps-text",
        step("reps = 3", 'max_reps = "12"'),
        (P(5, 1, '"max_reps" must be a whole number from 1 to 100'),),
        True,
    ),
    Bad(
        "max-hold-zero",
        step('hold = "5s"', 'max_hold = "0s"'),
        (P(5, 1, '"max_hold" must be at least 1s'),),
        True,
    ),
    Bad(
        "max-duration-over-2h",
        step('duration = "5m"', "max_duration = 7201"),
        (P(5, 1, '"max_duration" is 2h1s; the longest allowed is 2h'),),
        True,
    ),
    Bad(
        "progress-text",
        step('hold = "5s"', 'progress = "no"'),
        (P(5, 1, '"progress" must be true or false (no quotes), not "no"'),),
        True,
    ),
    Bad(
        "max-hold-on-reps",
        step("reps = 10", 'max_hold = "10s"'),
        (P(5, 1, '"max_hold" does not apply to a reps step (it is a reps step because'),),
        True,
    ),
    Bad(
        "max-duration-on-hold",
        step('kind = "hold"', 'hold = "30s"', 'max_duration = "1m"'),
        (P(6, 1, '"max_duration" does not apply to a hold step; it is for: timed'),),
        True,
    ),
    Bad(
        "max-reps-on-timed",
        step('duration = "5m"', "max_reps = 3"),
        (P(5, 1, '"max_reps" does not apply to a timed step'),),
        True,
    ),
    Bad(
        "max-duration-on-heat",
        step('kind = "heat"', 'duration = "15m"', 'max_duration = "20m"'),
        (P(6, 1, '"max_duration" does not apply to a heat step; it is for: timed'),),
        True,
    ),
    Bad(
        "progress-on-cold",
        step('kind = "cold"', 'duration = "10m"', "progress = true"),
        (P(6, 1, '"progress" does not apply to a cold step; it is for: hold, reps, timed'),),
        True,
    ),
    Bad(
        "progress-on-rest",
        step('kind = "rest"', 'duration = "1m"', "progress = false"),
        (P(6, 1, '"progress" does not apply to a rest step'),),
        True,
    ),
    Bad(
        "max-hold-typo",
        step('hold = "30s"', 'max_hodl = "60s"'),
        (P(5, 1, 'unknown key "max_hodl" in step 1 ("Step"); did you mean "max_hold"?'),),
        True,
    ),
    # -- missing keys: the step's header, or line 1 -----------------------------------------------
    Bad(
        "missing-top-name",
        '\n# my routine\ndescription = "d"\n[[steps]]\nname = "S"\n',
        (P(1, 1, 'the routine has no "name": add name = "..."'),),
        True,
    ),
    Bad(
        "missing-step-name",
        'name = "R"\n\n[[steps]]\nname = "A"\n\n  [[steps]]\n  hold = "30s"\n',
        (P(6, 3, 'step 2 has no "name"'),),
        True,
    ),
    Bad(
        "hold-step-without-hold",
        step('kind = "hold"', "reps = 3"),
        (P(2, 1, 'step 1 ("Step") is a hold step but has no "hold": add hold = "30s"'),),
        True,
    ),
    Bad(
        "heat-without-duration",
        step('kind = "heat"'),
        (P(2, 1, 'is a heat step but has no "duration": add duration = "15m"'),),
        True,
    ),
    Bad(
        "timed-without-duration",
        step('kind = "timed"', 'sides = "both"'),
        (P(2, 1, 'is a timed step but has no "duration": add duration = "1m"'),),
        True,
    ),
    Bad(
        "rest-without-duration",
        step('kind = "rest"'),
        (P(2, 1, 'is a rest step but has no "duration"'),),
        True,
    ),
    # -- bad choices -------------------------------------------------------------------------
    Bad(
        "kind-stretch",
        step('kind = "stretch"'),
        (P(4, 1, 'kind must be one of hold, reps, timed, heat, cold, rest, not "stretch"'),),
        True,
    ),
    Bad("kind-hodl", step('kind = "hodl"', "hold = 3"), (P(4, 1, 'did you mean "hold"?'),), True),
    Bad("kind-number", step("kind = 3"), (P(4, 1, "not an integer"),), True),
    # -- values are written exactly as the format (and the schema) spells them ---------------------
    Bad(
        "kind-upper",
        step('kind = "HOLD"', "hold = 3"),
        (P(4, 1, 'not "HOLD"; did you mean "hold"?'),),
        True,
    ),
    Bad(
        "sides-capital",
        step("hold = 3", 'sides = "Both"'),
        (P(5, 1, 'did you mean "both"?'),),
        True,
    ),
    Bad(
        "duration-upper-spaces",
        step('hold = " 30S "'),
        (P(4, 1, 'write "30s", not " 30S "'),),
        True,
    ),
    Bad("duration-upper", step('hold = "2M"'), (P(4, 1, 'write "2m", not "2M"'),), True),
    Bad(
        "sides-both-sides",
        step("hold = 3", 'sides = "both sides"'),
        (P(5, 1, '"sides" must be one of none, left, right, both, not "both sides"'),),
        True,
    ),
    Bad("sides-lft", step("hold = 3", 'sides = "lft"'), (P(5, 1, 'did you mean "left"?'),), True),
    Bad("sides-true", step("hold = 3", "sides = true"), (P(5, 1, "not a boolean"),), True),
    Bad(
        "sides-escape-codes",
        step("hold = 3", 'sides = "\\u001b[31mleft\\nright"'),
        (P(5, 1, 'not "\\x1b[31mleft\\nright"'),),
        True,
    ),
    Bad(
        "alternate-without-both",
        step("hold = 3", 'sides = "left"', "alternate = true"),
        (P(6, 1, 'alternate only works with sides = "both" (this step has sides = "left")'),),
        True,
    ),
    Bad(
        "alternate-without-sides",
        step("hold = 3", "alternate = true"),
        (P(5, 1, 'alternate only works with sides = "both" (this step has sides = "none")'),),
        True,
    ),
    Bad(
        "alternate-string",
        step("hold = 3", 'sides = "both"', 'alternate = "yes"'),
        (P(6, 1, '"alternate" must be true or false (no quotes), not "yes"'),),
        True,
    ),
    # -- TOML syntax errors (tomllib's line and column) --------------------------------------------
    Bad(
        "syntax-unquoted-string",
        "name = Bridge\n",
        (P(1, 8, 'TOML syntax error: invalid value (text values need quotes: name = "Bridge")'),),
        False,
    ),
    Bad(
        "syntax-duplicate-key",
        'name = "R"\n[[steps]]\nname = "S"\nhold = 3\nhold = 4\n',
        (P(5, 9, "cannot overwrite a value (each key may appear only once in a table)"),),
        False,
    ),
    Bad(
        "syntax-unclosed-header",
        'name = "R"\n[[steps]\nname = "S"\n',
        (P(2, 8, "expected ']]' at the end of an array declaration"),),
        False,
    ),
    Bad(
        "syntax-unclosed-array",
        step('cues = ["a", "b"'),
        (P(5, 1, "TOML syntax error: unclosed array"),),
        False,
    ),
    Bad(
        "syntax-unclosed-array-at-end",
        'name = "R"\ncues = [\n',
        (P(3, 1, "TOML syntax error: invalid value"),),
        False,
    ),
    Bad(
        "syntax-missing-equals",
        step('hold "30s"'),
        (P(4, 6, "expected '=' after a key in a key/value pair"),),
        False,
    ),
    Bad(
        "syntax-unterminated-string",
        'name = "R\n[[steps]]\n',
        (P(1, 10, "a text in quotes must end on the same line"),),
        False,
    ),
    Bad(
        "syntax-nul-in-string",
        'name = "R\x00"\n[[steps]]\nname = "S"\n',
        (P(1, 10, "illegal character '\\x00'"),),
        False,
    ),
    Bad(
        "binary-junk-utf8",
        "\x00\x01\x02\x7fELF\x1b[2J",
        (P(1, 1, "TOML syntax error: invalid statement"),),
        False,
    ),
    Bad(
        "binary-junk-bytes",
        b"\x7fELF\x02\x01\x01\x00\x00\xff\xfe\x00",
        (P(1, 10, "this is not UTF-8 text (byte 0xff)"),),
        False,
    ),
    Bad(
        "utf16-file",
        'name = "R"\n'.encode("utf-16"),
        (P(1, 1, "this is not UTF-8 text (byte 0xff)"),),
        False,
    ),
    Bad(
        "invalid-utf8-line-3",
        b'name = "R"\n[[steps]]\nname = "Kn\xe9e hug"\n',
        (P(3, 11, "this is not UTF-8 text (byte 0xe9); save the file as UTF-8"),),
        False,
    ),
    Bad(
        "invalid-utf8-after-multibyte",
        b'name = "R\xc3\xa9sum\xc3\xa9"\n\xc3\xa9t\xc3\xa9 \x80\n',
        (P(2, 5, "byte 0x80"),),
        False,
    ),
    Bad(
        "deep-nesting-arrays",
        "x = " + "[" * 50000,
        (P(1, 105, "nested far too deeply"),),
        False,
    ),
    Bad(
        "deep-nesting-inline-tables",
        'name = "R"\nx = ' + "{a = " * 50000,
        (P(2, 505, "nested far too deeply"),),
        False,
    ),
    Bad(
        "nested-but-fine",
        step("hold = 3", "cues = " + "[" * 60 + "]" * 60),
        (P(5, 1, "cue 1 must be text in quotes, not an array"),),
        True,
    ),
    # -- the locator must not be fooled ---------------------------------------------------------
    Bad(
        "multiline-string-with-fake-steps",
        'name = "R"\ndescription = """\n[[steps]]\nhodl = 3\nname = \\"x\\"\n"""\n'
        "[[steps]]\nname = 'S'\nhow = '''\n[[steps]]\n  naem = 1\n'''\nhodl = 3\n",
        (P(13, 1, 'unknown key "hodl" in step 1 ("S")'),),
        True,
    ),
    Bad(
        "multiline-string-quotes-at-end",
        'name = "R"\ndescription = """say ""hi"""""\n[[steps]]\nname = "S"\nhodl = 3\n',
        (P(5, 1, 'unknown key "hodl"'),),
        True,
    ),
    Bad(
        "comments-with-steps",
        'name = "R" # [[steps]]\n# [[steps]]\n# name = "ghost"\n[[steps]] # [[steps]]\n'
        'name = "A" # hodl = 3\nhold = 3\n#[[steps]]\n[[steps]]\nname = "B"\nkind = "heat"\n',
        (P(8, 1, 'step 2 ("B") is a heat step but has no "duration"'),),
        True,
    ),
    Bad(
        "quoted-keys",
        step('"kind" = "heat"', "'duration' = \"15m\"", '"hold" = 30'),
        (P(6, 1, '"hold" does not apply to a heat step'),),
        True,
    ),
    Bad(
        "quoted-key-with-escape",
        step('"ho\\u0064l" = 3'),
        (P(4, 1, 'unknown key "hodl"'),),
        True,
    ),
    Bad(
        "quoted-key-with-space",
        step('"hold " = 3'),
        (P(4, 1, 'unknown key "hold " in step 1 ("Step"); did you mean "hold"?'),),
        True,
    ),
    Bad(
        "indented-keys",
        step("    hodl = 3", '\t\tsides = "up"'),
        (P(4, 5, 'unknown key "hodl"'), P(5, 3, '"sides" must be one of')),
        True,
    ),
    Bad(
        "indented-header-with-spaces",
        'name = "R"\n  [[ steps ]]  # first\n  hold = 3\n',
        (P(2, 3, 'step 1 has no "name"'),),
        True,
    ),
    Bad(
        "crlf-unknown-key",
        step("reps = 3", "hodl = 5").replace("\n", "\r\n"),
        (P(5, 1, 'unknown key "hodl"'),),
        True,
    ),
    Bad(
        "crlf-multiline-string",
        'name = "R"\r\ndescription = """\r\na\r\nb\r\n"""\r\n[[steps]]\r\nname = "S"\r\n'
        'sides = "up"\r\n',
        (P(8, 1, '"sides" must be one of'),),
        True,
    ),
    Bad(
        "crlf-syntax-error",
        'name = "R"\r\n[[steps]]\r\nname = S\r\n',
        (P(3, 8, "invalid value"),),
        False,
    ),
    Bad(
        "lone-cr",
        'name = "R"\rhold = 3\n',
        (P(1, 11, "TOML syntax error"),),
        False,
    ),
    Bad(
        "bom-unknown-key",
        "\ufeff" + step("reps = 3", "hodl = 5"),
        (P(5, 1, 'unknown key "hodl"'),),
        True,
    ),
    Bad(
        "bom-bytes-crlf-missing-hold",
        ("\ufeff" + step('kind = "hold"').replace("\n", "\r\n")).encode(),
        (P(2, 1, 'has no "hold"'),),
        True,
    ),
    Bad(
        "bom-syntax-error",
        b"\xef\xbb\xbfname = Bridge\r\n",
        (P(1, 8, "text values need quotes"),),
        False,
    ),
    Bad(
        "bom-invalid-utf8-line-1",
        b'\xef\xbb\xbfname = "a\xff"\n',
        (P(1, 10, "byte 0xff"),),
        False,
    ),
    Bad(
        "several-problems-in-order",
        'name = "R"\ntimes_per_day = 20\n[[steps]]\nname = "A"\nhold = "1.5m"\n'
        '[[steps]]\nkind = "cold"\nduration = "30m"\n',
        (
            P(2, 1, "not 20"),
            P(5, 1, '"1.5m" is not a duration'),
            P(6, 1, 'step 2 has no "name"'),
            P(8, 1, "20 minutes at most"),
        ),
        True,
    ),
]

BY_ID: dict[str, Bad] = {row.id: row for row in BAD}
assert len(BY_ID) == len(BAD), "row ids must be unique"
