"""Screen 3, the action plan: keys alone build the worksheet's step 3, and it lands on disk."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, Select, Static, TextArea

from coop_tui.domain.model import (
    Action,
    ExternalPartner,
    Objective,
    Organisation,
    Person,
    Plan,
    Remedy,
    Resources,
    SharedStake,
    Stake,
    Status,
)
from coop_tui.storage.store import PlanStore
from coop_tui.text import clean
from coop_tui.tui.modals.confirm import ConfirmModal
from coop_tui.tui.modals.record_form import RecordForm
from coop_tui.tui.modals.remedy import RemedyModal
from coop_tui.tui.widgets.line_table import LineTable
from tests.helpers import (
    HOSTILE,
    choose,
    create_plan,
    fill,
    loaded,
    make_app,
    plain,
    save_form,
    table_rows,
    tick,
    wait_until,
)

SIZE = (120, 40)


def base_records() -> list[Any]:
    """Two organisations with skills, a shared stake, a shared and an operational objective."""
    return [
        Organisation(id="org-a", name="Atelier A", kind="ACI", role="lead",
                     skills=("menuiserie", "logistique")),
        Organisation(id="org-b", name="Bureau B", kind="AI", skills=("comptabilité",)),
        Stake(id="st-a", organisation="org-a", category="revenue", statement="Dépend d'un client"),
        Stake(id="st-b", organisation="org-b", category="revenue", statement="CA trop faible"),
        SharedStake(id="ss-1", code="E1", title="Marchés publics", stakes=("st-a", "st-b")),
        Objective(id="o-1", code="O1", shared_stake="ss-1", statement="Gagner des marchés"),
        Objective(id="o-1-1", code="O1.1", parent="o-1", statement="Remporter un marché",
                  deadline=dt.date(2026, 12, 31)),
    ]  # fmt: skip


def make_plan(tmp_path: Path, extra: list[Any] = ()) -> tuple[Path, dict[str, str]]:  # type: ignore[assignment]
    """The plan, and its ids by the labels the records above use."""
    path = tmp_path / "plan.json"
    ids = create_plan(path, Plan(title="Coop test", language="fr"), [*base_records(), *extra])
    return path, ids


def table(app: Any, table_id: str) -> LineTable:
    return app.screen.query_one(f"#{table_id}", LineTable)


def detail(app: Any, pane: str) -> str:
    return str(app.screen.query_one(f"#{pane}-detail", Static).render())


async def open_screen(pilot: Any) -> None:
    await loaded(pilot)
    await pilot.press("3")
    await wait_until(pilot, lambda: pilot.app.screen.__class__.__name__ == "ActionPlanScreen")
    await pilot.pause()


@pytest.mark.slow
async def test_keys_alone_build_the_action_plan(tmp_path: Path) -> None:
    path, ids = make_plan(tmp_path)
    app = make_app(path, "fr", poll=3600)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot)

        # An external partner, in the register (tab: actions -> partners).
        await pilot.press("tab", "a")
        assert isinstance(app.screen, RecordForm)
        await fill(pilot, "name", "France Active")
        await choose(pilot, "kind", "Financeur")
        await fill(pilot, "brings", "Prêt")
        await fill(pilot, "expects", "Suivi")
        await fill(pilot, "contact", "fa@x.fr")
        await save_form(pilot)
        await wait_until(pilot, lambda: len(PlanStore(path).read().partners) == 1)

        # A lead person (tab: partners -> people), with markup-like text in the name.
        await pilot.press("tab", "a")
        await fill(pilot, "name", "Cam [b]R")
        await choose(pilot, "organisation", "Atelier A")
        await fill(pilot, "role", "DG")
        await fill(pilot, "contact", "06 01")
        await save_form(pilot)
        await wait_until(pilot, lambda: len(PlanStore(path).read().people) == 1)

        # Two actions (tab: people -> objective selector -> actions table).
        await pilot.press("tab", "tab")
        assert app.focused is table(app, "actions-table")
        for title, skills, days, start, end in (
            ("Étagères", "menuiserie, soudure", "3,5", "01/04/2026", "30/06/2026"),
            ("Compta", "comptabilité", "2", "01/05/2026", "31/07/2026"),
        ):
            await pilot.press("a")
            assert isinstance(app.screen, RecordForm)
            await fill(pilot, "title", title)
            await choose(pilot, "lead", "Cam [b]R")
            await fill(pilot, "start", start)
            await fill(pilot, "end", end)
            await fill(pilot, "skills", skills)
            await fill(pilot, "resources.working_days", days)
            if title == "Étagères":
                await fill(pilot, "resources.places", "Entrepôt")
                await fill(pilot, "resources.equipment", "Perceuse")
                await fill(pilot, "resources.other", "Camion")
            await tick(pilot, "partners", "France Active")
            await save_form(pilot)
            count = 1 if title == "Étagères" else 2
            await wait_until(pilot, lambda n=count: len(PlanStore(path).read().actions) == n)  # type: ignore[misc]
            await wait_until(pilot, lambda n=count: table(app, "actions-table").row_count == n)  # type: ignore[misc]

        # The skill nobody holds is flagged in its row; choose recruitment as the remedy.
        actions = table(app, "actions-table")
        await pilot.press("up")
        assert actions.cursor_row == 0
        first = table_rows(actions)[0]
        assert first[0] == "!"
        assert "!soudure" in first[2] and "menuiserie" in first[2]
        assert table_rows(actions)[1][0] == ""
        await pilot.press("r")  # an answer per missing skill: recruitment for the welding
        assert isinstance(app.screen, RemedyModal)
        await choose(pilot, "kind-0", "Recrutement")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.press("n")  # no action of its own for now
        await wait_until(
            pilot, lambda: any(a.remedies for a in PlanStore(path).read().actions.values())
        )
        await wait_until(
            pilot, lambda: "Recrutement" in table_rows(table(app, "actions-table"))[0][2]
        )
        assert "soudure → Recrutement" in detail(app, "actions")
        totals = str(app.screen.query_one("#actions-totals", Static).render())
        assert "5,5\u00a0j" in totals

    data = PlanStore(path).read()
    (partner,) = data.partners.values()
    assert (partner.name, partner.kind, partner.brings, partner.expects, partner.contact) == (
        "France Active",
        "funder",
        "Prêt",
        "Suivi",
        "fa@x.fr",
    )
    (person,) = data.people.values()
    assert (person.name, person.organisation, person.role, person.contact) == (
        "Cam [b]R",
        ids["org-a"],
        "DG",
        "06 01",
    )
    a1, a2 = data.sorted_actions()
    assert (a1.code, a1.objective, a1.title, a1.order) == ("A1", ids["o-1-1"], "Étagères", 1.0)
    assert a1.skills == ("menuiserie", "soudure")
    assert a1.resources == Resources(
        working_days=3.5, places="Entrepôt", equipment="Perceuse", other="Camion"
    )
    assert a1.partners == (partner.id,)
    assert (a1.start, a1.end) == (dt.date(2026, 4, 1), dt.date(2026, 6, 30))
    assert (a1.lead, a1.status) == (person.id, Status.TODO)
    assert a1.remedies == (Remedy(skill="soudure", kind="recruitment"),)
    assert (a2.code, a2.objective, a2.title, a2.order) == ("A2", ids["o-1-1"], "Compta", 2.0)
    assert a2.skills == ("comptabilité",)
    assert a2.resources == Resources(working_days=2.0)
    assert a2.partners == (partner.id,)
    assert (a2.start, a2.end) == (dt.date(2026, 5, 1), dt.date(2026, 7, 31))
    assert (a2.lead, a2.status, a2.remedies) == (person.id, Status.TODO, ())


async def test_delete_asks_and_undo_brings_back(tmp_path: Path) -> None:
    extra = [
        Action(id="act-1", code="A1", objective="o-1-1", title="Première", order=1.0),
        Action(id="act-2", code="A2", objective="o-1-1", title="Seconde", order=2.0),
    ]
    path, ids = make_plan(tmp_path, extra)
    both = {ids["act-1"], ids["act-2"]}
    app = make_app(path, "fr")
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot)
        actions = table(app, "actions-table")
        assert [r[1].split()[0] for r in table_rows(actions)] == ["A1", "A2"]
        await pilot.press("down", "d")
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("escape")  # no: nothing changes
        await pilot.pause()
        assert set(PlanStore(path).read().actions) == both

        await pilot.press("delete")
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("y")
        await wait_until(pilot, lambda: set(PlanStore(path).read().actions) == {ids["act-1"]})
        await wait_until(pilot, lambda: table(app, "actions-table").row_count == 1)

        await pilot.press("u")
        await wait_until(pilot, lambda: set(PlanStore(path).read().actions) == both)
        await wait_until(pilot, lambda: table(app, "actions-table").row_count == 2)
        assert PlanStore(path).read().actions[ids["act-2"]].title == "Seconde"


async def test_slash_filters_the_focused_table(demo_path: Path) -> None:
    app = make_app(demo_path, "fr")
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot)
        actions = table(app, "actions-table")
        assert actions.row_count == 4  # O1.1 in the demo
        await pilot.press("slash", *"convention")
        assert [r[1].split()[0] for r in table_rows(actions)] == ["A2"]
        await pilot.press("escape")
        assert actions.row_count == 4
        assert app.focused is actions

        await pilot.press("tab")
        partners = table(app, "partners-table")
        assert app.focused is partners
        total = partners.row_count
        await pilot.press("slash", *"chantier ecole")  # case and accents do not matter
        assert [r[0] for r in table_rows(partners)] == ["Chantier École"]
        await pilot.press("enter")  # keep the filter, back to the table
        assert app.focused is partners
        assert partners.row_count == 1
        await pilot.press("escape")
        assert partners.row_count == total


async def test_cursor_stays_on_its_row_when_the_plan_changes(demo_path: Path) -> None:
    app = make_app(demo_path, "fr")
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot)
        await pilot.press("greater_than_sign", "greater_than_sign")  # O2.1
        actions = table(app, "actions-table")
        await pilot.press("down", "down")
        assert table_rows(actions)[2][1].startswith("A10")
        # Someone else adds an action before A10 in the same objective.
        other = PlanStore(demo_path, user="other")
        o21 = next(o for o in other.read().objectives.values() if o.code == "O2.1")
        other.add(Action(code="A99", objective=o21.id, title="Nouvelle", order=0.5))
        await wait_until(pilot, lambda: actions.row_count == 5)
        assert table_rows(actions)[actions.cursor_row][1].startswith("A10")


async def test_hostile_text_shows_literally(tmp_path: Path) -> None:
    extra: list[Any] = []
    for i, text in enumerate(HOSTILE):
        extra += [
            ExternalPartner(id=f"x-{i}", name=text, brings=text),
            Person(id=f"p-{i}", name=text, organisation="org-a", role=text),
            Action(id=f"a-{i}", code=f"A{i + 1}", objective="o-1-1", title=text, order=float(i),
                   lead=f"p-{i}", partners=(f"x-{i}",), skills=(text,)),
        ]  # fmt: skip
    path, _ = make_plan(tmp_path, extra)
    app = make_app(path, "en")
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot)
        for table_id, pane in (
            ("actions-table", "actions"),
            ("partners-table", "partners"),
            ("people-table", "people"),
        ):
            shown = table(app, table_id)
            assert shown.row_count == len(HOSTILE)
            seen = []
            for row in range(shown.row_count):
                if row:
                    await pilot.press("down")
                text = detail(app, pane)
                seen.append(max((h for h in HOSTILE if clean(h) in text), key=len))
                cells = " ".join(" ".join(plain(c).split("\n")) for c in shown.get_row_at(row))
                assert clean(seen[-1]) in cells
            assert sorted(seen) == sorted(HOSTILE)
            await pilot.press("tab")
        assert app.is_running
        assert not any(isinstance(w, Input) and w.value for w in app.screen.query(Input))
        assert isinstance(app.screen.query_one("#objective", Select).value, str)


async def test_without_operational_objective_it_says_where_to_make_one(tmp_path: Path) -> None:
    path = tmp_path / "empty.json"
    PlanStore(path, user="demo").create(Plan(title="Vide", language="en"))
    app = make_app(path, "en", poll=3600)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_screen(pilot)
        assert "screen 2" in detail(app, "actions")
        await pilot.press("a")  # nothing to add an action to: it says so, no form
        assert not isinstance(app.screen, RecordForm)
        assert table(app, "actions-table").row_count == 0


async def test_a_form_shows_control_characters_made_visible_and_saves_them_so(
    tmp_path: Path,
) -> None:
    """Text in the file that no form lets anyone type (a partner's program wrote it) reaches
    an editor only made visible: an input would hand it to the terminal as is."""
    raw = "A \x1b]0;PWNED\x07\x1b[2J\x9b31m\u202eevil"
    path, ids = make_plan(tmp_path, [
        Action(id="a-1", code="A1", objective="o-1-1", title=raw, description=raw + "\nfin"),
    ])  # fmt: skip
    app = make_app(path, "en", poll=3600)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot)
        await pilot.press("e")
        assert isinstance(app.screen, RecordForm)
        values = [w.value for w in app.screen.query(Input)]
        assert clean(raw) in values and raw not in values
        assert app.screen.query_one(TextArea).text == clean(raw, multiline=True) + "\nfin"
        await save_form(pilot, path, lambda data: data.actions[ids["a-1"]].title != raw)
    action = PlanStore(path).read().actions[ids["a-1"]]
    assert action.title == clean(raw) == "A ␛]0;PWNED␇␛[2J�31m�evil"
    assert action.description == clean(raw) + "\nfin"
