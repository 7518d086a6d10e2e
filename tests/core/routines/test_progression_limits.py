"""Every built-in routine, progressed again and again until nothing changes, never takes an
exercise past CLINICAL.md's "Progression limits" ("never past"). The limits are written out here,
not read from the routine files: raising a cap in a file makes this test fail.

Each step is matched to its exercise by its name; a step that matches no row fails the test (a
new built-in exercise needs its limits written here first).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path

import pytest

from sessiontimer.core.base.durations import format_total
from sessiontimer.core.routines.model import Routine, Step
from sessiontimer.core.routines.progression import progress_text
from sessiontimer.core.session.plan import build_plan
from tests.conftest import REPO


@dataclass(frozen=True)
class Limit:
    """CLINICAL.md's "never past" for one exercise; ``fixed``: no progression at all."""

    exercise: str
    hold: int | None = None  # seconds
    reps: int | None = None  # per set, per side
    duration: int | None = None  # seconds
    fixed: bool = False


STRETCH = Limit("static stretch", hold=60, reps=4)
NEVER_PAST: list[tuple[tuple[str, ...], Limit]] = [
    (("piriformis", "hamstring", "figure-4", "knee to chest"), STRETCH),
    (("plank",), Limit("plank", hold=60, reps=3)),
    (("bridge",), Limit("bridge (5 s hold)", hold=5, reps=15)),
    (("bird-dog", "curl-up"), Limit("bird-dog, partial curl-up", hold=10, reps=10)),
    (("pelvic tilt",), Limit("pelvic tilts", reps=15)),
    (("cat-cow", "cat-camel"), Limit("cat-cow", reps=12)),
    (("press-up",), Limit("press-ups", reps=10)),
    (("slider", "nerve glide"), Limit("nerve sliders", reps=10)),
    (("knee roll", "face down", "prone lying", "on elbows"), Limit("no progression", fixed=True)),
    (("walk",), Limit("walking", duration=30 * 60)),
    # not in CLINICAL.md's table; the desk break's own choices (standing extension as the
    # press-ups; the march stays a short march: walking has a routine of its own)
    (("back bend",), Limit("standing back bend", reps=10)),
    (("march",), Limit("march on the spot", fixed=True)),
]
PACK_LIMIT = Limit("heat, cold (never changes)", duration=20 * 60, fixed=True)

BUILT_IN = sorted((REPO / "routines").glob("*.toml"))


def limit_of(step: Step) -> Limit:
    if step.kind in ("heat", "cold"):
        return PACK_LIMIT
    if step.kind == "rest":
        return Limit("rest", fixed=True)
    name = step.name.lower()
    found = [limit for words, limit in NEVER_PAST if any(word in name for word in words)]
    assert len(found) == 1, f"{step.name!r}: write its CLINICAL.md limit in NEVER_PAST"
    return found[0]


def load(text: str) -> Routine:
    return progress_text(text).routine


def walk(text: str) -> list[str]:
    """Every text the routine goes through, from the file as it is to the last progression."""
    texts = [text]
    for _ in range(100):
        result = progress_text(texts[-1])
        if not result.changes:
            return texts
        texts.append(result.text)
    raise AssertionError("the progression never stops")


@pytest.mark.parametrize("path", BUILT_IN, ids=[p.stem for p in BUILT_IN])
def test_no_built_in_exercise_ever_passes_its_limit(path: Path) -> None:
    texts = walk(path.read_text(encoding="utf-8"))
    first = load(texts[0])
    for text in texts:
        for step, start in zip(load(text).steps, first.steps, strict=True):
            limit = limit_of(step)
            where = f"{path.stem}: {step.name} ({limit.exercise})"
            if limit.fixed:
                assert step == start, f"{where} must not progress"
            if limit.hold is not None and step.hold is not None:
                assert step.hold <= limit.hold, f"{where}: hold {step.hold} s"
            if limit.reps is not None:
                assert step.reps <= limit.reps, f"{where}: {step.reps} reps"
            if limit.duration is not None and step.duration is not None:
                assert step.duration <= limit.duration, f"{where}: {step.duration} s"


@pytest.mark.parametrize("path", BUILT_IN, ids=[p.stem for p in BUILT_IN])
def test_every_built_in_step_has_a_limit(path: Path) -> None:
    for step in load(path.read_text(encoding="utf-8")).steps:
        limit_of(step)


def test_a_raised_cap_is_caught() -> None:
    """The walk above fails for a routine whose cap goes past the table (here a plank to 90 s)."""
    text = (REPO / "routines" / "core-stability.toml").read_text(encoding="utf-8")
    raised = text.replace('max_hold = "60s"', 'max_hold = "90s"')
    assert raised != text
    plank = [step for step in load(walk(raised)[-1]).steps if "plank" in step.name.lower()]
    assert plank[0].hold == 90 > limit_of(plank[0]).hold  # type: ignore[operator]


def test_morning_mobility_step_by_step() -> None:
    """The whole way of one routine: knee rolls never change; knee to chest 5 s longer each
    time to 60 s (its 3 reps stay); pelvic tilts one more rep to 15; cat-cow to 12."""
    texts = walk((REPO / "routines" / "morning-mobility.toml").read_text(encoding="utf-8"))
    seen = []
    for before, after in itertools.pairwise(texts):
        result = progress_text(before)
        assert result.text == after
        total = build_plan(result.progressed).total_seconds
        seen.append(([str(change) for change in result.changes], format_total(total)))
    assert format_total(build_plan(load(texts[0])).total_seconds) == "7 min 35 s"
    assert seen == [
        (
            [
                "2. Knee to chest: hold 30s → 35s",
                "3. Pelvic tilts: reps 10 → 11",
                "4. Cat-cow: reps 10 → 11",
            ],
            "8 min 16 s",
        ),
        (
            [
                "2. Knee to chest: hold 35s → 40s",
                "3. Pelvic tilts: reps 11 → 12",
                "4. Cat-cow: reps 11 → 12",
            ],
            "8 min 57 s",
        ),
        (["2. Knee to chest: hold 40s → 45s", "3. Pelvic tilts: reps 12 → 13"], "9 min 32 s"),
        (["2. Knee to chest: hold 45s → 50s", "3. Pelvic tilts: reps 13 → 14"], "10 min 7 s"),
        (["2. Knee to chest: hold 50s → 55s", "3. Pelvic tilts: reps 14 → 15"], "10 min 42 s"),
        (["2. Knee to chest: hold 55s → 1m"], "11 min 12 s"),
    ]
