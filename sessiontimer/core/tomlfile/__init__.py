"""One bounded TOML-file reader with located problems, for routines and config.toml alike.

Imported by routines and settings; imports only base.
"""
