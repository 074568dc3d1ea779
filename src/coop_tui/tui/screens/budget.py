"""8 — Budget: the financing plan, its budget lines and its funders.

Three lists, `tab` between them: the financing plan in the view chosen (`y` by year and
nature, `p` by partner organisation, `f` by funder, `o` by objective and action; `<` / `>`
the year, or the whole project), the budget lines under the plan's row in focus (its
drill-down), and the funders. Between them, the balance of the year: charges against
what is secured, what is only requested, and what is still to find.

Keys act on the list in focus: `a` adds a budget line (on the action in focus, with the
nature of the row) or, on a funder, a funder; `e` / `enter` edits the line or the funder
(on another row of the plan: goes down to its lines); `d` deletes with confirmation, `u`
undoes; `/` filters the list, `escape` clears the filter.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Input, Static

from coop_tui.domain.model import BudgetLine, Funder, Record
from coop_tui.domain.snapshot import PlanData
from coop_tui.tui.screens.base import PlanScreen, screen_css
from coop_tui.tui.widgets import budget_registers as registers
from coop_tui.tui.widgets.budget_rows import VIEWS, BudgetView, balance
from coop_tui.tui.widgets.filter_box import FilterBox
from coop_tui.tui.widgets.line_table import LineTable
from coop_tui.tui.widgets.list_pane import ListPane

PANES = ("plan", "lines", "funders")
VIEW_KEYS = {"year": "y", "partner": "p", "funder": "f", "objective": "o"}


class Body(VerticalScroll, can_focus=False):
    """Scrolls on small terminals; never takes the focus itself (tab goes to the lists)."""


class BudgetScreen(PlanScreen):
    """The financing plan in four views, the budget lines under a row, the funders."""

    TITLE_KEY = "budget.title"
    DEFAULT_CSS = screen_css(__file__)
    AUTO_FOCUS = "#plan-table"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add", "key.add"),
        Binding("e", "edit", "key.edit"),
        Binding("d,delete", "delete", "key.delete"),
        Binding("slash", "filter", "key.filter", key_display="/"),
        *(Binding(key, f"view('{view}')", f"budget.key.{view}") for view, key in VIEW_KEYS.items()),
        # In the views bar, with the year they change (the key bar has no room left).
        Binding(
            "less_than_sign", "year(-1)", "budget.key.previous_year", key_display="<", show=False
        ),
        Binding(
            "greater_than_sign", "year(1)", "budget.key.next_year", key_display=">", show=False
        ),
        Binding("escape", "clear_filter", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.view = "year"
        """The view of the financing plan: one of VIEWS."""
        self.year = ""
        """The year shown ('' for the whole project)."""
        self.budget: BudgetView | None = None
        self._pane = "plan"
        self._header: tuple[str, ...] = ()
        self._lines_shown: tuple[object, ...] = ()
        """What the lines pane shows: the budget view, the plan row and the filter."""
        self._pending: dict[str, str] = {}
        """Pane -> key of a row just saved, to put the cursor on once it shows."""

    # --- building ----------------------------------------------------------------------

    def compose_body(self) -> ComposeResult:
        placeholder = self.tr.t("filter.placeholder")
        yield Static("", id="budget-views")
        with Body(id="budget-body"):
            with Vertical(id="group-plan", classes="group"):
                yield ListPane("plan")
                yield FilterBox(placeholder=placeholder, id="plan-filter")
            yield Static("", id="budget-balance")
            with Vertical(id="group-lines", classes="group"):
                yield ListPane("lines", row_height=registers.LINE_HEIGHT)
                yield FilterBox(placeholder=placeholder, id="lines-filter")
            with Vertical(id="group-funders", classes="group"):
                yield ListPane("funders")
                yield FilterBox(placeholder=placeholder, id="funders-filter")

    def on_mount(self) -> None:
        for name, which in (
            ("lines", registers.LINE_COLUMNS),
            ("funders", registers.FUNDER_COLUMNS),
        ):
            self.pane(name).set_columns(*registers.columns(self.tr, which))
        self.pane("funders").set_title(self.tr.t("budget.funders.title"))
        super().on_mount()

    def pane(self, name: str) -> ListPane:
        return self.query_one(f"#{name}-table", ListPane)

    def selected(self, name: str) -> str:
        """The key of the row under the cursor of one list ('' when it is empty)."""
        pane = self.pane(name)
        if not pane.keys or not 0 <= pane.cursor_row < len(pane.keys):
            return ""
        return pane.keys[pane.cursor_row]

    # --- content -----------------------------------------------------------------------

    def refresh_view(self, data: PlanData) -> None:
        self.budget = BudgetView(data, self.tr, self.year)
        if self.year not in self.budget.years:  # a year no line nor funder has any more
            self.year = ""
            self.budget = BudgetView(data, self.tr)
        self._show_views()
        self._fill_plan()
        self.query_one("#budget-balance", Static).update(balance(self.budget))
        self._fill_funders()

    def _show_views(self) -> None:
        """The views by their keys, the one shown marked; the year between its keys."""
        parts: list[tuple[str, str] | str] = []
        for view, key in VIEW_KEYS.items():
            style = "reverse bold" if view == self.view else ""
            parts += [(f" {key} ", "bold $accent"), (self.tr.t(f"budget.key.{view}"), style), " "]
        scope = self.budget.scope() if self.budget else ""
        parts += [
            "  ",
            ("<", "bold $accent"),
            " ",
            (scope, "reverse bold"),
            " ",
            (">", "bold $accent"),
        ]
        self.query_one("#budget-views", Static).update(Content.assemble(*parts))

    def _fill_plan(self) -> None:
        budget = self.budget
        if budget is None:
            return
        pane = self.pane("plan")
        labels, widths = budget.columns(self.view)
        if tuple(labels) != self._header:
            self._header = tuple(labels)
            pane.set_columns(labels, widths)
        pane.set_title(budget.title(self.view))
        pane.show_rows(budget.rows(self.view))
        self._apply_pending("plan")
        self._fill_lines()

    def _fill_lines(self) -> None:
        budget = self.budget
        if budget is None:
            return
        key = self.selected("plan")
        pane = self.pane("lines")
        shown = (budget, key, pane.filter_text)
        if shown == self._lines_shown:
            return  # the cursor was said to move but stayed on the same row
        self._lines_shown = shown
        pane.set_title(budget.under_what(key))
        rows = registers.line_rows(budget, budget.lines_under(key))
        pane.show_rows(rows, self.tr.t("budget.lines.hint"))
        self._apply_pending("lines")

    def _fill_funders(self) -> None:
        budget = self.budget
        if budget is None:
            return
        pane = self.pane("funders")
        pane.show_rows(registers.funder_rows(budget), self.tr.t("budget.funders.hint"))
        self._apply_pending("funders")

    def _apply_pending(self, name: str) -> None:
        key = self._pending.get(name)
        if key and self.pane(name).select(key):
            del self._pending[name]

    def _select_later(self, *panes: tuple[str, str]) -> Callable[[Record], None]:
        """An `on_saved` callback putting cursors on the saved record: (pane, key prefix)."""

        def chosen(record: Record) -> None:
            for name, prefix in panes:
                self._pending[name] = f"{prefix}{record.id}"
                self._apply_pending(name)

        return chosen

    # --- following the cursor ----------------------------------------------------------

    @on(LineTable.RowHighlighted, "#plan-table")
    def _plan_moved(self) -> None:
        self._fill_lines()

    @on(LineTable.RowSelected)
    def _row_selected(self, event: LineTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        name = (event.widget.id or "").rsplit("-", 1)[0]
        if name in PANES:
            self._pane = name
            if isinstance(event.widget, LineTable):
                group = self.query_one(f"#group-{name}")
                self.query_one(Body).scroll_to_widget(group, animate=False, top=True)

    # --- views and years -----------------------------------------------------------------

    def action_view(self, view: str) -> None:
        """`y` `p` `f` `o`: the financing plan by year, partner, funder, objective."""
        if view not in VIEWS or view == self.view:
            return
        self.view = view
        self._show_views()
        self.pane("plan").move_cursor(row=0, scroll=True)
        self._fill_plan()

    def action_year(self, step: int) -> None:
        """`<` / `>`: the previous / next year, the whole project before the first."""
        if self.budget is None:
            return
        choices = ["", *self.budget.years]
        index = choices.index(self.year) if self.year in choices else 0
        self.year = choices[(index + step) % len(choices)]
        self.refresh_view(self.data)

    # --- records under the cursor --------------------------------------------------------

    def _line(self) -> BudgetLine | None:
        return self.data.budget_lines.get(self.selected("lines"))

    def _funder(self) -> Funder | None:
        if self._pane == "funders":
            return self.data.funders.get(self.selected("funders"))
        kind, _, value = self.selected("plan").partition(":")
        return self.data.funders.get(value) if self._pane == "plan" and kind == "funder" else None

    def _record(self) -> Record | None:
        if self._pane == "lines":
            return self._line()
        return self._funder()

    def action_add(self) -> None:
        """A funder in the funders (or on a funder's row); else a budget line: on the action
        in focus, of the nature of the row in focus."""
        if self._pane == "funders" or (self._pane == "plan" and self.view == "funder"):
            self.edit_record(
                Funder(), on_saved=self._select_later(("funders", ""), ("plan", "funder:"))
            )
            return
        kind, _, value = self.selected("plan").partition(":")
        line = self._line() if self._pane == "lines" else None
        action = line.action if line else value if kind == "action" else ""
        nature = line.nature if line else value if kind == "nature" else "other"
        record = BudgetLine(action=action, nature=nature)
        self.edit_record(record, on_saved=self._select_later(("lines", "")))

    def action_edit(self) -> None:
        """The line or the funder in focus; on another row of the plan, its lines."""
        record = self._record()
        if record is not None:
            pane = "lines" if isinstance(record, BudgetLine) else "funders"
            self.edit_record(record, on_saved=self._select_later((pane, "")))
        elif self._pane == "plan" and self.pane("lines").row_count:
            self.pane("lines").focus()
        else:
            self.notify(self.tr.t("budget.select_first"), markup=False)

    def action_delete(self) -> None:
        record = self._record()
        if record is None:
            self.notify(self.tr.t("budget.select_first"), markup=False)
            return
        self.delete_record(record)

    # --- filtering ---------------------------------------------------------------------

    def action_filter(self) -> None:
        self.query_one(f"#{self._pane}-filter", FilterBox).open()

    def action_clear_filter(self) -> None:
        """Escape on a filtered list shows it whole again."""
        box = self.query_one(f"#{self._pane}-filter", FilterBox)
        if box.value:
            box.close(clear=True)

    @on(Input.Changed, "FilterBox")
    def _filter_changed(self, event: Input.Changed) -> None:
        name = (event.input.id or "").removesuffix("-filter")
        if name not in PANES:
            return
        self.pane(name).filter_text = event.value
        {"plan": self._fill_plan, "lines": self._fill_lines, "funders": self._fill_funders}[name]()

    @on(FilterBox.Closed)
    def _filter_closed(self, event: FilterBox.Closed) -> None:
        name = (event.box.id or "").removesuffix("-filter")
        if name in PANES:
            self.pane(name).focus()
