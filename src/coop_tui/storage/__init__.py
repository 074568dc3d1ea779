"""The one door to the plan file: locking, atomic writes, revisions, history, undo."""

from coop_tui.storage.store import HistoryEntry, PlanStore, Transaction, current_user

__all__ = ["HistoryEntry", "PlanStore", "Transaction", "current_user"]
