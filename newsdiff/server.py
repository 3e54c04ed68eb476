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
import time
from collections.abc import Iterator
from functools import partial
from typing import Any

from newsdiff.compare import FeatureMemo, add_word_diffs, compare, paragraph_features, paused_gc
from newsdiff.forked import (
    die_with,
    fork,
    fork_connected,
    frame,
    let_go_of_standard_streams,
    read_frame,
    send_and_exit,
)
from newsdiff.model import Alignment, Document
from newsdiff.wire import (
    alignment_from_wire,
    alignment_to_wire,
    highlights_from_wire,
    highlights_to_wire,
)

FEATURES_CHUNK = 500  # paragraphs whose features are worked out between two looks
# Distinct paragraphs whose features are kept: ~6 KB each for news copy (87 MB for the
# 13,929 of a 10,000-paragraph pair), so at most ~300 MB.
MEMO_LIMIT = 50_000
SERVER_EXIT_SECONDS = 1.0  # how long a closing viewer waits for the server to leave
FORK_CHECK_SECONDS = 0.2  # how often an idle server looks whether its forks are done


class ComparisonServer:
    """The viewer's side of the server: ask for pairs (from any thread), close it once."""

    def __init__(self, pid: int, control: socket.socket, documents: list[Document]):
        self._pid, self._control, self.documents = pid, control, documents
        self._lock = threading.Lock()  # one message (and its answer) at a time
        self._requests = 0

    @classmethod
    def start(cls, documents: list[Document]) -> ComparisonServer | None:
        """Fork the server; None where this process may not or cannot fork."""
        viewer = os.getpid()
        started = fork_connected(lambda theirs: _serve(theirs, documents, viewer))
        return cls(*started, documents) if started else None

    def compare(self, left: int, right: int) -> ServedComparison | None:
        """Start comparing ``documents[left]`` with ``documents[right]``; None if the
        server cannot (it has gone). The request carries the socket the fork will answer
        through, so there is no reply to wait for (only a full control socket would
        block, and the server reads it between any two steps of its work)."""
        try:
            ours, theirs = socket.socketpair()
        except OSError:
            return None
        with self._lock, theirs:
            self._requests += 1
            request = self._requests
            try:
                self._control.sendall(frame(("compare", request, left, right)))
                socket.send_fds(self._control, [b"."], [theirs.fileno()])
            except OSError:  # gone, or half a request sent: either way no more use
                self._control.close()
                ours.close()
                return None
        stream = _Stream(self, request, ours)
        return ServedComparison(self.documents[left], self.documents[right], stream)

    def stop(self, request: int) -> None:
        """Kill the fork at work on a request, if it still is (from any thread)."""
        with self._lock, contextlib.suppress(OSError):
            self._control.sendall(frame(("stop", request)))

    def close(self) -> None:
        """End the server (it kills the forks still at work) and reap it; one that does
        not leave within a second is killed (its forks die with it)."""
        with self._lock:
            if self._pid < 0:
                return
            self._control.close()
            deadline = time.monotonic() + SERVER_EXIT_SECONDS
            with contextlib.suppress(ChildProcessError):
                while os.waitpid(self._pid, os.WNOHANG)[0] == 0:
                    if time.monotonic() > deadline:
                        os.kill(self._pid, signal.SIGKILL)
                        os.waitpid(self._pid, 0)
                        break
                    time.sleep(0.005)
            self._pid = -1


class _Stream:
    """The frames of one request, read from its own socket."""

    def __init__(self, server: ComparisonServer, request: int, sock: socket.socket):
        self._server, self._request, self._socket = server, request, sock
        self._stopped = False

    def receive(self) -> Any | None:
        return None if self._stopped else read_frame(self._socket.fileno())

    def stop(self) -> None:
        """Free a reader at once (it sees the end) and have the server kill the fork."""
        if not self._stopped:
            self._stopped = True
            with contextlib.suppress(OSError):
                self._socket.shutdown(socket.SHUT_RDWR)
            self._server.stop(self._request)

    def close(self) -> None:
        self.stop()
        self._socket.close()


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
        self._quick: Alignment | None = None  # and decoded (once)
        self._decoding = threading.Lock()

    def is_of(self, left: Document, right: Document) -> bool:
        return left is self.left and right is self.right

    def rows(self) -> Alignment | None:
        """The rows, without word highlights (the same ones however often asked)."""
        with self._lock:
            if not self._rows_read:
                self._rows_read, self._rows = True, self._stream.receive()
            wired = self._rows
        if wired is None:
            return None
        with self._decoding:  # once, whichever worker asks first
            if self._quick is None:
                quick = alignment_from_wire(wired, self.left, self.right)
                self._quick = None if quick.word_diffs else quick
        return self._quick

    def highlighted(self) -> Alignment | None:
        """The rows with their word diffs (after the rows, read here if need be); the fork
        is then done. Only what the word diffs change travels: the rows are the ones
        ``rows`` gave."""
        quick = self.rows()
        with self._lock:
            wired = self._stream.receive() if quick is not None else None
        self.close()
        return None if wired is None or quick is None else highlights_from_wire(wired, quick)

    def stop(self) -> None:
        """Nobody wants the results any more (another pair was chosen, the viewer quits)."""
        self._stream.stop()

    def close(self) -> None:
        """Stop the fork and close the socket (a reader is freed first, so this waits only
        for it to let go of the lock)."""
        self.stop()
        with self._lock:
            self._stream.close()


def _serve(control: socket.socket, documents: list[Document], viewer: int) -> None:
    """The server's loop: a fork per pair asked for, killed when asked to stop; it ends
    (with the forks still at work) when the viewer closes its end or dies.

    While no fork is at work and nothing is asked, the server works out the articles'
    paragraph features, a few hundred at a time, and keeps them (up to ``MEMO_LIMIT``):
    later forks inherit them (copy on write), so a swapped pair, another pair with the
    same article and the list's bars skip most of that stage. It never makes a pair wait
    for them: when the opening pair waited for the server to work out its features, it
    lost 1-2 s of its 9-11 s at 50,000 paragraphs (the fork then also copies the memory
    pages of the features it touches)."""
    die_with(viewer)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the viewer decides when work ends
    let_go_of_standard_streams()
    server = os.getpid()
    memo: FeatureMemo = {}
    preparing: Iterator[None] | None = _preparing(documents, memo)
    waiting: dict[int, tuple[int, int, int]] = {}  # left, right, socket: not forked yet
    at_work: dict[int, int] = {}  # request -> pid of its fork, until reaped
    while True:
        _reap(at_work)
        if waiting or (preparing and not at_work):
            timeout: float | None = 0.0  # something to do now
        else:  # wait for the viewer; with forks at work, look again at them soon
            timeout = FORK_CHECK_SECONDS if at_work else None
        messages = _messages(control, timeout)
        if messages is None:
            break
        for message in messages:
            if message[0] == "stop":
                _stop(message[1], waiting, at_work)
            else:
                _, request, left, right, sending = message
                waiting[request] = (left, right, sending)
        if waiting:
            request, (left, right, sending) = next(iter(waiting.items()))
            del waiting[request]
            others = [control.fileno(), *(other for _, _, other in waiting.values())]
            pair = documents[left], documents[right]
            pid = fork(partial(_compare_in_fork, pair, memo, sending, others, server))
            os.close(sending)
            if pid is not None:
                at_work[request] = pid
        elif preparing and not at_work and next(preparing, "done") == "done":
            preparing = None
    for pid in at_work.values():
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    os._exit(0)


def _preparing(documents: list[Document], memo: FeatureMemo) -> Iterator[None]:
    """Fill ``memo`` with the documents' paragraph features, pausing between chunks."""
    for document in documents:
        paragraphs = document.paragraphs
        for start in range(0, len(paragraphs), FEATURES_CHUNK):
            if len(memo) >= MEMO_LIMIT:
                return
            with paused_gc():
                paragraph_features(paragraphs[start : start + FEATURES_CHUNK], memo)
            yield


def _messages(control: socket.socket, timeout: float | None) -> list[tuple] | None:
    """The viewer's messages that have come within ``timeout`` seconds (None: waiting for
    one), a request with the socket to answer through last; None once the viewer has
    closed its end."""
    messages = []
    while select.select([control], [], [], timeout)[0]:
        message = read_frame(control.fileno())
        if message is None:
            return None
        if message[0] == "compare":  # the socket follows, on a byte of its own
            try:
                _, fds, _, _ = socket.recv_fds(control, 1, 1)
            except OSError:
                return None
            if not fds:
                return None
            message = (*message, fds[0])
        messages.append(message)
        timeout = 0.0
    return messages


def _stop(request: int, waiting: dict[int, tuple[int, int, int]], at_work: dict[int, int]) -> None:
    """Drop a request not forked yet (its reader sees the end), or kill its fork."""
    if request in waiting:
        os.close(waiting.pop(request)[2])
    pid = at_work.get(request)
    if pid is not None:  # not reaped yet, so not a reused pid
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


def _compare_in_fork(
    pair: tuple[Document, Document],
    memo: FeatureMemo,
    sending: int,
    others: list[int],
    server: int,
) -> None:
    """A fork's work: it sends the pair's stages and leaves. It closes the server's other
    sockets first, or a dropped request's reader would wait for this fork to end."""
    for other in others:
        os.close(other)
    send_and_exit(lambda: _stages(*pair, memo), sending, server)


def _reap(at_work: dict[int, int]) -> None:
    """Forget the forks that have ended (their pids may then be reused)."""
    for request, pid in list(at_work.items()):
        with contextlib.suppress(ChildProcessError):
            if os.waitpid(pid, os.WNOHANG)[0] == 0:
                continue
        del at_work[request]


def _stages(left: Document, right: Document, memo: FeatureMemo) -> Iterator[tuple]:
    """What a fork sends: the rows, then what their word diffs change."""
    quick = compare(left, right, word_diffs=False, memo=memo)
    yield alignment_to_wire(quick)
    yield highlights_to_wire(add_word_diffs(quick), quick)
