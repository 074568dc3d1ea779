"""The objectives tree: shared stake → shared objective → operational objectives.

It is rebuilt from each new `PlanData` (another user's change included) while
keeping the cursor on the same record and each node's expanded or collapsed
state; it can be narrowed by a text filter. Labels are `rich.text.Text` built
from cleaned user text, never markup.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from coop_tui.domain.model import Objective, SharedStake
from coop_tui.domain.snapshot import PlanData, natural_key
from coop_tui.text import clean, matches

STAKE = "s:"
OBJECTIVE = "o:"
ORPHANS = "orphans"
"""Key of the group holding shared objectives whose shared stake is gone."""


def stake_key(stake_id: str) -> str:
    return STAKE + stake_id


def objective_key(objective_id: str) -> str:
    return OBJECTIVE + objective_id


def stake_label(stake: SharedStake) -> Text:
    """`E1 Title` as plain text (the code in bold)."""
    label = Text(no_wrap=True, overflow="ellipsis")
    if stake.code:
        label.append(clean(stake.code), style="bold")
        label.append(" ")
    label.append(clean(stake.title))
    return label


def objective_label(objective: Objective, tags: str = "") -> Text:
    """`O1.2 Statement` as plain text (the code in bold); a shared objective's types of
    cooperation, short, between its code and its statement: `O1 [GME] Statement`."""
    label = Text(no_wrap=True, overflow="ellipsis")
    if objective.code:
        label.append(clean(objective.code), style="bold")
        label.append(" ")
    if tags:
        label.append(f"[{clean(tags)}]", style="italic")
        label.append(" ")
    label.append(clean(objective.statement))
    return label


def _matches(needle: str, *texts: str) -> bool:
    return matches(needle, " ".join(texts))


class ObjectiveTree(Tree[str]):
    """Tree whose node data are keys: `s:<shared stake id>` or `o:<objective id>`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "key.edit", show=False),
        Binding("right", "expand_node", "objectives.key.expand", show=False),
        Binding("left", "collapse_node", "objectives.key.collapse", show=False),
        Binding("space", "toggle_node", "objectives.key.toggle", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.show_root = False
        self.auto_expand = False
        self.guide_depth = 3
        self.collapsed: set[str] = set()
        """Keys of the nodes the user folded (everything else is shown expanded)."""
        self.text_filter = ""
        self._filtered_last = False
        self.describe_types: Callable[[Objective], tuple[str, str]] = lambda _o: ("", "")
        self._shown: tuple[object, ...] = ()
        """What the tree was last built from (compared by identity)."""
        """A shared objective's types of cooperation: (short tags for its label, every
        word the filter finds them by). Given by the screen, in the user's language."""

    # --- keys ------------------------------------------------------------------------

    def action_expand_node(self) -> None:
        node = self.cursor_node
        if node is not None and node.children and not node.is_expanded:
            node.expand()

    def action_collapse_node(self) -> None:
        """Fold the node; on a folded or childless node, go to its parent."""
        node = self.cursor_node
        if node is None:
            return
        if node.children and node.is_expanded:
            node.collapse()
        elif node.parent is not None and node.parent is not self.root:
            self.move_cursor(node.parent)

    # --- reading ---------------------------------------------------------------------

    @property
    def cursor_key(self) -> str | None:
        node = self.cursor_node
        return node.data if node is not None else None

    def node_for(self, key: str) -> TreeNode[str] | None:
        for node in self._walk(self.root):
            if node.data == key:
                return node
        return None

    def keys(self) -> list[str]:
        """Keys of every node, in display order (folded ones included)."""
        return [n.data for n in self._walk(self.root) if n.data is not None]

    def _walk(self, node: TreeNode[str]) -> Iterable[TreeNode[str]]:
        for child in node.children:
            yield child
            yield from self._walk(child)

    # --- building --------------------------------------------------------------------

    def rebuild(self, data: PlanData, orphans_label: str, select: str | None = None) -> None:
        """Show `data`; keep (or move to `select`) the cursor and each node's folding.

        The tree shows the objectives and shared stakes only: when the plan changed
        elsewhere (a card move: its actions), the very same tables are shown as they are,
        not 1,100 nodes made again."""
        shown = (data.objectives, data.shared_stakes, self.text_filter, orphans_label,
                 self.describe_types)  # fmt: skip
        same = len(shown) == len(self._shown) and all(
            a is b for a, b in zip(shown, self._shown, strict=True)
        )
        if same and (select is None or select == self.cursor_key):
            return
        self._shown = shown
        old_key = self.cursor_key
        cursor = self.cursor_node
        old_parent = cursor.parent.data if cursor is not None and cursor.parent else None
        old_line = self.cursor_line
        if not self._filtered_last:
            for node in self._walk(self.root):
                if node.data is None or not node.children:
                    continue
                if node.is_expanded:
                    self.collapsed.discard(node.data)
                else:
                    self.collapsed.add(node.data)
        needle = self.text_filter.strip()
        self._filtered_last = bool(needle)

        self.clear()
        for stake in data.sorted_shared_stakes():
            roots = data.objectives_of_stake(stake.id)
            self._add_group(
                data, self.root, stake_key(stake.id), stake_label(stake), roots, needle,
                _matches(needle, stake.code, stake.title) if needle else True,
            )  # fmt: skip
        orphans = [o for o in data.children("") if o.shared_stake not in data.shared_stakes]
        if orphans:
            label = Text(clean(orphans_label), style="italic", no_wrap=True)
            self._add_group(data, self.root, ORPHANS, label, orphans, needle, not needle)

        _ = self.last_line  # lay the lines out now so nodes know their line
        target = None
        for key in (select, old_key, old_parent):
            if key:
                target = self.node_for(key)
                if target is not None and target.line >= 0:
                    break
                target = None
        if target is None and self.last_line >= 0:
            target = self.get_node_at_line(min(max(old_line, 0), self.last_line))
        self.move_cursor(target)

    def _add_group(
        self,
        data: PlanData,
        parent: TreeNode[str],
        key: str,
        label: Text,
        objectives: list[Objective],
        needle: str,
        show_all: bool,
    ) -> None:
        """Add one stake (or the orphans group) if it or one of its objectives matches."""
        kept = [o for o in objectives if show_all or self._keeps(data, o, needle)]
        if needle and not show_all and not kept:
            return
        if not kept:
            parent.add_leaf(label, key)
            return
        node = parent.add(label, key, expand=bool(needle) or key not in self.collapsed)
        for objective in sorted(kept, key=lambda o: natural_key(o.code)):
            self._add_objective(data, node, objective, needle, show_all, set())

    def _matches(self, needle: str, objective: Objective) -> bool:
        """Whether the filter finds the objective: by code, statement, types of cooperation."""
        types = self.describe_types(objective)[1]
        return _matches(needle, objective.code, objective.statement, types)

    def _keeps(self, data: PlanData, objective: Objective, needle: str) -> bool:
        if self._matches(needle, objective):
            return True
        return any(self._keeps(data, child, needle) for child in data.children(objective.id))

    def _add_objective(
        self,
        data: PlanData,
        parent: TreeNode[str],
        objective: Objective,
        needle: str,
        show_all: bool,
        seen: set[str],
    ) -> None:
        if objective.id in seen:
            return  # a parent cycle in a hand-edited file: show each objective once
        seen = seen | {objective.id}
        key = objective_key(objective.id)
        children = data.children(objective.id)
        matched = show_all or not needle or self._matches(needle, objective)
        shown = [c for c in children if matched or self._keeps(data, c, needle)]
        label = objective_label(objective, self.describe_types(objective)[0])
        if not shown:
            parent.add_leaf(label, key)
            return
        expand = bool(needle) or key not in self.collapsed
        node = parent.add(label, key, expand=expand)
        for child in shown:
            self._add_objective(data, node, child, needle, matched, seen)
