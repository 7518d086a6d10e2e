"""The README's two set-up commands are part of the product: CI runs exactly the test command."""

from __future__ import annotations

import re

from tests.conftest import REPO


def commands() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    setup = text.split("## Set-up", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", setup)


def test_two_setup_commands() -> None:
    run_app, run_tests = commands()
    assert run_app.endswith("pip install . && sessiontimer")  # a plain, non-editable install
    assert run_tests.endswith("pytest")


def test_ci_runs_the_readme_test_command() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert ci[-1] == commands()[1]
