"""Plans in and out: TOML (complete), Markdown, CSV, iCalendar. No UI."""

from __future__ import annotations

import datetime as dt

from coop_tui.domain.snapshot import PlanData

FORMATS = ("toml", "md", "csv", "ics")


def export_text(data: PlanData, fmt: str, language: str, today: dt.date) -> str:
    """The plan in one of FORMATS, as text."""
    if fmt == "toml":
        from coop_tui.interchange.toml_io import to_toml

        return to_toml(data)
    if fmt == "md":
        from coop_tui.interchange.markdown import to_markdown

        return to_markdown(data, language, today)
    if fmt == "csv":
        from coop_tui.interchange.csv_export import to_csv

        return to_csv(data)
    if fmt == "ics":
        from coop_tui.interchange.ical import to_ics

        return to_ics(data)
    raise ValueError(f"unknown format {fmt!r}")
