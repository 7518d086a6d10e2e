"""Bare Textual apps: the floor sessiontimer is measured against.

They are launched the same way as sessiontimer (``python -m PACKAGE.MODULE`` in a pseudo-terminal).
The markers are here so that the benchmark can wait for them without importing Textual itself.
"""

STATIC_MARKER = "Bare Textual baseline: one Static widget"
DIGITS_MARKER = "Bare Textual baseline: a Digits counting down"
