"""Drive a real terminal: tmux runs the installed coop-tui; we type and read the screen."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import uuid
from collections.abc import Callable
from pathlib import Path


class Tmux:
    """One tmux server (own socket) with one session running one command."""

    def __init__(self, command: list[str], *, width: int = 120, height: int = 40,
                 cwd: Path | None = None, env: dict[str, str] | None = None) -> None:  # fmt: skip
        self.socket = f"coop-e2e-{uuid.uuid4().hex[:8]}"
        self.session = "coop"
        self.env = {**os.environ, "TERM": "xterm-256color", "LANG": "C.UTF-8",
                    "LC_ALL": "C.UTF-8", **(env or {})}  # fmt: skip
        # The pane's size is the terminal's: a COLUMNS or LINES left in the environment (a
        # test runner may set them) would make the program inside believe another.
        for name in ("TMUX", "COLUMNS", "LINES"):
            self.env.pop(name, None)
        shell_command = " ".join(_quote(c) for c in command)
        self._tmux("new-session", "-d", "-s", self.session, "-x", str(width), "-y", str(height),
                   "-c", str(cwd or Path.cwd()), shell_command)  # fmt: skip

    def _tmux(self, *args: str) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.socket, *args],
            env=self.env, capture_output=True, text=True, timeout=20, check=False,
        )  # fmt: skip
        if result.returncode != 0 and args[0] not in ("kill-server", "has-session"):
            raise RuntimeError(f"tmux {args[0]} failed: {result.stderr.strip()}")
        return result.stdout

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", self.session)

    def send(self, *keys: str) -> None:
        self._tmux("send-keys", "-t", self.session, *keys)

    def wait_for(self, predicate: Callable[[str], bool] | str, timeout: float = 20.0) -> str:
        """Poll the screen until `predicate` holds (or the text appears)."""
        test = (lambda s: predicate in s) if isinstance(predicate, str) else predicate
        deadline = time.monotonic() + timeout
        text = ""
        while time.monotonic() < deadline:
            text = self.screen()
            if test(text):
                return text
            time.sleep(0.05)
        raise AssertionError(f"screen never matched; last screen:\n{text}")

    def wait_until_gone(self, timeout: float = 10.0) -> None:
        """Wait for the command to end (its tmux session ends with it)."""
        deadline = time.monotonic() + timeout
        while self.alive():
            if time.monotonic() > deadline:
                raise AssertionError(f"still running; screen:\n{self.screen()}")
            time.sleep(0.05)

    def alive(self) -> bool:
        result = subprocess.run(["tmux", "-L", self.socket, "has-session", "-t", self.session],
                                env=self.env, capture_output=True, check=False)  # fmt: skip
        return result.returncode == 0

    def close(self) -> None:
        self._tmux("kill-server")


def _quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


def coop_tui_command() -> str:
    """The installed console script (next to this interpreter, else on PATH)."""
    import sys

    beside = Path(sys.executable).with_name("coop-tui")
    if beside.exists():
        return str(beside)
    found = shutil.which("coop-tui")
    if not found:
        raise RuntimeError("coop-tui is not installed")
    return found
