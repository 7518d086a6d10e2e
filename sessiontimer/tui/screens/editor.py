"""The in-app routine editor (issue 6; ``e`` on home): the routine's TOML in a code editor, its
problems listed as you type (line:column; selecting one puts the cursor there), and the plan beside
it (segments and total time). ctrl+s saves (atomically, with a ``.bak``; a routine that does not
parse only after a confirmation; a built-in routine as the user's own copy), Escape asks before
dropping changes, ctrl+r rehearses the text as it is at 10× speed and comes back here.

Text from the file is shown as plain text everywhere (never parsed as markup)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from sessiontimer.core.base.durations import format_clock, format_total
from sessiontimer.core.base.text import clean_line
from sessiontimer.core.routines.library import Entry
from sessiontimer.core.routines.loader import load_text, read_routine_bytes
from sessiontimer.core.routines.model import Routine
from sessiontimer.core.session.plan import Plan, build_plan
from sessiontimer.core.tomlfile.reader import Problem
from sessiontimer.tui.context import TakesTyping
from sessiontimer.tui.screens.base import TimerScreen

if TYPE_CHECKING:
    from textual.timer import Timer


REHEARSAL_SPEED = 10.0
CHECK_DELAY = 0.3  # seconds after the last key before the text is checked again
_BOM = "\ufeff"


class EditorScreen(TimerScreen, TakesTyping):
    DEFAULT_CSS = """
    EditorScreen #editor-title {
        height: 1;
        padding: 0 1;
        text-style: bold;
        background: $panel;
    }
    EditorScreen #editor-main {
        height: 1fr;
    }
    EditorScreen #editor-text {
        width: 1fr;
        height: 1fr;
    }
    EditorScreen #editor-side {
        width: 30;
        height: 1fr;
        padding: 0 1;
        border-left: tall $panel;
    }
    EditorScreen #editor-problems {
        height: auto;
        max-height: 6;
        border: none;
        padding: 0 1;
    }
    EditorScreen #editor-problems.problems {
        border-top: tall $error;
    }
    EditorScreen #editor-problems.valid {
        border-top: tall $success;
    }
    """

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("ctrl+r", "rehearse", "Rehearse ×10", priority=True),
        Binding("f8", "next_problem", "Next problem", priority=True),
        Binding("escape", "leave", "Back", priority=True),
    ]

    def __init__(self, entry: Entry) -> None:
        super().__init__()
        self.entry = entry
        self.path: Path = entry.path
        self.builtin = entry.source == "built-in"
        self.problems: list[Problem] = []
        self.routine: Routine | None = None
        self.plan: Plan | None = None
        self._bom = False
        self._disk: bytes | None = None  # the file as read or last saved here
        self._saved_text = ""
        self._check_timer: Timer | None = None
        self._next_problem = 0

    # -- building -----------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        text, problem = self._read()
        yield Static("", id="editor-title")
        with Horizontal(id="editor-main"):
            area = TextArea(
                text,
                id="editor-text",
                show_line_numbers=True,
                tab_behavior="focus",
                soft_wrap=True,
            )
            try:
                area.language = "toml"
            except Exception:  # no tree-sitter TOML: the editor works, without colours
                area.language = None
            area.read_only = problem is not None
            yield area
            with VerticalScroll(id="editor-side"):
                yield Static("", id="editor-plan")
        yield OptionList(id="editor-problems")
        yield Footer()
        if problem is not None:
            self.notify(problem, title="Cannot edit here", severity="error", markup=False)

    def _read(self) -> tuple[str, str | None]:
        """The file's text, or "" and why it cannot be edited here (the file is left alone)."""
        try:
            data = read_routine_bytes(self.path)
        except OSError as error:
            return "", f"cannot read {self.path}: {error.strerror or error}"
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            return "", f"{self.path} is not UTF-8 text; open it in your text editor"
        self._disk = data
        self._bom = text.startswith(_BOM)
        if self._bom:
            text = text[1:]
        self._saved_text = text
        return text, None

    def on_mount(self) -> None:
        self.check()
        self.query_one("#editor-text", TextArea).focus()

    @property
    def area(self) -> TextArea:
        return self.query_one("#editor-text", TextArea)

    @property
    def modified(self) -> bool:
        return self.area.text != self._saved_text

    def _show_title(self) -> None:
        where = f"built-in; ctrl+s saves your own copy in {self.ctx.user_dir}"
        if not self.builtin:
            where = str(self.path)
        title = Text(clean_line(self.entry.id))
        if self.modified:
            title.append(" ● modified", style="bold yellow")
        title.append(f" — {where}")
        self.query_one("#editor-title", Static).update(title)

    # -- checking as you type -----------------------------------------------------------------------
    def on_text_area_changed(self, _event: TextArea.Changed) -> None:
        self._show_title()
        if self._check_timer is not None:
            self._check_timer.stop()
        self._check_timer = self.set_timer(CHECK_DELAY, self.check)

    def check(self) -> None:
        """Check the text now: the problem list and the plan follow."""
        self._check_timer = None
        result = load_text(
            self.area.text, str(self.path), routine_id=self.entry.id, source_path=self.path
        )
        if isinstance(result, Routine):
            self.problems, self.routine = [], result
            self.plan = build_plan(result)
        else:
            self.problems, self.routine = result, None
        self._next_problem = 0
        self._show_problems()
        self._show_plan()
        self._show_title()

    def _show_problems(self) -> None:
        listing = self.query_one("#editor-problems", OptionList)
        listing.clear_options()
        listing.set_class(bool(self.problems), "problems")
        listing.set_class(not self.problems, "valid")
        if not self.problems:
            listing.add_option(Option(Text("No problems: the routine is valid."), disabled=True))
            return
        for index, problem in enumerate(self.problems):
            prompt = Text(f"{problem.line}:{problem.col}", style="bold")
            prompt.append(f"  {problem.message}")
            listing.add_option(Option(prompt, id=f"problem-{index}"))

    def _show_plan(self) -> None:
        plan = self.plan
        lines = Text()
        if plan is None:
            lines.append("The plan shows once the routine is valid.", style="dim")
        else:
            if self.routine is None:
                lines.append("As last valid (fix the problems to update it).\n\n", style="dim")
            lines.append(f"{len(plan)} segments\n", style="bold")
            lines.append(f"Total {format_total(plan.total_seconds)}", style="bold")
            if plan.self_paced:
                lines.append(f"\n+ {plan.self_paced} self-paced set(s)")
            lines.append("\n")
            per_step: dict[int, int] = {}
            for segment in plan.segments:
                per_step[segment.step] = per_step.get(segment.step, 0) + (segment.seconds or 0)
            for index, step in enumerate(plan.routine.steps):
                name = clean_line(step.name)
                clock = format_clock(per_step.get(index, 0))
                lines.append(f"\n{index + 1}. {name} ", style="")
                lines.append(clock, style="dim")
        self.query_one("#editor-plan", Static).update(lines)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id or ""
        if option_id.startswith("problem-"):
            self.go_to(self.problems[int(option_id.removeprefix("problem-"))])

    def go_to(self, problem: Problem) -> None:
        """The cursor to the problem's line and column, in the editor."""
        area = self.area
        area.cursor_location = (max(0, problem.line - 1), max(0, problem.col - 1))
        area.scroll_cursor_visible(center=True)
        area.focus()

    def action_next_problem(self) -> None:
        if self._check_timer is not None:
            self.check()
        if not self.problems:
            self.notify("No problems: the routine is valid.", markup=False)
            return
        problem = self.problems[self._next_problem % len(self.problems)]
        self._next_problem += 1
        self.query_one("#editor-problems", OptionList).highlighted = self.problems.index(problem)
        self.go_to(problem)

    # -- saving -------------------------------------------------------------------------------------
    def action_save(self) -> None:
        if self.area.read_only:
            return
        if self.builtin and not self.modified:  # no copy that would only hide the built-in
            self.notify("No changes to save: the built-in routine stays as it is.", markup=False)
            return
        if self._check_timer is not None:
            self.check()
        if not self.problems:
            self._save_checked()
            return
        # the problem where the cursor is (most likely the one just typed), not only the first
        here = self.area.cursor_location[0] + 1
        shown = min(self.problems, key=lambda problem: (abs(problem.line - here), problem.line))
        more = len(self.problems) - 1
        others = f" (and {more} more)" if more else ""
        question = (
            f"The routine has a problem at line {shown.line}: {shown.message}{others}. Save it "
            "anyway? It shows as broken until it is fixed."
        )
        self._ask(question, self._save_checked)

    def _save_checked(self) -> None:
        """Saved as a new file (the copy of a built-in), or over the file, if no one else wrote to
        it since it was opened; else only after a confirmation (their version goes to .bak)."""
        if self.builtin:
            self._write()
            return
        try:
            now: bytes | None = read_routine_bytes(self.path)
        except FileNotFoundError:
            now = None
        except OSError:
            now = self._disk
        if now != self._disk:
            question = (
                f"{self.path} was changed by another program since you opened it. Save your "
                "version over it? Theirs is kept in a file of its own beside it."
            )
            self._ask(question, lambda: self._write(theirs=now))
            return
        self._write()

    def _write(self, theirs: bytes | None = None) -> None:
        from sessiontimer.core.base.files import create_exclusively, keep_aside, write_atomically
        from sessiontimer.core.routines.authoring import ensure_schema, valid_routine

        app = self.ctx
        text = self.area.text
        data = ((_BOM if self._bom else "") + text).encode("utf-8")
        target = app.user_dir / self.path.name if self.builtin else self.path
        try:
            if theirs is not None:  # the other program's version, never lost to a later save
                kept = keep_aside(target, theirs, "theirs", _stamp(app.clock.epoch()))
                self.notify(f"Their version is kept as {kept.name}", markup=False)
            if self.builtin:
                create_exclusively(target, data)
                ensure_schema(app.user_dir, app.schema_path())
            else:  # saving a broken text again keeps the last good version as the .bak
                write_atomically(target, data, keep_good=valid_routine(target))
        except FileExistsError:
            self.notify(
                f"{target} exists already (your own copy); open that one to change it",
                title="Not saved",
                severity="error",
                markup=False,
            )
            return
        except OSError as error:
            self.notify(
                f"{target}: {error.strerror or error}; your text is still here",
                title="Not saved",
                severity="error",
                markup=False,
            )
            return
        if self.builtin:
            self.builtin = False
            self.path = target
        self._disk = data
        self._saved_text = text
        self._show_title()
        self.notify(f"Saved {target}", markup=False)
        app.routines_changed()

    # -- leaving and rehearsing ---------------------------------------------------------------------
    def action_leave(self) -> None:
        if not self.modified:
            self.dismiss(None)
            return
        self._ask(
            "Leave the editor without saving? Your changes are lost (ctrl+s saves them).",
            lambda: self.dismiss(None),
        )

    def action_rehearse(self) -> None:
        if self._check_timer is not None:
            self.check()
        if self.routine is None or self.plan is None:
            self.notify(
                "Fix the problems first: only a valid routine can be rehearsed.",
                severity="error",
                markup=False,
            )
            return
        self.ctx.start_session(self.plan, speed=REHEARSAL_SPEED, checks=False)

    def _ask(self, question: str, then: Callable[[], object]) -> None:
        from sessiontimer.tui.screens.confirm import ConfirmScreen

        def answered(answer: str | None) -> None:
            if answer == "yes":
                then()

        self.app.push_screen(ConfirmScreen(question), answered)


def _stamp(epoch: float) -> str:
    """A file-name-safe local date and time: 2026-12-07T23-50-01."""
    from datetime import datetime

    return datetime.fromtimestamp(epoch).strftime("%Y-%m-%dT%H-%M-%S")
