"""The iCalendar export, parsed back with `icalendar`: events, all-day dates, stable UIDs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar
import pytest

from coop_tui.domain.model import Action, Objective, replace
from coop_tui.domain.snapshot import PlanData
from coop_tui.interchange import export_text
from coop_tui.interchange.ical import to_ics
from coop_tui.storage.store import PlanStore
from coop_tui.text import clean
from tests.helpers import TODAY
from tests.unit.hostile import hostile_plan


@pytest.fixture
def demo(demo_path: Path) -> PlanData:
    return PlanStore(demo_path).read()


def _events(text: str) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(text)
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    assert len(events) == len(calendar.walk("VEVENT")), "UIDs are unique"
    return events


def test_one_event_per_dated_action_and_per_deadline(demo: PlanData) -> None:
    events = _events(export_text(demo, "ics", "fr", TODAY))
    dated = [a for a in demo.actions.values() if a.start or a.end]
    deadlines = [o for o in demo.objectives.values() if o.deadline]
    assert len(dated) == 21 and len(deadlines) == 9
    assert set(events) == {f"action-{a.id}@coop-tui" for a in dated} | {
        f"deadline-{o.id}@coop-tui" for o in deadlines
    }
    for action in dated:
        event = events[f"action-{action.id}@coop-tui"]
        assert event.decoded("DTSTART") == action.start
        # All-day events end the day after their last day (DTEND is exclusive).
        assert event.decoded("DTEND") == action.end + dt.timedelta(days=1)
        assert str(event["SUMMARY"]) == f"{action.code} — {action.title}"
    for objective in deadlines:
        event = events[f"deadline-{objective.id}@coop-tui"]
        assert event.decoded("DTSTART") == objective.deadline
        assert event.decoded("DTEND") == objective.deadline + dt.timedelta(days=1)
        assert str(event["SUMMARY"]).startswith(f"Échéance {objective.code} — ")


def test_two_exports_are_identical_and_uids_survive_a_change(demo_path: Path) -> None:
    store = PlanStore(demo_path)
    first = to_ics(store.read())
    assert to_ics(store.read()) == first
    action = next(a for a in store.read().actions.values() if a.code == "A5")
    store.save(replace(action, title="Nouveau titre"), action.rev)
    before, after = _events(first), _events(to_ics(store.read()))
    assert set(after) == set(before)
    uid = f"action-{action.id}@coop-tui"
    assert str(after[uid]["SUMMARY"]) == "A5 — Nouveau titre"
    assert int(after[uid]["SEQUENCE"]) > int(before[uid]["SEQUENCE"])
    assert after[uid].decoded("DTSTAMP") == before[uid].decoded("DTSTAMP")


def test_language_and_undated_actions() -> None:
    objective = Objective(id="o", code="O1", statement="Objective", deadline=dt.date(2026, 6, 30))
    actions = {
        "a": Action(id="a", code="A1", objective="o", title="no dates"),
        "b": Action(id="b", code="A2", objective="o", title="end only", end=dt.date(2026, 5, 4)),
    }
    events = _events(to_ics(PlanData(objectives={"o": objective}, actions=actions), "en"))
    assert set(events) == {"action-b@coop-tui", "deadline-o@coop-tui"}
    assert events["action-b@coop-tui"].decoded("DTSTART") == dt.date(2026, 5, 4)
    assert events["action-b@coop-tui"].decoded("DTEND") == dt.date(2026, 5, 5)
    assert str(events["deadline-o@coop-tui"]["SUMMARY"]) == "Deadline O1 — Objective"


def test_hostile_text_in_every_field_survives(demo: PlanData) -> None:
    data = hostile_plan(demo)
    text = to_ics(data)
    assert "\x1b" not in text and "\x00" not in text
    lines = text.split("\r\n")
    assert all("\n" not in line and "\r" not in line for line in lines)
    events = _events(text)
    assert len(events) == 21 + 9
    for action in data.actions.values():
        event = events[f"action-{action.id}@coop-tui"]
        typed = f"{action.code} — {action.title}"
        shown = "\n".join(clean(x) for x in typed.replace("\r\n", "\n").split("\n")).strip()
        assert str(event["SUMMARY"]) == shown
        description = str(event["DESCRIPTION"])
        body = "\n".join(clean(x) for x in action.description.replace("\r\n", "\n").split("\n"))
        assert description.endswith(body.strip())


def test_any_date_a_valid_file_holds_exports(demo_path: Path) -> None:
    """A file written by hand may hold 31/12/9999 (no write path accepts it): every export
    still works."""
    import json

    from coop_tui.interchange import export_text

    doc = json.loads(demo_path.read_bytes())
    a3 = next(k for k, v in doc["actions"].items() if v["code"] == "A3")
    doc["actions"][a3]["end"] = "9999-12-31"
    doc["actions"][a3]["start"] = "0001-01-01"
    demo_path.write_text(json.dumps(doc))
    data = PlanStore(demo_path).read()
    for fmt in ("ics", "md", "csv", "toml"):
        assert export_text(data, fmt, "fr", dt.date(2026, 3, 2))
