"""The sit/stand break timer: a big countdown of the sitting (or snooze, or standing) period, and at a
break the choice: Enter the desk routine, t stand without it, s snooze, x skip. Space pauses the
whole timer (a meeting).

It renders what the app's BreakTimer says and computes no time; the app ticks the timer and calls
``show_breaks`` on whichever screen is on top.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Digits, Header, Static

from sessiontimer.core.base.durations import format_clock
from sessiontimer.core.breaks.events import BreakView, Phase
from sessiontimer.core.history.records import STANDING_GOAL_SECONDS
from sessiontimer.tui.break_text import WHY_STAND, detail, headline, today_line
from sessiontimer.tui.context import ShowsBreakCountdown
from sessiontimer.tui.screens.base import TimerScreen
from sessiontimer.tui.textual_compat import pruned_footer
from sessiontimer.tui.widgets.progress import RoutineProgress

if TYPE_CHECKING:
    pass


class BreaksScreen(TimerScreen, ShowsBreakCountdown):
    DEFAULT_CSS = """
    #breaks {
        height: 1fr;
        padding: 1 2;
    }
    #break-phase {
        width: auto;
        height: 1;
        text-style: bold;
    }
    #break-phase.due {
        color: $warning;
        text-style: bold reverse;
    }
    #break-phase.paused {
        color: $warning;
    }
    #break-countdown {
        margin: 1 0;
        width: auto;
    }
    #break-detail {
        height: auto;
        text-style: bold;
    }
    #break-why {
        height: auto;
        margin: 1 0;
    }
    #break-today {
        height: 1;
    }
    #break-goal {
        width: 40;
        margin: 0 0 1 0;
    }
    """
    TITLES_COUNTDOWN = True  # its countdown goes in the window title

    BINDINGS = [
        # One key may mean two things; the footer names the one that applies now (check_action).
        Binding("space", "timer('pause')", "Pause"),
        Binding("space", "timer('resume')", "Resume"),
        Binding("enter", "desk_routine", "Desk routine", priority=True),
        Binding("t", "timer('stand')", "Just stand"),
        Binding("s", "timer('snooze')", "Snooze"),
        Binding("x", "timer('skip')", "Skip"),
        Binding("x", "timer('sit_down')", "Sit down"),
        Binding("h", "history", "History", show=False),  # (the footer is full at a break)
        Binding("escape", "close", "Home"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._shown: dict[str, object] = {}
        self._ready = False  # composed: there is something to show the timer in

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="breaks"):
            yield Static("", id="break-phase")
            yield Digits("", id="break-countdown")
            yield Static("", id="break-detail")
            yield Static(Text(WHY_STAND, style="dim"), id="break-why")
            yield Static("", id="break-today")
            yield RoutineProgress(id="break-goal")
        # (no ^p in the key bar: at a break it is full, and ? Help matters more; ? lists ^p)
        yield pruned_footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self._ready = True
        self.ctx.breaks.refresh()
        self.ctx.breaks.read_today()

    def on_screen_resume(self) -> None:
        self.ctx.breaks.refresh()

    # -- rendering ------------------------------------------------------------------------------
    def show_breaks(self, view: BreakView) -> None:
        if not self._ready:
            return
        app = self.ctx
        self._text("#break-phase", headline(view))
        phase = self.query_one("#break-phase", Static)
        phase.set_class(view.phase is Phase.DUE and not view.held, "due")
        phase.set_class(view.paused, "paused")
        clock = format_clock(view.seconds) if view.seconds is not None else ""
        if view.phase is Phase.DUE and not view.held:
            clock = "0:00"
        if self._shown.get("#break-countdown") != clock:
            self._shown["#break-countdown"] = clock
            self.query_one("#break-countdown", Digits).update(clock)
        self._text("#break-detail", detail(view, app.breaks.timer.settings))
        day = app.breaks.today
        self._text("#break-today", today_line(day))
        standing = day.standing_seconds if day is not None else 0
        self.query_one("#break-goal", RoutineProgress).set_fraction(
            standing / STANDING_GOAL_SECONDS
        )
        state = (view.phase, view.paused)
        if self._shown.get("state") != state:
            self._shown["state"] = state
            self.refresh_bindings()

    def _text(self, selector: str, text: str) -> None:
        if self._shown.get(selector) != text:
            self._shown[selector] = text
            self.query_one(selector, Static).update(Text(text))

    # -- keys -----------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "desk_routine":
            action, parameters = "timer", ("stand",)
        if action != "timer":
            return True
        timer = self.ctx.breaks.timer
        phase = timer.phase
        allowed = {
            "pause": phase is not Phase.OFF and not timer.paused,
            "resume": timer.paused,
            "stand": phase in (Phase.SITTING, Phase.DUE, Phase.SNOOZED),
            "snooze": phase is Phase.DUE,  # (with none left, s says so: the break insists)
            "skip": phase in (Phase.DUE, Phase.SNOOZED),
            "sit_down": phase is Phase.STANDING,
        }
        return allowed.get(str(parameters[0]) if parameters else "", False)

    def action_timer(self, name: str) -> None:
        """Space, t, s and x: the break timer's own actions (x while standing: sit down now)."""
        self.ctx.breaks.action("skip" if name == "sit_down" else name)

    def action_desk_routine(self) -> None:
        self.ctx.breaks.start_desk_routine()

    def action_history(self) -> None:
        self.ctx.show_history()

    def action_close(self) -> None:
        self.ctx.leave_breaks()
