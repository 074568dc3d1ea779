"""The approvals of an objective (screen 2, `p`): several partners approve in one dialog,
each by a person of theirs and at a review; a lapsed approval says what changed and is
renewed; escape closes the dialog."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Select

from coop_tui.domain.approvals import approval_lapsed
from coop_tui.domain.model import (
    Indicator,
    Objective,
    Organisation,
    Person,
    Plan,
    Review,
    SharedStake,
)
from coop_tui.tui.modals.approval_dialog import ApprovalDialog
from coop_tui.tui.widgets.line_table import LineTable
from tests.helpers import (
    TODAY,
    by_code,
    create_plan,
    demo_ids,
    ids_for,
    loaded,
    make_app,
    read,
    screen_text,
    tab_to,
    table_rows,
    wait_until,
)

D = demo_ids()
DAY = dt.timedelta(days=1)


@pytest.fixture
def plan_path(tmp_path: Path) -> Path:
    """Two partners (two people in the first), three reviews (one still to come), one
    operational objective with an indicator, approved by nobody yet."""
    path = tmp_path / "plan.json"
    records = [
        Organisation(id="org-a", name="Les Jardins", kind="ACI", role="lead"),
        Organisation(id="org-b", name="Cycl'Avenir", kind="EI"),
        Person(id="p-nadia", name="Nadia Benali", organisation="org-a"),
        Person(id="p-ines", name="Inès Coulibaly", organisation="org-a"),
        Person(id="p-julien", name="Julien Perrin", organisation="org-b"),
        Review(id="r-old", kind="cotech", title="COTECH 0", date=TODAY - 90 * DAY),
        Review(id="r-copil", kind="copil", title="COPIL 1", date=TODAY - 5 * DAY),
        Review(id="r-next", kind="copil", title="COPIL 2", date=TODAY + 20 * DAY),
        SharedStake(id="ss-1", code="E1", title="Marchés"),
        Objective(id="o1", code="O1", shared_stake="ss-1", statement="Gagner"),
        Objective(id="o11", code="O1.1", parent="o1", statement="Répondre à 2 marchés",
                  deadline=TODAY + 200 * DAY),
        Indicator(id="i1", objective="o11", name="Marchés", baseline=0, target=2, unit="lots"),
    ]  # fmt: skip
    create_plan(path, Plan(title="Essai", language="fr"), records)
    return path


async def open_objective(pilot: Any, code: str, path: Path) -> None:
    await loaded(pilot)
    await pilot.press("2")
    await wait_until(pilot, lambda: pilot.app.screen.__class__.__name__ == "ObjectivesScreen")
    await pilot.pause()
    tree = pilot.app.screen.query_one("#tree")
    key = f"o:{by_code(read(path), code).id}"
    await pilot.press("home")
    for _ in range(30):
        if tree.cursor_key == key:
            return
        await pilot.press("down")
    raise AssertionError(f"{code} not reached")


def person(app: Any) -> object:
    """Who approves for the partner under the cursor (the dialog's choice)."""
    return app.screen.query_one("#approval-person", Select).value


def dialog_rows(app: Any) -> list[list[str]]:
    return table_rows(app.screen.query_one("#approval-partners"))


async def test_several_partners_approve_in_one_dialog_by_person_and_review(
    plan_path: Path,
) -> None:
    ids = ids_for(plan_path)
    app = make_app(plan_path, "fr")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_objective(pilot, "O1.1", plan_path)
        await pilot.press("p")
        await wait_until(pilot, lambda: isinstance(app.screen, ApprovalDialog))
        assert dialog_rows(app) == [["Les Jardins", "✗ pas encore"],
                                    ["Cycl'Avenir", "✗ pas encore"]]  # fmt: skip
        # By default: the organisation's first person, at the latest review held.
        assert person(app) == ids["p-nadia"]
        assert app.screen.query_one("#approval-review", Select).value == ids["r-copil"]

        # Les Jardins approves by Inès: her name chosen, back to the list, enter.
        await tab_to(pilot, "approval-person")
        await pilot.press("enter", "down", "enter")
        await wait_until(pilot, lambda: person(app) == ids["p-ines"])
        await tab_to(pilot, "approval-partners")
        await pilot.press("enter")
        await wait_until(
            pilot, lambda: ids["org-a"] in read(plan_path).objectives[ids["o11"]].approvals
        )
        await wait_until(pilot, lambda: dialog_rows(app)[0][1] == "✓ 02/03/2026")
        detail = str(app.screen.query_one("#approval-detail").render())
        assert detail == "Approbation donnée\u00a0: 02/03/2026 · Inès Coulibaly · COPIL 1."

        # Still open: Cycl'Avenir approves next, by its one person.
        assert isinstance(app.screen, ApprovalDialog)
        await pilot.press("down")
        assert person(app) == ids["p-julien"]
        await pilot.press("space")
        await wait_until(
            pilot, lambda: ids["org-b"] in read(plan_path).objectives[ids["o11"]].approvals
        )
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, ApprovalDialog))

    data = read(plan_path)
    objective = data.objectives[ids["o11"]]
    given = {org: (a.person, a.review, a.date) for org, a in objective.approvals.items()}
    assert given == {
        ids["org-a"]: (ids["p-ines"], ids["r-copil"], TODAY),
        ids["org-b"]: (ids["p-julien"], ids["r-copil"], TODAY),
    }
    assert not any(approval_lapsed(data, objective, a) for a in objective.approvals.values())
    ops = [e.what.op for e in app.store.recent_history(2) if e.what is not None]
    assert ops == ["approve", "approve"]


async def test_enter_on_a_current_approval_withdraws_it(plan_path: Path) -> None:
    ids = ids_for(plan_path)
    app = make_app(plan_path, "en")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_objective(pilot, "O1.1", plan_path)
        await pilot.press("p", "enter")

        def approvals() -> dict[str, Any]:
            return dict(read(plan_path).objectives[ids["o11"]].approvals)

        await wait_until(pilot, lambda: ids["org-a"] in approvals())
        await wait_until(pilot, lambda: dialog_rows(app)[0][1].startswith("✓"))
        await pilot.press("enter")
        await wait_until(pilot, lambda: ids["org-a"] not in approvals())
        await wait_until(pilot, lambda: dialog_rows(app)[0][1] == "✗ not yet")
        entry = app.store.recent_history(1)[-1]
        assert entry.what is not None and entry.what.op == "withdraw"


async def test_a_lapsed_approval_says_what_changed_and_is_renewed(demo_path: Path) -> None:
    """Cycl'Avenir approved O2.2 before its target changed at the COTECH: to renew."""
    org, o22 = D["org-ei"], D["o2-2"]
    app = make_app(demo_path, "fr")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_objective(pilot, "O2.2", demo_path)
        pane = table_rows(app.screen.query_one("#approvals"))
        lapsed = next(state for name, state in pane if name == "Cycl'Avenir")
        assert lapsed == "↻ à renouveler, modifié depuis\u00a0: les cibles"
        # In the approvals pane, p opens the dialog on the partner under the cursor.
        table = app.screen.query_one("#approvals")
        table.focus()
        names = [name for name, _ in pane]
        await pilot.press(*["down"] * names.index("Cycl'Avenir"), "p")
        await wait_until(pilot, lambda: isinstance(app.screen, ApprovalDialog))
        assert app.screen.query_one("#approval-partners", LineTable).selected_key == org
        assert "à renouveler" in screen_text(app)
        await pilot.press("enter")

        def renewed() -> bool:
            data = read(demo_path)
            objective = data.objectives[o22]
            return not approval_lapsed(data, objective, objective.approvals[org])

        await wait_until(pilot, renewed)
        data = read(demo_path)
        objective = data.objectives[o22]
        assert not approval_lapsed(data, objective, objective.approvals[org])
        assert objective.approvals[org].person == D["p-julien"]  # who approved before
        assert objective.approvals[org].review == D["rev-cotech-nov"]  # the latest held
        await pilot.press("escape")


async def test_changing_the_statement_in_the_form_makes_the_approvals_to_renew(
    demo_path: Path,
) -> None:
    """The form edits the objective, never its approvals (the dialog gives those): they
    stay as given and say what changed since."""
    from coop_tui.tui.modals.record_form import RecordForm
    from tests.helpers import fill, save_form

    o11 = by_code(read(demo_path), "O1.1")
    app = make_app(demo_path, "fr")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_objective(pilot, "O1.1", demo_path)
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
        assert not app.screen.query("#f-approvals")
        await fill(pilot, "statement", "Remporter au moins 3 marchés en GME")
        await save_form(pilot, demo_path, lambda d: d.objectives[o11.id].statement != o11.statement)

        def states():
            return [s for _, s in table_rows(app.screen.query_one("#approvals"))]

        await wait_until(pilot, lambda: "✓" not in "".join(states()))
        assert set(states()) == {"↻ à renouveler, modifié depuis\u00a0: l'énoncé"}
    assert read(demo_path).objectives[o11.id].approvals == o11.approvals
