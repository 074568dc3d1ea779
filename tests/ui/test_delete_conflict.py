"""Deleting says first what else goes or changes; a conflict shows both versions."""

from __future__ import annotations

from pathlib import Path

from coop_tui.tui.modals.confirm import ConfirmModal
from tests.helpers import demo_ids, loaded, make_app, read, show_mode, wait_until


async def test_deleting_an_organisation_lists_what_goes_and_changes_then_u_restores(
    demo_path: Path,
) -> None:
    ids = demo_ids()
    org = ids["org-aci"]
    before = read(demo_path)
    people = {p.id for p in before.people.values() if p.organisation == org}
    stakes = {s.id for s in before.stakes.values() if s.organisation == org}
    assert len(people) == 3 and len(stakes) == 3
    app = make_app(demo_path, "fr")
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        screen = await show_mode(pilot, "1")
        assert screen.selected("orgs") == org
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        detail = str(app.screen.query_one("#detail").render())
        assert "Seront aussi supprimés" in detail
        assert "3 personnes\u00a0: Inès Coulibaly, Nadia Benali, Thomas Girard" in detail
        assert "3 enjeux individuels\u00a0: " in detail
        assert "Seront modifiés" in detail and "2 enjeux partagés\u00a0: E2 " in detail
        assert "9 objectifs" in detail and "et 5 autres" in detail
        await pilot.press("o")
        await wait_until(pilot, lambda: org not in read(demo_path).organisations)
        after = read(demo_path)
        assert not people & set(after.people) and not stakes & set(after.stakes)
        assert all(not stakes & set(s.stakes) for s in after.shared_stakes.values())
        await wait_until(pilot, lambda: app.plan_data.revision == after.revision)
        await pilot.press("u")
        await wait_until(pilot, lambda: org in read(demo_path).organisations)
    restored = read(demo_path)
    assert people <= set(restored.people) and stakes <= set(restored.stakes)
    assert restored.shared_stakes == {
        k: v
        for k, v in restored.shared_stakes.items()
        if v.stakes == before.shared_stakes[k].stakes
    }


async def test_a_conflict_shows_theirs_and_mine_per_field_with_who_and_when(
    demo_path: Path,
) -> None:
    """Issue 12, trap 5: not "take theirs / keep mine" blind."""
    from coop_tui.domain.model import replace
    from coop_tui.storage.store import PlanStore
    from coop_tui.tui.modals.conflict import ConflictModal
    from coop_tui.tui.modals.record_form import RecordForm
    from tests.helpers import by_code, frozen_clock

    app = make_app(demo_path, "fr", user="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        screen = await show_mode(pilot, "4")
        screen.board.focus_action(by_code(read(demo_path), "A3").id)
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
        app.screen.query_one("#f-title").focus()
        await pilot.press("end", *" (ann)")
        # Meanwhile Bob changes the title and the end date of A3, and saves first.
        bob = PlanStore(demo_path, user="bob", clock=frozen_clock)
        a3 = by_code(bob.read(), "A3")
        bob.save(replace(a3, title="Titre de Bob"))
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, ConflictModal))
        dialog = app.screen
        fields = [str(s.render()) for s in dialog.query(".conflict-field")]
        theirs = [str(s.render()) for s in dialog.query(".conflict-theirs")]
        mine = [str(s.render()) for s in dialog.query(".conflict-mine")]
        assert fields == ["Titre — modifié par bob le 02/03/2026 " + fields[0][-5:]]
        assert theirs == ["Titre de Bob"] and mine[0].endswith(" (ann)")
        assert "Leur version" in str(dialog.query(".conflict-head Static").first().render())
        await pilot.press("m")
        await wait_until(pilot, lambda: by_code(read(demo_path), "A3").title.endswith("(ann)"))
