"""The viewer's opening pair, compared in a forked copy of the process while the viewer
starts: it has a CPU to itself instead of sharing the interpreter with Textual's start-up
and drawing, so the first rows of a big pair show sooner and their word highlights too.

It is forked before the viewer starts any thread (forking later is unsafe). The child
sends the rows without word diffs first, then the same rows with them: what
``compare(..., word_diffs=False)`` and ``add_word_diffs`` would give in this process.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

from newsdiff.compare import add_word_diffs, compare
from newsdiff.forked import Forked
from newsdiff.model import Alignment, Document
from newsdiff.wire import alignment_from_wire, alignment_to_wire


class OpeningComparison:
    """The opening pair's two alignments, read in order (``rows``, then ``highlighted``)
    from worker threads, one at a time; each is None if the child failed or was stopped,
    and the viewer then computes it itself."""

    def __init__(self, left: Document, right: Document, child: Forked):
        self.left, self.right = left, right
        self._child = child
        self._lock = threading.Lock()  # one reader at a time; ``stop`` does not wait
        self._rows: Alignment | None = None

    @classmethod
    def start(cls, left: Document, right: Document) -> OpeningComparison | None:
        """Fork the child; None where this process may not or cannot fork."""
        child = Forked.start(lambda: _stages(left, right))
        return cls(left, right, child) if child else None

    def is_of(self, left: Document, right: Document) -> bool:
        return left is self.left and right is self.right

    def rows(self) -> Alignment | None:
        """The rows, without word highlights (the same ones however often asked)."""
        with self._lock:
            if self._rows is None:
                self._rows = self._receive(word_diffs=False)
            return self._rows

    def highlighted(self) -> Alignment | None:
        """The rows with their word diffs (read after ``rows``); the child is done."""
        found = None
        if self.rows() is not None:
            with self._lock:
                found = self._receive(word_diffs=True)
        self.close()
        return found

    def _receive(self, word_diffs: bool) -> Alignment | None:
        """The next alignment from the child, if it is the one expected (with the lock)."""
        wired = self._child.receive()
        if wired is None:
            return None
        alignment = alignment_from_wire(wired, self.left, self.right)
        return alignment if alignment.word_diffs == word_diffs else None

    def stop(self) -> None:
        """Nobody wants the results any more (another pair was chosen, the viewer quits)."""
        self._child.stop()

    def close(self) -> None:
        """Stop and reap the child; waits for a reader to let go, which it does at once."""
        self.stop()
        with self._lock:
            self._child.close()


def _stages(left: Document, right: Document) -> Iterator[tuple]:
    """What the child sends: the rows, then the rows with their word diffs."""
    quick = compare(left, right, word_diffs=False)
    yield alignment_to_wire(quick)
    yield alignment_to_wire(add_word_diffs(quick))
