"""The entities of one cooperation project (SPEC §3), as frozen dataclasses (`@frozen`).

Records are plain values: the storage turns them into JSON documents and back
with `to_record` / `from_record`; edits build a new value with
`dataclasses.replace`. Nothing here knows about files or screens.
"""

# No `from __future__ import annotations` here: the field types stay real objects, so
# neither dataclasses nor the compiled loaders (convert.py) evaluate strings at start-up.

import dataclasses
import datetime as dt
import enum
from dataclasses import field
from typing import Any, ClassVar, Self

from coop_tui.domain import convert
from coop_tui.domain.frozen import frozen


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
REMEDIES: tuple[str, ...] = ("", "training", "expert", "recruitment")
PLAN_MODES: tuple[str, ...] = ("simple", "phased")
PARTNER_KINDS: tuple[str, ...] = ("funder", "support", "skills", "expert", "other")


@frozen(kw_only=True)
class Record:
    """Base of every stored entity: an id and the revision of its last change."""

    TABLE: ClassVar[str] = ""

    id: str = ""
    """Opaque id, unique in the plan (allocated by the storage)."""
    rev: int = 0
    """Plan revision at which this record last changed (for conflict checks)."""

    def to_record(self) -> dict[str, Any]:
        """The JSON-ready document, without `id` (TinyDB keeps it as the key)."""
        out: dict[str, Any] = {}
        for f in dataclasses.fields(self):
            if f.name == "id":
                continue
            out[f.name] = convert.dump(getattr(self, f.name))
        return out

    @classmethod
    def from_record(cls, record_id: str, doc: dict[str, Any]) -> Self:
        """Build from a stored document; unknown keys are ignored, missing ones take
        their default; a value of the wrong type raises TypeError or ValueError.

        Compiled once per class (see `convert`): this is the hot path of every read.
        """
        return convert.loader(cls, keyed=True)(record_id, doc)  # type: ignore[no-any-return]


@frozen(kw_only=True)
class Phase:
    """A stage of a phased (long) project."""

    id: str
    name: str
    start: dt.date | None = None
    end: dt.date | None = None


@frozen(kw_only=True)
class Plan(Record):
    """The project itself: one per plan file."""

    TABLE: ClassVar[str] = "plan"

    title: str = ""
    description: str = ""
    territory: str = ""
    start: dt.date | None = None
    end: dt.date | None = None
    mode: str = "simple"
    phases: tuple[Phase, ...] = ()
    language: str = ""
    """'fr', 'en' or '' (let the reader's settings decide)."""


@frozen(kw_only=True)
class Organisation(Record):
    """A partner organisation (structure partenaire)."""

    TABLE: ClassVar[str] = "organisations"

    name: str = ""
    kind: str = "ACI"
    role: str = "partner"
    contact: str = ""
    skills: tuple[str, ...] = ()
    phase: str = ""
    diagnosis: str = ""
    """Its situation and diagnosis (état des lieux et diagnostic)."""


@frozen(kw_only=True)
class Person(Record):
    """Someone who can lead actions (référent·e)."""

    TABLE: ClassVar[str] = "people"

    name: str = ""
    organisation: str = ""
    contact: str = ""
    role: str = ""


@frozen(kw_only=True)
class Stake(Record):
    """An individual stake of one organisation."""

    TABLE: ClassVar[str] = "stakes"

    organisation: str = ""
    category: str = "other"
    statement: str = ""
    risk: str = ""
    """What the organisation risks losing without the cooperation."""
    gain: str = ""
    """What it can gain with it."""


@frozen(kw_only=True)
class SharedStake(Record):
    """A stake that pools individual stakes of at least two organisations."""

    TABLE: ClassVar[str] = "shared_stakes"

    code: str = ""
    title: str = ""
    statement: str = ""
    stakes: tuple[str, ...] = ()


@frozen(kw_only=True)
class Objective(Record):
    """A shared objective (no parent) or an operational objective (with one)."""

    TABLE: ClassVar[str] = "objectives"

    code: str = ""
    shared_stake: str = ""
    parent: str = ""
    statement: str = ""
    expected_results: str = ""
    deadline: dt.date | None = None
    phase: str = ""
    approvals: dict[str, dt.date | None] = field(default_factory=dict)
    """Organisation id -> date of its approval (None: not approved)."""
    realistic: bool | None = None
    """The partners' judgement: realistic and ambitious (None: not judged)."""
    realistic_note: str = ""


@frozen(kw_only=True)
class Indicator(Record):
    """A tracking indicator of one objective."""

    TABLE: ClassVar[str] = "indicators"

    objective: str = ""
    name: str = ""
    kind: str = "quantitative"
    unit: str = ""
    baseline: float | None = None
    target: float | None = None
    target_date: dt.date | None = None


@frozen(kw_only=True)
class Measurement(Record):
    """One value of an indicator at a date."""

    TABLE: ClassVar[str] = "measurements"

    indicator: str = ""
    date: dt.date | None = None
    value: float | None = None
    note: str = ""
    author: str = ""


@frozen(kw_only=True)
class Resources:
    """Resources and means of an action."""

    budget: float | None = None
    """Euros."""
    working_days: float | None = None
    places: str = ""
    equipment: str = ""
    other: str = ""


@frozen(kw_only=True)
class Action(Record):
    """One step of an objective's action plan."""

    TABLE: ClassVar[str] = "actions"

    code: str = ""
    objective: str = ""
    title: str = ""
    description: str = ""
    skills: tuple[str, ...] = ()
    resources: Resources = field(default_factory=Resources)
    partners: tuple[str, ...] = ()
    """External partner ids to mobilise."""
    start: dt.date | None = None
    end: dt.date | None = None
    lead: str = ""
    """Person id of the lead person."""
    status: Status = Status.TODO
    order: float = 0.0
    """Position on the board, within its lane and status."""
    phase: str = ""
    remedy: str = ""
    """How a skill gap is met: training, expert or recruitment."""
    remedy_note: str = ""
    depends_on: tuple[str, ...] = ()


@frozen(kw_only=True)
class ExternalPartner(Record):
    """A partner from outside the cooperation, kept in one register."""

    TABLE: ClassVar[str] = "partners"

    name: str = ""
    kind: str = "other"
    brings: str = ""
    expects: str = ""
    contact: str = ""


#: Every stored entity type, by table name, in worksheet order.
ENTITY_TYPES: dict[str, type[Record]] = {
    cls.TABLE: cls
    for cls in (
        Organisation,
        Person,
        Stake,
        SharedStake,
        Objective,
        Indicator,
        Measurement,
        ExternalPartner,
        Action,
    )
}
