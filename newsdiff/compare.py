"""Compare two documents: align paragraphs, classify rows, diff words, count.

This is the one entry point views use: ``compare(left, right) -> Alignment``.
"""

from __future__ import annotations

import gc
import threading
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from functools import cache, partial

from newsdiff.align import AlignConfig, Bead, align_features
from newsdiff.forked import ForkedMap, map_forked
from newsdiff.inline import count_words, diff_paragraphs, whole_spans
from newsdiff.model import (
    Alignment,
    Document,
    Paragraph,
    Row,
    RowKind,
    Span,
    Stats,
    is_clutter_row,
)
from newsdiff.similarity import Features, features, is_lone_dateline, kept_in_order, word_count
from newsdiff.wire import spans_from_wire, spans_to_wire

EDITED_MIN_KEPT = 0.75  # share of the shorter side's words kept in order for "edited"
# Fewer changed rows than this are word-diffed in this process alone: forking a copy of
# it costs more than it saves.
MIN_FORKED_ROWS = 500
FEED_BATCH = 64  # changed rows given to the forked child at a time

FeatureMemo = dict[tuple[str, bool], Features]  # (text, clutter) -> its features


def document_features(document: Document, memo: FeatureMemo | None = None) -> list[Features]:
    """Features of each paragraph. ``memo`` shares them between paragraphs of the same text
    (most paragraphs of two versions are identical): ``features`` is pure and nothing
    mutates a ``Features``, so an identical paragraph needs computing only once."""
    return paragraph_features(document.paragraphs, {} if memo is None else memo)


def paragraph_features(paragraphs: Iterable[Paragraph], memo: FeatureMemo) -> list[Features]:
    """``document_features`` of some paragraphs."""
    out = []
    for p in paragraphs:
        found = memo.get((p.text, p.clutter))
        if found is None:
            found = memo[p.text, p.clutter] = features(p.text, p.clutter)
        out.append(found)
    return out


def classify(left: list[Features], right: list[Features]) -> RowKind:
    """same / edited / reworded for a row with paragraphs on both sides."""
    if " ".join(f.key for f in left) == " ".join(f.key for f in right):
        return RowKind.SAME
    if any(len(side) == 1 and is_lone_dateline(side[0]) for side in (left, right)):
        return RowKind.REWORDED  # a lone dateline shares only the place with the other side
    left_words = [w for f in left for w in f.tokens]
    right_words = [w for f in right for w in f.tokens]
    if kept_in_order(left_words, right_words) >= EDITED_MIN_KEPT:
        return RowKind.EDITED
    return RowKind.REWORDED


def _kind_and_score(bead: Bead, lf: list[Features], rf: list[Features]) -> tuple[RowKind, float]:
    """What a row's paragraphs are to each other, and its similarity score."""
    if bead.left and bead.right:
        kind = classify([lf[i] for i in bead.left], [rf[j] for j in bead.right])
        return kind, 1.0 if kind is RowKind.SAME else round(bead.score, 4)
    return (RowKind.DELETED if bead.left else RowKind.INSERTED), 0.0


Pair = tuple[tuple[int, ...], tuple[int, ...]]  # a row's paragraph indices, left and right


def _spans(pair: Pair, left: Document, right: Document, word_diffs: bool) -> tuple[Span, ...]:
    """A row's word spans (or its texts whole, without ``word_diffs``)."""
    left_texts, right_texts = _texts(left, pair[0]), _texts(right, pair[1])
    if word_diffs:
        return diff_paragraphs(left_texts, right_texts)
    return whole_spans(left_texts, right_texts)


def _texts(document: Document, indices: tuple[int, ...]) -> list[str]:
    return [document.paragraphs[k].text for k in indices]


def add_word_diffs(alignment: Alignment) -> Alignment:
    """The alignment of ``compare(..., word_diffs=False)`` with its word diffs and word
    counts filled in (the viewer shows rows first and highlights them a moment later)."""
    if alignment.word_diffs:
        return alignment
    with paused_gc():
        left, right = alignment.left, alignment.right
        rows = tuple(
            replace(row, spans=_spans((row.left, row.right), left, right, word_diffs=True))
            for row in alignment.rows
        )
        stats, similarity = _stats(rows, left, right, _ParagraphWords(left, right))
    return Alignment(alignment.left, alignment.right, rows, similarity, stats)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Run a block with the cyclic garbage collector off (and restore it after).

    Comparing builds millions of small acyclic objects (token lists, stem sets, spans);
    each full collection walks all of them, which made a 50,000-paragraph comparison
    noticeably slower than linear. Nothing here creates reference cycles that need
    collecting before the block ends.

    In the main thread the objects are frozen (out of the collector's sight) before it is
    turned back on: they all wait in its youngest generation, and the first collection
    after the block walked them (0.8 s after a 50,000-paragraph comparison). Frozen
    objects are still freed when their last reference goes, as these acyclic ones are. A
    worker thread (the viewer's) does not freeze: that would also freeze the garbage the
    UI made meanwhile, for ever; the viewer freezes what it keeps itself."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if threading.current_thread() is threading.main_thread():
                gc.freeze()
            gc.enable()


def compare(
    left: Document,
    right: Document,
    config: AlignConfig | None = None,
    *,
    word_diffs: bool = True,
    processes: int = 1,
    memo: FeatureMemo | None = None,
) -> Alignment:
    """Align two documents. With ``word_diffs=False`` rows carry their texts whole (no word
    highlights, word counts zero) until ``add_word_diffs``: about a third faster. With
    ``processes`` above 1 a big pair's word diffs are made by forked copies of this
    process while it goes on (see ``_RowSpans``; the same results). ``memo`` holds the
    paragraph features of earlier comparisons (see ``document_features``), and gets these
    documents' ones."""
    with paused_gc():
        return _compare(left, right, config, word_diffs, processes, {} if memo is None else memo)


def _compare(
    left: Document,
    right: Document,
    config: AlignConfig | None,
    word_diffs: bool,
    processes: int,
    memo: FeatureMemo,
) -> Alignment:
    lf, rf = document_features(left, memo), document_features(right, memo)
    spans = _RowSpans(left, right, word_diffs, processes)
    try:
        beads = align_features(lf, rf, config, spans.found)
        # Work that needs no word diffs, done while a forked copy may still be making them.
        kinds = [_kind_and_score(bead, lf, rf) for bead in beads]
        words = _ParagraphWords(left, right, (lf, rf)) if word_diffs else None
        spans.finish(beads)
    finally:
        spans.close()
    rows = tuple(
        Row(kind, b.left, b.right, score, b.moved, spans.of((b.left, b.right)), b.repeat)
        for (kind, score), b in zip(kinds, beads, strict=True)
    )
    stats, similarity = _stats(rows, left, right, words)
    return Alignment(left, right, rows, similarity, stats, word_diffs=word_diffs)


class _RowSpans:
    """The rows' word spans, from forked copies of this process where that pays.

    The word diffs of the aligner's in-order rows (most of the final rows) are made by a
    forked child while the aligner goes on: it is shown them as they are found (``found``,
    the aligner's hook), forks the child once there are enough and feeds it the rest in
    batches; ``finish`` makes them from the other end until it meets the child
    (``ForkedMap.collect``), then shares out the changed rows still to do, if there are
    many. A child only reads paragraph texts, so it copies little of this process's
    memory, and only spans travel back."""

    def __init__(self, left: Document, right: Document, word_diffs: bool, processes: int):
        self.left, self.right = left, right
        self.make = partial(_spans, left=left, right=right, word_diffs=word_diffs)
        self.processes = processes if word_diffs else 1  # whole texts are no work
        self.known: dict[Pair, tuple[Span, ...]] = {}
        self.early: ForkedMap[Pair, tuple[Span, ...]] | None = None
        self.waiting: list[Pair] = []  # found, not given to the child yet

    def changed(self, beads: list[Bead]) -> list[Pair]:
        """Rows whose texts differ (cosmetically at least): they need a word diff."""
        left, right = self.left, self.right
        return [
            (bead.left, bead.right)
            for bead in beads
            if bead.left and bead.right and _texts(left, bead.left) != _texts(right, bead.right)
        ]

    def found(self, beads: list[Bead]) -> None:
        """In-order beads just made: word-diffed by the child (forked once there are
        ``MIN_FORKED_ROWS`` changed rows), given to it ``FEED_BATCH`` at a time."""
        if self.processes < 2:
            return
        self.waiting.extend(self.changed(beads))
        if self.early is None and len(self.waiting) >= MIN_FORKED_ROWS:
            self.early = ForkedMap.start(
                self.make, self.waiting, spans_to_wire, spans_from_wire, fed=True
            )
            if self.early is None:  # no forking here: all in this process
                self.processes = 1
            self.waiting = []
        elif self.early is not None and len(self.waiting) >= FEED_BATCH:
            self._feed()

    def _feed(self) -> None:
        if self.early is not None:
            self.early.feed(self.waiting)
        self.waiting = []

    def finish(self, beads: list[Bead]) -> None:
        self._feed()
        if self.early:
            found = self.early.collect(self.make)
            if found is not None:
                self.known.update(zip(self.early.items, found, strict=True))
        if self.processes < 2:
            return
        pending = [pair for pair in self.changed(beads) if pair not in self.known]
        if len(pending) >= MIN_FORKED_ROWS:
            shared = map_forked(
                self.make,
                pending,
                processes=self.processes,
                to_wire=spans_to_wire,
                from_wire=spans_from_wire,
            )
            self.known.update(zip(pending, shared, strict=True))

    def close(self) -> None:
        if self.early:
            self.early.close()

    def of(self, pair: Pair) -> tuple[Span, ...]:
        found = self.known.get(pair)
        return found if found is not None else self.make(pair)


def _stats(
    rows: tuple[Row, ...], left: Document, right: Document, words: _ParagraphWords | None
) -> tuple[Stats, float]:
    """Row and word counts of the story (rows of clutter only are left out), and the
    similarity. Without ``words`` (rows not word-diffed yet) the word counts and the
    similarity are zero."""
    story = [row for row in rows if not is_clutter_row(row, left, right)]
    counts = Counter(row.kind.value for row in story)
    inserted, deleted, similarity = _word_stats(story, left, right, words) if words else (0, 0, 0.0)
    stats = Stats(
        same=counts["same"], edited=counts["edited"], reworded=counts["reworded"],
        inserted=counts["inserted"], deleted=counts["deleted"],
        moved=sum(row.moved for row in story), repeated=sum(row.repeat for row in story),
        split=sum(row.is_split for row in story), merged=sum(row.is_merged for row in story),
        words_inserted=inserted, words_deleted=deleted,
    )  # fmt: skip
    return stats, similarity


class _ParagraphWords:
    """How many words each paragraph of both documents has (``word_count``), and the
    counter itself, remembering texts: most paragraphs are the same on both sides.

    With the paragraphs' features, many counts are the number of their words (``tokens``):
    for ASCII text without double quotes the two are the same count (the features' key
    drops double quotes, which can join two words), and taking it costs a tenth."""

    def __init__(
        self,
        left: Document,
        right: Document,
        features: tuple[list[Features], list[Features]] | None = None,
    ):
        self.count = cache(word_count)
        left_features, right_features = features or (None, None)
        self.left = self._counts(left, left_features)
        self.right = self._counts(right, right_features)

    def _counts(self, document: Document, features: list[Features] | None) -> list[int]:
        if features is None:
            return [self.count(p.text) for p in document.paragraphs]
        return [
            len(f.tokens) if p.text.isascii() and '"' not in p.text else self.count(p.text)
            for p, f in zip(document.paragraphs, features, strict=True)
        ]


def _word_stats(
    story: list[Row], left: Document, right: Document, words: _ParagraphWords
) -> tuple[int, int, float]:
    """Words inserted and deleted, and the similarity: the share of both sides' story words
    kept. A paragraph is counted where it is paired for real: a repeat row (the paragraph
    told again) counts only the side that no other row holds, so the same words are never
    counted twice, whichever row comes first."""
    count, left_words, right_words = words.count, words.left, words.right
    counted_left = {i for row in story if not row.repeat for i in row.left}
    counted_right = {j for row in story if not row.repeat for j in row.right}
    words_inserted = words_deleted = kept_total = 0
    for row in story:
        inserted, deleted = count_words(row.spans, count)
        kept_left = sum(left_words[i] for i in row.left) - deleted
        kept_right = sum(right_words[j] for j in row.right) - inserted
        if row.repeat:
            if counted_left.issuperset(row.left):
                kept_left = deleted = 0
            if counted_right.issuperset(row.right):
                kept_right = inserted = 0
            counted_left.update(row.left)
            counted_right.update(row.right)
        kept_total += kept_left + kept_right
        words_inserted += inserted
        words_deleted += deleted
    total = sum(left_words[p.index] for p in left.story)
    total += sum(right_words[p.index] for p in right.story)
    if not total:
        return words_inserted, words_deleted, 1.0
    # The clamp to 1 only matters for a row pairing story text with clutter; the other
    # keeps a changed pair from rounding to exactly 1 or 0 (shown as 100% or 0%).
    similarity = round(min(1.0, kept_total / total), 4)
    if 0 < kept_total < total:
        similarity = min(max(similarity, 0.0001), 0.9999)
    return words_inserted, words_deleted, similarity
