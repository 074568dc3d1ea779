"""The CSV export in French: what a French spreadsheet opens in columns on a double-click.

`;` between cells, decimal comma, dates as 15/03/2026, the glossary's column names and
status words, numbers as bare numbers, a UTF-8 BOM, formulas defused. The CLI writes it
in the interface's language.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from coop_tui.domain.model import Action, BudgetLine, Objective, Resources, Status
from coop_tui.domain.snapshot import PlanData
from coop_tui.i18n import CATALOGS
from coop_tui.interchange.csv_export import COLUMNS, to_csv
from coop_tui.storage.store import PlanStore
from coop_tui.text import clean
from tests.unit.cli_helpers import (
    cli_env,  # noqa: F401  (fixture)
    make_demo,
    run,
)
from tests.unit.hostile import hostile_plan

FRENCH_HEADER = [CATALOGS["fr"][f"exports.csv.col.{name}"] for name in COLUMNS]
NUMBER = re.compile(r"-?\d+(,\d+)?")


def _french_rows(text: str) -> list[dict[str, str]]:
    """Read as LibreOffice or Excel in French read it: BOM, then `;`-separated cells."""
    raw = text.encode("utf-8")
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 BOM, so spreadsheets keep the accents"
    body = raw.decode("utf-8-sig")
    assert body.endswith("\r\n")
    reader = csv.reader(io.StringIO(body, newline=""), delimiter=";")
    header, *rows = list(reader)
    assert header == FRENCH_HEADER
    assert all(len(row) == len(COLUMNS) for row in rows)
    return [dict(zip(COLUMNS, row, strict=True)) for row in rows]


@pytest.fixture
def demo(demo_path: Path) -> PlanData:
    return PlanStore(demo_path).read()


def test_headers_from_the_glossary_and_english_stays_stable() -> None:
    assert FRENCH_HEADER[:5] == ["Identifiant", "Code", "Action", "Description", "Statut"]
    assert "Réponse envisagée" in FRENCH_HEADER and "Référent·e" in FRENCH_HEADER
    assert [CATALOGS["en"][f"exports.csv.col.{name}"] for name in COLUMNS] == list(COLUMNS)
    assert len(set(FRENCH_HEADER)) == len(COLUMNS)


def test_a_french_row(demo: PlanData) -> None:
    text = to_csv(demo, "fr")
    assert text.splitlines()[0].count(";") == len(COLUMNS) - 1
    rows = {r["code"]: r for r in _french_rows(text)}
    a2 = rows["A2"]
    action = demo.actions[a2["id"]]
    assert a2["title"] == "Rédiger la convention de GME"
    assert a2["status"] == "Terminée"
    assert a2["start"] == action.start.strftime("%d/%m/%Y")  # type: ignore[union-attr]
    assert (a2["budget"], a2["working_days"]) == ("3600", "4")
    assert rows["A13"]["remedy"] == "Accompagnement par un expert"
    assert rows["A13"]["missing_skills"] == "informatique"
    assert rows["A9"]["status"] == "Bloquée"


def test_every_number_is_a_french_number(demo: PlanData) -> None:
    for row in _french_rows(to_csv(demo, "fr")):
        for column in ("budget", "working_days"):
            assert row[column] == "" or NUMBER.fullmatch(row[column]), (column, row[column])


def test_decimal_comma_and_lists() -> None:
    objective = Objective(id="o", code="O1", statement="x")
    first = Action(
        id="a", code="A1", objective="o", title="first", skills=("CRM", "paie"),
        resources=Resources(working_days=0.5), status=Status.IN_PROGRESS,
    )  # fmt: skip
    second = Action(id="b", code="A2", objective="o", title="second", depends_on=("a",))
    line = BudgetLine(id="l", action="a", amount=1500.5)
    data = PlanData(objectives={"o": objective}, actions={"a": first, "b": second},
                    budget_lines={"l": line})  # fmt: skip
    rows = {r["code"]: r for r in _french_rows(to_csv(data, "fr"))}
    assert (rows["A1"]["budget"], rows["A1"]["working_days"]) == ("1500,5", "0,5")
    assert rows["A1"]["required_skills"] == "CRM, paie"
    assert rows["A1"]["status"] == "En cours" and rows["A2"]["status"] == "À faire"
    assert rows["A2"]["depends_on"] == "A1" and rows["A2"]["budget"] == ""
    assert rows["A2"]["remedy"] == "" and rows["A2"]["start"] == ""
    english = to_csv(data, "en").splitlines()
    assert english[0].startswith("\ufeffid,code,title") and ",1500.5,0.5," in english[1]


@pytest.mark.parametrize("formula", ['=HYPERLINK("http://x")', "+1", "-1", "@SUM(A1)", ";=1"])
def test_a_formula_stays_text(formula: str) -> None:
    data = PlanData(
        objectives={"o": Objective(id="o", code="O1", statement="x")},
        actions={"a": Action(id="a", code="A1", objective="o", title=formula)},
    )
    (row,) = _french_rows(to_csv(data, "fr"))
    assert row["title"] == (formula if formula.startswith(";") else "'" + formula)


def test_hostile_text_survives_in_french(demo: PlanData) -> None:
    data = hostile_plan(demo)
    text = to_csv(data, "fr")
    assert "\x1b" not in text and "\x00" not in text
    rows = {r["id"]: r for r in _french_rows(text)}
    assert len(rows) == len(data.actions)
    for action in data.actions.values():
        shown = "\n".join(clean(line) for line in action.title.replace("\r\n", "\n").split("\n"))
        if shown.startswith(("=", "+", "-", "@", "\t")):
            shown = "'" + shown
        assert rows[action.id]["title"] == shown


# --- the CLI writes it in the interface's language ----------------------------------------------


@pytest.mark.usefixtures("cli_env")
@pytest.mark.parametrize(
    ("args", "env", "french"),
    [
        ((), {}, True),  # the demo plan is in French
        (("--lang", "en"), {}, False),
        ((), {"COOP_TUI_LANG": "en"}, False),
        (("--lang", "fr"), {"COOP_TUI_LANG": "en"}, True),
    ],
)
def test_cli_export_csv_follows_the_language(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    args: tuple[str, ...],
    env: dict[str, str],
    french: bool,
) -> None:
    plan = make_demo(tmp_path, capsys)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    target = tmp_path / "actions.csv"
    code, out, err = run(capsys, *args, "export", plan, "--format", "csv", "-o", target)
    assert (code, out) == (0, "") and str(target) in err
    text = target.read_bytes().decode("utf-8")
    header = text.lstrip("\ufeff").split("\r\n", 1)[0]
    assert header == (";".join(FRENCH_HEADER) if french else ",".join(COLUMNS))
