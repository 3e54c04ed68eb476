"""The model as JSON (``--format json``): a view of ``Alignment``, not a second model."""

from __future__ import annotations

import json
from dataclasses import asdict
from json.encoder import encode_basestring
from typing import Any

from newsdiff.model import Alignment, Document

SCHEMA_VERSION = 1


def _document(document: Document) -> dict[str, Any]:
    return {
        "path": document.path,
        "title": document.title,
        "encoding": document.encoding,
        "paragraphs": [
            {"index": p.index, "text": p.text, "clutter": p.clutter, "line": p.line}
            for p in document.paragraphs
        ],
    }


def to_dict(alignment: Alignment) -> dict[str, Any]:
    return {
        "version": SCHEMA_VERSION,
        "left": _document(alignment.left),
        "right": _document(alignment.right),
        "similarity": alignment.similarity,
        "stats": asdict(alignment.stats),
        "rows": [
            {
                "kind": row.kind.value,
                "moved": row.moved,
                "repeat": row.repeat,
                "left": list(row.left),
                "right": list(row.right),
                "score": row.score,
                "spans": [
                    {"op": span.op.value, "left": span.left, "right": span.right}
                    for span in row.spans
                ],
            }
            for row in alignment.rows
        ],
    }


def render_json(alignment: Alignment) -> str:
    """The JSON text, one paragraph or row per line (readable, and easy to grep or stream
    line by line), plus a final newline.

    Each record goes through the standard library's C encoder on its own: with ``indent``
    set, ``json.dumps`` falls back to a pure-Python encoder, which was the slowest stage of
    a 50,000-paragraph comparison. Small pieces are joined once at the end."""
    from newsdiff.compare import paused_gc

    out: list[str] = []
    with paused_gc():
        _write(to_dict(alignment), 0, out)
    out.append("\n")
    return "".join(out)


_compact = json.JSONEncoder(ensure_ascii=False).encode


def _write(value: dict[str, Any], level: int, out: list[str]) -> None:
    """Append a dict with one member per line; a member holding a dict is written the same
    way, one holding a list of dicts with one element per line, anything else compact."""
    inner = "\n" + " " * (level + 1)
    separator = "{" + inner
    for key, item in value.items():
        out.append(separator + encode_basestring(key) + ": ")
        if isinstance(item, dict):
            _write(item, level + 1, out)
        elif isinstance(item, list) and item and all(isinstance(x, dict) for x in item):
            record = "\n" + " " * (level + 2)
            out.append("[" + record + ("," + record).join(map(_compact, item)))
            out.append(inner + "]")
        else:
            out.append(_compact(item))
        separator = "," + inner
    out.append("\n" + " " * level + "}" if value else "{}")
