"""Issue 3, first requirement: the whole worksheet, from an empty plan, by keys alone.

One continuous run builds step 1 (organisations, stakes, the shared stake suggested by the
matrix), step 2 (shared and operational objectives, indicator, measurement) and step 3
(partner, lead person, two actions, one needing a skill nobody holds, and a budget line for
each with `b`), then re-reads the plan file and checks every value typed reached it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from coop_tui.domain.checks import skill_gaps
from coop_tui.domain.model import Plan, Resources, Status
from coop_tui.storage.store import PlanStore
from coop_tui.tui.modals.record_form import RecordForm
from coop_tui.tui.screens.stakes import StakesScreen
from coop_tui.tui.widgets.line_table import LineTable
from tests.helpers import (
    TODAY,
    add_organisation,
    add_stake,
    badges,
    choose,
    loaded,
    make_app,
    read,
    save_form,
    switch_to,
    tab_to,
    table_rows,
    tick,
    tree_cursor,
    type_into,
    type_text,
    wait_until,
)

SIZE = (120, 40)


async def add_with_form(
    pilot: Any, path: Path, key: str, fields: dict[str, str], done: Any
) -> None:
    """`key` opens a form; type each field (tab between them), ctrl+s, wait for the file."""
    await pilot.press(key)
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, RecordForm))
    for name, text in fields.items():
        await type_into(pilot, name, text)
    await save_form(pilot, path, done)


def table(app: Any, table_id: str) -> Any:
    """The table of one pane of the action plan."""
    return app.screen.query_one(f"#{table_id}", LineTable)


async def tab_to_table(pilot: Any, table_id: str) -> None:
    """Press tab until the table of pane `table_id` has the focus."""
    target = table(pilot.app, table_id)
    for _ in range(10):
        if pilot.app.focused is target:
            return
        await pilot.press("tab")
    raise AssertionError(f"tab never reached {table_id}: at {pilot.app.focused}")


@pytest.mark.slow
async def test_worksheet_from_an_empty_plan_with_keys_alone(tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    PlanStore(path).create(Plan(title="Test", language="en"))
    app = make_app(path, "en")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)

        # --- Screen 1: two organisations, a Skills stake each, the suggested shared stake.
        stakes = await switch_to(pilot, "1", "StakesScreen")
        assert isinstance(stakes, StakesScreen)
        # Alpha: an EI (two down from ACI), the lead (one up from partner); Beta: ACI, partner.
        await add_organisation(pilot, path, "Alpha", ["down", "down"], ["up"],
                               "logistics, payroll", "Hall", 1, enter=type_into)  # fmt: skip
        await add_organisation(pilot, path, "Beta", [], [], "training", "Few", 2, enter=type_into)
        orgs = {o.name: o.id for o in read(path).organisations.values()}
        assert stakes.selected("orgs") == orgs["Beta"]
        skills = ["up"] * 4  # "Skills", four up from "Other"
        await add_stake(pilot, path, skills, "Trainers", "Loss", "Gain", 1, enter=type_into)
        await tab_to(pilot, "orgs-table")
        await pilot.press("up")
        assert stakes.selected("orgs") == orgs["Alpha"]
        await add_stake(pilot, path, skills, "Payroll", "Errors", "Savings", 2, enter=type_into)

        await tab_to(pilot, "matrix-table")
        await pilot.press("down", "down")
        assert stakes.selected("matrix") == "skills"
        await pilot.press("s")  # the suggestion: both organisations hold a Skills stake
        await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
        assert app.screen.query_one("#f-code").value == "E1"  # type: ignore[attr-defined]
        await type_into(pilot, "statement", "Train together")
        await save_form(pilot, path, lambda d: len(d.shared_stakes) == 1)
        (shared_stake,) = read(path).shared_stakes.values()

        # --- Screen 2: a shared objective for E1, an operational one under it, an indicator.
        await switch_to(pilot, "2", "ObjectivesScreen")
        assert tree_cursor(app) == f"s:{shared_stake.id}"
        await add_with_form(pilot, path, "a", {"statement": "Share trainers"},
                            lambda d: len(d.objectives) == 1)  # fmt: skip
        (shared_obj,) = read(path).objectives.values()
        await wait_until(pilot, lambda: tree_cursor(app) == f"o:{shared_obj.id}")
        await add_with_form(
            pilot, path, "a",
            {"statement": "Train 10 people", "expected_results": "10 trained",
             "deadline": "2026-09-30"},
            lambda d: len(d.objectives) == 2,
        )  # fmt: skip
        (operational,) = [o for o in read(path).objectives.values() if o.parent]
        await wait_until(pilot, lambda: tree_cursor(app) == f"o:{operational.id}")
        await add_with_form(
            pilot, path, "i",
            {"name": "People trained", "unit": "people", "baseline": "2", "target": "10"},
            lambda d: len(d.indicators) == 1,
        )  # fmt: skip
        await wait_until(pilot, lambda: "M ✓" in badges(app))
        await pilot.press("m")  # m, the value, enter: a measurement dated today, by me
        await wait_until(pilot, lambda: app.screen.__class__.__name__ == "MeasurementForm")
        await type_text(pilot, "4")
        await pilot.press("enter")
        await wait_until(pilot, lambda: len(read(path).measurements) == 1)
        await wait_until(pilot, lambda: app.plan_data.revision == read(path).revision)

        # --- Screen 3: a partner, a lead person, two actions.
        await switch_to(pilot, "3", "ActionPlanScreen")
        await tab_to_table(pilot, "partners-table")
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
        await type_into(pilot, "name", "France Active")
        await choose(pilot, "kind", "Funder")
        await type_into(pilot, "brings", "Loan")
        await save_form(pilot, path, lambda d: len(d.partners) == 1)

        await tab_to_table(pilot, "people-table")
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
        await type_into(pilot, "name", "Cam Roy")
        await choose(pilot, "organisation", "Alpha")
        await type_into(pilot, "role", "Director")
        await save_form(pilot, path, lambda d: len(d.people) == 1)

        await tab_to_table(pilot, "actions-table")
        for count, (title, skills, days, start, end) in enumerate((
            ("Shared workshop", "logistics, welding", "3.5", "2026-03-15", "2026-06-30"),
            ("Joint training", "training", "2", "2026-04-01", "2026-07-31"),
        ), start=1):  # fmt: skip
            await pilot.press("a")
            await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
            await type_into(pilot, "title", title)
            await choose(pilot, "lead", "Cam Roy")
            await type_into(pilot, "start", start)
            await type_into(pilot, "end", end)
            await type_into(pilot, "skills", skills)
            await type_into(pilot, "resources.working_days", days)
            await tick(pilot, "partners", "France Active")
            await save_form(pilot, path, lambda d, n=count: len(d.actions) == n)  # type: ignore[misc]
            await wait_until(pilot, lambda n=count: table(app, "actions-table").row_count == n)  # type: ignore[misc]

        # --- Their money, without leaving the worksheet: `b`, a budget line for each action.
        for move, label, amount, count in (("", "Trainer fees", "800", 1),
                                           ("up", "Workshop hire", "1,500", 2)):  # fmt: skip
            if move:
                await pilot.press(move)
            await pilot.press("b")
            await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
            await type_into(pilot, "label", label)
            await type_into(pilot, "amount", amount)
            await save_form(pilot, path, lambda d, n=count: len(d.budget_lines) == n)  # type: ignore[misc]
        resources = [row[3].split("\n")[0] for row in table_rows(table(app, "actions-table"))]
        assert resources == ["€1,500", "€800"]  # the "Resources and means" column

    # --- Everything typed is in the file.
    data = PlanStore(path).read()
    by_name = {o.name: o for o in data.organisations.values()}
    alpha, beta = by_name["Alpha"], by_name["Beta"]
    assert set(by_name) == {"Alpha", "Beta"}
    assert (alpha.kind, alpha.role, alpha.skills, alpha.diagnosis) == (
        "EI", "lead", ("logistics", "payroll"), "Hall",
    )  # fmt: skip
    assert (beta.kind, beta.role, beta.skills, beta.diagnosis) == (
        "ACI", "partner", ("training",), "Few",
    )  # fmt: skip

    stake_values = {(s.organisation, s.category, s.statement, s.risk, s.gain)
                    for s in data.stakes.values()}  # fmt: skip
    assert stake_values == {
        (beta.id, "skills", "Trainers", "Loss", "Gain"),
        (alpha.id, "skills", "Payroll", "Errors", "Savings"),
    }
    (shared_stake,) = data.shared_stakes.values()
    assert (shared_stake.code, shared_stake.title, shared_stake.statement) == (
        "E1", "Skills", "Train together",
    )  # fmt: skip
    assert set(shared_stake.stakes) == set(data.stakes)

    shared_obj = next(o for o in data.objectives.values() if not o.parent)
    operational = next(o for o in data.objectives.values() if o.parent)
    assert len(data.objectives) == 2
    assert (shared_obj.code, shared_obj.shared_stake, shared_obj.statement) == (
        "O1", shared_stake.id, "Share trainers",
    )  # fmt: skip
    assert (operational.code, operational.parent, operational.statement) == (
        "O1.1", shared_obj.id, "Train 10 people",
    )  # fmt: skip
    assert operational.expected_results == "10 trained"
    assert operational.deadline == dt.date(2026, 9, 30)

    (indicator,) = data.indicators.values()
    assert (indicator.objective, indicator.name, indicator.kind, indicator.unit) == (
        operational.id, "People trained", "quantitative", "people",
    )  # fmt: skip
    assert (indicator.baseline, indicator.target) == (2.0, 10.0)
    (measurement,) = data.measurements.values()
    assert (measurement.indicator, measurement.value) == (indicator.id, 4.0)
    assert (measurement.date, measurement.author) == (TODAY, "demo")

    (partner,) = data.partners.values()
    assert (partner.name, partner.kind, partner.brings) == ("France Active", "funder", "Loan")
    (person,) = data.people.values()
    assert (person.name, person.organisation, person.role) == ("Cam Roy", alpha.id, "Director")

    a1, a2 = data.sorted_actions()
    assert (a1.code, a1.objective, a1.title) == ("A1", operational.id, "Shared workshop")
    assert a1.skills == ("logistics", "welding")
    assert a1.resources == Resources(working_days=3.5)
    assert (a1.start, a1.end) == (dt.date(2026, 3, 15), dt.date(2026, 6, 30))
    assert (a1.partners, a1.lead, a1.status) == ((partner.id,), person.id, Status.TODO)
    assert (a2.code, a2.objective, a2.title) == ("A2", operational.id, "Joint training")
    assert a2.skills == ("training",)
    assert a2.resources == Resources(working_days=2.0)
    assert (a2.start, a2.end) == (dt.date(2026, 4, 1), dt.date(2026, 7, 31))
    assert (a2.partners, a2.lead, a2.status) == ((partner.id,), person.id, Status.TODO)

    lines = {data.actions[line.action].code: line for line in data.budget_lines.values()}
    assert (lines["A1"].label, lines["A1"].amount) == ("Workshop hire", 1500.0)
    assert (lines["A2"].label, lines["A2"].amount) == ("Trainer fees", 800.0)
    assert all(not line.yearly and line.shares == () for line in lines.values())

    # Welding is held by nobody: the one skill gap; logistics and training are held.
    assert [(g.action, g.skill) for g in skill_gaps(data)] == [(a1.id, "welding")]
