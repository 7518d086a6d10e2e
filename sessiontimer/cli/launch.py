"""``run``, ``breaks`` and no command at all: the full-screen app, opened on a session, on the
break timer, or at its home screen (``run --plain``, or ``TERM=dumb``: the session in plain mode,
sessiontimer/plain). The options are checked before any screen opens."""

from __future__ import annotations

import argparse
import gc
import math
import os
from typing import TYPE_CHECKING

from sessiontimer.cli.common import EXIT_OK, InvalidInput, plan_of, resolve_routine
from sessiontimer.system import paths

if TYPE_CHECKING:
    from sessiontimer.core.breaks.settings import BreakSettings
    from sessiontimer.core.session.plan import Plan


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


def cmd_run(args: argparse.Namespace) -> int:
    speed = parse_speed(args.speed)
    entry = resolve_routine(args.routine)
    plan = plan_of(entry)  # a broken routine is refused before any screen opens
    if args.plain or os.environ.get("TERM") == "dumb":  # lines and keys (DESIGN.md section 10)
        from sessiontimer.plain.run import main_plain

        return main_plain(plan, speed=speed, checks=not args.no_checks)
    return launch_app(plan, speed=speed, checks=not args.no_checks)


def parse_period(option: str, text: str | None) -> int | None:
    """``--sit``/``--stand``: a duration from 1 s to 4 h, or None when not given."""
    from sessiontimer.core.base.durations import DurationError, parse_duration
    from sessiontimer.core.breaks.settings import MAX_PERIOD, MIN_PERIOD

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


def cmd_breaks(args: argparse.Namespace) -> int:
    import dataclasses

    from sessiontimer.core.settings.reading import load_config

    sit = parse_period("--sit", args.sit)
    stand = parse_period("--stand", args.stand)
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


def cmd_home(args: argparse.Namespace) -> int:
    return launch_app(None, speed=1.0, checks=True)


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
