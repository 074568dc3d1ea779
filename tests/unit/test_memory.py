"""The plan's bytes go back to the system once decoded (glibc), and nothing breaks elsewhere."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from coop_tui import memory
from tests.bigplan import make_big_plan
from tests.helpers import TODAY


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's mallopt")
def test_glibc_takes_the_threshold_and_taking_it_twice_is_harmless() -> None:
    assert memory.give_back_big_blocks()
    assert memory.give_back_big_blocks()


def test_elsewhere_nothing_is_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(memory.sys, "platform", "darwin")
    assert not memory.give_back_big_blocks()


def test_a_libc_without_mallopt_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    class NoMallopt:
        def __init__(self, name: str) -> None:
            self.name = name

        def __getattr__(self, name: str) -> object:
            raise AttributeError(name)

    monkeypatch.setattr(memory.ctypes, "CDLL", NoMallopt)
    assert not memory.give_back_big_blocks()


def test_only_a_big_plan_asks_for_it(tmp_path: Path, demo_path: Path) -> None:
    """A quick command on a small plan does not even load the module (nor ctypes): its
    time is mostly imports. A plan of a megabyte or more asks before it is read."""
    from coop_tui.storage.files import GIVE_BACK_FROM

    big = tmp_path / "big.json"
    make_big_plan(big, 40, 50, TODAY)
    assert big.stat().st_size >= GIVE_BACK_FROM > demo_path.stat().st_size
    script = (
        "import sys, io, contextlib\n"
        "from coop_tui.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    code = main(['status', sys.argv[1]])\n"
        "print(code, 'coop_tui.memory' in sys.modules, 'ctypes' in sys.modules)\n"
    )
    for plan, loaded in ((demo_path, "False False"), (big, "True True")):
        done = subprocess.run(
            [sys.executable, "-c", script, str(plan)], capture_output=True, text=True, check=True
        )
        assert done.stdout.split() == ["0", *loaded.split()], done.stderr
