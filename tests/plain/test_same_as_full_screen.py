"""Plain mode and the full-screen app are two faces of one session (DESIGN.md section 10): the
same routine, the same keys at the same moments on a fake clock, through both front ends, give
the same events from the core's Session and the same rows in the history."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from sessiontimer.core.base.clock import FakeClock
from sessiontimer.core.history.connection import open_history
from sessiontimer.core.session import events as ev
from sessiontimer.core.session.plan import Plan
from sessiontimer.tui.app import SessionTimerApp
from sessiontimer.tui.screens.session import SessionScreen
from tests.support.plain import Run, plan_of
from tests.support.sound import FakeSpeaker

ROUTINE = """\
name = "Both faces"
prepare = "2s"
switch = "2s"

[[steps]]
name = "Knee to chest"
hold = "6s"
reps = 2
sides = "both"
rest = "2s"

[[steps]]
name = "Warmth"
kind = "heat"
duration = "20s"
check_every = "10s"

[[steps]]
name = "Pelvic tilt"
kind = "reps"
reps = 5
sets = 2
set_rest = "3s"

[[steps]]
name = "March"
kind = "timed"
duration = "5s"
"""
SEEN = "[seen]\ndisclaimer = 2026-11-21\nred_flags = 2026-11-21\n"

# (seconds from the start, key): the moments the keys are pressed, the same in both.
# The full screen's names of the keys; plain mode reads the same keys.
ALL_KEYS = [
    (3, "space"),  # pause in the first hold
    (6, "space"),  # go on
    (8, "n"),  # skip the rest of that hold
    (9, "b"),  # back to it
    (10, "r"),  # and again, from its full length
    (30, "space"),  # pause on the right side
    (32, "space"),  # go on
    (44, "space"),  # the pack's safety points (at 42): ready
    (48, "space"),  # the pack is on: it does not pause
    (70, "space"),  # the alarm (at 66): the pack is off
    (80, "space"),  # the first self-paced set is done
    (90, "n"),  # the second one skipped
]
A_STOP = [(3, "n"), (10, "exclamation_mark")]
PLAIN_NAMES = {"exclamation_mark": "!"}


def rows(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Everything the history holds, but the row ids and the process that wrote them."""
    conn = sqlite3.connect(path)
    try:
        sessions = conn.execute("SELECT * FROM sessions").fetchall()
        names = [d[0] for d in conn.execute("SELECT * FROM sessions").description]
        keep = [i for i, name in enumerate(names) if name not in ("id", "owner")]
        return {
            "sessions": [tuple(row[i] for i in keep) for row in sessions],
            "segments": conn.execute("SELECT * FROM segments ORDER BY idx").fetchall(),
            "left_out": conn.execute(
                "SELECT routine, step_name, session_id, since FROM left_out_steps"
            ).fetchall(),
            "red_flags": conn.execute("SELECT * FROM red_flag_answers").fetchall(),
        }
    finally:
        conn.close()


class Answers(NamedTuple):
    """What is typed at the check-ins, before and after (or at a stop), in each front end: a
    pain is typed and Enter pressed in both (plain mode reads it as a line)."""

    screen_before: list[str]
    plain_before: list[str]
    screen_after: list[str]
    plain_after: list[str]


NO_CHECKS = Answers([], [], [], [])
CHECK_INS = Answers(["6", "enter", "3"], ["6", "3"], ["7", "enter", "4"], ["7", "4"])


async def full_screen(
    folder: Path, plan: Plan, script: list[tuple[int, str]], answers: Answers
) -> list[ev.Event]:
    """The routine in the full-screen app: the clock moved a second at a time, the keys pressed
    at their moments, the check-ins answered (when there are ``answers``)."""
    folder.mkdir()
    (folder / "config.toml").write_text(SEEN, encoding="utf-8")
    clock = FakeClock()
    app = SessionTimerApp(
        plan=plan,
        checks=answers != NO_CHECKS,
        clock=clock,
        config_path=folder / "config.toml",
        history_path=folder / "history.sqlite3",
        speaker=FakeSpeaker("off"),  # type: ignore[arg-type]
    )
    seen: list[ev.Event] = []
    handle = SessionScreen.handle

    def watched(screen: SessionScreen, events: list[ev.Event], sound: bool = True) -> None:
        seen.extend(events)
        handle(screen, events, sound)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(SessionScreen, "handle", watched)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await pilot.press(*answers.screen_before)
            await pilot.pause()
            [screen] = [s for s in app.screen_stack if isinstance(s, SessionScreen)]
            session = screen.session
            assert session is not None
            elapsed = 0
            for at, key in script:
                while elapsed < at:
                    clock.advance(1)
                    elapsed += 1
                    screen.tick()
                    await pilot.pause()
                await pilot.press(key)
                await pilot.pause()
            await pilot.press(*answers.screen_after)
            await pilot.pause()
            for _ in range(200):
                if session.finished:
                    break
                clock.advance(1)
                screen.tick()
                await pilot.pause()
            assert session.finished
    return seen


def plain(folder: Path, plan: Plan, script: list[tuple[int, str]], answers: Answers) -> Run:
    folder.mkdir()
    (folder / "config.toml").write_text(SEEN, encoding="utf-8")
    steps: list[tuple[float, str]] = [(0, answer) for answer in answers.plain_before]
    elapsed = 0
    for at, key in script:
        steps.append((at - elapsed, PLAIN_NAMES.get(key, key)))
        elapsed = at
    steps.extend((0, answer) for answer in answers.plain_after)
    return Run(folder, plan, steps, checks=answers != NO_CHECKS)()


@pytest.mark.parametrize(
    ("script", "answers"),
    [(ALL_KEYS, NO_CHECKS), (A_STOP, NO_CHECKS), (A_STOP, CHECK_INS)],
    ids=[
        "every-key-a-pack-and-a-self-paced-set",
        "a-safety-stop",
        "a-safety-stop-with-check-ins",
    ],
)
async def test_both_front_ends_give_the_same_events_and_history(
    tmp_path: Path, script: list[tuple[int, str]], answers: Answers
) -> None:
    plan = plan_of(ROUTINE, "faces")
    screen_events = await full_screen(tmp_path / "screen", plan, script, answers)
    run = plain(tmp_path / "plain", plan, script, answers)
    assert run.events == screen_events
    assert len(run.events) > 10
    assert rows(tmp_path / "plain" / "history.sqlite3") == rows(
        tmp_path / "screen" / "history.sqlite3"
    )
    [record] = open_history(tmp_path / "plain" / "history.sqlite3").store.sessions()
    if script is A_STOP:
        assert (record.status, record.stop_step_name) == ("stopped", "Knee to chest")
    else:
        # 15 of 16: the second self-paced set skipped (the hold skipped at 8 s was done again)
        assert (record.status, record.segments_done) == ("completed", 15)
    if answers == CHECK_INS:
        assert (record.pain_before, record.leg_before) == (6, "thigh")
        assert (record.pain_after, record.leg_after) == (7, "below_knee")
