"""Each partner's approval of an objective, in words, and who approves by default.

Pure functions of a `PlanData` and a `Translator`, shared by the objectives
screen's approvals pane and its approval dialog: « ✓ 29/07/2025 », « ↻ à
renouveler, modifié depuis : les cibles », « ✗ pas encore », and in full
« Approbation donnée : 29/07/2025 · Claire Moreau · COPIL 1. »; and what an
approval toggled becomes (`toggled`).
"""

from __future__ import annotations

import datetime as dt

from coop_tui.domain import steering
from coop_tui.domain.approvals import approval_lapsed, approval_now, lapsed_because
from coop_tui.domain.model import Approval, Objective, Person, replace
from coop_tui.domain.snapshot import PlanData
from coop_tui.i18n import Translator
from coop_tui.text import clean


def approval_details(data: PlanData, approval: Approval, tr: Translator) -> str:
    """When, by whom, at which review: « 29/07/2025 · Claire Moreau · COPIL 1 »."""
    person = data.people.get(approval.person)
    review = data.reviews.get(approval.review)
    parts = [tr.date(approval.date), person.name if person else "", review.title if review else ""]
    return clean(" · ".join(p for p in parts if p))


def approval_state(data: PlanData, objective: Objective, org_id: str, tr: Translator) -> str:
    """One organisation's approval of `objective`, in short: given (when), to renew (what
    changed since), or not yet."""
    approval = objective.approvals.get(org_id)
    if approval is None:
        return tr.t("reviews.approval.not_yet")
    changed = lapsed_because(data, objective, approval)
    if changed:
        what = ", ".join(tr.t(f"reviews.approval.changed.{c}") for c in changed)
        return tr.t("reviews.approval.lapsed", what=what)
    return tr.t("reviews.approval.given", date=tr.date(approval.date))


def approval_line(data: PlanData, objective: Objective, org_id: str, tr: Translator) -> str:
    """The approval in full: when, by whom, at which review (and why it is to renew)."""
    approval = objective.approvals.get(org_id)
    if approval is None:
        return tr.t("reviews.approval.none")
    line = tr.t("reviews.approval.detail", details=approval_details(data, approval, tr))
    if lapsed_because(data, objective, approval):
        line += " " + approval_state(data, objective, org_id, tr)
    return line


def people_of(data: PlanData, org_id: str) -> list[Person]:
    """The organisation's people, as the plan lists them."""
    return [p for p in data.people.values() if p.organisation == org_id]


def default_person(data: PlanData, objective: Objective, org_id: str) -> str:
    """Who approves for the organisation unless told: the person who approved last
    time, else its first person ("" when it has none)."""
    people = people_of(data, org_id)
    old = objective.approvals.get(org_id)
    if old is not None and any(p.id == old.person for p in people):
        return old.person
    return people[0].id if people else ""


def default_review(data: PlanData, today: dt.date) -> str:
    """The review an approval is given at unless told: the latest held by today."""
    review = steering.last_review(data, today)
    return review.id if review else ""


def toggled(
    data: PlanData, objective: Objective, org_id: str, day: dt.date, person: str, review: str
) -> tuple[Objective, str]:
    """`objective` with `org_id`'s approval given (``set``), given again after it lapsed
    (``renewed``) by `person` at `review`, or withdrawn when it was current (``withdrawn``)."""
    old = objective.approvals.get(org_id)
    approvals = {k: v for k, v in objective.approvals.items() if k != org_id}
    if old is not None and not approval_lapsed(data, objective, old):
        return replace(objective, approvals=approvals), "withdrawn"
    approvals[org_id] = approval_now(data, objective, day, person=person, review=review)
    return replace(objective, approvals=approvals), "renewed" if old is not None else "set"
