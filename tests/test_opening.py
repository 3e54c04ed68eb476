"""The viewer's opening pair compared by a forked copy gives what this process would,
and anything unusual leaves the viewer to compare it itself."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from itertools import permutations

import pytest
from tui_helpers import SEED_FILES, settle

from newsdiff import opening as opening_module
from newsdiff.compare import compare
from newsdiff.document import load_document
from newsdiff.opening import OpeningComparison
from newsdiff.tui import app as app_module
from newsdiff.tui.app import build_app
from newsdiff.wire import alignment_from_wire, alignment_to_wire

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")

LEFT, RIGHT = load_document(SEED_FILES[3]), load_document(SEED_FILES[4])


def _no_child_left() -> bool:
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


@pytest.mark.parametrize("left,right", list(permutations(SEED_FILES, 2))[::3])
def test_an_alignment_comes_back_from_the_wire_unchanged(left: str, right: str) -> None:
    a, b = load_document(left), load_document(right)
    for alignment in (compare(a, b), compare(a, b, word_diffs=False)):
        assert alignment_from_wire(alignment_to_wire(alignment), a, b) == alignment


def test_the_child_sends_the_rows_then_the_highlighted_rows() -> None:
    opening = OpeningComparison.start(LEFT, RIGHT)
    assert opening is not None
    assert opening.rows() == compare(LEFT, RIGHT, word_diffs=False)
    assert opening.rows() == compare(LEFT, RIGHT, word_diffs=False)  # asked again: the same
    assert opening.highlighted() == compare(LEFT, RIGHT)
    assert _no_child_left()


def test_a_failing_child_sends_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    def fails(left, right):
        raise RuntimeError("child")
        yield  # a generator, like the real stages

    monkeypatch.setattr(opening_module, "_stages", fails)
    opening = OpeningComparison.start(LEFT, RIGHT)
    assert opening is not None
    assert opening.rows() is None
    assert opening.highlighted() is None
    assert _no_child_left()


def test_stopping_frees_a_waiting_reader_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    def slow(left, right):
        time.sleep(60)
        yield ()

    monkeypatch.setattr(opening_module, "_stages", slow)
    opening = OpeningComparison.start(LEFT, RIGHT)
    assert opening is not None
    threading.Timer(0.2, opening.stop).start()
    started = time.monotonic()
    assert opening.rows() is None
    assert time.monotonic() - started < 10
    opening.close()
    assert _no_child_left()


def test_with_another_thread_running_nothing_is_forked() -> None:
    stop = threading.Event()
    worker = threading.Thread(target=stop.wait)
    worker.start()
    try:
        assert OpeningComparison.start(LEFT, RIGHT) is None
    finally:
        stop.set()
        worker.join()


async def test_the_viewer_shows_the_forked_comparison(monkeypatch) -> None:
    received = []
    rows = OpeningComparison.rows

    def counted(self):
        found = rows(self)
        received.append(found is not None)
        return found

    monkeypatch.setattr(OpeningComparison, "rows", counted)
    app = build_app(SEED_FILES[3:5], processes=2)
    assert app.opening is not None
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert received and all(received)
        assert app.diff.alignment == compare(*app.documents)
        assert app.opening is None  # done with, and its child reaped
    assert _no_child_left()


async def test_choosing_another_pair_first_drops_the_opening() -> None:
    app = build_app(SEED_FILES, processes=2)
    async with app.run_test(size=(120, 40)) as pilot:
        app.choose(right=2)
        await settle(pilot)
        assert app.opening is None
        assert app.diff.alignment == compare(app.documents[0], app.documents[2])
    assert _no_child_left()


async def test_swapping_before_the_opening_is_done_never_compares_it_here(monkeypatch) -> None:
    def slow(left, right):
        time.sleep(60)
        yield ()

    monkeypatch.setattr(opening_module, "_stages", slow)
    compared = []
    real = app_module.compare

    def counted(left, right, *args, **kwargs):
        compared.append((left.path, right.path))
        return real(left, right, *args, **kwargs)

    monkeypatch.setattr(app_module, "compare", counted)
    app = build_app(SEED_FILES[3:5], processes=2)
    first, second = (d.path for d in app.documents)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.2)  # the worker waits for the child
        app.action_swap()
        await settle(pilot)
        assert app.diff.alignment == compare(app.documents[1], app.documents[0])
    assert (first, second) not in compared  # the dropped pair was not done here instead
    assert _no_child_left()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG, /proc")
def test_the_child_dies_with_its_parent() -> None:
    """A viewer killed outright leaves no comparison running (Linux)."""
    script = (
        "import sys, time\n"
        "from newsdiff import opening\n"
        "from newsdiff.document import load_document\n"
        "def slow(left, right):\n"
        "    time.sleep(60)\n"
        "    yield ()\n"
        "opening._stages = slow\n"
        f"a, b = load_document({SEED_FILES[0]!r}), load_document({SEED_FILES[1]!r})\n"
        "job = opening.OpeningComparison.start(a, b)\n"
        "print(job._child._pid, flush=True)\n"
        "time.sleep(60)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        child = int(parent.stdout.readline())
        time.sleep(0.3)  # the child has set itself up
        parent.kill()
        parent.wait()
        for _ in range(100):
            if not _alive(child):
                break
            time.sleep(0.05)
        assert not _alive(child)
    finally:
        parent.kill()


def _alive(pid: int) -> bool:
    """Still running (a zombie waiting for init to reap it counts as gone)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False
