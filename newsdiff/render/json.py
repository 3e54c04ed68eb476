"""The model as JSON (``--format json``): a view of ``Alignment``, not a second model."""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict
from functools import partial
from json.encoder import encode_basestring
from typing import Any

from newsdiff.model import Alignment, Document, Paragraph, Row

SCHEMA_VERSION = 1


def _paragraph(p: Paragraph) -> dict[str, Any]:
    return {"index": p.index, "text": p.text, "clutter": p.clutter, "line": p.line}


def _row(row: Row) -> dict[str, Any]:
    return {
        "kind": row.kind.value,
        "moved": row.moved,
        "repeat": row.repeat,
        "left": list(row.left),
        "right": list(row.right),
        "score": row.score,
        "spans": [
            {"op": span.op.value, "left": span.left, "right": span.right} for span in row.spans
        ],
    }


# The same records as ``_compact(_paragraph(p))`` and ``_compact(_row(row))``, formatted
# directly: the encoder's set-up per call was most of the time of writing a big pair's JSON.
# tests/test_bench_fastpaths.py checks them against the encoder.
_JSON_BOOL = {True: "true", False: "false"}


def _paragraph_record(p: Paragraph) -> str:
    return (
        f'{{"index": {p.index}, "text": {encode_basestring(p.text)}, '
        f'"clutter": {_JSON_BOOL[p.clutter]}, "line": {p.line}}}'
    )


def _row_record(row: Row) -> str:
    spans = ", ".join(
        [
            f'{{"op": "{span.op.value}", "left": {encode_basestring(span.left)}, '
            f'"right": {encode_basestring(span.right)}}}'
            for span in row.spans
        ]
    )
    return (
        f'{{"kind": "{row.kind.value}", "moved": {_JSON_BOOL[row.moved]}, '
        f'"repeat": {_JSON_BOOL[row.repeat]}, "left": {list(row.left)}, '
        f'"right": {list(row.right)}, "score": {_number(row.score)}, "spans": [{spans}]}}'
    )


def _number(value: float) -> str:
    """A score as the encoder writes it (``repr``, but ``NaN`` and ``Infinity``)."""
    return repr(value) if math.isfinite(value) else _compact(value)


def _document(
    document: Document, paragraphs: Callable[[Sequence[Paragraph]], Any]
) -> dict[str, Any]:
    return {
        "path": document.path,
        "title": document.title,
        "encoding": document.encoding,
        "paragraphs": paragraphs(document.paragraphs),
    }


def to_dict(alignment: Alignment) -> dict[str, Any]:
    return _model(
        alignment, lambda ps: [_paragraph(p) for p in ps], lambda rows: [_row(r) for r in rows]
    )


def _model(
    alignment: Alignment,
    paragraphs: Callable[[Sequence[Paragraph]], Any],
    rows: Callable[[Sequence[Row]], Any],
) -> dict[str, Any]:
    return {
        "version": SCHEMA_VERSION,
        "left": _document(alignment.left, paragraphs),
        "right": _document(alignment.right, paragraphs),
        "similarity": alignment.similarity,
        "stats": asdict(alignment.stats),
        "rows": rows(alignment.rows),
    }


class _Records:
    """Paragraphs or rows to write one record per line, formatted as they are written."""

    def __init__(self, record: Callable[[Any], str], items: Sequence[Any]):
        self.record, self.items = record, items

    def batches(self, size: int = 1000) -> Iterator[list[str]]:
        for start in range(0, len(self.items), size):
            yield [self.record(item) for item in self.items[start : start + size]]


def render_json(alignment: Alignment) -> str:
    """The JSON text (see ``json_pieces``) as one string."""
    return "".join(json_pieces(alignment))


def json_pieces(alignment: Alignment) -> Iterator[str]:
    """The JSON text in pieces to write one after the other: one paragraph or row per line
    (readable, and easy to grep or stream line by line), plus a final newline.

    Each paragraph and row is one record formatted on its own (with ``indent`` set,
    ``json.dumps`` falls back to a pure-Python encoder, which was the slowest stage of a
    50,000-paragraph comparison), the few other members by the standard library's C
    encoder. Records come a thousand at a time: the whole text of a big pair at once
    took 0.4 GB more than the comparison itself."""
    model = _model(alignment, partial(_Records, _paragraph_record), partial(_Records, _row_record))
    yield from _pieces(model, 0)
    yield "\n"


_compact = json.JSONEncoder(ensure_ascii=False).encode


def _pieces(value: dict[str, Any], level: int) -> Iterator[str]:
    """A dict with one member per line; a member holding a dict is written the same way,
    one holding records with one record per line, anything else compact."""
    inner = "\n" + " " * (level + 1)
    separator = "{" + inner
    for key, item in value.items():
        yield separator + encode_basestring(key) + ": "
        if isinstance(item, dict):
            yield from _pieces(item, level + 1)
        elif isinstance(item, _Records):
            record = "\n" + " " * (level + 2)
            glue, before = "," + record, "[" + record
            for batch in item.batches():
                yield before + glue.join(batch)
                before = glue
            yield inner + "]" if item.items else "[]"
        else:
            yield _compact(item)
        separator = "," + inner
    yield "\n" + " " * level + "}" if value else "{}"
