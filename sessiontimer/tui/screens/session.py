"""The session screen: what to do now, on which side, for how long, and what comes next.

It renders what the core's Session says and computes no time: a one-shot timer sleeps exactly
``session.wake_in()`` (one wake-up per second, on the deadline's second boundaries), then ``tick()``s.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.binding import Binding
from textual.timer import Timer

from sessiontimer.core.session import events as ev
from sessiontimer.core.session.cues import cues_for
from sessiontimer.core.session.engine import Session
from sessiontimer.core.session.plan import Plan
from sessiontimer.core.session.safety import (
    SAFETY_STOP_REASON,
    TAKE_THE_PACK_OFF,
    pack_briefing,
)
from sessiontimer.core.session.state import State
from sessiontimer.tui.context import PausesForHelp
from sessiontimer.tui.screens.session_record import SessionRecord
from sessiontimer.tui.screens.session_view import SessionView
from sessiontimer.tui.text import speed_label

if TYPE_CHECKING:
    from textual.screen import Screen

    from sessiontimer.core.history.records import CheckIn

PACK_KEEPS_TIMING = "A pack on your skin keeps its timer running. Took it off early? Press n."


class SessionScreen(SessionView, PausesForHelp):
    BINDINGS = [
        # One key, four meanings; the key bar names the one that applies now (check_action).
        Binding("space", "space('pause')", "Pause"),
        Binding("space", "space('resume')", "Resume"),
        Binding("space", "space('done')", "Done"),
        Binding("space", "space('pack_off')", "Pack off"),
        Binding("space", "space('pack_on')", "Pack keeps timing", show=False),
        Binding("n,right", "skip", "Next"),
        Binding("b,left", "back", "Back"),
        Binding("r", "restart", "Restart"),
        Binding("exclamation_mark", "safety_stop", "Stop: pain"),
        Binding("q,escape", "leave", "Leave"),
        # The instructions scroll from here, so nothing needs the focus (see AUTO_FOCUS).
        Binding("up", "scroll_how('up')", show=False),
        Binding("down", "scroll_how('down')", show=False),
        Binding("pageup", "scroll_how('page_up')", show=False),
        Binding("pagedown", "scroll_how('page_down')", show=False),
        Binding("home", "scroll_how('home')", show=False),
        Binding("end", "scroll_how('end')", show=False),
    ]
    # No widget takes the focus: every key is the screen's. (A focused widget also makes Textual
    # look each screen key up as a Unicode character name, paging in half a megabyte of tables.)
    AUTO_FOCUS = None

    def __init__(
        self,
        plan: Plan,
        speed: float = 1.0,
        *,
        checks: bool = False,
        before: CheckIn | None = None,
    ) -> None:
        super().__init__(plan, speed)
        self.checks = checks  # the check-in after the session (before it is done already)
        self.before = before
        self.history = SessionRecord(self, plan, speed, before)
        self._timer: Timer | None = None
        self._briefed: set[int] = set()  # pack steps whose safety points have been shown
        self._first_cue: list[ev.Event] | None = None  # the start's, until the first frame
        self._help: Screen[Any] | None = None  # the help, while it is open over this session
        self._paused_for_help = False

    def on_mount(self) -> None:
        self.session = Session(self.plan, self.ctx.clock, speed=self.speed)
        started = self.session.start()
        self.handle(started, sound=False)
        # The first cue sounds once the screen is up: finding the speech program (a look along
        # the PATH) and loading the sound module wait until it is drawn.
        self._first_cue = started
        self.call_after_refresh(self._play_first_cue)
        # The history is opened once the first screen is drawn, so it never delays the start; the
        # first write then catches up with anything that happened meanwhile.
        self.call_after_refresh(self._start_recording)

    def _start_recording(self) -> None:
        self.history.start(self.session)

    def record(self) -> None:
        """Write what changed to the history (a segment boundary, the end)."""
        self.history.sync(self.session)

    def on_unmount(self) -> None:
        """The app is quitting (ctrl+q) in the middle of a session: the user left it; in the
        middle of the check-in after it: the answers given so far are kept."""
        if self.session is not None and not self.session.finished:
            self._start_recording()  # (quit before the first frame)
            self.session.leave()
            self.record()
        self.history.keep_answers_given()

    def interrupt(self, reason: str) -> None:
        """The process is being ended: record the session as interrupted."""
        if self.session is None:
            return
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self.history.interrupt(self.session, reason)

    # -- the clock ------------------------------------------------------------------------------
    def tick(self) -> None:
        """Bring the session up to now and redraw (the timer calls this; tests may too)."""
        if self.session is not None:
            self.handle(self.session.tick())

    def _schedule(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self.session is None:
            return
        delay = self.session.wake_in()
        if delay is not None:
            self._timer = self.set_timer(max(delay, 0.001), self.tick)

    def _play_first_cue(self) -> None:
        """The start's cue, unless something newer was heard first (a key typed ahead, a fast
        rehearsal) or the session was stopped or left before the screen was drawn."""
        events, self._first_cue = self._first_cue, None
        session = self.session
        stopped = session is None or session.state in (State.STOPPED, State.LEFT)
        if events is not None and not stopped:
            self.play(events)

    def handle(self, events: list[ev.Event], sound: bool = True) -> None:
        session = self.session
        assert session is not None
        briefing: str | None = None
        for event in events:
            if isinstance(event, ev.SegmentStarted):
                self._cue_index = 0
                self._message = ""
                self._switch_coming = None
                kind = pack_briefing(self.plan, event.index)
                if kind is not None and event.segment.step not in self._briefed:
                    briefing = kind
            elif isinstance(event, ev.SideSwitchComing):
                self._switch_coming = event.side  # under the countdown, in the side's colour
            elif (
                isinstance(event, ev.SideSwitch)
                and self.plan.segments[event.index].kind != "switch"
            ):
                self._message = f"Switch to your {event.side} side"  # (a switch: the band says)
            elif isinstance(event, ev.Breathe):
                self._message = "Breathe slowly — don't hold your breath"
                self._cue_index += 1
            elif isinstance(event, ev.Halfway):
                self._message = "Halfway there"
            elif isinstance(event, ev.SkinCheck):
                self._message = "Check your skin: lift the pack — red is fine, blotchy, white or blistered is not"
            elif isinstance(event, ev.PackOff):
                self._message = "Time's up. Press Space once the pack is off."
                if self._help is not None and self._help.is_current:
                    self._help.dismiss(None)  # the alarm is seen, not hidden under the help
            elif isinstance(event, ev.PackKeepsTiming):
                self._message = PACK_KEEPS_TIMING
        if sound:
            self._first_cue = None  # (newer: the start's cue is not played after it)
            self.play(events)
        self.record()
        if briefing is not None and session.state is State.RUNNING:
            self._brief(briefing)
        self.refresh_view()
        self._schedule()
        if session.state is State.COMPLETED:
            self._finish("completed")

    def play(self, events: list[ev.Event]) -> None:
        """The bell and the spoken words for what just happened (config.toml says which)."""
        cue = cues_for(events, self.plan)
        if cue is None:
            return
        speaker = self.ctx.speaker
        notice = speaker.missing_notice()
        if notice is not None:
            self.notify(notice, title="No speech", severity="warning", markup=False, timeout=15)
        if cue.bell and speaker.rings:
            self.app.bell()
        if cue.say and speaker.speaks:
            speaker.say(cue.say)

    def _brief(self, kind: str) -> None:
        """Pause and show the pack safety points: Space goes on, n skips the pack, ! stops."""
        from sessiontimer.tui.screens.pack_safety import PackSafetyScreen

        session = self.session
        assert session is not None and session.segment is not None
        step = session.segment.step
        self._briefed.add(step)
        session.pause()

        def ready(answer: str | None) -> None:
            if self.session is None or self.session.finished:
                return
            if answer == "stop":
                self.action_safety_stop()
            elif answer == "skip":
                self._act(self.session.skip_step())
                if self.session.state is State.PAUSED:
                    self._act(self.session.resume())
            elif self.session.state is State.PAUSED:
                self._act(self.session.resume())

        self.app.push_screen(
            PackSafetyScreen(kind, self.plan.routine.steps[step].check_every, self.speed), ready
        )

    # -- help (? or F1: tui/flows/help.py) ------------------------------------------------------
    def help_opened(self, help: Screen[Any]) -> str:
        """The countdown stops while the help is read (someone reading is not exercising), and
        goes on when it closes; a pack on the skin keeps its time, and its alarm closes the help."""
        said = self._help_says(help)
        if self.speed != 1:
            said = f"A rehearsal at {speed_label(self.speed)}. {said}".strip()
        return said

    def _help_says(self, help: Screen[Any]) -> str:
        self._help = help
        self._paused_for_help = False
        session = self.session
        state = session.state if session is not None else None
        if state is State.ALARM:
            return TAKE_THE_PACK_OFF
        if state is State.PAUSED:
            return "Your session is paused."
        if session is None or state is not State.RUNNING:
            return ""
        if not session.can_pause():  # a pack on the skin
            return "The pack's timer keeps running while you read this."
        self._act(session.pause())
        self._paused_for_help = True
        return "Your session is paused while you read this. It goes on when you close it."

    def help_closed(self, answer: str | None) -> None:
        self._help = None
        paused, self._paused_for_help = self._paused_for_help, False
        session = self.session
        if session is None or session.finished:
            return
        if answer == "stop":
            self.action_safety_stop()
        elif paused and session.state is State.PAUSED:
            self._act(session.resume())

    # -- keys -----------------------------------------------------------------------------------
    def _act(self, events: list[ev.Event]) -> None:
        self.handle(events)

    def action_space(self, _meaning: str = "") -> None:
        if self.session is not None:
            self._act(self.session.space())

    def action_skip(self) -> None:
        if self.session is not None:
            self._act(self.session.skip())

    def action_back(self) -> None:
        if self.session is not None:
            self._act(self.session.back())

    def action_restart(self) -> None:
        if self.session is not None:
            self._act(self.session.restart())

    def action_safety_stop(self) -> None:
        from sessiontimer.tui.screens.safety_stop import after_the_stop

        if self.session is None or self.session.finished:
            return
        step = self.session.segment.step if self.session.segment else 0
        pack_on = self.session.pack_on
        self.session.stop(SAFETY_STOP_REASON)
        self.record()
        self._schedule()
        after_the_stop(self, self.history, step, pack_on, ask=self.checks, then=self.replace_with)

    def action_leave(self, then_quit: bool = False) -> None:
        """q or Escape (and ctrl+q, ``then_quit``: the app ends after a yes): ask first."""
        from sessiontimer.tui.screens.confirm import ConfirmScreen

        if self.session is None or self.session.finished:
            return
        was_paused = self.session.state is State.PAUSED
        if not was_paused:
            self._act(self.session.pause())

        def answered(answer: str | None) -> None:
            assert self.session is not None
            if answer == "stop":
                self.action_safety_stop()
            elif answer == "yes":
                pack_on = self.session.pack_on
                self.session.leave()
                self.record()
                self._schedule()
                if then_quit:
                    # ctrl+q: the session is over, the app ends (asking about an unsaved edit)
                    self.call_later(self.app.run_action, "quit")
                    return
                self._finish("left", pack_on=pack_on)
            elif not was_paused and self.session.state is State.PAUSED:
                self._act(self.session.resume())

        what = f"this rehearsal ({speed_label(self.speed)})" if self.speed != 1 else "this session"
        question = f"Leave {what}? What you have done so far is kept."
        if self.session.pack_on:
            question = f"Leave {what}? Take the pack off first. What you have done is kept."
        self.app.push_screen(ConfirmScreen(question), answered)

    def replace_with(self, screen: Screen[Any]) -> None:
        """The screen that follows this session (its summary or the safety stop) takes its place.
        At the bottom of the stack (`run --no-checks`: SessionTimerApp.get_default_screen) it
        opens over it instead: Textual switches away from a pushed screen only."""
        if self.app.screen_stack[0] is self:
            self.app.push_screen(screen)
        else:
            self.app.switch_screen(screen)

    def _finish(self, status: str, pack_on: bool = False) -> None:
        """The check-in after the session (unless --no-checks), then the summary."""
        from sessiontimer.tui.screens.summary import SummaryScreen

        session = self.session
        assert session is not None

        def summary(answers: CheckIn | None = None) -> None:
            self.history.after(answers)
            self.replace_with(
                SummaryScreen(
                    session,
                    status,
                    pack_on=pack_on,
                    before=self.before,
                    after=answers,
                    history_problem=self.history.problem,
                    speed=self.speed,
                )
            )

        done = session.result() != "none"
        if status == "completed" and done and self.speed == 1:
            self.ctx.breaks.routine_finished(self.plan.routine.id, session.active_seconds)
        if self.checks and done:  # nothing done (a pack declined): nothing to ask about
            from sessiontimer.tui.screens.checkin import CheckinScreen

            self.history.after_screen = CheckinScreen("after", self.plan.routine.name)
            self.app.push_screen(self.history.after_screen, summary)
        else:
            summary()
