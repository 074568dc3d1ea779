"""Screen 8, Budget: the financing plan of the demo as domain/finance computes it, budget
lines and funders added, edited, deleted and brought back by keys alone, user text as data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static

from coop_tui.domain import finance
from coop_tui.domain import model as m
from coop_tui.i18n import Translator
from coop_tui.text import clean
from coop_tui.tui.fields_money import organisation_choices
from coop_tui.tui.modals.confirm import ConfirmModal
from coop_tui.tui.modals.record_form import RecordForm
from coop_tui.tui.widgets.list_pane import ListPane
from tests.helpers import (
    TODAY,
    by_code,
    choose,
    create_plan,
    demo_ids,
    fill,
    loaded,
    make_app,
    read,
    save_form,
    screen_text,
    show_mode,
    table_rows,
    tick,
    type_into,
    type_text,
    wait_until,
)

SIZE = (120, 40)
FR = Translator("fr")


def pane(app: Any, name: str) -> ListPane:
    return app.screen.query_one(f"#{name}-table", ListPane)  # type: ignore[no-any-return]


def selected(app: Any, name: str) -> str:
    shown = pane(app, name)
    return shown.keys[shown.cursor_row] if shown.keys else ""


def shown(app: Any, widget_id: str) -> str:
    """The text of a Static (the balance, a form's messages)."""
    return str(app.screen.query_one(f"#{widget_id}", Static).render())


def row(app: Any, name: str, key: str) -> list[str]:
    """The cells of the row `key` of a list."""
    table = pane(app, name)
    return table_rows(table)[table.keys.index(key)]


async def move_to(pilot: Any, name: str, key: str) -> None:
    """↓ (then ↑) in a list until the row `key` is under the cursor, as a user would."""
    for direction in ("down", "up"):
        for _ in range(80):
            if selected(pilot.app, name) == key:
                return
            before = pane(pilot.app, name).cursor_row
            await pilot.press(direction)
            if pane(pilot.app, name).cursor_row == before:
                break
    raise AssertionError(f"no row {key} in {name}: {pane(pilot.app, name).keys}")


async def open_form(pilot: Any, key: str) -> RecordForm[Any]:
    await pilot.press(key)
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, RecordForm))
    form = pilot.app.screen
    assert isinstance(form, RecordForm)
    return form


def errors(form: RecordForm[Any]) -> str:
    return " ".join(str(s.render()) for s in form.query(".field-error").results(Static))


@pytest.mark.slow
async def test_a_line_shared_by_the_four_partners_by_keys_alone(demo_path: Path) -> None:
    a7 = by_code(read(demo_path), "A7")
    grid_order = [org_id for _, org_id in organisation_choices(read(demo_path))]
    app = make_app(demo_path, "fr")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await show_mode(pilot, "8")
        await pilot.press("o")  # by objective and action: A7 has no line yet
        await move_to(pilot, "plan", f"action:{a7.id}")
        assert pane(app, "lines").row_count == 0
        form = await open_form(pilot, "a")  # a line of the action under the cursor
        await type_into(pilot, "label", "Animation partagée")
        await choose(pilot, "nature", "Personnel")
        await type_into(pilot, "amount", "12 459,50")
        await choose(pilot, "yearly", "Annuel")
        await type_into(pilot, "first_year", "2026")
        await type_into(pilot, "last_year", "2027")
        # The grid: 25 in the first partner's part, ↓ to the next one's, and so on.
        await type_into(pilot, f"f-shares-{grid_order[0]}-part", "25")
        for _ in grid_order[1:]:
            await pilot.press("down")
            await type_text(pilot, "25")
        await pilot.press("tab")  # the last partner's ETP, then ↑ and so on
        for index in range(len(grid_order)):
            if index:
                await pilot.press("up")
            await type_text(pilot, "0,25")
        total = str(form.query_one(".grid-total", Static).render())
        assert "Total\u00a0: 100\u00a0% · 1 ETP" in total
        # A 0 after the last part: 325 %, refused as you type, in words, and not saved.
        await pilot.press("down", "down", "down", "shift+tab", "end", "0")
        await wait_until(pilot, lambda: "Les parts dépassent 100\u00a0%" in errors(form))
        await pilot.press("ctrl+s")
        assert app.screen is form
        await pilot.press("backspace")
        await wait_until(pilot, lambda: not errors(form).strip())
        await save_form(pilot, demo_path, lambda d: len(d.budget_lines_of(a7.id)) == 1)
        await wait_until(pilot, lambda: pane(app, "lines").row_count == 1)
        # Two years of it for the whole project.
        assert row(app, "plan", f"action:{a7.id}")[1] == "24\u00a0919\u00a0€"

    data = read(demo_path)
    (line,) = data.budget_lines_of(a7.id)
    assert (line.label, line.nature, line.amount, line.quantity) == (
        "Animation partagée", "personnel", 12459.5, 1.0,
    )  # fmt: skip
    assert (line.yearly, line.first_year, line.last_year, line.in_kind) == (True, 2026, 2027, "")
    assert sorted(line.shares, key=lambda s: s.organisation) == sorted(
        (m.Share(organisation=org, percent=25.0, fte=0.25) for org in grid_order),
        key=lambda s: s.organisation,
    )
    assert finance.line_total(line, data.actions[a7.id]) == 2 * 12459.5


@pytest.mark.slow
async def test_a_funder_for_two_years_by_keys_alone(demo_path: Path) -> None:
    o21 = by_code(read(demo_path), "O2.1")
    app = make_app(demo_path, "fr")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await show_mode(pilot, "8")
        assert "Reste à financer\u00a0: 3\u00a0400\u00a0€" in shown(app, "budget-balance")
        await pilot.press("f")  # by funder: `a` adds a funder
        form = await open_form(pilot, "a")
        await type_into(pilot, "name", "Fondation Vernière")
        await choose(pilot, "kind", "Fondation")
        await type_into(pilot, "f-amounts-y2026-amount", "10 000")
        await pilot.press("down")  # the next year
        await type_text(pilot, "5 500,50")
        assert "15\u00a0500,50\u00a0€" in str(form.query_one(".grid-total", Static).render())
        await choose(pilot, "status", "Accordé")
        await type_into(pilot, "granted_on", "15/03/2026")
        await type_into(pilot, "paid", "2 000")
        await tick(pilot, "objectives", "O2.1")
        await save_form(pilot, demo_path, lambda d: len(d.funders) == 7)
        await wait_until(pilot, lambda: "Excédent" in shown(app, "budget-balance"))
        funder_id = next(f.id for f in read(demo_path).funders.values() if f.kind == "foundation")
        await wait_until(pilot, lambda: selected(app, "plan") == f"funder:{funder_id}")
        cells = row(app, "plan", f"funder:{funder_id}")
        assert cells[:2] == ["Fondation Vernière", "Accordé"]
        assert cells[-2:] == ["15\u00a0500,50\u00a0€", "2\u00a0000\u00a0€"]

    funder = read(demo_path).funders[funder_id]
    assert (funder.name, funder.kind, funder.status) == (
        "Fondation Vernière",
        "foundation",
        "granted",
    )
    assert funder.amounts == {"2026": 10000.0, "2027": 5500.5}
    assert (funder.granted_on, funder.paid, funder.objectives) == (
        dt.date(2026, 3, 15), 2000.0, (o21.id,),
    )  # fmt: skip


async def test_edit_delete_and_undo_a_budget_line(demo_path: Path) -> None:
    post = demo_ids()["bl-a9"]
    app = make_app(demo_path, "fr")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await show_mode(pilot, "8")
        assert selected(app, "plan") == "nature:personnel"  # its lines: A8's, A9's
        await pilot.press("enter")  # down to the lines of the row
        assert app.focused is pane(app, "lines")
        await move_to(pilot, "lines", post)
        await open_form(pilot, "e")
        await fill(pilot, "amount", "50 000")
        await save_form(pilot, demo_path, lambda d: d.budget_lines[post].amount == 50_000)
        # Two years of 2 000 € more: 313 000 € of charges.
        await wait_until(
            pilot, lambda: "charges 313\u00a0000\u00a0€" in shown(app, "budget-balance")
        )

        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.press("y")
        await wait_until(pilot, lambda: post not in read(demo_path).budget_lines)
        await wait_until(pilot, lambda: post not in pane(app, "lines").keys)
        await pilot.press("u")
        await wait_until(pilot, lambda: post in read(demo_path).budget_lines)
        await wait_until(pilot, lambda: post in pane(app, "lines").keys)
    assert read(demo_path).budget_lines[post].amount == 50_000


async def test_slash_filters_the_lines_and_the_funders(demo_path: Path) -> None:
    app = make_app(demo_path, "fr")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await show_mode(pilot, "8")
        await move_to(pilot, "plan", "total")  # every line
        await pilot.press("tab")
        count = pane(app, "lines").row_count
        assert count == len(read(demo_path).budget_lines)
        await pilot.press("slash", *"entrepot")  # accents do not matter
        assert len(pane(app, "lines").keys) == 2
        await pilot.press("escape")
        assert pane(app, "lines").row_count == count
        await pilot.press("tab", "slash", *"opco")
        assert [r[0] for r in table_rows(pane(app, "funders"))] == ["OPCO"]


async def test_every_view_and_the_balance_are_the_domain_financing_plan(demo_path: Path) -> None:
    data = read(demo_path)
    money = FR.money
    orgs = [org_id for _, org_id in organisation_choices(data)]
    app = make_app(demo_path, "fr")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await show_mode(pilot, "8")
        years = ["", "2025", "2026", "2027"]
        whole = finance.financing_plan(data)
        assert sorted(whole.by_year) == years[1:]
        # By year and nature: each nature, year by year, and the total; then the financing.
        for nature, amount in whole.by_nature.items():
            cells = row(app, "plan", f"nature:{nature}")
            by_year = [
                finance.financing_plan(data, y).by_nature.get(nature, 0.0) for y in years[1:]
            ]
            assert cells[1:] == [money(v) if v else "—" for v in (*by_year, amount)]
        assert row(app, "plan", "total")[-1] == money(309_000)
        assert row(app, "plan", "gap")[1:] == [money(0), money(37_400), money(1_200), money(3_400)]
        assert row(app, "plan", "surplus")[1] == money(35_200)
        for year in years:
            plan = finance.financing_plan(data, year)
            text = shown(app, "budget-balance")
            assert f"Équilibre — {year or 'tout le projet'}\u00a0:" in text
            requested = plan.funding.by_status["requested"]
            for amount in (plan.total, plan.in_kind, plan.secured, requested):
                assert money(amount) in text
            assert abs(plan.total - plan.secured - requested - plan.gap) < 0.01
            if plan.gap > 0:
                assert f"Reste à financer\u00a0: {money(plan.gap)}" in text
            else:
                assert f"Excédent\u00a0: {money(-plan.gap)}" in text
            await pilot.press("p")  # by partner, in this year
            for org_id in orgs:
                share = plan.by_partner.get(org_id, 0.0)
                assert row(app, "plan", f"org:{org_id}")[1] == (money(share) if share else "—")
            await pilot.press("o")
            for objective in data.operational_objectives():
                amount = plan.by_objective.get(objective.id, 0.0)
                assert row(app, "plan", f"objective:{objective.id}")[1] == (
                    money(amount) if amount else "—"
                )
            await pilot.press("y", "greater_than_sign")  # the next year
        await pilot.press("f")
        for funder_id, amount in whole.funding.by_funder.items():
            assert row(app, "plan", f"funder:{funder_id}")[-2] == money(amount)
        assert row(app, "plan", "status:requested")[-2] == money(39_300)


def hostile_plan(path: Path) -> dict[str, str]:
    """A plan whose organisation, labels and funder carry markup, escapes and bidi, as if
    written by hand in the file (the forms refuse control characters)."""
    day = dt.timedelta(days=1)
    records: list[m.Record] = [
        m.Organisation(id="org1", name="[bold]Org[/]", role="lead"),
        m.Organisation(id="org2", name="\u202eevil org"),
        m.Person(id="p1", name="P", organisation="org1"),
        m.Objective(id="o1", code="O1", statement="Obj"),
        m.Objective(id="o11", code="O1.1", parent="o1", statement="[link=x]op[/link]"),
        m.Action(id="a1", code="A1", objective="o11", title="Act", lead="p1",
                 start=TODAY, end=TODAY + 100 * day, order=1),
        m.BudgetLine(id="l1", action="a1", label="[red]x[/] \x1b[2J", amount=1000,
                     nature="personnel", shares=(m.Share(organisation="org2", percent=50),)),
        m.BudgetLine(id="l2", action="a1", label="$title {name}", amount=500, nature="personnel"),
        m.Funder(id="f1", name="[@click=app.quit]F[/] \x1b]0;t\x07", amounts={"2026": 800},
                 note="\x1b[31m"),
        m.Funder(id="f2", name="By hand", amounts={"deux mille [b]": 5}),
    ]  # fmt: skip
    return create_plan(path, m.Plan(title="Hostile", start=TODAY, end=TODAY + 300 * day), records)


async def test_hostile_text_is_shown_literally(tmp_path: Path) -> None:
    path = tmp_path / "hostile.json"
    ids = hostile_plan(path)
    app = make_app(path, "en", poll=3600)
    async with app.run_test(size=(160, 50)) as pilot:
        await loaded(pilot)
        await show_mode(pilot, "8")
        text = screen_text(app)
        for expected in (
            "[red]x[/] \x1b[2J",
            "$title {name}",
            "[@click=app.quit]F[/] \x1b]0;t\x07",
        ):
            assert clean(expected) in text
        expected = {
            "p": ["[bold]Org[/]", "\u202eevil org"],
            "f": ["[@click=app.quit]F[/] \x1b]0;t\x07"],
            "o": ["[link=x]op[/link]"],
        }
        for view, texts in expected.items():
            await pilot.press(view)
            await pilot.pause()
            text = screen_text(app)
            assert "\x1b" not in text and "\u202e" not in text
            for hostile in texts:
                assert clean(hostile) in text, (view, hostile)
        # A year no form would take, written by hand: its row, and the problem in words.
        await pilot.press("tab", "tab")
        await move_to(pilot, "funders", ids["f2"])
        form = await open_form(pilot, "e")
        await wait_until(pilot, lambda: "Not a year: deux mille [b]." in errors(form))
        await pilot.press("escape")
        assert app.is_running


async def test_the_palette_and_the_help_name_every_view(demo_path: Path) -> None:
    from textual.command import CommandPalette

    from coop_tui.tui.modals.help import HelpModal
    from tests.helpers import palette_choice

    app = make_app(demo_path, "fr")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await show_mode(pilot, "8")
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpModal))
        text = screen_text(app)
        for key, words in (("y", "Années"), ("p", "Structures"), ("f", "Financeurs"),
                           ("o", "Objectifs"), ("<", "Année précédente"), (">", "Année suivante")):  # fmt: skip
            assert f"{key} " in text and words in text
        await pilot.press("escape", "ctrl+p")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"Financeurs")
        await wait_until(pilot, lambda: palette_choice(app) == "Financeurs\nTouche f")
        await pilot.press("enter")
        await wait_until(pilot, lambda: selected(app, "plan").startswith("funder:"))


async def test_an_empty_plan_says_where_to_start(tmp_path: Path) -> None:
    path = tmp_path / "empty.json"
    create_plan(path, m.Plan(title="Vide"))
    app = make_app(path, "fr", poll=3600)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await show_mode(pilot, "8")
        assert "Aucune ligne budgétaire ici" in screen_text(app)
        assert "Plan équilibré" in shown(app, "budget-balance")
        for key in ("p", "f", "o", "greater_than_sign", "e", "d"):
            await pilot.press(key)
        await pilot.press("tab", "tab")  # the funders: `a` adds one
        form = await open_form(pilot, "a")
        assert form.query_one("#f-amounts-other-year") is not None  # no year yet: type one
        await type_into(pilot, "name", "Ville")
        await type_into(pilot, "f-amounts-other-amount", "1 000")
        await wait_until(pilot, lambda: "Une année est attendue" in errors(form))
        await type_into(pilot, "f-amounts-other-year", "2026")
        await save_form(pilot, path, lambda d: len(d.funders) == 1)
    (funder,) = read(path).funders.values()
    assert (funder.name, funder.amounts) == ("Ville", {"2026": 1000.0})


async def test_an_external_partner_links_to_its_funder(demo_path: Path) -> None:
    from textual.widgets import Select

    ids = demo_ids()
    app = make_app(demo_path, "fr")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await show_mode(pilot, "3")
        await pilot.press("tab")  # the external partners register
        partners = app.screen.query_one("#partners-table", ListPane)
        assert app.focused is partners
        await move_to_key(pilot, partners, ids["x-ddets"])
        form = await open_form(pilot, "e")
        assert form.query_one("#f-funder", Select).value == ids["f-ddets"]  # its link, shown
        await pilot.press("escape")
        await move_to_key(pilot, partners, ids["x-dla"])
        await open_form(pilot, "e")
        await choose(pilot, "funder", "Région Auvergne-Rhône-Alpes")
        await save_form(pilot, demo_path, lambda d: bool(d.partners[ids["x-dla"]].funder))
    assert read(demo_path).partners[ids["x-dla"]].funder == ids["f-region"]


async def move_to_key(pilot: Any, table: ListPane, key: str) -> None:
    """↓ in a list of the action plan until the row `key` is under the cursor."""
    for _ in range(40):
        if table.selected_key == key:
            return
        await pilot.press("down")
    raise AssertionError(f"no row {key}")
