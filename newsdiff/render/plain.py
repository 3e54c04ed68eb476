"""One-shot terminal output: side-by-side, stacked (narrow terminals) and unified.

Lines are produced lazily, so ``newsdiff a b | head`` stops early. Wrapping is Rich's
(cell-width aware: CJK and emoji take two cells, words are never cut unless a single word
is wider than the column, which is then folded).

Speed: wrapping is the bulk of the cost of a long comparison, so text whose every character
takes exactly one cell (Latin, Greek, Cyrillic, common punctuation: nearly all news copy)
is wrapped by ``_break_offsets``, a transcription of Rich's ``divide_line`` for that case,
and without colour the side-by-side rows are assembled as plain strings. Anything else
(CJK, emoji, combining marks, ...) goes through Rich itself. Both paths give the same
output, character for character (``tests/test_bench_fastpaths.py``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import pairwise

from rich.console import Console
from rich.text import Text

from newsdiff.model import Alignment, Row
from newsdiff.render.layout import Item, ItemKind, LayoutOptions, layout
from newsdiff.render.safe import visible
from newsdiff.render.text import numbers, side_paragraphs, stats_line, unified_text
from newsdiff.render.theme import MARKERS, DiffTheme

STACKED_BELOW = 40  # terminals narrower than this get one column
MIN_COLUMN = 12  # ... and so do side-by-side columns narrower than this (huge ¶ numbers)


@dataclass(frozen=True)
class PlainOptions:
    width: int = 100
    color: bool = False
    layout: LayoutOptions = LayoutOptions()


def _console(options: PlainOptions) -> Console:
    return Console(
        width=max(options.width, 10),
        color_system="truecolor" if options.color else None,
        force_terminal=options.color,
        no_color=not options.color,
        emoji=False,
        markup=False,
        highlight=False,
        legacy_windows=False,
        _environ={},
    )


class _Emitter:
    """Turns Text lines into strings with ANSI styles (or plain)."""

    def __init__(self, console: Console, color: bool):
        self.console, self.color = console, color

    def line(self, text: Text) -> str:
        if not self.color:
            return text.plain.rstrip()
        out = []
        base = self.console.get_style(text.style) if text.style else None
        system = self.console._color_system
        for segment in text.render(self.console):  # yields span styles only, not text.style
            style = base + segment.style if base and segment.style else base or segment.style
            if style and segment.text:
                out.append(style.render(segment.text, color_system=system))
            else:
                out.append(segment.text)
        return "".join(out).rstrip()


# Characters that take exactly one terminal cell (Rich's own single-cell fast path uses the
# same kind of table). Text made only of these is wrapped without Rich's per-cell measuring.
_SINGLE_CELL = frozenset(
    chr(code)
    for start, end in (
        (0x20, 0x7E), (0xA0, 0xAC), (0xAE, 0x2FF), (0x370, 0x482),
        (0x2010, 0x2027), (0x2030, 0x205E), (0x20A0, 0x20C0),
    )
    for code in range(start, end + 1)
)  # fmt: skip
_single_cell = _SINGLE_CELL.issuperset
_FAST_PATHS = True  # False sends everything through Rich (tests compare the two)
_WORD_SPACE = re.compile(r"\s*\S+\s*")  # a word with the spaces around it, as Rich wraps
_TRAILING_SPACE = re.compile(r"\s+$")


def _break_offsets(text: str, width: int) -> list[int]:
    """Where Rich's ``divide_line(text, width, fold=True)`` breaks ``text``, for text of
    single-cell characters only (so a cell count is a character count). O(len(text))."""
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


def _fits(piece: str, width: int) -> str:
    """A wrapped piece as Rich leaves it: trailing spaces beyond the width dropped, then
    cropped to the width (single-cell text)."""
    excess = len(piece) - width
    if excess > 0:
        space = _TRAILING_SPACE.search(piece)
        if space is not None:
            piece = piece[: len(piece) - min(len(space.group()), excess)]
        piece = piece[:width]
    return piece


def _wrap(console: Console, text: Text, width: int) -> list[Text]:
    plain = text.plain
    if not plain:
        return [Text()]
    if not _FAST_PATHS or "\n" in plain or not _single_cell(plain):
        return list(text.wrap(console, width, overflow="fold", no_wrap=False))
    lines = list(text.divide(_break_offsets(plain, width)))
    for line in lines:
        line.rstrip_end(width)
        line.truncate(width, overflow="fold")
    return lines


def _wrap_plain(console: Console, text: str, width: int) -> list[str]:
    """``_wrap`` then ``_pad`` to ``width``, as plain strings (no styles)."""
    if not text:
        return [" " * width]
    if "\n" in text or not _single_cell(text):
        return [_pad(line, width).plain for line in _wrap(console, Text(text), width)]
    bounds = [0, *_break_offsets(text, width), len(text)]
    return [_fits(text[a:b], width).ljust(width) for a, b in pairwise(bounds)]


def _pad(text: Text, width: int) -> Text:
    text = text.copy()
    text.truncate(width, overflow="crop", pad=True)
    return text


def _marker(row: Row) -> str:
    return MARKERS[row.marker]


def _header(alignment: Alignment, options: PlainOptions) -> list[Text]:
    lines = []
    for sign, document in (("---", alignment.left), ("+++", alignment.right)):
        line = Text(f"{sign} {visible(document.path)}  {visible(document.title)}", style="bold")
        line.truncate(max(options.width, 10), overflow="ellipsis")
        lines.append(line)
    return lines


def _wrapped(emit: _Emitter, console: Console, text: Text, width: int) -> Iterator[str]:
    for line in _wrap(console, text, max(width, 10)):
        yield emit.line(line)


def _footer(
    alignment: Alignment, theme: DiffTheme, console: Console, emit: _Emitter, width: int
) -> Iterator[str]:
    yield from _wrapped(emit, console, Text(stats_line(alignment), style=theme.dim), width)


def fold_text(item: Item) -> str:
    what = f"{item.label if item.label == 'clutter' else 'unchanged'} paragraph"
    what += "" if item.count == 1 else "s"
    hint = " (--clutter shows them)" if item.label == "clutter" else ""
    return f"⋯ {item.count} {what} hidden{hint}"


def origin_text(alignment: Alignment, item: Item) -> str:
    row = alignment.rows[item.row]
    if item.label == "left":
        return f"↳ {numbers(row.left)} moved → next to R{numbers(row.right)}"
    return f"↳ {numbers(row.right)} moved ← from L{numbers(row.left)}"


def render_side(alignment: Alignment, theme: DiffTheme, options: PlainOptions) -> Iterator[str]:
    """Two columns, one row of paragraphs beside the other."""
    count = max(len(alignment.left.paragraphs), len(alignment.right.paragraphs), 1)
    nw = len(f"¶{count}") + 2
    column = (options.width - 2 * nw - 5) // 2
    if options.width < STACKED_BELOW or column < MIN_COLUMN:
        yield from render_stacked(alignment, theme, options)
        return
    console = _console(options)
    emit = _Emitter(console, options.color)
    plain = not options.color and _FAST_PATHS
    for line in _header(alignment, options):
        yield emit.line(line)
    for item in layout(alignment, options.layout):
        if item.kind is ItemKind.FOLD:
            fold = Text(fold_text(item), style=theme.dim)
            for piece in _wrap(console, fold, options.width - nw - 1):
                yield emit.line(Text.assemble(" " * (nw + 1), piece))
            continue
        if item.kind is ItemKind.ORIGIN:
            note = _pad(Text(origin_text(alignment, item), style=theme.dim), column)
            blank_number, blank_text = Text(" " * nw), Text(" " * column)
            if item.label == "left":
                yield emit.line(Text.assemble(blank_number, " ", note))
            else:
                yield emit.line(
                    Text.assemble(blank_number, " ", blank_text, "   ", blank_number, " ", note)
                )
            continue
        row = alignment.rows[item.row]
        if plain:
            yield from _plain_row_lines(console, row, nw, column)
            continue
        left = column_lines(console, row, "left", theme, nw, column)
        right = column_lines(console, row, "right", theme, nw, column)
        marker = Text(f" {_marker(row)} ", style=theme.marker)
        blank_number, blank_text = Text(" " * nw), Text(" " * column)
        for k in range(max(len(left), len(right))):
            lnum, ltext = left[k] if k < len(left) else (blank_number, blank_text)
            rnum, rtext = right[k] if k < len(right) else (blank_number, blank_text)
            yield emit.line(
                Text.assemble(lnum, " ", ltext, marker if k == 0 else "   ", rnum, " ", rtext)
            )
    yield from _footer(alignment, theme, console, emit, options.width)


def column_lines(
    console: Console, row: Row, side: str, theme: DiffTheme, nw: int, column: int
) -> list[tuple[Text, Text]]:
    """(number cell, text cell) per screen line of one side of a row."""
    indices = row.left if side == "left" else row.right
    lines: list[tuple[Text, Text]] = []
    for index, paragraph in zip(indices, side_paragraphs(row, side, theme), strict=False):
        for k, piece in enumerate(_wrap(console, paragraph, column)):
            number = f"¶{index + 1}" if k == 0 else ""
            lines.append((Text(number.rjust(nw), style=theme.number), _pad(piece, column)))
    return lines


def _plain_row_lines(console: Console, row: Row, nw: int, column: int) -> Iterator[str]:
    """The lines of one side-by-side row without colour: what ``render_side`` makes through
    Rich ``Text``, built as strings."""
    left = _plain_column_lines(console, row, "left", nw, column)
    right = _plain_column_lines(console, row, "right", nw, column)
    marker = f" {_marker(row)} "
    blank = (" " * nw, " " * column)
    for k in range(max(len(left), len(right))):
        lnum, ltext = left[k] if k < len(left) else blank
        rnum, rtext = right[k] if k < len(right) else blank
        yield f"{lnum} {ltext}{marker if k == 0 else '   '}{rnum} {rtext}".rstrip()


def _plain_column_lines(
    console: Console, row: Row, side: str, nw: int, column: int
) -> list[tuple[str, str]]:
    """``column_lines`` as plain strings (same wrapping, padding and numbering)."""
    indices = row.left if side == "left" else row.right
    if not indices:
        return []
    pieces = (span.left if side == "left" else span.right for span in row.spans)
    paragraphs = "".join(visible(piece) for piece in pieces if piece).split("\n")
    paragraphs += [""] * (len(indices) - len(paragraphs))
    lines: list[tuple[str, str]] = []
    blank_number = " " * nw
    for index, paragraph in zip(indices, paragraphs, strict=False):
        for k, piece in enumerate(_wrap_plain(console, paragraph, column)):
            lines.append((f"¶{index + 1}".rjust(nw) if k == 0 else blank_number, piece))
    return lines


def _one_column(
    alignment: Alignment,
    theme: DiffTheme,
    options: PlainOptions,
    row_lines: Callable[[Row, Console, int], Iterator[Text]],
) -> Iterator[str]:
    """Header, then each layout item as wrapped lines (rows by ``row_lines``), then stats."""
    console = _console(options)
    emit = _Emitter(console, options.color)
    width = max(options.width, 10)
    for line in _header(alignment, options):
        yield emit.line(line)
    for item in layout(alignment, options.layout):
        if item.kind is ItemKind.ROW:
            for line in row_lines(alignment.rows[item.row], console, width):
                yield emit.line(line)
            continue
        text = fold_text(item) if item.kind is ItemKind.FOLD else origin_text(alignment, item)
        yield from _wrapped(emit, console, Text(text, style=theme.dim), width)
    yield from _footer(alignment, theme, console, emit, options.width)


def render_stacked(alignment: Alignment, theme: DiffTheme, options: PlainOptions) -> Iterator[str]:
    """One column for very narrow terminals: each side of a row under the other."""

    def row_lines(row: Row, console: Console, width: int) -> Iterator[Text]:
        yield from _wrap(console, Text(f"{_marker(row)} {row.marker}", style=theme.marker), width)
        for side, prefix in (("left", "L"), ("right", "R")):
            indices = row.left if side == "left" else row.right
            for index, paragraph in zip(indices, side_paragraphs(row, side, theme), strict=False):
                yield from _wrap(console, Text(f"{prefix}¶{index + 1}", style=theme.number), width)
                for piece in _wrap(console, paragraph, max(width - 2, 8)):
                    yield Text.assemble("  ", piece)

    return _one_column(alignment, theme, options, row_lines)


def render_unified(alignment: Alignment, theme: DiffTheme, options: PlainOptions) -> Iterator[str]:
    """One column, changes inline: [-deleted-]{+inserted+} when colour is off."""
    markers = not options.color

    def row_lines(row: Row, console: Console, width: int) -> Iterator[Text]:
        label = " ".join(filter(None, (numbers(row.left, "L"), numbers(row.right, "R"))))
        label = f"{_marker(row)} {label} {row.marker}"
        yield from _wrap(console, Text(label, style=theme.marker), width)
        for paragraph in unified_text(row, theme, markers).split("\n", allow_blank=True):
            for piece in _wrap(console, paragraph, max(width - 2, 8)):
                yield Text.assemble("  ", piece)

    return _one_column(alignment, theme, options, row_lines)
