"""The fast CLI (SPEC §8), called in-process through coop_tui.cli.main with a frozen day."""

from __future__ import annotations

import json
import os
import pwd
import subprocess
import sys
from pathlib import Path

import pytest

from coop_tui import __version__
from coop_tui.domain.model import Action, Plan, Status
from coop_tui.storage.store import PlanStore
from tests.unit.cli_helpers import (
    NBSP,
    cli_env,  # noqa: F401  (fixture)
    make_demo,
    one_line_error,
    run,
    section,
    status_of,
)
from tests.unit.plan_builders import D, hostile_plan

LOGIN = pwd.getpwuid(os.getuid()).pw_name

pytestmark = pytest.mark.usefixtures("cli_env")


@pytest.fixture
def demo(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    return make_demo(tmp_path, capsys)


# --- init -------------------------------------------------------------------------------


def test_init_empty_plan(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "projet.json"
    code, out, err = run(capsys, "init", path, "--title", "Coop [bold]")
    assert (code, err) == (0, "")
    assert out == f"Plan créé{NBSP}: {path}\n"
    data = PlanStore(path).read()
    assert data.plan.title == "Coop [bold]" and data.revision == 1
    assert not data.actions and not data.organisations
    code, out, _ = run(capsys, "init", tmp_path / "other.json")
    assert code == 0 and PlanStore(tmp_path / "other.json").read().plan.title == "other"


def test_init_demo(demo: Path) -> None:
    data = PlanStore(demo).read()
    assert data.plan.title.startswith("Coop'Vernière")
    assert len(data.actions) == 21
    a3 = next(a for a in data.actions.values() if a.code == "A3")
    assert a3.end == D(2026, 2, 27)  # shifted so that it is overdue on the frozen day


@pytest.mark.parametrize("demo_flag", [(), ("--demo",)])
def test_init_refuses_to_overwrite(
    demo: Path, capsys: pytest.CaptureFixture[str], demo_flag: tuple[str, ...]
) -> None:
    before = demo.read_bytes()
    code, out, err = run(capsys, "init", demo, *demo_flag)
    assert code == 1 and out == ""
    assert str(demo) in one_line_error(err)
    assert demo.read_bytes() == before


# --- status -------------------------------------------------------------------------------


def test_status_in_french(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "status", demo)
    assert (code, err) == (0, "")
    first = out.splitlines()[0]
    assert first.startswith("Coop'Vernière") and "02/03/2026" in first
    assert f"Avancement{NBSP}: 3 actions terminées sur 21 (14{NBSP}%)" in out
    (late,) = section(out, "En retard (1)")
    assert late.startswith("  A3 Répondre au marché") and late.endswith("fin 27/02/2026")
    (blocked,) = section(out, "Bloquée (1)")
    assert blocked.startswith("  A9 Recruter") and "Nadia Benali" in blocked
    deadlines = section(out, "Prochaines échéances")
    assert len(deadlines) == 6  # five, and the command that lists them all
    assert deadlines[0] == "  13/10/2026 O1.1 Remporter au moins 2 marchés en GME"
    assert deadlines[5] == f"  … et 4 de plus{NBSP}: coop-tui objectives {demo} --coming"
    # The worst first: behind their path, then the furthest from where the path expects.
    assert section(out, "Indicateurs de suivi (11)") == [
        f"  O3.1 Satisfaction des acheteurs{NBSP}: — / bon (0{NBSP}%) — en retard sur la trajectoire",
        f"  O2.2 Coûts des fonctions support{NBSP}: 97{NBSP}500 / 80{NBSP}000 € par an (0{NBSP}%)"
        " — en retard sur la trajectoire",
        f"  O1.2 Heures d'insertion{NBSP}: 310 / 15{NBSP}000 h cumulées (2{NBSP}%) — dans les temps",
        f"  O2.1 Taux de sorties dynamiques consolidé{NBSP}: 44 / 55 % (21{NBSP}%) — dans les temps",
        f"  O2.1 Entreprises partenaires actives{NBSP}: 23 / 40 entreprises (39{NBSP}%)"
        " — dans les temps",
        f"  … et 6 de plus{NBSP}: coop-tui indicators {demo}",
    ]
    assert section(out, "Manques de compétences (3)") == [
        f"  «{NBSP}CRM{NBSP}» pour A10 — Formation",
        f"  «{NBSP}relation entreprises{NBSP}» pour A11 — Recrutement",
        f"  «{NBSP}informatique{NBSP}» pour A13 — Accompagnement par un expert",
    ]
    assert f"Budget{NBSP}: 309{NBSP}000{NBSP}€" in out
    assert f"reste à financer{NBSP}: 3{NBSP}400{NBSP}€" in out
    assert f"Phase en cours{NBSP}: Amorçage (1/3)" in out
    assert f"Prochaine revue{NBSP}: 26/03/2026 — COPIL 2" in out
    (decision,) = section(out, "Décisions à échéance (1)")
    assert decision.startswith("  Relancer le Département") and "Nadia Benali" in decision
    assert f"Depuis le plan validé «{NBSP}COPIL 1{NBSP}»{NBSP}: 2 glissements" in out


@pytest.mark.parametrize(
    "args", [("--lang", "en", "status", "{p}"), ("status", "{p}", "--lang", "en")]
)
def test_status_in_english(
    demo: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...]
) -> None:
    code, out, err = run(capsys, *[a.format(p=demo) for a in args])
    assert (code, err) == (0, "")
    assert "2026-03-02" in out.splitlines()[0]
    assert "Progress: 3 of 21 actions done (14%)" in out
    (late,) = section(out, "Overdue (1)")
    assert late.startswith("  A3 ") and late.endswith("ends 2026-02-27")
    (blocked,) = section(out, "Blocked (1)")
    assert blocked.startswith("  A9 ")
    assert (
        section(out, "Next deadlines")[0] == "  2026-10-13 O1.1 Remporter au moins 2 marchés en GME"
    )
    indicators = section(out, "Tracking indicators (11)")
    assert indicators[0] == "  O3.1 Satisfaction des acheteurs: — / bon (0%) — behind the path"
    assert indicators[-1] == f"  … and 6 more: coop-tui indicators {demo}"
    assert section(out, "Skill gaps (3)") == [
        "  'CRM' for A10 — Training",
        "  'relation entreprises' for A11 — Recruitment",
        "  'informatique' for A13 — Expert support",
    ]
    assert "€309,000" in out and "funding gap: €3,400" in out


def test_language_from_the_environment(
    demo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert "Avancement" in run(capsys, "status", demo)[1]  # the demo plan says French
    monkeypatch.setenv("COOP_TUI_LANG", "en")
    assert "Progress" in run(capsys, "status", demo)[1]


# --- actions --------------------------------------------------------------------------------


def actions_json(capsys: pytest.CaptureFixture[str], *args: object) -> list[dict[str, object]]:
    code, out, err = run(capsys, "actions", *args, "--json")
    assert (code, err) == (0, "")
    return json.loads(out)  # type: ignore[no-any-return]


def test_actions_json_contract(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = actions_json(capsys, demo)
    assert sorted(r["code"] for r in rows) == sorted(f"A{n}" for n in range(1, 22))  # type: ignore[type-var]
    data = PlanStore(demo).read()
    for row in rows:
        assert {"id", "code", "title", "objective", "status", "start", "end", "lead"} <= set(row)
        action = data.actions[row["id"]]  # type: ignore[index]
        assert row["title"] == action.title and row["status"] == action.status.value
        assert row["start"] == action.start.isoformat()  # type: ignore[union-attr]
        assert row["objective"] == data.objectives[action.objective].code
    a3 = next(r for r in rows if r["code"] == "A3")
    assert (a3["end"], a3["lead"], a3["objective"], a3["overdue"]) == (
        "2026-02-27",
        "Julien Perrin",
        "O1.1",
        True,
    )


def test_actions_filters(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert [r["code"] for r in actions_json(capsys, demo, "--status", "blocked")] == ["A9"]
    assert [r["code"] for r in actions_json(capsys, demo, "--overdue")] == ["A3"]
    done = {r["code"] for r in actions_json(capsys, demo, "--status", "done")}
    assert done == {"A1", "A2", "A8"}
    julien = actions_json(capsys, demo, "--lead", "JULIEN")
    assert julien and all(r["lead"] == "Julien Perrin" for r in julien)
    assert {"A3", "A15"} <= {r["code"] for r in julien}
    assert actions_json(capsys, demo, "--lead", "nobody") == []
    both = actions_json(capsys, demo, "--lead", "julien", "--status", "in_progress")
    data = PlanStore(demo).read()
    expected = {
        a.code
        for a in data.actions.values()
        if a.status is Status.IN_PROGRESS and data.lead_name(a) == "Julien Perrin"
    }
    assert {r["code"] for r in both} == expected and "A3" in expected


def test_actions_due_soon(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "actions", demo, "--due-soon")
    assert (code, err) == (0, "")
    (line,) = out.splitlines()
    assert line.startswith("A15 ") and "15/03/2026" in line
    assert [r["code"] for r in actions_json(capsys, demo, "--due-soon")] == ["A15"]
    assert actions_json(capsys, demo, "--due-soon", "--overdue") == []


def test_actions_as_text(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "actions", demo, "--overdue")
    assert (code, err) == (0, "")
    (line,) = out.splitlines()
    assert line.startswith("A3 ") and "En cours" in line and "Julien Perrin" in line
    assert "27/02/2026" in line and line.endswith(" (en retard)")
    code, out, _ = run(capsys, "--lang", "en", "actions", demo, "--lead", "nobody")
    assert (code, out) == (0, "No actions.\n")


# --- move, history, undo ----------------------------------------------------------------------


@pytest.fixture
def ids_plan(tmp_path: Path) -> Path:
    """Actions with random-looking ids, so that id prefixes can be unique or shared."""
    path = tmp_path / "ids.json"
    base = hostile_plan(controls=False)[1][:9]  # phase, organisations … objectives
    actions = [
        Action(id="7301", code="A1", objective="9", title="Premier"),
        Action(id="7311", code="A2", objective="9", title="Deuxième"),
        Action(id="8100", code="", objective="9", title="Sans code"),
    ]
    PlanStore(path).create(Plan(title="ids"), [*base, *actions])
    return path


@pytest.mark.parametrize("ref", ["A1", "a1", "7301", "730"])
def test_move_by_code_id_or_unique_prefix(
    ids_plan: Path, capsys: pytest.CaptureFixture[str], ref: str
) -> None:
    code, out, err = run(capsys, "move", ids_plan, ref, "done")
    assert (code, err) == (0, "")
    assert out == f"A1 Premier{NBSP}: À faire → Terminée\n"
    assert PlanStore(ids_plan).read().actions["7301"].status is Status.DONE
    assert PlanStore(ids_plan).read().actions["7311"].status is Status.TODO


def test_move_an_action_without_code_shows_its_id(
    ids_plan: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "--lang", "en", "move", ids_plan, "81", "blocked")
    assert (code, out) == (0, "8100 Sans code: To do → Blocked\n")


@pytest.mark.parametrize(("ref", "words"), [("73", ["A1", "A2"]), ("zzz", ["zzz"])])
def test_move_ambiguous_or_unknown(
    ids_plan: Path, capsys: pytest.CaptureFixture[str], ref: str, words: list[str]
) -> None:
    before = ids_plan.read_bytes()
    code, out, err = run(capsys, "move", ids_plan, ref, "done")
    assert (code, out) == (1, "")
    line = one_line_error(err)
    assert all(w in line for w in words)
    assert ids_plan.read_bytes() == before


def test_move_wrong_status_is_a_usage_error(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = demo.read_bytes()
    code, out, err = run(capsys, "move", demo, "A3", "finished")
    assert (code, out) == (2, "")
    line = one_line_error(err)
    assert "finished" in line and "in_progress" in line
    assert demo.read_bytes() == before


def test_move_then_history_then_undo(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "move", demo, "A9", "in_progress")
    assert (code, err) == (0, "") and out.startswith("A9 ")
    assert status_of(demo, "A9") is Status.IN_PROGRESS

    code, out, _ = run(capsys, "history", demo, "--json")
    entries = json.loads(out)
    assert [e["revision"] for e in entries] == [1, 2]
    last = entries[-1]
    assert last["user"] == LOGIN and last["undoes"] is None
    assert last["what"] == {"op": "move", "table": "actions", "record": last["changes"][0]["id"],
                            "label": "A9", "field": "status", "before": "blocked",
                            "after": "in_progress", "count": 1}  # fmt: skip
    assert last["summary"] == "Déplacement — A9\u00a0: Bloquée → En cours"
    (change,) = last["changes"]
    assert change["table"] == "actions"
    assert (change["before"]["status"], change["after"]["status"]) == ("blocked", "in_progress")

    code, out, _ = run(capsys, "history", demo)
    lines = out.splitlines()
    assert len(lines) == 2 and lines[1].startswith("#2 ") and LOGIN in lines[1] and "A9" in lines[1]

    code, out, err = run(capsys, "undo", demo)
    assert (code, err) == (0, "") and out.startswith("Défait\u00a0: Déplacement — A9")
    assert status_of(demo, "A9") is Status.BLOCKED
    entries = json.loads(run(capsys, "history", demo, "--json")[1])
    assert entries[-1]["undoes"] == 2 and entries[-1]["user"] == LOGIN

    code, out, err = run(capsys, "undo", demo)
    assert (code, out) == (1, "") and LOGIN in one_line_error(err)


# --- where the plan is ------------------------------------------------------------------------


def test_plan_from_coop_tui_plan(
    demo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COOP_TUI_PLAN", str(demo))
    code, out, _ = run(capsys, "status")
    assert code == 0 and "En retard (1)" in out
    assert run(capsys, "move", demo, "A4", "blocked")[0] == 0
    assert [r["code"] for r in actions_json(capsys, "--status", "blocked")] == ["A4", "A9"]


def test_default_plan_in_the_current_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "status")
    assert code == 1 and "coop-plan.json" in one_line_error(err)
    assert run(capsys, "init", "coop-plan.json", "--demo")[0] == 0
    assert len(actions_json(capsys)) == 21
    assert run(capsys, "history")[0] == 0


# --- errors --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("move", "{p}"),
        ("move", "{p}", "A3"),
        ("actions", "{p}", "--status", "finished"),
        ("status", "{p}", "extra"),
        ("status", "{p}", "extra\nline\x1b[2J"),
        ("--lang", "de", "status", "{p}"),
        ("export", "{p}"),
        ("export", "{p}", "--format", "rtf"),
        ("report", "{p}", "--format", "toml"),
        ("import", "x.toml"),
        ("init",),
        ("history", "{p}", "--nope"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(
    demo: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...]
) -> None:
    code, out, err = run(capsys, *[a.format(p=demo) for a in args])
    assert (code, out) == (2, "")
    assert "\x1b" not in one_line_error(err)


def test_bad_frozen_day_is_a_usage_error(
    demo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COOP_TUI_TODAY", "bientôt")
    code, out, err = run(capsys, "status", demo)
    assert (code, out) == (2, "") and "COOP_TUI_TODAY" in one_line_error(err)


def test_failures_are_one_line_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "absent.json"
    code, out, err = run(capsys, "status", missing)
    assert (code, out) == (1, "") and str(missing) in one_line_error(err)
    assert not missing.exists()
    broken = tmp_path / "broken.json"
    broken.write_text('{"_meta": {"1": ', "utf-8")
    code, _, err = run(capsys, "actions", broken)
    assert code == 1 and str(broken) in one_line_error(err)
    assert broken.read_text("utf-8") == '{"_meta": {"1": '
    bad_toml = tmp_path / "bad.toml"
    bad_toml.write_text("format = [\n", "utf-8")
    code, _, err = run(capsys, "import", bad_toml, "-o", tmp_path / "new.json")
    assert code == 1 and "bad.toml" in one_line_error(err)
    assert not (tmp_path / "new.json").exists()


def test_version_with_python_dash_m() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "coop_tui", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stdout.strip()) == (0, f"coop-tui {__version__}")


def test_quick_commands_do_not_load_textual(demo: Path) -> None:
    script = (
        "import sys\nfrom coop_tui.cli import main\n"
        f"code = main(['status', {str(demo)!r}]) or main(['actions', {str(demo)!r}, '--json'])\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print('LOADED', heavy, code, file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "COOP_TUI_TODAY": "2026-03-02"},
    )
    assert done.returncode == 0, done.stderr
    assert "LOADED [] 0" in done.stderr


def test_a_reader_that_leaves_early_is_no_error(demo: Path) -> None:
    """`coop-tui actions --json | head -1`: no 'Broken pipe' message, exit 0."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before anything is written
    try:
        done = subprocess.run(
            [sys.executable, "-m", "coop_tui", "actions", str(demo), "--json"],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            check=False,
            env={**os.environ, "COOP_TUI_TODAY": "2026-03-02"},
        )
    finally:
        os.close(write_end)
    assert (done.returncode, done.stderr) == (0, "")
