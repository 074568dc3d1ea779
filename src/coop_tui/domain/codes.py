"""Short codes people say in meetings: E1 (shared stake), O1 / O1.2 (objectives), A3."""

from __future__ import annotations

import re
from collections.abc import Iterable

from coop_tui.domain.snapshot import PlanData

_TRAILING_NUMBER = re.compile(r"(\d+)$")


def _next_number(codes: Iterable[str], prefix: str) -> int:
    highest = 0
    for code in codes:
        if code.startswith(prefix):
            rest = code[len(prefix) :]
            if rest.isdecimal():
                highest = max(highest, int(rest))
    return highest + 1


def next_shared_stake_code(data: PlanData) -> str:
    return f"E{_next_number((s.code for s in data.shared_stakes.values()), 'E')}"


def next_objective_code(data: PlanData, parent_id: str = "") -> str:
    """O<n> for a shared objective, <parent code>.<n> for an operational one."""
    codes = [o.code for o in data.objectives.values()]
    parent = data.objectives.get(parent_id) if parent_id else None
    if parent is not None and parent.code:
        prefix = f"{parent.code}."
        return f"{prefix}{_next_number(codes, prefix)}"
    return f"O{_next_number(codes, 'O')}"


def next_action_code(data: PlanData) -> str:
    return f"A{_next_number((a.code for a in data.actions.values()), 'A')}"
