"""The machine around the app: paths (platformdirs, SESSIONTIMER_HOME), the sound and speech
programs, desktop notifications and the screen lock.

Imported by the front ends and the command line; imports only core. Nothing in core imports it.
"""
