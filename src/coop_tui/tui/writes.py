"""Changes to the plan made in worker threads, none of them lost when the user quits.

A key that changes the plan (a card moved, a form saved) shows its effect at once and
commits in a worker thread. Textual starts a worker a moment after it is asked for; a
`q` pressed in that moment ended the app with the worker never started, and the change
the user had just seen made was never written. Every writer is declared with
`@writes`: the call is noted as pending when it is made, the worker takes it when it
starts, and `CoopApp.exit` makes, before the app ends, the ones no worker took. A worker
already running finishes: Python joins its thread before the process ends.
"""

from __future__ import annotations

import functools
import itertools
import threading
from collections.abc import Callable
from typing import Any, Concatenate, ParamSpec, TypeVar

from textual.app import App
from textual.dom import DOMNode

P = ParamSpec("P")
S = TypeVar("S", bound=DOMNode)


class PendingWrites:
    """The writers called but not started yet, in call order (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._calls: dict[int, Callable[[], None]] = {}
        self._numbers = itertools.count()

    def __len__(self) -> int:
        with self._lock:
            return len(self._calls)

    def add(self, call: Callable[[], None]) -> int:
        with self._lock:
            number = next(self._numbers)
            self._calls[number] = call
            return number

    def take(self, number: int) -> Callable[[], None] | None:
        """The call, if nobody took it yet (the worker starting, or the app leaving)."""
        with self._lock:
            return self._calls.pop(number, None)

    def take_all(self) -> list[Callable[[], None]]:
        with self._lock:
            calls = list(self._calls.values())
            self._calls.clear()
            return calls


def pending_writes(app: App[Any]) -> PendingWrites | None:
    found = getattr(app, "pending_writes", None)
    return found if isinstance(found, PendingWrites) else None


def writes(method: Callable[Concatenate[S, P], None]) -> Callable[Concatenate[S, P], None]:
    """Run `method` in a thread worker of the "write" group; if the app leaves before the
    worker starts, the app makes the call itself as it leaves (see the module)."""

    def start(self: S, /, *args: P.args, **kwargs: P.kwargs) -> None:
        call = functools.partial(method, self, *args, **kwargs)
        pending = pending_writes(self.app)
        if pending is None:  # an app without the registry (never this one's)
            self.run_worker(call, thread=True, group="write", exit_on_error=False)
            return
        number = pending.add(call)

        def run() -> None:
            taken = pending.take(number)
            if taken is not None:
                taken()

        self.run_worker(run, name=method.__name__, thread=True, group="write", exit_on_error=False)

    functools.update_wrapper(start, method)
    return start
