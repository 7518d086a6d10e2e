"""The session screen's look: the phase band (with the side), the step, the countdown in block
digits, the counters, what comes next, the instructions, the cue, the time left, and what Space
means now. The session screen (session.py) drives it from the core's Session; this part only
renders what the session says.

Read from a mat (DESIGN.md section 5): the band and the countdown grow with the terminal and take
the phase's colour, so a switch, a rest or the pack alarm changes the whole top of the screen; the
switch prompt is the line under the countdown. Each line says one thing once.
"""

from __future__ import annotations

import math

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from sessiontimer.core.base.durations import format_clock
from sessiontimer.core.session.engine import Session
from sessiontimer.core.session.plan import Plan, Segment
from sessiontimer.core.session.state import State
from sessiontimer.tui.screens.base import TimerScreen
from sessiontimer.tui.text import (
    pack_behind,
    segment_label,
    side_label,
    speed_label,
    step_counters,
    switch_coming,
    tone,
    upcoming,
)
from sessiontimer.tui.widgets.banner import Banner
from sessiontimer.tui.widgets.bigclock import BigClock
from sessiontimer.tui.widgets.keybar import KeyBar
from sessiontimer.tui.widgets.progress import RoutineProgress
from sessiontimer.tui.widgets.tones import text_style

SAFETY_LINE = "Pain spreading down your leg? Press !"
SHORT = 24  # rows


class SessionView(TimerScreen):
    """Renders ``session`` (set by the session screen once it is mounted) for ``plan``."""

    # (no container for the padding: each part has its margin; each widget costs start-up time)
    DEFAULT_CSS = """
    SessionView {
        overflow: hidden hidden;  /* a short terminal cuts the screen off; it does not scroll */
    }
    SessionView > * {
        margin: 0 1;
    }
    SessionView > #banner, SessionView > KeyBar {
        margin: 0;
    }
    #step-name {
        height: auto;
        max-height: 2;
        text-align: center;
        text-style: bold;
        margin: 1 1 0 1;
    }
    SessionView > #countdown {
        margin: 1 1 0 1;
    }
    #counters {
        height: 1;
        text-align: center;
        color: $text-muted;
        margin: 1 1 0 1;
    }
    #next {
        height: 1;
        text-align: center;
        color: $text-muted;
    }
    #body {
        height: 1fr;
        min-height: 1;
        margin: 1 1 0 1;
        scrollbar-size-vertical: 1;
    }
    #how {
        height: auto;
    }
    #cue {
        height: auto;
        max-height: 2;
        color: $success;
        text-style: bold;
    }
    /* a short terminal (under 24 rows): no blank rows between the parts */
    SessionView.-short #step-name, SessionView.-short > #countdown,
    SessionView.-short #counters, SessionView.-short #body {
        margin: 0 1;
    }
    """

    def __init__(self, plan: Plan, speed: float = 1.0) -> None:
        super().__init__()
        self.plan = plan
        self.speed = speed
        self.session: Session | None = None
        self._cue_index = 0
        self._message = ""
        self._switch_coming: str | None = None  # the side about to come (SideSwitchComing)
        self._space_shown = ""
        self._shown: dict[str, str] = {}  # what each text widget shows now

    def compose(self) -> ComposeResult:
        # As few widgets as the screen needs: each one costs start-up time and memory.
        yield Banner(id="banner")
        yield Static("", id="step-name")
        yield BigClock(id="countdown")
        yield Static("", id="counters")
        yield Static("", id="next")
        with VerticalScroll(id="body", can_focus=False):
            yield Static("", id="how")
        yield Static("", id="cue")
        yield RoutineProgress(id="progress", labelled=True)  # with the time left
        # docked at the foot, on screen however short the terminal: the ! line and the keys
        yield KeyBar(lead=SAFETY_LINE)

    def on_resize(self) -> None:
        """Under 24 rows: no blank rows between the parts. (A class only when it changes: a new
        class restyles the whole screen, which costs the first frame time.)"""
        self.set_class(self.size.height < SHORT, "-short")

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
            cue = "Press Space to go on."
        if not cue and step.cues:
            cue = step.cues[self._cue_index % len(step.cues)]
        rehearsal = f"rehearsal {speed_label(self.speed)}" if self.speed != 1 else ""
        self.query_one(Banner).show(
            "PAUSED" if paused else segment_label(segment, alarm, session.rep()),
            tone(segment, paused=paused, alarm=alarm),
            side_label(segment),
            rehearsal,
        )
        self._show("#step-name", step.name)
        self._show("#counters", step_counters(self.plan, segment, step), layout=False)
        self._show("#how", step.how)
        self._show("#cue", cue, style=text_style(self.app, "alarm") if alarm else "")
        self._show_next(session, segment)
        clock = format_clock(seconds)
        widest = format_clock(segment.seconds) if segment.seconds is not None else "00:00"
        self.query_one(BigClock).show(
            clock, tone(segment, paused=paused, alarm=alarm), widest=widest
        )
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

    def _show_next(self, session: Session, segment: Segment) -> None:
        """Under the countdown: a pack still on the skin, else the side about to change, else
        what comes next."""
        behind = session.pack_behind()
        colour = ""  # the prompt's colour: the pack's, or the coming side's
        if behind is not None:
            pack, left = behind
            text, colour = pack_behind(pack.kind, math.ceil(left)), pack.kind
        elif self._switch_coming is not None:
            text, colour = switch_coming(self._switch_coming), self._switch_coming
        else:
            text = upcoming(self.plan, session.index)
        if self._shown.get("#next") == f"{colour}|{text}":
            return
        self._shown["#next"] = f"{colour}|{text}"
        style = text_style(self.app, colour, bold=True) if colour else ""
        self.query_one("#next", Static).update(Text(text, style=style), layout=False)

    def _show(self, selector: str, text: str, layout: bool = True, style: Style | str = "") -> None:
        """Update a text widget when its text changed (plain text, never markup)."""
        if self._shown.get(selector) == f"{style}|{text}":
            return
        self._shown[selector] = f"{style}|{text}"
        self.query_one(selector, Static).update(Text(text, style=style), layout=layout)

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
