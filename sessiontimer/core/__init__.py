"""The pure core: timing, planning, validation, storage and insight, with no Textual, Rich or
system import; every clock is injected. One package per domain, in layers (DESIGN.md section 1):
insights > history > session | settings > routines | breaks > tomlfile > base.

Imported by every front end and the command line; imports nothing of sessiontimer outside it.
"""
