"""What the history says: trends, adherence, advice, the progression's gates and preview, and what
home and the history screen show.

Imported by the front ends only; imports history and everything below.
"""
