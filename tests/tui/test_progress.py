"""Progression from home (p) and the palette: the preview shows each change and the total time
before and after; when nothing holds it back, y applies it; when a gate does, the gates are named,
y and Enter do nothing, and only a applies it "anyway". Every applied progression is in the
history (its pace is a gate), with "anyway" when a gate was passed."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.widgets import Static

from sessiontimer.core.history.connection import open_history
from sessiontimer.core.history.safety_record import SafetyRecord
from sessiontimer.tui.app import SessionTimerApp
from sessiontimer.tui.flows.routines import PROGRESS_GROUP
from sessiontimer.tui.flows.session import flow_under_way
from sessiontimer.tui.screens.home import HomeScreen
from sessiontimer.tui.screens.progress import ProgressScreen
from tests.conftest import REPO
from tests.support.editor import MINE, app_for, select
from tests.support.history import practised
from tests.support.wait import palette_lists, pause_until

PROGRESSED = MINE.replace('hold = "30s"', 'hold = "35s"')


def shown(screen: ProgressScreen, selector: str) -> list[str]:
    return [str(widget.render()) for widget in screen.query(selector)]


def toasts(app: SessionTimerApp) -> str:
    return " ".join(str(t.render()) for t in app.screen.query("Toast"))


async def open_preview(pilot, app: SessionTimerApp, routine_id: str) -> ProgressScreen:  # type: ignore[no-untyped-def]
    await pilot.pause()
    select(app.screen, routine_id)  # type: ignore[arg-type]
    await pilot.press("p")
    await pause_until(pilot, lambda: isinstance(app.screen, ProgressScreen))
    assert isinstance(app.screen, ProgressScreen)
    return app.screen


def progressions(home: Path, routine: str) -> list[tuple[tuple[str, ...], bool]]:
    store = open_history(home / "history.sqlite3").store
    try:
        return [(p.changes, p.anyway) for p in SafetyRecord(store).progressions(routine)]
    finally:
        store.close()


async def test_nothing_holds_it_back_y_applies_and_records_it(home: Path) -> None:
    path = home / "routines" / "mine.toml"
    path.write_text(MINE, encoding="utf-8")
    practised(home / "history.sqlite3", "mine", "Mine").close()
    app = app_for(home)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_preview(pilot, app, "mine")
        assert shown(screen, ".progression-change") == ["1. Knee to chest: hold 30s → 35s"]
        # per side 3 holds of 30 (then 35) with 2 rests of 5, a switch of 5, get ready 5
        assert shown(screen, "#progression-total") == ["Total time: 3 min 30 s → 4 min"]
        assert not screen.query("#progression-gates")
        await pilot.press("n")
        await pilot.pause()
        assert path.read_text(encoding="utf-8") == MINE
        assert progressions(home, "mine") == []
        await open_preview(pilot, app, "mine")
        await pilot.press("y")
        await pause_until(pilot, lambda: isinstance(app.screen, HomeScreen))
        assert path.read_text(encoding="utf-8") == PROGRESSED  # every comment kept
        entry = next(e for e in app.screen.entries if e.id == "mine")  # type: ignore[attr-defined]
        assert entry.routine is not None and entry.routine.steps[0].hold == 35
    assert progressions(home, "mine") == [(("1. Knee to chest: hold 30s → 35s",), False)]


async def test_a_gate_holds_it_back_only_a_applies_it_anyway(home: Path) -> None:
    path = home / "routines" / "mine.toml"
    path.write_text(MINE, encoding="utf-8")
    app = app_for(home)  # a new history: the routine was never done
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await open_preview(pilot, app, "mine")
        assert shown(screen, "#progression-held") == ["Not yet: the progression is held back by"]
        gates = " ".join(shown(screen, "#progression-gates .item"))
        assert "Weeks 1–2: you have not done this routine yet." in gates
        assert "Regular practice: you completed this routine on 0 days" in gates
        for key in ("y", "enter"):
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is screen  # neither applies it
        assert path.read_text(encoding="utf-8") == MINE
        footer = " ".join(str(s.render()) for s in screen.query("FooterKey"))
        assert "Progress anyway (a clinician said so)" in footer and "Apply" not in footer
        await pilot.press("a")
        await pause_until(pilot, lambda: isinstance(app.screen, HomeScreen))
        assert path.read_text(encoding="utf-8") == PROGRESSED
        assert "Progressed anyway" in toasts(app)
    assert progressions(home, "mine") == [(("1. Knee to chest: hold 30s → 35s",), True)]


async def test_the_pace_gate_follows_the_last_progression(home: Path) -> None:
    (home / "routines" / "mine.toml").write_text(MINE, encoding="utf-8")
    practised(home / "history.sqlite3", "mine", "Mine").close()
    app = app_for(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_preview(pilot, app, "mine")
        await pilot.press("y")
        await pause_until(pilot, lambda: isinstance(app.screen, HomeScreen))
        screen = await open_preview(pilot, app, "mine")  # the same day: too soon
        gates = shown(screen, "#progression-gates .item")
        assert [g.split(":")[0] for g in gates] == ["Regular practice", "Pace"]
        assert "The last was today; the next can be on Wed 25 Nov." in gates[1]


async def test_progress_from_the_palette_copies_a_built_in(home: Path) -> None:
    builtin = REPO / "routines" / "piriformis-hamstring.toml"
    before = builtin.read_bytes()
    app = app_for(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Progress: Piriformis")
        await palette_lists(pilot, "Progress: Piriformis")
        await pilot.press("enter")
        await pause_until(pilot, lambda: isinstance(app.screen, ProgressScreen))
        assert isinstance(app.screen, ProgressScreen)
        assert app.screen.copy_to == home / "routines" / "piriformis-hamstring.toml"
        await pilot.press("a")  # a new history holds it back: on a clinician's word
        await pause_until(pilot, lambda: isinstance(app.screen, HomeScreen))
        copy = (home / "routines" / "piriformis-hamstring.toml").read_text(encoding="utf-8")
        assert copy == before.decode("utf-8").replace('hold = "30s"', 'hold = "35s"')
        assert builtin.read_bytes() == before
    assert progressions(home, "piriformis-hamstring")[0][1] is True


async def test_progress_refuses_a_broken_routine(home: Path) -> None:
    path = home / "routines" / "broken.toml"
    path.write_text('name = "B"\n[[steps]]\nname = "x"\nhodl = "30s"\n', encoding="utf-8")
    app = app_for(home)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        select(app.screen, "broken")  # type: ignore[arg-type]
        await pilot.press("p")
        await pause_until(pilot, lambda: "fix it first" in toasts(app), shows=lambda: toasts(app))
        assert isinstance(app.screen, HomeScreen)


async def test_a_routine_at_its_limits_has_nothing_to_change(home: Path) -> None:
    path = home / "routines" / "top.toml"
    path.write_text('name = "Top"\n[[steps]]\nname = "Roll"\nhold = 5\nprogress = false\n')
    app = app_for(home)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        select(app.screen, "top")  # type: ignore[arg-type]
        await pilot.press("p")
        await pause_until(pilot, lambda: "nothing to change" in toasts(app))
        assert "every step is at its limit, or does not progress" in toasts(app)
        assert isinstance(app.screen, HomeScreen)


async def test_a_double_p_opens_one_preview(home: Path) -> None:
    (home / "routines" / "mine.toml").write_text(MINE, encoding="utf-8")
    app = app_for(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        select(app.screen, "mine")  # type: ignore[arg-type]
        for _ in range(2):  # as a terminal delivers them in one read
            app.post_message(events.Key("p", "p"))
        await pause_until(pilot, lambda: isinstance(app.screen, ProgressScreen))
        for _ in range(3):  # (a second preview would be one worker's turn behind)
            await pilot.pause()
        assert [type(s) for s in app.screen_stack].count(ProgressScreen) == 1
        await pilot.press("n")
        await pause_until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pause_until(pilot, lambda: not flow_under_way(app, PROGRESS_GROUP))
        await open_preview(pilot, app, "mine")  # a new p is not held back by the first


async def test_with_history_off_the_gates_cannot_be_checked(home: Path) -> None:
    (home / "routines" / "mine.toml").write_text(MINE, encoding="utf-8")
    blocked = home / "not-a-folder"
    blocked.write_text("a file where the history's folder should be", encoding="utf-8")
    app = SessionTimerApp(
        checks=False,
        clock=app_for(home).clock,
        user_dir=home / "routines",
        config_path=home / "config.toml",
        history_path=blocked / "history.sqlite3",
    )
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await open_preview(pilot, app, "mine")
        gates = shown(screen, "#progression-gates .item")
        assert len(gates) == 1 and gates[0].startswith("History: the gates cannot be checked (")
        await pilot.press("a")
        await pause_until(pilot, lambda: isinstance(app.screen, HomeScreen))
        assert "saved in the routine, but not in the history" in toasts(app)
    assert (home / "routines" / "mine.toml").read_text(encoding="utf-8") == PROGRESSED


async def test_a_long_preview_scrolls_in_a_small_terminal(home: Path) -> None:
    steps = "".join(f'[[steps]]\nname = "Stretch {n}"\nhold = "30s"\n' for n in range(12))
    (home / "routines" / "long.toml").write_text(f'name = "Long"\n{steps}', encoding="utf-8")
    app = app_for(home)
    async with app.run_test(size=(60, 20)) as pilot:
        screen = await open_preview(pilot, app, "long")
        body = screen.query_one("#progression-body")
        assert body.max_scroll_y > 0
        box = screen.query_one("#progression")
        assert box.region.bottom <= 20 - 1  # above the key line
        await pilot.press("end")
        await pilot.pause()
        assert body.scroll_y == body.max_scroll_y
        assert isinstance(screen.query_one("#progression-total", Static), Static)
