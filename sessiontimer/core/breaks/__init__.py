"""The sit/stand break timer and its settings (wall clock).

Imported by settings, history and above; imports tomlfile and base.
"""
