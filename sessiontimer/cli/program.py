"""The program: the parser, the one registry of commands, ``main`` and its exit codes.

Exit codes: 0 success; 1 invalid input (bad routine, unknown id, bad option value); 2 usage error.
Bad input prints a clear message on stderr and never a traceback.

Start-up: only the parser of the command given is built, and only the module that runs it is
imported (``run`` loads neither the routine commands nor the history).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import NamedTuple, NoReturn, TextIO

from sessiontimer import __version__
from sessiontimer.cli.common import EXIT_INVALID, EXIT_OK, EXIT_USAGE, InvalidInput


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


ROUTINE_HELP = "a routine id or a path to a .toml file"


def _run_arguments(run: argparse.ArgumentParser) -> None:
    run.add_argument("routine", metavar="ROUTINE", help=ROUTINE_HELP)
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
    run.add_argument(
        "--plain",
        action="store_true",
        help="the session as plain lines and single keys, for screen readers and plain "
        "terminals (also when TERM=dumb)",
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
    show.add_argument("routine", metavar="ROUTINE", help=ROUTINE_HELP)
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
    edit.add_argument("routine", metavar="ROUTINE", help=ROUTINE_HELP)


def _progress_arguments(progress: argparse.ArgumentParser) -> None:
    progress.add_argument("routine", metavar="ROUTINE", help=ROUTINE_HELP)
    progress.add_argument(
        "--yes",
        action="store_true",
        help="apply it (a built-in routine: to your own copy); without it, only show it",
    )
    progress.add_argument(
        "--anyway",
        action="store_true",
        help="pass the gates that hold it back (only on a clinician's word)",
    )


def _history_arguments(history: argparse.ArgumentParser) -> None:
    form = history.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="print a JSON array")
    form.add_argument("--csv", action="store_true", help="print CSV with a header row")
    history.add_argument(
        "--since", metavar="YYYY-MM-DD", help="only sessions started on or after this day"
    )
    history.add_argument(
        "--psfs",
        action="store_true",
        help="your everyday activities and their ratings (function) instead of the sessions",
    )


def _report_arguments(report: argparse.ArgumentParser) -> None:
    report.add_argument(
        "--since", metavar="YYYY-MM-DD", help="the first day of the report (default: 12 weeks ago)"
    )
    report.add_argument(
        "--out",
        metavar="FILE",
        help="where to write it (default: reports/report-YYYY-MM-DD.html in the data folder)",
    )


class Command(NamedTuple):
    help: str
    arguments: Callable[[argparse.ArgumentParser], None]
    # "module:function" in sessiontimer.cli, imported when the command runs; the function is
    # given the parsed arguments and returns the exit code.
    handler: str


# The registry: every command, once, in the order `--help` lists them.
COMMANDS: dict[str, Command] = {
    "run": Command(
        "start a session of ROUTINE in the full-screen app (or as plain lines: --plain)",
        _run_arguments,
        "launch:cmd_run",
    ),
    "breaks": Command(
        "the sit/stand break timer in the full-screen app", _breaks_arguments, "launch:cmd_breaks"
    ),
    "list": Command("every routine found, valid or not", _list_arguments, "routines:cmd_list"),
    "show": Command(
        "the expanded plan of ROUTINE, segment by segment", _show_arguments, "routines:cmd_show"
    ),
    "validate": Command(
        "check routine files (PATH:LINE:COL: message)", _validate_arguments, "routines:cmd_validate"
    ),
    "new": Command(
        "write a new routine file in your routines folder", _new_arguments, "routines:cmd_new"
    ),
    "edit": Command(
        "open ROUTINE in $VISUAL or $EDITOR, then check it", _edit_arguments, "edit:cmd_edit"
    ),
    "progress": Command(
        "the next progression of ROUTINE, or the gates that hold it back",
        _progress_arguments,
        "progress:cmd_progress",
    ),
    "history": Command(
        "past sessions (a table, JSON or CSV)", _history_arguments, "history:cmd_history"
    ),
    "report": Command(
        "the report for your physiotherapist: one HTML file to open or print",
        _report_arguments,
        "report:cmd_report",
    ),
}
# Without a command: the full-screen app at its home screen.
NO_COMMAND = "launch:cmd_home"


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
    for name, command in COMMANDS.items():
        if only is None or name == only:
            command.arguments(sub.add_parser(name, help=command.help))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    _tolerant_output()
    argv = sys.argv[1:] if argv is None else list(argv)
    only = argv[0] if argv and argv[0] in COMMANDS else None
    args = build_parser(only).parse_args(argv)
    try:
        machine = getattr(args, "json", False) or getattr(args, "csv", False)
        if args.command in FULL_SCREEN or (machine and not sys.stdout.isatty()):
            # They draw the terminal themselves; or JSON / CSV for a file or another program,
            # where every character the user wrote is kept as it is (no terminal to drive).
            return _dispatch(args)
        with clean_output():
            return _dispatch(args)
    except InvalidInput as err:
        from sessiontimer.core.base.text import printable

        print(printable(f"sessiontimer: {err}"), file=sys.stderr)
        return EXIT_INVALID
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `sessiontimer list | head`: the reader went away; that is not an error of ours.
        sys.stderr.close()
        return EXIT_OK


# The commands that draw the terminal themselves (their output is not lines of text).
FULL_SCREEN = {None, "run", "breaks", "serve"}


class _CleanStream:
    """A text stream that writes what it is given with every character that could drive a
    terminal (C0 and C1 controls but newline and tab, DEL, bidirectional overrides, lone
    surrogates) written as its ``\\uXXXX`` escape: a file name or note with an escape sequence
    cannot retitle or recolour the terminal, and JSON stays valid JSON."""

    def __init__(self, stream: TextIO, unsafe: re.Pattern[str]) -> None:
        self._stream = stream
        self._unsafe = unsafe

    def write(self, text: str) -> int:
        self._stream.write(self._unsafe.sub(lambda m: f"\\u{ord(m.group()):04x}", text))
        return len(text)

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


@contextlib.contextmanager
def clean_output() -> Iterator[None]:
    """stdout and stderr cleaned (``_CleanStream``) while a command prints its lines."""
    from sessiontimer.core.base.text import BLOCK_CONTROL  # (what clean_block drops)

    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _CleanStream(out, BLOCK_CONTROL), _CleanStream(err, BLOCK_CONTROL)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err


def _tolerant_output() -> None:
    """A terminal or pipe that is not UTF-8 gets escapes for what it cannot show, not a traceback."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):  # a closed or unusual stream
                reconfigure(errors="backslashreplace")


def _dispatch(args: argparse.Namespace) -> int:
    """Runs the command's handler, looked up now in its module (so a test can replace it)."""
    target = COMMANDS[args.command].handler if args.command else NO_COMMAND
    module_name, function = target.split(":")
    module = importlib.import_module(f"{__package__}.{module_name}")
    handler: Callable[[argparse.Namespace], int] = getattr(module, function)
    return handler(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
