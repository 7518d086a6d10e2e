"""Changing a routine from home: the in-app editor (``e``) and the progression (``p``): what would
change and the gates that hold it back (read from the history), asked first, then the file edited
in place and the progression recorded in the history; a built-in routine gets a copy of its own
(copy-on-write)."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from sessiontimer.tui.context import AppContext
from sessiontimer.tui.flows.session import flow_under_way

if TYPE_CHECKING:
    from textual.app import App

    from sessiontimer.core.insights.gates import Gate
    from sessiontimer.core.routines.library import Entry


PROGRESS_GROUP = "progress"


class RoutineFlow:
    def __init__(self, app: App[Any], context: AppContext) -> None:
        self.app = app
        self.context = context

    def edit(self, entry: Entry) -> None:
        """The in-app editor for this routine (e on home)."""
        from sessiontimer.tui.screens.editor import EditorScreen

        self.app.push_screen(EditorScreen(entry))

    def progress(self, entry: Entry) -> None:
        """The progression: what would change, then (after y, or a when a gate holds it back) the
        change saved. A second ``p`` of the same press, before the preview is up, opens no
        second preview."""
        if flow_under_way(self.app, PROGRESS_GROUP):
            return
        self.app.run_worker(self._progress(entry), name=PROGRESS_GROUP, group=PROGRESS_GROUP)

    def cancel(self) -> None:
        """Home: a preview closed without an answer (a break's desk routine went home over it)
        ends its flow."""
        self.app.workers.cancel_group(self.app, PROGRESS_GROUP)

    async def _progress(self, entry: Entry) -> None:
        from sessiontimer.core.insights.progress_preview import preview
        from sessiontimer.core.routines.progression import (
            ProgressionError,
            apply_progression,
            progress_file,
        )
        from sessiontimer.tui.screens.progress import ProgressScreen

        notify = self.app.notify
        try:
            read, progression = progress_file(entry.path)
        except ProgressionError as error:
            notify(str(error), title="Not progressed", severity="error", markup=False)
            return
        if not progression.changes:
            notify(
                f"{entry.name}: every step is at its limit, or does not progress; "
                "nothing to change",
                title="Progress",
                markup=False,
            )
            return
        gates = await asyncio.to_thread(self._gates, entry.id)
        user_dir = self.context.user_dir
        target = user_dir / entry.path.name if entry.source == "built-in" else None
        screen = ProgressScreen(entry.name, preview(progression, gates), target)
        answer = await self.app.push_screen_wait(screen)
        if answer not in ("apply", "anyway"):
            return
        try:
            written = apply_progression(entry.path, read, progression, target)
        except ProgressionError as error:
            notify(str(error), title="Not progressed", severity="error", markup=False)
            return
        if target is not None:
            from sessiontimer.core.routines.authoring import ensure_schema

            ensure_schema(user_dir, self.context.schema_path())
        self._record(entry.id, [str(change) for change in progression.changes], answer)
        count = len(progression.changes)
        notify(
            f"{count} change{'s' if count > 1 else ''} saved to {written}",
            title="Progressed anyway" if answer == "anyway" else "Progressed",
            markup=False,
        )
        self.context.routines_changed()

    def _gates(self, routine: str) -> list[Gate]:
        """The gates that hold ``routine`` back today (a thread: it reads the history)."""
        from sessiontimer.core.insights.gates import gates_for, history_off_gate

        today = self.context.today()
        gates, problem = self.context.read_history(lambda store: gates_for(store, routine, today))
        return gates if gates is not None else [history_off_gate(problem or "History is off.")]

    def _record(self, routine: str, changes: list[str], answer: str) -> None:
        """The progression in the history (its pace is a gate); "anyway": a gate was passed."""
        import sqlite3

        from sessiontimer.core.history.rows import local_time
        from sessiontimer.core.history.safety_record import SafetyRecord

        store = self.context.history()
        why = self.context.history_problem or "History is off."
        if store is not None:
            try:
                SafetyRecord(store).record_progression(
                    routine,
                    changes,
                    at=local_time(self.context.clock.epoch()),
                    anyway=answer == "anyway",
                )
                return
            except sqlite3.Error as error:
                why = f"The history could not be written ({error})."
        self.app.notify(
            f"{why} The progression is saved in the routine, but not in the history.",
            title="History",
            severity="warning",
            markup=False,
        )
