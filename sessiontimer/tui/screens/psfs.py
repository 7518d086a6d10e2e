"""Rating the everyday activities (the PSFS, DESIGN.md section 11): each one 0 (cannot do it) to
10 (as well as before the problem), one at a time, as the pain check-in asks. Enter alone skips
one; Escape puts the whole question off until tomorrow; ``e`` changes the activities first.

``ask_psfs`` is the whole question as home asks it about once a week (never in a routine): the
activities first when there are none yet, then the ratings, each answer stored with its time.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING, TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from sessiontimer.core.history.psfs import SCORE_MAX, PsfsActivity, PsfsRecord
from sessiontimer.core.history.rows import local_time
from sessiontimer.tui.context import context
from sessiontimer.tui.screens.psfs_activities import STOP, Changes, PsfsActivitiesScreen

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from sessiontimer.core.history.store import Store

T = TypeVar("T")
EDIT = "edit"  # the rating screen's answer: change the activities first
TITLE = "How well can you do these now?"
SCALE = f"0 = you cannot do it at all, {SCORE_MAX} = as well as before your back problem"
NOT_A_SCORE = f"Type a whole number from 0 to {SCORE_MAX}, or press Enter alone to skip this one."
TOPIC = "Everyday activities"
SAVED_ACTIVITIES = "Your activities are saved; their past ratings stay with them."
STOPPED = (
    "You will not be asked again. To rate them later, use the command palette (ctrl+p); to be "
    'asked again, set psfs = "weekly" in config.toml.'
)


class _Score(Input):
    BINDINGS = [Binding("enter", "submit", "Next")]

    def check_consume_key(self, key: str, character: str | None) -> bool:
        """Digits only: letters are the screen's keys."""
        return character is not None and character.isdecimal()


class PsfsRatingScreen(Screen[dict[int, int] | str | None]):
    """Dismissed with the scores given (activity id -> 0–10), EDIT, STOP, or None (not now)."""

    DEFAULT_CSS = """
    PsfsRatingScreen > VerticalScroll { padding: 1 2; }
    #psfs-rate-title { color: $accent; text-style: bold; }
    #psfs-scale { color: $text-muted; margin: 0 0 1 0; }
    #psfs-answers { margin: 0 0 1 0; }
    #psfs-question { text-style: bold; }
    #psfs-score { width: 16; margin: 1 0 0 0; }
    #psfs-rate-message { color: $error; text-style: bold; }
    #psfs-rate-hint { color: $text-muted; margin: 1 0 0 0; }
    """
    BINDINGS = [
        Binding("escape", "not_now", "Not now"),
        Binding("e", "edit", "Change activities", priority=True),  # (the input takes digits)
        Binding("ctrl+n", "stop_asking", "Stop asking"),
    ]

    def __init__(self, activities: list[PsfsActivity]) -> None:
        super().__init__()
        self.activities = activities
        self.current = 0
        self.scores: dict[int, int] = {}
        self.answered: list[str] = []

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(Text(TITLE), id="psfs-rate-title")
            yield Static(Text(SCALE), id="psfs-scale")
            yield Static(id="psfs-answers")
            yield Static(id="psfs-question")
            yield _Score(
                placeholder=f"0–{SCORE_MAX}", restrict=r"[0-9]*", max_length=2, id="psfs-score"
            )
            yield Static(id="psfs-rate-message")
            yield Static(
                Text("Type a number, then Enter. Enter alone skips one."), id="psfs-rate-hint"
            )
        yield Footer()

    def on_mount(self) -> None:
        self._ask()

    def _ask(self) -> None:
        activity = self.activities[self.current]
        count = f"{self.current + 1} of {len(self.activities)}"
        self.query_one("#psfs-question", Static).update(Text(f"{count}: {activity.name}"))
        answers = self.query_one("#psfs-answers", Static)
        answers.update(Text("\n".join(self.answered)))
        answers.display = bool(self.answered)
        self._say("")
        entry = self.query_one("#psfs-score", _Score)
        entry.value = ""
        entry.focus()

    def _say(self, message: str) -> None:
        shown = self.query_one("#psfs-rate-message", Static)
        shown.update(Text(message))
        shown.display = bool(message)

    @on(Input.Submitted, "#psfs-score")
    def _given(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        activity = self.activities[self.current]
        if not value:
            self.answered.append(f"{activity.name}: skipped")
        elif value.isdecimal() and int(value) <= SCORE_MAX:
            self.scores[activity.id] = int(value)
            self.answered.append(f"{activity.name}: {int(value)}")
        else:
            self._say(NOT_A_SCORE)
            return
        self.current += 1
        if self.current < len(self.activities):
            self._ask()
        else:
            self.dismiss(dict(self.scores))

    @on(Input.Changed, "#psfs-score")
    def _typed(self) -> None:
        self._say("")

    def action_not_now(self) -> None:
        self.dismiss(None)

    def action_edit(self) -> None:
        self.dismiss(EDIT)

    def action_stop_asking(self) -> None:
        self.dismiss(STOP)


class PsfsQuestion:
    """The question, as a chain of screens and short reads and writes of the history (each in a
    worker thread): no worker waits while a screen is open, so nothing is left hanging when the
    screens are closed from elsewhere (home replaced at the end of a session).

    ``asked``: the app asked it on home ("not now" is then kept: not asked again today); else the
    person chose it from the command palette: the ratings, or with ``edit`` only a change of the
    activities."""

    def __init__(self, node: DOMNode, *, asked: bool = True, edit: bool = False) -> None:
        self.app, self.ctx = node.app, context(node)
        self.asked, self.edit = asked, edit
        self.activities: list[PsfsActivity] = []
        self.from_rating = False  # the activities are being changed from the rating screen (e)

    def start(self) -> None:
        self._store(lambda store: PsfsRecord(store).activities(), self._read)

    def _now(self) -> datetime:
        return local_time(self.ctx.clock.epoch())

    def _store(self, use: Callable[[Store], T], then: Callable[[T], None]) -> None:
        """``use`` on the history in a worker thread, then ``then`` with its result (a problem
        is said in a toast instead)."""

        def work() -> None:
            result, problem = self.ctx.read_history(use)
            if result is None and problem:
                self.app.call_from_thread(self._problem, problem)
            else:
                self.app.call_from_thread(then, result)

        self.app.run_worker(work, thread=True, group="psfs-store")

    def _problem(self, problem: str) -> None:
        self.app.notify(problem, title="Not saved", severity="error", markup=False)

    def _not_now(self) -> None:
        if self.asked:  # (chosen from the palette, leaving it is no "not now")
            now = self._now()
            self._store(lambda store: PsfsRecord(store).not_now(at=now), _nothing)

    def _read(self, activities: list[PsfsActivity]) -> None:
        self.activities = activities
        if self.edit or not activities:
            self._ask_activities()
        else:
            self._ask_ratings()

    def _ask_activities(self) -> None:
        first = not self.activities
        self.app.push_screen(PsfsActivitiesScreen(self.activities, first=first), self._changed)

    def _changed(self, changes: Changes | str | None) -> None:
        if changes == STOP:
            self._stop()
        elif isinstance(changes, Changes) and not changes.empty:
            self._store(partial(apply, changes=changes, at=self._now()), self._saved)
        elif not self.activities:  # the first time, put off
            self._not_now()
        elif self.from_rating:  # nothing changed: back to the ratings
            self._ask_ratings()

    def _saved(self, activities: list[PsfsActivity]) -> None:
        self.activities = activities
        if self.edit and not self.from_rating:  # a change chosen from the palette: done
            self.app.notify(SAVED_ACTIVITIES, title=TOPIC, markup=False)
        else:
            self._ask_ratings()

    def _ask_ratings(self) -> None:
        self.app.push_screen(PsfsRatingScreen(self.activities), self._rated)

    def _rated(self, answer: dict[int, int] | str | None) -> None:
        if answer == EDIT:
            self.from_rating = True
            self._ask_activities()
        elif answer == STOP:
            self._stop()
        elif isinstance(answer, dict) and answer:
            average = sum(answer.values()) / len(answer)
            self._store(
                partial(_rate, scores=answer, at=self._now()),
                lambda _: self.app.notify(saved_text(average), title=TOPIC, markup=False),
            )
        else:
            self._not_now()  # not now, or every one skipped: not again today

    def _stop(self) -> None:
        self.ctx.save_setting(psfs="off")
        self.app.notify(STOPPED, title=TOPIC, markup=False, timeout=12)


def ask_psfs(node: DOMNode, *, asked: bool = True, edit: bool = False) -> None:
    """Ask about the everyday activities (see PsfsQuestion)."""
    PsfsQuestion(node, asked=asked, edit=edit).start()


def _nothing(_: object) -> None:
    pass


def saved_text(average: float) -> str:
    return f"Saved: {average:.1f} out of 10 on average. The history (h) shows them by week."


def _rate(store: Store, scores: dict[int, int], at: datetime) -> None:
    PsfsRecord(store).rate(scores, at=at)


def apply(store: Store, changes: Changes, at: datetime) -> list[PsfsActivity]:
    """Store the changes to the activities; returns the activities rated now, in order."""
    record = PsfsRecord(store)
    new_ids: dict[str, int] = {}
    for activity_id, name in changes.renamed:
        record.rename(activity_id, name, at=at)
    for activity_id, name in changes.replaced:
        new_ids[name] = record.replace(activity_id, name, at=at)
    for activity_id in changes.removed:
        record.remove(activity_id, at=at)
    for name in changes.added:
        new_ids[name] = record.add(name, at=at)
    record.reorder([new_ids[i] if isinstance(i, str) else i for i in changes.order])
    return record.activities()
