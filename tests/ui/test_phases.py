"""Phases and milestones by keys alone: from the palette, in the phases manager, in the
project, organisation and action forms, and on the board's filter."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from textual.command import CommandPalette
from textual.widgets import Select

from coop_tui.domain.model import Milestone, Organisation, Phase, Plan, replace
from coop_tui.domain.phases import phase_of
from coop_tui.storage.store import PlanStore
from coop_tui.text import clean
from coop_tui.tui.modals.choice import ChoiceModal
from coop_tui.tui.modals.confirm import ConfirmModal
from coop_tui.tui.modals.phases import PhasesModal
from coop_tui.tui.modals.record_form import RecordForm
from tests.helpers import (
    HOSTILE,
    TODAY,
    by_code,
    choose,
    create_plan,
    demo_ids,
    fill,
    loaded,
    make_app,
    palette_choice,
    read,
    record_notifications,
    save_form,
    screen_text,
    show_mode,
    wait_until,
    words,
)

SIZE = (120, 40)
DAY = dt.timedelta(days=1)


async def palette(pilot: Any, words: str, command: str) -> None:
    """ctrl+p, type `words`, run the command that starts with `command`."""
    await pilot.press("ctrl+p")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, CommandPalette))
    await pilot.press(*words)
    await wait_until(pilot, lambda: palette_choice(pilot.app).startswith(command))
    await pilot.press("enter")


async def open_manager(pilot: Any) -> PhasesModal:
    """`p` on the timeline: the phases manager."""
    await show_mode(pilot, "5")
    await pilot.press("p")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, PhasesModal))
    await pilot.pause()
    modal = pilot.app.screen
    assert isinstance(modal, PhasesModal)
    return modal


def unrevised(records: dict[str, Any]) -> dict[str, Any]:
    """Records without their revision (an undo puts them back as a new change)."""
    return {rid: replace(r, rev=0) for rid, r in records.items()}


def selected(modal: PhasesModal) -> str:
    from coop_tui.tui.widgets.line_table import LineTable

    return modal.query_one(LineTable).selected_key or ""


async def cursor_to(pilot: Any, modal: PhasesModal, key: str) -> None:
    await pilot.press("home")
    for _ in range(20):
        if selected(modal) == key:
            return
        await pilot.press("down")
    raise AssertionError(f"no row {key}")


async def test_a_phase_from_the_palette_needs_only_a_name_and_follows_the_last_one(
    demo_path: Path,
) -> None:
    before = read(demo_path)
    last = before.sorted_phases()[-1]
    assert last.end is not None
    app = make_app(demo_path, "fr")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await palette(pilot, "Ajouter une phase", "Ajouter une phase…")
        await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
        assert app.screen.form_title == "Nouvelle phase"  # type: ignore[attr-defined]
        await fill(pilot, "name", "Essaimage")
        await save_form(pilot, demo_path, lambda d: len(d.phases) == 4)
    data = read(demo_path)
    added = data.sorted_phases()[-1]
    assert added.name == "Essaimage"
    assert added.start == last.end + DAY
    assert added.end == dt.date(last.end.year + 1, last.end.month, last.end.day)
    assert added.order > last.order
    entry = PlanStore(demo_path).recent_history(1)[-1]
    assert entry.what is not None and entry.what.op == "add" and entry.what.table == "phases"


async def test_the_manager_renames_redates_moves_adds_a_milestone_and_deletes_with_undo(
    demo_path: Path,
) -> None:
    ids = demo_ids()
    ph1, ph2, etti = ids["ph1"], ids["ph2"], ids["org-etti"]
    app = make_app(demo_path, "fr")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        modal = await open_manager(pilot)
        text = screen_text(app)
        assert "Phases et jalons" in text and "◇ Convention de GME signée" in text
        assert selected(modal) == f"phase:{ph1}"

        # Rename and re-date phase 1.
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
        await fill(pilot, "name", "Lancement")
        await fill(pilot, "end", "31/03/2026")
        await save_form(pilot, demo_path, lambda d: d.phases[ph1].name == "Lancement")
        assert read(demo_path).phases[ph1].end == dt.date(2026, 3, 31)
        await wait_until(pilot, lambda: "Lancement" in screen_text(app))

        # Move it after phase 2.
        await pilot.press("shift+down")
        await wait_until(pilot, lambda: [p.id for p in read(demo_path).sorted_phases()][:2]
                         == [ph2, ph1])  # fmt: skip
        entry = PlanStore(demo_path).recent_history(1)[-1]
        assert entry.what is not None and entry.what.op == "reorder"
        await wait_until(pilot, lambda: app.plan_data.sorted_phases()[1].id == ph1)

        # A milestone in the phase under the cursor: dated at its end by default.
        await cursor_to(pilot, modal, f"phase:{ph2}")
        await pilot.press("j")
        await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
        assert app.screen.form_title == "Nouveau jalon"  # type: ignore[attr-defined]
        await fill(pilot, "name", "Logiciel de paie choisi")
        await fill(pilot, "criteria", "Deux devis comparés ; choix validé en COPIL.")
        await choose(pilot, "outcome", "Passage validé")
        count = len(read(demo_path).milestones)
        await save_form(pilot, demo_path, lambda d: len(d.milestones) == count + 1)
        added = next(m for m in read(demo_path).milestones.values()
                     if m.name == "Logiciel de paie choisi")  # fmt: skip
        assert added.phase == ph2 and added.outcome == "go"
        assert added.date == read(demo_path).phases[ph2].end
        assert added.criteria == "Deux devis comparés ; choix validé en COPIL."
        await wait_until(pilot, lambda: selected(modal) == f"milestone:{added.id}")

        # Delete phase 2: the confirmation says what goes and what loses it; then undo.
        before = read(demo_path)
        await cursor_to(pilot, modal, f"phase:{ph2}")
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        question = words(screen_text(app))
        assert "Supprimer Structuration ?" in question
        assert "Seront aussi supprimés : • 2 jalons : Premier marché" in question
        assert "Seront modifiés (n'y feront plus référence) : • 1 structure partenaire" in question
        assert "• 2 objectifs : O1.2" in question and "• 11 actions : A4" in question
        assert "Vous pourrez défaire avec « u »." in question
        await pilot.press("y")
        await wait_until(pilot, lambda: ph2 not in read(demo_path).phases)
        after = read(demo_path)
        assert all(m.phase != ph2 for m in after.milestones.values())
        assert after.organisations[etti].phase == ""
        await wait_until(pilot, lambda: ph2 not in app.plan_data.phases)
        assert isinstance(app.screen, PhasesModal)
        await pilot.press("u")
        await wait_until(pilot, lambda: ph2 in read(demo_path).phases)
        restored = read(demo_path)
        for table in ("phases", "milestones", "organisations", "objectives", "actions"):
            assert unrevised(restored.table(table)) == unrevised(before.table(table)), table
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, PhasesModal))


async def test_a_milestone_from_the_palette_goes_to_the_current_phase(demo_path: Path) -> None:
    ph1 = demo_ids()["ph1"]  # the phase running on TODAY
    count = len(read(demo_path).milestones)
    app = make_app(demo_path, "en")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await palette(pilot, "Add milestone", "Add milestone…")
        await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
        assert app.screen.query_one("#f-phase", Select).value == ph1
        await fill(pilot, "name", "Mid-term review held")
        await save_form(pilot, demo_path, lambda d: len(d.milestones) == count + 1)
    added = next(m for m in read(demo_path).milestones.values() if m.name == "Mid-term review held")
    assert added.phase == ph1 and added.date == read(demo_path).phases[ph1].end


async def test_a_milestone_needs_a_phase_first(tmp_path: Path) -> None:
    path = tmp_path / "nophase.json"
    create_plan(path, Plan(title="Projet"))
    app = make_app(path, "fr")
    async with app.run_test(size=SIZE) as pilot:
        notes = record_notifications(app)
        await loaded(pilot)
        await palette(pilot, "Ajouter un jalon", "Ajouter un jalon…")
        await wait_until(pilot, lambda: any("Ajoutez d'abord une phase" in n for n in notes))
        assert not isinstance(app.screen, RecordForm)


async def test_milestones_move_with_their_date_not_with_shift(demo_path: Path) -> None:
    app = make_app(demo_path, "en")
    async with app.run_test(size=SIZE) as pilot:
        notes = record_notifications(app)
        await loaded(pilot)
        modal = await open_manager(pilot)
        await pilot.press("down")
        assert selected(modal).startswith("milestone:")
        revision = read(demo_path).revision
        await pilot.press("shift+up")
        await wait_until(pilot, lambda: any("Only phases move" in n for n in notes))
        assert read(demo_path).revision == revision


async def test_the_project_form_makes_a_plan_phased_and_invites_a_first_phase(
    tmp_path: Path,
) -> None:
    path = tmp_path / "simple.json"
    create_plan(path, Plan(title="Projet court", start=dt.date(2026, 1, 1),
                           end=dt.date(2027, 12, 31)))  # fmt: skip
    app = make_app(path, "fr")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await show_mode(pilot, "6")
        await pilot.press("p")
        await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
        assert str(app.screen.query_one("#f-mode", Select).value) == "simple"
        await choose(pilot, "mode", "Par phases")
        await save_form(pilot, path, lambda d: d.plan.mode == "phased")
        # No phase yet: the phases manager opens and says how to add one.
        await wait_until(pilot, lambda: isinstance(app.screen, PhasesModal))
        await pilot.pause()
        assert "Aucune phase pour l'instant : « a » pour ajouter la première." in words(
            screen_text(app)
        )
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
        await fill(pilot, "name", "Amorçage")
        await save_form(pilot, path, lambda d: len(d.phases) == 1)
        phase = next(iter(read(path).phases.values()))
        assert (phase.start, phase.end) == (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
        manager = app.screen
        assert isinstance(manager, PhasesModal)
        await wait_until(pilot, lambda: selected(manager) == f"phase:{phase.id}")


async def test_a_first_phase_makes_a_simple_plan_phased_in_the_same_change(tmp_path: Path) -> None:
    path = tmp_path / "simple.json"
    create_plan(path, Plan(title="Projet", start=dt.date(2026, 1, 1)))
    app = make_app(path, "en")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await palette(pilot, "Add phase", "Add phase…")
        await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
        await fill(pilot, "name", "Start-up")
        await save_form(pilot, path, lambda d: len(d.phases) == 1)
        assert read(path).plan.mode == "phased"
        await pilot.press("u")
        await wait_until(pilot, lambda: not read(path).phases)
        assert read(path).plan.mode == "simple"  # one change, one undo


async def test_an_organisation_joins_in_a_phase_chosen_in_its_form(demo_path: Path) -> None:
    ids = demo_ids()
    app = make_app(demo_path, "fr")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        screen = await show_mode(pilot, "1")
        for _ in range(6):
            if screen.selected("orgs") == ids["org-etti"]:
                break
            await pilot.press("down")
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
        phase = app.screen.query_one("#f-phase", Select)
        assert phase.value == ids["ph2"]  # Structuration
        assert "Rejoint la coopération en phase" in screen_text(app)
        await choose(pilot, "phase", "Consolidation")
        await save_form(pilot, demo_path,
                        lambda d: d.organisations[ids["org-etti"]].phase == ids["ph3"])  # fmt: skip


async def test_an_action_takes_a_duration_in_whole_days(demo_path: Path) -> None:
    app = make_app(demo_path, "fr")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        gantt = (await show_mode(pilot, "5")).gantt
        for _ in range(40):
            if gantt.selected is not None and gantt.selected.code == "A17":
                break
            await pilot.press("down")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
        await fill(pilot, "duration", "2,5")
        await wait_until(pilot, lambda: "Un nombre entier est attendu." in screen_text(app))
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, RecordForm)  # refused
        await fill(pilot, "duration", "45")
        await save_form(pilot, demo_path, lambda d: by_code(d, "A17").duration == 45)


async def test_the_board_filters_the_demo_by_phase(demo_path: Path) -> None:
    ids = demo_ids()
    app = make_app(demo_path, "fr")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        screen = await show_mode(pilot, "4")
        await palette(pilot, "filtrer par phase", "Kanban\u00a0: filtrer par phase")
        await wait_until(pilot, lambda: isinstance(app.screen, ChoiceModal))
        labels = [label for label, _ in app.screen.choices]  # type: ignore[attr-defined]
        assert labels[1:] == ["Amorçage", "Structuration", "Consolidation"]
        await pilot.press("down", "down", "enter")
        board = screen.board
        await wait_until(pilot, lambda: board.board_filter.phase == ids["ph2"])
        data = app.plan_data
        shown = {a.id for lane in board.board_layout.lanes for cell in lane.cells for a in cell}
        expected = {a.id for a in data.actions.values()
                    if phase_of(data, a) == ids["ph2"] and a.status.value != "dropped"}  # fmt: skip
        assert shown == expected and expected


async def test_hostile_phase_and_milestone_names_are_shown_literally(tmp_path: Path) -> None:
    path = tmp_path / "hostile.json"
    phases = [
        Phase(id=f"p{i}", name=name, start=TODAY + (i * 40 - 60) * DAY,
              end=TODAY + (i * 40 - 21) * DAY, order=i)
        for i, name in enumerate(HOSTILE[:4])
    ]  # fmt: skip
    milestones = [
        Milestone(id=f"m{i}", phase=f"p{i % 4}", name=name, date=TODAY + (i * 40 - 30) * DAY,
                  criteria=name)
        for i, name in enumerate(HOSTILE)
    ]  # fmt: skip
    organisation = Organisation(id="org", name="Org", phase="p1")
    create_plan(path, Plan(title="Hostile", mode="phased"), [*phases, *milestones, organisation])
    app = make_app(path, "en")
    async with app.run_test(size=(160, 50)) as pilot:
        await loaded(pilot)
        await open_manager(pilot)
        text = screen_text(app)
        assert app.is_running and "\x1b" not in text
        for name in HOSTILE:
            assert clean(name) in text, f"{clean(name)!r} not in the manager:\n{text}"
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, PhasesModal))
        await pilot.press("minus")  # a quarter scale: short bands, names cut
        text = screen_text(app)
        assert "\x1b" not in text
        band = text.splitlines()[1]
        for name in HOSTILE[:4]:
            assert clean(name)[:2] in band
        assert "◇ $title {name} %s" in text  # the last milestone, on the marks line
