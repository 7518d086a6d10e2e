"""The built-in routines follow CLINICAL.md's figures and the file conventions."""

from __future__ import annotations

from pathlib import Path

import pytest

from sessiontimer.core.routines.loader import load_file
from sessiontimer.core.routines.model import Routine, Step
from sessiontimer.core.routines.prescription import prescription
from sessiontimer.core.session.plan import build_plan
from tests.conftest import REPO

FILES = sorted((REPO / "routines").glob("*.toml"))
REQUIRED = {
    "morning-mobility",
    "piriformis-hamstring",
    "mckenzie-extension",
    "core-stability",
    "nerve-glides",
    "desk-break",
    "heat-pack",
    "cold-pack",
    "walking",
}


def routine(name: str) -> Routine:
    result = load_file(REPO / "routines" / f"{name}.toml")
    assert isinstance(result, Routine), result
    return result


def test_the_required_routines_exist() -> None:
    assert {f.stem for f in FILES} >= REQUIRED


@pytest.mark.parametrize("path", FILES, ids=[f.stem for f in FILES])
def test_file_conventions(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "#:schema ./routine.schema.json"
    head = "\n".join(line for line in lines[:12] if line.startswith("#"))
    assert "Sources:" in head, "each routine names its sources in a comment"
    result = load_file(path)
    assert isinstance(result, Routine), result
    for step in result.steps:
        assert step.how, f"{path.stem}: {step.name} has no instructions"
        assert step.cues, f"{path.stem}: {step.name} has no cues"


def test_stretch_holds_are_30_seconds_2_to_4_reps_per_side() -> None:
    for step in routine("piriformis-hamstring").steps:
        assert step.kind == "hold" and step.hold == 30
        assert 2 <= step.reps <= 4 and step.sides == "both"


def test_mckenzie_dosing_and_centralization_rule() -> None:
    r = routine("mckenzie-extension")
    by_name = {s.name.lower(): s for s in r.steps}
    elbows = next(s for n, s in by_name.items() if "elbow" in n)
    assert elbows.duration is not None and 120 <= elbows.duration <= 180
    press = next(s for n, s in by_name.items() if "press" in n)
    assert press.reps == 10 and press.hold is not None and 1 <= press.hold <= 2
    text = " ".join([r.description, *(s.how for s in r.steps)]).lower()
    assert "spread" in text and ("toward your spine" in text or "toward your back" in text)


def test_heat_and_cold_stay_within_20_minutes_with_skin_checks() -> None:
    heat = routine("heat-pack").steps
    cold = routine("cold-pack").steps
    assert [s.kind for s in heat] == ["heat"] and heat[0].duration == 15 * 60
    assert [s.kind for s in cold] == ["cold"]
    assert cold[0].duration is not None and 10 * 60 <= cold[0].duration <= 15 * 60
    for step in (*heat, *cold):
        assert step.check_every == 5 * 60
        assert "towel" in (step.how + " ".join(step.cues)).lower()
    assert "asleep" in (heat[0].how + " ".join(heat[0].cues)).lower()


def test_desk_break_is_two_to_three_minutes() -> None:
    total = build_plan(routine("desk-break")).total_seconds
    assert 120 <= total <= 180


def test_nerve_glides_light_and_no_hold() -> None:
    (glide,) = routine("nerve-glides").steps
    assert glide.kind == "reps" and glide.tempo == 5 and not glide.hold
    assert glide.reps == 10 and glide.sides == "both"
    assert "2 hours" in glide.how or "two hours" in glide.how.lower()


def test_core_stability_is_for_after_the_first_weeks_and_has_no_sit_ups() -> None:
    r = routine("core-stability")
    assert "week" in r.description.lower()
    names = " ".join(s.name.lower() for s in r.steps)
    assert "bridge" in names and "bird" in names and "plank" in names and "curl" in names
    assert "sit-up" not in names


@pytest.mark.parametrize("path", FILES, ids=[f.stem for f in FILES])
def test_nothing_clinical_md_forbids_in_a_flare_up(path: Path) -> None:
    names = " ".join(s.name.lower() for s in routine(path.stem).steps)
    for banned in ("toe touch", "squat", "leg press"):
        assert banned not in names


def says_stop_if_it_spreads(step: Step) -> bool:
    text = " ".join([step.how, *step.cues]).lower()
    return "stop" in text and "spread" in text and "leg" in text


def test_walking_starts_at_5_minutes_and_says_how_to_build_up_and_when_to_stop() -> None:
    r = routine("walking")
    (walk,) = r.steps
    assert walk.kind == "timed" and walk.duration == 5 * 60 and walk.sides == "none"
    assert "5 minutes" in r.description and "30 minutes" in r.description
    assert "several times a day" in r.description
    assert says_stop_if_it_spreads(walk)
    text = " ".join([walk.how, *walk.cues]).lower()
    assert "numb" in text and "weak" in text


def test_the_plank_starts_at_15_seconds() -> None:
    plank = next(s for s in routine("core-stability").steps if "plank" in s.name.lower())
    assert plank.hold == 15 and 2 <= plank.reps <= 3
    assert "15 seconds" in plank.how


def test_the_desk_hamstring_stretch_keeps_the_knee_bent_and_the_toes_relaxed() -> None:
    stretch = next(s for s in routine("desk-break").steps if "hamstring" in s.name.lower())
    how = stretch.how.lower()
    assert "knee slightly bent" in how
    assert "toes up" not in how and "don't pull them up" in how
    assert says_stop_if_it_spreads(stretch)


@pytest.mark.parametrize("path", FILES, ids=[f.stem for f in FILES])
def test_every_stretch_of_the_leg_says_stop_if_it_spreads(path: Path) -> None:
    for step in routine(path.stem).steps:
        name = step.name.lower()
        if any(word in name for word in ("hamstring", "piriformis", "nerve", "knee to chest")):
            assert says_stop_if_it_spreads(step), f"{path.stem}: {step.name}"


@pytest.mark.parametrize("path", FILES, ids=[f.stem for f in FILES])
def test_no_internal_notes_in_the_shipped_files(path: Path) -> None:
    text = path.read_text(encoding="utf-8").lower()
    assert "seed" not in text


def test_maxima_read_up_to_and_targets_read_as_targets() -> None:
    assert prescription(routine("heat-pack")).per_day() == "up to 3 a day"
    assert prescription(routine("cold-pack")).per_day() == "up to 3 a day"
    assert prescription(routine("morning-mobility")).per_day() == "2 a day"
    glides = routine("nerve-glides")  # 1-3 a day: once is the aim, three the most
    assert prescription(glides).per_day() == "1 a day"
    assert "up to three times a day" in glides.description
