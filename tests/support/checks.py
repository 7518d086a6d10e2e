"""The config of a person who has answered today's questions (DESIGN.md section 2): a session at
real speed with --no-checks then opens straight away."""

from __future__ import annotations

from datetime import date


def answered_today(today: date | None = None) -> str:
    """config.toml with the disclaimer read and today's red flags answered (and home not asking
    about the everyday activities: ``psfs = "off"``, as in tests/conftest.py)."""
    day = (today or date.today()).isoformat()
    return f'psfs = "off"\n[seen]\ndisclaimer = {day}\nred_flags = {day}\n'
