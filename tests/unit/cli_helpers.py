"""What the CLI tests share: a frozen day and a clean environment, running `main`, reading
its one-line errors and its status sections."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from coop_tui.cli import main
from coop_tui.domain.model import Status
from coop_tui.storage.store import PlanStore

NBSP = "\u00a0"


@pytest.fixture
def cli_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """A frozen day, no language, plan or user from the environment, and the test's folder
    set up as the README says a shared plan's folder should be (so `init` does not warn)."""
    tmp_path.chmod(0o2770)
    monkeypatch.setenv("COOP_TUI_TODAY", "2026-03-02")
    for var in ("COOP_TUI_LANG", "COOP_TUI_PLAN", "COOP_TUI_USER", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    yield


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def one_line_error(err: str) -> str:
    assert err.endswith("\n") and err.count("\n") == 1, err
    assert "Traceback" not in err
    return err.strip()


def section(out: str, header: str) -> list[str]:
    """The lines under `header` up to the next blank line."""
    lines = out.splitlines()
    start = lines.index(header) + 1
    end = lines.index("", start) if "" in lines[start:] else len(lines)
    return lines[start:end]


def status_of(path: Path, code: str) -> Status:
    (action,) = [a for a in PlanStore(path).read().actions.values() if a.code == code]
    return action.status


def make_demo(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "demo.json"
    code, out, err = run(capsys, "init", path, "--demo")
    assert (code, err) == (0, "") and path.name in out
    return path
