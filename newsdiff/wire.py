"""Comparisons as ``marshal`` data (tuples of strings and numbers), to send them from a
forked copy of the process (``newsdiff.forked``) back to the one that shows them. The
documents are not sent: both processes hold them already, and so the spans of rows not
word-diffed yet (their texts whole) are made again from them."""

from __future__ import annotations

from dataclasses import astuple, replace
from typing import Any

from newsdiff.inline import whole_spans
from newsdiff.model import Alignment, Document, Row, RowKind, Span, SpanOp, Stats

_SPAN_OPS = {op.value: op for op in SpanOp}
_KINDS = {kind.value: kind for kind in RowKind}

WiredSpans = tuple[tuple[str, str, str], ...]


def spans_to_wire(spans: tuple[Span, ...]) -> WiredSpans:
    return tuple((span.op.value, span.left, span.right) for span in spans)


def spans_from_wire(wired: WiredSpans) -> tuple[Span, ...]:
    return tuple(Span(_SPAN_OPS[op], a, b) for op, a, b in wired)


def alignment_to_wire(alignment: Alignment) -> tuple[Any, ...]:
    diffed = alignment.word_diffs
    rows = tuple(
        (row.kind.value, row.left, row.right, row.score, row.moved, row.repeat,
         spans_to_wire(row.spans) if diffed else ())
        for row in alignment.rows
    )  # fmt: skip
    return rows, alignment.similarity, astuple(alignment.stats), alignment.word_diffs


def alignment_from_wire(wired: tuple[Any, ...], left: Document, right: Document) -> Alignment:
    """The alignment ``alignment_to_wire`` sent, of these two documents."""
    rows, similarity, stats, word_diffs = wired
    lt, rt = [p.text for p in left.paragraphs], [p.text for p in right.paragraphs]

    def spans(lp: tuple[int, ...], rp: tuple[int, ...], wired: WiredSpans) -> tuple[Span, ...]:
        if word_diffs:
            return spans_from_wire(wired)
        return whole_spans([lt[i] for i in lp], [rt[j] for j in rp])

    return Alignment(
        left,
        right,
        tuple(
            Row(_KINDS[kind], lp, rp, score, moved, spans(lp, rp, wired), repeat)
            for kind, lp, rp, score, moved, repeat, wired in rows
        ),
        similarity,
        Stats(*stats),
        word_diffs,
    )


def highlights_to_wire(full: Alignment, quick: Alignment) -> tuple[Any, ...]:
    """What ``add_word_diffs`` changed in ``quick``'s rows: the spans of the rows whose
    spans differ (most rows are kept as they are), with the word counts."""
    changed = tuple(
        (k, spans_to_wire(row.spans))
        for k, (row, before) in enumerate(zip(full.rows, quick.rows, strict=True))
        if row.spans != before.spans
    )
    return changed, full.similarity, astuple(full.stats)


def highlights_from_wire(wired: tuple[Any, ...], quick: Alignment) -> Alignment:
    """``quick`` with the word diffs ``highlights_to_wire`` sent."""
    changed, similarity, stats = wired
    rows = list(quick.rows)
    for k, spans in changed:
        rows[k] = replace(rows[k], spans=spans_from_wire(spans))
    return Alignment(quick.left, quick.right, tuple(rows), similarity, Stats(*stats))
