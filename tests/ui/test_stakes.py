"""Step 1 with keys alone: organisations, stakes, the matrix suggestion, shared stakes.

Every test drives the real app with `pilot.press` and checks what reached the
plan file (re-read with a fresh PlanStore) or what is on screen.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static

from coop_tui.domain.model import Organisation, Plan, Stake, replace
from coop_tui.storage.store import PlanStore
from coop_tui.text import clean
from coop_tui.tui.modals.confirm import ConfirmModal
from coop_tui.tui.modals.record_form import RecordForm
from coop_tui.tui.screens.stakes import StakesScreen
from coop_tui.tui.widgets.line_table import LineTable
from tests.helpers import (
    HOSTILE,
    add_organisation,
    add_stake,
    create_plan,
    demo_ids,
    drawn,
    fill,
    loaded,
    make_app,
    palette_choice,
    read,
    save_form,
    tab_to,
    table_rows,
    type_text,
    wait_until,
)

D = demo_ids()
"""The demo's records by the labels data/demo.toml gives them."""


async def open_stakes(pilot: Any) -> StakesScreen:
    await loaded(pilot)
    await pilot.press("1")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, StakesScreen))
    await pilot.pause()
    return pilot.app.screen  # type: ignore[no-any-return]


def rows(screen: StakesScreen, pane: str) -> list[list[str]]:
    return table_rows(screen.query_one(f"#{pane}-table", LineTable))


@pytest.fixture
def empty_path(tmp_path: Path) -> Path:
    path = tmp_path / "plan.json"
    PlanStore(path).create(Plan(title="Test"))
    return path


def shown(widget: Static) -> str:
    """The plain text a Static shows."""
    return str(widget.render())


# --- creating step 1 from nothing --------------------------------------------------------


@pytest.mark.slow
async def test_create_organisations_stakes_and_shared_stake_with_keys(empty_path: Path) -> None:
    app = make_app(empty_path, "en")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_stakes(pilot)
        assert app.focused is screen.query_one("#orgs-table")
        assert "No partner organisation yet" in drawn(screen.query_one("#orgs-table", LineTable))

        # Alpha: an EI (two down from ACI), the lead organisation (one up from partner).
        await add_organisation(pilot, empty_path, "Alpha", ["down", "down"], ["up"],
                               "logistics, payroll", "Hall", 1)  # fmt: skip
        await add_organisation(pilot, empty_path, "Beta", [], [], "training", "Few", 2)
        data = read(empty_path)
        by_name = {o.name: o for o in data.organisations.values()}
        alpha, beta = by_name["Alpha"], by_name["Beta"]
        assert (alpha.kind, alpha.role, alpha.skills, alpha.diagnosis) == (
            "EI", "lead", ("logistics", "payroll"), "Hall",
        )  # fmt: skip
        assert (beta.kind, beta.role, beta.skills, beta.diagnosis) == (
            "ACI", "partner", ("training",), "Few",
        )  # fmt: skip
        # The new organisation is selected; the lead comes first.
        assert rows(screen, "orgs") == [
            ["Alpha", "EI", "Lead", "logistics, payroll"],
            ["Beta", "ACI", "Partner", "training"],
        ]
        assert screen.selected("orgs") == beta.id
        assert "Few" in shown(screen.query_one("#org-detail", Static))

        # One stake each, both in "Skills" (four up from "Other").
        await add_stake(pilot, empty_path, ["up"] * 4, "Trainers", "Loss", "Gain", 1)
        await tab_to(pilot, "orgs-table")
        await pilot.press("up")
        assert screen.selected("orgs") == alpha.id
        await add_stake(pilot, empty_path, ["up"] * 4, "Payroll", "Errors", "Savings", 2)
        data = read(empty_path)
        stakes = {s.statement: s for s in data.stakes.values()}
        values = {(s.organisation, s.category, s.statement, s.risk, s.gain)
                  for s in stakes.values()}  # fmt: skip
        assert values == {
            (beta.id, "skills", "Trainers", "Loss", "Gain"),
            (alpha.id, "skills", "Payroll", "Errors", "Savings"),
        }
        assert rows(screen, "stakes") == [["Skills", "", "Payroll"]]

        # The matrix suggests Skills (row 3); `s` opens the pre-filled shared-stake form.
        await tab_to(pilot, "matrix-table")
        await pilot.press("down", "down")
        skills_row = rows(screen, "matrix")[2]
        assert skills_row == ["Skills", "1", "1", "◆"]
        assert "Alpha, Beta hold a stake here" in shown(screen.query_one("#matrix-legend", Static))
        await pilot.press("s")
        await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
        form = app.screen
        assert form.query_one("#f-code").value == "E1"  # type: ignore[attr-defined]
        assert form.query_one("#f-title").value == "Skills"  # type: ignore[attr-defined]
        await fill(pilot, "statement", "Train")
        await save_form(pilot, empty_path, lambda d: len(d.shared_stakes) == 1)

        (shared,) = read(empty_path).shared_stakes.values()
        assert (shared.code, shared.title, shared.statement) == ("E1", "Skills", "Train")
        assert set(shared.stakes) == {s.id for s in stakes.values()}
        assert rows(screen, "matrix")[2] == ["Skills", "1", "1", "✓ E1"]
        assert rows(screen, "shared") == [["E1", "EI · ACI", "Skills"]]  # lead first
        pooled = shown(screen.query_one("#shared-pooled", Static))
        assert "Alpha — Skills — Payroll" in pooled
        assert "Beta — Skills — Trainers" in pooled


async def test_people_are_added_to_the_selected_organisation(demo_path: Path) -> None:
    app = make_app(demo_path, "en")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_stakes(pilot)
        await pilot.press("down")  # Cycl'Avenir
        assert screen.selected("orgs") == D["org-ei"]
        await tab_to(pilot, "people-table")
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
        await fill(pilot, "name", "Lina Haddad")
        await fill(pilot, "role", "CIP")
        before = len(read(demo_path).people)
        await save_form(pilot, demo_path, lambda d: len(d.people) == before + 1)
        (lina,) = [p for p in read(demo_path).people.values() if p.name == "Lina Haddad"]
        assert (lina.organisation, lina.role) == (D["org-ei"], "CIP")
        assert ["Lina Haddad", "CIP", ""] in rows(screen, "people")
        assert screen.selected("people") == lina.id


# --- editing, deleting, undo --------------------------------------------------------------


async def test_edit_then_delete_with_confirmation_and_undo(demo_path: Path) -> None:
    app = make_app(demo_path, "en")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_stakes(pilot)
        assert screen.selected("orgs") == D["org-aci"]
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
        new_name = "Les Jardins de la Vernière bis"
        await fill(pilot, "name", new_name)
        await save_form(pilot, demo_path, lambda d: d.organisations[D["org-aci"]].name == new_name)
        assert rows(screen, "orgs")[0][0] == "Les Jardins de la Vernière bis"

        # enter on a stake edits it too.
        await tab_to(pilot, "stakes-table")
        await pilot.press("down")  # Skills: "Personne pour la relation entreprises"
        assert screen.selected("stakes") == D["st-aci-skills"]
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
        gain = read(demo_path).stakes[D["st-aci-skills"]].gain
        await fill(pilot, "gain", "Now: " + gain)
        await save_form(
            pilot, demo_path, lambda d: d.stakes[D["st-aci-skills"]].gain == "Now: " + gain
        )

        # d asks first; "n" keeps the stake.
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.press("n")
        await wait_until(pilot, lambda: not isinstance(app.screen, ConfirmModal))
        await app.workers.wait_for_complete()  # none was started
        assert D["st-aci-skills"] in read(demo_path).stakes

        # delete then "y" removes it (and from the shared stake that pooled it).
        await pilot.press("delete")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.press("y")
        await wait_until(pilot, lambda: D["st-aci-skills"] not in read(demo_path).stakes)
        assert D["st-aci-skills"] not in read(demo_path).shared_stakes[D["ss-e2"]].stakes
        await wait_until(pilot, lambda: D["st-aci-skills"] not in screen.pane("stakes").keys)

        # u brings it back, on screen too.
        await pilot.press("u")
        await wait_until(pilot, lambda: D["st-aci-skills"] in read(demo_path).stakes)
        await wait_until(pilot, lambda: D["st-aci-skills"] in screen.pane("stakes").keys)
        back = read(demo_path).stakes[D["st-aci-skills"]]
        assert back.statement == "Personne pour la relation entreprises"


# --- filtering ----------------------------------------------------------------------------


async def test_slash_filters_the_focused_list_as_you_type(demo_path: Path) -> None:
    app = make_app(demo_path, "fr")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_stakes(pilot)
        await pilot.press("slash")
        assert app.focused is screen.query_one("#orgs-filter")
        await type_text(pilot, "cycl")
        assert [r[:3] for r in rows(screen, "orgs")] == [["Cycl'Avenir", "EI", "Partenaire"]]
        assert screen.selected("orgs") == D["org-ei"]
        assert "Cycl'Avenir" in drawn(screen.query_one("#stakes-table", LineTable)).splitlines()[0]
        # escape clears the filter and gives the focus back to the list.
        await pilot.press("escape")
        assert len(rows(screen, "orgs")) == 4
        assert app.focused is screen.query_one("#orgs-table")
        assert not screen.query_one("#orgs-filter").display

        # Accents and case do not matter; enter keeps the filter and goes back to the list.
        await pilot.press("slash")
        await type_text(pilot, "VERNIERE")
        assert [r[0] for r in rows(screen, "orgs")] == [
            "Les Jardins de la Vernière", "Vernière Emploi Services",
        ]  # fmt: skip
        await pilot.press("enter")
        assert app.focused is screen.query_one("#orgs-table")
        assert len(rows(screen, "orgs")) == 2
        assert isinstance(app.screen, StakesScreen)  # enter left the box, opened nothing

        # The filter belongs to the focused list: shared stakes.
        await tab_to(pilot, "shared-table")
        await pilot.press("slash")
        await type_text(pilot, "mobilier")
        assert [r[0] for r in rows(screen, "shared")] == ["E3"]
        assert len(rows(screen, "orgs")) == 2
        # Back on the organisations list, escape shows it whole again.
        await pilot.press("enter")
        await tab_to(pilot, "orgs-table")
        await pilot.press("escape")
        assert len(rows(screen, "orgs")) == 4
        assert [r[0] for r in rows(screen, "shared")] == ["E3"]


# --- user text is data ---------------------------------------------------------------------


@pytest.fixture
def hostile_path(tmp_path: Path) -> Path:
    """Organisations and stakes written by hand (no write path accepts an escape sequence)."""
    path = tmp_path / "hostile.json"
    records: list[Any] = []
    for n, text in enumerate(HOSTILE):
        records += [
            Organisation(id=f"org{n}", name=text, kind="other", skills=(text,), diagnosis=text),
            Stake(id=f"st{n}", organisation=f"org{n}", category="skills", statement=text,
                  risk=text, gain=text),
        ]  # fmt: skip
    create_plan(path, Plan(title="Hostile"), records)
    return path


async def test_hostile_names_and_statements_show_literally(hostile_path: Path) -> None:
    app = make_app(hostile_path, "en")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_stakes(pilot)
        names = [r[0] for r in rows(screen, "orgs")]
        assert sorted(names) == sorted(clean(t) for t in HOSTILE)
        for index in range(len(HOSTILE)):
            org = screen.selected_org()
            assert org is not None
            expected = clean(org.name)
            assert rows(screen, "stakes") == [["Skills", "", expected]]
            assert expected in shown(screen.query_one("#org-detail", Static))
            assert expected in shown(screen.query_one("#stake-detail", Static))
            title = drawn(screen.query_one("#stakes-table", LineTable)).splitlines()[0]
            assert expected in title
            if index < len(HOSTILE) - 1:
                await pilot.press("down")
        # Every organisation holds a Skills stake: one suggestion naming them all.
        await tab_to(pilot, "matrix-table")
        await pilot.press("down", "down")
        legend = shown(screen.query_one("#matrix-legend", Static))
        assert all(clean(t) in legend for t in HOSTILE)
        svg = html.unescape(app.export_screenshot().replace("&#160;", " "))
        for text in ("[bold]x", "[/]", "[@click=app.quit]x[/]", "␛[2J", "$title {name} %s"):
            assert text in svg
        assert "\x1b" not in svg
        assert app.is_running
        assert isinstance(app.screen, StakesScreen)


# --- live changes ------------------------------------------------------------------------


async def test_cursor_stays_on_its_record_when_the_plan_changes_underneath(
    demo_path: Path,
) -> None:
    app = make_app(demo_path, "en")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_stakes(pilot)
        await pilot.press("down", "down")  # Tremplin Intérim Dômes
        assert screen.selected("orgs") == D["org-etti"]
        await tab_to(pilot, "stakes-table")
        await pilot.press("down")
        kept_stake = screen.selected("stakes")
        other = PlanStore(demo_path, user="other")
        other.add(Organisation(name="Aaa Coop", kind="GEIQ"))  # sorts before Tremplin
        stake = other.read().stakes[kept_stake or ""]
        other.save(replace(stake, statement="Changed by someone else"))
        await wait_until(pilot, lambda: len(rows(screen, "orgs")) == 5)
        await wait_until(pilot, lambda: "Changed by someone else" in str(rows(screen, "stakes")))
        assert rows(screen, "orgs")[1][0] == "Aaa Coop"
        assert screen.selected("orgs") == D["org-etti"]
        assert screen.selected("stakes") == kept_stake
        matrix = screen.query_one("#matrix-table", LineTable)
        assert "GEIQ" in [str(c.label) for c in matrix.columns]


# --- the palette ---------------------------------------------------------------------------


async def test_pool_command_from_the_palette_opens_the_prefilled_form(demo_path: Path) -> None:
    app = make_app(demo_path, "en")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_stakes(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Pool stakes" in titles  # the `s` binding, by name
        assert "Pool: Working time" in titles  # the one suggestion not pooled yet
        await pilot.press("ctrl+p")
        await type_text(pilot, "Pool: Working")
        await wait_until(pilot, lambda: palette_choice(app).startswith("Pool: Working"))
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
        form = app.screen
        assert form.query_one("#f-code").value == "E4"  # type: ignore[attr-defined]
        assert form.query_one("#f-title").value == "Working time"  # type: ignore[attr-defined]
        pooled = set(form.query_one("#f-stakes").selected)  # type: ignore[attr-defined]
        assert pooled == {D["st-ai-time"], D["st-etti-time"]}
        revision = read(demo_path).revision
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, StakesScreen))
        assert read(demo_path).revision == revision  # escape saved nothing


async def test_matrix_keys_open_the_pooling_shared_stake_or_add_a_stake_there(
    demo_path: Path,
) -> None:
    app = make_app(demo_path, "en")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_stakes(pilot)
        await tab_to(pilot, "matrix-table")
        await pilot.press("down", "down")  # Skills: already pooled in E2
        assert screen.selected("matrix") == "skills"
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
        assert app.screen.query_one("#f-code").value == "E2"  # type: ignore[attr-defined]
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, StakesScreen))
        # `s` on a row that is fully pooled says so and opens nothing.
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, StakesScreen)
        # `a` in the matrix: a stake of the selected organisation, in the row's category.
        await pilot.press("down")  # Working time
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
        form = app.screen
        assert form.query_one("#f-category").value == "working_time"  # type: ignore[attr-defined]
        assert form.query_one("#f-organisation").value == D["org-aci"]  # type: ignore[attr-defined]
        await fill(pilot, "statement", "Idle")
        before = len(read(demo_path).stakes)
        await save_form(pilot, demo_path, lambda d: len(d.stakes) == before + 1)
        (new,) = [s for s in read(demo_path).stakes.values() if s.statement == "Idle"]
        assert (new.organisation, new.category) == (D["org-aci"], "working_time")
        assert rows(screen, "matrix")[3][1] == "1"  # ACI now counts one working-time stake
        assert screen.selected("stakes") == new.id
