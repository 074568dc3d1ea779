"""The fast CLI prints hostile user text (SPEC §7) safely: no escape byte, the rest intact."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coop_tui.storage.store import PlanStore
from tests.unit.cli_helpers import cli_env, one_line_error, run  # noqa: F401  (fixture)
from tests.unit.plan_builders import data_of, hostile_plan

pytestmark = pytest.mark.usefixtures("cli_env")


@pytest.fixture
def hostile_path(tmp_path: Path) -> Path:
    plan, records = hostile_plan()
    path = tmp_path / "hostile.json"
    PlanStore(path).create(plan, records)
    return path


def assert_shown_safely(out: str, title: str) -> None:
    for raw in ("\x1b", "\x00", "\x9b", "\x7f", "\u202e"):
        assert raw not in out, repr(raw)
    assert "␛[2J" in out and "\ufffdevil" in out
    for piece in (
        "[bold]x[/][@click=app.quit]x[/]",
        "🚀 emoji",
        "àéïôù ÀÉ",
        "[link=x]y$title {name} %s",
        "🚀🎉👩🏽‍🔧",
        "quotes ' \" ''' \"\"\" «»",
        "back\\slash \\n \\x1b \\u0000 C:\\dir\\",
    ):
        assert piece in title and piece in out, piece


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_hostile_text_in_status_and_actions(
    hostile_path: Path, lang: str, capsys: pytest.CaptureFixture[str]
) -> None:
    data = PlanStore(hostile_path).read()
    late, blocked = data.actions["13"], data.actions["14"]
    code, out, err = run(capsys, "--lang", lang, "status", hostile_path)
    assert (code, err) == (0, "")
    assert_shown_safely(out, late.title)
    # the whole title, from its first character to its number, stays on one line
    number = late.title.rsplit("#", 1)[1]
    assert any(
        line.startswith("  [bold]x") and f"#{number} — " in line for line in out.splitlines()
    )
    code, out, err = run(capsys, "--lang", lang, "actions", hostile_path)
    assert (code, err) == (0, "")
    assert_shown_safely(out, blocked.title)
    assert len(out.splitlines()) == 2  # newlines in titles never split a row


def test_hostile_text_in_json_is_exact_and_escaped(
    hostile_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "actions", hostile_path, "--json")
    assert code == 0
    for raw in ("\x1b", "\x00", "\x9b", "\x7f", "\u202e"):
        assert raw not in out, repr(raw)  # JSON escapes them: \u009b, \u202e
    assert "\\u009b" in out and "\\u202e" in out
    rows = {r["id"]: r for r in json.loads(out)}
    data = PlanStore(hostile_path).read()
    for rid, row in rows.items():
        assert (row["title"], row["code"]) == (data.actions[rid].title, data.actions[rid].code)


def test_hostile_text_in_history_and_errors(
    hostile_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "move", hostile_path, "13", "done")[0] == 0
    code, out, _ = run(capsys, "history", hostile_path)
    assert code == 0 and "\x1b" not in out and "␛[2J" in out and len(out.splitlines()) == 2
    code, out, _ = run(capsys, "history", hostile_path, "--json")
    assert code == 0 and "\x9b" not in out and "\u202e" not in out and "\\u202e" in out
    code, _, err = run(capsys, "move", hostile_path, "\x1b[2J\nzz", "done")
    assert code == 1 and "\x1b" not in one_line_error(err)


def test_plan_data_helper_is_valid() -> None:
    plan, records = hostile_plan()
    assert data_of(*records, plan=plan).actions["13"].lead == "4"
