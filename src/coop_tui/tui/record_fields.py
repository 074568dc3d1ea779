"""What the form of each kind of record asks for (`FieldSpec` lists for the
`RecordForm` of modals/record_form.py), and the titles that name records.

Every screen opens the same form for the same kind of record (an action from
the action plan, the board or the timeline), so the field lists live here once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from coop_tui.domain import model as m
from coop_tui.domain.snapshot import PlanData, natural_key
from coop_tui.i18n import Translator
from coop_tui.text import clean
from coop_tui.tui.fields_money import budget_line_fields, funder_fields, partner_funder_field
from coop_tui.tui.fields_steering import (
    baseline_fields,
    decision_fields,
    review_fields,
    steering_label,
)
from coop_tui.tui.form_values import (
    FieldError,
    FieldSpec,
    number_text,
    parse_date,
    parse_number,
)


def _choices(tr: Translator, prefix: str, values: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    return tuple((tr.t(f"{prefix}.{v}") if tr.has(f"{prefix}.{v}") else v, v) for v in values)


def _organisations(data: PlanData) -> tuple[tuple[str, str], ...]:
    return tuple((o.name, o.id) for o in data.organisations.values())


def _phase_field(data: PlanData, tr: Translator, label: str = "field.phase") -> list[FieldSpec]:
    """The phase choice, for the records that belong to a phase, when the plan has phases."""
    if not data.phases:
        return []
    phases = tuple((p.name, p.id) for p in data.sorted_phases())
    return [FieldSpec("phase", tr.t(label), "choice", phases)]


def phase_fields(data: PlanData, tr: Translator) -> list[FieldSpec]:
    """A phase: its name and dates (its place among the others is moved in the phases
    manager, shift+↑/↓)."""
    return [
        FieldSpec("name", tr.t("field.name")),
        FieldSpec("start", tr.t("field.start"), "date"),
        FieldSpec("end", tr.t("field.end"), "date"),
        FieldSpec("description", tr.t("field.description"), "long"),
    ]


def milestone_fields(data: PlanData, tr: Translator) -> list[FieldSpec]:
    """A milestone (jalon): its phase, date, go/no-go criteria and, once decided, the outcome."""
    phases = tuple((p.name, p.id) for p in data.sorted_phases())
    return [
        FieldSpec("name", tr.t("field.name")),
        FieldSpec("phase", tr.t("field.phase"), "choice", phases, False),
        FieldSpec("date", tr.t("field.date"), "date"),
        FieldSpec("criteria", tr.t("field.criteria"), "long"),
        FieldSpec(
            "outcome", tr.t("field.outcome"), "choice",
            _choices(tr, "milestone_outcome", m.MILESTONE_OUTCOMES), False,
        ),
        FieldSpec("note", tr.t("field.note"), "long"),
    ]  # fmt: skip


def organisation_fields(data: PlanData, tr: Translator) -> list[FieldSpec]:
    fields = [
        FieldSpec("name", tr.t("field.name")),
        FieldSpec(
            "kind", tr.t("field.org_kind"), "choice", _choices(tr, "org_kind", m.ORG_KINDS), False
        ),
        FieldSpec("role", tr.t("field.role"), "choice", _choices(tr, "role", m.ORG_ROLES), False),
        FieldSpec("contact", tr.t("field.contact")),
        FieldSpec("skills", tr.t("field.skills_held"), "list"),
        FieldSpec("diagnosis", tr.t("field.diagnosis"), "long"),
    ]
    return fields + _phase_field(data, tr, "field.joins_in_phase")


def person_fields(data: PlanData, tr: Translator) -> list[FieldSpec]:
    return [
        FieldSpec("name", tr.t("field.name")),
        FieldSpec(
            "organisation", tr.t("field.organisation"), "choice", _organisations(data), False
        ),
        FieldSpec("role", tr.t("field.person_role")),
        FieldSpec("contact", tr.t("field.contact")),
    ]


def stake_fields(data: PlanData, tr: Translator) -> list[FieldSpec]:
    """The worksheet's examples for the chosen category are shown under it."""

    def examples(stake: m.Stake) -> str:
        key = f"stakes.examples.{stake.category}"
        return tr.t(key) if tr.has(key) else ""

    return [
        FieldSpec("organisation", tr.t("field.organisation"), "choice", _organisations(data), False),
        FieldSpec(
            "category", tr.t("field.category"), "choice",
            _choices(tr, "category", m.STAKE_CATEGORIES), False, help=examples,
        ),
        FieldSpec("statement", tr.t("field.stake_statement"), "long"),
        FieldSpec("risk", tr.t("field.risk"), "long"),
        FieldSpec("gain", tr.t("field.gain"), "long"),
    ]  # fmt: skip


def _stake_label(data: PlanData, tr: Translator, stake: m.Stake) -> str:
    org = data.organisations.get(stake.organisation)
    return f"{org.name if org else '?'} — {tr.t('category.' + stake.category)} — {stake.statement}"


def shared_stake_fields(data: PlanData, tr: Translator) -> list[FieldSpec]:
    stakes = tuple((_stake_label(data, tr, s), s.id) for s in data.stakes.values())
    return [
        FieldSpec("code", tr.t("field.code")),
        FieldSpec("title", tr.t("field.title")),
        FieldSpec("statement", tr.t("field.shared_statement"), "long"),
        FieldSpec("stakes", tr.t("field.pooled_stakes"), "multi", stakes),
    ]


def _realistic_to_widget(value: bool | None) -> str:
    return {True: "yes", False: "no", None: "unknown"}[value]


def _realistic_from_widget(value: str | None, _old: Any) -> bool | None:
    return {"yes": True, "no": False}.get(value or "unknown")


def objective_fields(data: PlanData, tr: Translator, today: dt.date) -> list[FieldSpec]:
    """A shared objective says its types of cooperation; the worksheet's example
    objectives are shown under the statement. Approvals are given with `p` (each one
    records what it approved), not here."""

    def shared(objective: m.Objective) -> bool:
        return not objective.parent

    def examples(objective: m.Objective) -> str:
        return tr.t("objectives.examples." + ("shared" if shared(objective) else "operational"))

    stakes = tuple((f"{s.code} {s.title}", s.id) for s in data.sorted_shared_stakes())
    parents = tuple(
        (f"{o.code} {o.statement}", o.id)
        for o in sorted(data.children(""), key=lambda o: natural_key(o.code))
    )
    fields = [
        FieldSpec("code", tr.t("field.code")),
        FieldSpec("shared_stake", tr.t("field.shared_stake"), "choice", stakes),
        FieldSpec("parent", tr.t("field.parent_objective"), "choice", parents),
        FieldSpec("statement", tr.t("field.objective_statement"), "long", help=examples),
        FieldSpec(
            "cooperation", tr.t("field.cooperation"), "multi",
            _choices(tr, "cooperation", m.COOPERATION_TYPES), when=shared,
        ),
        FieldSpec("expected_results", tr.t("field.expected_results"), "long"),
        FieldSpec("deadline", tr.t("field.deadline"), "date"),
        FieldSpec(
            "realistic", tr.t("field.realistic"), "choice",
            ((tr.t("form.yes"), "yes"), (tr.t("form.no"), "no"), (tr.t("form.unknown"), "unknown")),
            False, to_widget=_realistic_to_widget, from_widget=_realistic_from_widget,
        ),
        FieldSpec("realistic_note", tr.t("field.realistic_note")),
    ]  # fmt: skip
    return fields + _phase_field(data, tr)


def indicator_fields(data: PlanData, tr: Translator) -> list[FieldSpec]:
    """Numbers from a baseline to a target (quantitative, or time-based with numbers), or
    words of a scale (qualitative): each kind shows its own fields; a time-based one
    without numbers needs only its date. Intermediate targets for every kind."""

    def numbers(indicator: m.Indicator) -> bool:
        return indicator.kind != "qualitative"

    def words(indicator: m.Indicator) -> bool:
        return indicator.kind == "qualitative"

    def levels(indicator: m.Indicator) -> tuple[tuple[str, str], ...]:
        return tuple((level, level) for level in indicator.scale)

    return [
        FieldSpec("name", tr.t("field.name")),
        FieldSpec(
            "kind", tr.t("field.indicator_kind"), "choice",
            _choices(tr, "indicator_kind", m.INDICATOR_KINDS), False,
            help=lambda i: tr.t(f"objectives.kind_help.{i.kind}"),
        ),
        FieldSpec("unit", tr.t("field.unit"), when=numbers),
        FieldSpec("baseline", tr.t("field.baseline"), "number", when=numbers),
        FieldSpec("target", tr.t("field.target"), "number", when=numbers),
        FieldSpec("scale", tr.t("field.scale"), "list", when=words),
        FieldSpec("baseline_level", tr.t("field.baseline_level"), "choice", when=words,
                  choices_from=levels),
        FieldSpec("target_level", tr.t("field.target_level"), "choice", when=words,
                  choices_from=levels),
        FieldSpec("target_date", tr.t("field.target_date"), "date"),
        FieldSpec(
            "steps", tr.t("field.steps"), to_widget=lambda steps: steps_text(steps, tr),
            from_widget=lambda text, _old: read_steps(text, tr.language),
            help=lambda _i: tr.t("objectives.steps_help"),
        ),
    ]  # fmt: skip


def steps_text(steps: tuple[m.Step, ...], tr: Translator) -> str:
    """Intermediate targets as typed in the form: `31/12/2026 = 40 ; 30/06/2027 = bon`."""
    return ("\u00a0; " if tr.language == "fr" else "; ").join(
        f"{tr.date(step.date)} = {step.level or number_text(step.value, tr.language)}"
        for step in sorted(steps, key=lambda s: s.date)
    )


def read_steps(text: str, language: str) -> tuple[m.Step, ...]:
    """The intermediate targets typed in the form: `date = number` or `date = level`,
    separated by semicolons."""
    steps = []
    for part in text.split(";"):
        if not part.strip():
            continue
        day_text, sign, value_text = part.partition("=")
        day = parse_date(day_text)
        if not sign or day is None or not value_text.strip():
            raise FieldError("not_a_step")
        try:
            steps.append(m.Step(date=day, value=parse_number(value_text, language)))
        except FieldError:
            steps.append(m.Step(date=day, level=clean(value_text.strip())))
    return tuple(sorted(steps, key=lambda s: s.date))


def measurement_fields(
    data: PlanData, tr: Translator, measurement: m.Measurement | None = None
) -> list[FieldSpec]:
    """What a measurement of its indicator's kind records: a number (in its unit), a
    level of its scale, or the day a time-based target without numbers was reached."""
    indicator = data.indicators.get(measurement.indicator) if measurement else None
    after = [FieldSpec("note", tr.t("field.note")), FieldSpec("author", tr.t("field.author"))]
    if indicator is not None and indicator.kind == "qualitative":
        levels = tuple((level, level) for level in indicator.scale)
        return [
            FieldSpec("level", tr.t("field.level"), "choice", levels, False),
            FieldSpec("date", tr.t("field.date"), "date"),
            *after,
        ]
    if indicator is not None and indicator.kind == "time_based" and indicator.target is None:
        return [FieldSpec("date", tr.t("field.date_reached"), "date"), *after]
    unit = clean(indicator.unit) if indicator is not None else ""
    label = tr.t("field.value_in", unit=unit) if unit else tr.t("field.value")
    return [
        FieldSpec("value", label, "number"),
        FieldSpec("date", tr.t("field.date"), "date"),
        *after,
    ]


def partner_fields(data: PlanData, tr: Translator) -> list[FieldSpec]:
    return [
        FieldSpec("name", tr.t("field.name")),
        FieldSpec(
            "kind", tr.t("field.partner_kind"), "choice",
            _choices(tr, "partner_kind", m.PARTNER_KINDS), False,
        ),
        FieldSpec("brings", tr.t("field.brings"), "long"),
        FieldSpec("expects", tr.t("field.expects"), "long"),
        FieldSpec("contact", tr.t("field.contact")),
        partner_funder_field(data, tr),
    ]  # fmt: skip


def _dependency_choices(data: PlanData, action: m.Action | None) -> tuple[tuple[str, str], ...]:
    """Actions this one may depend on: those under the same shared objective, plus the
    ones already chosen (a list of every action would be unusable in a 5,000-action plan)."""
    chosen = set(action.depends_on) if action else set()
    objective = data.objectives.get(action.objective) if action else None
    root = data.objectives.get(objective.parent) if objective and objective.parent else objective
    family = {root.id, *(c.id for c in data.children(root.id))} if root else set()
    candidates = [
        a for a in data.actions.values()
        if (a.objective in family or a.id in chosen) and (action is None or a.id != action.id)
    ]  # fmt: skip
    return tuple((f"{a.code} {a.title}", a.id) for a in data.sorted_actions(candidates))


def _whole_days(value: float | None, _old: Any) -> int | None:
    """A duration is a whole number of days."""
    if value is None:
        return None
    if not float(value).is_integer():
        raise FieldError("not_a_whole_number")
    return int(value)


def action_fields(
    data: PlanData, tr: Translator, action: m.Action | None = None
) -> list[FieldSpec]:
    objectives = tuple((f"{o.code} {o.statement}", o.id) for o in data.operational_objectives())
    people = tuple(
        (f"{p.name} ({data.organisations[p.organisation].name})"
         if p.organisation in data.organisations else p.name, p.id)
        for p in data.people.values()
    )  # fmt: skip
    partners = tuple((p.name, p.id) for p in data.partners.values())
    others = _dependency_choices(data, action)
    fields = [
        FieldSpec("code", tr.t("field.code")),
        FieldSpec("objective", tr.t("field.objective"), "choice", objectives, False),
        FieldSpec("title", tr.t("field.action_title")),
        FieldSpec("description", tr.t("field.description"), "long"),
        FieldSpec("status", tr.t("field.status"), "choice",
                  tuple((tr.t(f"status.{s.value}"), s) for s in m.Status), False),
        FieldSpec("lead", tr.t("field.lead"), "choice", people),
        FieldSpec("start", tr.t("field.start"), "date"),
        FieldSpec("end", tr.t("field.end"), "date"),
        FieldSpec("duration", tr.t("field.duration"), "number", from_widget=_whole_days),
        FieldSpec("skills", tr.t("field.required_skills"), "list"),
        FieldSpec("resources.working_days", tr.t("field.working_days"), "number"),
        FieldSpec("resources.places", tr.t("field.places")),
        FieldSpec("resources.equipment", tr.t("field.equipment")),
        FieldSpec("resources.other", tr.t("field.other_resources")),
        FieldSpec("partners", tr.t("field.external_partners"), "multi", partners),
        FieldSpec("depends_on", tr.t("field.depends_on"), "multi", others),
    ]  # fmt: skip
    return fields + _phase_field(data, tr)


def plan_fields(data: PlanData, tr: Translator) -> list[FieldSpec]:
    return [
        FieldSpec("title", tr.t("field.title")),
        FieldSpec("description", tr.t("field.description"), "long"),
        FieldSpec("territory", tr.t("field.territory")),
        FieldSpec("start", tr.t("field.start"), "date"),
        FieldSpec("end", tr.t("field.end"), "date"),
        FieldSpec("mode", tr.t("field.mode"), "choice", _choices(tr, "mode", m.PLAN_MODES), False),
        FieldSpec(
            "language", tr.t("field.language"), "choice", (("Français", "fr"), ("English", "en"))
        ),
    ]


def record_label(data: PlanData, tr: Translator, record: m.Record) -> str:
    """How a record is named in titles and confirmations ("A3 Rédiger…")."""
    if isinstance(record, m.Action | m.SharedStake):
        return f"{record.code} {record.title}".strip()
    if isinstance(record, m.Objective):
        return f"{record.code} {record.statement}".strip()
    if isinstance(record, m.Stake):
        return _stake_label(data, tr, record)
    if isinstance(record, m.Measurement):
        return f"{tr.date(record.date)} {tr.number(record.value, 2)}"
    steering = steering_label(data, tr, record)
    if steering is not None:
        return steering
    if isinstance(record, m.BudgetLine):
        action = data.actions.get(record.action)
        return f"{action.code if action else ''} {record.label}".strip() or record.id
    for name in ("name", "title", "label", "text"):
        value = getattr(record, name, "")
        if isinstance(value, str) and value.strip():
            return value
    return record.id


FIELDS: dict[type[m.Record], Callable[..., list[FieldSpec]]] = {
    m.Phase: phase_fields,
    m.Milestone: milestone_fields,
    m.Organisation: organisation_fields,
    m.Person: person_fields,
    m.Stake: stake_fields,
    m.SharedStake: shared_stake_fields,
    m.Indicator: indicator_fields,
    m.Measurement: measurement_fields,
    m.ExternalPartner: partner_fields,
    m.Action: action_fields,
    m.Review: review_fields,
    m.Decision: decision_fields,
    m.Baseline: baseline_fields,
    m.BudgetLine: budget_line_fields,
    m.Funder: funder_fields,
}


def fields_for(record: m.Record, data: PlanData, tr: Translator, today: dt.date) -> list[FieldSpec]:
    """The form fields of any record."""
    if isinstance(record, m.Objective):
        return objective_fields(data, tr, today)
    if isinstance(record, m.Plan):
        return plan_fields(data, tr)
    if isinstance(record, m.Action):
        return action_fields(data, tr, record)
    if isinstance(record, m.BudgetLine):
        return budget_line_fields(data, tr, record)
    if isinstance(record, m.Funder):
        return funder_fields(data, tr, record)
    if isinstance(record, m.Measurement):
        return measurement_fields(data, tr, record)
    return FIELDS[type(record)](data, tr)
