"""The bundled demo plan « Coop'Vernière », always looking current.

Its data (data/demo.toml) is dated for a project starting on 2025-01-01; on
creation every date is shifted by the same number of days so that "today"
falls where 2025-11-17 falls in the data. Years (of budget lines and funders'
amounts) move by the whole number of years nearest to that shift. The texts
avoid absolute dates, so that they never contradict the moved ones.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

from msgspec import Struct

from coop_tui.domain.model import BudgetLine, Funder, replace
from coop_tui.interchange.toml_io import ImportedPlan, parse_toml
from coop_tui.storage.store import PlanStore

DEMO_TODAY = dt.date(2025, 11, 17)
"""The day the demo data is written as of."""


def demo_source() -> bytes:
    return (resources.files("coop_tui") / "data" / "demo.toml").read_bytes()


def _shift(value: Any, delta: dt.timedelta) -> Any:
    if isinstance(value, dt.date):
        return value + delta
    if isinstance(value, Struct):
        return shift_dates(value, delta)
    if isinstance(value, tuple):
        return tuple(_shift(v, delta) for v in value)
    if isinstance(value, dict):
        return {k: _shift(v, delta) for k, v in value.items()}
    return value


def shift_dates(record: Any, delta: dt.timedelta) -> Any:
    """A copy of a record with every date moved by `delta` (years too, see above)."""
    changes = {name: _shift(getattr(record, name), delta) for name in record.__struct_fields__}
    years = round(delta.days / 365.25)
    if isinstance(record, BudgetLine):
        for name in ("first_year", "last_year"):
            if changes[name] is not None:
                changes[name] += years
    if isinstance(record, Funder):
        changes["amounts"] = {str(int(y) + years): v for y, v in record.amounts.items()}
    return replace(record, **changes)


def demo_plan(today: dt.date | None = None) -> ImportedPlan:
    """The demo plan, dated so that `today` is its 17 November 2025."""
    imported = parse_toml(demo_source())
    delta = (today or dt.date.today()) - DEMO_TODAY
    return ImportedPlan(
        shift_dates(imported.plan, delta),
        [shift_dates(r, delta) for r in imported.records],
        imported.next_id,
        imported.ids,
    )


def create_demo(
    path: str | Path,
    today: dt.date | None = None,
    *,
    overwrite: bool = False,
    user: str | None = None,
    clock: Callable[[], dt.datetime] | None = None,
) -> None:
    """Write a fresh demo plan at `path` (`user` and `clock` fix its history, for tests)."""
    imported = demo_plan(today)
    store = PlanStore(path, user=user, clock=clock)
    store.create(imported.plan, imported.records, overwrite=overwrite, next_id=imported.next_id)
