"""The command line (DESIGN.md section 2): argument parsing and dispatch, no business logic.

Exit codes: 0 success; 1 invalid input (bad routine, unknown id, bad option value); 2 usage error.
Bad input prints a clear message on stderr and never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import math
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from sessiontimer import __version__
from sessiontimer.core.base.durations import format_clock, format_total
from sessiontimer.core.routines.library import Entry, RoutineNotFound, discover, resolve
from sessiontimer.core.routines.loader import load_file
from sessiontimer.core.session.plan import Plan, build_plan
from sessiontimer.system import paths

if TYPE_CHECKING:
    from sessiontimer.core.breaks.timer import BreakSettings

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class InvalidInput(Exception):
    """Bad input from the user: the message is shown as it is, exit status 1."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _run_arguments(run: argparse.ArgumentParser) -> None:
    run.add_argument("routine", metavar="ROUTINE", help="a routine id or a path to a .toml file")
    run.add_argument(
        "--speed",
        metavar="F",
        default="1",
        help="run all time F times faster (a rehearsal; not counted in adherence)",
    )
    run.add_argument(
        "--no-checks",
        action="store_true",
        help="skip the red-flag questions and the pain check-ins",
    )


def _breaks_arguments(breaks: argparse.ArgumentParser) -> None:
    breaks.add_argument(
        "--sit",
        metavar="DUR",
        help='time sitting between breaks, e.g. "25m"; a bare number is seconds (config: [breaks] sit)',
    )
    breaks.add_argument(
        "--stand",
        metavar="DUR",
        help='time standing at a break, e.g. "3m" (config: [breaks] stand)',
    )


def _list_arguments(lst: argparse.ArgumentParser) -> None:
    lst.add_argument("--json", action="store_true", help="print a JSON array")


def _show_arguments(show: argparse.ArgumentParser) -> None:
    show.add_argument("routine", metavar="ROUTINE", help="a routine id or a path to a .toml file")
    show.add_argument("--json", action="store_true", help="print a JSON object")


def _validate_arguments(validate: argparse.ArgumentParser) -> None:
    validate.add_argument("paths", metavar="PATH", nargs="+", help="routine files or folders")


def _new_arguments(new: argparse.ArgumentParser) -> None:
    new.add_argument("name", metavar="NAME", help="its id: lowercase letters, digits, - and _")
    new.add_argument(
        "--from",
        dest="source",
        metavar="ROUTINE",
        help="start from a copy of this routine (its text as it is, comments kept)",
    )


def _edit_arguments(edit: argparse.ArgumentParser) -> None:
    edit.add_argument("routine", metavar="ROUTINE", help="a routine id or a path to a .toml file")


def _history_arguments(history: argparse.ArgumentParser) -> None:
    form = history.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="print a JSON array")
    form.add_argument("--csv", action="store_true", help="print CSV with a header row")
    history.add_argument(
        "--since", metavar="YYYY-MM-DD", help="only sessions started on or after this day"
    )


# Each command: its help line and its arguments, in the order `--help` lists them.
COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None]]] = {
    "run": ("start a session of ROUTINE in the full-screen app", _run_arguments),
    "breaks": ("the sit/stand break timer in the full-screen app", _breaks_arguments),
    "list": ("every routine found, valid or not", _list_arguments),
    "show": ("the expanded plan of ROUTINE, segment by segment", _show_arguments),
    "validate": ("check routine files (PATH:LINE:COL: message)", _validate_arguments),
    "new": ("write a new routine file in your routines folder", _new_arguments),
    "edit": ("open ROUTINE in $VISUAL or $EDITOR, then check it", _edit_arguments),
    "history": ("past sessions (a table, JSON or CSV)", _history_arguments),
}


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line. With ``only`` (a command the arguments start with), the other commands'
    parsers are left out: each costs about half a millisecond to build, on the way to the first
    screen. What the command accepts, its help and its errors are the same either way."""
    parser = _Parser(
        prog="sessiontimer",
        description="A guide through physical-therapy routines for sciatica and low-back pain.",
        epilog="Without a command, the full-screen app opens at its home screen.",
    )
    parser.add_argument("--version", action="version", version=f"sessiontimer {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, (help_line, add_arguments) in COMMANDS.items():
        if only is None or name == only:
            add_arguments(sub.add_parser(name, help=help_line))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    _tolerant_output()
    argv = sys.argv[1:] if argv is None else list(argv)
    only = argv[0] if argv and argv[0] in COMMANDS else None
    args = build_parser(only).parse_args(argv)
    try:
        return _dispatch(args)
    except InvalidInput as err:
        print(f"sessiontimer: {err}", file=sys.stderr)
        return EXIT_INVALID
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `sessiontimer list | head`: the reader went away; that is not an error of ours.
        sys.stderr.close()
        return EXIT_OK


def _tolerant_output() -> None:
    """A terminal or pipe that is not UTF-8 gets escapes for what it cannot show, not a traceback."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):  # a closed or unusual stream
                reconfigure(errors="backslashreplace")


def _dispatch(args: argparse.Namespace) -> int:
    command = args.command
    if command == "list":
        return cmd_list(args.json)
    if command == "show":
        return cmd_show(args.routine, args.json)
    if command == "validate":
        return cmd_validate(args.paths)
    if command == "history":
        return cmd_history(args.json, args.csv, args.since)
    if command == "new":
        return cmd_new(args.name, args.source)
    if command == "edit":
        return cmd_edit(args.routine)
    if command == "run":
        return cmd_run(args.routine, parse_speed(args.speed), args.no_checks)
    if command == "breaks":
        return cmd_breaks(args.sit, args.stand)
    return launch_app(None, speed=1.0, checks=True)


# -- routines ---------------------------------------------------------------------------------------
def _discover() -> list[Entry]:
    return discover(paths.builtin_routines_dir(), paths.user_routines_dir())


def _resolve(ref: str) -> Entry:
    try:
        return resolve(ref, paths.builtin_routines_dir(), paths.user_routines_dir())
    except RoutineNotFound as err:
        raise InvalidInput(str(err)) from None


def _plan_of(entry: Entry) -> Plan:
    if entry.routine is None:
        problems = "\n".join(str(p) for p in entry.problems)
        raise InvalidInput(f'routine "{entry.id}" has problems; fix them first:\n{problems}')
    return build_plan(entry.routine)


def _describe_entry(entry: Entry) -> dict[str, Any]:
    plan = build_plan(entry.routine) if entry.routine else None
    return {
        "id": entry.id,
        "name": entry.name,
        "source": entry.source,
        "steps": len(entry.routine.steps) if entry.routine else None,
        "total_seconds": plan.total_seconds if plan else None,
        "valid": entry.valid,
        "errors": [str(p) for p in entry.problems],
    }


def cmd_list(as_json: bool) -> int:
    entries = _discover()
    rows = [_describe_entry(e) for e in entries]
    if as_json:
        import json  # only the JSON outputs need it (start-up of `run` does not)

        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return EXIT_OK
    if not rows:
        print("No routines found.")
        return EXIT_OK
    id_w = max(len("ID"), *(len(r["id"]) for r in rows))
    name_w = min(40, max(len("NAME"), *(len(r["name"]) for r in rows)))
    print(f"{'ID':<{id_w}}  {'NAME':<{name_w}}  {'SOURCE':<8}  STEPS  {'TOTAL':>7}  STATUS")
    for row, entry in zip(rows, entries, strict=True):
        name = row["name"] if len(row["name"]) <= name_w else row["name"][: name_w - 1] + "…"
        steps = str(row["steps"]) if row["steps"] is not None else "-"
        total = format_clock(row["total_seconds"]) if row["total_seconds"] is not None else "-"
        source = row["source"] + (" (replaces built-in)" if entry.replaces_builtin else "")
        if row["valid"]:
            status = "ok"
        else:
            count = len(row["errors"])
            first = entry.problems[0]
            status = f"INVALID ({count} problem{'s' if count > 1 else ''}): line {first.line}: {first.message}"
        print(
            f"{row['id']:<{id_w}}  {name:<{name_w}}  {source:<8}  {steps:>5}  {total:>7}  {status}"
        )
    return EXIT_OK


def cmd_show(ref: str, as_json: bool) -> int:
    entry = _resolve(ref)
    plan = _plan_of(entry)
    if as_json:
        import json  # only the JSON outputs need it (start-up of `run` does not)

        print(json.dumps(plan.to_json(), indent=2, ensure_ascii=False))
        return EXIT_OK
    routine = plan.routine
    print(f"{routine.name} ({entry.id}, {entry.source})")
    if routine.description:
        print(routine.description)
    print()
    print(
        f"{'#':>4}  {'AT':>7}  {'WHAT':<8}  {'SIDE':<5}  {'SET':>3}  {'REP':>3}  {'TIME':>7}  STEP"
    )
    at = 0
    for number, seg in enumerate(plan.segments, start=1):
        time = format_clock(seg.seconds) if seg.seconds is not None else "on Space"
        side = seg.side or ""
        print(
            f"{number:>4}  {format_clock(at):>7}  {seg.kind:<8}  {side:<5}  {seg.set:>3}  "
            f"{seg.rep:>3}  {time:>7}  {seg.step + 1}. {seg.step_name}"
        )
        at += seg.seconds or 0
    paced = f", plus {plan.self_paced} self-paced set(s)" if plan.self_paced else ""
    print()
    print(
        f"Total: {format_total(plan.total_seconds)} ({plan.total_seconds} s) in "
        f"{len(plan)} segments{paced}; {routine.times_per_day} time(s) a day."
    )
    return EXIT_OK


def _expand_paths(items: Sequence[str]) -> list[Path]:
    out: list[Path] = []
    for item in items:
        path = Path(item)
        if path.is_dir():
            found = sorted(path.glob("*.toml"))
            out.extend(found)
        else:
            out.append(path)
    return out


def cmd_validate(items: Sequence[str]) -> int:
    files = _expand_paths(items)
    if not files:
        raise InvalidInput("no .toml files found in " + ", ".join(items))
    bad = 0
    for path in files:
        result = load_file(path)
        if isinstance(result, list):
            bad += 1
            for problem in result:
                print(problem)
    total = len(files)
    noun = "file" if total == 1 else "files"
    if bad:
        print(f"{bad} of {total} {noun} invalid.")
        return EXIT_INVALID
    print(f"{total} {noun} valid.")
    return EXIT_OK


def cmd_history(as_json: bool, as_csv: bool, since_text: str | None) -> int:
    import sqlite3

    from sessiontimer.core.history import export
    from sessiontimer.core.history.store import HistoryUnavailable, open_history

    try:
        since = export.parse_since(since_text) if since_text is not None else None
    except ValueError as err:
        raise InvalidInput(str(err)) from None
    path = paths.history_file()
    records = []
    if path.exists():
        try:
            opened = open_history(path, create=False)
        except HistoryUnavailable as err:
            raise InvalidInput(str(err)) from None
        if opened.notice:
            print(f"sessiontimer: {opened.notice}", file=sys.stderr)
        try:
            records = opened.store.sessions(since)
        except sqlite3.Error as err:
            raise InvalidInput(
                f"the history file {path} could not be read ({err}); it is left as it is"
            ) from None
        finally:
            opened.store.close()
    if as_json:
        print(export.to_json(records))
    elif as_csv:
        sys.stdout.write(export.to_csv(records))
    else:
        print(export.to_table(records))
    return EXIT_OK


# -- new and edit -----------------------------------------------------------------------------------
def cmd_new(name: str, source_ref: str | None) -> int:
    from sessiontimer.core.routines.authoring import AuthoringError, new_routine

    source = _resolve(source_ref) if source_ref is not None else None
    try:
        path = new_routine(
            name,
            paths.user_routines_dir(),
            paths.builtin_routines_dir(),
            source=source,
            schema=paths.schema_file(),
        )
    except AuthoringError as err:
        raise InvalidInput(str(err)) from None
    print(path)
    if source is not None and not source.valid:
        count = len(source.problems)
        print(
            f"sessiontimer: note: the copy has the {count} problem{'s' if count > 1 else ''} of "
            f"{source.id}; fix {'them' if count > 1 else 'it'} with: sessiontimer edit {path.stem}",
            file=sys.stderr,
        )
    return EXIT_OK


EDIT_CHOICES = "e edit again, k keep it anyway, d discard the changes"


def cmd_edit(ref: str) -> int:
    import os
    import subprocess
    import time

    from sessiontimer.core.routines.authoring import AuthoringError, EditSession, editor_command

    entry = _resolve(ref)
    try:
        command = editor_command(os.environ)
        edit = EditSession.start(entry, paths.user_routines_dir(), paths.schema_file())
    except AuthoringError as err:
        raise InvalidInput(str(err)) from None
    if edit.copied:
        print(f"{entry.id} is a built-in routine: editing your own copy, {edit.path}")
    rounds = 0
    while True:
        rounds += 1
        started = time.monotonic()
        try:
            status = subprocess.run([*command, str(edit.path)], check=False).returncode
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


def parse_speed(text: str) -> float:
    try:
        speed = float(text)
    except ValueError:
        raise InvalidInput(
            f'--speed must be a number greater than 0, like 2 or 0.5, not "{text}"'
        ) from None
    if not math.isfinite(speed) or speed <= 0:
        raise InvalidInput(f'--speed must be a number greater than 0, not "{text}"')
    return speed


def cmd_run(ref: str, speed: float, no_checks: bool) -> int:
    entry = _resolve(ref)
    plan = _plan_of(entry)  # a broken routine is refused before any screen opens
    return launch_app(plan, speed=speed, checks=not no_checks)


def parse_period(option: str, text: str | None) -> int | None:
    """``--sit``/``--stand``: a duration from 1 s to 4 h, or None when not given."""
    from sessiontimer.core.base.durations import DurationError, parse_duration
    from sessiontimer.core.breaks.timer import MAX_PERIOD, MIN_PERIOD

    if text is None:
        return None
    value: object = int(text) if text.isascii() and text.isdigit() else text
    try:
        seconds = parse_duration(value)
    except DurationError as err:
        raise InvalidInput(f"{option}: {err}") from None
    if not MIN_PERIOD <= seconds <= MAX_PERIOD:
        raise InvalidInput(f'{option} must be between 1s and 4h, not "{text}"')
    return seconds


def cmd_breaks(sit_text: str | None, stand_text: str | None) -> int:
    import dataclasses

    from sessiontimer.core.settings.config import load_config

    sit = parse_period("--sit", sit_text)
    stand = parse_period("--stand", stand_text)
    config, problems = load_config(paths.config_file())
    if problems:
        listed = "\n".join(str(p) for p in problems)
        raise InvalidInput(f"config.toml has problems; fix them first:\n{listed}")
    settings = config.breaks
    if sit is not None:
        settings = dataclasses.replace(settings, sit=sit)
    if stand is not None:
        settings = dataclasses.replace(settings, stand=stand)
    return launch_app(None, speed=1.0, checks=True, break_settings=settings, open_breaks=True)


def launch_app(
    plan: Plan | None,
    speed: float,
    checks: bool,
    break_settings: BreakSettings | None = None,
    open_breaks: bool = False,
) -> int:
    # Start-up creates a great many objects that live as long as the app (Textual's modules,
    # styles and widgets): the garbage collector would walk them again and again for nothing.
    # It waits until the first screen is drawn (the app turns it back on then).
    gc.disable()
    try:
        from sessiontimer.tui.app import SessionTimerApp  # the UI is only imported when it is used

        app = SessionTimerApp(
            plan=plan,
            speed=speed,
            checks=checks,
            break_settings=break_settings,
            open_breaks=open_breaks,
        )
        app.run()
    finally:
        gc.enable()
    return app.return_code or EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
