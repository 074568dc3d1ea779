"""2 — Objectives: shared stake → shared objective → operational objectives (SPEC §2 step 2).

Left, the tree; right, the selected node's detail: expected results,
deadline, phase, progress, the "realistic and ambitious" judgement, the SMART
badges, each partner's approval, the tracking indicators and the measurements
of the selected indicator. Keys act on the pane in focus (SPEC §6); `i`, `m`,
`p` and `r` are the workshop shortcuts: new indicator, new measurement (two
keystrokes plus the value), toggle an approval, judge realistic.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Input, Static, Tree

from coop_tui.domain import checks
from coop_tui.domain.codes import next_objective_code
from coop_tui.domain.model import Indicator, Measurement, Objective, Record, replace
from coop_tui.domain.snapshot import PlanData
from coop_tui.text import clean
from coop_tui.tui.modals.measurement_form import MeasurementForm
from coop_tui.tui.record_fields import fields_for, record_label
from coop_tui.tui.screens.base import screen_css
from coop_tui.tui.screens.objectives_base import ObjectivesBase
from coop_tui.tui.widgets import objective_detail as detail
from coop_tui.tui.widgets.filter_box import FilterBox
from coop_tui.tui.widgets.indicator_table import ApprovalTable, IndicatorTable, MeasurementTable
from coop_tui.tui.widgets.line_table import LineTable
from coop_tui.tui.widgets.objective_tree import ObjectiveTree, objective_key
from coop_tui.tui.widgets.smart_badges import SmartBadges


class ObjectivesScreen(ObjectivesBase):
    """The objectives tree and the SMART detail of the selected objective."""

    TITLE_KEY = "objectives.title"
    DEFAULT_CSS = screen_css(__file__)
    # Textual declares it without ClassVar: overridden as it declares it.
    HORIZONTAL_BREAKPOINTS: list[tuple[int, str]] | None = [  # noqa: RUF012
        (0, "-narrow"),
        (110, "-wide"),
    ]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add", "key.add"),
        Binding("e", "edit", "key.edit"),
        Binding("d,delete", "delete", "key.delete"),
        Binding("slash", "filter", "key.filter"),
        Binding("i", "add_indicator", "objectives.key.indicator", show=False),
        Binding("m", "add_measurement", "objectives.key.measurement"),
        Binding("p", "approve", "objectives.key.approve"),
        Binding("r", "judge", "objectives.key.realistic", show=False),
        Binding("escape", "clear_filter", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._opened = False
        self._pending: dict[str, str] = {}
        """Where each cursor goes once a record just saved shows up (tree, indicators…)."""
        self._detail_of: tuple[str, PlanData | None] = ("", None)
        self._indicator_of: tuple[str, PlanData | None] = ("", None)
        """The tree's node and the indicator whose details are shown, and from which plan:
        the cursor messages that follow filling the tree and the tables (a frame later)
        then leave them alone instead of drawing them again, the same."""

    def compose_body(self) -> ComposeResult:
        t = self.tr.t
        with Horizontal(id="objectives"):
            with Vertical(id="tree-pane"):
                yield Static(Content(t("objectives.pane.tree")), id="tree-title")
                yield FilterBox(placeholder=t("filter.placeholder"), id="filter")
                yield ObjectiveTree(id="tree")
            with VerticalScroll(id="detail"):
                yield Static("", id="detail-title")
                yield Static("", id="detail-kind")
                yield SmartBadges(id="smart")
                yield Static("", id="detail-facts")
                with Vertical(id="objective-parts"):
                    yield ApprovalTable(id="approvals")
                    yield IndicatorTable(id="indicators")
                    yield Static("", id="indicator-detail")
                    yield MeasurementTable(id="measurements")

    def on_mount(self) -> None:
        self.objective_tree.describe_types = self._types_of
        for table in self.query(LineTable).results():
            table.set_columns(self.tr)  # type: ignore[attr-defined]
        # Each table's title is its section's: reversed while the table has the focus.
        self.query_one(ApprovalTable).set_title(self.tr.t("objectives.section.approvals"))
        self.query_one(IndicatorTable).set_title(self.tr.t("objectives.section.indicators"))
        self.objective_tree.focus()
        self.query_one("#detail").can_focus = False  # tab goes from the tree to the tables

    # --- showing the plan -----------------------------------------------------------------

    def refresh_view(self, data: PlanData) -> None:
        tree = self.objective_tree
        wanted = self._pending.get("tree")
        if not self._opened and data.objectives:
            # First look: the first operational objective, whose detail says the most.
            self._opened = True
            wanted = wanted or next(
                (objective_key(o.id) for o in data.operational_objectives()), None
            )
        tree.rebuild(data, self.tr.t("objectives.orphans"), select=wanted)
        if wanted and tree.cursor_key == wanted:
            self._pending.pop("tree", None)
        self._show_detail(data)

    def _show_detail(self, data: PlanData) -> None:
        key = self.objective_tree.cursor_key or ""
        self._detail_of = (key, data)
        objective = self._objective()
        for widget in (self.query_one("#objective-parts"), self.query_one(SmartBadges)):
            widget.display = objective is not None
        title = self.query_one("#detail-title", Static)
        kind = self.query_one("#detail-kind", Static)
        facts = self.query_one("#detail-facts", Static)
        stake = self._stake()
        tr = self.tr
        if objective is not None:
            title.update(detail.heading(objective.code, objective.statement))
            kind.update(detail.objective_kind(data, objective, tr))
            facts.update(detail.objective_facts(data, objective, tr))
            self._show_parts(data, objective)
        elif stake is not None:
            title.update(detail.heading(stake.code, stake.title))
            kind.update(Content(tr.t("objectives.kind.stake")))
            facts.update(detail.stake_facts(data, stake, tr))
        else:
            title.update(Content(tr.t("objectives.orphans") if key else ""))
            kind.update(Content(""))
            facts.update(Content("" if key else tr.t("objectives.empty")))

    def _show_parts(self, data: PlanData, objective: Objective) -> None:
        """SMART badges, approvals, indicators (cursor kept, or on the one just added)."""
        tr = self.tr
        badges = self.query_one(SmartBadges)
        if checks.is_shared(data, objective):
            # The worksheet asks SMART of the operational objectives: none of its own.
            codes = ", ".join(clean(c.code) for c in data.children(objective.id))
            badges.show_hint(tr.t("objectives.smart_shared", codes=codes))
        else:
            badges.show(checks.smart_check(data, objective), tr)
        self.query_one(ApprovalTable).fill(data, objective, tr)
        indicators = self.query_one(IndicatorTable)
        wanted = self._pending.get("indicators")
        indicators.fill(data, objective, tr, select=wanted, today=self.today)
        if wanted and indicators.selected == wanted:
            del self._pending["indicators"]
        self._show_indicator(data)

    def _show_indicator(self, data: PlanData) -> None:
        tr = self.tr
        indicator = self._indicator()
        self._indicator_of = (indicator.id if indicator else "", data)
        summary = self.query_one("#indicator-detail", Static)
        measurements = self.query_one(MeasurementTable)
        measurements.display = indicator is not None
        if indicator is None:
            summary.update(Content(tr.t("objectives.no_indicator")))
            measurements.fill(data, None, tr)
            return
        summary.update(detail.indicator_summary(data, indicator, tr, self.today))
        name = clean(indicator.name)
        measurements.set_title(tr.t("objectives.section.measurements", name=name))
        wanted = self._pending.get("measurements")
        measurements.fill(data, indicator, tr, select=wanted)
        if wanted and measurements.selected == wanted:
            del self._pending["measurements"]

    # --- following the cursors ----------------------------------------------------------

    @on(Tree.NodeHighlighted, "#tree")
    def _node_highlighted(self) -> None:
        if self._detail_of == (self.objective_tree.cursor_key or "", self.data):
            return  # shown already (the tree was filled with the cursor on it)
        self._show_detail(self.data)
        self.refresh_bindings()  # a / e / d now act on another kind of node

    @on(Tree.NodeSelected, "#tree")
    def _node_selected(self) -> None:
        self.action_edit()

    @on(LineTable.RowHighlighted, "#indicators")
    def _indicator_highlighted(self) -> None:
        indicator = self._indicator()
        if self._indicator_of != (indicator.id if indicator else "", self.data):
            self._show_indicator(self.data)

    @on(LineTable.RowSelected, "#approvals")
    def _approval_selected(self, event: LineTable.RowSelected) -> None:
        objective = self._objective()
        organisation = event.table.row_key_at(event.cursor_row)
        if objective is not None and organisation:
            self._toggle_approval(objective, organisation)

    @on(LineTable.RowSelected, "#indicators, #measurements")
    def _record_selected(self) -> None:
        self.action_edit()

    # --- the filter -------------------------------------------------------------------

    def action_filter(self) -> None:
        self.query_one(FilterBox).open()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.objective_tree.text_filter = event.value
        self.refresh_view(self.data)

    @on(FilterBox.Closed)
    def _filter_closed(self) -> None:
        self.objective_tree.focus()

    def action_clear_filter(self) -> None:
        """Escape on a filtered tree shows it whole again."""
        box = self.query_one(FilterBox)
        if box.value:
            box.close(clear=True)

    # --- add, edit, delete ----------------------------------------------------------------

    def action_add(self) -> None:
        """On a shared stake, a shared objective; on a shared objective, an operational one
        under it (beside it, on an operational one); in the indicator or measurement pane,
        one of those."""
        zone = self._zone()
        if zone == "indicators":
            self.action_add_indicator()
            return
        if zone == "measurements":
            self.action_add_measurement()
            return
        stake = self._stake()
        objective = self._objective()
        if stake is not None:
            self._new_objective(stake.id, None)
        elif objective is not None:
            parent = self.data.objectives.get(objective.parent) if objective.parent else objective
            self._new_objective("", parent)
        else:
            self._warn("objectives.need_stake")

    def _new_objective(self, stake_id: str, parent: Objective | None) -> None:
        record = Objective(
            code=next_objective_code(self.data, parent.id if parent else ""),
            shared_stake=stake_id,
            parent=parent.id if parent else "",
            phase=parent.phase if parent else "",
        )
        self.edit_record(
            record, on_saved=lambda saved: self._follow("tree", objective_key(saved.id))
        )

    def _follow(self, where: str, key: str) -> None:
        """Put a cursor on a record just saved, now or when it shows up."""
        self._pending[where] = key
        self.refresh_view(self.data)

    def _selected_record(self) -> Record | None:
        zone = self._zone()
        if zone == "indicators":
            return self._indicator()
        if zone == "measurements":
            return self._measurement()
        return self._objective() or self._stake()

    def action_edit(self) -> None:
        record = self._selected_record()
        if record is None:
            self.app.bell()
            return
        self.edit_record(record)

    def action_delete(self) -> None:
        record = self._selected_record()
        if record is None:
            self.app.bell()
            return
        self.delete_record(record)

    # --- workshop shortcuts -------------------------------------------------------------

    def action_add_indicator(self) -> None:
        objective = self._objective()
        if objective is None:
            self._warn("objectives.need_objective")
            return
        self.edit_record(
            Indicator(objective=objective.id),
            on_saved=lambda saved: self._follow("indicators", saved.id),
        )

    def action_add_measurement(self) -> None:
        """`m`: the form names the indicator, its unit, baseline and target, and opens on
        what it measures (a number, a level, the day reached), dated today, signed by me."""
        if self._objective() is None:
            self._warn("objectives.need_objective")
            return
        indicator = self._indicator()
        if indicator is None:
            self._warn("objectives.need_indicator")
            return
        record = Measurement(indicator=indicator.id, date=self.today, author=self.store.user)
        form = MeasurementForm(
            indicator,
            record,
            fields_for(record, self.data, self.tr, self.today),
            self.data,
            self.tr,
        )

        def saved(result: Measurement | None) -> None:
            if result is not None:
                self.save_record(
                    result, is_new=True,
                    on_saved=lambda rec: self._follow("measurements", rec.id),
                )  # fmt: skip

        self.app.push_screen(form, saved)

    def action_approve(self) -> None:
        """`p`: the approval dialog; several partners approve in a row, escape closes it."""
        from coop_tui.tui.modals.approval_dialog import ApprovalDialog

        objective = self._objective()
        if objective is None:
            self._warn("objectives.need_objective")
            return
        if not self.data.organisations:
            self._warn("objectives.need_organisation")
            return
        approvals = self.query_one(ApprovalTable)
        start = approvals.selected if self.focused is approvals else None

        def toggle(org_id: str, person: str, review: str) -> None:
            self._toggle_approval(objective, org_id, person, review)

        dialog = ApprovalDialog(
            objective, self.data, self.tr, toggle, org_id=start, today=self.today
        )
        self.app.push_screen(dialog)

    def _toggle_approval(
        self, objective: Objective, org_id: str, person: str | None = None, review: str = ""
    ) -> None:
        """Approve (or renew) today, by `person` at `review`, or withdraw a current
        approval: one transaction on the fresh copy. Without a person, the organisation's
        first person at the latest review held."""
        from coop_tui.storage.history import What
        from coop_tui.tui.widgets import approval_words as words

        today, tr = self.today, self.tr
        org = self.data.organisations.get(org_id)
        name = clean(org.name) if org else org_id
        if person is None:
            person = words.default_person(self.data, objective, org_id)
            review = words.default_review(self.data, today)

        def change(txn: Any) -> str:
            current = txn.record(Objective, objective.id)
            updated, done = words.toggled(txn.data, current, org_id, today, person or "", review)
            txn.update(updated)
            txn.what = What(op="withdraw" if done == "withdrawn" else "approve",
                            table="objectives", record=current.id,
                            label=f"{current.code} ({org.name if org else org_id})")  # fmt: skip
            return done

        def said(done: str) -> None:
            label = clean(objective.code) or record_label(self.data, tr, objective)
            text = tr.t(f"reviews.approval.{done}", org=name, objective=label)
            self.notify(text, markup=False)

        self.apply(change, on_done=said)

    def action_judge(self) -> None:
        """`r`: cycle the "realistic and ambitious" judgement: not judged → yes → no."""
        objective = self._objective()
        if objective is None:
            self._warn("objectives.need_objective")
            return
        following = {None: True, True: False, False: None}[objective.realistic]

        def edit(current: Objective) -> Objective:
            return replace(current, realistic=following)

        self.apply(lambda txn: txn.modify(Objective, objective.id, edit), "judge objective")
