"""Editing routines in the app (issue 6): the editor (problems with line:col, the cursor moved to
one, the plan, ctrl+s, Escape asks, rehearsal at 10x) and home picking up routine files changed by
another program. Progression from home and the palette: test_progress.py."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from textual.widgets import OptionList, Static, TextArea

from sessiontimer.core.base.clock import FakeClock
from sessiontimer.tui.app import SessionTimerApp
from sessiontimer.tui.screens.confirm import ConfirmScreen
from sessiontimer.tui.screens.editor import EditorScreen
from sessiontimer.tui.screens.home import HomeScreen
from sessiontimer.tui.screens.session import SessionScreen
from sessiontimer.tui.widgets.keybar import KeyBar
from tests.conftest import REPO
from tests.support.editor import MINE, app_for, select
from tests.support.wait import pause_until


def problems_shown(screen: EditorScreen) -> list[str]:
    listing = screen.query_one("#editor-problems", OptionList)
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


async def open_editor(pilot, app: SessionTimerApp, routine_id: str) -> EditorScreen:  # type: ignore[no-untyped-def]
    await pilot.pause()
    assert isinstance(app.screen, HomeScreen)
    select(app.screen, routine_id)
    await pilot.press("e")
    await pilot.pause()
    assert isinstance(app.screen, EditorScreen)
    return app.screen


async def test_editor_lists_problems_and_moves_the_cursor_to_one(home: Path) -> None:
    path = home / "routines" / "mine.toml"
    path.write_text(MINE, encoding="utf-8")
    app = app_for(home)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_editor(pilot, app, "mine")
        assert problems_shown(editor) == ["No problems: the routine is valid."]
        plan = str(editor.query_one("#editor-plan", Static).render())
        # get ready 5, then per side 3 holds of 30 with 2 rests of 5; a switch of 5 between
        assert "12 segments" in plan and "Total 3 min 30 s" in plan
        area = editor.query_one(TextArea)
        assert area.has_focus
        area.cursor_location = (5, 0)  # line 6: hold = "30s"
        await pilot.press("delete", "delete", "delete", "delete")  # "hold" goes
        await pilot.press(*"hodl")
        wanted = ['6:1  unknown key "hodl" in step 1 ("Knee to chest"); did you mean "hold"?']
        # checked again once typing stops for CHECK_DELAY
        await pause_until(
            pilot, lambda: problems_shown(editor) == wanted, shows=lambda: problems_shown(editor)
        )
        assert editor.modified
        assert "modified" in str(editor.query_one("#editor-title", Static).render())
        # select a problem: the cursor goes to its line and column, in the editor
        area.cursor_location = (0, 0)
        listing = editor.query_one("#editor-problems", OptionList)
        listing.focus()
        listing.highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        assert area.has_focus
        assert area.cursor_location == (5, 0)
        assert path.read_text(encoding="utf-8") == MINE  # nothing saved yet


async def test_ctrl_s_asks_before_saving_a_broken_routine_then_saves_with_a_backup(
    home: Path,
) -> None:
    path = home / "routines" / "mine.toml"
    path.write_text(MINE, encoding="utf-8")
    app = app_for(home)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_editor(pilot, app, "mine")
        area = editor.query_one(TextArea)
        area.cursor_location = (5, 0)
        await pilot.press("delete", *"x")  # xold = "30s"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen.question.startswith(
            'The routine has a problem at line 6: unknown key "xold"'
        )
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is editor
        assert path.read_text(encoding="utf-8") == MINE
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert path.read_text(encoding="utf-8") == MINE.replace("hold =", "xold =")
        assert (home / "routines" / "mine.toml.bak").read_text(encoding="utf-8") == MINE
        assert not editor.modified
        # a valid text saves at once
        area.cursor_location = (5, 0)
        await pilot.press("delete", *"h")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is editor
        assert path.read_text(encoding="utf-8") == MINE
        await pilot.press("escape")  # nothing unsaved: home at once
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_escape_with_unsaved_changes_asks_first(home: Path) -> None:
    path = home / "routines" / "mine.toml"
    path.write_text(MINE, encoding="utf-8")
    app = app_for(home)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_editor(pilot, app, "mine")
        await pilot.press(*"# note", "enter")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "without saving" in app.screen.question
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is editor
        assert editor.query_one(TextArea).text.startswith("# note\n")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert path.read_text(encoding="utf-8") == MINE


async def test_saving_a_built_in_writes_the_users_copy(home: Path) -> None:
    builtin = REPO / "routines" / "desk-break.toml"
    before = builtin.read_bytes()
    app = app_for(home)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_editor(pilot, app, "desk-break")
        assert "built-in" in str(editor.query_one("#editor-title", Static).render())
        await pilot.press(*"# mine", "enter", "ctrl+s")
        await pilot.pause()
        copy = home / "routines" / "desk-break.toml"
        assert copy.read_bytes() == b"# mine\n" + before
        assert builtin.read_bytes() == before
        assert str(copy) in str(editor.query_one("#editor-title", Static).render())
        await pilot.press(*"# again", "enter", "ctrl+s")  # now the copy itself, with a .bak
        await pilot.pause()
        assert copy.read_bytes() == b"# mine\n# again\n" + before
        assert (home / "routines" / "desk-break.toml.bak").read_bytes() == b"# mine\n" + before
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        entry = next(e for e in app.screen.entries if e.id == "desk-break")
        assert entry.source == "user"


async def test_another_programs_change_is_not_overwritten_without_asking(home: Path) -> None:
    path = home / "routines" / "mine.toml"
    path.write_text(MINE, encoding="utf-8")
    app = app_for(home)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_editor(pilot, app, "mine")
        path.write_text(MINE + "# theirs\n", encoding="utf-8")
        await pilot.press(*"# mine", "enter", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "changed by another program" in app.screen.question
        await pilot.press("y")
        await pilot.pause()
        assert app.screen is editor
        assert path.read_text(encoding="utf-8") == "# mine\n" + MINE
        # theirs is kept in a dated file of its own, which a later save never overwrites
        [kept] = (home / "routines").glob("mine.toml.theirs-*")
        assert kept.read_text(encoding="utf-8") == MINE + "# theirs\n"
        assert kept.name == "mine.toml.theirs-" + datetime.fromtimestamp(
            app.clock.epoch()
        ).strftime("%Y-%m-%dT%H-%M-%S")
        await pilot.press(*"# more", "enter", "ctrl+s")
        await pilot.pause()
        assert kept.read_text(encoding="utf-8") == MINE + "# theirs\n"
        assert [p.name for p in (home / "routines").glob("mine.toml.theirs-*")] == [kept.name]


async def test_rehearse_plays_the_edited_text_at_10x_and_comes_back(home: Path) -> None:
    path = home / "routines" / "mine.toml"
    path.write_text(MINE, encoding="utf-8")
    app = app_for(home)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_editor(pilot, app, "mine")
        area = editor.query_one(TextArea)
        area.cursor_location = (6, 7)  # reps = 3 -> reps = 1
        await pilot.press("delete", "1")
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert app.screen.speed == 10
        assert app.screen.plan.total_seconds == 5 + 30 + 5 + 30  # the text as edited, unsaved
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        for _ in range(5):  # the summary (if any) leads back to the editor, not home
            if app.screen is editor:
                break
            await pilot.press("enter")
            await pilot.pause()
        assert app.screen is editor
        assert editor.modified and "reps = 1" in area.text
        assert path.read_text(encoding="utf-8") == MINE
        assert not app.break_timer.held  # the rehearsal is over: breaks are called again


async def test_rehearse_refuses_a_broken_text(home: Path) -> None:
    (home / "routines" / "mine.toml").write_text(MINE, encoding="utf-8")
    app = app_for(home)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        editor = await open_editor(pilot, app, "mine")
        await pilot.press(*"oops", "ctrl+r")
        await pilot.pause()
        assert app.screen is editor
        shown = " ".join(str(t.render()) for t in app.screen.query("Toast"))
        assert "Fix the problems first" in shown


async def test_f8_goes_from_problem_to_problem(home: Path) -> None:
    (home / "routines" / "mine.toml").write_text(
        MINE.replace("hold =", "hodl =").replace('name = "Mine"', "name = 3"), encoding="utf-8"
    )
    app = app_for(home)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_editor(pilot, app, "mine")
        assert [(p.line, p.col) for p in editor.problems] == [(2, 1), (6, 1)]
        area = editor.query_one(TextArea)
        await pilot.press("f8")
        assert area.cursor_location == (1, 0)
        await pilot.press("f8")
        assert area.cursor_location == (5, 0)
        await pilot.press("f8")
        assert area.cursor_location == (1, 0)


# -- review fixes ----------------------------------------------------------------------------------
async def test_saving_a_broken_text_twice_keeps_the_last_good_backup(home: Path) -> None:
    path = home / "routines" / "mine.toml"
    path.write_text(MINE, encoding="utf-8")
    app = app_for(home)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_editor(pilot, app, "mine")
        area = editor.query_one(TextArea)
        area.cursor_location = (5, 0)
        await pilot.press("delete", *"x")  # broken
        for _ in range(2):
            await pilot.press("ctrl+s")
            await pilot.pause()
            await pilot.press("y")  # save anyway
            await pilot.pause()
            area.cursor_location = (0, 0)
            await pilot.press(*"#")  # another broken version
        assert (home / "routines" / "mine.toml.bak").read_text(encoding="utf-8") == MINE


async def test_ctrl_q_with_unsaved_text_asks_first(home: Path) -> None:
    path = home / "routines" / "mine.toml"
    path.write_text(MINE, encoding="utf-8")
    app = app_for(home)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_editor(pilot, app, "mine")
        await pilot.press(*"# note")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "unsaved changes" in app.screen.question
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is editor and app.is_running
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert not app.is_running


async def test_a_break_called_while_typing_does_not_take_the_keys(home: Path) -> None:
    path = home / "routines" / "mine.toml"
    path.write_text(MINE, encoding="utf-8")
    app = app_for(home)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_editor(pilot, app, "mine")
        assert isinstance(app.clock, FakeClock)
        app.clock.advance(25 * 60)
        app.breaks.tick()
        await pilot.pause()
        assert app.screen is editor  # a toast and the bell, no break screen
        area = editor.query_one(TextArea)
        area.cursor_location = (0, 0)
        await pilot.press(*"xs ")
        assert area.text.startswith("xs ")


async def test_the_save_question_quotes_the_problem_just_typed(home: Path) -> None:
    path = home / "routines" / "mine.toml"
    path.write_text(MINE.replace("sides =", "sidez ="), encoding="utf-8")  # line 8, already
    app = app_for(home)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_editor(pilot, app, "mine")
        area = editor.query_one(TextArea)
        area.cursor_location = (5, 0)
        await pilot.press("delete", *"x")  # line 6: xold = "30s", typed now
        await pilot.press("ctrl+s")
        await pause_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert isinstance(app.screen, ConfirmScreen)
        question = app.screen.question
        assert question.startswith('The routine has a problem at line 6: unknown key "xold"')
        assert "(and 1 more)" in question
        bar = app.screen.query_one(KeyBar)
        assert [key.key for key in bar.keys if key.enabled][:2] == ["y", "n"]  # its own keys
