"""The model as JSON (``--format json``): a view of ``Alignment``, not a second model."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import asdict
from json.encoder import encode_basestring
from typing import Any

from newsdiff.model import Alignment, Document, Paragraph, Row

SCHEMA_VERSION = 1


class _Record(str):
    """One paragraph or row already encoded as compact JSON."""


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


def _paragraph_record(p: Paragraph) -> _Record:
    return _Record(
        f'{{"index": {p.index}, "text": {encode_basestring(p.text)}, '
        f'"clutter": {_JSON_BOOL[p.clutter]}, "line": {p.line}}}'
    )


def _row_record(row: Row) -> _Record:
    spans = ", ".join(
        [
            f'{{"op": "{span.op.value}", "left": {encode_basestring(span.left)}, '
            f'"right": {encode_basestring(span.right)}}}'
            for span in row.spans
        ]
    )
    return _Record(
        f'{{"kind": "{row.kind.value}", "moved": {_JSON_BOOL[row.moved]}, '
        f'"repeat": {_JSON_BOOL[row.repeat]}, "left": {list(row.left)}, '
        f'"right": {list(row.right)}, "score": {_number(row.score)}, "spans": [{spans}]}}'
    )


def _number(value: float) -> str:
    """A score as the encoder writes it (``repr``, but ``NaN`` and ``Infinity``)."""
    return repr(value) if math.isfinite(value) else _compact(value)


def _document(document: Document, paragraph: Callable[[Paragraph], Any]) -> dict[str, Any]:
    return {
        "path": document.path,
        "title": document.title,
        "encoding": document.encoding,
        "paragraphs": list(map(paragraph, document.paragraphs)),
    }


def to_dict(alignment: Alignment) -> dict[str, Any]:
    return _model(alignment, _paragraph, _row)


def _model(
    alignment: Alignment, paragraph: Callable[[Paragraph], Any], row: Callable[[Row], Any]
) -> dict[str, Any]:
    return {
        "version": SCHEMA_VERSION,
        "left": _document(alignment.left, paragraph),
        "right": _document(alignment.right, paragraph),
        "similarity": alignment.similarity,
        "stats": asdict(alignment.stats),
        "rows": list(map(row, alignment.rows)),
    }


def render_json(alignment: Alignment) -> str:
    """The JSON text, one paragraph or row per line (readable, and easy to grep or stream
    line by line), plus a final newline.

    Each paragraph and row is one record formatted on its own (with ``indent`` set,
    ``json.dumps`` falls back to a pure-Python encoder, which was the slowest stage of a
    50,000-paragraph comparison), the few other members by the standard library's C
    encoder. Small pieces are joined once at the end."""
    from newsdiff.compare import paused_gc

    out: list[str] = []
    with paused_gc():
        _write(_model(alignment, _paragraph_record, _row_record), 0, out)
    out.append("\n")
    return "".join(out)


_compact = json.JSONEncoder(ensure_ascii=False).encode


def _write(value: dict[str, Any], level: int, out: list[str]) -> None:
    """Append a dict with one member per line; a member holding a dict is written the same
    way, one holding a list of records with one record per line, anything else compact."""
    inner = "\n" + " " * (level + 1)
    separator = "{" + inner
    for key, item in value.items():
        out.append(separator + encode_basestring(key) + ": ")
        if isinstance(item, dict):
            _write(item, level + 1, out)
        elif isinstance(item, list) and item and all(isinstance(x, _Record) for x in item):
            record = "\n" + " " * (level + 2)
            out.append("[" + record + ("," + record).join(item))
            out.append(inner + "]")
        else:
            out.append(_compact(item))
        separator = "," + inner
    out.append("\n" + " " * level + "}" if value else "{}")
