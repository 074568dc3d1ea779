"""Plans in and out: TOML (complete), Markdown, CSV, iCalendar. No UI."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from coop_tui.domain.snapshot import PlanData

FORMATS = ("toml", "md", "csv", "ics")


def overwrites_plan(target: Path, plan: Path) -> bool:
    """Whether writing `target` would replace the plan file or its lock file.

    Replacing the lock file would be worse than replacing the plan: processes
    already waiting on the old one would no longer exclude the others.
    """
    from coop_tui.storage.files import lock_path_for

    mine = {os.path.realpath(plan), os.path.realpath(lock_path_for(Path(plan)))}
    return os.path.realpath(target) in mine


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

        return to_csv(data, language)
    if fmt == "ics":
        from coop_tui.interchange.ical import to_ics

        return to_ics(data, language)
    raise ValueError(f"unknown format {fmt!r}")
