"""The break timer in the app (Pilot, fake clock): the breaks screen and its keys, a break called
from anywhere (bell, speech, toast, window title, desktop notification), the line on home, a
break held during a routine, the desk routine, and the breaks in the history."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Digits, Static

from sessiontimer.core.base.clock import FakeClock
from sessiontimer.core.breaks.events import Phase
from sessiontimer.core.breaks.settings import BreakSettings
from sessiontimer.core.routines.loader import load_text
from sessiontimer.core.routines.model import Routine
from sessiontimer.core.session.plan import Plan, build_plan
from sessiontimer.tui.app import SessionTimerApp
from sessiontimer.tui.screens.breaks import BreaksScreen
from sessiontimer.tui.screens.home import HomeScreen
from sessiontimer.tui.screens.session import SessionScreen
from sessiontimer.tui.screens.summary import SummaryScreen
from tests.support.sound import FakeSpeaker
from tests.support.wait import palette_lists

SEEN = "[seen]\ndisclaimer = 2026-11-21\nred_flags = 2026-11-21\n"


class FakeNotifier:
    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []
        self.urgent: list[bool] = []

    def notify(self, title: str, body: str, urgent: bool = False) -> None:
        self.sent.append((title, body))
        self.urgent.append(urgent)


class Rig:
    """An app on a fake clock with a fake speaker, bell and desktop notifier."""

    def __init__(
        self,
        home: Path,
        settings: BreakSettings,
        open_breaks: bool = True,
        config: str = SEEN,
        plan: Plan | None = None,  # `run ROUTINE --no-checks`
    ) -> None:
        (home / "config.toml").write_text(config, encoding="utf-8")
        self.clock = FakeClock()
        self.speaker = FakeSpeaker()
        self.notifier = FakeNotifier()
        self.bells = 0
        self.history = home / "history.sqlite3"
        self.app = SessionTimerApp(
            clock=self.clock,
            user_dir=home / "routines",
            config_path=home / "config.toml",
            history_path=self.history,
            speaker=self.speaker,  # type: ignore[arg-type]
            notifier=self.notifier,  # type: ignore[arg-type]
            break_settings=settings,
            open_breaks=open_breaks,
            theme="textual-dark",
            plan=plan,
            checks=plan is None,
        )
        self.app.bell = self._bell  # type: ignore[method-assign]

    def _bell(self) -> None:
        self.bells += 1

    def tick(self, seconds: float) -> None:
        self.clock.advance(seconds)
        self.app.breaks.tick()

    def text(self, selector: str) -> str:
        return str(self.app.screen.query_one(selector, Static).render())

    def rows(self) -> list[tuple[object, ...]]:
        conn = sqlite3.connect(self.history)
        try:
            return conn.execute(
                "SELECT outcome, snoozes, standing_seconds, routine FROM breaks ORDER BY id"
            ).fetchall()
        finally:
            conn.close()


QUICK = BreakSettings(sit=4, stand=3, snooze=60, max_snoozes=2)


def footer_keys(app: SessionTimerApp) -> dict[str, str]:
    return {key.key: key.description for key in app.screen.query("FooterKey")}  # type: ignore[attr-defined]


def toasts(app: SessionTimerApp) -> str:
    return " ".join(str(t.render()) for t in app.screen.query("Toast"))


async def test_the_breaks_command_opens_on_a_sitting_countdown(home: Path) -> None:
    rig = Rig(home, BreakSettings(sit=25 * 60, stand=180))
    async with rig.app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(rig.app.screen, BreaksScreen)
        assert rig.text("#break-phase") == "SITTING — NEXT BREAK IN"
        assert rig.app.screen.query_one("#break-countdown", Digits).value == "25:00"
        assert "Then stand for 3 minutes" in rig.text("#break-detail")
        assert rig.app.window_title == "25:00 break in — sessiontimer"
        rig.tick(61)
        await pilot.pause()
        assert rig.app.screen.query_one("#break-countdown", Digits).value == "23:59"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(rig.app.screen, HomeScreen)
        assert "Breaks: next in 23:59" in rig.text("#home-breaks")
        assert rig.app.window_title == "sessiontimer"


async def test_a_break_is_called_with_every_cue(home: Path) -> None:
    rig = Rig(home, QUICK, open_breaks=False)
    async with rig.app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        assert isinstance(rig.app.screen, HomeScreen)
        rig.tick(4)
        await pilot.pause()
        # the break screen comes up over home
        assert isinstance(rig.app.screen, BreaksScreen)
        assert rig.text("#break-phase") == "TIME TO STAND UP"
        assert rig.text("#break-detail").endswith(
            "Stand for 3 seconds. s snoozes (2 snoozes left), x skips."
        )
        assert rig.bells == 1
        assert rig.speaker.said == ["Time to stand up."]
        assert "Time to stand up" in toasts(rig.app)
        assert rig.app.window_title == "Stand up! — sessiontimer"
        (title, body), *_ = rig.notifier.sent
        assert title == "Time to stand up"
        assert "Stand up and move for 3 seconds" in body
        assert footer_keys(rig.app) == {
            "space": "Pause",
            "enter": "Desk routine",
            "t": "Just stand",
            "s": "Snooze",
            "x": "Skip",
            "escape": "Home",
            "question_mark": "Help",  # (no ^p palette at a break: the line is full)
        }
        # unanswered: called again after 2 minutes, without a second screen
        rig.tick(120)
        await pilot.pause()
        assert rig.bells == 2
        assert [type(s) for s in rig.app.screen_stack] == [HomeScreen, BreaksScreen]  # no second


async def test_snoozes_then_the_break_insists(home: Path) -> None:
    rig = Rig(home, QUICK)
    async with rig.app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        rig.tick(4)
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert rig.text("#break-phase") == "SNOOZED — BREAK IN"
        assert rig.app.screen.query_one("#break-countdown", Digits).value == "1:00"
        assert "Snoozed for 1 minute (1 snooze left)" in toasts(rig.app)
        assert "Time to stand up" not in toasts(rig.app)  # the call's toast is taken down
        rig.tick(60)
        await pilot.pause()
        await pilot.press("s")
        rig.tick(60)
        await pilot.pause()
        assert rig.text("#break-detail").endswith("(no snoozes left) x skips.")
        assert "No snoozes left" in toasts(rig.app)
        await pilot.press("s")
        await pilot.pause()
        assert rig.app.break_timer.phase is Phase.DUE
        assert "No snoozes left for this break" in toasts(rig.app)
        assert rig.rows() == [("open", 2, 0, 0)]
        await pilot.press("x")
        await pilot.pause()
        assert rig.text("#break-phase") == "SITTING — NEXT BREAK IN"
        assert rig.rows() == [("skipped", 2, 0, 0)]


async def test_standing_then_sitting_again_is_recorded(home: Path) -> None:
    rig = Rig(home, QUICK)
    async with rig.app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        rig.tick(4)
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        assert rig.text("#break-phase") == "STANDING — SIT AGAIN IN"
        assert rig.app.screen.query_one("#break-countdown", Digits).value == "0:03"
        assert rig.app.window_title == "0:03 standing — sessiontimer"
        assert "Stand and move for 3 seconds." in rig.speaker.said
        rig.tick(3)
        await pilot.pause()
        await rig.app.workers.wait_for_complete()
        await pilot.pause()
        assert rig.text("#break-phase") == "SITTING — NEXT BREAK IN"
        assert "You can sit down. Next break in 4 seconds." in rig.speaker.said
        assert rig.rows() == [("taken", 0, 3, 0)]
        assert rig.text("#break-today") == "Today: 1 taken · standing 0 of 120 min"


async def test_space_pauses_the_whole_timer(home: Path) -> None:
    rig = Rig(home, QUICK)
    async with rig.app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        rig.tick(1)
        await pilot.press("space")
        await pilot.pause()
        assert rig.text("#break-phase") == "BREAK TIMER PAUSED"
        rig.tick(600)  # a meeting
        await pilot.pause()
        assert rig.app.break_timer.phase is Phase.SITTING
        assert rig.app.screen.query_one("#break-countdown", Digits).value == "0:03"
        await pilot.press("space")
        rig.tick(3)
        await pilot.pause()
        assert rig.text("#break-phase") == "TIME TO STAND UP"


async def test_space_on_home_pauses_the_breaks(home: Path) -> None:
    rig = Rig(home, BreakSettings(sit=1500, stand=180), open_breaks=False)
    async with rig.app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("space")
        await pilot.pause()
        assert "(paused)" in rig.text("#home-breaks")
        await pilot.press("space")
        await pilot.pause()
        assert "(paused)" not in rig.text("#home-breaks")
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(rig.app.screen, BreaksScreen)


async def called_once_home(rig: Rig, pilot: Pilot[int]) -> None:
    """On the summary of a session, no break called yet; Enter goes home, and it is called."""
    assert isinstance(rig.app.screen, SummaryScreen)
    assert rig.bells == 0
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(rig.app.screen, BreaksScreen)
    assert rig.text("#break-phase") == "TIME TO STAND UP"
    assert rig.bells == 1


async def test_a_break_due_during_a_routine_waits_for_its_end(home: Path) -> None:
    rig = Rig(home, QUICK, open_breaks=False)
    async with rig.app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # the first routine on home (checks answered today)
        await pilot.pause()
        for _ in range(3):  # the check-in before: each question skipped
            if not isinstance(rig.app.screen, SessionScreen):
                await pilot.press("enter")
                await pilot.pause()
        assert isinstance(rig.app.screen, SessionScreen)
        rig.tick(10)
        await pilot.pause()
        assert isinstance(rig.app.screen, SessionScreen)  # not interrupted
        assert rig.bells == 0
        assert rig.app.break_timer.view().held
        await pilot.press("q")
        await pilot.press("y")
        await pilot.pause()
        for _ in range(5):  # the check-in after: each question skipped
            if not isinstance(rig.app.screen, SummaryScreen):
                await pilot.press("enter")
                await pilot.pause()
        await called_once_home(rig, pilot)


async def test_a_break_due_during_a_run_without_checks_waits_for_its_end(home: Path) -> None:
    """`run ROUTINE --no-checks` opens on the session itself (no checks before it): a break
    falling due waits for it all the same, and is called once it is over."""
    routine = load_text('name = "R"\nprepare = "0s"\n[[steps]]\nname = "Hold"\nhold = "60s"\n')
    assert isinstance(routine, Routine)
    rig = Rig(home, QUICK, open_breaks=False, plan=build_plan(routine))
    async with rig.app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert [type(s) for s in rig.app.screen_stack] == [SessionScreen]
        assert rig.app.break_timer.view().held
        rig.tick(10)
        await pilot.pause()
        assert isinstance(rig.app.screen, SessionScreen)  # not interrupted
        assert rig.bells == 0
        await pilot.press("q", "y")
        await pilot.pause()
        await called_once_home(rig, pilot)


async def test_enter_at_a_break_runs_the_desk_routine_and_comes_back(home: Path) -> None:
    (home / "routines" / "desk-break.toml").write_text(
        'name = "My desk break"\nprepare = "0s"\n[[steps]]\nname = "March"\nduration = "20s"\n',
        encoding="utf-8",
    )
    rig = Rig(home, BreakSettings(sit=4, stand=3))
    async with rig.app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        rig.tick(4)
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        # no pain check-in for a desk break: straight into it
        screen = rig.app.screen
        assert isinstance(screen, SessionScreen)
        assert screen.plan.routine.name == "My desk break"
        assert rig.app.break_timer.phase is Phase.STANDING
        rig.clock.advance(20)
        screen.tick()
        rig.app.breaks.tick()
        await pilot.pause()
        assert isinstance(rig.app.screen, SummaryScreen)
        await pilot.press("enter")
        await pilot.pause()
        await rig.app.workers.wait_for_complete()
        await pilot.pause()
        # back on the break timer, sitting again: the routine outlasted the 3 s standing time
        assert isinstance(rig.app.screen, BreaksScreen)
        assert rig.text("#break-phase") == "SITTING — NEXT BREAK IN"
        assert rig.rows() == [("taken", 0, 20, 1)]


async def test_a_missing_desk_routine_says_what_to_do(home: Path) -> None:
    rig = Rig(home, BreakSettings(sit=4, stand=3, routine="no-such-routine"))
    async with rig.app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        rig.tick(4)
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(rig.app.screen, BreaksScreen)
        assert rig.app.break_timer.phase is Phase.DUE
        assert "no-such-routine" in toasts(rig.app)
        assert "Press t to stand without it" in toasts(rig.app)


async def test_the_history_screen_shows_the_breaks(home: Path) -> None:
    rig = Rig(home, QUICK)
    async with rig.app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        rig.tick(4)
        await pilot.press("s")
        rig.tick(60)
        await pilot.press("t")
        rig.tick(3)
        rig.tick(4)
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        lines = rig.text("#break-history").splitlines()
        assert lines[0] == "Breaks today: 1 taken, 1 skipped, 1 snoozed · standing 0 of 120 min"
        assert lines[1].startswith("Standing ")
        assert lines[1].endswith("│ 28 days; full bar 2 h, met on 0")
        assert lines[2].endswith("│ 1 taken, 1 skipped")
        assert max(len(line) for line in lines) <= 78


@pytest.mark.parametrize("size", [(80, 24), (50, 16)])
async def test_the_breaks_screen_fits_small_terminals(home: Path, size: tuple[int, int]) -> None:
    rig = Rig(home, QUICK)
    async with rig.app.run_test(size=size) as pilot:
        await pilot.pause()
        rig.tick(4)
        await pilot.pause()
        assert rig.app.screen.query_one("#break-phase").region.height == 1
        assert rig.app.screen.query_one("#break-countdown").region.height == 3


async def test_a_locked_screen_for_a_standing_period_is_a_break_taken(home: Path) -> None:
    rig = Rig(home, BreakSettings(sit=1500, stand=180))
    async with rig.app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        rig.tick(600)
        rig.app.breaks.screen_locked(True)
        rig.tick(100)
        rig.app.breaks.screen_locked(None)  # logind did not answer: nothing changes
        rig.tick(200)
        rig.app.breaks.screen_locked(False)
        await pilot.pause()
        assert rig.app.screen.query_one("#break-countdown", Digits).value == "25:00"
        assert "time away counts as a break" in toasts(rig.app)
        assert rig.rows() == [("away", 0, 0, 0)]


async def test_the_command_palette_opens_the_break_timer(home: Path) -> None:
    rig = Rig(home, QUICK, open_breaks=False)
    async with rig.app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"break timer")
        await palette_lists(pilot, "Break timer")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(rig.app.screen, BreaksScreen)


async def test_no_break_is_called_over_the_safety_questions_or_the_emergency_advice(
    home: Path,
) -> None:
    rig = Rig(home, QUICK, open_breaks=False, config="[seen]\ndisclaimer = 2026-11-21\n")
    async with rig.app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # a routine: the red-flag questions come first
        await pilot.pause()
        rig.tick(10)
        await pilot.pause()
        assert type(rig.app.screen).__name__ == "RedFlagsScreen"
        await pilot.press("y")  # one applies: the emergency advice
        await pilot.pause()
        rig.tick(130)
        await pilot.pause()
        assert type(rig.app.screen).__name__ == "EmergencyScreen"
        assert rig.bells == 0 and rig.speaker.said == []
        rig.app.action_home()  # leaving the advice: now the break is called
        await pilot.pause()
        assert isinstance(rig.app.screen, BreaksScreen)
        assert rig.bells == 1


async def test_a_desk_routine_given_up_at_the_disclaimer_does_not_count(home: Path) -> None:
    rig = Rig(home, QUICK, config="")  # the disclaimer is due
    async with rig.app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        rig.tick(4)
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert type(rig.app.screen).__name__ == "DisclaimerScreen"
        assert rig.app.break_timer.phase is Phase.DUE  # not standing before the routine runs
        await pilot.press("escape")  # not now
        await pilot.pause()
        assert rig.app.break_timer.phase is Phase.DUE
        assert rig.rows() == [("open", 0, 0, 0)]
        assert isinstance(rig.app.screen, BreaksScreen)  # the break is called again at home


async def test_quitting_while_standing_keeps_the_minutes_stood(home: Path) -> None:
    rig = Rig(home, QUICK)
    async with rig.app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        rig.tick(4)
        await pilot.press("t")
        await pilot.pause()
        rig.clock.advance(2)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert rig.rows() == [("taken", 0, 2, 0)]


async def test_a_double_enter_at_a_break_starts_one_desk_routine(home: Path) -> None:
    """Both keys of a double Enter arrive before the first screen of the flow is up (the flow
    opens it on the worker's next turn): the second one starts nothing."""
    from textual import events

    (home / "routines" / "desk-break.toml").write_text(
        'name = "My desk break"\nprepare = "0s"\n[[steps]]\nname = "March"\nduration = "20s"\n',
        encoding="utf-8",
    )
    rig = Rig(home, BreakSettings(sit=4, stand=3))
    async with rig.app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        rig.tick(4)
        await pilot.pause()
        assert isinstance(rig.app.screen, BreaksScreen)
        for _ in range(2):  # as a terminal delivers them in one read
            rig.app.post_message(events.Key("enter", "\r"))
        await rig.app.workers.wait_for_complete()
        await pilot.pause()
        sessions = [s for s in rig.app.screen_stack if isinstance(s, SessionScreen)]
        assert len(sessions) == 1


async def test_the_desk_routine_finished_from_home_counts_as_a_break(home: Path) -> None:
    (home / "routines" / "desk-break.toml").write_text(
        'name = "My desk break"\nprepare = "0s"\n[[steps]]\nname = "March"\nduration = "20s"\n',
        encoding="utf-8",
    )
    rig = Rig(home, BreakSettings(sit=25 * 60, stand=180), open_breaks=False)
    async with rig.app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        rig.tick(600)  # 10 minutes into sitting
        await pilot.pause()
        assert isinstance(rig.app.screen, HomeScreen)
        rig.app.screen.query_one("#routines").focus()
        plan = next(e for e in rig.app.routines() if e.id == "desk-break")
        assert plan.routine is not None
        rig.app.start_session(build_plan(plan.routine), pain_checks=False)
        await pilot.pause()
        screen = rig.app.screen
        assert isinstance(screen, SessionScreen)
        rig.clock.advance(20)
        screen.tick()
        await pilot.pause()
        assert isinstance(rig.app.screen, SummaryScreen)
        assert "The desk routine counts as a break" in toasts(rig.app)
        assert rig.rows() == [("taken", 0, 20, 1)]
        assert rig.app.break_timer.phase is Phase.SITTING
        assert rig.app.break_timer.view().seconds == 25 * 60  # sitting starts over


async def test_x_on_the_break_timer_says_what_it_did(home: Path) -> None:
    rig = Rig(home, QUICK)
    async with rig.app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        rig.tick(4)
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        assert "Break skipped. The next break is in 4 seconds." in toasts(rig.app)
        rig.tick(4)
        await pilot.pause()
        await pilot.press("t")  # stand without the routine, then sit down early
        await pilot.press("x")
        await pilot.pause()
        assert "Standing ended: you can sit down." in toasts(rig.app)
