"""7 — Reviews (« Suivi »): the plan steered in meetings (SPEC §5, issue 14).

Five lists, `tab` between them: the reviews, past and planned (with the
selected one's detail: who was there, the notes); the decisions of the
selected review; the open decisions of every review, the soonest due first;
the baselines; and the drift of today's plan from the latest baseline (or the
one chosen with `b` or from the palette), in words.

Keys act on the list in focus: `a` adds a review (a decision in the decision
lists), `e`/`enter` edits (in the drift: the action, objective or indicator
that moved), `d` deletes with confirmation, `/` filters every list as you
type, `x` marks a decision done or not done, `v` validates the plan at the
selected review (a baseline, named after it, in one transaction).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, ClassVar

from textual import events, on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Input, Static

from coop_tui.domain import steering
from coop_tui.domain.model import Baseline, Decision, Record, Review, replace
from coop_tui.domain.snapshot import PlanData
from coop_tui.text import clean
from coop_tui.tui.record_fields import record_label
from coop_tui.tui.screens.base import PlanScreen, screen_css
from coop_tui.tui.widgets import review_rows as rows_of
from coop_tui.tui.widgets.filter_box import FilterBox
from coop_tui.tui.widgets.line_table import LineTable
from coop_tui.tui.widgets.list_pane import ListPane, Row

PANES = ("reviews", "decisions", "open", "drift", "baselines")
"""The lists, in `tab` order."""
COLUMNS = {
    "reviews": rows_of.REVIEW_COLUMNS,
    "decisions": rows_of.DECISION_COLUMNS,
    "open": rows_of.OPEN_COLUMNS,
    "baselines": rows_of.BASELINE_COLUMNS,
    "drift": rows_of.DRIFT_COLUMNS,
}
DRIFT_TABLES = ("actions", "objectives", "indicators")
"""The tables a drift can be about (enter on it opens the record)."""


class Body(VerticalScroll, can_focus=False):
    """Scrolls on small terminals; never takes the focus itself (tab goes to the lists)."""


class ReviewsScreen(PlanScreen):
    """Reviews and their decisions, the open decisions, baselines and the drift."""

    TITLE_KEY = "reviews.title"
    DEFAULT_CSS = screen_css(__file__)
    AUTO_FOCUS = "#reviews-table"
    # As Textual declares them (instance variables), hence the noqa.
    HORIZONTAL_BREAKPOINTS: list[tuple[int, str]] | None = [(0, "-narrow"), (110, "-wide")]  # noqa: RUF012
    VERTICAL_BREAKPOINTS: list[tuple[int, str]] | None = [(0, "-short"), (34, "-tall")]  # noqa: RUF012
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add", "key.add"),
        Binding("e,enter", "edit", "key.edit"),
        Binding("d,delete", "delete", "key.delete"),
        Binding("slash", "filter", "key.filter", key_display="/"),
        Binding("x", "done", "reviews.key.done"),
        Binding("v", "validate", "reviews.key.validate"),
        Binding("b", "compare", "reviews.key.compare", show=False),
        Binding("escape", "clear_filter", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._pane = "reviews"
        self._pending: dict[str, str] = {}
        """List name -> id of a record just saved, to put the cursor on once it shows."""
        self._compare = ""
        """The baseline chosen for the drift ("": the latest)."""
        self._opened = False
        self._lists: dict[str, tuple[str, list[Row], str, str | None]] = {}
        """List name -> (filter, rows, hint, title) it shows (`_fill`)."""
        self._detail = Content("")
        """What the review's detail shows."""

    # --- building ----------------------------------------------------------------------

    def compose_body(self) -> ComposeResult:
        yield FilterBox(placeholder=self.tr.t("filter.placeholder"), id="filter")
        with Body(id="reviews-body"):
            with Vertical(id="group-reviews", classes="group"):
                yield ListPane("reviews")
            with Vertical(id="group-detail", classes="group"):
                yield Static("", id="review-detail")
            with Vertical(id="group-decisions", classes="group"):
                yield ListPane("decisions", row_height=2)
            with Vertical(id="group-open", classes="group"):
                yield ListPane("open", row_height=2)
            with Vertical(id="group-drift", classes="group"):
                yield ListPane("drift", row_height=2)
            with Vertical(id="group-baselines", classes="group"):
                yield ListPane("baselines")

    def on_mount(self) -> None:
        t = self.tr.t
        for name, columns in COLUMNS.items():
            labels = [t(key) if key else "" for key, _ in columns]
            self.pane(name).set_columns(labels, [width for _, width in columns])
        self.pane("reviews").set_title(t("reviews.pane.reviews"))
        self.pane("baselines").set_title(t("reviews.pane.baselines"))
        super().on_mount()

    def pane(self, name: str) -> ListPane:
        return self.query_one(f"#{name}-table", ListPane)

    def selected(self, name: str) -> str | None:
        """Row key under the cursor of one list (None when it is empty)."""
        pane = self.pane(name)
        if not pane.keys or not 0 <= pane.cursor_row < len(pane.keys):
            return None
        return pane.keys[pane.cursor_row]

    def selected_review(self) -> Review | None:
        return self.data.reviews.get(self.selected("reviews") or "")

    def selected_decision(self) -> Decision | None:
        if self._pane not in ("decisions", "open"):
            return None
        return self.data.decisions.get(self.selected(self._pane) or "")

    def compared(self) -> Baseline | None:
        return rows_of.compared_baseline(self.data, self._compare)

    # --- content -------------------------------------------------------------------------

    def refresh_view(self, data: PlanData) -> None:
        tr, today = self.tr, self.today
        reviews = self.pane("reviews")
        self._fill("reviews", rows_of.review_rows(data, tr, today), tr.t("reviews.hint.no_reviews"))
        if not self._opened and data.reviews:
            # First look: the latest review held, whose decisions are the ones followed now.
            self._opened = True
            latest = steering.last_review(data, today)
            if latest is not None and "reviews" not in self._pending:
                reviews.select(latest.id)
        self._fill_review_dependents()
        self._fill("open", rows_of.open_rows(data, tr, today), tr.t("reviews.hint.no_open"),
                   tr.t("reviews.pane.open", count=len(steering.open_decisions(data))))  # fmt: skip
        self._fill_steering(data)
        self._apply_pending()

    def _fill_review_dependents(self) -> None:
        """The selected review's detail and decisions."""
        data, tr, today = self.data, self.tr, self.today
        review = self.selected_review()
        detail = rows_of.review_detail(data, review, tr, today)
        if (detail.plain, detail.spans) != (self._detail.plain, self._detail.spans):
            self._detail = detail  # else the same: no layout of the screen for it
            self.query_one("#review-detail", Static).update(detail)
        if review is None:
            hint = tr.t("reviews.hint.no_review") if data.reviews else ""
            self._fill("decisions", [], hint, tr.t("reviews.pane.decisions_none"))
            return
        title = clean(review.title) or rows_of.kind_label(review, tr)
        rows = rows_of.decision_rows(data, data.decisions_of(review.id), tr, today)
        self._fill("decisions", rows, tr.t("reviews.hint.no_decisions"),
                   tr.t("reviews.pane.decisions", review=title))  # fmt: skip

    def _fill_steering(self, data: PlanData) -> None:
        """The baselines and the drift from the one compared."""
        tr = self.tr
        base = self.compared()
        baselines = rows_of.baseline_rows(data, tr, base)
        self._fill("baselines", baselines, tr.t("reviews.hint.no_baselines"))
        if base is None:
            self._fill("drift", [], tr.t("reviews.drift.no_baseline"),
                       tr.t("reviews.pane.drift_none"))  # fmt: skip
            return
        rows = rows_of.drift_rows(data, base, tr)
        self._fill("drift", rows, tr.t("reviews.drift.none"),
                   tr.t("reviews.pane.drift", name=clean(base.name), date=tr.date(base.date),
                        count=len(rows)))  # fmt: skip

    def _fill(self, name: str, rows: list[Row], hint: str, title: str | None = None) -> None:
        """Show `rows` (with `hint` when there are none, and `title`) in list `name`, unless
        it shows these very ones under the same filter: a list a change left alone is not
        laid out and drawn again."""
        pane = self.pane(name)
        shown = (pane.filter_text, rows, hint, title)
        if self._lists.get(name) == shown:
            return
        self._lists[name] = shown
        if title is not None:
            pane.set_title(title)
        pane.show_rows(rows, hint)

    def _apply_pending(self) -> None:
        for name, key in list(self._pending.items()):
            if self.pane(name).select(key):
                del self._pending[name]
                if name == "reviews":
                    self._fill_review_dependents()

    def select_later(self, name: str) -> Callable[[Record], None]:
        """An `on_saved` callback that puts list `name`'s cursor on the saved record."""

        def chosen(record: Record) -> None:
            self._pending[name] = record.id
            self._apply_pending()

        return chosen

    # --- following the cursor and the focus ------------------------------------------------

    @on(LineTable.RowHighlighted, "#reviews-table")
    def _review_moved(self) -> None:
        self._fill_review_dependents()

    @on(LineTable.RowSelected)
    def _row_selected(self) -> None:
        self.action_edit()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        name = (event.widget.id or "").removesuffix("-table")
        if name in PANES:
            self._pane = name
            group = self.query_one(f"#group-{name}")
            self.query_one(Body).scroll_to_widget(group, animate=False, top=True)

    # --- filtering: one box for every list ---------------------------------------------------

    def action_filter(self) -> None:
        self.query_one(FilterBox).open()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        for name in PANES:
            self.pane(name).filter_text = event.value
        self.refresh_view(self.data)

    @on(FilterBox.Closed)
    def _filter_closed(self) -> None:
        self.pane(self._pane).focus()

    def action_clear_filter(self) -> None:
        """Escape on filtered lists shows them whole again."""
        box = self.query_one(FilterBox)
        if box.value:
            box.close(clear=True)

    # --- add, edit, delete -------------------------------------------------------------------

    def _warn(self, key: str) -> None:
        self.notify(self.tr.t(key), severity="warning", markup=False)

    def action_add(self) -> None:
        """A review; in the decision lists, a decision of the selected review; in the
        baselines, a baseline (as `v`)."""
        if self._pane == "baselines":
            self.action_validate()
        elif self._pane in ("decisions", "open"):
            review = self.selected_review()
            if review is None:
                self._warn("reviews.need_review")
                return
            self.edit_record(Decision(review=review.id), on_saved=self.select_later("decisions"))
        else:
            record = Review(date=self.today)
            self.edit_record(record, on_saved=self.select_later("reviews"))

    def _record_under_cursor(self) -> Record | None:
        data, pane = self.data, self._pane
        key = self.selected(pane) or ""
        if pane == "reviews":
            return data.reviews.get(key)
        if pane in ("decisions", "open"):
            return data.decisions.get(key)
        if pane == "baselines":
            return data.baselines.get(key)
        if pane == "drift":  # the record that moved: kind:table:id
            _, table, record_id = ([*key.split(":"), "", "", ""])[:3]
            return data.table(table).get(record_id) if table in DRIFT_TABLES else None
        return None

    def action_edit(self) -> None:
        record = self._record_under_cursor()
        if record is None:
            self.app.bell()
            return
        self.edit_record(record)

    def action_delete(self) -> None:
        record = None if self._pane == "drift" else self._record_under_cursor()
        if record is None:
            self.app.bell()
            return
        self.delete_record(record)

    # --- decisions done, the plan validated, the baseline compared ----------------------------

    def action_done(self) -> None:
        """`x`: the decision under the cursor is done today, or not done after all."""
        from coop_tui.storage.history import What

        decision = self.selected_decision()
        if decision is None:
            self._warn("reviews.need_decision")
            return
        done = None if decision.done else self.today
        label = record_label(self.data, self.tr, decision)

        def change(txn: Any) -> None:
            current = txn.record(Decision, decision.id)
            txn.update(replace(current, done=None if current.done else done))
            txn.what = What(op="decide" if done else "reopen", table="decisions",
                            record=decision.id, label=label)  # fmt: skip

        self.apply(change)
        key = "reviews.decision.set_done" if done else "reviews.decision.set_open"
        self.notify(self.tr.t(key), markup=False)

    def action_validate(self) -> None:
        """`v`: « valider le plan » at the selected review; the form asks for the name."""
        from coop_tui.tui.fields_steering import baseline_fields
        from coop_tui.tui.modals.record_form import RecordForm

        review = self.selected_review()
        if review is None:
            self._warn("reviews.need_review")
            return
        tr = self.tr
        title = clean(review.title) or rows_of.kind_label(review, tr)
        draft = Baseline(name=review.title or title, review=review.id, date=self.today)
        form = RecordForm(
            tr.t("reviews.validate.title", review=title), draft,
            baseline_fields(self.data, tr), self.data, tr,
        )  # fmt: skip

        def chosen(result: Baseline | None) -> None:
            if result is not None:
                self._freeze(result.name.strip(), review.id)

        self.app.push_screen(form, chosen)

    def _freeze(self, name: str, review_id: str) -> None:
        """The baseline, frozen from the plan as it is on disk, in one transaction."""
        from coop_tui.storage.history import What

        day = self.today

        def change(txn: Any) -> int:
            frozen = txn.insert(steering.freeze(txn.data, name, day, review=review_id))
            txn.what = What(op="baseline", table="baselines", record=frozen.id, label=name)
            return len(frozen.actions)

        def done(count: int) -> None:
            self._compare = ""  # the drift is now measured from the new baseline
            self._fill_steering(self.data)
            text = self.tr.t("reviews.validate.done", name=clean(name), count=count)
            self.notify(text, markup=False)

        self.apply(change, on_done=done)

    def action_compare(self) -> None:
        """`b`: choose the baseline the drift is measured from."""
        from coop_tui.tui.modals.choice import ChoiceModal

        latest = steering.latest_baseline(self.data)
        if latest is None:
            self._warn("reviews.drift.no_baseline")
            return
        tr = self.tr
        ordered = sorted(self.data.baselines.values(), key=lambda b: (b.date is None, b.date))
        choices = [
            (tr.t("reviews.compare.latest", name=b.name) if b.id == latest.id else b.name, b.id)
            for b in reversed(ordered)
        ]
        current = self.compared()
        modal = ChoiceModal(
            tr.t("reviews.compare.title"), "", choices, current=current.id if current else None
        )
        self.app.push_screen(modal, self.compare_with)

    def compare_with(self, baseline_id: str | None) -> None:
        if baseline_id is not None:
            self._compare = baseline_id
            self._fill_steering(self.data)

    def palette_commands(self) -> Iterable[SystemCommand]:
        """One palette entry per baseline: « Écarts depuis « COPIL 1 » »."""
        tr = self.tr
        for baseline in self.data.baselines.values():
            yield SystemCommand(
                tr.t("reviews.palette.drift", name=clean(baseline.name)),
                tr.t("reviews.palette.drift_help"),
                lambda baseline_id=baseline.id: self.compare_with(baseline_id),
            )
