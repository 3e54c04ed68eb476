"""Pure maps run in forked copies of this process (the one-shot command on a big pair:
the word diffs of its changed rows are independent of each other and of the rest).

A forked child already holds every input (copy on write), so only results travel back,
as ``marshal`` data through a pipe: strings, numbers and tuples, cheap to send.
Anything unusual (no ``fork``, one CPU, threads running, a child that fails) falls back
to computing in this process, with the same results.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import signal
import threading
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

MAX_PROCESSES = 4  # more copies of a big comparison cost memory for little gain


def usable_cpus() -> int:
    """CPUs this process may run on (its affinity, where the system tells it)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def can_fork() -> bool:
    """Forking is only safe with no other threads running: a lock one of them held would
    stay held in the child forever."""
    return hasattr(os, "fork") and threading.active_count() == 1


class Forked(Generic[Result]):
    """A forked child computing ``[function(item) for item in items]`` while this process
    goes on; ``results`` waits for them."""

    def __init__(self, pid: int, reading: int, count: int, from_wire: Callable[[Any], Result]):
        self._pid, self._reading, self._count, self._from_wire = pid, reading, count, from_wire

    @classmethod
    def start(
        cls,
        function: Callable[[Item], Result],
        items: Sequence[Item],
        to_wire: Callable[[Result], Any],
        from_wire: Callable[[Any], Result],
    ) -> Forked[Result] | None:
        """Fork the child (``to_wire`` makes a result ``marshal``-able, ``from_wire`` makes
        it back); None where this process may not or cannot fork."""
        if not can_fork():
            return None
        try:
            reading, writing = os.pipe()
        except OSError:
            return None
        try:
            pid = os.fork()
        except OSError:
            os.close(reading)
            os.close(writing)
            return None
        if pid == 0:  # the child: compute, send, and leave without running any exit handlers
            status = 1
            try:
                os.close(reading)
                data = marshal.dumps([to_wire(function(item)) for item in items])
                with os.fdopen(writing, "wb") as pipe:
                    pipe.write(data)
                status = 0
            finally:
                os._exit(status)
        os.close(writing)
        return cls(pid, reading, len(items), from_wire)

    def results(self) -> list[Result] | None:
        """The child's results in order, or None if it failed; the child is reaped."""
        try:
            with os.fdopen(self._reading, "rb") as pipe:
                self._reading = -1
                data = pipe.read()
            wired = marshal.loads(data)
        except (OSError, EOFError, ValueError, TypeError):
            return None
        finally:
            self.close()
        if not isinstance(wired, list) or len(wired) != self._count:
            return None
        return [self._from_wire(w) for w in wired]

    def close(self) -> None:
        """Stop the child if its results were not read (this process failed first), and
        reap it."""
        if self._pid < 0:
            return
        if self._reading >= 0:
            os.close(self._reading)
            self._reading = -1
            with contextlib.suppress(ProcessLookupError):
                os.kill(self._pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self._pid, 0)
        self._pid = -1


def map_forked(
    function: Callable[[Item], Result],
    items: Sequence[Item],
    *,
    processes: int,
    to_wire: Callable[[Result], Any],
    from_wire: Callable[[Any], Result],
) -> list[Result]:
    """``[function(item) for item in items]``, the items dealt out in turn to this process
    and up to ``processes - 1`` forked children (see ``Forked.start``)."""
    processes = min(processes, MAX_PROCESSES, len(items))
    if processes < 2 or not can_fork():
        return [function(item) for item in items]
    children = [
        Forked.start(function, items[k::processes], to_wire, from_wire) for k in range(1, processes)
    ]
    results: list[Result | None] = [None] * len(items)
    try:
        results[0::processes] = [function(item) for item in items[0::processes]]
        for k, child in enumerate(children, start=1):
            found = child.results() if child is not None else None
            if found is None:  # the child failed: do its share here
                found = [function(item) for item in items[k::processes]]
            results[k::processes] = found
    finally:
        for child in children:
            if child is not None:
                child.close()
    return results  # type: ignore[return-value]  # every slot is filled above
