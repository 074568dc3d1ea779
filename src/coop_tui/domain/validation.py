"""What is wrong with a record, in words a catalog can translate.

`validate(record, data)` returns `Problem`s: a field, a message key from the
i18n catalogs (``problem.<code>``) and the values it needs. Forms show them as
you type; the storage refuses to save a record that has any.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import field
from typing import Any

from coop_tui.domain.frozen import frozen
from coop_tui.domain.model import (
    INDICATOR_KINDS,
    ORG_KINDS,
    ORG_ROLES,
    PARTNER_KINDS,
    PLAN_MODES,
    REMEDIES,
    STAKE_CATEGORIES,
    Action,
    ExternalPartner,
    Indicator,
    Measurement,
    Objective,
    Organisation,
    Person,
    Plan,
    Record,
    SharedStake,
    Stake,
)
from coop_tui.domain.snapshot import PlanData

#: Longest text accepted in any field (a long diagnosis fits; a pasted book does not).
MAX_TEXT = 20_000
MAX_SHORT = 300


@frozen
class Problem:
    """One thing wrong with a record."""

    field: str
    code: str
    values: dict[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return f"problem.{self.code}"


def _required(out: list[Problem], name: str, value: str) -> None:
    if not value.strip():
        out.append(Problem(name, "required"))


def _length(out: list[Problem], record: Record, short: tuple[str, ...]) -> None:
    for name, value in _text_fields(record):
        limit = MAX_SHORT if name in short else MAX_TEXT
        if len(value) > limit:
            out.append(Problem(name, "too_long", {"max": limit}))


def _text_fields(record: Record) -> list[tuple[str, str]]:
    return [
        (name, getattr(record, name))
        for name in record.__dataclass_fields__
        if isinstance(getattr(record, name), str)
    ]


def _choice(out: list[Problem], name: str, value: str, choices: tuple[str, ...]) -> None:
    if value not in choices:
        out.append(Problem(name, "unknown_choice", {"value": value}))


def _reference(out: list[Problem], name: str, value: str, table: Any, required: bool) -> None:
    if not value:
        if required:
            out.append(Problem(name, "required"))
    elif value not in table:
        out.append(Problem(name, "unknown_reference", {"value": value}))


_FOLDED: dict[str, str] = {}


def fold(text: object) -> str:
    """The form in which two codes or names count as the same ("a3 " is A3).

    Remembered per text: checking a code's uniqueness folds every code of the
    plan, and a plan keeps the same few thousand codes from one version to the next.
    """
    if text.__class__ is not str:
        return str(text).strip().casefold()
    folded = _FOLDED.get(text)  # type: ignore[call-overload]
    if folded is None:
        if len(_FOLDED) >= 100_000:
            _FOLDED.clear()
        folded = _FOLDED[text] = text.strip().casefold()  # type: ignore[attr-defined, index]
    return folded


def _unique_code(out: list[Problem], record: Any, data: PlanData) -> None:
    code = record.code.strip()
    # Case- and space-insensitive: the CLI finds "a3" as A3, so A3 and "a3 " would clash.
    if code and any(rid != record.id for rid in data.owners(record.TABLE, "code", fold, code)):
        out.append(Problem("code", "code_taken", {"code": code}))


def _plan(p: Plan, data: PlanData) -> list[Problem]:
    out: list[Problem] = []
    _required(out, "title", p.title)
    if p.start and p.end and p.end < p.start:
        out.append(Problem("end", "end_before_start"))
    _choice(out, "mode", p.mode, PLAN_MODES)
    for phase in p.phases:
        if phase.start and phase.end and phase.end < phase.start:
            out.append(Problem("phases", "phase_end_before_start", {"phase": phase.name}))
    return out


def _organisation(o: Organisation, data: PlanData) -> list[Problem]:
    out: list[Problem] = []
    _required(out, "name", o.name)
    _choice(out, "kind", o.kind, ORG_KINDS)
    _choice(out, "role", o.role, ORG_ROLES)
    if any(rid != o.id for rid in data.owners("organisations", "name", fold, o.name)):
        out.append(Problem("name", "name_taken", {"name": o.name}))
    return out


def _person(p: Person, data: PlanData) -> list[Problem]:
    out: list[Problem] = []
    _required(out, "name", p.name)
    _reference(out, "organisation", p.organisation, data.organisations, required=True)
    return out


def _stake(s: Stake, data: PlanData) -> list[Problem]:
    out: list[Problem] = []
    _reference(out, "organisation", s.organisation, data.organisations, required=True)
    _choice(out, "category", s.category, STAKE_CATEGORIES)
    _required(out, "statement", s.statement)
    return out


def _shared_stake(s: SharedStake, data: PlanData) -> list[Problem]:
    out: list[Problem] = []
    _required(out, "title", s.title)
    _unique_code(out, s, data)
    missing = [sid for sid in s.stakes if sid not in data.stakes]
    if missing:
        out.append(Problem("stakes", "unknown_reference", {"value": ", ".join(missing)}))
    orgs = {data.stakes[sid].organisation for sid in s.stakes if sid in data.stakes}
    if len(orgs) < 2:
        out.append(Problem("stakes", "too_few_organisations", {"count": len(orgs)}))
    return out


def _objective(o: Objective, data: PlanData) -> list[Problem]:
    out: list[Problem] = []
    _required(out, "statement", o.statement)
    _unique_code(out, o, data)
    if o.parent:
        _reference(out, "parent", o.parent, data.objectives, required=True)
        if o.parent == o.id or _is_descendant(data, o.parent, o.id):
            out.append(Problem("parent", "parent_cycle"))
    else:
        _reference(out, "shared_stake", o.shared_stake, data.shared_stakes, required=True)
    for org_id in o.approvals:
        if org_id not in data.organisations:
            out.append(Problem("approvals", "unknown_reference", {"value": org_id}))
    return out


def _is_descendant(data: PlanData, start: str, target: str) -> bool:
    seen: set[str] = set()
    current = data.objectives.get(start)
    while current is not None and current.id not in seen:
        if current.id == target:
            return True
        seen.add(current.id)
        current = data.objectives.get(current.parent)
    return False


def _indicator(i: Indicator, data: PlanData) -> list[Problem]:
    out: list[Problem] = []
    _required(out, "name", i.name)
    _reference(out, "objective", i.objective, data.objectives, required=True)
    _choice(out, "kind", i.kind, INDICATOR_KINDS)
    if i.target is None:
        out.append(Problem("target", "required"))
    elif i.baseline is not None and i.target == i.baseline:
        out.append(Problem("target", "target_equals_baseline"))
    return out


def _measurement(m: Measurement, data: PlanData) -> list[Problem]:
    out: list[Problem] = []
    _reference(out, "indicator", m.indicator, data.indicators, required=True)
    if m.date is None:
        out.append(Problem("date", "required"))
    if m.value is None:
        out.append(Problem("value", "required"))
    return out


def _partner(p: ExternalPartner, data: PlanData) -> list[Problem]:
    out: list[Problem] = []
    _required(out, "name", p.name)
    _choice(out, "kind", p.kind, PARTNER_KINDS)
    return out


def _action(a: Action, data: PlanData) -> list[Problem]:
    out: list[Problem] = []
    _required(out, "title", a.title)
    _unique_code(out, a, data)
    _reference(out, "objective", a.objective, data.objectives, required=True)
    _reference(out, "lead", a.lead, data.people, required=False)
    for pid in a.partners:
        _reference(out, "partners", pid, data.partners, required=True)
    for did in a.depends_on:
        if did == a.id:
            out.append(Problem("depends_on", "depends_on_itself"))
        else:
            _reference(out, "depends_on", did, data.actions, required=True)
    if a.start and a.end and a.end < a.start:
        out.append(Problem("end", "end_before_start"))
    _choice(out, "remedy", a.remedy, REMEDIES)
    for name, value in (("budget", a.resources.budget), ("working_days", a.resources.working_days)):
        if value is not None and value < 0:
            out.append(Problem(name, "negative"))
    return out


_VALIDATORS: dict[type, Callable[[Any, PlanData], list[Problem]]] = {
    Plan: _plan,
    Organisation: _organisation,
    Person: _person,
    Stake: _stake,
    SharedStake: _shared_stake,
    Objective: _objective,
    Indicator: _indicator,
    Measurement: _measurement,
    ExternalPartner: _partner,
    Action: _action,
}

_SHORT_FIELDS = ("name", "title", "code", "unit", "kind", "role", "category", "status")


def validate(record: Record, data: PlanData) -> list[Problem]:
    """Every problem with `record`, were it saved into `data`."""
    problems = _VALIDATORS[type(record)](record, data)
    _length(problems, record, _SHORT_FIELDS)
    return problems
