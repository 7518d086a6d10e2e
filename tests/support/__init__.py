"""What the tests share: fixtures live in tests/conftest.py, everything else here (no test module
imports another).

- session.py: run a routine to its end pressing only Space, the toasts on screen (also copied next
  to an installed wheel by tests/test_packaging.py: it imports nothing from ``tests``)
- wait.py: waiting for a condition with a deadline (in real time, or letting a Pilot app run), and
  for the command palette's search
- routines.py: the example of DESIGN.md section 3, and Hypothesis strategies for valid routines
- bad_routines.py: the table of bad routine files and the problems each must give
- editor.py: a routine of the user's, an app over a home folder, selecting a routine on home
- history.py: a month and a half of made-up history, written the way the app writes it
- sound.py: a speaker that only remembers what it was asked to say
- snapshots.py: the pinned theme and the apps of the SVG snapshots
- pty.py: the real program in a pseudo-terminal
- fake_editor.py: a stand-in for $VISUAL (run as a program)
"""
