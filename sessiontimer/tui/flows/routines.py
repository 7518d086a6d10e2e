"""Changing a routine from home: the in-app editor (``e``) and the standard progression (``p``):
what would change, asked first, then the file edited in place; a built-in routine gets a copy of
its own (copy-on-write)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sessiontimer.tui.context import AppContext
from sessiontimer.tui.flows.session import flow_under_way

if TYPE_CHECKING:
    from textual.app import App

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
        """The standard progression: what would change, then (after y) the change saved. A second
        ``p`` of the same press, before the preview is up, opens no second preview."""
        if flow_under_way(self.app, PROGRESS_GROUP):
            return
        self.app.run_worker(self._progress(entry), name=PROGRESS_GROUP, group=PROGRESS_GROUP)

    def cancel(self) -> None:
        """Home: a preview closed without an answer (a break's desk routine went home over it)
        ends its flow."""
        self.app.workers.cancel_group(self.app, PROGRESS_GROUP)

    async def _progress(self, entry: Entry) -> None:
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
        user_dir = self.context.user_dir
        target = user_dir / entry.path.name if entry.source == "built-in" else None
        screen = ProgressScreen(entry.name, progression.changes, target)
        if not await self.app.push_screen_wait(screen):
            return
        try:
            written = apply_progression(entry.path, read, progression, target)
        except ProgressionError as error:
            notify(str(error), title="Not progressed", severity="error", markup=False)
            return
        if target is not None:
            from sessiontimer.core.routines.authoring import ensure_schema

            ensure_schema(user_dir, self.context.schema_path())
        count = len(progression.changes)
        notify(
            f"{count} change{'s' if count > 1 else ''} saved to {written}",
            title="Progressed",
            markup=False,
        )
        self.context.routines_changed()
