"""After `!`: the session has stopped; what to do now (CLINICAL.md, in our own words)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from sessiontimer.core.plan import Plan
from sessiontimer.core.safety import (
    EMERGENCY_ADVICE,
    STOP_ADVICE,
    red_flags_text,
    see_a_doctor_text,
)


class SafetyStopScreen(Screen[None]):
    BINDINGS = [Binding("enter", "app.home", "Done")]

    def __init__(self, plan: Plan, step: int) -> None:
        super().__init__()
        self.plan = plan
        self.step = step

    def compose(self) -> ComposeResult:
        name = self.plan.routine.steps[self.step].name
        with VerticalScroll(id="safety"):
            yield Static(Text("SESSION STOPPED", style="bold"), id="safety-title")
            yield Static(Text(f"You stopped during: {name}"))
            for line in STOP_ADVICE:
                yield Static(Text(f"• {line}"))
            yield Static(Text(see_a_doctor_text()))
            yield Static(Text("Get emergency help now if you notice any of these:", style="bold"))
            yield Static(Text(red_flags_text()))
            yield Static(Text(EMERGENCY_ADVICE, style="bold"))
        yield Footer()
