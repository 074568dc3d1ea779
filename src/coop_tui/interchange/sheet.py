"""`Sheet`: the plan, its language and the day, with the formats every section shares.

The worksheet's sections (`worksheet.py`, `steps.py`) are functions of a Sheet.
Every piece of user text goes through `plain()` here or in a section before it
enters the Document.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence

from coop_tui.domain.model import Objective, Organisation
from coop_tui.domain.snapshot import PlanData
from coop_tui.i18n import Translator
from coop_tui.interchange.document import Block, Span, Spans, Table, plain, spans

NONE = "—"
"""What an empty cell or a missing value shows."""


class Sheet:
    """The plan, its language and the day, with the small formats every section uses."""

    def __init__(self, data: PlanData, tr: Translator, today: dt.date) -> None:
        self.data = data
        self.tr = tr
        self.t = tr.t
        self.today = today

    # --- values -------------------------------------------------------------------

    def or_none(self, text: str) -> str:
        """User text, or a dash where there is none."""
        return plain(text) or NONE

    def number(self, value: float | None) -> str:
        if value is None:
            return NONE
        return self.tr.number(value, 0 if float(value).is_integer() else 2)

    def period(self, start: dt.date | None, end: dt.date | None) -> str:
        return f"{self.tr.date(start)} → {self.tr.date(end)}"

    def org_name(self, org_id: str) -> str:
        org = self.data.organisations.get(org_id)
        return plain(org.name) if org else plain(org_id)

    def organisations(self) -> list[Organisation]:
        """Lead organisation first, then by name: the worksheet's order."""
        return sorted(self.data.organisations.values(), key=lambda o: (o.role != "lead", o.name))

    def word(self, prefix: str, value: str) -> str:
        """A catalog word for a stored choice (an unknown choice shows as typed)."""
        key = f"{prefix}.{value}"
        return self.t(key) if self.tr.has(key) else plain(value)

    def labelled(self, label: str, value: str) -> str:
        """`label: value` with the language's spacing before the colon."""
        return plain(self.t("exports.md.label", label=label, value=value))

    def label_spans(self, label: str, value: str, *, bold: bool = False) -> Spans:
        """`label: value` as spans, the label in bold if asked."""
        separator = self.t("exports.md.label", label="", value="")
        return spans(Span(label, bold=bold), separator, value)

    def bold(self, text: str) -> Spans:
        """User text (or a dash) in bold: a name that heads its row."""
        return (Span(self.or_none(text), bold=True),)

    def coded(self, code: str, text: str) -> str:
        """`code — text`, or the text alone when there is no code."""
        text = self.or_none(text)
        return f"{plain(code)} — {text}" if code.strip() else text

    def code_spans(self, code: str, text: str) -> Spans:
        """The code in bold, then the text (or a dash)."""
        code = plain(code)
        return spans(Span(code, bold=True), " " if code else "", self.or_none(text))

    def objective_label(self, objective: Objective) -> Spans:
        return self.code_spans(objective.code, objective.statement)

    # --- blocks -------------------------------------------------------------------

    def table(
        self,
        headers: Sequence[str],
        rows: Iterable[Sequence[str | Spans]],
        widths: Sequence[float] = (),
    ) -> Table:
        """A table; a plain string is one span, an empty cell shows a dash."""
        cells = tuple(tuple(self._cell(cell) for cell in row) for row in rows)
        return Table(tuple(headers), cells, tuple(widths))

    @staticmethod
    def _cell(cell: str | Spans) -> Spans:
        content = spans(cell) if isinstance(cell, str) else cell
        return content or (Span(NONE),)


Builder = Callable[[Sheet], list[Block]]
"""A section of a document: blocks from a Sheet."""


__all__ = ["NONE", "Builder", "Sheet"]
