"""The full-screen app (Textual): it renders what the core says and computes no time itself.

app.py (lifecycle, theme, navigation) > flows/ (the way into a session, the break timer,
changing routines, the history store) and terminal.py (window title, signals) > screens/ >
widgets/ > context.py (what screens may ask of the app) and textual_compat.py (every private
name of Textual). Imported by the command line only.
"""
