"""Command palette entries for the home screen: open the history or the break timer, rate or
change the everyday activities (PSFS), start any valid routine by name.

Routine names come from files the user wrote, so they are shown as plain text (``Content``), never
parsed as markup (Textual's own ``Matcher.highlight`` would parse them).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape

from sessiontimer.core.base.durations import format_clock
from sessiontimer.core.base.text import clean_line
from sessiontimer.core.routines.library import Entry
from sessiontimer.core.session.plan import build_plan
from sessiontimer.tui.context import context

HISTORY_TITLE = "History"
HISTORY_HELP = "Past sessions, the streak, and pain before and after"
BREAKS_TITLE = "Break timer"
BREAKS_HELP = "The sit/stand timer: a break to stand and move after each spell of sitting"
PSFS_RATE_TITLE = "Everyday activities: rate them"
PSFS_RATE_HELP = "How well you can do the things your back makes hard, 0 to 10 (asked weekly)"
PSFS_EDIT_TITLE = "Everyday activities: change them"
PSFS_EDIT_HELP = "Rename, replace or add one; past ratings stay with the activity they rated"


PROGRESS_HELP = "each exercise one step up to its limit, when the gates allow; shown first"


class RoutineCommands(Provider):
    """ "History", "Break timer", and "Start: <routine name>" for each valid routine."""

    _entries: list[tuple[str, str, Entry]]
    _authoring: list[tuple[str, str, Callable[[], None]]]  # "Edit: <name>", "Progress: <name>"

    async def startup(self) -> None:
        """Read the routines once when the palette opens (not again on every key typed)."""
        app = context(self.app)
        found = []
        self._authoring = []
        for entry in app.routines():
            self._authoring.append(
                (
                    f"Edit: {clean_line(entry.name)}",
                    escape(f"{clean_line(entry.id)} · in the app's editor"),
                    partial(app.edit_routine, entry),
                )
            )
            if entry.routine is not None:
                self._authoring.append(
                    (
                        f"Progress: {clean_line(entry.name)}",
                        escape(f"{clean_line(entry.id)} · {PROGRESS_HELP}"),
                        partial(app.progress_routine, entry),
                    )
                )
            if entry.routine is None:
                continue
            total = format_clock(build_plan(entry.routine).total_seconds)
            title = f"Start: {clean_line(entry.routine.name)}"
            found.append((title, escape(f"{clean_line(entry.id)} · {total}"), entry))
        self._entries = found

    def _start(self, entry: Entry) -> None:
        app = context(self.app)
        assert entry.routine is not None
        app.start_session(build_plan(entry.routine))

    def _history(self) -> None:
        app = context(self.app)
        app.show_history()

    def _breaks(self) -> None:
        app = context(self.app)
        app.show_breaks()

    def _psfs(self, edit: bool) -> None:
        from sessiontimer.tui.screens.psfs import ask_psfs

        ask_psfs(self.app, asked=False, edit=edit)

    def _commands(self) -> list[tuple[str, str, Callable[[], None]]]:
        commands: list[tuple[str, str, Callable[[], None]]] = [
            (HISTORY_TITLE, HISTORY_HELP, self._history),
            (BREAKS_TITLE, BREAKS_HELP, self._breaks),
            (PSFS_RATE_TITLE, PSFS_RATE_HELP, partial(self._psfs, False)),
            (PSFS_EDIT_TITLE, PSFS_EDIT_HELP, partial(self._psfs, True)),
        ]
        commands.extend(
            (title, help_text, partial(self._start, entry))
            for title, help_text, entry in self._entries
        )
        commands.extend(self._authoring)
        return commands

    async def discover(self) -> Hits:
        for title, help_text, command in self._commands():
            yield DiscoveryHit(Content(title), command, text=title, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, command in self._commands():
            score, offsets = matcher.fuzzy_search.match(query, title)
            if score <= 0:
                continue
            display = Content(title)
            for offset in offsets:
                if not title[offset].isspace():
                    display = display.stylize(matcher.match_style, offset, offset + 1)
            yield Hit(score, display, command, text=title, help=help_text)
