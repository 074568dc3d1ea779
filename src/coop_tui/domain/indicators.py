"""Indicators over time: progress, the path to target, and where a measurement stands.

Numbers go from the baseline to the target, up or down (a cost to lower, a
delay to shorten: the direction comes from the two values); words climb their
scale; a time-based indicator without numbers is reached on the day a
measurement records. The path runs from the plan's start through the
intermediate targets (steps) to the target date; a measurement is ahead of it,
on track or behind. Progress is worked out where it means something and None
where it would be invented (a qualitative indicator without a scale).
"""

from __future__ import annotations

import datetime as dt
import itertools

from coop_tui.domain.model import Indicator, Measurement
from coop_tui.domain.snapshot import PlanData

TOLERANCE = 0.05
"""Share of the whole way within which a measurement is "on track"."""


def level_index(indicator: Indicator, level: str) -> int | None:
    """Position of a word on the scale (0: lowest), None if absent; '' is below it."""
    if not level:
        return -1
    try:
        return indicator.scale.index(level)
    except ValueError:
        return None


def measured(m: Measurement, indicator: Indicator) -> bool:
    """Whether a measurement carries what this kind of indicator measures."""
    if indicator.kind == "qualitative":
        return bool(m.level)
    if indicator.kind == "time_based" and indicator.target is None:
        return m.date is not None
    return m.value is not None


def latest_measurement(data: PlanData, indicator: Indicator) -> Measurement | None:
    found = [m for m in data.measurements_of(indicator.id) if measured(m, indicator)]
    return found[-1] if found else None


def share(indicator: Indicator, m: Measurement | None) -> float | None:
    """How far along the way from baseline to target a measurement is (0..1, clamped);
    None when the indicator has no way to measure it."""
    if indicator.kind == "qualitative":
        if not indicator.scale or not indicator.target_level:
            return None
        low = level_index(indicator, indicator.baseline_level)
        high = level_index(indicator, indicator.target_level)
        now = level_index(indicator, m.level) if m is not None else low
        if low is None or high is None or now is None or high == low:
            return None
        return _clamp((now - low) / (high - low))
    if indicator.target is None:
        if indicator.kind == "time_based":
            return 1.0 if m is not None else 0.0
        return None
    baseline = indicator.baseline if indicator.baseline is not None else 0.0
    value = m.value if m is not None and m.value is not None else baseline
    span = indicator.target - baseline
    if span == 0:
        return 1.0 if value == indicator.target else 0.0
    return _clamp((value - baseline) / span)


def progress(data: PlanData, indicator: Indicator) -> float | None:
    """Share of the way reached by the latest measurement (the baseline without one)."""
    return share(indicator, latest_measurement(data, indicator))


def _clamp(x: float) -> float:
    return max(0.0, min(1.0, x))


def _step_share(indicator: Indicator, value: float | None, level: str) -> float | None:
    probe = Measurement(indicator=indicator.id, value=value, level=level)
    return share(indicator, probe)


def expected_share(data: PlanData, indicator: Indicator, day: dt.date) -> float | None:
    """Where the path says the indicator should be on `day` (0..1), or None (no dates)."""
    start = data.plan.start
    end = indicator.target_date
    if start is None or end is None or end <= start:
        return None
    points: list[tuple[dt.date, float]] = [(start, 0.0)]
    for step in sorted(indicator.steps, key=lambda s: s.date):
        reached = _step_share(indicator, step.value, step.level)
        if reached is not None and start < step.date < end:
            points.append((step.date, reached))
    points.append((end, 1.0))
    if day <= start:
        return 0.0
    if day >= end:
        return 1.0
    for (d0, s0), (d1, s1) in itertools.pairwise(points):
        if d0 <= day <= d1:
            return s0 + (s1 - s0) * (day - d0).days / max(1, (d1 - d0).days)
    return None  # pragma: no cover - the points cover start..end


def path_status(data: PlanData, indicator: Indicator, today: dt.date) -> str | None:
    """'ahead', 'on_track' or 'behind' its path; None when there is no path to compare to."""
    latest = latest_measurement(data, indicator)
    if indicator.kind == "time_based" and indicator.target is None:
        if indicator.target_date is None:
            return None
        if latest is not None and latest.date is not None:
            return "ahead" if latest.date < indicator.target_date else "on_track"
        return "behind" if today > indicator.target_date else "on_track"
    found = _position(data, indicator, today, latest)
    if found is None:
        return None
    actual, expected = found
    if actual >= 1.0 or actual > expected + TOLERANCE:
        return "ahead" if actual < 1.0 or expected < 1.0 else "on_track"
    if actual >= expected - TOLERANCE:
        return "on_track"
    return "behind"


def path_lag(data: PlanData, indicator: Indicator, today: dt.date) -> float | None:
    """How far behind its path an indicator is, as a share of the whole way: where the path
    says it should be minus where it is (> 0 behind, < 0 ahead); None without a path, as
    for `path_status`. A time-based indicator without numbers lags the whole way (1.0) once
    its day has passed unmeasured, and not at all otherwise."""
    latest = latest_measurement(data, indicator)
    if indicator.kind == "time_based" and indicator.target is None:
        if indicator.target_date is None:
            return None
        unmet = latest is None or latest.date is None
        return 1.0 if unmet and today > indicator.target_date else 0.0
    found = _position(data, indicator, today, latest)
    return None if found is None else found[1] - found[0]


def _position(
    data: PlanData, indicator: Indicator, today: dt.date, latest: Measurement | None
) -> tuple[float, float] | None:
    """(share reached, share the path expected) on the day of the latest measurement (today
    without one), or None when either cannot be known."""
    actual = share(indicator, latest)
    day = latest.date if latest is not None and latest.date else today
    expected = expected_share(data, indicator, min(day, today))
    if actual is None or expected is None:
        return None
    return actual, expected


def trend(data: PlanData, indicator: Indicator) -> list[float]:
    """The measured shares of the way, oldest first (for a small trend line)."""
    out = []
    for m in data.measurements_of(indicator.id):
        if measured(m, indicator):
            value = share(indicator, m)
            if value is not None:
                out.append(value)
    return out


def direction(indicator: Indicator) -> int:
    """+1 when the indicator must rise, -1 when it must fall (a cost, a delay)."""
    if indicator.target is not None and indicator.baseline is not None:
        return -1 if indicator.target < indicator.baseline else 1
    return 1
