"""« Suivi »: how the plan is steered — reviews, decisions, drift, indicators on their path.

The worksheet: "L'évaluation de l'atteinte des objectifs à toutes les étapes
est importante." So the worksheet ends with the meetings that steer the plan
(COPIL, COTECH…, who was there) and what they decided (owner, due date, done
or not); how far the plan has moved since the partners last validated it
(actions that slipped, and whether a deadline is now at risk; actions added or
dropped; budgets, targets and deadlines changed); and each indicator against
its path through its intermediate targets. The progress report reuses these
tables for its period.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from coop_tui.domain import steering
from coop_tui.domain.model import BaseIndicator, Baseline, Decision, Indicator, Review
from coop_tui.domain.steering import Drift
from coop_tui.interchange.document import (
    Block,
    Heading,
    Paragraph,
    Span,
    Spans,
    Table,
    plain,
    spans,
)
from coop_tui.interchange.indicator_text import path_table, sorted_indicators
from coop_tui.interchange.sheet import NONE, Sheet


def follow_up(sheet: Sheet) -> list[Block]:
    """The worksheet's « Suivi » section (nothing for a plan not yet steered nor measured)."""
    t, data = sheet.t, sheet.data
    if not (data.reviews or data.baselines or data.measurements):
        return []
    blocks: list[Block] = [Heading(1, t("documents.follow_up.title"))]
    reviews = data.sorted_reviews()
    blocks.append(Heading(2, t("documents.reviews.title")))
    if reviews:
        blocks.append(reviews_table(sheet, reviews, sheet.today))
    else:
        blocks.append(Paragraph(spans(t("documents.reviews.none"))))
    decisions = [d for r in reviews for d in data.decisions_of(r.id)]
    decisions += [d for d in data.decisions.values() if d.review not in data.reviews]
    if decisions:
        blocks += [Heading(2, t("documents.decisions.title")),
                   decisions_table(sheet, decisions, sheet.today)]  # fmt: skip
    blocks += drift_blocks(sheet, level=2)
    found = sorted_indicators(sheet)
    if found:
        blocks += [Heading(2, t("documents.path.title")), path_table(sheet, found, sheet.today)]
    return blocks


# --- reviews and decisions ------------------------------------------------------------


def review_name(sheet: Sheet, review: Review | None) -> str:
    """What names a review in a table: its title ("COTECH – marchés…"), else its kind."""
    if review is None:
        return NONE
    return plain(review.title) or sheet.word("review_kind", review.kind)


def reviews_table(sheet: Sheet, reviews: Iterable[Review], day: dt.date) -> Table:
    """Each review: date (and "à venir"), kind, name, who was there."""
    t = sheet.t
    headers = [t("field.date"), t("field.kind"), t("documents.col.review"),
               t("documents.col.present")]  # fmt: skip
    rows = []
    for r in reviews:
        when: Spans = spans(sheet.date(r.date))
        if r.date is not None and r.date > day:
            when = spans(
                sheet.date(r.date), Span("\n" + t("documents.reviews.planned"), italic=True)
            )
        present = [
            sheet.labelled(t("documents.reviews.organisations"),
                           ", ".join(sheet.org_name(o) for o in r.organisations)) if r.organisations else "",
            sheet.labelled(t("documents.reviews.people"),
                           ", ".join(sheet.person_name(p) for p in r.people)) if r.people else "",
            sheet.labelled(t("documents.reviews.guests"), plain(r.guests)) if r.guests.strip() else "",
        ]  # fmt: skip
        rows.append((when, sheet.word("review_kind", r.kind), sheet.bold(review_name(sheet, r)),
                     "\n".join(p for p in present if p)))  # fmt: skip
    return sheet.table(headers, rows, (1.4, 1.4, 3, 6))


def decisions_table(sheet: Sheet, decisions: Iterable[Decision], day: dt.date) -> Table:
    """Each decision: what, where it was taken, what it concerns, who, by when, done or not."""
    t, data = sheet.t, sheet.data
    headers = [t("documents.col.decision"), t("documents.col.review"),
               t("documents.col.concerns"), t("documents.col.owner"), t("documents.col.due"),
               t("documents.col.done")]  # fmt: skip
    rows = []
    for d in decisions:
        concerns = [*(sheet.objective_code(o) for o in d.objectives),
                    *(sheet.action_code(a) for a in d.actions)]  # fmt: skip
        rows.append((sheet.or_none(d.text), review_name(sheet, data.reviews.get(d.review)),
                     ", ".join(concerns), sheet.person_name(d.owner), sheet.date(d.due),
                     decision_state(sheet, d, day)))  # fmt: skip
    return sheet.table(headers, rows, (5, 2.4, 1.4, 2, 1.4, 2))


def decision_state(sheet: Sheet, decision: Decision, day: dt.date) -> Spans:
    """Done on a day, or open (in bold, "en retard", once its due date has passed)."""
    t = sheet.t
    if decision.done is not None:
        return spans(t("documents.decisions.done", date=sheet.date(decision.done)))
    if decision.due is not None and decision.due < day:
        return (Span(t("documents.decisions.open_late"), bold=True),)
    return (Span(t("documents.decisions.open"), bold=True),)


# --- drift -----------------------------------------------------------------------------


def drift_blocks(sheet: Sheet, level: int) -> list[Block]:
    """A heading naming the latest baseline, then what moved since it."""
    t, data = sheet.t, sheet.data
    base = steering.latest_baseline(data)
    if base is None:
        return [Heading(level, t("documents.drift.title_none")),
                Paragraph(spans(t("documents.drift.no_baseline")))]  # fmt: skip
    title = t("documents.drift.title", name=sheet.or_none(base.name), date=sheet.date(base.date))
    found = steering.drift(data, base)
    if not found:
        return [Heading(level, title), Paragraph(spans(t("documents.drift.none")))]
    headers = [t("field.code"), t("documents.col.item"), t("documents.col.drift")]
    rows = [(sheet.bold(d.code), sheet.or_none(d.title), drift_text(sheet, d, base)) for d in found]
    return [Heading(level, title), sheet.table(headers, rows, (1, 5, 5))]


def _day(sheet: Sheet, text: str) -> str:
    try:
        return sheet.date(dt.date.fromisoformat(text))
    except ValueError:
        return plain(text) or NONE


def _money(sheet: Sheet, text: str) -> str:
    try:
        return sheet.money(float(text))
    except ValueError:
        return plain(text) or NONE


def drift_text(sheet: Sheet, d: Drift, base: Baseline) -> Spans:
    """One drift in words: "Glissement de 30 jours : fin le … au lieu du …", "Échéance menacée"."""
    t = sheet.t
    if d.kind == "slipped" and d.days is not None:
        key = "documents.drift.slipped" if d.days >= 0 else "documents.drift.earlier"
        text = t(key, days=abs(d.days), before=_day(sheet, d.before), after=_day(sheet, d.after))
        if d.at_risk:
            return spans(text, "\n", Span(t("documents.drift.at_risk"), bold=True))
        return spans(text)
    if d.kind == "added":
        return spans(t("documents.drift.added", end=_day(sheet, d.after)))
    if d.kind == "dropped":
        return spans(t("documents.drift.dropped"))
    if d.kind == "budget":
        return spans(t("documents.drift.budget", before=_money(sheet, d.before),
                       after=_money(sheet, d.after)))  # fmt: skip
    if d.kind == "deadline":
        return spans(t("documents.drift.deadline", before=_day(sheet, d.before),
                       after=_day(sheet, d.after)))  # fmt: skip
    if d.kind == "target":
        then = base.indicators.get(d.record)
        now = sheet.data.indicators.get(d.record)
        before = _target(sheet, then) if then else plain(d.before)
        after = _target(sheet, now) if now else plain(d.after)
        return spans(t("documents.drift.target", before=before or NONE, after=after or NONE))
    return spans(plain(d.kind))


def _target(sheet: Sheet, ind: BaseIndicator | Indicator) -> str:
    """A target as a reader says it: "80 000 au 13/10/2027", "bon au …"."""
    value = plain(ind.target_level) if ind.target_level else sheet.number(ind.target)
    if ind.target is None and not ind.target_level:
        value = ""
    if ind.target_date is None:
        return value
    if not value:
        return sheet.date(ind.target_date)
    return sheet.t("documents.indicator.step", value=value, date=sheet.date(ind.target_date))


__all__ = [
    "decision_state",
    "decisions_table",
    "drift_blocks",
    "drift_text",
    "follow_up",
    "review_name",
    "reviews_table",
]
