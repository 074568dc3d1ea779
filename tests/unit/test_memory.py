"""The plan's bytes go back to the system once decoded (glibc), and nothing breaks elsewhere."""

from __future__ import annotations

import sys

import pytest

from coop_tui import memory


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's mallopt")
def test_glibc_takes_the_threshold_and_taking_it_twice_is_harmless() -> None:
    assert memory.give_back_big_blocks()
    assert memory.give_back_big_blocks()


def test_elsewhere_nothing_is_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(memory.sys, "platform", "darwin")
    assert not memory.give_back_big_blocks()


def test_a_libc_without_mallopt_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    class NoMallopt:
        def __init__(self, name: str) -> None:
            self.name = name

        def __getattr__(self, name: str) -> object:
            raise AttributeError(name)

    monkeypatch.setattr(memory.ctypes, "CDLL", NoMallopt)
    assert not memory.give_back_big_blocks()
