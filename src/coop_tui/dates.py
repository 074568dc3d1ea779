"""Dates as people type them: `15/03/2026` (French) or `2026-03-15` (ISO)."""

from __future__ import annotations

import datetime as dt
import re

_DAY_MONTH_YEAR = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")


def parse_day(text: str) -> dt.date | None:
    """The date typed in `text`, or None when it is not one (blank included)."""
    match = _DAY_MONTH_YEAR.match(text)
    try:
        if match:
            day, month, year = (int(g) for g in match.groups())
            return dt.date(year, month, day)
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        return None
