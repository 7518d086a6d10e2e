"""Every use of a private (underscore) name of Textual, in one place.

Textual's public API has no way to do what each function here does; each says which Textual
version it was checked on and why. ``tests/tui/test_textual_compat.py`` asserts that every
private name used here still exists with the signature we call, so a Textual release that
removes one fails the tests the same day instead of failing a user.

No other module of sessiontimer touches a private name of Textual (or of any other library).
"""

from __future__ import annotations

CHECKED_ON = "8.2.8"  # the Textual version every workaround below was checked on
