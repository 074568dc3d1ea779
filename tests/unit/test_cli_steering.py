"""`backplan`, `baseline`, `drift`, `budget`, `actions --phase`, `history --since` on the demo."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from coop_tui.cli import main
from coop_tui.domain.model import replace
from coop_tui.interchange.toml_io import parse_toml, to_toml
from coop_tui.storage.store import PlanStore
from tests.unit.cli_helpers import cli_env, run  # noqa: F401  (fixture)

pytestmark = pytest.mark.usefixtures("cli_env")


def _json(capsys: pytest.CaptureFixture[str], *args: object) -> object:
    code, out, err = run(capsys, *args)
    assert code == 0, err
    return json.loads(out)


def test_backplan_json_every_action_ends_before_its_successors_and_the_deadline(
    demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = _json(capsys, "backplan", demo_path, "O3.1", "--json")
    assert isinstance(result, dict) and result["objective"] == "O3.1"
    actions = {a["code"]: a for a in result["actions"]}
    assert {"A15", "A16", "A17", "A18"} <= set(actions)
    for action in actions.values():
        assert action["latest_end"] <= result["deadline"]
        for dep in action["depends_on"]:
            if dep in actions:
                assert actions[dep]["latest_end"] < action["latest_start"], (dep, action["code"])
    assert result["critical_path"] and result["critical_path"][-1] in actions


def test_backplan_apply_then_undo_gives_the_plan_back(
    demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = to_toml(PlanStore(demo_path).read())
    proposed = _json(capsys, "backplan", demo_path, "O3.1", "--json")
    code, _, err = run(capsys, "backplan", demo_path, "O3.1", "--apply")
    assert code == 0 and "coop-tui undo" in err
    data = PlanStore(demo_path).read()
    by_code = {a.code: a for a in data.actions.values()}
    for slot in proposed["actions"]:  # type: ignore[index]
        action = by_code[slot["code"]]
        if action.status.value == "todo":  # its latest dates, never before its earliest
            start = max(slot["latest_start"], slot["earliest_start"])
            assert action.start.isoformat() == start
            assert (action.end - action.start).days == slot["duration"] - 1
        else:  # under way: its start stays, its end the latest one or, out of reach, earliest
            assert action.start.isoformat() == slot["start"]
            assert action.end.isoformat() == max(slot["latest_end"], slot["earliest_end"])
    last = PlanStore(demo_path).recent_history()[-1]
    assert last.what is not None and last.what.op == "backplan" and len(last.changes) >= 2
    assert run(capsys, "undo", demo_path)[0] == 0
    assert to_toml(PlanStore(demo_path).read()) == before


def test_backplan_names_a_dependency_cycle(
    demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = PlanStore(demo_path).read()
    by_code = {a.code: a for a in data.actions.values()}
    # Written by hand (no write path accepts a cycle): A15 depends on A18 which depends on A16…
    raw = json.loads(demo_path.read_bytes())
    raw["actions"][by_code["A15"].id]["depends_on"] = [by_code["A18"].id]
    demo_path.write_text(json.dumps(raw))
    code, out, err = run(capsys, "--lang", "en", "backplan", demo_path, "O3.1")
    assert code == 1 and out == ""
    assert "A15" in err and "A16" in err and "A18" in err and "circle" in err


def test_backplan_of_an_unknown_objective(
    demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "--lang", "en", "backplan", demo_path, "O9.9")
    assert code == 1 and "no objective matches 'O9.9'" in err


def test_drift_names_the_slip_then_a_new_baseline_has_none_then_a_change_shows_again(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    found = _json(capsys, "drift", demo_path, "--json")
    assert isinstance(found, list) and found
    slips = {d["code"]: d for d in found if d["kind"] == "slipped"}
    assert slips["A3"]["days"] == 30
    assert {d["kind"] for d in found} >= {"slipped", "added", "budget", "target"}
    code, out, _ = run(capsys, "baseline", demo_path, "--name", "COPIL 2")
    assert code == 0 and "COPIL 2" in out
    assert _json(capsys, "drift", demo_path, "--baseline", "COPIL 2", "--json") == []
    assert _json(capsys, "drift", demo_path, "--json") == []  # the latest is COPIL 2
    # Move A5's end by 12 days through a TOML round trip, as a partner might.
    exported = tmp_path / "plan.toml"
    assert main(["export", str(demo_path), "--format", "toml", "-o", str(exported)]) == 0
    imported = parse_toml(exported.read_bytes())
    records = [
        replace(r, end=r.end + dt.timedelta(days=12))
        if getattr(r, "code", "") == "A5" and r.TABLE == "actions"
        else r
        for r in imported.records
    ]
    copy = tmp_path / "copy.json"
    PlanStore(copy).create(imported.plan, records, next_id=imported.next_id)
    (moved,) = _json(capsys, "drift", copy, "--json")  # type: ignore[misc]
    assert (moved["code"], moved["kind"], moved["days"]) == ("A5", "slipped", 12)
    code, _, err = run(capsys, "baseline", demo_path, "--name", "copil 2")
    assert code == 1 and "copil 2" in err


def test_budget_json_adds_up(demo_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = _json(capsys, "budget", demo_path, "--json")
    assert isinstance(plan, dict)
    total = plan["total"]
    for key in ("by_year", "by_nature", "by_partner", "by_objective"):
        assert sum(plan[key].values()) == pytest.approx(total), key
    funding = plan["funding"]
    assert plan["gap"] == pytest.approx(total - funding["total"])
    assert len(funding["by_funder"]) >= 3
    assert sum(1 for v in funding["by_status"].values() if v) >= 2
    assert set(funding["by_status"]) == {"requested", "granted", "paid"}
    year = min(plan["by_year"])
    one = _json(capsys, "budget", demo_path, "--year", year, "--json")
    assert one["total"] == pytest.approx(plan["by_year"][year])  # type: ignore[index]
    code, out, _ = run(capsys, "budget", demo_path)
    assert code == 0 and "Reste à financer" in out and "Plan de financement" in out


def test_actions_of_one_phase(demo_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = _json(capsys, "actions", demo_path, "--phase", "amorcage", "--json")
    assert rows and {r["phase"] for r in rows} == {"Amorçage"}  # type: ignore[union-attr]
    code, _, err = run(capsys, "actions", demo_path, "--phase", "nulle part")
    assert code == 1 and "Amorçage" in err


def test_history_since_a_review_or_a_date(
    demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "move", demo_path, "A4", "en cours")[0] == 0
    entries = _json(capsys, "history", demo_path, "--since", "2026-03-01", "--json")
    assert [e["what"]["op"] for e in entries] == ["create", "move"]  # type: ignore[index]
    assert _json(capsys, "history", demo_path, "--since", "2099-01-01", "--json") == []
    code, out, _ = run(capsys, "history", demo_path, "--since", "COPIL")
    assert code == 0 and "A4" in out
    code, _, _err = run(capsys, "history", demo_path, "--since", "réunion fantôme")
    assert code == 1


def test_init_warns_when_the_folder_is_not_shared(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    private = tmp_path / "private"
    private.mkdir(mode=0o700)
    code, _, err = run(capsys, "--lang", "en", "init", private / "plan.json")
    assert code == 0 and "not shared by a group" in err and "chmod 2770" in err
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o2770)
    code, _, err = run(capsys, "init", shared / "plan.json")
    assert code == 0 and err == ""
    shutil.rmtree(private)
