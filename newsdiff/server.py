"""The viewer's comparisons, made in forked copies of the process instead of its threads.

A server process is forked once, before the viewer starts any thread (forking later is
unsafe), and holds every article. Each pair the viewer asks for is compared by a fresh
fork of the server, which sends the rows without word diffs, then the same rows with them
(what ``compare(..., word_diffs=False)`` and ``add_word_diffs`` would give here), through
a socket of its own that the server hands over. The viewer's threads only wait and
decode: the work has a CPU of its own instead of sharing the interpreter with the
drawing, and a pair no longer wanted is stopped at once (its fork is killed).

Anything unusual (no ``fork``, one CPU, a server or a fork that died) leaves the viewer to
compare in its own threads, with the same results.
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import socket
import threading
from collections.abc import Iterator
from functools import partial
from typing import Any

from newsdiff.compare import FeatureMemo, add_word_diffs, compare, document_features, paused_gc
from newsdiff.forked import (
    can_fork,
    die_with,
    fork,
    frame,
    let_go_of_standard_streams,
    read_frame,
    send_and_exit,
)
from newsdiff.model import Alignment, Document
from newsdiff.wire import alignment_from_wire, alignment_to_wire


class ComparisonServer:
    """The viewer's side of the server: ask for pairs (from any thread), close it once."""

    def __init__(self, pid: int, control: socket.socket, documents: list[Document]):
        self._pid, self._control, self.documents = pid, control, documents
        self._lock = threading.Lock()  # one message (and its answer) at a time
        self._requests = 0

    @classmethod
    def start(cls, documents: list[Document]) -> ComparisonServer | None:
        """Fork the server; None where this process may not or cannot fork."""
        if not can_fork():
            return None
        try:
            ours, theirs = socket.socketpair()
        except OSError:
            return None
        viewer = os.getpid()

        def server() -> None:
            ours.close()
            _serve(theirs, documents, viewer)

        pid = fork(server)
        theirs.close()
        if pid is None:
            ours.close()
            return None
        return cls(pid, ours, documents)

    def compare(self, left: int, right: int) -> ServedComparison | None:
        """Start comparing ``documents[left]`` with ``documents[right]``; None if the
        server cannot (it has gone)."""
        with self._lock:
            self._requests += 1
            request = self._requests
            try:
                self._control.sendall(frame(("compare", request, left, right)))
                _, fds, _, _ = socket.recv_fds(self._control, 1, 1)
            except OSError:
                return None
        if not fds:
            return None
        stream = _Stream(self, request, fds[0])
        return ServedComparison(self.documents[left], self.documents[right], stream)

    def stop(self, request: int) -> None:
        """Kill the fork at work on a request, if it still is (from any thread)."""
        with self._lock, contextlib.suppress(OSError):
            self._control.sendall(frame(("stop", request)))

    def close(self) -> None:
        """End the server (it kills the forks still at work) and reap it."""
        with self._lock:
            if self._pid < 0:
                return
            self._control.close()
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self._pid, 0)
            self._pid = -1


class _Stream:
    """The frames of one request, read from its own socket."""

    def __init__(self, server: ComparisonServer, request: int, fd: int):
        self._server, self._request, self._fd = server, request, fd

    def receive(self) -> Any | None:
        return read_frame(self._fd) if self._fd >= 0 else None

    def stop(self) -> None:
        self._server.stop(self._request)

    def close(self) -> None:
        self.stop()
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1


class ServedComparison:
    """One pair's two alignments, read in order (``rows``, then ``highlighted``) from
    worker threads, one at a time; each is None if the fork failed or was stopped, and the
    viewer then computes it itself."""

    def __init__(self, left: Document, right: Document, stream: _Stream):
        self.left, self.right = left, right
        self._stream = stream
        # One reader of the socket at a time, and no closing it under a reader. Held only
        # while reading (which ends at once once the fork is stopped), not while decoding.
        self._lock = threading.Lock()
        self._rows_read = False
        self._rows: Any = None  # the first frame, as sent

    def is_of(self, left: Document, right: Document) -> bool:
        return left is self.left and right is self.right

    def rows(self) -> Alignment | None:
        """The rows, without word highlights (the same ones however often asked)."""
        with self._lock:
            if not self._rows_read:
                self._rows_read, self._rows = True, self._stream.receive()
            wired = self._rows
        return self._decode(wired, word_diffs=False)

    def highlighted(self) -> Alignment | None:
        """The rows with their word diffs (read after ``rows``); the fork is then done."""
        wired = None
        if self.rows() is not None:
            with self._lock:
                wired = self._stream.receive()
        self.close()
        return self._decode(wired, word_diffs=True)

    def _decode(self, wired: Any, word_diffs: bool) -> Alignment | None:
        """An alignment the fork sent, if it is the one expected."""
        if wired is None:
            return None
        alignment = alignment_from_wire(wired, self.left, self.right)
        return alignment if alignment.word_diffs == word_diffs else None

    def stop(self) -> None:
        """Nobody wants the results any more (another pair was chosen, the viewer quits)."""
        self._stream.stop()

    def close(self) -> None:
        """Stop the fork and close the socket; waits for a reader to let go, which it does
        at once."""
        self.stop()
        with self._lock:
            self._stream.close()


def _serve(control: socket.socket, documents: list[Document], viewer: int) -> None:
    """The server's loop: a fork per pair asked for, killed when asked to stop; it ends
    (with the forks still at work) when the viewer closes its end or dies.

    Before forking a pair, the server works out its two documents' paragraph features
    and keeps them: every later fork inherits them (copy on write), so a swapped pair,
    another pair with the same article and the list's bars skip that stage (a fifth of a
    comparison). Messages are read between the two documents, so a pair stopped meanwhile
    is never forked."""
    die_with(viewer)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the viewer decides when work ends
    let_go_of_standard_streams()
    server = os.getpid()
    memo: FeatureMemo = {}
    ready: set[int] = set()  # documents whose features ``memo`` holds
    waiting: dict[int, tuple[int, int, socket.socket]] = {}  # answered, not forked yet
    at_work: dict[int, int] = {}  # request -> pid of its fork, until reaped
    while (messages := _messages(control, wait=not waiting)) is not None:
        _reap(at_work)
        for message in messages:
            if message[0] == "stop":
                _stop(message[1], waiting, at_work)
                continue
            _, request, left, right = message
            sending, theirs = socket.socketpair()
            with contextlib.suppress(OSError):  # the viewer has gone: the loop ends next
                socket.send_fds(control, [b"."], [theirs.fileno()])
            theirs.close()
            waiting[request] = (left, right, sending)
        if not waiting:
            continue
        request, (left, right, sending) = next(iter(waiting.items()))
        unready = [k for k in (left, right) if k not in ready]
        if unready:  # one document at a time, then see whether the pair is still wanted
            with paused_gc():
                document_features(documents[unready[0]], memo)
            ready.add(unready[0])
            continue
        del waiting[request]
        others = [control, *(other for _, _, other in waiting.values())]
        pair = documents[left], documents[right]
        pid = fork(partial(_compare_in_fork, pair, memo, sending, others, server))
        sending.close()
        if pid is not None:
            at_work[request] = pid
    for pid in at_work.values():
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    os._exit(0)


def _messages(control: socket.socket, wait: bool) -> list[tuple] | None:
    """The viewer's messages that have come (waiting for one if ``wait``); None once it
    has closed its end."""
    messages = []
    while wait or select.select([control], [], [], 0)[0]:
        message = read_frame(control.fileno())
        if message is None:
            return None
        messages.append(message)
        wait = False
    return messages


def _stop(
    request: int,
    waiting: dict[int, tuple[int, int, socket.socket]],
    at_work: dict[int, int],
) -> None:
    """Drop a request not forked yet (its reader sees the end), or kill its fork."""
    if request in waiting:
        waiting.pop(request)[2].close()
    pid = at_work.get(request)
    if pid is not None:  # not reaped yet, so not a reused pid
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


def _compare_in_fork(
    pair: tuple[Document, Document],
    memo: FeatureMemo,
    sending: socket.socket,
    others: list[socket.socket],
    server: int,
) -> None:
    """A fork's work: it sends the pair's stages and leaves. It closes the server's other
    sockets first, or a dropped request's reader would wait for this fork to end."""
    for other in others:
        other.close()
    send_and_exit(lambda: _stages(*pair, memo), sending.detach(), server)


def _reap(at_work: dict[int, int]) -> None:
    """Forget the forks that have ended (their pids may then be reused)."""
    for request, pid in list(at_work.items()):
        with contextlib.suppress(ChildProcessError):
            if os.waitpid(pid, os.WNOHANG)[0] == 0:
                continue
        del at_work[request]


def _stages(left: Document, right: Document, memo: FeatureMemo) -> Iterator[tuple]:
    """What a fork sends: the rows, then the rows with their word diffs."""
    quick = compare(left, right, word_diffs=False, memo=memo)
    yield alignment_to_wire(quick)
    yield alignment_to_wire(add_word_diffs(quick))
