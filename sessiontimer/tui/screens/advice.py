"""The look shared by the screens of safety advice: the disclaimer, the red-flag questions and the
emergency advice (in each one's DEFAULT_CSS: parsed when the screen is first shown, not at
start-up)."""

ADVICE_CSS = """
.check {
    padding: 1 2;
}
.check Static {
    margin: 0 0 1 0;  /* a line between paragraphs */
}
.check Bullets Static {
    margin: 0;  /* the points of a list together */
}
.check-title {
    color: $accent;
}
#emergency-title {
    color: $error;
}
"""
