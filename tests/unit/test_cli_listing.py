"""`objectives`, `indicators`, `gaps` and `contradictions`: what `status` shows a few of,
listed whole, as text and as JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coop_tui.storage.store import PlanStore
from tests.unit.cli_helpers import NBSP, cli_env, make_demo, run  # noqa: F401  (fixture)
from tests.unit.plan_builders import hostile_plan

pytestmark = pytest.mark.usefixtures("cli_env")


@pytest.fixture
def demo(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    return make_demo(tmp_path, capsys)


def lines(capsys: pytest.CaptureFixture[str], *args: object) -> list[str]:
    code, out, err = run(capsys, *args)
    assert (code, err) == (0, "")
    return out.splitlines()


def rows(capsys: pytest.CaptureFixture[str], *args: object) -> list[dict[str, object]]:
    code, out, err = run(capsys, *args, "--json")
    assert (code, err) == (0, "")
    return json.loads(out)  # type: ignore[no-any-return]


def test_objectives_in_code_order_with_deadline_progress_and_smart(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    got = lines(capsys, "objectives", demo)
    assert [line.split()[0] for line in got] == [
        "O1", "O1.1", "O1.2", "O2", "O2.1", "O2.2", "O3", "O3.1", "O3.2",
    ]  # fmt: skip
    assert got[1] == f"O1.1   13/10/2026   50{NBSP}%  Remporter au moins 2 marchés en GME"
    assert got[5].endswith(
        f"Mutualiser paie et comptabilité — à compléter{NBSP}: A{NBSP}: approbation à "
        f"renouveler{NBSP}: Cycl'Avenir{NBSP}; R{NBSP}: pas encore jugé réaliste et ambitieux"
    )
    incomplete = lines(capsys, "objectives", demo, "--incomplete")
    assert [line.split()[0] for line in incomplete] == ["O2.2", "O3.2"]
    coming = lines(capsys, "--lang", "en", "objectives", demo, "--coming")
    assert [line.split()[:2] for line in coming[:3]] == [
        ["O1.1", "2026-10-13"], ["O3.1", "2027-04-15"], ["O2.2", "2027-10-13"],
    ]  # the nearest first  # fmt: skip
    assert len(coming) == 9 and "— to complete: A: " in coming[2]


def test_objectives_json(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = PlanStore(demo).read()
    found = {r["code"]: r for r in rows(capsys, "objectives", demo)}
    assert set(found) == {o.code for o in data.objectives.values()}
    o22 = found["O2.2"]
    assert (o22["parent"], o22["deadline"], o22["progress"]) == ("O2", "2027-10-13", 0.0)
    assert [(x["letter"], x["check"]) for x in o22["smart_missing"]] == [  # type: ignore[attr-defined]
        ("A", "to_renew"),
        ("R", "not_judged"),
    ]
    assert o22["smart_missing"][0]["reason"].startswith("approbation à renouveler")  # type: ignore[index]
    assert found["O1.1"]["smart_missing"] == [] and found["O1"]["parent"] == ""
    assert rows(capsys, "objectives", demo, "--coming", "--incomplete") == [
        found["O2.2"],
        found["O3.2"],
    ]


def test_indicators_every_one_and_those_behind(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    got = lines(capsys, "indicators", demo)
    assert len(got) == 11 and got[0].startswith(f"O1.1 Marchés attribués{NBSP}: 1 / 2 marchés")
    behind = lines(capsys, "--lang", "en", "indicators", demo, "--behind")
    assert behind == [
        "O2.2 Coûts des fonctions support: 97,500 / 80,000 € par an (0%) — behind the path",
        "O3.1 Satisfaction des acheteurs: — / bon (0%) — behind the path",
    ]
    found = {r["name"]: r for r in rows(capsys, "indicators", demo)}
    costs = found["Coûts des fonctions support"]
    assert (costs["objective"], costs["baseline"], costs["target"], costs["path"]) == (
        "O2.2", 96000.0, 80000.0, "behind",
    )  # fmt: skip
    assert costs["latest"]["value"] == 97500.0  # type: ignore[index]
    satisfaction = found["Satisfaction des acheteurs"]
    assert (satisfaction["kind"], satisfaction["target_level"], satisfaction["latest"]) == (
        "qualitative", "bon", None,
    )  # fmt: skip
    assert [r["path"] for r in rows(capsys, "indicators", demo, "--behind")] == ["behind"] * 2


def test_gaps_and_contradictions(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert lines(capsys, "gaps", demo) == [
        f"«{NBSP}CRM{NBSP}» pour A10 — Formation",
        f"«{NBSP}relation entreprises{NBSP}» pour A11 — Recrutement",
        f"«{NBSP}informatique{NBSP}» pour A13 — Accompagnement par un expert",
    ]
    gap = rows(capsys, "gaps", demo)[0]
    assert {k: gap[k] for k in ("action", "skill", "remedy")} == {
        "action": "A10", "skill": "CRM", "remedy": "training",
    }  # fmt: skip
    assert gap["title"] == "Base entreprises commune (RGPD)" and "closest" in gap
    assert lines(capsys, "contradictions", demo) == ["A18 finit après l'échéance de O3.1"]
    (found,) = rows(capsys, "contradictions", demo)
    assert (found["kind"], found["record"], found["other"]) == (
        "action_after_deadline", "A18", "O3.1",
    )  # fmt: skip
    assert isinstance(found["days"], int) and found["days"] > 0


def test_empty_plan(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "vide.json"
    assert run(capsys, "init", path)[0] == 0
    assert lines(capsys, "objectives", path) == ["Aucun objectif."]
    assert lines(capsys, "indicators", path) == ["Aucun indicateur."]
    assert lines(capsys, "--lang", "en", "gaps", path) == ["No skill gaps."]
    assert lines(capsys, "contradictions", path) == ["Aucune date ne se contredit."]
    for command in ("objectives", "indicators", "gaps", "contradictions"):
        assert rows(capsys, command, path) == []


@pytest.mark.parametrize("command", ["objectives", "indicators", "gaps", "contradictions"])
def test_hostile_text_is_shown_safely_and_exactly_in_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    path = tmp_path / "hostile.json"
    PlanStore(path).create(*hostile_plan())
    code, out, err = run(capsys, command, path)
    assert (code, err) == (0, "") and out
    for raw in ("\x1b", "\x00", "\x9b", "\x7f", "\u202e"):
        assert raw not in out, repr(raw)
    code, out, _ = run(capsys, command, path, "--json")
    assert code == 0 and "\x9b" not in out and "\u202e" not in out and "\x1b" not in out
    found = json.loads(out)
    assert found
    if command == "objectives":
        data = PlanStore(path).read()
        assert {r["statement"] for r in found} == {o.statement for o in data.objectives.values()}
