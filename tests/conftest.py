"""Fixtures shared by every tier: a demo plan on the frozen day. Helpers live in tests/helpers.py."""

from __future__ import annotations

import gc
import shutil
import sys
from pathlib import Path

import pytest

from coop_tui.demo import create_demo
from coop_tui.storage.store import PlanStore

# Some unit modules still import these from here; new code imports them from tests.helpers.
from tests.helpers import HOSTILE, TODAY, frozen_clock

__all__ = ["HOSTILE", "TODAY", "frozen_clock"]


# The garbage collector, tuned for a test process (the app tunes its own, see run_app).
# Textual allocates many short-lived objects per frame: with Python's default threshold
# (700) the young collections run so often that a screen's transient objects survive into
# the old generation, and the full collections that follow walk everything the session
# holds (thousands of collected tests, Textual, the modules): a third of a Pilot test's
# CPU went there. A larger first threshold lets them die young; what collection built
# lives as long as the session and is moved out of the collector's way (see
# `pytest_collection_finish`). Nothing a test checks depends on when cycles are freed.
gc.set_threshold(10_000, 10, 10)

# With PYTHONDONTWRITEBYTECODE set, pytest rewrites the assertions of every test module,
# in every xdist worker, on every run (about 3 s of CPU per process): let it keep the
# rewritten modules in __pycache__ (ignored by git), as `make compile` does for src/.
sys.dont_write_bytecode = False


def pytest_collection_finish(session: pytest.Session) -> None:
    """What collection built (the tests, their modules) lives until the end: out of the
    garbage collector's way, so that a full collection walks only what tests make."""
    gc.collect()
    gc.freeze()


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The long tests (marked `slow`) first: under xdist (`make test` hands tests out two
    at a time) they start at once, on different workers, instead of finishing last."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo plan, created once per process: tests get copies (see `demo_path`)."""
    path = tmp_path_factory.mktemp("demo-template") / "coop-plan.json"
    create_demo(path, TODAY, user="demo", clock=frozen_clock)
    return path


@pytest.fixture
def demo_path(tmp_path: Path, demo_template: Path) -> Path:
    """A fresh demo plan dated for TODAY, with history by 'demo' at FROZEN_NOW.

    A copy of the one `create_demo` wrote for the session, byte for byte and with its
    mode (the plan and its lock file): creating the demo (parsing and checking its TOML) took
    longer than most tests using it. The copy differs from a new demo only in the
    session id of its one history entry, which no app or store shares anyway.
    """
    for source in demo_template.parent.iterdir():  # the plan and its lock file
        shutil.copyfile(source, tmp_path / source.name)
        shutil.copymode(source, tmp_path / source.name)
    return tmp_path / demo_template.name


@pytest.fixture
def demo_store(demo_path: Path) -> PlanStore:
    return PlanStore(demo_path, user="demo", clock=frozen_clock)
