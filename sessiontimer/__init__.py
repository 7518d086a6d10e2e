"""sessiontimer: a terminal guide for sciatica and low-back physical-therapy routines."""

__version__ = "0.1.0"
