"""Home: the routines (name, total time, steps, done today of the prescription), broken ones with
their first problem, and a few lines from the history (programme week, advice, last session).

The history is read in a worker thread after the screen is up, so opening the store never delays
the start."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static
from textual.worker import get_current_worker

from sessiontimer.core.base.durations import format_clock
from sessiontimer.core.base.files import Signature, folder_signature
from sessiontimer.core.breaks.events import BreakView, Phase
from sessiontimer.core.routines.library import Entry
from sessiontimer.core.routines.prescription import prescription
from sessiontimer.core.session.plan import build_plan
from sessiontimer.tui.break_text import home_today, panel_line
from sessiontimer.tui.context import ShowsBreakCountdown
from sessiontimer.tui.screens.base import TimerScreen
from sessiontimer.tui.screens.commands import RoutineCommands
from sessiontimer.tui.widgets.keybar import KeyBar
from sessiontimer.tui.widgets.routine_table import RoutineTable

if TYPE_CHECKING:
    from textual.timer import Timer

    from sessiontimer.core.history.records import SessionRecord
    from sessiontimer.core.insights.overview import HomeFacts


class HomeScreen(TimerScreen, ShowsBreakCountdown):
    DEFAULT_CSS = """
    HomeScreen > Static {
        padding: 0 1;
    }
    #home-title {
        text-style: bold;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    #routines {
        height: 1fr;
        min-height: 4;
    }
    HomeScreen.-short #home-problem, HomeScreen.-short #home-history { display: none; }
    #home-alert {
        color: $error;
        text-style: bold;
    }
    #home-left-out {
        color: $warning;
    }
    #home-problem {
        max-height: 6;
    }
    #home-history {
        max-height: 5;
    }
    #home-breaks {
        height: 1;
        background: $boost;
    }
    """
    BINDINGS = [
        Binding("enter", "start", "Start", priority=True),
        Binding("e", "edit", "Edit"),
        Binding("p", "progress", "Progress"),
        Binding("h", "history", "History"),
        Binding("b", "breaks", "Breaks"),
        Binding("c", "put_back", "Put back"),
        Binding("q", "app.quit", "Quit"),
        Binding("space", "breaks_timer('pause')", "Pause breaks"),
        Binding("space", "breaks_timer('resume')", "Resume breaks"),
    ]
    WATCH_SECONDS = 2.0  # how often the routine files are looked at while home is shown
    COMMANDS = {RoutineCommands}

    def __init__(self) -> None:
        super().__init__()
        self._files: Signature | None = None  # the user's routine files when last read
        self._watch: Timer | None = None
        self.entries: list[Entry] = []
        self.facts: HomeFacts | None = None
        self._history_read = False  # (facts stay None when there is no history to read)
        self._breaks_shown = ""
        self._paused_shown: bool | None = None
        self._ready = False  # composed: there is something to show the break timer in
        self._psfs_asked = False  # the everyday activities asked about from this home

    def compose(self) -> ComposeResult:
        # (no Header and no Footer: a line of our own and a KeyBar, fewer widgets for start-up)
        yield Static("", id="home-alert")
        yield Static("Routines — Enter starts the highlighted one", id="home-title")
        yield RoutineTable(id="routines")
        yield Static("", id="home-left-out")
        yield Static("", id="home-problem")
        yield Static("", id="home-history")
        yield Static("", id="home-breaks")
        yield KeyBar()

    def on_mount(self) -> None:
        self._ready = True
        self.reload()
        self.ctx.breaks.refresh()
        self.call_after_refresh(self._read_today)  # (a thread before the first frame slows it)

    def _read_today(self) -> None:
        self.run_worker(self._read_history, thread=True, exclusive=True, group="home-history")
        self.ctx.breaks.read_today()

    def on_resize(self) -> None:  # a short terminal: the routines first (a class only then)
        self.set_class(self.size.height < 16, "-short")

    def on_screen_resume(self) -> None:
        self.ctx.breaks.refresh()
        self._ask_psfs()

    def _ask_psfs(self) -> None:
        """About once a week, on home (never in a routine): the everyday activities, when the
        history says it is time and config.toml has psfs = "weekly" (DESIGN.md section 11)."""
        due = self.facts.psfs_due if self.facts else None
        if due is None or self._psfs_asked or not self.is_active:
            return
        if self.ctx.config.psfs != "weekly":
            return
        from sessiontimer.tui.screens.psfs import ask_psfs

        self._psfs_asked = True
        ask_psfs(self)

    def show_breaks(self, view: BreakView) -> None:
        """The break timer's line: the countdown, and today's breaks against the standing goal."""
        if not self._ready:
            return
        text = Text(panel_line(view), style="bold" if view.phase is Phase.DUE else "")
        text.append(f" · {home_today(self.ctx.breaks.today)}", style="dim")
        if self._breaks_shown != text.plain:
            self._breaks_shown = text.plain
            self.query_one("#home-breaks", Static).update(text)
        if self._paused_shown != view.paused:
            self._paused_shown = view.paused
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "put_back":
            return bool(self._left_out_names())
        if action != "breaks_timer":
            return True
        timer = self.ctx.breaks.timer
        if parameters == ("pause",):
            return not timer.paused and timer.phase is not Phase.OFF
        return timer.paused

    def action_breaks_timer(self, name: str) -> None:
        """Space: pause or resume the break timer."""
        self.ctx.breaks.action(name)

    def action_breaks(self) -> None:
        self.ctx.show_breaks()

    def _read_history(self) -> None:
        """In a worker thread: open the store (the first time) and read today's counts."""
        from sessiontimer.core.insights.overview import home_facts

        app = self.ctx
        facts, problem = app.read_history(lambda store: home_facts(store, app.today()))
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show_history_facts, facts, problem)

    def show_history_facts(self, facts: HomeFacts | None, problem: str | None) -> None:
        """Fill in the Today column and the lines under the table."""
        self.facts = facts
        self._history_read = True
        app = self.ctx
        app.announce_history()
        table = self.query_one("#routines", RoutineTable)
        last = facts.last if facts is not None else None
        if last is not None and app.last_routine is None and table.cursor_row <= 0:
            self._highlight(last.routine)  # at start-up: the routine of the last session
        for entry in self.entries:
            if entry.routine is not None:
                table.update_cell(entry.id, "today", self._today_cell(entry))
        self._show_alert()
        self._show_left_out()
        lines: list[Text] = []
        if facts is None:
            if problem:
                lines.append(Text(problem, style="dim"))
        else:
            if facts.week is not None:
                week = facts.week
                lines.append(
                    Text(f"Week {week.week} of your programme · {week.label}: {week.text}")
                )
            for advice in facts.advice:
                lines.append(Text(advice.text, style="bold"))
            if facts.last is not None:
                lines.append(Text(f"Last session: {last_session(facts.last)}", style="dim"))
        self.query_one("#home-history", Static).update(Text("\n").join(lines))
        self._ask_psfs()

    # -- routine files changed on disk (issue 6) ----------------------------------------------------
    @on(events.ScreenResume)
    def _watch_files(self) -> None:
        """Look at the files every few seconds while home is shown (and at once on coming back)."""
        if self._watch is None:
            self._watch = self.set_interval(self.WATCH_SECONDS, self.check_files)
        else:
            self._watch.resume()
        self.check_files()

    @on(events.ScreenSuspend)
    def _stop_watching_files(self) -> None:
        if self._watch is not None:
            self._watch.pause()  # no work at all while a session runs

    def check_files(self) -> None:
        """Read the routines again when a file in the user's folder was added, removed or
        written (by the app or another program); a file that became broken shows as broken."""
        if self._files is None:
            return  # not shown yet
        if folder_signature(self.ctx.user_dir) != self._files:
            self.reload()

    def reload(self) -> None:
        table = self.query_one("#routines", RoutineTable)
        current = self.highlighted()
        wanted = current.id if current is not None else self.ctx.last_routine
        self._files = folder_signature(self.ctx.user_dir)
        self.entries = self.ctx.routines()
        table.clear(columns=True)
        table.add_column("Routine")
        table.add_column("Time")
        table.add_column("Steps")
        table.add_column("Today", key="today", width=self._today_width())
        table.add_column("Source")
        for entry in self.entries:
            routine = entry.routine
            if routine is None:
                table.add_row(
                    Text(entry.name),
                    Text("—", justify="right"),
                    Text("—", justify="right"),
                    Text("—", justify="right"),
                    Text(f"{entry.source}, has errors", style="bold red"),
                    key=entry.id,
                )
                continue
            total = build_plan(routine).total_seconds
            table.add_row(
                Text(routine.name),
                Text(format_clock(total), justify="right"),
                Text(str(len(routine.steps)), justify="right"),
                self._today_cell(entry),
                Text(entry.source),
                key=entry.id,
            )
        self._highlight(wanted)
        table.focus()

    def _highlight(self, routine_id: str | None) -> None:
        """Put the highlight on this routine (when it is listed)."""
        rows = [i for i, e in enumerate(self.entries) if e.id == routine_id]
        if rows:
            self.query_one("#routines", RoutineTable).move_cursor(row=rows[0])

    def _today_width(self) -> int:
        """Set once: filling the column in once the history is read moves nothing (no flicker)."""
        wanted = [prescription(e.routine) for e in self.entries if e.routine is not None]
        texts = [w.today(9) for w in wanted] + [w.per_day() for w in wanted]
        return max([len("Today"), *(len(text) for text in texts)])

    def _today_cell(self, entry: Entry) -> Text:
        """Done today against the prescription: "1 of 2", or "1, up to 3" for a maximum (a pack);
        blank until the history is read (no figure that changes), "2 a day" without a history."""
        assert entry.routine is not None
        wanted = prescription(entry.routine)
        if self.facts is None:
            return Text(wanted.per_day() if self._history_read else "", justify="right")
        done = self.facts.done_today.get(entry.id, 0)
        style = "bold green" if not wanted.maximum and wanted.met(done) else ""
        return Text(wanted.today(done), justify="right", style=style)

    def action_history(self) -> None:
        self.ctx.show_history()

    def action_edit(self) -> None:
        entry = self.highlighted()
        if entry is not None:
            self.ctx.edit_routine(entry)

    def action_progress(self) -> None:
        entry = self.highlighted()
        if entry is not None:
            self.ctx.progress_routine(entry)

    def highlighted(self) -> Entry | None:
        table = self.query_one("#routines", RoutineTable)
        if not self.entries or table.cursor_row < 0:
            return None
        return self.entries[min(table.cursor_row, len(self.entries) - 1)]

    def _show_alert(self) -> None:
        """A red-flag "yes" today: said at the top for the rest of the day."""
        from sessiontimer.core.session.safety import red_flag_today_text

        alert = self.query_one("#home-alert", Static)
        yes = self.facts.red_flag_yes if self.facts else None
        alert.update(Text(red_flag_today_text(yes.strftime("%H:%M"))) if yes else "")
        alert.display = yes is not None

    def _left_out_names(self) -> list[str]:
        entry = self.highlighted()
        if entry is None or self.facts is None:
            return []
        return [step.step_name for step in self.facts.left_out.get(entry.id, [])]

    def _show_left_out(self) -> None:
        """The highlighted routine's steps left out after a safety stop, and the key back."""
        from sessiontimer.core.session.safety import left_out_home_text

        names = self._left_out_names()
        shown = self.query_one("#home-left-out", Static)
        shown.update(Text(left_out_home_text(names)) if names else "")
        shown.display = bool(names)
        self.refresh_bindings()

    def action_put_back(self) -> None:
        """c: a clinician has seen the steps left out; each is put back after a yes."""
        entry = self.highlighted()
        names = self._left_out_names()
        if entry is not None and names:
            from sessiontimer.tui.screens.put_back import put_back

            self.run_worker(
                put_back(self, entry.id, names, then=self._read_history),
                group="put-back",
                exclusive=True,
            )

    def on_routine_table_row_highlighted(self, _event: RoutineTable.RowHighlighted) -> None:
        self._show_left_out()
        entry = self.highlighted()
        problem = self.query_one("#home-problem", Static)
        if entry is not None and not entry.valid:
            problem.update(Text("\n".join(str(p) for p in entry.problems[:5]), style="red"))
        else:
            problem.update(Text(entry.routine.description if entry and entry.routine else ""))

    def on_routine_table_row_selected(self, _event: RoutineTable.RowSelected) -> None:
        self.action_start()

    def action_start(self) -> None:
        entry = self.highlighted()
        if entry is None:
            return
        if entry.routine is None:
            self.notify(
                f"{entry.id} has problems; fix them first ({len(entry.problems)} found)",
                severity="error",
                markup=False,
            )
            return
        self.ctx.start_session(build_plan(entry.routine))


def last_session(record: SessionRecord) -> str:
    """ "Morning mobility, 21 Nov 08:10, completed, pain 5 → 3"."""
    from sessiontimer.core.history.records import STATUS_LABELS

    parts = [
        record.routine_name,
        record.started_at.strftime("%-d %b %H:%M"),
        STATUS_LABELS.get(record.status, record.status),
    ]
    if record.rehearsal:
        parts.append("rehearsal")
    if record.pain_before is not None or record.pain_after is not None:
        before = "–" if record.pain_before is None else record.pain_before
        after = "–" if record.pain_after is None else record.pain_after
        parts.append(f"pain {before} → {after}")
    return ", ".join(parts)
