"""Pure maps run in forked copies of this process (the one-shot command on a big pair:
the word diffs of its changed rows are independent of each other and of the rest).

A forked child already holds every input (copy on write), so only results travel back,
as ``marshal`` data through a pipe: strings, numbers and tuples, cheap to send. Where
forking is not possible (no ``fork``, other threads running) or a child fails, the work
is done in this process, with the same results; how many processes to use is the
caller's choice (``usable_cpus``).
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
    goes on; ``collect`` waits for the results, once."""

    def __init__(self, pid: int, reading: int, count: int, from_wire: Callable[[Any], Result]):
        self._pid, self._reading, self._count, self._from_wire = pid, reading, count, from_wire
        self._collected = False

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
        # No Ctrl-C between the fork and the child's own ``try``: it would unwind this
        # process's stack in the child.
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            pid = os.fork()
        except OSError:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
            os.close(reading)
            os.close(writing)
            return None
        if pid == 0:
            try:
                signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
                os.close(reading)
                _run_child(function, items, to_wire, writing)
            finally:
                os._exit(1)  # reached only on failure: _run_child leaves with status 0
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        os.close(writing)
        return cls(pid, reading, len(items), from_wire)

    def collect(self) -> list[Result] | None:
        """The child's results in order, or None if it failed; the child is reaped."""
        try:
            pipe = os.fdopen(self._reading, "rb")
            self._reading = -1  # the file object closes it now
            with pipe:
                data = pipe.read()
            self._collected = True  # the child has written everything and is leaving
            wired = marshal.loads(data)
        except (OSError, EOFError, ValueError, TypeError):
            return None
        finally:
            self.close()
        if not isinstance(wired, list) or len(wired) != self._count:
            return None
        return [self._from_wire(w) for w in wired]

    def close(self) -> None:
        """Stop the child unless its results were read (this process failed or was
        interrupted first), and reap it."""
        if self._pid < 0:
            return
        if not self._collected:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self._pid, signal.SIGKILL)
        if self._reading >= 0:
            os.close(self._reading)
            self._reading = -1
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self._pid, 0)
        self._pid = -1


def _run_child(
    function: Callable[[Item], Result],
    items: Sequence[Item],
    to_wire: Callable[[Result], Any],
    writing: int,
) -> None:
    """The child's work: it sends its results and leaves at once, without exit handlers.
    It lets go of the standard streams (a reader of this process's output must not wait
    for it) and stops early if this process has gone."""
    parent = os.getppid()
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    results = []
    for item in items:
        if os.getppid() != parent:
            return
        results.append(to_wire(function(item)))
    with os.fdopen(writing, "wb") as pipe:
        pipe.write(marshal.dumps(results))
    os._exit(0)


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
    children: list[Forked[Result] | None] = []
    results: list[Result | None] = [None] * len(items)
    try:
        for k in range(1, processes):
            children.append(Forked.start(function, items[k::processes], to_wire, from_wire))
        results[0::processes] = [function(item) for item in items[0::processes]]
        for k, child in enumerate(children, start=1):
            found = child.collect() if child is not None else None
            if found is None:  # the child failed: do its share here
                found = [function(item) for item in items[k::processes]]
            results[k::processes] = found
    finally:
        for child in children:
            if child is not None:
                child.close()
    return results  # type: ignore[return-value]  # every slot is filled above
