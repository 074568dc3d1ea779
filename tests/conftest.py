"""Fixtures shared by every tier: a demo plan on the frozen day. Helpers live in tests/helpers.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from coop_tui.demo import create_demo
from coop_tui.storage.store import PlanStore

# Some unit modules still import these from here; new code imports them from tests.helpers.
from tests.helpers import HOSTILE, TODAY, frozen_clock

__all__ = ["HOSTILE", "TODAY", "frozen_clock"]


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The long tests (marked `slow`) first: under xdist (`make test` hands tests out two
    at a time) they start at once, on different workers, instead of finishing last."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


@pytest.fixture
def demo_path(tmp_path: Path) -> Path:
    """A fresh demo plan dated for TODAY, with history by 'demo' at FROZEN_NOW."""
    path = tmp_path / "coop-plan.json"
    create_demo(path, TODAY, user="demo", clock=frozen_clock)
    return path


@pytest.fixture
def demo_store(demo_path: Path) -> PlanStore:
    return PlanStore(demo_path, user="demo", clock=frozen_clock)
