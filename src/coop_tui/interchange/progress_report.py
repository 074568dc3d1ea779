"""The progress report (bilan d'étape) for a period, as a `Document`.

Every funder of a cooperation project asks once a year what was done, what is
late and what comes next. The report answers for a period (by default the
twelve months up to today): the actions done, late and started in it; each
indicator against its target and intermediate targets, with its path status
and a trend line; the drift since the latest baseline; the decisions of the
period's reviews and those still open; the budget against the financing
secured and the gap; then the coming milestones, the next review and the
actions of the next three months.

What the plan does not date, the report reads from what it does: an action
counts as done in the period when it is done and its end falls in the period
(a plan records statuses, not the day they changed). Statuses, measurements and
approvals are the plan's as it stands; "late" is judged on the period's last
day, or today if that is sooner. Same `Sheet` and tables as the worksheet, so
the two documents say things the same way, in all four formats.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from coop_tui.domain import checks, finance, indicators, phases, steering
from coop_tui.domain.model import Action, Decision, Review, Status
from coop_tui.domain.snapshot import PlanData
from coop_tui.interchange.action_plan import lead
from coop_tui.interchange.document import (
    Block,
    BulletList,
    Document,
    Heading,
    Paragraph,
    Span,
    Spans,
    TitlePage,
    plain,
    spans,
)
from coop_tui.interchange.follow_up import decisions_table, drift_blocks, review_name, reviews_table
from coop_tui.interchange.indicator_text import path_table, sorted_indicators
from coop_tui.interchange.money import SECURED, balance_table, funders_table, gap_sentence
from coop_tui.interchange.sheet import Sheet
from coop_tui.interchange.typeset import DocumentTranslator

COMING_DAYS = 92
"""How far ahead the report's "coming months" look, for the actions it says come next."""


def default_period(today: dt.date) -> tuple[dt.date, dt.date]:
    """The twelve months up to today: from the day after the same day a year ago."""
    try:
        year_ago = today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        year_ago = today.replace(year=today.year - 1, day=28)
    return year_ago + dt.timedelta(days=1), today


def period_of(
    today: dt.date, start: dt.date | None = None, end: dt.date | None = None
) -> tuple[dt.date, dt.date]:
    """The period asked for, the missing bounds filled in; ValueError if it ends before
    it starts."""
    if end is None:
        end = today
    if start is None:
        start = default_period(end)[0]
    if end < start:
        raise ValueError(f"period ends ({end}) before it starts ({start})")
    return start, end


class Report:
    """A Sheet and a period: what the report's sections share."""

    def __init__(self, sheet: Sheet, start: dt.date, end: dt.date) -> None:
        self.sheet = sheet
        self.start = start
        self.end = end
        self.day = min(end, sheet.today)
        """The day statuses are judged on: "late" at the period's end, never in the future."""

    def within(self, day: dt.date | None) -> bool:
        return day is not None and self.start <= day <= self.end

    # --- what happened -------------------------------------------------------------

    def done(self) -> list[Action]:
        return self._actions(lambda a: a.status is Status.DONE and self.within(a.end))

    def late(self) -> list[Action]:
        return checks.overdue_actions(self.sheet.data, self.day)

    def started(self) -> list[Action]:
        begun = (Status.IN_PROGRESS, Status.BLOCKED, Status.DONE)
        return self._actions(lambda a: a.status in begun and self.within(a.start))

    def not_started(self) -> list[Action]:
        return self._actions(lambda a: a.status is Status.TODO and self.within(a.start)
                             and a.start is not None and a.start <= self.day)  # fmt: skip

    def coming(self) -> list[Action]:
        horizon = self.day + dt.timedelta(days=COMING_DAYS)

        def soon(day: dt.date | None) -> bool:
            return day is not None and self.day < day <= horizon

        return self._actions(lambda a: a.status.is_open and (soon(a.start) or soon(a.end)))

    def _actions(self, keep: Callable[[Action], bool]) -> list[Action]:
        data = self.sheet.data
        return data.sorted_actions(a for a in data.actions.values() if keep(a))


# --- sections ----------------------------------------------------------------------------


def cover(report: Report) -> list[Block]:
    sheet = report.sheet
    t, data = sheet.t, sheet.data
    facts = [
        sheet.label_spans(t("field.territory"), sheet.or_none(data.plan.territory), bold=True),
        sheet.label_spans(t("documents.report.project_period"),
                          sheet.period(data.plan.start, data.plan.end), bold=True),
    ]  # fmt: skip
    current = phases.current_phase(data, report.day)
    if current is not None:
        done = phases.phase_progress(data, current.id)
        text = sheet.or_none(current.name)
        if done is not None:
            text += " — " + t("documents.phases.done", share=sheet.tr.percent(done))
        facts.append(sheet.label_spans(t("documents.report.current_phase"), text, bold=True))
    page = TitlePage(
        title=sheet.or_none(data.plan.title),
        description=t("documents.report.subtitle", start=sheet.date(report.start),
                      end=sheet.date(report.end)),
        facts=tuple(facts),
        partners_label=t("documents.cover.partners"),
        partners=tuple(sheet.or_none(o.name) for o in sheet.organisations()),
        dated=t("documents.report.generated", date=sheet.tr.date(sheet.today, long=True),
                revision=data.revision),
    )  # fmt: skip
    return [page]


def summary(report: Report) -> list[Block]:
    """The report in a few lines, for the reader who reads no further."""
    sheet = report.sheet
    t, data = sheet.t, sheet.data
    done, counted = checks.plan_done_count(data)
    statuses = [indicators.path_status(data, i, report.day) for i in data.indicators.values()]
    base = steering.latest_baseline(data)
    drift = steering.drift(data, base) if base else []
    plan = finance.financing_plan(data)
    items = [
        t("documents.report.sum.done", count=len(report.done())),
        t("documents.report.sum.late", count=len(report.late())),
        t("documents.report.sum.started", count=len(report.started())),
        t("documents.report.sum.progress", done=done, total=counted,
          share=sheet.tr.percent(done / counted if counted else None)),
        t("documents.report.sum.indicators", ahead=statuses.count("ahead"),
          on_track=statuses.count("on_track"), behind=statuses.count("behind")),
        t("documents.report.sum.drift", count=len(drift)),
        t("documents.report.sum.decisions", taken=len(period_decisions(report)),
          open=len(steering.open_decisions(data))),
    ]  # fmt: skip
    if data.budget_lines or data.funders:
        items.append(t("documents.report.sum.money", total=sheet.money(plan.total),
                       secured=sheet.money(plan.secured), gap=sheet.money(max(plan.gap, 0.0))))  # fmt: skip
    return [Heading(1, t("documents.report.summary")), BulletList(tuple(spans(i) for i in items))]


def actions(report: Report) -> list[Block]:
    t = report.sheet.t
    blocks: list[Block] = [Heading(1, t("documents.report.actions"))]
    for key, found in (("done", report.done()), ("late", report.late()),
                       ("started", report.started()), ("not_started", report.not_started())):  # fmt: skip
        if key == "not_started" and not found:
            continue
        blocks.append(Heading(2, t(f"documents.report.actions.{key}")))
        blocks.append(action_list(report, found))
    return blocks


def action_list(report: Report, found: Iterable[Action]) -> Block:
    """A table of actions (or one sentence when there is none)."""
    sheet = report.sheet
    t = sheet.t
    rows = [(sheet.code_spans(a.code, a.title), sheet.objective_code(a.objective),
             sheet.action_phase(a), lead(sheet, a), sheet.period(a.start, a.end),
             _status(report, a)) for a in found]  # fmt: skip
    if not rows:
        return Paragraph((Span(t("documents.report.no_actions"), italic=True),))
    headers = [t("exports.md.col.action"), t("exports.md.col.objective"), t("field.phase"),
               t("field.lead"), t("exports.md.col.schedule"), t("field.status")]  # fmt: skip
    return sheet.table(headers, rows, (4.6, 1.6, 1.8, 2.6, 2.4, 1.8))


def _status(report: Report, action: Action) -> Spans:
    late = checks.is_overdue(action, report.day)
    return (Span(report.sheet.status(action, report.day), bold=late),)


def measures(report: Report) -> list[Block]:
    sheet = report.sheet
    t, data = sheet.t, sheet.data
    blocks: list[Block] = [Heading(1, t("documents.report.indicators"))]
    found = sorted_indicators(sheet)
    if not found:
        return [*blocks, Paragraph(spans(t("documents.report.no_indicators")))]
    taken = sum(1 for m in data.measurements.values() if report.within(m.date))
    blocks.append(Paragraph(spans(t("documents.report.measurements", count=taken))))
    return [*blocks, path_table(sheet, found, report.day)]


def period_reviews(report: Report) -> list[Review]:
    """The reviews held in the period (a review planned later in it has not been held)."""
    return [r for r in report.sheet.data.sorted_reviews()
            if report.within(r.date) and r.date is not None and r.date <= report.day]  # fmt: skip


def period_decisions(report: Report) -> list[Decision]:
    data = report.sheet.data
    return [d for r in period_reviews(report) for d in data.decisions_of(r.id)]


def steering_blocks(report: Report) -> list[Block]:
    sheet = report.sheet
    t, data = sheet.t, sheet.data
    reviews = period_reviews(report)
    decisions = period_decisions(report)
    still_open = steering.open_decisions(data)
    blocks: list[Block] = [Heading(1, t("documents.report.steering")),
                           Heading(2, t("documents.report.reviews"))]  # fmt: skip
    if reviews:
        blocks.append(reviews_table(sheet, reviews, report.day))
    else:
        blocks.append(Paragraph(spans(t("documents.report.no_reviews"))))
    if decisions:
        blocks += [Heading(2, t("documents.report.decisions")),
                   decisions_table(sheet, decisions, report.day)]  # fmt: skip
    blocks.append(Heading(2, t("documents.report.open_decisions")))
    if still_open:
        blocks.append(decisions_table(sheet, still_open, report.day))
    else:
        blocks.append(Paragraph(spans(t("documents.report.no_open_decisions"))))
    return blocks


def money(report: Report) -> list[Block]:
    sheet = report.sheet
    t, data = sheet.t, sheet.data
    blocks: list[Block] = [Heading(1, t("documents.report.money"))]
    if not data.budget_lines and not data.funders:
        return [*blocks, Paragraph(spans(t("documents.financing.none")))]
    blocks += [balance_table(sheet), *gap_sentence(sheet)]
    funders = sorted(data.funders.values(), key=lambda f: (-sum(f.amounts.values()), f.name))
    for key, group in (("documents.financing.secured", [f for f in funders if f.status in SECURED]),
                       ("documents.financing.requested",
                        [f for f in funders if f.status not in SECURED])):  # fmt: skip
        if group:
            blocks += [Heading(2, t(key)), funders_table(sheet, group)]
    return blocks


def next_steps(report: Report) -> list[Block]:
    sheet = report.sheet
    t, data = sheet.t, sheet.data
    blocks: list[Block] = [Heading(1, t("documents.report.next"))]
    milestones = sorted((m for m in data.milestones.values()
                         if m.date and m.date >= report.day and not m.outcome),
                        key=lambda m: (m.date, m.id))  # fmt: skip
    blocks.append(Heading(2, t("documents.report.milestones")))
    if milestones:
        headers = [t("field.date"), t("documents.col.milestone"), t("field.phase"),
                   t("documents.col.criteria")]  # fmt: skip
        rows = [(sheet.date(m.date), sheet.bold(m.name), sheet.phase_name(m.phase),
                 plain(m.criteria)) for m in milestones]  # fmt: skip
        blocks.append(sheet.table(headers, rows, (1.3, 3, 1.8, 5)))
    else:
        blocks.append(Paragraph(spans(t("documents.report.no_milestones"))))
    review = steering.next_review(data, report.day + dt.timedelta(days=1))
    if review is not None:
        text = t("documents.report.next_review", review=review_name(sheet, review),
                 kind=sheet.word("review_kind", review.kind), date=sheet.date(review.date))  # fmt: skip
    else:
        text = t("documents.report.no_review")
    blocks += [Heading(2, t("documents.report.review")), Paragraph(spans(text))]
    blocks += [Heading(2, t("documents.report.coming", count=COMING_DAYS // 30)),
               action_list(report, report.coming())]  # fmt: skip
    return blocks


def _drift(report: Report) -> list[Block]:
    return drift_blocks(report.sheet, level=1)


SECTIONS: tuple[Callable[[Report], list[Block]], ...] = (
    cover, summary, actions, measures, _drift, steering_blocks, money, next_steps,
)  # fmt: skip
"""The report, in order."""


def build_report(
    data: PlanData,
    language: str,
    today: dt.date,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> Document:
    """The progress report of `data` for `start`..`end` (both included; by default the
    twelve months up to `today`), in `language`, written as of `today`."""
    start, end = period_of(today, start, end)
    tr = DocumentTranslator(language)
    report = Report(Sheet(data, tr, today), start, end)
    blocks: list[Block] = []
    for section in SECTIONS:
        blocks.extend(section(report))
    title = " ".join(report.sheet.or_none(data.plan.title).split())
    return Document(
        title=tr.t("documents.report.title", title=title),
        language=tr.language,
        header=tr.t("documents.report.header", title=title, revision=data.revision),
        page_label=tr.t("documents.page"),
        blocks=tuple(blocks),
        day=today,
    )


__all__ = ["COMING_DAYS", "build_report", "default_period", "period_of"]
