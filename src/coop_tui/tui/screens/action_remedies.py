"""The answers to an action's missing skills, from the action plan's `r`.

Each missing skill gets its own answer (formation, accompagnement par un expert,
recrutement) and note, saved in one transaction on the action as it is on disk.
A training or a recruitment is work to plan: the screen then offers to create the
matching action, pre-filled (same objective, phase and lead person), and links it
in the remedy (`Remedy.action`) once it is saved.
"""

from __future__ import annotations

from coop_tui.domain import checks, codes
from coop_tui.domain.model import Action, Remedy, replace
from coop_tui.text import clean
from coop_tui.tui.modals.remedy import MissingSkill, RemedyModal
from coop_tui.tui.record_fields import record_label
from coop_tui.tui.screens.base import PlanScreen

#: The answers that call for an action of their own.
PLANNED: tuple[str, ...] = ("training", "recruitment")


class RemedyAnswers(PlanScreen):
    """What the action plan screen does with `r` (see ActionPlanScreen)."""

    def ask_remedies(self, action: Action) -> None:
        """The dialog for each missing skill of `action`; then save, then offer actions."""
        data, tr = self.data, self.tr
        gaps = [g for g in checks.skill_gaps(data) if g.action == action.id]
        label = clean(record_label(data, tr, action))
        if not gaps:
            self.notify(tr.t("actions.remedy.none_needed", action=label), markup=False)
            return
        skills = []
        for gap in gaps:
            org = data.organisations.get(gap.closest)
            linked = data.actions.get(gap.remedy.action) if gap.remedy else None
            skills.append(
                MissingSkill(
                    gap.skill,
                    gap.remedy,
                    org.name if org else "",
                    f"{linked.code} {linked.title}".strip() if linked else "",
                )
            )
        modal = RemedyModal(tr.t("actions.remedy.title", action=label), skills, tr)

        def chosen(remedies: list[Remedy] | None) -> None:
            if remedies is None:
                return
            self._save_remedies(action.id, remedies)
            self.notify(tr.t("actions.remedy.saved", action=label), markup=False)
            wanted = [r for r in remedies if r.kind in PLANNED and not r.action]
            self._offer_actions(action, wanted)

        self.app.push_screen(modal, chosen)

    def _save_remedies(self, action_id: str, remedies: list[Remedy]) -> None:
        """One transaction on the fresh copy: the remedies of these skills are replaced."""
        skills = {checks.normalise_skill(r.skill) for r in remedies}

        def edit(current: Action) -> Action:
            kept = tuple(
                r for r in current.remedies if checks.normalise_skill(r.skill) not in skills
            )
            given = tuple(r for r in remedies if r.kind or r.note or r.action)
            return replace(current, remedies=kept + given)

        self.apply(lambda txn: txn.modify(Action, action_id, edit))

    def _offer_actions(self, action: Action, wanted: list[Remedy]) -> None:
        """For each training or recruitment without an action yet, one after the other:
        create it? (the form opens pre-filled; saved, it is linked to the remedy)."""
        if not wanted:
            return
        from coop_tui.tui.modals.confirm import ConfirmModal

        tr = self.tr
        remedy, rest = wanted[0], wanted[1:]
        title = tr.t(f"actions.remedy.new_title.{remedy.kind}", skill=clean(remedy.skill))
        modal = ConfirmModal(
            tr.t("actions.remedy.create", title=title),
            tr.t("actions.remedy.create_detail", code=clean(action.code)),
            tr.t("actions.remedy.create_yes"),
            tr.t("actions.remedy.create_no"),
        )

        def answered(yes: bool | None) -> None:
            if not yes:
                self._offer_actions(action, rest)
                return
            self.edit_record(
                self._new_action(action, remedy, title),
                on_saved=lambda saved: self._link(action.id, remedy.skill, saved, action, rest),
            )

        self.app.push_screen(modal, answered)

    def _new_action(self, action: Action, remedy: Remedy, title: str) -> Action:
        siblings = self.data.actions_of(action.objective)
        note = self.tr.t(
            "actions.remedy.new_description",
            skill=clean(remedy.skill),
            code=clean(action.code),
            note=clean(remedy.note),
        )
        return Action(
            code=codes.next_action_code(self.data),
            objective=action.objective,
            title=title,
            description=note.rstrip(" \u00a0—:"),
            lead=action.lead,
            phase=action.phase,
            end=action.start,
            order=max((a.order for a in siblings), default=0.0) + 1,
        )

    def _link(
        self, action_id: str, skill: str, made: object, action: Action, rest: list[Remedy]
    ) -> None:
        """The action just created carries out the remedy of `skill`; then the next offer."""
        made_id = getattr(made, "id", "")
        key = checks.normalise_skill(skill)

        def edit(current: Action) -> Action:
            remedies = tuple(
                replace(r, action=made_id) if checks.normalise_skill(r.skill) == key else r
                for r in current.remedies
            )
            return replace(current, remedies=remedies)

        self.apply(lambda txn: txn.modify(Action, action_id, edit))
        self._offer_actions(action, rest)


__all__ = ["PLANNED", "RemedyAnswers"]
