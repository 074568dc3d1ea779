"""The CSV export in English (the stable form), read back with the csv module: one row per
action, every field. French: test_export_csv_french.py."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from coop_tui.domain.snapshot import PlanData
from coop_tui.interchange.csv_export import COLUMNS, to_csv
from coop_tui.storage.store import PlanStore
from coop_tui.text import clean
from tests.unit.hostile import hostile_plan


@pytest.fixture
def demo(demo_path: Path) -> PlanData:
    return PlanStore(demo_path).read()


def _rows(text: str) -> list[dict[str, str]]:
    raw = text.encode("utf-8")
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 BOM, so spreadsheets keep the accents"
    reader = csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""))
    header, *body = list(reader)
    assert tuple(header) == COLUMNS
    assert all(len(row) == len(COLUMNS) for row in body)
    return [dict(zip(header, row, strict=True)) for row in body]


def test_one_row_per_action_with_every_field(demo: PlanData) -> None:
    rows = _rows(to_csv(demo, "en"))
    assert sorted(r["id"] for r in rows) == sorted(demo.actions)
    a2 = next(r for r in rows if r["code"] == "A2")
    action = demo.actions[a2["id"]]
    assert a2["title"] == action.title == "Rédiger la convention de GME"
    assert a2["status"] == "done"
    assert (a2["objective_code"], a2["objective"]) == (
        "O1.1",
        "Remporter au moins 2 marchés en GME",
    )
    assert a2["shared_objective_code"] == "O1"
    assert (a2["shared_stake_code"], a2["shared_stake"]) == (
        "E1", "Remporter ensemble des marchés publics locaux",
    )  # fmt: skip
    assert a2["start"] == action.start.isoformat() and a2["end"] == action.end.isoformat()
    assert (a2["lead"], a2["lead_organisation"]) == ("Julien Perrin", "Cycl'Avenir")
    assert a2["required_skills"] == "droit de la commande publique"
    assert a2["budget"] == "3600" and a2["working_days"] == "4"
    assert a2["external_partners"] == "Cabinet d'expert-comptable"
    a13 = next(r for r in rows if r["code"] == "A13")
    assert (a13["missing_skills"], a13["remedy"]) == ("informatique", "expert")
    assert a13["remedy_note"].startswith("Le cabinet d'expert-comptable")
    a9 = next(r for r in rows if r["code"] == "A9")
    # 48 000 € a year over 2026 and 2027, from its budget line: no more "par an" in words
    assert a9["other_resources"] == "" and a9["budget"] == "96000"


def test_rows_follow_objectives_then_board_order(demo: PlanData) -> None:
    codes = [r["code"] for r in _rows(to_csv(demo))]
    assert codes[:4] == ["A1", "A2", "A3", "A4"]
    assert len(codes) == len(demo.actions) == 21


def test_dependencies_and_plain_numbers() -> None:
    from coop_tui.domain.model import Action, BudgetLine, Objective, Resources

    objective = Objective(id="o", code="O1", statement="x")
    first = Action(id="a", code="A1", objective="o", title="first",
                   resources=Resources(working_days=0.5))  # fmt: skip
    second = Action(id="b", code="A2", objective="o", title="second", depends_on=("a",))
    line = BudgetLine(id="l", action="a", amount=1500.5)
    data = PlanData(objectives={"o": objective}, actions={"a": first, "b": second},
                    budget_lines={"l": line})  # fmt: skip
    rows = {r["code"]: r for r in _rows(to_csv(data))}
    assert rows["A1"]["budget"] == "1500.5" and rows["A1"]["working_days"] == "0.5"
    assert rows["A2"]["depends_on"] == "A1"
    assert rows["A2"]["budget"] == "" and rows["A2"]["start"] == ""


def _as_exported(typed: str) -> str:
    """What a cell holds for typed text: controls made visible, a formula start defused."""
    shown = "\n".join(clean(line) for line in typed.replace("\r\n", "\n").split("\n"))
    return "'" + shown if shown.startswith(("=", "+", "-", "@", "\t")) else shown


def test_hostile_text_in_every_field_survives(demo: PlanData) -> None:
    data = hostile_plan(demo)
    rows = {r["id"]: r for r in _rows(to_csv(data))}
    assert len(rows) == len(data.actions)
    for action in data.actions.values():
        row = rows[action.id]
        objective = data.objectives[action.objective]
        res = action.resources
        for column, typed in (
            ("title", action.title), ("description", action.description), ("code", action.code),
            ("objective", objective.statement), ("objective_code", objective.code),
            ("places", res.places), ("equipment", res.equipment), ("other_resources", res.other),
            ("remedy_note", "; ".join(r.note for r in action.remedies if r.note)),
            ("required_skills", "; ".join(action.skills)),
            ("lead", data.lead_name(action)),
        ):  # fmt: skip
            assert row[column] == _as_exported(typed), (column, typed)
    text = to_csv(data)
    assert "\x1b" not in text and "\x00" not in text


@pytest.mark.parametrize("formula", ['=HYPERLINK("http://x")', "+1", "-1", "@SUM(A1)"])
def test_a_formula_stays_text(formula: str) -> None:
    from coop_tui.domain.model import Action, Objective

    data = PlanData(
        objectives={"o": Objective(id="o", code="O1", statement="x")},
        actions={"a": Action(id="a", code="A1", objective="o", title=formula)},
    )
    (row,) = _rows(to_csv(data))
    assert row["title"] == "'" + formula
