"""1 — Stakes: partner organisations, their stakes, the matrix, the shared stakes.

Step 1 of the worksheet. Five lists, `tab` between them: organisations (with
the selected one's situation and diagnosis), its people, its individual
stakes, the categories × organisations matrix (suggested shared stakes
highlighted) and the shared stakes with what each pools. `s` turns the
suggestion under the matrix cursor into a shared stake in one command.

Keys act on the focused list: `a` adds there (in the matrix: a stake of the
selected organisation in that category), `e`/`enter` edits (in the matrix:
pools the suggestion, or opens the shared stake that pools the row), `d`
deletes with confirmation, `/` filters as you type, `escape` clears the filter.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, Static

from coop_tui.domain import checks
from coop_tui.domain.codes import next_shared_stake_code
from coop_tui.domain.model import Organisation, Person, Record, SharedStake, Stake
from coop_tui.domain.snapshot import PlanData, natural_key
from coop_tui.text import clean
from coop_tui.tui.screens.base import PlanScreen, screen_css
from coop_tui.tui.widgets import stake_rows as rows_of
from coop_tui.tui.widgets.filter_box import FilterBox
from coop_tui.tui.widgets.line_table import LineTable
from coop_tui.tui.widgets.list_pane import ListPane, Row
from coop_tui.tui.widgets.stake_matrix import (
    MatrixRow,
    describe_row,
    matrix_rows,
    row_cells,
    short_names,
)

PANES = ("orgs", "stakes", "people", "matrix", "shared")
#: The plan table each list shows (what a / e / d act on there).
PANE_TABLES = {"orgs": "organisations", "people": "people", "stakes": "stakes",
               "shared": "shared_stakes"}  # fmt: skip
#: The block brought into view when a pane gets the focus (pane plus its detail).
GROUPS = {"orgs": "group-orgs", "people": "group-people", "stakes": "group-stakes",
          "matrix": "group-matrix", "shared": "group-shared"}  # fmt: skip


class Body(VerticalScroll, can_focus=False):
    """Scrolls on small terminals; never takes the focus itself (tab goes to the lists)."""


class StakesScreen(PlanScreen):
    """Organisations, individual stakes, the matrix and the shared stakes."""

    TITLE_KEY = "stakes.title"
    READS = frozenset(("plan", "phases", "organisations", "people", "stakes", "shared_stakes"))
    DEFAULT_CSS = screen_css(__file__)
    AUTO_FOCUS = "#orgs-table"
    # Textual declares these without ClassVar: overridden as it declares them.
    HORIZONTAL_BREAKPOINTS: list[tuple[int, str]] | None = [(0, "-narrow"), (110, "-wide")]  # noqa: RUF012
    VERTICAL_BREAKPOINTS: list[tuple[int, str]] | None = [(0, "-short"), (34, "-tall")]  # noqa: RUF012
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add", "key.add"),
        Binding("e,enter", "edit", "key.edit"),
        Binding("d,delete", "delete", "key.delete"),
        Binding("slash", "filter", "key.filter", key_display="/"),
        Binding("s", "pool", "stakes.key.pool"),
        Binding("escape", "clear_filter", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._pane = "orgs"
        self._pending: dict[str, str] = {}
        self._stakes_org: str | None = None
        self._matrix_header: tuple[str, ...] = ()
        self._orgs_header: tuple[str, ...] = ()

    # --- building ----------------------------------------------------------------------

    def compose_body(self) -> ComposeResult:
        with Body(id="stakes-body"):
            with Horizontal(id="row-top", classes="row"):
                with Vertical(id="group-orgs", classes="group col"):
                    yield ListPane("orgs")
                    yield Static("", id="org-detail", classes="detail")
                with Vertical(id="col-right", classes="col"):
                    with Vertical(id="group-stakes", classes="group"):
                        yield ListPane("stakes")
                        yield Static("", id="stake-detail", classes="detail")
                    with Vertical(id="group-people", classes="group"):
                        yield ListPane("people")
            with Horizontal(id="row-bottom", classes="row"):
                with Vertical(id="group-matrix", classes="group"):
                    yield ListPane("matrix")
                    yield Static("", id="matrix-legend", classes="detail")
                with Vertical(id="group-shared", classes="group col"):
                    yield ListPane("shared")
                    yield Static("", id="shared-detail", classes="detail")
                    yield Static("", id="shared-pooled")

    def on_mount(self) -> None:
        t = self.tr.t
        columns = {
            "people": ("stakes.col.person", "stakes.col.position", "stakes.col.contact"),
            "stakes": ("stakes.col.category", "stakes.col.pooled_in", "stakes.col.statement"),
            "shared": ("stakes.col.code", "stakes.col.organisations", "stakes.col.title"),
        }
        for name, keys in columns.items():
            self.pane(name).set_columns(t(k) for k in keys)
        self.pane("orgs").set_title(t("stakes.pane.orgs"))
        self.pane("matrix").set_title(t("stakes.pane.matrix"))
        self.pane("shared").set_title(t("stakes.pane.shared"))

    def pane(self, name: str) -> ListPane:
        return self.query_one(f"#{name}-table", ListPane)

    def selected(self, name: str) -> str | None:
        """Row key under the cursor of one list (None when it is empty)."""
        pane = self.pane(name)
        if not pane.keys or not 0 <= pane.cursor_row < len(pane.keys):
            return None
        return pane.keys[pane.cursor_row]

    def selected_org(self) -> Organisation | None:
        return self.data.organisations.get(self.selected("orgs") or "")

    # --- content -------------------------------------------------------------------

    def refresh_view(self, data: PlanData) -> None:
        self._fill_orgs(data)
        self._fill_matrix(data)
        self._fill_shared(data)
        self._apply_pending()

    def _fill_orgs(self, data: PlanData) -> None:
        pane = self.pane("orgs")
        header = tuple(self.tr.t(f"stakes.col.{k}") for k in rows_of.org_columns(data))
        keep = self.selected("orgs")
        if header != self._orgs_header:
            self._orgs_header = header
            pane.set_columns(header)
        pane.show_rows(rows_of.org_rows(data, self.tr), self.tr.t("stakes.hint.no_orgs"))
        if keep:
            pane.select(keep)
        self._fill_org_dependents()

    def _fill_org_dependents(self) -> None:
        """Detail, people and stakes of the organisation under the cursor."""
        data, tr = self.data, self.tr
        org = self.selected_org()
        name = clean(org.name) if org else "—"
        none_key = "stakes.hint.no_org"
        self.query_one("#org-detail", Static).update(rows_of.org_detail(data, org, tr))
        people = self.pane("people")
        people.set_title(tr.t("stakes.pane.people", org=name))
        people.show_rows(rows_of.people_rows(data, org),
                         tr.t("stakes.hint.no_people" if org else none_key))  # fmt: skip
        stakes = self.pane("stakes")
        stakes.set_title(tr.t("stakes.pane.stakes", org=name))
        rows = rows_of.stake_rows(data, org, tr)
        stakes.show_rows(rows, tr.t("stakes.hint.no_stakes" if org else none_key))
        org_id = org.id if org else None
        if org_id != self._stakes_org:  # another organisation: start at its first stake
            self._stakes_org = org_id
            if rows:
                stakes.move_cursor(row=0, animate=False)
        self._show_stake_detail()

    def _show_stake_detail(self) -> None:
        stake = self.data.stakes.get(self.selected("stakes") or "")
        self.query_one("#stake-detail", Static).update(rows_of.stake_detail(stake, self.tr))

    def _fill_matrix(self, data: PlanData) -> None:
        tr = self.tr
        orgs = rows_of.sorted_orgs(data)
        pane = self.pane("matrix")
        header = (tr.t("stakes.col.category"), *short_names(orgs), tr.t("stakes.col.suggestion"))
        keep = self.selected("matrix")
        if header != self._matrix_header:
            self._matrix_header = header
            pane.set_columns(header)
        rows: list[Row] = []
        for row in matrix_rows(data, orgs):
            label = tr.t(f"category.{row.category}")
            rows.append((row.category, row_cells(row, tr), f"{label} {' '.join(row.pooled_by)}"))
        pane.show_rows(rows, tr.t("stakes.hint.no_category"))
        if keep:
            pane.select(keep)
        self._show_matrix_legend()

    def _matrix_row(self) -> MatrixRow | None:
        category = self.selected("matrix")
        orgs = rows_of.sorted_orgs(self.data)
        return next((r for r in matrix_rows(self.data, orgs) if r.category == category), None)

    def _show_matrix_legend(self) -> None:
        row = self._matrix_row()
        text = self.tr.t("stakes.matrix.legend")
        if row is not None:
            orgs = rows_of.sorted_orgs(self.data)
            text = describe_row(row, orgs, self.tr) + "\n" + text
        self.query_one("#matrix-legend", Static).update(Content(text))

    def _fill_shared(self, data: PlanData) -> None:
        rows = rows_of.shared_rows(data, self.tr)
        self.pane("shared").show_rows(rows, self.tr.t("stakes.hint.no_shared"))
        self._show_shared_detail()

    def _show_shared_detail(self) -> None:
        shared = self.data.shared_stakes.get(self.selected("shared") or "")
        statement = (clean(shared.statement, multiline=True) or "—") if shared else ""
        self.query_one("#shared-detail", Static).update(Content(statement))
        pooled = rows_of.shared_pooled(self.data, shared, self.tr)
        self.query_one("#shared-pooled", Static).update(pooled)

    def _apply_pending(self) -> None:
        for name, key in list(self._pending.items()):
            if self.pane(name).select(key):
                del self._pending[name]

    def select_later(self, name: str) -> Callable[[Record], None]:
        """An `on_saved` callback that puts list `name`'s cursor on the saved record."""

        def chosen(record: Record) -> None:
            self._pending[name] = record.id
            self._apply_pending()

        return chosen

    # --- following the cursor ----------------------------------------------------------

    @on(LineTable.RowHighlighted, "#orgs-table")
    def _org_moved(self) -> None:
        self._fill_org_dependents()

    @on(LineTable.RowHighlighted, "#stakes-table")
    def _stake_moved(self) -> None:
        self._show_stake_detail()

    @on(LineTable.RowHighlighted, "#matrix-table")
    def _matrix_moved(self) -> None:
        self._show_matrix_legend()
        self.refresh_bindings()  # e pools this row, or opens its shared stake

    @on(LineTable.RowHighlighted, "#shared-table")
    def _shared_moved(self) -> None:
        self._show_shared_detail()

    @on(LineTable.RowSelected)
    def _row_selected(self) -> None:
        self.action_edit()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        name = (event.widget.id or "").rsplit("-", 1)[0]
        if name in PANES:
            self._pane = name
            if isinstance(event.widget, LineTable):
                group = self.query_one(f"#{GROUPS[name]}")
                self.query_one(Body).scroll_to_widget(group, animate=False, top=True)

    def key_target(self, verb: str) -> str:
        """a / e / d act on the focused list; in the matrix, a adds a stake and e pools
        the row (or opens the shared stake that pools it)."""
        if self._pane == "matrix":
            if verb == "add":
                return "stakes"
            row = self._matrix_row() if verb == "edit" and self.is_mounted else None
            if row is None:
                return ""
            return "pool" if row.suggested or not row.pooled_by else "shared_stakes"
        return PANE_TABLES.get(self._pane, "")

    # --- filtering -----------------------------------------------------------------------

    def filter_box(self, name: str) -> FilterBox | None:
        """The filter box of list `name`, once `/` has opened it."""
        boxes = self.query(f"#{name}-filter").results(FilterBox)
        return next(boxes, None)

    def action_filter(self) -> None:
        """`/`: the focused list's filter box, put under the list the first time."""
        box = self.filter_box(self._pane)
        if box is None:
            pane = self.pane(self._pane)
            box = FilterBox(placeholder=self.tr.t("filter.placeholder"), id=f"{self._pane}-filter")
            if isinstance(pane.parent, Widget):
                pane.parent.mount(box, after=pane)
        box.open()

    @on(Input.Changed, "FilterBox")
    def _filter_changed(self, event: Input.Changed) -> None:
        name = (event.input.id or "").removesuffix("-filter")
        if name not in PANES:
            return
        self.pane(name).filter_text = event.value
        if name == "orgs":
            self._fill_orgs(self.data)
        elif name in ("people", "stakes"):
            self._fill_org_dependents()
        elif name == "matrix":
            self._fill_matrix(self.data)
        elif name == "shared":
            self._fill_shared(self.data)

    @on(FilterBox.Closed)
    def _filter_closed(self, event: FilterBox.Closed) -> None:
        name = (event.box.id or "").removesuffix("-filter")
        if name in PANES:
            self.pane(name).focus()

    def action_clear_filter(self) -> None:
        """Escape on a filtered list shows it whole again."""
        box = self.filter_box(self._pane)
        if box is not None and box.value:
            box.close(clear=True)

    # --- commands --------------------------------------------------------------------

    def _need_org(self) -> Organisation | None:
        org = self.selected_org()
        if org is None:
            self.notify(self.tr.t("stakes.need_org"), markup=False, severity="warning")
        return org

    def action_add(self) -> None:
        pane = self._pane
        if pane == "orgs":
            self.edit_record(Organisation(), on_saved=self.select_later("orgs"))
        elif pane == "shared":
            self.edit_record(SharedStake(code=next_shared_stake_code(self.data)),
                             on_saved=self.select_later("shared"))  # fmt: skip
        elif (org := self._need_org()) is not None:
            if pane == "people":
                self.edit_record(Person(organisation=org.id), on_saved=self.select_later("people"))
            else:
                category = self.selected("matrix") if pane == "matrix" else None
                stake = Stake(organisation=org.id, category=category or "other")
                self.edit_record(stake, on_saved=self.select_later("stakes"))

    def _record_under_cursor(self) -> Record | None:
        data = self.data
        tables: dict[str, Mapping[str, Record]] = {
            "orgs": data.organisations,
            "people": data.people,
            "stakes": data.stakes,
            "shared": data.shared_stakes,
        }
        table = tables.get(self._pane)
        key = self.selected(self._pane)
        return table.get(key) if table is not None and key else None

    def action_edit(self) -> None:
        if self._pane == "matrix":
            self._open_matrix_row()
            return
        record = self._record_under_cursor()
        if record is not None:
            self.edit_record(record)

    def action_delete(self) -> None:
        record = self._record_under_cursor()
        if record is None:
            self.app.bell()
            return
        self.delete_record(record)

    def _open_matrix_row(self) -> None:
        """The suggestion becomes a shared stake; a pooled row opens its shared stake."""
        row = self._matrix_row()
        if row is None:
            return
        if row.suggested or not row.pooled_by:
            self.pool(row.category)
            return
        shared = next(s for s in self.data.shared_stakes.values() if s.code == row.pooled_by[0])
        self.edit_record(shared)

    def action_pool(self) -> None:
        category = self.selected("matrix")
        if category:
            self.pool(category)

    def pool(self, category: str) -> None:
        """Open the shared-stake form filled from the suggestion for `category`."""
        tr, data = self.tr, self.data
        label = tr.t(f"category.{category}")
        candidates = checks.shared_stake_candidates(data)
        candidate = next((c for c in candidates if c.category == category), None)
        if candidate is None:
            text = tr.t("stakes.pool.no_suggestion", category=label)
            self.notify(text, markup=False, severity="warning")
            return
        if candidate.pooled:
            wanted = set(candidate.stakes)
            pooling = (s.code for s in data.shared_stakes.values() if wanted & set(s.stakes))
            codes = clean(", ".join(sorted(pooling, key=natural_key)))
            self.notify(tr.t("stakes.pool.already", category=label, codes=codes), markup=False)
            return
        code = next_shared_stake_code(data)
        record = SharedStake(code=code, title=label, stakes=candidate.stakes)
        self.edit_record(record, on_saved=self.select_later("shared"))

    def palette_commands(self) -> Iterable[SystemCommand]:
        """One palette entry per suggestion not pooled yet ("Pool: Skills")."""
        tr = self.tr
        for candidate in checks.shared_stake_candidates(self.data):
            if candidate.pooled:
                continue
            names = rows_of.candidate_names(self.data, candidate.organisations)
            yield SystemCommand(
                tr.t("stakes.palette.pool", category=tr.t(f"category.{candidate.category}")),
                tr.t("stakes.palette.pool_help", orgs=names),
                lambda category=candidate.category: self.pool(category),
            )
