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
