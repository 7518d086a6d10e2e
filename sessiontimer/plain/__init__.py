"""Plain mode (DESIGN.md section 10): a session as lines of text and single keys, for screen
readers, braille displays and plain terminals (``run ROUTINE --plain``, or ``TERM=dumb``).

The same core Session, cues, safety texts and Recorder as the full-screen app, so the history
rows are the same; no full screen, no hidden cursor, no colour that carries meaning, and no escape
sequence at all when ``NO_COLOR`` is set or the output is not a terminal.

run.py (the way into a session and out of it: disclaimer, red flags, left-out steps, the last
cold pack, check-ins, summary) > session.py (the session loop) > asking.py (every question, the
help and the advice, as lines) > words.py (what each event says; pure) and console.py (the lines
out, the keys in, the signals). A front end like tui: it imports core and system, never tui, and
only the command line imports it.
"""
