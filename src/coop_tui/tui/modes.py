"""The screens as Textual modes: which module holds each, which key shows it.

A screen's code is imported the first time it is shown (or a moment after the
first paint, see `CoopApp.preload_screens`), and a new screen is spared
Textual's refresh of every stylesheet (`tuning.born_styled`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.screen import Screen

from coop_tui.tui.tuning import born_styled

#: Mode name -> (module, class) of its screen, imported on first use only.
SCREENS: dict[str, tuple[str, str]] = {
    "stakes": ("coop_tui.tui.screens.stakes", "StakesScreen"),
    "objectives": ("coop_tui.tui.screens.objectives", "ObjectivesScreen"),
    "actions": ("coop_tui.tui.screens.actions", "ActionPlanScreen"),
    "board": ("coop_tui.tui.screens.board", "BoardScreen"),
    "timeline": ("coop_tui.tui.screens.timeline", "TimelineScreen"),
    "dashboard": ("coop_tui.tui.screens.dashboard", "DashboardScreen"),
    "reviews": ("coop_tui.tui.screens.reviews", "ReviewsScreen"),
    "budget": ("coop_tui.tui.screens.budget", "BudgetScreen"),
}
MODE_KEYS: dict[str, str] = {
    "1": "stakes",
    "2": "objectives",
    "3": "actions",
    "4": "board",
    "5": "timeline",
    "6": "dashboard",
    "7": "reviews",
    "8": "budget",
}


def screen_factory(mode: str) -> Callable[[], Screen[Any]]:
    """What Textual calls to build `mode`'s screen (its module imported then)."""

    def build() -> Screen[Any]:
        import importlib

        module_name, class_name = SCREENS[mode]
        screen: Screen[Any] = getattr(importlib.import_module(module_name), class_name)()
        born_styled(screen, screen.app)  # built inside the running app's context
        return screen

    return build
