"""The command line (DESIGN.md section 2): parsing, dispatch and printing; no business logic.

Every command is named once, in the registry of ``program.py`` (its help line, its arguments and
the function that runs it); the functions live in ``routines`` (list, show, validate, new),
``edit``, ``progress``, ``history`` and ``launch`` (run, breaks and the full-screen app), and only
the module of the command given is imported. ``common`` holds the exit codes and ``InvalidInput``.

This is the top layer: nothing in sessiontimer imports it (``__main__`` and the console script
``sessiontimer`` call ``main``). Importing the package loads only the parser's module.
"""

from sessiontimer.cli.program import main

__all__ = ["main"]
