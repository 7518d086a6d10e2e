"""Value types, clocks, durations, atomic files and text cleaning: what every domain stands on.

May be imported by every part of the core and above; imports nothing of sessiontimer.
"""
