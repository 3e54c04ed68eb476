"""The model as JSON (``--format json``): a view of ``Alignment``, not a second model."""

from __future__ import annotations

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
    """``json.dumps(to_dict(alignment), ensure_ascii=False, indent=1)`` plus a newline.

    Written by ``_write`` rather than ``json.dumps``: with ``indent`` set, the standard
    library falls back to its pure-Python generator encoder. ``_write`` gives the same
    bytes several times faster, and collects small pieces joined once at the end, because
    building and copying strings of tens of megabytes level by level was most of the time
    (and memory) of a 50,000-paragraph comparison."""
    from newsdiff.compare import paused_gc

    out: list[str] = []
    with paused_gc():
        _write(to_dict(alignment), 0, out)
    out.append("\n")
    return "".join(out)


def _scalar(value: Any) -> str | None:
    """JSON of a str, int, float, bool or None as ``json.dumps`` writes it; else None."""
    kind = type(value)
    if kind is str:
        return encode_basestring(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if kind is int:
        return int.__repr__(value)
    if kind is float:
        if value != value:
            return "NaN"
        if value in (float("inf"), float("-inf")):
            return "Infinity" if value > 0 else "-Infinity"
        return float.__repr__(value)
    return None


def _write(value: Any, level: int, out: list[str]) -> None:
    """Append ``json.dumps(value, ensure_ascii=False, indent=1)`` at nesting ``level`` to
    ``out``, for the plain dicts (string keys), lists and scalars that ``to_dict`` builds.
    O(size)."""
    scalar = _scalar(value)
    if scalar is not None:
        out.append(scalar)
        return
    inner = "\n" + " " * (level + 1)
    if isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        separator = "{" + inner
        for key, item in value.items():
            out.append(separator + encode_basestring(key) + ": ")
            _write_member(item, level + 1, out)
            separator = "," + inner
        out.append("\n" + " " * level + "}")
    elif isinstance(value, list | tuple):
        if not value:
            out.append("[]")
            return
        separator = "[" + inner
        for item in value:
            out.append(separator)
            _write_member(item, level + 1, out)
            separator = "," + inner
        out.append("\n" + " " * level + "]")
    else:
        raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def _write_member(item: Any, level: int, out: list[str]) -> None:
    scalar = _scalar(item)
    if scalar is None:
        _write(item, level, out)
    else:
        out.append(scalar)
