"""One module per screen, each with its look in DEFAULT_CSS, and the home screen's command palette.

Imported by tui/app.py and tui/flows; imports widgets, context, textual_compat and the core. A
screen never imports the App class: it asks through tui/context.py, actions or messages.
"""
