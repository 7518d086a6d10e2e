"""The SQLite history: records, the store, the recorder of a session, the break log, export.

Imported by insights and the front ends; imports session, settings and everything below.
"""
