"""Text to paragraphs.

The paragraph rule (documented in the README):
- Blank (whitespace-only) lines separate blocks.
- A block whose lines look like hard-wrapped prose (every line but the last between
  40 and 100 characters, and not a list: at most one line opens with an item marker, as
  in a numbered section "0. This License ...") is joined into one paragraph.
- Otherwise every non-empty line of a block is its own paragraph (one-paragraph-per-line
  files, captions under a date line, ticker lists).
Paragraph text is the stripped line (or the stripped lines joined by one space).
"""

from __future__ import annotations

import os
import re

from newsdiff.clutter import flag_clutter
from newsdiff.model import Document, Paragraph
from newsdiff.reading import DEFAULT_MAX_BYTES, decode_bytes, read_source

_WRAP_MIN, _WRAP_MAX = 40, 100
_LIST_ITEM = re.compile(r"^\s*(?:[-*+•]\s|\d{1,3}[.)]\s|\(?[a-z0-9]{1,3}\)\s)")


def _is_hard_wrapped(lines: list[str]) -> bool:
    if len(lines) < 2:
        return False
    # Two item markers make a list; one is a numbered paragraph ("0. This License ...") or
    # a "(2) ..." that merely wraps onto a new line: still prose.
    if sum(1 for line in lines if _LIST_ITEM.match(line)) >= 2:
        return False
    body = [len(line.strip()) for line in lines[:-1]]
    if not all(_WRAP_MIN <= n <= _WRAP_MAX for n in body):
        return False
    return len(lines[-1].strip()) <= _WRAP_MAX


def split_paragraphs(text: str) -> list[tuple[str, int]]:
    """Return (paragraph text, 1-based first line number) pairs. Cost: linear in the text."""
    paragraphs: list[tuple[str, int]] = []
    block: list[str] = []
    block_start = 0

    def flush() -> None:
        if not block:
            return
        if _is_hard_wrapped(block):
            paragraphs.append((" ".join(line.strip() for line in block), block_start))
        else:
            paragraphs.extend(
                (line.strip(), block_start + offset)
                for offset, line in enumerate(block)
                if line.strip()
            )
        block.clear()

    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            if not block:
                block_start = number
            block.append(line)
        else:
            flush()
    flush()
    return paragraphs


def build_document(text: str, path: str, encoding: str = "utf-8") -> Document:
    pieces = split_paragraphs(text)
    clutter = flag_clutter([piece for piece, _ in pieces])
    paragraphs = tuple(
        Paragraph(index=i, text=piece, clutter=flag, line=line)
        for i, ((piece, line), flag) in enumerate(zip(pieces, clutter, strict=True))
    )
    return Document(
        path=path, title=_title(paragraphs, path), paragraphs=paragraphs, encoding=encoding
    )


def _title(paragraphs: tuple[Paragraph, ...], path: str) -> str:
    for paragraph in paragraphs:
        if not paragraph.clutter and paragraph.text:
            return paragraph.text
    return os.path.basename(path) if path != "-" else "(standard input)"


def load_document(
    path: str, max_bytes: int = DEFAULT_MAX_BYTES, notes: list[str] | None = None
) -> Document:
    """Read, decode and split one article. ``notes`` collects remarks such as a guessed encoding."""
    name = "standard input" if path == "-" else path
    decoded = decode_bytes(read_source(path, max_bytes), name)
    if decoded.guessed and notes is not None:
        notes.append(f"{name}: not UTF-8, decoded as {decoded.encoding}")
    return build_document(decoded.text, path, decoded.encoding)
