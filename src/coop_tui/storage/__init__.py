"""The one door to the plan file: locking, atomic writes, revisions, history, undo.

The names below are imported on first use: importing `coop_tui.storage.files`
or `.errors` must not load the store (nor TinyDB with the transaction).
"""

from __future__ import annotations

from typing import Any

__all__ = ["HistoryEntry", "PlanStore", "Transaction", "What", "current_user"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from coop_tui.storage import store

        return getattr(store, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
