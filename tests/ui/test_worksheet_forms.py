"""Issue 13 in the forms: indicators of every kind (a qualitative one with its scale,
levels and intermediate targets), types of cooperation on a shared objective (shown in
the tree, found by the filter), the worksheet's examples as help."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from coop_tui.domain.model import Step
from coop_tui.tui.modals.record_form import RecordForm
from coop_tui.tui.widgets.objective_tree import objective_key
from tests.helpers import (
    by_code,
    choose,
    fill,
    loaded,
    make_app,
    read,
    save_form,
    show_mode,
    tick,
    wait_until,
)


def _shown(app, name: str) -> bool:  # type: ignore[no-untyped-def]
    return not app.screen.query_one(f"#f-{name}").has_class("-hidden")


async def test_a_qualitative_indicator_by_keys(demo_path: Path) -> None:
    app = make_app(demo_path, "fr")
    async with app.run_test(size=(120, 45)) as pilot:
        await loaded(pilot)
        screen = await show_mode(pilot, "2")
        o21 = by_code(read(demo_path), "O2.1")
        tree = screen.query_one("#tree")
        tree.move_cursor(tree.node_for(objective_key(o21.id)))
        await pilot.pause()
        await pilot.press("i")
        await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
        assert _shown(app, "unit") and not _shown(app, "scale")
        await fill(pilot, "name", "Qualité de la relation entreprises")
        await choose(pilot, "kind", "Qualitatif")
        await wait_until(pilot, lambda: _shown(app, "scale") and not _shown(app, "unit"))
        assert "Des mots d'une échelle" in str(app.screen.query_one("#help-f-kind").render())
        await fill(pilot, "scale", "faible, correcte, bonne, excellente")
        await choose(pilot, "baseline_level", "faible")
        await choose(pilot, "target_level", "bonne")
        await fill(pilot, "target_date", "31/12/2027")
        await fill(pilot, "steps", "31/12/2026 = correcte")
        await save_form(pilot, demo_path, lambda d: any(i.kind == "qualitative" and
                        i.name.startswith("Qualité") for i in d.indicators.values()))  # fmt: skip
    made = next(i for i in read(demo_path).indicators.values() if i.name.startswith("Qualité"))
    assert made.scale == ("faible", "correcte", "bonne", "excellente")
    assert (made.baseline_level, made.target_level) == ("faible", "bonne")
    assert made.steps == (Step(date=dt.date(2026, 12, 31), level="correcte"),)
    assert made.target is None and made.unit == ""


async def test_a_shared_objective_takes_types_of_cooperation(demo_path: Path) -> None:
    app = make_app(demo_path, "fr")
    o3 = by_code(read(demo_path), "O3")
    async with app.run_test(size=(120, 45)) as pilot:
        await loaded(pilot)
        screen = await show_mode(pilot, "2")
        tree = screen.query_one("#tree")
        tree.move_cursor(tree.node_for(objective_key(o3.id)))
        await pilot.pause()
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
        help_text = str(app.screen.query_one("#help-f-statement").render())
        assert help_text.startswith("Exemples d'objectifs partagés")
        await tick(pilot, "cooperation", "Achats groupés")
        await save_form(pilot, demo_path,
                        lambda d: "group_purchasing" in by_code(d, "O3").cooperation)  # fmt: skip
        label = tree.node_for(objective_key(o3.id)).label.plain
        assert label.startswith("O3 [") and "achats" in label
        # The palette's filter by type of cooperation keeps the shared objectives needing it.
        screen.pick_cooperation()
        await pilot.pause()
        await choose_in_list(pilot, "Achats groupés")
        await wait_until(pilot, lambda: screen.query_one("#filter").value == "Achats groupés")
        assert tree.node_for(objective_key(o3.id)) is not None
        assert tree.node_for(objective_key(by_code(read(demo_path), "O1").id)) is None
        # An operational objective has no types of cooperation to give.
        tree.move_cursor(tree.node_for(objective_key(by_code(read(demo_path), "O3.1").id)))
        await pilot.pause()
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
        assert not _shown(app, "cooperation")


async def choose_in_list(pilot, label: str) -> None:  # type: ignore[no-untyped-def]
    """In a ChoiceModal: down until `label` is highlighted, then enter."""
    from textual.widgets import OptionList

    options = pilot.app.screen.query_one(OptionList)
    for _ in range(20):
        if label in str(options.highlighted_option.prompt):
            await pilot.press("enter")
            return
        await pilot.press("down")
    raise AssertionError(label)


async def test_the_stake_form_shows_the_worksheets_examples_for_its_category(
    demo_path: Path,
) -> None:
    app = make_app(demo_path, "fr")
    async with app.run_test(size=(120, 45)) as pilot:
        await loaded(pilot)
        await show_mode(pilot, "1")
        await pilot.press("tab", "a")  # a new stake of the selected organisation
        await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
        await choose(pilot, "category", "Chiffre d'affaires")
        shown = str(app.screen.query_one("#help-f-category").render())
        assert "appels d'offres" in shown and "appels à projets" in shown
        await choose(pilot, "category", "Création, amélioration ou expérimentation")
        shown = str(app.screen.query_one("#help-f-category").render())
        assert "expérimenter un produit" in shown


async def test_an_answer_per_missing_skill_and_the_action_it_calls_for(tmp_path: Path) -> None:
    """Issue 13: each missing skill its own answer and note, the closest partner named;
    a training offers to create its action, pre-filled, then linked in the remedy."""
    from coop_tui.domain.model import (
        Action,
        Objective,
        Organisation,
        Plan,
        Remedy,
        SharedStake,
        Stake,
    )
    from coop_tui.tui.modals.confirm import ConfirmModal
    from coop_tui.tui.modals.remedy import RemedyModal
    from tests.helpers import create_plan

    path = tmp_path / "plan.json"
    ids = create_plan(path, Plan(title="Essai", language="fr"), [
        Organisation(id="org-a", name="Atelier A", skills=("comptabilité générale",)),
        Organisation(id="org-b", name="Bureau B", kind="AI", skills=("menuiserie",)),
        Stake(id="st-a", organisation="org-a", category="revenue", statement="Client unique"),
        Stake(id="st-b", organisation="org-b", category="revenue", statement="CA faible"),
        SharedStake(id="ss-1", code="E1", title="Marchés", stakes=("st-a", "st-b")),
        Objective(id="o-1", code="O1", shared_stake="ss-1", statement="Gagner des marchés"),
        Objective(id="o-1-1", code="O1.1", parent="o-1", statement="Remporter un marché"),
        Action(id="a-1", code="A1", objective="o-1-1", title="Répondre",
               skills=("soudure", "comptabilité analytique"), start=dt.date(2026, 9, 1)),
    ])  # fmt: skip
    app = make_app(path, "fr")
    async with app.run_test(size=(120, 45)) as pilot:
        await loaded(pilot)
        await show_mode(pilot, "3")
        await pilot.press("r")
        await wait_until(pilot, lambda: isinstance(app.screen, RemedyModal))
        known = [str(s.render()) for s in app.screen.query(".remedy-known")]
        assert known[0] == "Aucune structure partenaire n'en est proche"
        assert known[1] == "La structure partenaire la plus proche\u00a0: Atelier A"
        await choose(pilot, "kind-0", "Formation")
        await fill(pilot, "note-0", "CACES et soudure à l'arc, 2 salarié·e·s")
        await choose(pilot, "kind-1", "Accompagnement par un expert")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        assert "Former à soudure" in str(app.screen.query_one("#question").render())
        await pilot.press("y")  # create it: the action form, pre-filled
        await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
        assert app.screen.query_one("#f-title").value == "Former à soudure"
        assert app.screen.query_one("#f-objective").value == ids["o-1-1"]
        await save_form(pilot, path, lambda d: len(d.actions) == 2)
        await wait_until(pilot, lambda: read(path).actions[ids["a-1"]].remedies[0].action != "")
    data = read(path)
    a1 = data.actions[ids["a-1"]]
    made = next(a for a in data.actions.values() if a.id != a1.id)
    assert (made.code, made.title, made.end) == ("A2", "Former à soudure", dt.date(2026, 9, 1))
    assert a1.remedies == (
        Remedy(skill="soudure", kind="training", note="CACES et soudure à l'arc, 2 salarié·e·s",
               action=made.id),
        Remedy(skill="comptabilité analytique", kind="expert"),
    )  # fmt: skip
