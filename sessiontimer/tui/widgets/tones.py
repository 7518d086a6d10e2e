"""The session's colours, by what is asked of the person now (the "tone"): amber to get ready,
green to work, blue to rest, red for the pack alarm; the sides have colours of their own (left
violet, right teal), the packs theirs (heat orange, cold light blue).

Worked out here from the theme's colours (``$success``...), not as CSS rules: every rule costs the
session screen (the app's first) start-up time and memory, and these are only looked up.
"""

from __future__ import annotations

from rich.style import Style
from textual.app import App
from textual.color import Color

__all__ = ["TONES", "band_style", "text_style"]

LEFT, LEFT_TEXT = "#8e5bd6", "#b48cf2"  # violet: the band, and words on the background
RIGHT, RIGHT_TEXT = "#1ba39c", "#2ec4b6"  # teal

# tone: (the band's background, the band's words, the countdown and words in this tone)
TONES: dict[str, tuple[str, str, str]] = {
    "ready": ("$warning", "#000000", "$warning"),
    "work": ("$success", "#000000", "$success"),
    "rest": ("$primary", "#ffffff", "$primary-lighten-1"),
    "left": (LEFT, "#ffffff", LEFT_TEXT),
    "right": (RIGHT, "#000000", RIGHT_TEXT),
    "switch-left": (LEFT, "#ffffff", LEFT_TEXT),
    "switch-right": (RIGHT, "#000000", RIGHT_TEXT),
    "heat": ("#e8590c", "#000000", "#f76707"),
    "cold": ("#4dabf7", "#000000", "#4dabf7"),
    "alarm": ("$error", "#ffffff", "$error"),
    "paused": ("$panel", "$warning", "$foreground-muted"),
}


_CACHE: dict[tuple[str, str], tuple[Style, Style, Style]] = {}  # (theme, tone) -> styles


def band_style(app: App[object], tone: str) -> Style:
    """Bold words on the tone's band."""
    return _tone(app, tone)[0]


def text_style(app: App[object], tone: str, bold: bool = False) -> Style:
    """Words (or digits) in the tone's colour, on the screen's background."""
    return _tone(app, tone)[1 if bold else 2]


def _tone(app: App[object], tone: str) -> tuple[Style, Style, Style]:
    key = (app.theme, tone)
    styles = _CACHE.get(key)
    if styles is None:
        background, words, colour = (_resolve(app, c) for c in TONES.get(tone, TONES["work"]))
        styles = _CACHE[key] = (
            Style(color=words, bgcolor=background, bold=True),
            Style(color=colour, bold=True),
            Style(color=colour),
        )
    return styles


def _resolve(app: App[object], colour: str) -> str:
    """A colour of the theme ("$success") as the theme has it, over its background."""
    if not colour.startswith("$"):
        return colour
    variables = app.theme_variables
    value = variables.get(colour[1:], "")
    parsed = Color.parse(value) if value else Color(255, 255, 255)
    if parsed.a < 1:  # (a see-through colour: as it shows on the background)
        parsed = Color.parse(variables.get("background", "#000000")) + parsed
    return parsed.hex6
