"""The app's flows: the chain of screens before, during and after a session (``session``), and
the sit/stand break timer's controller (``breaks``).

Imported by ``tui/app.py`` only; imports screens, widgets, context and the core.
"""
