"""What the commands share: the exit codes, ``InvalidInput``, and finding a routine by id or path.

The core is imported inside the functions: ``main`` imports this module for every command, and
``history`` or ``--help`` need no routine.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sessiontimer.core.routines.library import Entry
    from sessiontimer.core.session.plan import Plan

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class InvalidInput(Exception):
    """Bad input from the user: the message is shown as it is, exit status 1."""


def resolve_routine(ref: str) -> Entry:
    """The routine ``ref`` names: an id (user routines first, then built-in) or a .toml path."""
    from sessiontimer.core.routines.library import RoutineNotFound, resolve
    from sessiontimer.system import paths

    try:
        return resolve(ref, paths.builtin_routines_dir(), paths.user_routines_dir())
    except RoutineNotFound as err:
        raise InvalidInput(str(err)) from None


def plan_of(entry: Entry) -> Plan:
    """The expanded plan of a valid routine; a broken one is refused with its problems."""
    from sessiontimer.core.session.plan import build_plan

    if entry.routine is None:
        problems = "\n".join(str(p) for p in entry.problems)
        raise InvalidInput(f'routine "{entry.id}" has problems; fix them first:\n{problems}')
    return build_plan(entry.routine)
