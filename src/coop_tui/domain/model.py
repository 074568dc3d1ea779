"""The entities of one cooperation project (SPEC §3), as frozen msgspec Structs.

Records are plain values. The storage encodes and decodes them with msgspec
(one typed decoder for the whole file); an edit builds a new value with
`replace`. Nothing here knows about files or screens.

A record's `id` is TinyDB's document id: a whole number written as text ("12"),
unique in the plan, so that a stock `TinyDB(path)` reads and writes the file too.
"""

# No `from __future__ import annotations`: msgspec reads these annotations when a decoder is
# built, and string ones it must compile and evaluate one by one (6 ms of every command).

import datetime as dt
import enum
from typing import Annotated, Any, ClassVar, TypeVar

import msgspec
from msgspec import Struct

T = TypeVar("T", bound=Struct)


def replace(record: T, **changes: Any) -> T:
    """A copy of `record` with some fields changed (records are frozen)."""
    return msgspec.structs.replace(record, **changes)


def field_names(record_type: type[Struct] | Struct) -> tuple[str, ...]:
    """The fields of a Struct type or value, in declaration order."""
    return record_type.__struct_fields__


class Status(enum.StrEnum):
    """An action's status; the values are the words the CLI and JSON use."""

    TODO = "todo"
    IN_PROGRESS = "in_progress"
    BLOCKED = "blocked"
    DONE = "done"
    DROPPED = "dropped"

    @property
    def is_open(self) -> bool:
        """Still to be carried out (neither done nor dropped)."""
        return self not in (Status.DONE, Status.DROPPED)


#: The statuses in board order, left to right.
STATUS_ORDER: tuple[Status, ...] = tuple(Status)

ORG_KINDS: tuple[str, ...] = ("ACI", "AI", "EI", "ETTI", "EA", "GEIQ", "other")
ORG_ROLES: tuple[str, ...] = ("lead", "partner")
STAKE_CATEGORIES: tuple[str, ...] = (
    "revenue",
    "operating_costs",
    "skills",
    "working_time",
    "territorial_legitimacy",
    "activities",
    "other",
)
INDICATOR_KINDS: tuple[str, ...] = ("quantitative", "qualitative", "time_based")
REMEDY_KINDS: tuple[str, ...] = ("training", "expert", "recruitment")
PLAN_MODES: tuple[str, ...] = ("simple", "phased")
PARTNER_KINDS: tuple[str, ...] = ("funder", "support", "skills", "expert", "other")
COOPERATION_TYPES: tuple[str, ...] = (
    "gme",
    "employer_group",
    "staff_provision",
    "group_purchasing",
    "shared_support",
    "joint_company",
    "partnership_agreement",
    "other",
)
MILESTONE_OUTCOMES: tuple[str, ...] = ("", "go", "no_go")
REVIEW_KINDS: tuple[str, ...] = ("copil", "cotech", "annual", "midterm", "other")
BUDGET_NATURES: tuple[str, ...] = (
    "personnel",
    "services",
    "purchases",
    "investment",
    "running_costs",
    "other",
)
IN_KIND: tuple[str, ...] = ("", "staff", "premises", "equipment", "other")
FUNDER_KINDS: tuple[str, ...] = (
    "state",
    "fdi",
    "region",
    "department",
    "epci",
    "esf",
    "france_active",
    "foundation",
    "opco",
    "own_funds",
    "other",
)
FUNDER_STATUSES: tuple[str, ...] = ("requested", "granted", "paid")


class Record(Struct, frozen=True, kw_only=True, gc=False):
    """Base of every stored entity: an id and the revision of its last change."""

    TABLE: ClassVar[str] = ""
    MULTILINE: ClassVar[frozenset[str]] = frozenset()
    """Text fields that may hold line breaks (every other text is one line)."""

    id: str = ""
    """TinyDB's document id (a whole number as text), unique in the plan."""
    rev: Annotated[int, msgspec.Meta(ge=0)] = 0
    """Plan revision at which this record last changed (for conflict checks)."""


class Plan(Record, frozen=True, kw_only=True, gc=False):
    """The project itself: one per plan file."""

    TABLE: ClassVar[str] = "plan"
    MULTILINE: ClassVar[frozenset[str]] = frozenset({"description"})

    title: str = ""
    description: str = ""
    territory: str = ""
    start: dt.date | None = None
    end: dt.date | None = None
    mode: str = "simple"
    """'simple' (one fixed plan) or 'phased' (a long project in phases)."""
    language: str = ""
    """'fr', 'en' or '' (let the reader's settings decide)."""


class Phase(Record, frozen=True, kw_only=True, gc=False):
    """A stage of a long project (phase / étape)."""

    TABLE: ClassVar[str] = "phases"
    MULTILINE: ClassVar[frozenset[str]] = frozenset({"description"})

    name: str = ""
    start: dt.date | None = None
    end: dt.date | None = None
    order: float = 0.0
    description: str = ""


class Milestone(Record, frozen=True, kw_only=True, gc=False):
    """A milestone (jalon) of a phase, with its go/no-go criteria."""

    TABLE: ClassVar[str] = "milestones"
    MULTILINE: ClassVar[frozenset[str]] = frozenset({"criteria", "note"})

    phase: str = ""
    name: str = ""
    date: dt.date | None = None
    criteria: str = ""
    outcome: str = ""
    """'' (not decided yet), 'go' or 'no_go'."""
    note: str = ""


class Organisation(Record, frozen=True, kw_only=True, gc=False):
    """A partner organisation (structure partenaire)."""

    TABLE: ClassVar[str] = "organisations"
    MULTILINE: ClassVar[frozenset[str]] = frozenset({"diagnosis"})

    name: str = ""
    kind: str = "ACI"
    role: str = "partner"
    contact: str = ""
    skills: tuple[str, ...] = ()
    phase: str = ""
    """The phase it joins the cooperation in ('' from the start)."""
    diagnosis: str = ""
    """Its situation and diagnosis (état des lieux et diagnostic)."""


class Person(Record, frozen=True, kw_only=True, gc=False):
    """Someone who can lead actions (référent·e)."""

    TABLE: ClassVar[str] = "people"

    name: str = ""
    organisation: str = ""
    contact: str = ""
    role: str = ""


class Stake(Record, frozen=True, kw_only=True, gc=False):
    """An individual stake of one organisation."""

    TABLE: ClassVar[str] = "stakes"
    MULTILINE: ClassVar[frozenset[str]] = frozenset({"statement", "risk", "gain"})

    organisation: str = ""
    category: str = "other"
    statement: str = ""
    risk: str = ""
    """What the organisation risks losing without the cooperation."""
    gain: str = ""
    """What it can gain with it."""


class SharedStake(Record, frozen=True, kw_only=True, gc=False):
    """A stake that pools individual stakes of at least two organisations."""

    TABLE: ClassVar[str] = "shared_stakes"
    MULTILINE: ClassVar[frozenset[str]] = frozenset({"statement"})

    code: str = ""
    title: str = ""
    statement: str = ""
    stakes: tuple[str, ...] = ()


class ApprovedTarget(Struct, frozen=True, kw_only=True, gc=False):
    """An indicator's target as an approval approved it."""

    value: float | None = None
    level: str = ""
    date: dt.date | None = None


class Approval(Struct, frozen=True, kw_only=True, gc=False):
    """One organisation's approval of an objective, and what exactly it approved.

    Changing the objective's statement, deadline or targets afterwards makes the
    approval "to renew" (see `checks.approval_lapsed`).
    """

    date: dt.date
    person: str = ""
    """Who approved, for the organisation (person id, '' if not said)."""
    review: str = ""
    """The review (meeting) it was given at, if any."""
    statement: str = ""
    deadline: dt.date | None = None
    targets: dict[str, ApprovedTarget] = {}
    """Indicator id -> its target as approved."""


class Objective(Record, frozen=True, kw_only=True, gc=False):
    """A shared objective (no parent) or an operational objective (with one)."""

    TABLE: ClassVar[str] = "objectives"
    MULTILINE: ClassVar[frozenset[str]] = frozenset(
        {"statement", "expected_results", "realistic_note", "approvals"}
    )

    code: str = ""
    shared_stake: str = ""
    parent: str = ""
    statement: str = ""
    expected_results: str = ""
    deadline: dt.date | None = None
    phase: str = ""
    approvals: dict[str, Approval] = {}
    """Organisation id -> its approval (absent: not approved)."""
    realistic: bool | None = None
    """The partners' judgement: realistic and ambitious (None: not judged)."""
    realistic_note: str = ""
    cooperation: tuple[str, ...] = ()
    """Types of cooperation the objective needs (GME, groupement d'employeurs…)."""


class Step(Struct, frozen=True, kw_only=True, gc=False):
    """An intermediate target of an indicator (per year, per milestone)."""

    date: dt.date
    value: float | None = None
    level: str = ""
    """For a qualitative indicator: a word of its scale."""


class Indicator(Record, frozen=True, kw_only=True, gc=False):
    """A tracking indicator of one objective.

    Quantitative and time-based indicators with numbers go from `baseline` to
    `target` (up or down); qualitative ones from `baseline_level` to
    `target_level` on their `scale` (words, lowest first); a time-based one
    without numbers is reached when a measurement records the day it happened.
    """

    TABLE: ClassVar[str] = "indicators"

    objective: str = ""
    name: str = ""
    kind: str = "quantitative"
    unit: str = ""
    baseline: float | None = None
    target: float | None = None
    target_date: dt.date | None = None
    scale: tuple[str, ...] = ()
    baseline_level: str = ""
    target_level: str = ""
    steps: tuple[Step, ...] = ()


class Measurement(Record, frozen=True, kw_only=True, gc=False):
    """One value of an indicator at a date (a word for a qualitative one)."""

    TABLE: ClassVar[str] = "measurements"
    MULTILINE: ClassVar[frozenset[str]] = frozenset({"note"})

    indicator: str = ""
    date: dt.date | None = None
    value: float | None = None
    level: str = ""
    note: str = ""
    author: str = ""


class Resources(Struct, frozen=True, kw_only=True, gc=False):
    """Means of an action besides money (money is in its budget lines)."""

    working_days: float | None = None
    places: str = ""
    equipment: str = ""
    other: str = ""


class Remedy(Struct, frozen=True, kw_only=True, gc=False):
    """The answer to one missing skill: training, expert support or recruitment."""

    skill: str
    kind: str = ""
    note: str = ""
    action: str = ""
    """The action created to carry it out, if any."""


class Action(Record, frozen=True, kw_only=True, gc=False):
    """One step of an objective's action plan."""

    TABLE: ClassVar[str] = "actions"
    MULTILINE: ClassVar[frozenset[str]] = frozenset({"description"})

    code: str = ""
    objective: str = ""
    title: str = ""
    description: str = ""
    skills: tuple[str, ...] = ()
    resources: Resources = Resources()
    partners: tuple[str, ...] = ()
    """External partner ids to mobilise."""
    start: dt.date | None = None
    end: dt.date | None = None
    duration: int | None = None
    """Days from start to end included, for backward planning when dates are not set."""
    lead: str = ""
    """Person id of the lead person."""
    status: Status = Status.TODO
    order: float = 0.0
    """Position on the board, within its lane and status."""
    phase: str = ""
    remedies: tuple[Remedy, ...] = ()
    depends_on: tuple[str, ...] = ()
    """Actions that must finish before this one starts (finish-to-start)."""


class ExternalPartner(Record, frozen=True, kw_only=True, gc=False):
    """A partner from outside the cooperation, kept in one register."""

    TABLE: ClassVar[str] = "partners"
    MULTILINE: ClassVar[frozenset[str]] = frozenset({"brings", "expects"})

    name: str = ""
    kind: str = "other"
    brings: str = ""
    expects: str = ""
    contact: str = ""
    funder: str = ""
    """Its entry among the funders, when it is a financial partner."""


class Review(Record, frozen=True, kw_only=True, gc=False):
    """A steering meeting: COPIL, COTECH, annual or mid-term review."""

    TABLE: ClassVar[str] = "reviews"
    MULTILINE: ClassVar[frozenset[str]] = frozenset({"notes"})

    kind: str = "copil"
    title: str = ""
    date: dt.date | None = None
    organisations: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    guests: str = ""
    """Others present (DDETS, the Agglo…), as text."""
    notes: str = ""


class Decision(Record, frozen=True, kw_only=True, gc=False):
    """A decision taken at a review, followed until done."""

    TABLE: ClassVar[str] = "decisions"
    MULTILINE: ClassVar[frozenset[str]] = frozenset({"text"})

    review: str = ""
    text: str = ""
    objectives: tuple[str, ...] = ()
    actions: tuple[str, ...] = ()
    owner: str = ""
    due: dt.date | None = None
    done: dt.date | None = None


class BaseObjective(Struct, frozen=True, kw_only=True, gc=False):
    code: str = ""
    statement: str = ""
    deadline: dt.date | None = None


class BaseIndicator(Struct, frozen=True, kw_only=True, gc=False):
    objective: str = ""
    name: str = ""
    target: float | None = None
    target_level: str = ""
    target_date: dt.date | None = None


class BaseAction(Struct, frozen=True, kw_only=True, gc=False):
    code: str = ""
    title: str = ""
    objective: str = ""
    start: dt.date | None = None
    end: dt.date | None = None
    budget: float = 0.0
    status: str = "todo"


class Baseline(Record, frozen=True, kw_only=True, gc=False):
    """The plan as validated at a review: dates, budgets, targets, statuses, frozen."""

    TABLE: ClassVar[str] = "baselines"
    MULTILINE: ClassVar[frozenset[str]] = frozenset({"objectives"})

    name: str = ""
    review: str = ""
    date: dt.date | None = None
    objectives: dict[str, BaseObjective] = {}
    indicators: dict[str, BaseIndicator] = {}
    actions: dict[str, BaseAction] = {}


class Share(Struct, frozen=True, kw_only=True, gc=False):
    """One partner organisation's part of a budget line."""

    organisation: str
    percent: float | None = None
    amount: float | None = None
    """Euros a year for a yearly line (instead of a percentage)."""
    fte: float | None = None
    days: float | None = None


class BudgetLine(Record, frozen=True, kw_only=True, gc=False):
    """A line of an action's budget: an amount, once or every year of a span."""

    TABLE: ClassVar[str] = "budget_lines"

    action: str = ""
    label: str = ""
    nature: str = "other"
    amount: float = 0.0
    """Euros, for one occurrence."""
    quantity: float = 1.0
    """Occurrences (once, or a year: two job datings a year)."""
    yearly: bool = False
    first_year: int | None = None
    """The year of a one-off line; the first year of a yearly one."""
    last_year: int | None = None
    shares: tuple[Share, ...] = ()
    in_kind: str = ""
    """'' (money) or what is contributed in kind: staff, premises, equipment, other."""
    provider: str = ""
    """The organisation that contributes it in kind."""


class Funder(Record, frozen=True, kw_only=True, gc=False):
    """A source of financing and how far it has gone (requested, granted, paid)."""

    TABLE: ClassVar[str] = "funders"
    MULTILINE: ClassVar[frozenset[str]] = frozenset({"note"})

    name: str = ""
    kind: str = "other"
    amounts: dict[str, float] = {}
    """Year ('2026') -> euros."""
    status: str = "requested"
    requested_on: dt.date | None = None
    granted_on: dt.date | None = None
    paid_on: dt.date | None = None
    paid: float | None = None
    """Euros paid so far (a grant is often paid in parts)."""
    actions: tuple[str, ...] = ()
    objectives: tuple[str, ...] = ()
    organisation: str = ""
    """For a partner's own funds: which organisation."""
    note: str = ""


#: Every stored entity type, by table name, in worksheet order.
ENTITY_TYPES: dict[str, type[Record]] = {
    cls.TABLE: cls
    for cls in (
        Phase,
        Milestone,
        Organisation,
        Person,
        Stake,
        SharedStake,
        Objective,
        Indicator,
        Measurement,
        ExternalPartner,
        Action,
        BudgetLine,
        Funder,
        Review,
        Decision,
        Baseline,
    )
}

#: Which fields refer to records of which table: `field -> table` for a single id or a
#: tuple of ids; nested structs list their own fields as `field.sub`. `approvals` is
#: keyed by organisation id; baselines by the ids of the records they froze.
REFERENCES: dict[str, dict[str, str]] = {
    "phases": {},
    "milestones": {"phase": "phases"},
    "organisations": {"phase": "phases"},
    "people": {"organisation": "organisations"},
    "stakes": {"organisation": "organisations"},
    "shared_stakes": {"stakes": "stakes"},
    "objectives": {
        "shared_stake": "shared_stakes",
        "parent": "objectives",
        "phase": "phases",
        "approvals.*key": "organisations",
        "approvals.person": "people",
        "approvals.review": "reviews",
        "approvals.targets.*key": "indicators",
    },
    "indicators": {"objective": "objectives"},
    "measurements": {"indicator": "indicators"},
    "partners": {"funder": "funders"},
    "actions": {
        "objective": "objectives",
        "partners": "partners",
        "lead": "people",
        "phase": "phases",
        "depends_on": "actions",
        "remedies.action": "actions",
    },
    "budget_lines": {
        "action": "actions",
        "shares.organisation": "organisations",
        "provider": "organisations",
    },
    "funders": {"actions": "actions", "objectives": "objectives", "organisation": "organisations"},
    "reviews": {"organisations": "organisations", "people": "people"},
    "decisions": {
        "review": "reviews",
        "objectives": "objectives",
        "actions": "actions",
        "owner": "people",
    },
    "baselines": {
        "review": "reviews",
        "objectives.*key": "objectives",
        "indicators.*key": "indicators",
        "indicators.objective": "objectives",
        "actions.*key": "actions",
        "actions.objective": "objectives",
    },
}

#: References that record the plan as it was (a baseline, the targets an approval
#: approved): renumbered with the plan, never checked nor cleared when a record goes.
FROZEN_REFERENCES: frozenset[tuple[str, str]] = frozenset(
    {
        ("objectives", "approvals.targets.*key"),
        *(("baselines", path) for path in REFERENCES["baselines"] if path != "review"),
    }
)
