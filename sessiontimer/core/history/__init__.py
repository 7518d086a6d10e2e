"""The SQLite history: records and rows, the schema, opening the file, the store, the recorder of a
session, the break log, export.

Imported by insights and the front ends; imports session, settings and everything below.
"""
