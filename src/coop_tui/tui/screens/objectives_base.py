"""What the objectives screen has selected and what its keys act on, apart from what it
does with them (screens/objectives.py): the node of the tree, the indicator and the
measurement under their cursors, the pane in focus (marked so that it shows without
colour) and what `a` / `e` / `d` act on, the types of cooperation as the tree shows
and finds them, and the palette's filter by type of cooperation.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import SystemCommand

from coop_tui.domain.model import COOPERATION_TYPES, Indicator, Measurement, Objective, SharedStake
from coop_tui.tui.modals.choice import ChoiceModal
from coop_tui.tui.screens.base import PlanScreen
from coop_tui.tui.widgets.filter_box import FilterBox
from coop_tui.tui.widgets.indicator_table import IndicatorTable, MeasurementTable
from coop_tui.tui.widgets.objective_tree import OBJECTIVE, STAKE, ObjectiveTree


class ObjectivesBase(PlanScreen):
    """The objectives screen's selection, focus and palette (see ObjectivesScreen)."""

    # --- widgets and what is selected ----------------------------------------------------

    @property
    def objective_tree(self) -> ObjectiveTree:
        return self.query_one("#tree", ObjectiveTree)

    def _objective(self) -> Objective | None:
        key = self.objective_tree.cursor_key or ""
        return (
            self.data.objectives.get(key[len(OBJECTIVE) :]) if key.startswith(OBJECTIVE) else None
        )

    def _stake(self) -> SharedStake | None:
        key = self.objective_tree.cursor_key or ""
        return self.data.shared_stakes.get(key[len(STAKE) :]) if key.startswith(STAKE) else None

    def _indicator(self) -> Indicator | None:
        objective = self._objective()
        indicator = self.data.indicators.get(self.query_one(IndicatorTable).selected or "")
        if objective is None or indicator is None or indicator.objective != objective.id:
            return None
        return indicator

    def _measurement(self) -> Measurement | None:
        indicator = self._indicator()
        measurement = self.data.measurements.get(self.query_one(MeasurementTable).selected or "")
        if indicator is None or measurement is None or measurement.indicator != indicator.id:
            return None
        return measurement

    def on_descendant_focus(self) -> None:
        self._mark_tree_pane()

    def on_descendant_blur(self) -> None:
        self._mark_tree_pane()

    def _mark_tree_pane(self) -> None:
        """The tree pane's title in reverse while the tree has the focus (CSS: `-focused`)."""
        self.query_one("#tree-pane").set_class(self.focused is self.objective_tree, "-focused")

    def _zone(self) -> str:
        """Which pane the keys act on: the indicators, the measurements, or the objective."""
        focused = self.focused
        if isinstance(focused, IndicatorTable):
            return "indicators"
        if isinstance(focused, MeasurementTable):
            return "measurements"
        return "tree"

    def key_target(self, verb: str) -> str:
        """What a / e / d act on: the indicator or measurement pane in focus, else the
        tree's node (a adds a shared objective to a stake, an operational one to an
        objective)."""
        if not self.is_mounted:
            return ""
        zone = self._zone()
        if zone != "tree":
            return zone
        if self._stake() is not None:
            return "shared_objective" if verb == "add" else "shared_stakes"
        if self._objective() is not None:
            return "operational_objective" if verb == "add" else "objectives"
        return ""

    def _types_of(self, objective: Objective) -> tuple[str, str]:
        """A shared objective's types of cooperation: short tags, and every word for them."""
        tr = self.tr
        types = objective.cooperation if not objective.parent else ()
        tags = ", ".join(tr.t(f"cooperation_short.{t}") for t in types)
        words = " ".join(
            f"{tr.t(f'cooperation.{t}')} {tr.t(f'cooperation_short.{t}')}" for t in types
        )
        return tags, words

    # --- the palette --------------------------------------------------------------------

    def palette_commands(self) -> Iterable[SystemCommand]:
        """Filter the tree by a type of cooperation."""
        t = self.tr.t
        yield SystemCommand(
            t("objectives.cmd.cooperation"),
            t("objectives.cmd.cooperation.help"),
            self.pick_cooperation,
        )

    def pick_cooperation(self) -> None:
        """Choose a type of cooperation; the tree shows the shared objectives needing it."""
        t = self.tr.t
        choices = [(t(f"cooperation.{kind}"), kind) for kind in COOPERATION_TYPES]

        def picked(kind: str | None) -> None:
            if kind:
                box = self.query_one(FilterBox)
                box.value = t(f"cooperation.{kind}")
                box.close()

        modal = ChoiceModal(t("objectives.pick.cooperation"), "", choices)
        self.app.push_screen(modal, picked)

    def _warn(self, key: str) -> None:
        self.notify(self.tr.t(key), severity="warning", markup=False)
