"""Rating the everyday activities (the PSFS, DESIGN.md section 11): each one 0 (cannot do it) to
10 (as well as before the problem), one at a time, as the pain check-in asks. Enter alone skips
one; Escape puts the whole question off until tomorrow; ``e`` changes the activities first.

``ask_psfs`` is the whole question as home asks it about once a week (never in a routine): the
activities first when there are none yet, then the ratings, each answer stored with its time.
"""

from __future__ import annotations

import asyncio
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


async def _on_store(node: DOMNode, use: Callable[[Store], T]) -> tuple[T | None, str | None]:
    """``use`` on the history in a worker thread: (its result, None) or (None, why not)."""
    return await asyncio.to_thread(context(node).read_history, use)


async def ask_psfs(node: DOMNode, *, asked: bool = True, edit: bool = False) -> None:
    """The question, from home (``asked``: the app asked it; "not now" is then kept, so it is not
    asked again today) or by the person's choice from the command palette: the ratings, or with
    ``edit`` only a change of the activities. Run it in a worker."""
    app, ctx = node.app, context(node)

    def now() -> datetime:
        return local_time(ctx.clock.epoch())

    async def not_now() -> None:
        if asked:  # (chosen from the palette, leaving it is no "not now")
            await _on_store(node, lambda store: PsfsRecord(store).not_now(at=now()))

    activities, problem = await _on_store(node, lambda store: PsfsRecord(store).activities())
    if activities is None:
        app.notify(
            problem or "History is off.", title="Not asked", severity="warning", markup=False
        )
        return
    editing = edit or not activities
    from_rating = False  # the activities are being changed from the rating screen (e)
    while True:
        if editing:
            changes = await app.push_screen_wait(
                PsfsActivitiesScreen(activities, first=not activities)
            )
            if changes == STOP:
                break
            if isinstance(changes, Changes) and not changes.empty:
                found, problem = await _on_store(node, partial(apply, changes=changes, at=now()))
                if found is None:
                    app.notify(
                        problem or "Not saved.", title="Not saved", severity="error", markup=False
                    )
                    return
                activities = found
                if edit and not from_rating:  # a change chosen from the palette: done
                    app.notify(SAVED_ACTIVITIES, title=TOPIC, markup=False)
                    return
            elif not activities:  # the first time, put off
                await not_now()
                return
            elif not from_rating:  # nothing changed, from the palette: nothing more to do
                return
            editing = False
        answer = await app.push_screen_wait(PsfsRatingScreen(activities))
        if answer == EDIT:
            editing = from_rating = True
            continue
        if answer == STOP:
            break
        if isinstance(answer, dict) and answer:
            _, problem = await _on_store(node, partial(_rate, scores=answer, at=now()))
            if problem:
                app.notify(problem, title="Not saved", severity="error", markup=False)
            else:
                average = sum(answer.values()) / len(answer)
                app.notify(saved_text(average), title=TOPIC, markup=False)
            return
        await not_now()  # not now, or every one skipped: not again today
        return
    ctx.save_setting(psfs="off")
    app.notify(STOPPED, title=TOPIC, markup=False, timeout=12)


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
