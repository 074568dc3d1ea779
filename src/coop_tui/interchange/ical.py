"""Actions and objective deadlines as an iCalendar file (SPEC §8), with `icalendar`.

Each dated action is an all-day event over its dates and each objective with a
deadline an all-day event on that day. Calendars recognise an event by its
UID, so UIDs come from record ids ("action-<id>@coop-tui"): importing a newer
export updates the events instead of duplicating them. SEQUENCE is the
record's revision, so a changed action counts as newer; DTSTAMP is taken from
the plan rather than the clock, so exporting the same plan twice gives the
same bytes. No UI imports.
"""

from __future__ import annotations

import datetime as dt

import icalendar

from coop_tui.domain import finance
from coop_tui.domain.model import Action, Objective, Status
from coop_tui.domain.snapshot import PlanData, natural_key
from coop_tui.i18n import Translator
from coop_tui.text import clean

PRODID = "-//coop-tui//coop-tui//EN"
UID_DOMAIN = "coop-tui"
_EPOCH = dt.date(2000, 1, 1)


def uid(kind: str, record_id: str) -> str:
    """The stable UID of a record's event: kind is "action" or "deadline"."""
    return f"{kind}-{record_id}@{UID_DOMAIN}"


def _text(value: str) -> str:
    """Control characters made visible, newlines kept (iCalendar forbids the others)."""
    return "\n".join(clean(line) for line in value.replace("\r\n", "\n").split("\n")).strip()


def _coded(code: str, text: str) -> str:
    return f"{code} — {text}" if code.strip() else text


class _Calendar:
    def __init__(self, data: PlanData, tr: Translator) -> None:
        self.data = data
        self.tr = tr
        start = data.plan.start or _EPOCH
        self.stamp = dt.datetime(start.year, start.month, start.day, tzinfo=dt.UTC)

    def label(self, key: str, value: str) -> str:
        return self.tr.t("exports.md.label", label=self.tr.t(key), value=value)

    def event(self, kind: str, record_id: str, rev: int, first: dt.date, last: dt.date,
              summary: str, lines: list[str]) -> icalendar.Event:  # fmt: skip
        event = icalendar.Event()
        event.add("uid", _text(uid(kind, record_id)))
        event.add("dtstamp", self.stamp)
        event.add("sequence", max(rev, 0))
        event.add("dtstart", first)
        # All-day: DTEND is the day after (exclusive); 31/12/9999 has none, so the event
        # ends on its last day there rather than not at all.
        event.add("dtend", last + dt.timedelta(days=1) if last < dt.date.max else last)
        event.add("summary", _text(summary))
        description = "\n".join(line for line in lines if line)
        if description:
            event.add("description", _text(description))
        event.add("transp", "TRANSPARENT")  # a month-long action does not make anyone busy
        return event

    def action(self, action: Action) -> icalendar.Event | None:
        dates = [d for d in (action.start, action.end) if d is not None]
        if not dates:
            return None
        data, tr = self.data, self.tr
        objective = data.objectives.get(action.objective)
        lead = data.lead_name(action)
        org = data.lead_organisation(action)
        if lead and org is not None:
            lead = f"{lead} ({org.name})"
        partners = [data.partners[p].name if p in data.partners else p for p in action.partners]
        budget = finance.action_budget(data, action)
        lines = [
            self.label("field.objective", _coded(objective.code, objective.statement))
            if objective else "",
            self.label("field.status", tr.t(f"status.{action.status.value}")),
            self.label("field.lead", lead) if lead else "",
            self.label("field.required_skills", ", ".join(action.skills))
            if action.skills else "",
            self.label("field.external_partners", ", ".join(partners)) if partners else "",
            self.label("field.budget", tr.money(budget)) if budget else "",
            self.label("field.working_days", tr.days(action.resources.working_days))
            if action.resources.working_days is not None else "",
            "",
            action.description,
        ]  # fmt: skip
        event = self.event("action", action.id, action.rev, min(dates), max(dates),
                           _coded(action.code, action.title), lines)  # fmt: skip
        if action.status is Status.DROPPED:
            event.add("status", "CANCELLED")
        else:
            event.add("status", "CONFIRMED")
        return event

    def deadline(self, objective: Objective) -> icalendar.Event | None:
        if objective.deadline is None:
            return None
        stake = self.data.shared_stake_of(objective)
        lines = [
            self.label("field.shared_stake", _coded(stake.code, stake.title)) if stake else "",
            self.label("field.expected_results", objective.expected_results)
            if objective.expected_results.strip() else "",
        ]  # fmt: skip
        summary = self.tr.t("exports.ics.deadline",
                            label=_coded(objective.code, objective.statement))  # fmt: skip
        return self.event("deadline", objective.id, objective.rev, objective.deadline,
                          objective.deadline, summary, lines)  # fmt: skip

    def build(self) -> str:
        cal = icalendar.Calendar()
        cal.add("prodid", PRODID)
        cal.add("version", "2.0")
        cal.add("calscale", "GREGORIAN")
        cal.add("method", "PUBLISH")
        name = self.tr.t("exports.ics.calendar", title=self.data.plan.title or "coop-tui")
        cal.add("x-wr-calname", _text(name))
        for action in self.data.sorted_actions():
            if (event := self.action(action)) is not None:
                cal.add_component(event)
        objectives = sorted(
            self.data.objectives.values(), key=lambda o: (natural_key(o.code), o.id)
        )
        for objective in objectives:
            if (event := self.deadline(objective)) is not None:
                cal.add_component(event)
        ical: bytes = cal.to_ical()
        return ical.decode("utf-8")


def to_ics(data: PlanData, language: str = "") -> str:
    """The plan's dated actions and deadlines as iCalendar text (CRLF lines).

    Summaries and descriptions are in `language`, else the plan's, else French.
    """
    return _Calendar(data, Translator(language or data.plan.language or "fr")).build()


__all__ = ["PRODID", "to_ics", "uid"]
