"""``edit``: a routine opened in ``$VISUAL``/``$EDITOR``, checked when the editor ends, and, while it
is invalid, a question: edit again, keep it anyway, or discard the changes."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time

from sessiontimer.cli.common import EXIT_OK, InvalidInput, resolve_routine
from sessiontimer.core.base.text import printable
from sessiontimer.core.routines.authoring import (
    AuthoringError,
    EditSession,
    editor_arguments,
    editor_command,
)
from sessiontimer.system import paths

EDIT_CHOICES = "e edit again, k keep it anyway, d discard the changes"


def cmd_edit(args: argparse.Namespace) -> int:
    entry = resolve_routine(args.routine)
    try:
        command = editor_command(os.environ)
        edit = EditSession.start(entry, paths.user_routines_dir(), paths.schema_file())
    except AuthoringError as err:
        raise InvalidInput(str(err)) from None
    if edit.copied:
        print(printable(f"{entry.id} is a built-in routine: editing your own copy, {edit.path}"))
    edit.keep_before_edit()
    rounds = 0
    while True:
        rounds += 1
        started = time.monotonic()
        try:
            status = subprocess.run(editor_arguments(command, edit.path), check=False).returncode
        except OSError as err:
            edit.drop_unchanged_copy()
            raise InvalidInput(
                f"cannot start the editor {command[0]}: {err.strerror or err}"
            ) from None
        problems = edit.check()
        if status != 0:  # like git: an editor that failed may have left a half-done file
            print(f"The editor ended with status {status}.", file=sys.stderr)
        if not problems and (status == 0 or not edit.changed):
            # an editor that came back at once, untouched, probably did not wait for its window
            at_once = rounds == 1 and time.monotonic() - started < 2.0
            hint = (
                " (if your editor opens a window and returns at once, give it its wait option, "
                'e.g. EDITOR="code --wait")'
                if at_once
                else ""
            )
            outcome = edit.finish()
            if outcome == "copy dropped":
                print(f"No changes; the built-in routine is used as it was{hint}.")
            elif outcome == "unchanged":
                print(f"No changes to {edit.path}{hint}.")
            else:
                print(f"Saved {edit.path}; it is valid.")
            return EXIT_OK
        if problems:
            print(f"{edit.path} has {len(problems)} problem{'s' if len(problems) > 1 else ''}:")
            for problem in problems:
                print(f"  {problem}")
        else:
            print(f"{edit.path} is valid, but the editor did not end normally.")
        try:
            answer = _ask(f"{EDIT_CHOICES} [e/k/d]? ", "ekd")
        except KeyboardInterrupt:
            edit.keep_backup()
            print(f"\nInterrupted: {edit.path} is kept as it is, with its problems.")
            raise
        if answer == "e":
            continue
        if answer == "k":
            edit.keep_backup()
            if problems:
                print(f"Kept {edit.path} as it is; it shows as broken until it is fixed.")
            else:
                print(f"Kept {edit.path} as it is; it is valid.")
            return EXIT_OK
        if answer == "d":
            try:
                edit.discard()
            except OSError as err:
                raise InvalidInput(
                    f"could not put {edit.path} back as it was ({err.strerror or err}); "
                    "it still holds your changes"
                ) from None
            if edit.copied:
                print(f"Changes discarded; {entry.id} is the built-in routine again.")
            else:
                print(f"Changes discarded; {edit.path} is as it was.")
            return EXIT_OK
        # no answer could be read (end of input): nothing is thrown away
        edit.keep_backup()
        raise InvalidInput(
            f"no answer (end of input): {edit.path} is kept as it is, with its problems"
        )


def _ask(prompt: str, letters: str) -> str | None:
    """One answer from the terminal: one of ``letters``, or None at the end of input."""
    while True:
        print(prompt, end="", flush=True)
        line = sys.stdin.readline()
        if not line:
            print()
            return None
        answer = line.strip().lower()[:1]
        if answer and answer in letters:
            return answer
        print(f"Please answer one of: {', '.join(letters)}.")
