"""One-shot terminal output: side by side, stacked (narrow terminals) and unified.

Side by side without colour, the commonest one-shot (``| less``, a file, a script), is built
here as plain strings with ``cells`` (Rich's wrapping, done without Rich for single-cell
text), so it never imports Rich; colour, the stacked and the unified views go through
Rich ``Text`` in ``styled``. Both give the same characters (``tests/test_bench_fastpaths.py``).
Lines are produced lazily, so ``newsdiff a b | head`` stops early.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from newsdiff.model import Alignment, Row
from newsdiff.render import cells
from newsdiff.render.labels import fold_text, marker, origin_text, stats_lines
from newsdiff.render.layout import ItemKind, LayoutOptions, layout
from newsdiff.render.safe import visible

if TYPE_CHECKING:
    from newsdiff.render.theme import DiffTheme

STACKED_BELOW = 40  # terminals narrower than this get one column
MIN_COLUMN = 12  # ... and so do side-by-side columns narrower than this (huge ¶ numbers)

ColorDepth = Literal["truecolor", "256", "standard"]


@dataclass(frozen=True)
class PlainOptions:
    """How a one-shot view is laid out: width, colour, columns."""

    width: int = 100
    color: bool = False
    layout: LayoutOptions = LayoutOptions()
    color_depth: ColorDepth = "truecolor"  # Rich's colour system


def render_side(
    alignment: Alignment, theme: DiffTheme | None, options: PlainOptions
) -> Iterator[str]:
    """Two columns, one row of paragraphs beside the other (``theme`` is needed for colour
    only; None gives the default)."""
    count = max(len(alignment.left.paragraphs), len(alignment.right.paragraphs), 1)
    nw = len(f"¶{count}") + 2
    column = (options.width - 2 * nw - 5) // 2
    if options.width < STACKED_BELOW or column < MIN_COLUMN:
        yield from render_stacked(alignment, theme, options)
    elif options.color or not cells.FAST_PATHS:
        from newsdiff.render import styled

        yield from styled.render_side(alignment, _theme(theme), options, nw, column)
    else:
        yield from _plain_side(alignment, options, nw, column)


def render_stacked(
    alignment: Alignment, theme: DiffTheme | None, options: PlainOptions
) -> Iterator[str]:
    """One column for very narrow terminals: each side of a row under the other."""
    from newsdiff.render import styled

    return styled.render_stacked(alignment, _theme(theme), options)


def render_unified(
    alignment: Alignment, theme: DiffTheme | None, options: PlainOptions
) -> Iterator[str]:
    """One column, changes inline: [-deleted-]{+inserted+} when colour is off."""
    from newsdiff.render import styled

    return styled.render_unified(alignment, _theme(theme), options)


def _theme(theme: DiffTheme | None) -> DiffTheme:
    from newsdiff.render.theme import get_theme

    return theme or get_theme()


def _plain_side(alignment: Alignment, options: PlainOptions, nw: int, column: int) -> Iterator[str]:
    """``styled.render_side`` without colour, built as strings."""
    for sign, document in (("---", alignment.left), ("+++", alignment.right)):
        header = f"{sign} {visible(document.path)}  {visible(document.title)}"
        yield cells.ellipsize(header, max(options.width, 10)).rstrip()
    blank_number, blank_text = " " * nw, " " * column
    for item in layout(alignment, options.layout):
        if item.kind is ItemKind.FOLD:
            for piece in cells.wrap(fold_text(item), options.width - nw - 1):
                yield f"{blank_number} {piece}".rstrip()
        elif item.kind is ItemKind.ORIGIN:
            note = cells.pad(origin_text(alignment, item), column)
            before = "" if item.label == "left" else f"{blank_number} {blank_text}   "
            yield f"{before}{blank_number} {note}".rstrip()
        else:
            yield from plain_row_lines(alignment.rows[item.row], nw, column)
    for summary in stats_lines(alignment):
        for line in cells.wrap(summary, max(options.width, 10)):
            yield line.rstrip()


def plain_row_lines(row: Row, nw: int, column: int) -> list[str]:
    """The lines of one side-by-side row without colour."""
    left = plain_column_lines(row, "left", nw, column)
    right = plain_column_lines(row, "right", nw, column)
    return join_columns(left, right, f" {marker(row)} ", nw, column)


def join_columns(
    left: list[tuple[str, str]], right: list[tuple[str, str]], mark: str, nw: int, column: int
) -> list[str]:
    """Side-by-side lines from each side's (number cell, text cell) lines: the row's gutter
    mark on its first line, blank cells where one side has run out."""
    blank = (" " * nw, " " * column)
    lines = []
    for k in range(max(len(left), len(right))):
        lnum, ltext = left[k] if k < len(left) else blank
        rnum, rtext = right[k] if k < len(right) else blank
        lines.append(f"{lnum} {ltext}{mark if k == 0 else '   '}{rnum} {rtext}".rstrip())
    return lines


def plain_column_lines(row: Row, side: str, nw: int, column: int) -> list[tuple[str, str]]:
    """(number cell, text cell) per screen line of one side of a row, as plain strings."""
    indices = row.left if side == "left" else row.right
    if not indices:
        return []
    pieces = (span.left if side == "left" else span.right for span in row.spans)
    paragraphs = "".join(visible(piece) for piece in pieces if piece).split("\n")
    paragraphs += [""] * (len(indices) - len(paragraphs))
    lines: list[tuple[str, str]] = []
    blank_number = " " * nw
    for index, paragraph in zip(indices, paragraphs, strict=False):
        for k, piece in enumerate(cells.wrap_padded(paragraph, column)):
            lines.append((f"¶{index + 1}".rjust(nw) if k == 0 else blank_number, piece))
    return lines
