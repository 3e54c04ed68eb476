"""Plain strings wrapped, cropped and padded to terminal cells exactly as Rich does it,
without importing Rich for the common case.

Text whose every character takes exactly one cell (Latin, Greek, Cyrillic, common
punctuation: nearly all news copy) is measured by counting characters, so wrapping it is a
transcription of Rich's ``divide_line`` (``break_offsets``). Anything else (CJK, emoji,
combining marks, newlines, tabs) goes through Rich itself, imported only then. Both paths
give the same output, character for character (``tests/test_bench_fastpaths.py``). Keeping
Rich out of the import path saves a fifth of a one-shot's start-up.
"""

from __future__ import annotations

import re
from functools import cache
from itertools import pairwise
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

# Characters that take exactly one terminal cell (Rich's own single-cell fast path uses the
# same kind of table; arrows and maths for the notes' ↳ → ⋯ −). Text made only of these is
# wrapped without Rich's per-cell measuring.
SINGLE_CELL = frozenset(
    chr(code)
    for start, end in (
        (0x20, 0x7E), (0xA0, 0xAC), (0xAE, 0x2FF), (0x370, 0x482),
        (0x2010, 0x2027), (0x2030, 0x205E), (0x20A0, 0x20C0), (0x2190, 0x22FF),
    )
    for code in range(start, end + 1)
)  # fmt: skip
_single_cell = SINGLE_CELL.issuperset
FAST_PATHS = True  # False sends everything through Rich (tests compare the two)
_WORD_SPACE = re.compile(r"\s*\S+\s*")  # a word with the spaces around it, as Rich wraps
_TRAILING_SPACE = re.compile(r"\s+$")


def measured_by_length(text: str) -> bool:
    """True when ``len(text)`` is its width in cells and it wraps without Rich."""
    return FAST_PATHS and "\n" not in text and _single_cell(text)


@cache
def neutral_console() -> Console:
    """A console for Rich's wrapping of the rest (wrapping does not depend on its settings)."""
    from rich.console import Console

    return Console(color_system=None, emoji=False, markup=False, highlight=False, _environ={})


def break_offsets(text: str, width: int) -> list[int]:
    """Where Rich's ``divide_line(text, width, fold=True)`` breaks ``text``, for text of
    single-cell characters only (so a cell count is a character count).

    A line is cut at the last word start before its end, found with ``rfind`` (a few C
    calls a line) rather than word by word; text with a word wider than the column (which
    Rich folds) goes word by word (``_break_offsets_by_word``). O(len(text))."""
    first = _FIRST_WORD.match(text)
    if first is not None and first.end() > width:  # the first word (and spaces before it)
        return _break_offsets_by_word(text, width)
    breaks: list[int] = []
    start, size = 0, len(text)
    while start + width < size:
        limit = start + width
        if text[limit] in _SPACES:  # the line ends between words: cut at the next word
            found = _NON_SPACE.search(text, limit)
            if found is None:
                break  # only spaces are left: they hang off the last line
            start = found.start()
        else:  # cut before the word running past the end of the line
            cut = max(text.rfind(" ", start, limit), text.rfind("\xa0", start, limit)) + 1
            if cut <= start:  # that word alone is wider than the line: Rich folds it
                return _break_offsets_by_word(text, width)
            start = cut
        breaks.append(start)
    return breaks


_SPACES = " \xa0"  # the whitespace characters of SINGLE_CELL
_NON_SPACE = re.compile(r"\S")
_FIRST_WORD = re.compile(r"\s*\S+")


def _break_offsets_by_word(text: str, width: int) -> list[int]:
    """``break_offsets`` word by word: a transcription of Rich's ``divide_line``."""
    breaks: list[int] = []
    offset = 0
    for match in _WORD_SPACE.finditer(text):
        start, word = match.start(), match.group()
        length = len(word.rstrip())
        if width - offset >= length:
            offset += len(word)
        elif length > width:  # fold a word wider than the column
            chunks = [word[k : k + width] for k in range(0, len(word), width)]
            for chunk in chunks[:-1]:
                if start:
                    breaks.append(start)
                start += len(chunk)
            if start:
                breaks.append(start)
            offset = len(chunks[-1])
        elif offset and start:
            breaks.append(start)
            offset = len(word)
    return breaks


def _fitted_length(piece: str, width: int) -> int:
    """How much of a wrapped piece Rich keeps: trailing spaces beyond the width dropped,
    then cropped to the width (single-cell text)."""
    length = len(piece)
    excess = length - width
    if excess > 0:
        space = _TRAILING_SPACE.search(piece)
        if space is not None:
            length -= min(len(space.group()), excess)
        length = min(length, width)
    return length


def line_bounds(text: str, width: int) -> list[tuple[int, int]]:
    """(start, end) in ``text`` of each line Rich wraps it into, for text that is
    ``measured_by_length``; one empty line for empty text."""
    bounds = [0, *break_offsets(text, width), len(text)]
    return [(a, a + _fitted_length(text[a:b], width)) for a, b in pairwise(bounds)]


def wrap(text: str, width: int) -> list[str]:
    """``text`` word-wrapped to ``width`` cells (over-long words folded), as Rich's
    ``Text.wrap(..., overflow="fold")`` gives it; one empty line for empty text."""
    if not text:
        return [""]
    if measured_by_length(text):
        return [text[a:b] for a, b in line_bounds(text, width)]
    from rich.text import Text

    return [line.plain for line in Text(text).wrap(neutral_console(), width, overflow="fold")]


def pad(text: str, width: int) -> str:
    """``text`` cropped or padded with spaces to exactly ``width`` cells."""
    if measured_by_length(text):
        return text[:width].ljust(width)
    from rich.cells import set_cell_size

    return set_cell_size(text, width)


def ellipsize(text: str, width: int) -> str:
    """``text`` cut to ``width`` cells with "…" as its last cell when it is longer."""
    if measured_by_length(text):
        return text if len(text) <= width else text[: width - 1] + "…"
    from rich.cells import cell_len, set_cell_size

    return text if cell_len(text) <= width else set_cell_size(text, width - 1) + "…"


def wrap_padded(text: str, width: int) -> list[str]:
    """``wrap`` with each line padded to ``width`` (a column of a side-by-side view)."""
    return [pad(line, width) for line in wrap(text, width)]
