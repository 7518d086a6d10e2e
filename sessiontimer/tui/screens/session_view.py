"""The session screen's look: what it shows (the phase, the step, the countdown, the
instructions, the cue, what comes next, the time left) and what Space means now. The session
screen (session.py) drives it from the core's Session; this part only renders.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Digits, Static

from sessiontimer.core.base.durations import format_clock
from sessiontimer.core.session.engine import Session
from sessiontimer.core.session.plan import Plan
from sessiontimer.core.session.state import State
from sessiontimer.tui.screens.base import TimerScreen
from sessiontimer.tui.text import segment_label, side_label, step_counters, upcoming
from sessiontimer.tui.widgets.heading import Heading
from sessiontimer.tui.widgets.keybar import KeyBar
from sessiontimer.tui.widgets.progress import RoutineProgress


class SessionView(TimerScreen):
    """Renders ``session`` (set by the session screen once it is mounted) for ``plan``."""

    def __init__(self, plan: Plan) -> None:
        super().__init__()
        self.plan = plan
        self.session: Session | None = None
        self._cue_index = 0
        self._message = ""
        self._space_shown = ""
        self._shown: dict[str, str] = {}  # what each text widget shows now

    def compose(self) -> ComposeResult:
        # As few widgets as the screen needs: each one costs start-up time and memory.
        yield Heading(id="heading")
        yield Digits("0:00", id="countdown")
        yield Static("", id="counters")
        with VerticalScroll(id="body", can_focus=False):
            yield Static("", id="how")
        yield Static("", id="cue")
        yield Static("", id="next")
        yield RoutineProgress(id="progress", labelled=True)  # with the time left
        yield Static(Text("Pain spreading down your leg? Press !", style="bold"), id="safety-line")
        yield KeyBar()

    # -- rendering ------------------------------------------------------------------------------
    def refresh_view(self) -> None:
        """Show what the session says. Only what changed is redrawn (once a second that is the
        countdown, the time left and sometimes the bar), without a new layout where sizes are
        fixed: a running countdown costs almost nothing."""
        session = self.session
        if session is None:
            return
        segment = session.segment
        if segment is None:
            return
        step = self.plan.routine.steps[segment.step]
        paused = session.state is State.PAUSED
        alarm = session.state is State.ALARM
        seconds = session.display_seconds()
        cue = self._message
        if paused:
            cue = "Paused — press Space to go on"
        if not cue and step.cues:
            cue = step.cues[self._cue_index % len(step.cues)]
        self.query_one(Heading).show(
            "PAUSED" if paused else segment_label(segment, alarm),
            step.name,
            side_label(segment),
            "paused" if paused else "alarm" if alarm else "",
        )
        self._show("#counters", step_counters(self.plan, segment, step), layout=False)
        self._show("#how", step.how)
        self._show("#cue", cue)
        self._show("#next", upcoming(self.plan, session.index), layout=False)
        clock = format_clock(seconds)
        if self._shown.get("#countdown") != clock:
            self._shown["#countdown"] = clock
            self.query_one("#countdown", Digits).update(clock)
        self.query_one("#progress", RoutineProgress).set_fraction(
            session.progress(), f"{format_clock(session.total_display_seconds())} left"
        )
        self.ctx.set_title(segment, seconds, step.name)
        meaning = self.space_meaning()
        if meaning != self._space_shown:
            # The key bar reads the keys itself once the screen is up (Textual asks it to after
            # the push); only a later change of meaning needs it to read them again.
            if self._space_shown:
                self.refresh_bindings()
            self._space_shown = meaning

    def _show(self, selector: str, text: str, *, layout: bool = True) -> None:
        """Update a text widget when its text changed (plain text, never markup)."""
        if self._shown.get(selector) == text:
            return
        self._shown[selector] = text
        self.query_one(selector, Static).update(Text(text), layout=layout)

    def space_meaning(self) -> str:
        """What Space does now: "pause", "resume", "done" (a self-paced set) or "pack_off"."""
        session = self.session
        if session is None:
            return "pause"
        if session.state is State.ALARM:
            return "pack_off"
        if session.state is State.PAUSED:
            return "resume"
        segment = session.segment
        if segment is not None and segment.seconds is None:
            return "done"
        if not session.can_pause():
            return "pack_on"  # Space only says why a pack does not pause
        return "pause"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "space":
            return parameters == (self.space_meaning(),)
        return True

    def action_scroll_how(self, where: str) -> None:
        body = self.query_one("#body", VerticalScroll)
        scroll = {
            "up": body.scroll_up,
            "down": body.scroll_down,
            "page_up": body.scroll_page_up,
            "page_down": body.scroll_page_down,
            "home": body.scroll_home,
            "end": body.scroll_end,
        }[where]
        scroll(animate=False)
