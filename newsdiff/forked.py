"""Share a pure map between this process and forked copies of it (the one-shot command
on a big pair: the word diffs of its changed rows are independent of each other).

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
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

MAX_PROCESSES = 4  # more copies of a big comparison cost memory for little gain


def usable_cpus() -> int:
    """CPUs this process may run on (its affinity, where the system tells it)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def map_forked(
    function: Callable[[Item], Result],
    items: Sequence[Item],
    *,
    processes: int,
    to_wire: Callable[[Result], Any],
    from_wire: Callable[[Any], Result],
) -> list[Result]:
    """``[function(item) for item in items]``, the items dealt out in turn to this process
    and up to ``processes - 1`` forked children. ``to_wire`` makes a result ``marshal``-able,
    ``from_wire`` makes it back.

    Forking is only safe with no other threads running (a lock one of them held would stay
    held in the child forever), so with threads the map runs here alone."""
    processes = min(processes, MAX_PROCESSES, len(items))
    if processes < 2 or not hasattr(os, "fork") or threading.active_count() > 1:
        return [function(item) for item in items]
    children = [_start(function, items[k::processes], to_wire) for k in range(1, processes)]
    results: list[Result | None] = [None] * len(items)
    try:
        results[0::processes] = [function(item) for item in items[0::processes]]
        for k, child in enumerate(children, start=1):
            share = items[k::processes]
            wired = _collect(child) if child is not None else None
            if wired is None or len(wired) != len(share):  # the child failed: do its share
                results[k::processes] = [function(item) for item in share]
            else:
                results[k::processes] = [from_wire(w) for w in wired]
    finally:
        for child in children:
            if child is not None:
                _reap(child)
    return results  # type: ignore[return-value]  # every slot is filled above


class _Child:
    def __init__(self, pid: int, reading: int):
        self.pid, self.reading = pid, reading


def _start(
    function: Callable[[Item], Result], share: Sequence[Item], to_wire: Callable[[Result], Any]
) -> _Child | None:
    """Fork a child computing ``share``; None if the system will not fork."""
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
            data = marshal.dumps([to_wire(function(item)) for item in share])
            with os.fdopen(writing, "wb") as pipe:
                pipe.write(data)
            status = 0
        finally:
            os._exit(status)
    os.close(writing)
    return _Child(pid, reading)


def _collect(child: _Child) -> list[Any] | None:
    """The child's results, or None if it sent nothing usable."""
    with os.fdopen(child.reading, "rb") as pipe:
        child.reading = -1
        data = pipe.read()
    try:
        wired = marshal.loads(data)
    except (EOFError, ValueError, TypeError):
        return None
    return wired if isinstance(wired, list) else None


def _reap(child: _Child) -> None:
    if child.reading >= 0:  # never collected (this process failed first): stop the child
        os.close(child.reading)
        child.reading = -1
        with contextlib.suppress(ProcessLookupError):
            os.kill(child.pid, signal.SIGKILL)
    with contextlib.suppress(ChildProcessError):
        os.waitpid(child.pid, 0)
