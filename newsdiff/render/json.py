"""The model as JSON (``--format json``): a view of ``Alignment``, not a second model."""

from __future__ import annotations

import json
from dataclasses import asdict
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
    return json.dumps(to_dict(alignment), ensure_ascii=False, indent=1) + "\n"
