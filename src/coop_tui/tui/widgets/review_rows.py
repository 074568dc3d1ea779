"""The words of the Reviews screen: its rows and the selected review's detail.

Pure functions of a `PlanData`, a `Translator` and the day: the screen puts
what they return into its lists and its detail. User text is cleaned and
never parsed as markup. `describe.drift_words` and `decision_state` say one drift and
one decision in words, for any screen that shows them (the dashboard too).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from rich.text import Text
from textual.content import Content

from coop_tui.describe import drift_words
from coop_tui.domain import steering
from coop_tui.domain.checks import DUE_SOON_DAYS
from coop_tui.domain.model import Baseline, Decision, Review
from coop_tui.domain.snapshot import PlanData, natural_key
from coop_tui.domain.steering import Drift
from coop_tui.i18n import Translator
from coop_tui.text import clean
from coop_tui.tui.widgets.line_keys import wrap
from coop_tui.tui.widgets.list_pane import Row
from coop_tui.tui.widgets.stake_matrix import short_names
from coop_tui.tui.widgets.stake_rows import sorted_orgs

Part = str | tuple[str, str]

TEXT_WIDTH = 26
"""Width of a decision's text in the decisions of a review (two lines of it)."""
OPEN_TEXT_WIDTH = 20
"""… and in the open decisions, a narrower list."""

REVIEW_COLUMNS = (
    ("reviews.col.date", None), ("reviews.col.kind", 13), ("reviews.col.title", 20),
    ("reviews.col.state", None), ("reviews.col.decisions", None), ("reviews.col.present", 30),
)  # fmt: skip
"""(i18n key, fixed width or None) of each list's columns: the long user texts are cut."""
DECISION_COLUMNS = (
    ("reviews.col.state_due", None), ("reviews.col.decision", TEXT_WIDTH),
    ("reviews.col.owner", 18),
)  # fmt: skip
"""Decisions take two lines: state over deadline, the text wrapped, owner over what it concerns."""
OPEN_COLUMNS = (
    ("reviews.col.due_state", None), ("reviews.col.decision", OPEN_TEXT_WIDTH),
    ("reviews.col.owner", 18),
)  # fmt: skip
BASELINE_COLUMNS = (
    ("", None), ("reviews.col.name", 16), ("reviews.col.date", None), ("reviews.col.drift", None),
    ("reviews.col.review", 18),
)  # fmt: skip
"""The first column marks the baseline the drift is measured from."""
COMPARED = "▶"
DRIFT_COLUMNS = (("reviews.col.code", None), ("reviews.col.change", 60))
"""Each drift on two lines: the change in words over the title of what moved."""


def compared_baseline(data: PlanData, chosen: str) -> Baseline | None:
    """The baseline the drift is measured from: the one chosen, else the latest."""
    return data.baselines.get(chosen) or steering.latest_baseline(data)


def drift_of(data: PlanData, baseline: Baseline) -> list[Drift]:
    """`steering.drift`, worked out once per copy of the plan and baseline."""
    found: list[Drift] = data.memo(
        f"drift:{baseline.id}:{baseline.rev}", lambda: steering.drift(data, baseline)
    )
    return found


# --- reviews ---------------------------------------------------------------------------------


def review_state(review: Review, today: dt.date, tr: Translator) -> str:
    if review.date is None or review.date > today:
        return tr.t("reviews.state.planned")
    return tr.t("reviews.state.today" if review.date == today else "reviews.state.held")


def kind_label(review: Review, tr: Translator) -> str:
    key = f"review_kind.{review.kind}"
    return tr.t(key) if tr.has(key) else clean(review.kind)


def present(data: PlanData, review: Review, tr: Translator) -> str:
    """« ACI · AI · EI · 5 personnes »: who was there, in short."""
    orgs = sorted_orgs(data)
    names = dict(zip((o.id for o in orgs), short_names(orgs), strict=True))
    there = " · ".join(label for org_id, label in names.items() if org_id in review.organisations)
    people = sum(1 for p in review.people if p in data.people)
    return tr.t("reviews.present", orgs=there or "—", people=people)


def review_rows(data: PlanData, tr: Translator, today: dt.date) -> list[Row]:
    rows: list[Row] = []
    for review in data.sorted_reviews():
        decisions = data.decisions_of(review.id)
        still_open = sum(d.done is None for d in decisions)
        count = f"{still_open}/{len(decisions)}" if decisions else "—"
        kind = kind_label(review, tr)
        cells = (tr.date(review.date), kind, review.title, review_state(review, today, tr),
                 count, present(data, review, tr))  # fmt: skip
        hay = " ".join([kind, review.title, review.notes, review.guests, *_names(data, review)])
        rows.append((review.id, cells, hay))
    return rows


def _names(data: PlanData, review: Review) -> list[str]:
    orgs = [data.organisations[o].name for o in review.organisations if o in data.organisations]
    return orgs + [data.people[p].name for p in review.people if p in data.people]


def present_by_organisation(data: PlanData, review: Review) -> list[tuple[str, list[str]]]:
    """(organisation name, its people present) for each organisation there, then the
    people of organisations not listed as present ("" as their organisation)."""
    by_org: dict[str, list[str]] = {o: [] for o in review.organisations if o in data.organisations}
    for pid in review.people:
        person = data.people.get(pid)
        if person is not None:
            by_org.setdefault(person.organisation, []).append(person.name)
    return [
        (data.organisations[o].name if o in data.organisations else "", names)
        for o, names in by_org.items()
    ]


def _field(parts: list[Part], tr: Translator, key: str, value: str) -> None:
    parts += ["\n", (tr.t(key), "bold"), " ", value]


def review_detail(data: PlanData, review: Review | None, tr: Translator, today: dt.date) -> Content:
    """Kind and date, who was there (organisations, people, guests), the notes, the
    baselines set at the review."""
    if review is None:
        return Content(tr.t("reviews.hint.no_review") if data.reviews else "")
    when = tr.t("reviews.label.when", kind=kind_label(review, tr), date=tr.date(review.date))
    parts: list[Part] = [(clean(review.title) or "—", "bold $accent"), " · ", when]
    if review.date is None or review.date > today:
        parts += [" ", (tr.t("reviews.label.planned"), "italic")]
    parts += ["\n", (tr.t("reviews.label.present"), "bold")]
    for name, people in present_by_organisation(data, review):
        parts += ["\n  • ", (clean(name), "bold") if name else "—"]
        if people:
            parts.append(" — " + clean(", ".join(people)))
    if review.guests.strip():
        _field(parts, tr, "reviews.label.guests", clean(review.guests))
    baselines = [b.name for b in data.baselines.values() if b.review == review.id]
    if baselines:
        _field(parts, tr, "reviews.label.baselines", clean(", ".join(baselines)))
    _field(parts, tr, "reviews.label.notes", clean(review.notes, multiline=True) or "—")
    return Content.assemble(*parts)


# --- decisions -------------------------------------------------------------------------------


def decision_state(decision: Decision, today: dt.date, tr: Translator) -> tuple[str, bool]:
    """(words, urgent): done on a date, overdue, due soon, or to do."""
    if decision.done is not None:
        return tr.t("reviews.decision.done", date=tr.date(decision.done)), False
    if decision.due is not None and decision.due < today:
        return tr.t("reviews.decision.overdue"), True
    if decision.due is not None and decision.due <= today + dt.timedelta(days=DUE_SOON_DAYS):
        return tr.t("reviews.decision.due_soon"), True
    return tr.t("reviews.decision.open"), False


def _state_cell(decision: Decision, today: dt.date, tr: Translator) -> Text:
    words, urgent = decision_state(decision, today, tr)
    return Text(words, style="bold" if urgent else "", no_wrap=True, overflow="ellipsis")


def links(data: PlanData, decision: Decision) -> str:
    """The codes of the objectives and actions a decision concerns: « O2.1 · A9 »."""
    objectives = [data.objectives[o].code for o in decision.objectives if o in data.objectives]
    actions = [data.actions[a].code for a in decision.actions if a in data.actions]
    codes = sorted(objectives, key=natural_key) + sorted(actions, key=natural_key)
    return " · ".join(c for c in codes if c) or "—"


def owner_name(data: PlanData, decision: Decision) -> str:
    person = data.people.get(decision.owner)
    return person.name if person else "—"


def _hay(data: PlanData, decision: Decision) -> str:
    return f"{decision.text} {links(data, decision)} {owner_name(data, decision)}"


def _two(first: str | Text, second: str) -> Text:
    """A two-line cell: `first` over `second` (dimmed)."""
    head = first if isinstance(first, Text) else Text(clean(first))
    return Text.assemble(head, "\n", (clean(second), "dim"), no_wrap=True, overflow="ellipsis")


def _text(text: str, width: int) -> Text:
    """A decision's text on two lines of `width` cells (… when it goes on)."""
    lines = wrap(text, width, 2) or ["—"]
    return Text("\n".join(lines), no_wrap=True, overflow="ellipsis")


def decision_rows(
    data: PlanData, decisions: Sequence[Decision], tr: Translator, today: dt.date
) -> list[Row]:
    """The decisions of one review: state over deadline, the text, owner over links."""
    rows: list[Row] = []
    for d in decisions:
        state = _two(_state_cell(d, today, tr), tr.date(d.due))
        who = _two(owner_name(data, d), links(data, d))
        rows.append((d.id, (state, _text(d.text, TEXT_WIDTH), who), _hay(data, d)))
    return rows


def open_rows(data: PlanData, tr: Translator, today: dt.date) -> list[Row]:
    """Every decision not done yet, the soonest due first: deadline over state, the text,
    owner over review."""
    rows: list[Row] = []
    for d in steering.open_decisions(data):
        review = data.reviews.get(d.review)
        title = review.title if review else "—"
        words, urgent = decision_state(d, today, tr)
        due = _two(Text(tr.date(d.due), style="bold" if urgent else ""), words)
        who = _two(owner_name(data, d), title)
        rows.append((d.id, (due, _text(d.text, OPEN_TEXT_WIDTH), who),
                     f"{_hay(data, d)} {title}"))  # fmt: skip
    return rows


# --- baselines and drift -----------------------------------------------------------------------


def baseline_rows(data: PlanData, tr: Translator, compared: Baseline | None) -> list[Row]:
    """Each baseline, the latest first, with how far today's plan is from it."""
    ordered = sorted(data.baselines.values(), key=lambda b: (b.date or dt.date.min, b.id))
    rows: list[Row] = []
    for baseline in reversed(ordered):
        review = data.reviews.get(baseline.review)
        title = review.title if review else "—"
        mark = COMPARED if compared and baseline.id == compared.id else ""
        count = str(len(drift_of(data, baseline)))
        cells = (mark, baseline.name, tr.date(baseline.date), count, title)
        rows.append((baseline.id, cells, f"{baseline.name} {title}"))
    return rows


def drift_rows(data: PlanData, baseline: Baseline, tr: Translator) -> list[Row]:
    """What moved since `baseline`: the code, the change in words over the title."""
    rows: list[Row] = []
    for item in drift_of(data, baseline):
        words = drift_words(item, tr, data, baseline)
        cell = _two(Text(clean(words), style="bold" if item.at_risk else ""), item.title)
        key = f"{item.kind}:{item.table}:{item.record}"
        rows.append((key, (item.code or "—", cell), f"{item.code} {words} {item.title}"))
    return rows
