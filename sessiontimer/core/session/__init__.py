"""A session: the plan (DESIGN.md section 3), the state machine over a clock, its events, cues,
safety texts and what became of each step.

Imported by history and above; imports routines, breaks, tomlfile and base.
"""
