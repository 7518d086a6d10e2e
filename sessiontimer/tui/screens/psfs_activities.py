"""Naming the everyday activities of the PSFS (DESIGN.md section 11, CLINICAL.md "Function, not
only pain"): 3 to 5, in the person's own words. The first time, a few examples show what is
meant; later the same screen changes them.

A changed name is asked about: the same activity in other words (a rename: its ratings stay with
it), or a different one (the old one is kept in the history with its ratings, the new one starts
fresh). An emptied line stops rating that activity (its ratings stay). The screen writes nothing:
it is dismissed with the changes (``Changes``), None (Escape), or STOP (the first time: stop
asking).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Input, Static

from sessiontimer.core.base.text import clean_line
from sessiontimer.core.history.psfs import (
    ACTIVITIES_MAX,
    ACTIVITIES_MIN,
    NAME_MAX,
    PsfsActivity,
)

FIRST_TITLE = "What does your back make hard?"
EDIT_TITLE = "Your everyday activities"
FIRST_TEXT = (
    "Name 3 to 5 everyday things that your back or leg pain makes hard, in your own words. "
    "About once a week you rate how well you can do each one, so you and your physiotherapist "
    "can see your function change, not only your pain."
)
EXAMPLES = (
    "For example: putting on socks · sitting through a film · walking to the shop · "
    "lifting a child · a night's sleep · getting out of the car"
)
EDIT_TEXT = (
    "Change the words, add one, or empty a line to stop rating it. Past ratings stay in your "
    "history with the activity they rated."
)
HINT = "Enter: next line · ctrl+s: save"
STOP = "stop"  # the person does not want to be asked (psfs = "off")
TOO_FEW = f"Name at least {ACTIVITIES_MIN} activities (up to {ACTIVITIES_MAX})."


@dataclass(frozen=True)
class Changes:
    """What to do to the activities, in this order, then their order from top to bottom."""

    renamed: list[tuple[int, str]] = field(default_factory=list)  # (id, new words)
    replaced: list[tuple[int, str]] = field(default_factory=list)  # (old id, the new one's words)
    removed: list[int] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    order: list[int | str] = field(default_factory=list)  # an id, or the words of a new one

    @property
    def empty(self) -> bool:
        return not (self.renamed or self.replaced or self.removed or self.added)


class SameOrDifferent(ModalScreen[str | None]):
    """A changed name: "same" (a rename), "different" (a replacement), or None (back)."""

    DEFAULT_CSS = """
    SameOrDifferent { align: center middle; }
    SameOrDifferent > Vertical {
        width: 70; max-width: 100%; height: auto; padding: 1 2;
        border: thick $accent; background: $surface;
    }
    SameOrDifferent Static { margin: 0 0 1 0; }
    """
    BINDINGS = [
        Binding("s", "answer('same')", "Same activity"),
        Binding("d", "answer('different')", "Different one"),
        Binding("escape", "answer('')", "Back"),
    ]

    def __init__(self, old: str, new: str) -> None:
        super().__init__()
        self.old, self.new = old, new

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(f"“{self.old}” is now “{self.new}”.", style="bold"))
            yield Static(
                Text(
                    "s  The same activity in other words: its ratings stay with it.\n"
                    "d  A different activity: the old one and its ratings stay in your history, "
                    "and the new one starts fresh."
                )
            )
        yield Footer()

    def action_answer(self, answer: str) -> None:
        self.dismiss(answer or None)


class PsfsActivitiesScreen(Screen[Changes | str | None]):
    DEFAULT_CSS = """
    PsfsActivitiesScreen > VerticalScroll { padding: 1 2; }
    #psfs-title { color: $accent; text-style: bold; margin: 0 0 1 0; }
    #psfs-text { margin: 0 0 1 0; max-width: 90; }
    #psfs-examples { color: $text-muted; margin: 0 0 1 0; max-width: 90; }
    PsfsActivitiesScreen Input { max-width: 70; margin: 0 0 1 0; background: $boost; }
    PsfsActivitiesScreen Input:focus { background: $primary 25%; }
    #psfs-message { color: $error; text-style: bold; margin: 1 0 0 0; }
    #psfs-hint { color: $text-muted; margin: 1 0 0 0; }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel('first')", "Not now"),  # one of the two, see check_action
        Binding("escape", "cancel('edit')", "Cancel"),
        Binding("ctrl+n", "stop_asking", "Stop asking"),
    ]

    def __init__(self, activities: list[PsfsActivity], *, first: bool) -> None:
        super().__init__()
        self.activities = activities[:ACTIVITIES_MAX]
        self.first = first

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(Text(FIRST_TITLE if self.first else EDIT_TITLE), id="psfs-title")
            yield Static(Text(FIRST_TEXT if self.first else EDIT_TEXT), id="psfs-text")
            if self.first:
                yield Static(Text(EXAMPLES), id="psfs-examples")
            for number in range(ACTIVITIES_MAX):
                known = self.activities[number] if number < len(self.activities) else None
                yield Input(
                    known.name if known else "",
                    placeholder=f"{number + 1}." + ("" if number < ACTIVITIES_MIN else " (if any)"),
                    max_length=NAME_MAX,
                    id=f"psfs-name-{number}",
                    select_on_focus=False,  # (a name being changed: typing adds to it)
                    compact=True,
                )
            yield Static(id="psfs-message")
            yield Static(Text(HINT), id="psfs-hint")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#psfs-message", Static).display = False
        self.query_one("#psfs-name-0", Input).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "stop_asking":
            return self.first  # a person changing their activities wants them
        if action == "cancel":
            return parameters == (("first",) if self.first else ("edit",))
        return True

    def _names(self) -> list[str]:
        return [
            clean_line(self.query_one(f"#psfs-name-{n}", Input).value)
            for n in range(ACTIVITIES_MAX)
        ]

    def _say(self, message: str) -> None:
        shown = self.query_one("#psfs-message", Static)
        shown.update(Text(message))
        shown.display = bool(message)

    @on(Input.Submitted)
    def _next_line(self, event: Input.Submitted) -> None:
        number = int(str(event.input.id).rsplit("-", 1)[1])
        if number + 1 < ACTIVITIES_MAX and (
            number + 1 < ACTIVITIES_MIN or any(self._names()[number + 1 :]) or event.value.strip()
        ):
            self.query_one(f"#psfs-name-{number + 1}", Input).focus()
        else:
            self.action_save()

    @on(Input.Changed)
    def _typed(self) -> None:
        self._say("")

    def action_save(self) -> None:
        names = self._names()
        given = [name for name in names if name]
        if len(given) < ACTIVITIES_MIN:
            self._say(TOO_FEW)
            return
        folded = [name.casefold() for name in given]
        twice = next((name for name in given if folded.count(name.casefold()) > 1), None)
        if twice is not None:
            self._say(f"“{twice}” is there twice: each activity once.")
            return
        self.run_worker(self._resolve(names), exclusive=True, group="psfs-save")

    async def _resolve(self, names: list[str]) -> None:
        """Ask about each changed name, then dismiss with the changes."""
        changes = Changes()
        for number, name in enumerate(names):
            known = self.activities[number] if number < len(self.activities) else None
            if known is None:
                if name:
                    changes.added.append(name)
                    changes.order.append(name)
                continue
            if not name:
                changes.removed.append(known.id)
                continue
            if name != known.name:
                answer = await self.app.push_screen_wait(SameOrDifferent(known.name, name))
                if answer is None:
                    self.query_one(f"#psfs-name-{number}", Input).focus()
                    return
                (changes.renamed if answer == "same" else changes.replaced).append((known.id, name))
                changes.order.append(known.id if answer == "same" else name)
                continue
            changes.order.append(known.id)
        self.dismiss(changes)

    def action_cancel(self, _when: str) -> None:
        self.dismiss(None)

    def action_stop_asking(self) -> None:
        self.dismiss(STOP)
