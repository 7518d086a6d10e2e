"""The core stays pure: no Textual anywhere in sessiontimer/core (DESIGN.md section 1)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

CORE = Path(__file__).resolve().parent.parent / "sessiontimer" / "core"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_textual_import_in_core_source() -> None:
    files = sorted(CORE.rglob("*.py"))
    assert files, "the core package was not found"
    offenders = {
        str(f.relative_to(CORE)): sorted(
            m for m in imported_modules(f) if m.split(".")[0] == "textual"
        )
        for f in files
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_importing_the_core_loads_no_textual() -> None:
    modules = [
        f"sessiontimer.core.{f.stem}" for f in sorted(CORE.glob("*.py")) if f.stem != "__init__"
    ]
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_screens_style_themselves_with_default_css_only() -> None:
    """A screen's look is its DEFAULT_CSS, parsed once, the first time the screen is shown. A
    screen's CSS (or CSS_PATH) would make Textual parse every stylesheet of the app again when
    the screen is pushed, and is never loaded for the screen at the bottom of the stack."""
    import importlib

    from textual.screen import Screen

    screens = Path(__file__).resolve().parent.parent / "sessiontimer" / "tui" / "screens"
    found = []
    for path in sorted(screens.glob("*.py")):
        module = importlib.import_module(f"sessiontimer.tui.screens.{path.stem}")
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, Screen)
                and value.__module__ == module.__name__
            ):
                found.append(value)
                assert "CSS" not in vars(value) and "CSS_PATH" not in vars(value), value
    assert len(found) >= 15  # every screen module was read
