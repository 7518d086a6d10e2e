"""The benchmark suite (DESIGN.md section 7): sessiontimer against a bare Textual app, in one run.

Run it with ``python -m benchmarks`` from the repository root (see ``benchmarks/README.md``).
"""
