"""What the steering forms ask for: a review, a decision, a baseline's name.

Registered in `record_fields.FIELDS`, so every screen opens the same form for
the same record. Choices are labelled as people read them: objectives and
actions by their code first, people with their organisation.
"""

from __future__ import annotations

from coop_tui.domain import model as m
from coop_tui.domain.snapshot import PlanData, natural_key
from coop_tui.i18n import Translator
from coop_tui.tui.form_values import FieldSpec

LABEL_MAX = 60
"""A decision's text is cut to this many characters where it names the decision."""


def people_choices(data: PlanData) -> tuple[tuple[str, str], ...]:
    """Every person, as « Name (Organisation) »."""
    out = []
    for person in data.people.values():
        org = data.organisations.get(person.organisation)
        out.append((f"{person.name} ({org.name})" if org else person.name, person.id))
    return tuple(out)


def review_choices(data: PlanData, tr: Translator) -> tuple[tuple[str, str], ...]:
    """Every review, in date order, as « 29/07/2025 COPIL 1 »."""
    return tuple((f"{tr.date(r.date)} {r.title}".strip(), r.id) for r in data.sorted_reviews())


def review_fields(data: PlanData, tr: Translator) -> list[FieldSpec]:
    kinds = tuple((tr.t(f"review_kind.{kind}"), kind) for kind in m.REVIEW_KINDS)
    organisations = tuple((o.name, o.id) for o in data.organisations.values())
    return [
        FieldSpec("kind", tr.t("field.review_kind"), "choice", kinds, False),
        FieldSpec("title", tr.t("field.title")),
        FieldSpec("date", tr.t("field.date"), "date"),
        FieldSpec("organisations", tr.t("field.organisations_present"), "multi", organisations),
        FieldSpec("people", tr.t("field.people_present"), "multi", people_choices(data)),
        FieldSpec("guests", tr.t("field.guests")),
        FieldSpec("notes", tr.t("field.notes"), "long"),
    ]


def decision_fields(data: PlanData, tr: Translator) -> list[FieldSpec]:
    ordered = sorted(data.objectives.values(), key=lambda o: natural_key(o.code))
    objectives = tuple((f"{o.code} {o.statement}", o.id) for o in ordered)
    actions = tuple((f"{a.code} {a.title}", a.id) for a in data.sorted_actions())
    return [
        FieldSpec("text", tr.t("field.decision_text"), "long"),
        FieldSpec("review", tr.t("field.review"), "choice", review_choices(data, tr), False),
        FieldSpec("objectives", tr.t("field.decision_objectives"), "multi", objectives),
        FieldSpec("actions", tr.t("field.decision_actions"), "multi", actions),
        FieldSpec("owner", tr.t("field.owner"), "choice", people_choices(data)),
        FieldSpec("due", tr.t("field.due"), "date"),
        FieldSpec("done", tr.t("field.done_on"), "date"),
    ]


def baseline_fields(data: PlanData, tr: Translator) -> list[FieldSpec]:
    """A baseline's name only: what it froze is never edited."""
    return [FieldSpec("name", tr.t("field.baseline_name"))]


def steering_label(data: PlanData, tr: Translator, record: m.Record) -> str | None:
    """How a review, a decision or a baseline is named (None: not one of them)."""
    if isinstance(record, m.Decision):
        text = " ".join(record.text.split())
        return text if len(text) <= LABEL_MAX else text[: LABEL_MAX - 1] + "…"
    if isinstance(record, m.Review):
        return record.title or tr.t(f"review_kind.{record.kind}")
    if isinstance(record, m.Baseline):
        return record.name
    return None
