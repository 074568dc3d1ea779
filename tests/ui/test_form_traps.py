"""Forms that do not lose work: escape on a changed form asks first; `m` says which indicator
it measures and asks before recording a value far outside what it can be."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from coop_tui.tui.modals.confirm import ConfirmModal
from coop_tui.tui.modals.record_form import RecordForm
from tests.helpers import (
    TODAY,
    by_code,
    choose,
    demo_ids,
    loaded,
    make_app,
    read,
    save_form,
    show_mode,
    tab_to,
    type_text,
    wait_until,
)


async def test_escape_on_a_changed_form_asks_and_an_untouched_one_just_closes(
    demo_path: Path,
) -> None:
    before = demo_path.read_bytes()
    org = demo_ids()["org-aci"]
    app = make_app(demo_path, "fr")
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        screen = await show_mode(pilot, "1")
        assert screen.selected("orgs") == org
        # Untouched: escape closes at once.
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, (RecordForm, ConfirmModal)))
        # Changed: escape asks; escape again (or "Continuer la saisie") keeps the typing.
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
        await pilot.press("end")
        await type_text(pilot, " bis")
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        assert "Abandonner ce que vous avez saisi" in str(
            app.screen.query_one("#question").render()
        )
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
        assert app.screen.query_one("#f-name").value.endswith(" bis")
        # Discarding really discards: nothing reaches the file.
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.press("o")
        await wait_until(pilot, lambda: not isinstance(app.screen, (RecordForm, ConfirmModal)))
        await pilot.pause(0.3)
        assert demo_path.read_bytes() == before
        # And a kept edit is saved as typed.
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
        await pilot.press("end")
        await type_text(pilot, " bis")
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
        await save_form(pilot, demo_path, lambda d: d.organisations[org].name.endswith(" bis"))
    assert read(demo_path).organisations[org].name == "Les Jardins de la Vernière bis"


async def _on_indicator(pilot: Any, objective_code: str, indicator_name: str) -> None:
    """On the objectives screen: the objective, then its indicator under the cursor."""
    from coop_tui.tui.widgets.objective_tree import objective_key

    app = pilot.app
    screen = await show_mode(pilot, "2")
    tree = screen.query_one("#tree")
    objective = by_code(app.plan_data, objective_code)
    tree.move_cursor(tree.node_for(objective_key(objective.id)))
    await pilot.pause()
    table = screen.query_one("#indicators")
    indicator = next(
        i for i in app.plan_data.indicators_of(objective.id) if i.name == indicator_name
    )
    await tab_to(pilot, "indicators")
    rows = [table.row_key_at(i) for i in range(table.row_count)]
    table.move_cursor(row=rows.index(indicator.id))
    await wait_until(pilot, lambda: table.selected == indicator.id)


async def test_m_names_the_indicator_and_asks_before_an_implausible_value(
    demo_path: Path,
) -> None:
    """Issue 12, trap 2: 58 500 on "Délai de clôture des comptes" (5 → 3 mois)."""
    before = len(read(demo_path).measurements)
    app = make_app(demo_path, "fr")
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await _on_indicator(pilot, "O2.2", "Délai de clôture des comptes")
        await pilot.press("m")
        await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
        form = app.screen
        assert form.form_title == (
            "Nouvelle mesure\u00a0: Délai de clôture des comptes — de 5 à 3 mois"
        )
        labels = [str(label.render()) for label in form.query(".field-label")]
        assert labels[0] == "Valeur (mois)"
        await type_text(pilot, "58500")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        question = str(app.screen.query_one("#question").render())
        assert "58\u00a0500 mois" in question and "Délai de clôture des comptes" in question
        assert "de 5 à 3 mois" in str(app.screen.query_one("#detail").render())
        await pilot.press("n")  # Corriger: back to the value, nothing recorded
        await wait_until(pilot, lambda: app.screen is form)
        assert len(read(demo_path).measurements) == before
        form.query_one("#f-value").value = "4"
        await pilot.press("enter")  # a plausible value is recorded at once
        await wait_until(pilot, lambda: len(read(demo_path).measurements) == before + 1)
    latest = max(read(demo_path).measurements.values(), key=lambda m: int(m.id))
    assert latest.value == 4.0


async def test_a_qualitative_indicator_takes_a_level_of_its_scale(demo_path: Path) -> None:
    app = make_app(demo_path, "fr")
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await _on_indicator(pilot, "O3.1", "Satisfaction des acheteurs")
        await pilot.press("m")
        await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
        assert app.screen.form_title.endswith("— de «\u00a0—\u00a0» à «\u00a0bon\u00a0»")
        await choose(pilot, "level", "moyen")
        await pilot.press("ctrl+s")
        await wait_until(
            pilot, lambda: any(m.level == "moyen" for m in read(demo_path).measurements.values())
        )
    measured = next(m for m in read(demo_path).measurements.values() if m.level == "moyen")
    assert measured.value is None and measured.date == TODAY


def test_what_is_implausible_for_an_indicator() -> None:
    from coop_tui.domain.model import Indicator
    from coop_tui.tui.modals.measurement_form import implausible

    months = Indicator(name="Délai", kind="time_based", unit="mois", baseline=5.0, target=3.0)
    assert not any(implausible(months, v) for v in (5.0, 4.0, 3.0, 0.0, 12.0, None))
    assert implausible(months, 58500.0) and implausible(months, -1.0)
    euros = Indicator(name="CA", baseline=0.0, target=250000.0)
    assert not implausible(euros, 42000.0) and not implausible(euros, 2_000_000.0)
    assert implausible(euros, 30_000_000.0) and implausible(euros, -5.0)
    loss = Indicator(name="Perte", baseline=-10.0, target=-2.0)
    assert implausible(loss, 4.0) and not implausible(loss, -6.0)
    assert not implausible(Indicator(name="Q", kind="qualitative"), 1e9)


def test_the_trend_line() -> None:
    from coop_tui.tui.widgets.indicator_table import sparkline

    assert sparkline([]) == "—"
    assert sparkline([0.0, 0.5, 1.0, 2.0, -1.0]) == "▁▅██▁"
    assert len(sparkline([0.1] * 20)) == 8
