"""Routines: the Routine/Step model, the checker and writer, the library (built-in and user),
authoring (new, edit) and progression.

Imported by session, settings and above; imports tomlfile and base.
"""
