"""The house keeps its rules (DESIGN.md section 1): a pure core, import rules that import-linter
checks, small modules, screens styled by DEFAULT_CSS, and private names of Textual only in
tui/textual_compat.py (of any other library, nowhere)."""

from __future__ import annotations

import ast
import importlib
import inspect
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "sessiontimer"
CORE = PACKAGE / "core"
COMPAT = PACKAGE / "tui" / "textual_compat.py"
MAX_LINES = 400


def modules_under(folder: Path) -> list[Path]:
    """Every module of a package and of all its subpackages, however deep."""
    return sorted(folder.rglob("*.py"))


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_the_walk_reaches_subpackages() -> None:
    found = {module_name(p) for p in modules_under(PACKAGE)}
    assert "sessiontimer.core.session.plan" in found
    assert "sessiontimer.tui.flows.session" in found


def test_no_textual_or_rich_import_in_core_source() -> None:
    files = modules_under(CORE)
    assert len(files) > 30, "the core package was not found"
    offenders = {
        str(f.relative_to(CORE)): sorted(
            m for m in imported_modules(f) if m.split(".")[0] in ("textual", "rich")
        )
        for f in files
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_importing_the_whole_core_loads_no_textual_rich_or_system() -> None:
    modules = [module_name(f) for f in modules_under(CORE)]
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')"
        " or m.startswith('sessiontimer.system') or m.startswith('sessiontimer.tui')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_every_package_says_what_it_owns() -> None:
    for init in PACKAGE.rglob("__init__.py"):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc and len(doc) > 40, (
            f"{init.relative_to(REPO)} has no docstring saying what it owns"
        )


def test_no_module_is_over_400_lines() -> None:
    long = {
        str(p.relative_to(REPO)): n
        for p in modules_under(PACKAGE)
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


@pytest.mark.skipif(shutil.which("lint-imports") is None, reason="import-linter not installed")
def test_the_import_contracts_hold() -> None:
    """pyproject.toml's import-linter contracts (also run by .ci/run)."""
    result = subprocess.run(
        ["lint-imports", "--config", str(REPO / "pyproject.toml")],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stdout[-3000:]
    assert "0 broken" in result.stdout


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def own_private_names() -> set[str]:
    """Every private name sessiontimer itself defines: functions, classes, attributes set."""
    names: set[str] = set()
    for path in modules_under(PACKAGE):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                names.add(node.name)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                names.add(node.attr)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                names.add(node.target.id)
    return {n for n in names if n.startswith("_") and not n.startswith("__")}


def private_uses(path: Path, own: set[str]) -> list[str]:
    """Private names of other libraries that a module touches: imported, or read as attributes."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            if not node.module.startswith("sessiontimer"):
                if any(_private(part) for part in node.module.split(".")):
                    found.append(f"line {node.lineno}: from {node.module}")
                found += [
                    f"line {node.lineno}: import {a.name} from {node.module}"
                    for a in node.names
                    if _private(a.name)
                ]
        elif isinstance(node, ast.Import):
            found += [
                f"line {node.lineno}: import {a.name}"
                for a in node.names
                if not a.name.startswith("sessiontimer")
                and any(_private(part) for part in a.name.split("."))
            ]
        elif isinstance(node, ast.Attribute):
            name = node.attr
            if _private(name) and name not in own:
                found.append(f"line {node.lineno}: .{name}")
    return found


def test_no_private_name_of_another_library_outside_textual_compat() -> None:
    """os._exit is the one private-looking name of the standard library that is public."""
    own = own_private_names() | {"_exit"}
    offenders = {
        str(path.relative_to(REPO)): uses
        for path in modules_under(PACKAGE)
        if path != COMPAT and (uses := private_uses(path, own))
    }
    assert offenders == {}


def test_no_class_overrides_a_private_method_of_textual_outside_textual_compat() -> None:
    """A private handler or method of Textual defined again in a subclass (such as
    ``_on_screen_resume``) is a private name too."""
    from textual.dom import DOMNode

    offenders = []
    for path in modules_under(PACKAGE / "tui"):
        if path == COMPAT:
            continue
        module = importlib.import_module(module_name(path))
        for value in vars(module).values():
            if not (isinstance(value, type) and issubclass(value, DOMNode)):
                continue
            if value.__module__ != module.__name__:
                continue
            textual_bases = [b for b in value.__mro__ if b.__module__.startswith("textual")]
            for name, member in vars(value).items():
                if not (_private(name) and inspect.isfunction(member)):
                    continue  # (Textual sets private class attributes of its own on subclasses)
                if any(name in vars(base) for base in textual_bases):
                    offenders.append(f"{value.__qualname__}.{name}")
    assert offenders == []


def test_screens_style_themselves_with_default_css_only() -> None:
    """A screen's look is its DEFAULT_CSS, parsed once, the first time the screen is shown. A
    screen's CSS (or CSS_PATH) would make Textual parse every stylesheet of the app again when
    the screen is pushed, and is never loaded for the screen at the bottom of the stack."""
    from textual.screen import Screen

    found = []
    for path in modules_under(PACKAGE / "tui" / "screens"):
        module = importlib.import_module(module_name(path))
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, Screen)
                and value.__module__ == module.__name__
            ):
                found.append(value)
                assert "CSS" not in vars(value) and "CSS_PATH" not in vars(value), value
    assert len(found) >= 15  # every screen module was read


@pytest.mark.parametrize("folder", ["screens", "widgets", "flows"])
def test_no_screen_widget_or_flow_imports_the_app(folder: str) -> None:
    """Screens see the app through tui/context.py, never by importing the App class."""
    for path in modules_under(PACKAGE / "tui" / folder):
        assert "sessiontimer.tui.app" not in imported_modules(path), path
