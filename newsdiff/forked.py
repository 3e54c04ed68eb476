"""Work done in forked copies of this process: the one-shot command's word diffs of a big
pair (independent of each other and of the rest), and the means the viewer's comparison
server (``newsdiff.server``) is built from.

A forked child already holds every input (copy on write), so only results travel back,
as ``marshal`` data through a socket: strings, numbers and tuples, cheap to send, in
frames a reader can use while the child makes the next. Where forking
is not possible (no ``fork``, other threads running) or a child fails, the caller does
the work in this process, with the same results; how many processes to use is the
caller's choice (``usable_cpus``).
"""

from __future__ import annotations

import contextlib
import marshal
import os
import select
import signal
import struct
import threading
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:  # imported where used: a run that never forks skips socket's ~5 ms
    import queue
    import socket

Item = TypeVar("Item")
Result = TypeVar("Result")

MAX_PROCESSES = 4  # more copies of a big comparison cost memory for little gain
_HEADER = struct.Struct("<Q")  # a frame's length, before its marshal data


def usable_cpus() -> int:
    """CPUs this process may run on (its affinity, where the system tells it)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def can_fork() -> bool:
    """Forking is only safe with no other threads running: a lock one of them held would
    stay held in the child forever."""
    return hasattr(os, "fork") and threading.active_count() == 1


class Forked:
    """A forked child sending back what ``produce()`` yields (``marshal``-able values,
    never None), one frame each, while this process goes on.

    ``receive`` reads the next value, in one thread at a time; ``stop`` may be called from
    any thread (a reader waiting then gets None at once); ``close`` reaps the child."""

    def __init__(self, pid: int, reading: int):
        self._pid, self._reading = pid, reading
        self._reaping = threading.Lock()  # no kill of a pid reaped (and reused) meanwhile

    @classmethod
    def start(cls, produce: Callable[[], Iterable[Any]]) -> Forked | None:
        """Fork the child; None where this process may not or cannot fork."""
        parent = os.getpid()
        started = fork_connected(lambda theirs: send_and_exit(produce, theirs.detach(), parent))
        if started is None:
            return None
        pid, ours = started
        return cls(pid, ours.detach())

    def receive(self) -> Any | None:
        """The child's next value; None once it has no more, failed or was stopped."""
        return read_frame(self._reading) if self._reading >= 0 else None

    def ready(self) -> bool:
        """Whether the child has sent something (the start of a value, or the end): then
        ``receive`` waits at most for the rest of that value, which its writer thread is
        sending."""
        return self._reading < 0 or bool(select.select([self._reading], [], [], 0)[0])

    def stop(self) -> None:
        """Kill the child if it is still at work (its results are no longer wanted, or all
        were read); safe from any thread."""
        with self._reaping:
            if self._pid > 0:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(self._pid, signal.SIGKILL)

    def close(self) -> None:
        """Stop the child, close the socket and reap it (in the thread that reads)."""
        self.stop()
        if self._reading >= 0:
            os.close(self._reading)
            self._reading = -1
        with self._reaping:
            if self._pid > 0:
                with contextlib.suppress(ChildProcessError):
                    os.waitpid(self._pid, 0)
                self._pid = -1


def read_frame(fd: int) -> Any | None:
    """The next value sent as a ``frame``; None once the sender has closed its end,
    failed or was killed (a frame cut short is no value)."""
    try:
        header = _read_exactly(fd, _HEADER.size)
        data = header and _read_exactly(fd, _HEADER.unpack(header)[0])
        return marshal.loads(data) if data else None
    except (OSError, EOFError, ValueError, TypeError):
        return None


def frame(value: Any) -> bytes:
    """One ``marshal``-able value as ``read_frame`` reads it: its length, then its data."""
    data = marshal.dumps(value)
    return _HEADER.pack(len(data)) + data


def _read_exactly(fd: int, size: int) -> bytearray:
    """``size`` bytes from the socket, or none if it ends first."""
    buffer = bytearray(size)
    view, got = memoryview(buffer), 0
    while got < size:
        read = os.readv(fd, [view[got:]])
        if not read:
            return bytearray()
        got += read
    return buffer


def fork(child: Callable[[], None]) -> int | None:
    """Fork a copy of this process that runs ``child()`` and leaves (``child`` ends with
    ``os._exit(0)`` when it succeeds; returning or raising exits with status 1, never
    into this process's own code); its pid, or None if forking failed."""
    # No Ctrl-C between the fork and the child's ``try``: it would unwind this process's
    # stack in the child. The mask comes back inside that ``try`` (a Ctrl-C waiting then is
    # raised there, and the child exits).
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        pid = os.fork()
    except OSError:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        return None
    if pid == 0:
        try:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
            child()
        finally:
            os._exit(1)
    signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
    return pid


def fork_connected(
    child: Callable[[socket.socket], None],
) -> tuple[int, socket.socket] | None:
    """``fork`` a child that runs ``child(its end)`` of a new socket pair; the child's pid
    and this process's end, or None where this process may not or cannot fork."""
    if not can_fork():
        return None
    import socket

    try:
        ours, theirs = socket.socketpair()
    except OSError:
        return None

    def run() -> None:
        ours.close()
        child(theirs)

    pid = fork(run)
    theirs.close()
    if pid is None:
        ours.close()
        return None
    return pid, ours


class _Orphaned(Exception):
    """The process that forked this child has gone: nobody wants its results."""


def die_with(parent: int) -> None:
    """Have the kernel kill this child when the process that forked it dies (Linux: when
    the thread that forked it ends, which is always the main thread here), so a viewer
    killed outright leaves no comparison running; elsewhere the child still stops at its
    next check of its parent."""
    with contextlib.suppress(Exception):  # no ctypes, no libc, no prctl: the checks remain
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # it died before that took hold
        raise _Orphaned


_PR_SET_PDEATHSIG = 1


def let_go_of_standard_streams() -> None:
    """Point a child's standard streams at the null device: a reader of this process's
    output (a pipe, ``less``) must not wait for a child that holds it open."""
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    if devnull > 2:
        os.close(devnull)


def send_and_exit(produce: Callable[[], Iterable[Any]], writing: int, parent: int) -> None:
    """A child's work: it sends what ``produce`` yields through ``writing`` as frames and
    leaves at once, without exit handlers.
    It lets go of the standard streams (a reader of this process's output must not wait
    for it) and stops early if this process has gone. A thread of its own writes the
    frames, each as soon as the reader takes it: the child never waits for a reader
    busy elsewhere while it has more to make (what the reader has not taken yet waits in
    its memory), and a reader never waits for the child's next value to get this one."""
    import queue

    die_with(parent)
    let_go_of_standard_streams()
    frames: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
    writer = threading.Thread(target=_write_frames, args=(writing, frames), daemon=True)
    writer.start()
    for value in produce():
        if os.getppid() != parent:
            return
        frames.put(frame(value))
    frames.put(None)
    writer.join()
    os._exit(0)


def _write_frames(writing: int, frames: queue.SimpleQueue[bytes | None]) -> None:
    """Write the frames until the None after the last; a reader gone ends the child."""
    try:
        while (data := frames.get()) is not None:
            view = memoryview(data)
            while view:
                view = view[os.write(writing, view) :]
    except OSError:
        os._exit(1)


CHUNK = 32  # results per frame of a ForkedMap child: how often its progress shows
FEED_FRAME = 64  # items per frame fed to a child (a few KB at most for the aligner's rows)


class ForkedMap(Generic[Item, Result]):
    """``[function(item) for item in items]`` made by a forked child while this process
    goes on, for items given at the start and, if it is ``fed``, in batches after it
    (``feed``); ``collect`` gathers the results, once, and may help make them.

    The child works from the first item on and sends its results a few at a time; a
    helping ``collect`` works from the last item back, taking in what the child has sent
    between two items of its own, until the two meet. So neither process waits long for
    the other, whatever their speeds (a fixed share left to this process was either too
    big or too small as the machine's speed and the other work varied)."""

    def __init__(
        self,
        child: Forked,
        items: Sequence[Item],
        from_wire: Callable[[Any], Result],
        feeding: int = -1,
    ):
        self._child, self._from_wire, self._feeding = child, from_wire, feeding
        self.items = list(items)  # given so far, in order: what ``collect``'s results are of
        self._unfed: deque[bytes] = deque()  # fed frames the pipe has not taken yet

    @classmethod
    def start(
        cls,
        function: Callable[[Item], Result],
        items: Sequence[Item],
        to_wire: Callable[[Result], Any],
        from_wire: Callable[[Any], Result],
        fed: bool = False,
    ) -> ForkedMap[Item, Result] | None:
        """Fork the child (``to_wire`` makes a result ``marshal``-able, ``from_wire`` makes
        it back); None where this process may not or cannot fork. A ``fed`` child waits
        for more items until ``collect`` (or ``close``) ends the feed."""
        try:
            reading, feeding = os.pipe() if fed else (-1, -1)
        except OSError:
            return None

        def produce() -> Iterable[list[Any]]:
            if fed:
                os.close(feeding)
            waiting, chunk, feeding_on = deque(items), [], fed
            while waiting or feeding_on:
                if feeding_on and (not waiting or select.select([reading], [], [], 0)[0]):
                    more = read_frame(reading)  # more items, or the end of them
                    feeding_on = more is not None
                    waiting.extend(more or ())
                    continue
                chunk.append(to_wire(function(waiting.popleft())))
                if len(chunk) == CHUNK or not waiting:
                    yield chunk
                    chunk = []

        child = Forked.start(produce)
        if fed:
            os.close(reading)
            os.set_blocking(feeding, False)
        if child is None:
            if fed:
                os.close(feeding)
            return None
        return cls(child, items, from_wire, feeding)

    def feed(self, items: Sequence[Item]) -> None:
        """More items for the child, after those it has. This never waits: what the pipe
        cannot take yet is sent with a later batch, and whatever is still unsent when the
        feed ends is made by ``collect``. Items go ``FEED_FRAME`` to a frame: a frame that
        small is written whole or not at all (``PIPE_BUF``), so the child never waits for
        the rest of one while it has items to work on."""
        if not items or self._feeding < 0:
            return
        self.items.extend(items)
        for start in range(0, len(items), FEED_FRAME):
            self._unfed.append(frame(list(items[start : start + FEED_FRAME])))
        self._send_unfed()

    def _send_unfed(self) -> None:
        try:
            while self._unfed:
                written = os.write(self._feeding, self._unfed[0])
                if written == len(self._unfed[0]):
                    self._unfed.popleft()
                else:  # only a frame bigger than PIPE_BUF is written in part
                    self._unfed[0] = self._unfed[0][written:]
        except BlockingIOError:
            pass
        except OSError:  # the child has gone: ``collect`` makes its items
            self._unfed.clear()

    def _end_feed(self) -> None:
        """Send what the pipe takes of the items fed, and tell the child there are no
        more (a frame cut short ends its items there: the rest are made here)."""
        if self._feeding >= 0:
            self._send_unfed()
            os.close(self._feeding)
            self._feeding = -1

    def collect(self, helper: Callable[[Item], Result] | None = None) -> list[Result] | None:
        """The results in order, or None if the child failed first; the child is reaped.
        With ``helper`` (the child's function) this process makes results from the end
        meanwhile, and makes the ones left over if the child fails or ends short. (A
        ``fed`` map needs its helper: without one, a feed cut short reads as a failure.)"""
        self._end_feed()
        items, count = self.items, len(self.items)
        front: list[Any] = []  # the child's results, as sent
        back: list[Result] = []  # this process's, from the last item backwards
        try:
            while len(front) + len(back) < count:
                if helper is not None and not self._child.ready():
                    back.append(helper(items[count - 1 - len(back)]))
                    continue
                chunk = self._child.receive()
                if not isinstance(chunk, list):  # the child failed, was killed or ended short
                    if helper is None:
                        return None
                    middle = items[len(front) : count - len(back)]
                    return [
                        *map(self._from_wire, front),
                        *map(helper, middle),
                        *reversed(back),
                    ]
                front.extend(chunk)
        finally:
            self.close()
        return [*map(self._from_wire, front[: count - len(back)]), *reversed(back)]

    def close(self) -> None:
        self._end_feed()
        self._child.close()


def map_forked(
    function: Callable[[Item], Result],
    items: Sequence[Item],
    *,
    processes: int,
    to_wire: Callable[[Result], Any],
    from_wire: Callable[[Any], Result],
) -> list[Result]:
    """``[function(item) for item in items]``, the items dealt out in turn to this process
    and up to ``processes - 1`` forked children (see ``ForkedMap.start``)."""
    processes = min(processes, MAX_PROCESSES, len(items))
    if processes < 2 or not can_fork():
        return [function(item) for item in items]
    children: list[ForkedMap[Item, Result] | None] = []
    results: list[Result | None] = [None] * len(items)
    try:
        for k in range(1, processes):
            children.append(ForkedMap.start(function, items[k::processes], to_wire, from_wire))
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
