"""config.toml: the settings model, reading it, and writing it with the user's comments kept.

Imported by history, insights and the front ends; imports breaks, tomlfile, base.
"""
