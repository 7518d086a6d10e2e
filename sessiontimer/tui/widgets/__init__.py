"""The app's own widgets: the phase band, the big countdown (and its block font), the key bar,
the progress bar and the history heat map.

Imported by the screens; imports context, textual_compat and the core, never a screen or the app.
"""
