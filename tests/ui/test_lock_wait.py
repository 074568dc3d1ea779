"""The app and someone else's lock: a change waiting for it says for whom, the user goes on
reading, and `q` or ctrl+c quit at once, the waiting change given up for good."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from coop_tui.tui.modals.choice import ChoiceModal
from tests.helpers import (
    by_code,
    loaded,
    make_app,
    read,
    record_notifications,
    show_mode,
    wait_until,
)

#: Another process that takes the plan's lock, says "held", and keeps it.
HOLDER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from coop_tui.storage import files
    with files.exclusive_lock(Path(sys.argv[1]), files.LockWait(who="mallory")):
        print("held", flush=True)
        time.sleep(float(sys.argv[2]))
    """
)


def _hold(path: Path, seconds: float = 30.0) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path), str(seconds)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    return proc


def _release(proc: subprocess.Popen[str]) -> None:
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)


async def test_a_change_waits_for_the_lock_says_who_and_q_gives_it_up(demo_path: Path) -> None:
    before = demo_path.read_bytes()
    a4 = by_code(read(demo_path), "A4")
    holder = _hold(demo_path)
    try:
        app = make_app(demo_path, "fr")
        async with app.run_test(size=(120, 40)) as pilot:
            await loaded(pilot)
            said = record_notifications(app)
            screen = await show_mode(pilot, "4")
            screen.board.focus_action(a4.id)
            await pilot.press("s")
            await wait_until(pilot, lambda: isinstance(app.screen, ChoiceModal))
            await pilot.press("down", "down", "down", "enter")  # Terminée: waits for mallory
            await wait_until(pilot, lambda: any("en attente de mallory" in s for s in said))
            assert any(s.startswith("Enregistrement en attente de mallory (pid ") for s in said)
            # Reading goes on meanwhile.
            await show_mode(pilot, "1")
            await show_mode(pilot, "6")
            started = time.monotonic()
            await pilot.press("q")
        assert time.monotonic() - started < 3  # not the 10 s the lock wait would take
    finally:
        _release(holder)
    time.sleep(0.5)  # were the change still pending, it would be written now
    assert demo_path.read_bytes() == before


async def test_ctrl_c_quits_even_from_a_form_field(demo_path: Path) -> None:
    from coop_tui.tui.modals.record_form import RecordForm

    app = make_app(demo_path, "fr")
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await pilot.press("p")  # the project's form, the focus in its title field
        await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
        await pilot.press("ctrl+c")
        await wait_until(pilot, lambda: not app.is_running)
    assert app.return_code == 0
