"""Indicators in words, for the worksheet and the progress report.

An indicator is said as its kind asks (SPEC §2, issue 13): numbers go from a
baseline to a target in a unit; words climb a named scale; a time-based
indicator without numbers is a date to meet, then the day it was met.
Intermediate targets (steps) and the latest measurement follow on lines of
their own. The path status and the trend come from `domain.indicators`: this
module only says them, it computes nothing a reader could not check there.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from coop_tui.domain import indicators as paths
from coop_tui.domain.model import Indicator, Measurement
from coop_tui.interchange.document import Span, Spans, Table, plain, spans
from coop_tui.interchange.sheet import NONE, Sheet

BARS = "▁▂▃▄▅▆▇█"
"""A trend as a small text sparkline: one bar per measurement, 0 (baseline) to 1 (target).
DejaVu Sans, the PDF's font, draws them."""


def counts_dates(indicator: Indicator) -> bool:
    """A time-based indicator without numbers: reached on a day, not by a value."""
    return indicator.kind == "time_based" and indicator.target is None


def value_text(sheet: Sheet, indicator: Indicator, value: float | None, level: str) -> str:
    """A value as the indicator's kind has it: a word of its scale, or a number."""
    if indicator.kind == "qualitative":
        return sheet.or_none(level)
    return sheet.number(value)


def way(sheet: Sheet, indicator: Indicator) -> str:
    """From where to what, by when: "0 → 2 marchés, au 13/10/2026", "— → bon, au …",
    "au plus tard le …"."""
    t, date = sheet.t, sheet.date(indicator.target_date)
    if indicator.kind == "qualitative":
        return t("documents.indicator.levels", baseline=sheet.or_none(indicator.baseline_level),
                 target=sheet.or_none(indicator.target_level), date=date)  # fmt: skip
    if counts_dates(indicator):
        return t("documents.indicator.reach_by", date=date)
    return t("documents.indicator.numbers", baseline=sheet.number(indicator.baseline),
             target=sheet.number(indicator.target), unit=plain(indicator.unit), date=date)  # fmt: skip


def statement(sheet: Sheet, indicator: Indicator) -> str:
    """The indicator, its kind and its way: "Marchés attribués (Quantitatif) : 0 → 2 …"."""
    return sheet.t("documents.indicator.statement", name=sheet.or_none(indicator.name),
                   kind=sheet.word("indicator_kind", indicator.kind), way=way(sheet, indicator))  # fmt: skip


def scale_text(sheet: Sheet, indicator: Indicator) -> str:
    """The named scale, lowest first ('' when there is none)."""
    if not indicator.scale:
        return ""
    levels = " / ".join(sheet.or_none(level) for level in indicator.scale)
    return sheet.t("documents.indicator.scale", levels=levels)


def steps_list(sheet: Sheet, indicator: Indicator) -> str:
    """The intermediate targets, in date order, one a line ('' when there are none)."""
    return "\n".join(
        sheet.t("documents.indicator.step", value=value_text(sheet, indicator, s.value, s.level),
                date=sheet.date(s.date))
        for s in sorted(indicator.steps, key=lambda s: s.date)
    )  # fmt: skip


def steps_text(sheet: Sheet, indicator: Indicator) -> str:
    """The intermediate targets in one line: "Cibles intermédiaires : 1 au …" ('' for none)."""
    listed = steps_list(sheet, indicator)
    if not listed:
        return ""
    return sheet.t(
        "documents.indicator.steps", steps=sheet.t("documents.separator").join(listed.split("\n"))
    )


def measured(sheet: Sheet, indicator: Indicator, m: Measurement | None) -> str:
    """A measurement's value and date: "1 le 02/02/2026", "atteint le …" ('' for none)."""
    if m is None:
        return ""
    if counts_dates(indicator):
        return sheet.t("documents.indicator.reached", date=sheet.date(m.date))
    value = value_text(sheet, indicator, m.value, m.level)
    return sheet.t("documents.indicator.on", value=value, date=sheet.date(m.date))


def measurement_text(sheet: Sheet, indicator: Indicator, m: Measurement | None) -> str:
    """The latest measurement in one line: "Dernière mesure : 1 le …" ('' for none)."""
    text = measured(sheet, indicator, m)
    return sheet.t("documents.indicator.latest", value=text) if text else ""


def describe(sheet: Sheet, indicator: Indicator) -> str:
    """Everything the worksheet says of one indicator, one fact a line."""
    latest = paths.latest_measurement(sheet.data, indicator)
    lines = [statement(sheet, indicator), scale_text(sheet, indicator),
             steps_text(sheet, indicator), measurement_text(sheet, indicator, latest)]  # fmt: skip
    return "\n".join(line for line in lines if line)


def sparkline(shares: Iterable[float]) -> str:
    """Shares of the way (0..1) as bars, oldest first."""
    return "".join(BARS[round(max(0.0, min(1.0, s)) * (len(BARS) - 1))] for s in shares)


def path_word(sheet: Sheet, status: str | None) -> str:
    """En avance / dans les temps / en retard, or a dash where there is no path."""
    return sheet.t(f"path_status.{status}") if status else NONE


def path_cell(sheet: Sheet, indicator: Indicator, day: dt.date) -> Spans:
    """The status against the path (bold when behind), and how far along against expected."""
    data = sheet.data
    status = paths.path_status(data, indicator, day)
    word = Span(path_word(sheet, status), bold=status == "behind")
    latest = paths.latest_measurement(data, indicator)
    # As `path_status` judges it: where the path was on the day of the latest measurement.
    when = min(latest.date, day) if latest is not None and latest.date else day
    done = paths.share(indicator, latest)
    expected = paths.expected_share(data, indicator, when)
    if done is None or expected is None or counts_dates(indicator):
        return (word,)
    detail = sheet.t("documents.indicator.share", share=sheet.tr.percent(done),
                     date=sheet.date(when), expected=sheet.tr.percent(expected))  # fmt: skip
    return spans(word, "\n" + detail)


def path_table(sheet: Sheet, found: Iterable[Indicator], day: dt.date) -> Table:
    """Indicators against their intermediate targets, with their status and trend on `day`."""
    t, data = sheet.t, sheet.data
    headers = [t("documents.col.indicator"), t("documents.col.way"), t("documents.col.steps"),
               t("documents.col.latest"), t("documents.col.path"), t("documents.col.trend")]  # fmt: skip
    rows = []
    for ind in found:
        code = sheet.objective_code(ind.objective)
        latest = paths.latest_measurement(data, ind)
        rows.append((
            sheet.code_spans(code, ind.name), way(sheet, ind), steps_list(sheet, ind),
            measured(sheet, ind, latest), path_cell(sheet, ind, day),
            sparkline(paths.trend(data, ind)),
        ))  # fmt: skip
    return sheet.table(headers, rows, (3.8, 3, 2.8, 2.3, 2.7, 1.9))


def sorted_indicators(sheet: Sheet) -> list[Indicator]:
    """Every indicator, by its objective's code, then by name."""
    from coop_tui.domain.snapshot import natural_key

    def key(ind: Indicator) -> tuple[object, ...]:
        return natural_key(sheet.objective_code(ind.objective)), ind.name.casefold(), ind.id

    return sorted(sheet.data.indicators.values(), key=key)


__all__ = [
    "describe",
    "path_table",
    "path_word",
    "sorted_indicators",
    "sparkline",
    "statement",
    "steps_text",
]
