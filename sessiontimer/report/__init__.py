"""The clinician report (DESIGN.md section 9): one self-contained HTML file to bring to the
physiotherapist or print, built from what ``core.insights.report`` gathers. Charts are inline SVG
from pygal, which only this package imports; the page loads nothing from anywhere.

A front end like the full-screen app: ``cli`` uses it (``sessiontimer report``), it uses the core
and the system below it, and nothing else imports it.
"""
