"""End to end: the installed `coop-tui` in a real terminal (tmux), typed at, read back."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from coop_tui.i18n import Translator
from tests.e2e.tmux import Tmux, coop_tui_command

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]

TODAY = "2026-03-02"
EN = Translator("en")


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "plan.json"
    env = {"COOP_TUI_TODAY": TODAY, "PATH": "/usr/bin:/bin"}
    subprocess.run([coop_tui_command(), "init", str(path), "--demo"], check=True, env=env)
    return path


@pytest.fixture
def terminal(plan: Path) -> Iterator[Tmux]:
    term = Tmux([coop_tui_command(), "--lang", "en", str(plan)],
                env={"COOP_TUI_TODAY": TODAY}, cwd=plan.parent)  # fmt: skip
    try:
        yield term
    finally:
        term.close()


def _actions(plan: Path) -> list[dict[str, object]]:
    out = subprocess.run([coop_tui_command(), "actions", str(plan), "--json"],
                         check=True, capture_output=True, text=True)  # fmt: skip
    return json.loads(out.stdout)  # type: ignore[no-any-return]


def test_demo_opens_and_quits() -> None:
    term = Tmux([coop_tui_command(), "--demo", "--lang", "fr"], env={"COOP_TUI_TODAY": TODAY})
    try:
        term.wait_for("Tableau de bord")
        term.wait_for("Coop'Vernière")
        term.send("q")
        term.wait_until_gone()
    finally:
        term.close()


def test_screens_help_and_quit(terminal: Tmux) -> None:
    term = terminal
    screen = term.wait_for("Dashboard")
    assert "A3" in term.wait_for("A3")
    titles = {key: f"— {EN.t(area + '.title')}" for key, area in
              (("1", "stakes"), ("2", "objectives"), ("3", "actions"), ("6", "dashboard"))}  # fmt: skip
    for key, title in titles.items():
        term.send(key)
        screen = term.wait_for(title)
    assert "Dashboard" in screen
    term.send("?")
    term.wait_for("Keys — Dashboard")
    term.send("Escape")
    term.wait_for(lambda s: "Keys — " not in s)
    term.send("q")
    term.wait_until_gone()


def test_board_move_and_timeline_zoom(terminal: Tmux, plan: Path) -> None:
    term = terminal
    term.wait_for("Dashboard")
    before = {a["code"]: a["status"] for a in _actions(plan)}
    term.send("4")
    term.wait_for(f"— {EN.t('board.title')}")
    term.wait_for("O1.1")
    # The first card of lane O1.1 is focused when the board opens; move it one status right.
    term.send("S-Right")
    order = ["todo", "in_progress", "blocked", "done"]

    def moved() -> dict[str, object]:
        after = {a["code"]: a["status"] for a in _actions(plan)}
        return {c: s for c, s in after.items() if before[c] != s}

    import time

    deadline = time.monotonic() + 10
    while not moved() and time.monotonic() < deadline:
        time.sleep(0.1)
    changes = moved()
    assert len(changes) == 1, changes
    code, status = next(iter(changes.items()))
    assert order.index(str(status)) == order.index(str(before[code])) + 1
    term.send("5")
    screen = term.wait_for(f"— {EN.t('timeline.title')}")
    term.send("+")
    zoomed_in = term.wait_for(lambda s: s != screen)
    term.send("-")
    term.send("-")
    term.wait_for(lambda s: s != zoomed_in)
    term.send("q")


def test_a_phase_created_from_the_palette_lands_in_the_plan(plan: Path) -> None:
    import time

    from coop_tui.storage.store import PlanStore

    before = PlanStore(plan).read()
    last = before.sorted_phases()[-1]
    term = Tmux([coop_tui_command(), "--lang", "fr", str(plan)],
                env={"COOP_TUI_TODAY": TODAY}, cwd=plan.parent)  # fmt: skip
    try:
        term.wait_for("Tableau de bord")
        term.send("C-p")
        term.wait_for(lambda s: "palette" in s.lower() or "Rechercher" in s or "›" in s)
        term.send("-l", "Ajouter une phase")
        term.wait_for("Ajouter une phase…")
        term.send("Enter")
        term.wait_for("Nouvelle phase")
        term.send("-l", "Essaimage")
        term.wait_for("Essaimage")  # the form has the name before ctrl+s is pressed
        term.send("C-s")
        deadline = time.monotonic() + 10
        while len(PlanStore(plan).read().phases) == len(before.phases):
            assert time.monotonic() < deadline, term.screen()
            time.sleep(0.1)
        added = PlanStore(plan).read().sorted_phases()[-1]
        assert added.name == "Essaimage"
        assert last.end is not None and added.start is not None
        assert (added.start - last.end).days == 1
        term.send("q")
        term.wait_until_gone()
    finally:
        term.close()
