"""Sharing the word diffs with forked processes gives the same results as one process,
and anything unusual falls back to one process."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from itertools import permutations
from pathlib import Path

import pytest

from newsdiff import compare as compare_module
from newsdiff.compare import compare
from newsdiff.document import build_document, load_document
from newsdiff.forked import ForkedMap, map_forked
from newsdiff.wire import spans_to_wire

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from generate import generate

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))


def _tagged(item: int) -> tuple[int, int]:
    """The item squared, and the process that computed it."""
    return item * item, os.getpid()


def _slowly_tagged(item: int) -> tuple[int, int]:
    time.sleep(0.002)
    return _tagged(item)


def _identity(value):
    return value


def _big(item: int) -> str:
    """A result of 20 KB: 300 of them fill any socket."""
    return f"{item:010d}" * 2000


def _stuck_on_zero(item: int) -> int:
    if item == 0 and os.getpid() != _PARENT:
        time.sleep(3.0)
    return item


_PARENT = os.getpid()


def _tagged_stuck_on_zero(item: int) -> tuple[int, int]:
    """The item and the process that made it; a child spends a second on item 0."""
    if item == 0 and os.getpid() != _PARENT:
        time.sleep(1.0)
    return item, os.getpid()


def _slowly_tagged_here(item: int) -> tuple[int, int]:
    time.sleep(0.0002)
    return item, os.getpid()


def _padded(item: int) -> str:
    """A result of a few kilobytes, made in a millisecond."""
    time.sleep(0.001)
    return f"{item:08d}" * 256


def test_results_come_back_in_order_from_every_process() -> None:
    items = list(range(101))
    results = map_forked(_tagged, items, processes=3, to_wire=list, from_wire=tuple)
    assert [square for square, _ in results] == [k * k for k in items]
    computed_by = {pid for _, pid in results}
    assert os.getpid() in computed_by
    assert len(computed_by) == 3  # two children did their shares


def test_a_failing_child_share_is_computed_here() -> None:
    parent = os.getpid()

    def fails_in_a_child(item: int) -> int:
        if os.getpid() != parent:
            raise RuntimeError("child")
        return item + 1

    results = map_forked(
        fails_in_a_child, list(range(50)), processes=2, to_wire=_identity, from_wire=_identity
    )
    assert results == list(range(1, 51))


def test_a_child_whose_results_do_not_marshal_falls_back() -> None:
    results = map_forked(
        _tagged, list(range(20)), processes=2, to_wire=lambda r: object(), from_wire=tuple
    )
    assert [square for square, _ in results] == [k * k for k in range(20)]
    assert {pid for _, pid in results} == {os.getpid()}


def test_with_another_thread_running_nothing_is_forked() -> None:
    stop = threading.Event()
    worker = threading.Thread(target=stop.wait)
    worker.start()
    try:
        results = map_forked(_tagged, list(range(20)), processes=2, to_wire=list, from_wire=tuple)
    finally:
        stop.set()
        worker.join()
    assert {pid for _, pid in results} == {os.getpid()}


class _Interrupted(Exception):
    pass


def _sleep(seconds: float) -> float:
    time.sleep(seconds)
    return seconds


def test_an_interrupted_wait_stops_the_child() -> None:
    """Interrupted while waiting (SIGINT sent to this process alone), the parent stops the
    child instead of waiting for it to finish."""

    def interrupt(signum, frame):
        raise _Interrupted

    job = ForkedMap.start(_sleep, [60.0], to_wire=_identity, from_wire=_identity)
    assert job is not None
    previous = signal.signal(signal.SIGINT, interrupt)
    timer = threading.Timer(0.3, os.kill, (os.getpid(), signal.SIGINT))
    started = time.monotonic()
    try:
        timer.start()
        with pytest.raises(_Interrupted):
            job.collect()
    finally:
        timer.cancel()
        signal.signal(signal.SIGINT, previous)
    assert time.monotonic() - started < 10
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


def test_no_child_is_left_behind() -> None:
    map_forked(_tagged, list(range(40)), processes=3, to_wire=list, from_wire=tuple)
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


@pytest.fixture
def fork_every_pair(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(compare_module, "MIN_FORKED_ROWS", 1)


@pytest.mark.parametrize("left,right", list(permutations(SEEDS, 2))[:8])
def test_seed_pairs_compare_the_same_in_two_processes(fork_every_pair, left, right) -> None:
    a, b = load_document(str(left)), load_document(str(right))
    assert compare(a, b, processes=2) == compare(a, b, processes=1)


def test_a_generated_pair_compares_the_same_in_two_processes(monkeypatch) -> None:
    pair = generate(2500, seed=3)
    left = build_document("\n\n".join(pair["left_units"]) + "\n", "left.txt")
    right = build_document("\n\n".join(pair["right_units"]) + "\n", "right.txt")
    one = compare(left, right, processes=1)
    forks = []
    start = ForkedMap.start.__func__

    def counted(cls, *args, **options):
        job = start(cls, *args, **options)
        forks.append(job is not None)
        return job

    monkeypatch.setattr(ForkedMap, "start", classmethod(counted))
    assert compare(left, right, processes=2) == one
    assert forks == [True]  # the in-order rows were word-diffed by a forked copy


def test_early_word_diffs_that_fail_are_made_here(monkeypatch) -> None:
    pair = generate(2500, seed=4)
    left = build_document("\n\n".join(pair["left_units"]) + "\n", "left.txt")
    right = build_document("\n\n".join(pair["right_units"]) + "\n", "right.txt")
    parent = os.getpid()
    sent = 0

    def fails_in_the_child(spans):
        nonlocal sent
        sent += 1
        if os.getpid() != parent and sent > 40:  # a crash part of the way through
            raise RuntimeError("child")
        return spans_to_wire(spans)

    monkeypatch.setattr(compare_module, "spans_to_wire", fails_in_the_child)
    assert compare(left, right, processes=2) == compare(left, right, processes=1)


def test_a_helped_map_meets_its_child_in_the_middle() -> None:
    """The child works from the front, this process from the back: the results are in
    order and both made some of them."""
    items = list(range(400))
    job = ForkedMap.start(_slowly_tagged, items, to_wire=list, from_wire=tuple)
    assert job is not None
    results = job.collect(_slowly_tagged)
    assert results is not None
    assert [square for square, _ in results] == [k * k for k in items]
    makers = [pid for _, pid in results]
    here = makers.index(os.getpid())
    assert here > 0 and set(makers[:here]) == {makers[0]} != {os.getpid()}
    assert set(makers[here:]) == {os.getpid()}
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


def test_items_fed_after_the_start_come_back_after_the_first_ones() -> None:
    """The aligner gives the child its rows as it finds them: a map fed in batches gives
    the results of all its items in the order given, the child making the first ones."""
    job = ForkedMap.start(_slowly_tagged, list(range(50)), to_wire=list, from_wire=tuple, fed=True)
    assert job is not None
    for start in range(50, 300, 50):
        time.sleep(0.02)
        job.feed(list(range(start, start + 50)))
    job.feed([])
    results = job.collect(_slowly_tagged)
    assert results is not None
    assert [square for square, _ in results] == [k * k for k in range(300)]
    assert results[0][1] != os.getpid()
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


def test_items_fed_to_a_child_that_has_gone_are_made_here() -> None:
    job = ForkedMap.start(_slowly_tagged, [1, 2], to_wire=list, from_wire=tuple, fed=True)
    assert job is not None
    job._child.stop()  # as if it crashed
    time.sleep(0.1)
    job.feed(list(range(3, 30_000)))  # more than a pipe holds: it must not wait
    results = job.collect(_tagged)
    assert results is not None
    assert [square for square, _ in results] == [k * k for k in range(1, 30_000)]


def test_three_processes_with_big_results_do_not_wait_for_each_other() -> None:
    """Each child of ``map_forked`` ends when its items do: none waits for a feed, whose
    pipe the children forked after it would hold open."""
    items = list(range(300))

    def too_long(signum, frame):
        raise TimeoutError("map_forked waited for its children for 30 s")

    previous = signal.signal(signal.SIGALRM, too_long)
    signal.alarm(30)  # a hang fails the test instead of holding the suite
    try:
        results = map_forked(_big, items, processes=3, to_wire=_identity, from_wire=_identity)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert results == [_big(k) for k in items]
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


def test_feeding_a_busy_child_never_waits() -> None:
    """A child stuck on one item leaves the pipe full: feeding goes on at once, and
    ``collect`` makes what the child never got."""
    job = ForkedMap.start(_stuck_on_zero, [0], to_wire=_identity, from_wire=_identity, fed=True)
    assert job is not None
    time.sleep(0.5)  # the child is at its first item
    started = time.monotonic()
    for start in range(1, 20_001, 500):
        job.feed(list(range(start, start + 500)))  # ~100 KB: more than a pipe holds
    assert time.monotonic() - started < 1.0
    assert job.collect(_identity) == list(range(20_001))


def test_a_feed_cut_short_still_gives_every_result_in_order() -> None:
    """Fed while stuck, the child's pipe fills and the feed ends with items it never got:
    it makes the ones it got (a prefix), this process the rest, all in order."""
    job = ForkedMap.start(_tagged_stuck_on_zero, [0], to_wire=list, from_wire=tuple, fed=True)
    assert job is not None
    time.sleep(0.3)  # the child is at its first item
    job.feed(list(range(1, 15_000)))  # more than a pipe holds: the rest stays unsent
    results = job.collect(_slowly_tagged_here)
    assert results is not None
    assert [value for value, _ in results] == list(range(15_000))
    makers = {pid for _, pid in results}
    assert os.getpid() in makers and len(makers) == 2  # both made some


def test_a_child_that_fails_leaves_a_helped_map_its_middle() -> None:
    parent = os.getpid()

    def fails_in_the_child(item: int) -> int:
        if os.getpid() != parent and item >= 50:
            raise RuntimeError("child")
        time.sleep(0.001)
        return item + 1

    job = ForkedMap.start(fails_in_the_child, list(range(300)), _identity, _identity)
    assert job is not None
    assert job.collect(fails_in_the_child) == list(range(1, 301))
    job = ForkedMap.start(fails_in_the_child, list(range(300)), _identity, _identity)
    assert job is not None
    assert job.collect() is None  # unhelped: the caller makes them all


def test_a_child_never_waits_for_a_busy_reader() -> None:
    """Its results wait in its own memory while this process is busy elsewhere: by the
    time they are read the child has made them all, far more than a socket holds (a child
    blocked on a full socket would leave half of them to make once the reading starts)."""
    items = list(range(1000))  # 2 MB of results
    job = ForkedMap.start(_padded, items, to_wire=_identity, from_wire=_identity)
    assert job is not None
    time.sleep(3.0)  # the child's ~1 s of sleeps, with room for a loaded machine
    started = time.monotonic()
    results = job.collect(_padded)
    assert time.monotonic() - started < 0.3  # a blocked child: ~0.45 s still to make
    assert results == [f"{k:08d}" * 256 for k in items]


def test_a_big_value_reaches_the_reader_before_the_next_one_is_made() -> None:
    """The viewer's rows come before the slow word diffs: a value bigger than a socket
    holds must reach the reader whole while the child makes its next one."""
    from newsdiff.forked import Forked

    def produce():
        yield "x" * 5_000_000
        time.sleep(3.0)
        yield "done"

    child = Forked.start(produce)
    assert child is not None
    try:
        started = time.monotonic()
        assert child.receive() == "x" * 5_000_000
        assert time.monotonic() - started < 2.0
    finally:
        child.close()


def test_a_ctrl_c_just_after_the_fork_never_runs_the_callers_code_in_the_child() -> None:
    """The child gets SIGINT before it has restored its signal mask: it must exit from its
    own ``try``, not unwind into the code that called ``fork``."""
    script = (
        "import os, signal\n"
        "from newsdiff import forked\n"
        "real_fork = os.fork\n"
        "def fork_then_ctrl_c():\n"
        "    pid = real_fork()\n"
        "    if pid == 0:\n"
        "        os.kill(os.getpid(), signal.SIGINT)  # blocked: it waits for the mask\n"
        "    return pid\n"
        "os.fork = fork_then_ctrl_c\n"
        "me = os.getpid()\n"
        "try:\n"
        "    pid = forked.fork(lambda: os._exit(0))\n"
        "except KeyboardInterrupt:\n"
        "    os._exit(7 if os.getpid() != me else 8)\n"
        "print(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]), flush=True)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "1"  # the child left from its own try, status 1
