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
from typing import Any

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
        # One reader of the pipe at a time, and no closing it under a reader. Held only
        # while reading (which ends at once once the child is stopped), not while decoding.
        self._lock = threading.Lock()
        self._rows_read = False
        self._rows: Any = None  # the first frame, as sent

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
            if not self._rows_read:
                self._rows_read, self._rows = True, self._child.receive()
            wired = self._rows
        return self._decode(wired, word_diffs=False)

    def highlighted(self) -> Alignment | None:
        """The rows with their word diffs (read after ``rows``); the child is done."""
        wired = None
        if self.rows() is not None:
            with self._lock:
                wired = self._child.receive()
        self.close()
        return self._decode(wired, word_diffs=True)

    def _decode(self, wired: Any, word_diffs: bool) -> Alignment | None:
        """An alignment the child sent, if it is the one expected."""
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
