"""The comparison server's forks give what this process would, a comparison no longer
wanted stops at once, and anything unusual leaves the viewer to compare it itself."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from itertools import permutations

import pytest
from tui_helpers import SEED_FILES, settle, until

from newsdiff import server as server_module
from newsdiff.compare import add_word_diffs, compare
from newsdiff.document import load_document
from newsdiff.server import ComparisonServer
from newsdiff.tui import app as app_module
from newsdiff.tui.app import build_app
from newsdiff.wire import (
    alignment_from_wire,
    alignment_to_wire,
    highlights_from_wire,
    highlights_to_wire,
)

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")

DOCUMENTS = [load_document(path) for path in SEED_FILES]
LEFT, RIGHT = DOCUMENTS[3], DOCUMENTS[4]


def _no_child_left() -> bool:
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


@pytest.fixture
def server():
    started = ComparisonServer.start(DOCUMENTS)
    assert started is not None
    yield started
    started.close()
    assert _no_child_left()


def _first_frame(server: ComparisonServer, left: int, right: int):
    """What a fork sends first, as sent (the comparison is then closed)."""
    served = server.compare(left, right)
    try:
        return served._stream.receive()
    finally:
        served.close()


def _slow(left, right, memo):
    time.sleep(60)
    yield ()


@pytest.mark.parametrize("left,right", list(permutations(SEED_FILES, 2))[::3])
def test_an_alignment_comes_back_from_the_wire_unchanged(left: str, right: str) -> None:
    a, b = load_document(left), load_document(right)
    for alignment in (compare(a, b), compare(a, b, word_diffs=False)):
        assert alignment_from_wire(alignment_to_wire(alignment), a, b) == alignment
    quick = compare(a, b, word_diffs=False)
    full = add_word_diffs(quick)
    assert highlights_from_wire(highlights_to_wire(full, quick), quick) == compare(a, b)


def test_a_fork_sends_the_rows_then_the_highlighted_rows(server) -> None:
    served = server.compare(3, 4)
    assert served is not None and served.is_of(LEFT, RIGHT)
    assert served.rows() == compare(LEFT, RIGHT, word_diffs=False)
    assert served.rows() == compare(LEFT, RIGHT, word_diffs=False)  # asked again: the same
    assert served.highlighted() == compare(LEFT, RIGHT)


def test_pairs_asked_for_together_come_back_each_whole(server) -> None:
    asked = [(0, 1), (1, 0), (2, 4), (0, 1)]
    served = [server.compare(*pair) for pair in asked]
    for (left, right), comparison in reversed(list(zip(asked, served, strict=True))):
        assert comparison.highlighted() == compare(DOCUMENTS[left], DOCUMENTS[right])


def test_a_failing_fork_sends_nothing(monkeypatch, server) -> None:
    def fails(left, right, memo):
        raise RuntimeError("fork")
        yield  # a generator, like the real stages

    server.close()
    monkeypatch.setattr(server_module, "_stages", fails)
    failing = ComparisonServer.start(DOCUMENTS)
    try:
        served = failing.compare(3, 4)
        assert served.rows() is None
        assert served.highlighted() is None
        assert _first_frame(failing, 0, 1) is None  # the server itself goes on
    finally:
        failing.close()


def test_stopping_frees_a_waiting_reader_at_once(monkeypatch, server) -> None:
    server.close()
    monkeypatch.setattr(server_module, "_stages", _slow)
    slow = ComparisonServer.start(DOCUMENTS)
    try:
        served = slow.compare(3, 4)
        timer = threading.Timer(0.2, served.stop)
        timer.start()
        started = time.monotonic()
        assert served.rows() is None
        assert time.monotonic() - started < 10
        timer.join()
        served.close()
    finally:
        slow.close()


def _server_with(monkeypatch, **patches) -> ComparisonServer:
    """A server started with some of its module's functions replaced."""
    for name, value in patches.items():
        monkeypatch.setattr(server_module, name, value)
    started = ComparisonServer.start(DOCUMENTS)
    assert started is not None
    return started


def test_forks_inherit_the_features_worked_out_meanwhile(monkeypatch, server) -> None:
    """Idle, the server works out every article's features; later forks get them."""
    server.close()

    def memo_keys(left, right, memo):
        yield sorted(memo)

    patched = _server_with(monkeypatch, _stages=memo_keys)
    wanted = {(p.text, p.clutter) for d in DOCUMENTS for p in d.paragraphs}
    try:
        for _ in range(20):
            time.sleep(0.5)  # idle: the server works out features (not while forks work)
            keys = {tuple(key) for key in _first_frame(patched, 3, 4)}
            if wanted <= keys:
                break
        assert wanted <= keys
    finally:
        patched.close()


def test_a_pair_stopped_before_its_fork_is_never_forked(monkeypatch, tmp_path, server) -> None:
    """Asked for and stopped while the server was busy: it is dropped, not forked."""
    server.close()
    real_features = server_module.paragraph_features

    busy = tmp_path / "busy"

    def slow_features(paragraphs, memo):
        busy.write_text("")
        time.sleep(0.5)
        return real_features(paragraphs, memo)

    def marked(left, right, memo):  # each fork leaves a file named after its left article
        (tmp_path / os.path.basename(left.path)).write_text("forked")
        yield ()

    patched = _server_with(monkeypatch, paragraph_features=slow_features, _stages=marked)
    try:
        for _ in range(200):  # the server is working out the first chunk of features
            if busy.exists():
                break
            time.sleep(0.01)
        served = patched.compare(3, 4)
        served.stop()
        started = time.monotonic()
        assert served.rows() is None
        assert time.monotonic() - started < 5
        served.close()
        assert _first_frame(patched, 0, 1) == ()  # the next pair is forked
    finally:
        patched.close()
    assert sorted(os.listdir(tmp_path)) == sorted([os.path.basename(SEED_FILES[0]), "busy"])


def test_a_server_gone_answers_none(server) -> None:
    os.kill(server._pid, 9)
    os.waitpid(server._pid, 0)
    server._pid = -1  # reaped here
    assert server.compare(3, 4) is None


def test_with_another_thread_running_nothing_is_forked() -> None:
    stop = threading.Event()
    worker = threading.Thread(target=stop.wait)
    worker.start()
    try:
        assert ComparisonServer.start(DOCUMENTS) is None
    finally:
        stop.set()
        worker.join()


async def test_the_viewer_shows_the_servers_comparison(monkeypatch) -> None:
    received = []
    rows = server_module.ServedComparison.rows

    def counted(self):
        found = rows(self)
        received.append(found is not None)
        return found

    monkeypatch.setattr(server_module.ServedComparison, "rows", counted)
    app = build_app(SEED_FILES[3:5], processes=2)
    assert app.pending is not None
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert received and all(received)
        assert app.diff.alignment == compare(*app.documents)
        assert app.pending is None  # done with
    assert _no_child_left()  # the server ended with the viewer


async def test_every_pair_and_bar_comes_from_the_server(monkeypatch) -> None:
    """Choosing another pair first drops the opening one; that pair and the list's bars
    are compared by the server, never in the viewer's own threads."""
    compared_here = []

    def not_here(*args, **kwargs):
        compared_here.append(args)
        raise AssertionError("compared in the viewer's own process")

    monkeypatch.setattr(app_module, "compare", not_here)
    app = build_app(SEED_FILES, processes=2)
    async with app.run_test(size=(120, 40)) as pilot:
        app.choose(right=2)
        await settle(pilot)
        assert app.pending is None
        assert app.diff.alignment == compare(app.documents[0], app.documents[2])
        assert app.similarity == {
            k: compare(app.documents[0], d).similarity if k else 1.0
            for k, d in enumerate(app.documents)
        }
    assert compared_here == []
    assert _no_child_left()


async def test_without_a_server_the_viewer_compares_itself(monkeypatch) -> None:
    app = build_app(SEED_FILES, processes=2)
    os.kill(app.server._pid, 9)  # gone before the viewer asks for anything more
    async with app.run_test(size=(120, 40)) as pilot:
        app.choose(right=3)
        await settle(pilot)
        assert app.diff.alignment == compare(app.documents[0], app.documents[3])
        assert len(app.similarity) == len(app.documents)
    assert _no_child_left()


async def test_swapping_before_the_opening_is_done_never_compares_it_here(monkeypatch) -> None:
    real_stages = server_module._stages
    first, second = SEED_FILES[3:5]

    def slow_opening(left, right, memo):
        if (left.path, right.path) == (first, second):
            time.sleep(60)
        yield from real_stages(left, right, memo)

    monkeypatch.setattr(server_module, "_stages", slow_opening)
    compared = []
    real = app_module.compare

    def counted(left, right, *args, **kwargs):
        compared.append((left.path, right.path))
        return real(left, right, *args, **kwargs)

    monkeypatch.setattr(app_module, "compare", counted)
    app = build_app([first, second], processes=2)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.2)  # the worker waits for the server
        started = time.monotonic()
        app.action_swap()
        await settle(pilot)
        assert time.monotonic() - started < 30  # the opening's fork was not waited for
        assert app.diff.alignment == compare(app.documents[1], app.documents[0])
    assert (first, second) not in compared  # the dropped pair was not done here instead
    assert _no_child_left()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG, /proc")
def test_the_server_and_its_forks_die_with_the_viewer() -> None:
    """A viewer killed outright leaves no comparison running (Linux)."""
    script = (
        "import time\n"
        "from newsdiff import server\n"
        "from newsdiff.document import load_document\n"
        "def slow(left, right, memo):\n"
        "    time.sleep(60)\n"
        "    yield ()\n"
        "server._stages = slow\n"
        f"documents = [load_document(p) for p in {SEED_FILES[:2]!r}]\n"
        "started = server.ComparisonServer.start(documents)\n"
        "started.compare(0, 1)\n"
        "print(started._pid, flush=True)\n"
        "time.sleep(60)\n"
    )
    viewer = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        pid = int(viewer.stdout.readline())
        for _ in range(100):  # the server has forked the comparison
            forks = _children(pid)
            if forks:
                break
            time.sleep(0.05)
        assert forks  # the comparison at work
        time.sleep(0.2)  # it has asked the kernel to kill it with the server
        viewer.kill()
        viewer.wait()
        for _ in range(100):
            if not any(map(_alive, [pid, *forks])):
                break
            time.sleep(0.05)
        assert not any(map(_alive, [pid, *forks]))
    finally:
        viewer.kill()


def _children(pid: int) -> list[int]:
    with open(f"/proc/{pid}/task/{pid}/children") as children:
        return [int(child) for child in children.read().split()]


def _alive(pid: int) -> bool:
    """Still running (a zombie waiting for init to reap it counts as gone)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


async def test_restarted_bars_do_not_compare_a_pair_twice(monkeypatch, tmp_path) -> None:
    """Choosing a pair already compared while the bars work leaves their comparison
    running (same left article): no second fork of the same pair, and the bar's fork can
    still be stopped."""
    real_stages = server_module._stages

    def logged(left, right, memo):  # each fork leaves a file named after its pair and pid
        pair = f"{os.path.basename(left.path)[:3]}-{os.path.basename(right.path)[:3]}"
        (tmp_path / f"{pair}-{os.getpid()}").write_text("")
        if pair == "000-003":
            time.sleep(3)
        yield from real_stages(left, right, memo)

    monkeypatch.setattr(server_module, "_stages", logged)
    app = build_app(SEED_FILES, processes=2)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: any(name.startswith("000-003") for name in os.listdir(tmp_path)))
        await pilot.pause(0.3)
        app.choose(right=2)  # compared by the bars already: shown from the cache
        await pilot.pause(0.5)
        assert app._bars_at_work is not None  # the bar's fork can still be stopped
        await settle(pilot)
    assert len([name for name in os.listdir(tmp_path) if name.startswith("000-003")]) == 1
    assert _no_child_left()


async def test_a_pair_asked_for_again_meanwhile_is_closed_when_done_with(monkeypatch) -> None:
    """Highlights of a pair arriving after it was swapped away and back: the newer request
    for the same pair is closed, not dropped with its socket open."""
    app = build_app(SEED_FILES[3:5], processes=2)
    real = app.call_from_thread
    gate, held = threading.Event(), threading.Event()

    def delayed(callback, *args):
        highlights = getattr(callback, "__name__", "") == "_show" and args[0].word_diffs
        if highlights and not held.is_set():
            held.set()
            gate.wait(10)  # the worker is past its last check; the screen goes on
        return real(callback, *args)

    monkeypatch.setattr(app, "call_from_thread", delayed)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, held.is_set)
        assert held.is_set()
        app.action_swap()
        app.action_swap()  # back: a new request for the same pair
        newer = app.pending
        assert newer is not None
        gate.set()
        await settle(pilot)
        assert app.pending is None
        assert newer._stream._socket.fileno() == -1  # closed
        assert app.diff.alignment == compare(*app.documents)
    assert _no_child_left()
