"""Form grids for money: a budget line's shares between partner organisations, and a
funder's amounts per year.

Each is one field of the `RecordForm` (kind `grid`): a few one-line inputs that a
coordinator fills by keys alone (`tab` goes from input to input, `↑` / `↓` from one row to
the next in the same column), read back as one value by `read()`. Their inputs post
`Input.Changed` as any other: the form validates as you type, and the grid sums what is
typed on its last line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Input, Label, Select, Static

from coop_tui.domain.model import Share
from coop_tui.i18n import Translator
from coop_tui.text import clean
from coop_tui.tui.form_values import FieldError, number_text, parse_number

SAFE_ID = re.compile(r"[A-Za-z0-9_-]+")
PERCENT, AMOUNT = "percent", "amount"
"""How a bare number in a share's part is read: a percentage, or euros."""


class MoneyGrid(Vertical):
    """Rows of inputs; `↑` / `↓` move to the same column of the row above / below."""

    DEFAULT_CSS = """
    MoneyGrid { height: auto; }
    MoneyGrid .grid-row { height: 1; }
    MoneyGrid .grid-head { height: 1; color: $text-muted; }
    MoneyGrid .grid-name { width: 30; }
    MoneyGrid .grid-cell { width: 14; margin-right: 1; }
    MoneyGrid Input.grid-cell { background: $boost; }
    MoneyGrid Input.grid-cell:focus { background: $primary 30%; }
    MoneyGrid .grid-total { color: $text-muted; height: auto; }
    MoneyGrid .grid-mode { height: 1; margin-bottom: 1; }
    MoneyGrid .grid-mode Label { width: auto; padding-right: 1; }
    MoneyGrid .grid-mode Select { width: 24; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "row(1)", show=False),
        Binding("up", "row(-1)", show=False),
    ]

    def __init__(self, tr: Translator, *, id: str) -> None:
        super().__init__(id=id)
        self.tr = tr

    def cell_id(self, row: str, column: str) -> str:
        """The id of an input: its row (an organisation's id, a year) and column. A row key
        that is no plain word (written by hand in the file) is spelt in hexadecimal."""
        if not SAFE_ID.fullmatch(row):
            row = "x" + row.encode().hex()
        return f"{self.id}-{row}-{column}"

    def _input(self, row: str, column: str, value: str) -> Input:
        return Input(value, id=self.cell_id(row, column), compact=True, classes="grid-cell")

    def action_row(self, step: int) -> None:
        """The same column, `step` rows away (the focus stays put at either end)."""
        focused = self.screen.focused
        row = focused.parent if isinstance(focused, Input) else None
        rows = list(self.query(".grid-row").results(Horizontal))
        if not isinstance(row, Horizontal) or row not in rows:
            return
        column = list(row.query(Input)).index(focused)  # type: ignore[arg-type]
        index = rows.index(row) + step
        if 0 <= index < len(rows):
            cells = list(rows[index].query(Input))
            if cells:
                cells[min(column, len(cells) - 1)].focus()

    def _text(self, input_id: str) -> str:
        return self.query_one(f"#{input_id}", Input).value

    def _number(self, input_id: str) -> float | None:
        return parse_number(self._text(input_id), self.tr.language)


def _part_text(share: Share, mode: str, language: str) -> str:
    """A share's part as typed: bare in the grid's mode, with its unit in the other."""
    if share.percent is not None:
        text = number_text(share.percent, language)
        return text if mode == PERCENT else f"{text} %"
    if share.amount is not None:
        text = number_text(share.amount, language)
        return text if mode == AMOUNT else f"{text} €"
    return ""


class SharesGrid(MoneyGrid):
    """One row per partner organisation: its part (in % or €), ETP and days."""

    def __init__(
        self,
        shares: Sequence[Share],
        organisations: Sequence[tuple[str, str]],
        tr: Translator,
        *,
        id: str,
    ) -> None:
        """`organisations`: (id, name) in the order of the rows."""
        super().__init__(tr, id=id)
        self.shares = {s.organisation: s for s in shares}
        known = [org_id for org_id, _ in organisations]
        extra = [(org, org) for org in self.shares if org not in known]
        self.organisations = [*organisations, *extra]
        amounts = any(s.amount is not None for s in shares)
        percents = any(s.percent is not None for s in shares)
        self.initial_mode = AMOUNT if amounts and not percents else PERCENT

    def compose(self) -> ComposeResult:
        t, language = self.tr.t, self.tr.language
        with Horizontal(classes="grid-mode"):
            yield Label(Content(t("budget.grid.mode")))
            yield Select(
                [(t("budget.grid.percent"), PERCENT), (t("budget.grid.amount"), AMOUNT)],
                value=self.initial_mode,
                allow_blank=False,
                compact=True,
                id=f"{self.id}-mode",
            )
        with Horizontal(classes="grid-head"):
            for key, css in (("organisation", "grid-name"), ("part", "grid-cell"),
                             ("fte", "grid-cell"), ("days", "grid-cell")):  # fmt: skip
                yield Label(Content(t(f"budget.grid.{key}")), classes=css)
        for org_id, name in self.organisations:
            share = self.shares.get(org_id)
            with Horizontal(classes="grid-row"):
                yield Label(Content(clean(name)), classes="grid-name")
                part = _part_text(share, self.initial_mode, language) if share else ""
                yield self._input(org_id, "part", part)
                yield self._input(
                    org_id, "fte", number_text(share.fte if share else None, language)
                )
                yield self._input(
                    org_id, "days", number_text(share.days if share else None, language)
                )
        yield Static("", classes="grid-total")

    def on_mount(self) -> None:
        self._show_total()

    @property
    def mode(self) -> str:
        value = self.query_one(f"#{self.id}-mode", Select).value
        return value if isinstance(value, str) else PERCENT

    def _part(self, org_id: str) -> tuple[float | None, float | None]:
        """(percent, amount) typed for one organisation: a unit says which, else the mode."""
        text = self._text(self.cell_id(org_id, "part")).strip()
        if text.endswith("%"):
            return parse_number(text[:-1], self.tr.language), None
        amount = text.endswith("€") or text.startswith("€") or self.mode == AMOUNT
        value = parse_number(text, self.tr.language)
        return (None, value) if amount else (value, None)

    def read(self) -> tuple[Share, ...]:
        out: list[Share] = []
        for org_id, _ in self.organisations:
            percent, amount = self._part(org_id)
            fte = self._number(self.cell_id(org_id, "fte"))
            days = self._number(self.cell_id(org_id, "days"))
            if (percent, amount, fte, days) != (None, None, None, None):
                out.append(
                    Share(organisation=org_id, percent=percent, amount=amount, fte=fte, days=days)
                )
        return tuple(out)

    @on(Input.Changed)
    @on(Select.Changed)
    def _changed(self) -> None:
        self._show_total()  # the event goes on up: the form validates too

    def _show_total(self) -> None:
        tr = self.tr
        try:
            shares = self.read()
        except FieldError:
            return  # the form says which value cannot be read
        percent = sum(s.percent or 0.0 for s in shares)
        amount = sum(s.amount or 0.0 for s in shares)
        fte = sum(s.fte or 0.0 for s in shares)
        days = sum(s.days or 0.0 for s in shares)
        parts = []
        if percent or not amount:
            parts.append(tr.percent(percent / 100))
        if amount:
            parts.append(tr.money(amount))
        parts.append(tr.t("budget.grid.fte_total", fte=tr.number(fte, 2)))
        parts.append(tr.t("budget.grid.days_total", days=tr.number(days, 1)))
        text = tr.t("budget.grid.total", parts=" · ".join(parts))
        if not amount and percent < 100:
            text += "\n" + tr.t("budget.grid.rest", percent=tr.percent(1 - percent / 100))
        self.query_one(".grid-total", Static).update(Content(text))


class YearAmountsGrid(MoneyGrid):
    """One row per year (the project's, and those already given), plus one for another year."""

    OTHER = "other"

    def __init__(
        self, amounts: dict[str, float], years: Sequence[str], tr: Translator, *, id: str
    ) -> None:
        super().__init__(tr, id=id)
        self.amounts = dict(amounts)
        self.years = sorted({*years, *amounts})

    def compose(self) -> ComposeResult:
        t, language = self.tr.t, self.tr.language
        with Horizontal(classes="grid-head"):
            yield Label(Content(t("budget.grid.year")), classes="grid-cell")
            yield Label(Content(t("budget.grid.amount_col")), classes="grid-cell")
        for year in self.years:
            with Horizontal(classes="grid-row"):
                yield Label(Content(clean(year)), classes="grid-cell")
                amount = number_text(self.amounts.get(year), language)
                yield self._input(f"y{year}", "amount", amount)
        with Horizontal(classes="grid-row"):
            other = Input(
                id=self.cell_id(self.OTHER, "year"),
                compact=True,
                classes="grid-cell",
                placeholder=t("budget.grid.other_year"),
            )
            yield other
            yield self._input(self.OTHER, "amount", "")
        yield Static("", classes="grid-total")

    def on_mount(self) -> None:
        self._show_total()

    def read(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for year in self.years:
            value = self._number(self.cell_id(f"y{year}", "amount"))
            if value is not None:
                out[year] = value
        other_year = self._text(self.cell_id(self.OTHER, "year")).strip()
        other = self._number(self.cell_id(self.OTHER, "amount"))
        if other is not None:
            if not (other_year.isascii() and other_year.isdecimal() and len(other_year) == 4):
                raise FieldError("not_a_year")
            out[other_year] = (out.get(other_year) or 0.0) + other
        return dict(sorted(out.items()))

    @on(Input.Changed)
    def _changed(self) -> None:
        self._show_total()

    def _show_total(self) -> None:
        try:
            amounts = self.read()
        except FieldError:
            return
        total = self.tr.t("budget.grid.total", parts=self.tr.money(sum(amounts.values())))
        self.query_one(".grid-total", Static).update(Content(total))
