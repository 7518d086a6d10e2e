"""The way into a plain session and what it keeps (DESIGN.md sections 2 and 5): the first-run
disclaimer, the day's red-flag questions (a deliberate n or y, every answer kept), --no-checks and
rehearsals, the last cold pack, the steps a safety stop left out, and history being off."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sessiontimer.core.base.clock import FAKE_EPOCH, FakeClock
from sessiontimer.core.history.connection import open_history
from sessiontimer.core.history.safety_record import SafetyRecord
from sessiontimer.core.session.safety import DISCLAIMER, EMERGENCY_ADVICE, RED_FLAGS
from sessiontimer.core.settings.reading import load_config
from sessiontimer.plain.console import Ended
from tests.support.plain import Run, plan_of

TODAY = datetime.fromtimestamp(FAKE_EPOCH).date()
SHORT = """\
name = "Short"
prepare = "0s"

[[steps]]
name = "March"
kind = "timed"
duration = "3s"
"""
COLD = """\
name = "Cool down"
prepare = "0s"

[[steps]]
name = "Cold pack"
kind = "cold"
duration = "1m"
"""
RED_FLAG_HINT = "Press y if one of these applies to you, or n if none of them does."
NOT_STARTED = "The session has not started."


def fresh(home: Path, text: str = "") -> Path:
    """A config.toml of someone who has never started a session (the questions are due)."""
    (home / "config.toml").write_text(text, encoding="utf-8")
    return home


def sessions(home: Path) -> int:
    path = home / "history.sqlite3"
    return len(open_history(path).store.sessions()) if path.exists() else 0


def answers(home: Path) -> list[bool]:
    return [
        a.yes for a in SafetyRecord(open_history(home / "history.sqlite3").store).red_flag_answers()
    ]


def test_the_first_session_asks_the_disclaimer_and_the_red_flags(home: Path) -> None:
    script = [(0, "enter"), (0, "enter"), (0, "x"), (0, "n")]  # Enter answers no red flag
    run = Run(fresh(home), plan_of(SHORT), script, checks=False)()
    said = run.lines
    assert said[1:3] == ["Before your first session", DISCLAIMER]
    flags = said.index("Before you start: do any of these apply to you today?")
    assert said[flags + 1 : flags + 6] == [
        *(f"{n}. {flag}" for n, flag in enumerate(RED_FLAGS, start=1)),
        RED_FLAG_HINT,
    ]
    assert said[flags + 6 : flags + 8] == [RED_FLAG_HINT, RED_FLAG_HINT]  # Enter and x: no answer
    assert "Step 1 of 1: March. Go, 3 seconds." in said  # --no-checks: no pain check-in
    assert "Before you start" not in said
    config, _ = load_config(home / "config.toml")
    assert (config.disclaimer_seen, config.red_flags_checked) == (TODAY, TODAY)
    assert answers(home) == [False]
    assert sessions(home) == 1


def test_escape_at_the_disclaimer_or_the_red_flags_starts_nothing(home: Path) -> None:
    run = Run(fresh(home), plan_of(SHORT), [(0, "escape")])()
    assert run.lines[-1] == NOT_STARTED and run.code == 0
    assert (home / "config.toml").read_text(encoding="utf-8") == ""
    run = Run(fresh(home), plan_of(SHORT), [(0, "enter"), (0, "q")])()
    assert run.lines[-1] == NOT_STARTED
    assert sessions(home) == 0 and answers(home) == []


def test_a_red_flag_yes_gives_the_emergency_advice_and_no_session(home: Path) -> None:
    config = "[seen]\ndisclaimer = 2026-01-01\n"
    run = Run(fresh(home, config), plan_of(SHORT), [(0, "y")], checks=False)()
    assert run.code == 0
    said = run.after(RED_FLAG_HINT)
    assert said[:2] == ["GET HELP NOW", EMERGENCY_ADVICE]
    assert said[-1] == NOT_STARTED
    assert answers(home) == [True] and sessions(home) == 0
    config_now, _ = load_config(home / "config.toml")
    assert config_now.red_flags_checked is None  # asked again next time


def test_a_rehearsal_asks_no_check_ins_and_with_no_checks_nothing(home: Path) -> None:
    run = Run(fresh(home), plan_of(SHORT), [(0, "enter"), (0, "n")], speed=10)()
    said = run.lines
    assert said[1] == "A rehearsal at 10 times the speed: it does not count as a session."
    assert "Before your first session" in said and "Before you start" not in said
    [record] = open_history(home / "history.sqlite3").store.sessions()
    assert record.rehearsal and record.status == "completed"

    quiet = Run(fresh(home), plan_of(SHORT), speed=10, checks=False)()
    assert "Before your first session" not in quiet.lines
    assert "Step 1 of 1: March. Go, 3 seconds." in quiet.lines


def test_a_cold_pack_within_two_hours_of_the_last_asks_first(home: Path) -> None:
    clock = FakeClock()
    script = [(0, "space"), (65, "space")]
    first = Run(home, plan_of(COLD, "cool"), script, checks=False, clock=clock)()
    assert "Cold pack on, 1 minute." in first.lines
    clock.advance(30 * 60)
    second = Run(home, plan_of(COLD, "cool"), [(0, "n")], checks=False, clock=clock)()
    question = [line for line in second.lines if line.startswith("Your last cold pack came off")]
    off = datetime.fromtimestamp(FAKE_EPOCH + 65).strftime("%H:%M")  # (local time)
    assert question and f"came off at {off}, 30 minutes ago" in question[0]
    assert question[0].endswith("Start this routine anyway? Press y for yes, or n for no.")
    assert second.lines[-1] == NOT_STARTED
    third = Run(home, plan_of(COLD, "cool"), [(0, "y"), (0, "n")], checks=False, clock=clock)()
    assert "Cold pack on, 1 minute." not in third.lines  # n: that pack skipped
    assert sessions(home) == 2


def test_a_routine_with_every_step_left_out_does_not_start(home: Path) -> None:
    Run(home, plan_of(SHORT), [(1, "!")], checks=False)()
    run = Run(home, plan_of(SHORT), checks=False)()
    assert run.lines[-2:] == [
        "Every step of Short is left out after a safety stop. Put one back from home (c) once "
        "a clinician has seen it.",
        NOT_STARTED,
    ]
    assert sessions(home) == 1


def test_history_off_is_said_and_the_session_still_runs(home: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    run = Run(home, plan_of(SHORT), checks=False)
    run.run.history_path = blocker / "history.sqlite3"
    run()
    assert run.lines[1].startswith("History is off")
    assert "Routine complete. Well done." in run.lines


def test_config_problems_are_said(home: Path) -> None:
    run = Run(
        fresh(home, 'sound = "loud"\n[seen]\ndisclaimer = 2026-01-01\nred_flags = 2026-11-21\n'),
        plan_of(SHORT),
        checks=False,
    )()
    assert run.lines[0].startswith("config.toml:") and run.lines[0].endswith("(using the default)")


def test_a_signal_before_the_session_starts(home: Path) -> None:
    run = Run(fresh(home), plan_of(SHORT), [(0, Ended("the terminal was closed", 129))])()
    assert run.code == 129
    assert run.lines[-1] == "Ended: the terminal was closed. The session has not started."
    assert sessions(home) == 0
