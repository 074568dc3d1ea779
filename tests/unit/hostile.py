"""The demo plan with hostile text in every free-text field, for the export tests.

Ids, references and choices are kept, so the plan has the demo's shape exactly;
only what people type changes. Codes and organisation names get a suffix to
stay unique.
"""

from __future__ import annotations

import enum
import itertools
from typing import Any

from coop_tui.domain.checks import normalise_skill
from coop_tui.domain.model import ENTITY_TYPES, Record, Resources, replace
from coop_tui.domain.snapshot import PlanData
from tests.helpers import HOSTILE

#: Beyond conftest.HOSTILE: what breaks tables, CSV rows, calendar lines and spreadsheets.
EXTRA = [
    "a | b || c",
    "first line\nsecond | line\n\nfourth",
    "# not a heading",
    "`code` and ```fence```",
    '=HYPERLINK("http://evil.example";"x")',
    "-1+1",
    "@SUM(A1)",
    "back\\slash\\",
    "crlf\r\nline",
    "<script>alert(1)</script> &amp; &copy;",
    "*bold* _it_ ~~gone~~",
    "1. item",
    "--- ",
    "semi; colon, comma \\n",
    "quote \" and '",
    "\ttab\x00nul\x7fdel\x9bcsi",
]
TEXTS = [*HOSTILE, *EXTRA]

#: String fields that hold references or choices, not free text.
NOT_TEXT = {
    "id", "organisation", "objective", "shared_stake", "parent", "indicator", "lead",
    "phase", "kind", "role", "category", "remedy", "language", "mode", "action", "nature",
    "in_kind", "provider", "review", "owner", "status", "outcome",
    "level", "baseline_level", "target_level",  # words of a scale, as choices are
}  # fmt: skip
UNIQUE = {"code", "name"}


class _Source:
    """Hostile texts in turn; a skill always maps to the same text, so skill gaps stay put."""

    def __init__(self) -> None:
        self.texts = itertools.cycle(TEXTS)
        self.serial = itertools.count(1)
        self.skills: dict[str, str] = {}

    def text(self, unique: bool = False) -> str:
        text = next(self.texts)
        return f"{text} {next(self.serial)}" if unique else text

    def skill(self, skill: str) -> str:
        key = normalise_skill(skill)
        if key not in self.skills:
            self.skills[key] = self.text(unique=True)
        return self.skills[key]


def _hostile_fields(obj: Any, source: _Source) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    for name in obj.__struct_fields__:
        value = getattr(obj, name)
        if name in NOT_TEXT or isinstance(value, enum.Enum):
            continue
        if isinstance(value, str) and value:
            changes[name] = source.text(unique=name in UNIQUE)
        elif name == "skills":
            changes[name] = tuple(source.skill(s) for s in value)
        elif name == "remedies":
            changes[name] = tuple(
                replace(r, skill=source.skill(r.skill), note=source.text()) for r in value
            )
        elif isinstance(value, Resources):
            changes[name] = replace(value, **_hostile_fields(value, source))
    return changes


def hostile_plan(data: PlanData) -> PlanData:
    """`data` with every non-empty free-text field replaced by hostile text."""
    source = _Source()
    plan = replace(data.plan, **_hostile_fields(data.plan, source))
    tables: dict[str, dict[str, Record]] = {}
    for name in ENTITY_TYPES:
        tables[name] = {
            rid: replace(r, **_hostile_fields(r, source)) for rid, r in data.table(name).items()
        }
    return PlanData(plan, data.revision, **tables)
