"""Rows of the side-by-side (colour) and unified views as strings, without Rich ``Text``.

Building, wrapping, padding and rendering a ``Text`` for every cell of every row made
colour output about twice as slow as the comparison itself on a 10,000-paragraph pair.
For rows whose text takes one cell per character (nearly all news copy, see
``cells.measured_by_length``) this module writes the same bytes directly: lines come from
``cells.line_bounds`` (Rich's own line breaks), and each styled run is wrapped in the
escape codes Rich renders for its style, looked up once per style (``StyleCodes``). Rows
with any other character return None and take Rich's path. The two paths are compared
byte for byte in ``tests/test_bench_fastpaths.py``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsdiff.model import Row
from newsdiff.render import cells
from newsdiff.render.labels import kind_label, marker, numbers
from newsdiff.render.plain import join_columns
from newsdiff.render.text import side_runs, unified_runs
from newsdiff.render.theme import DiffTheme

if TYPE_CHECKING:
    from rich.color import ColorSystem
    from rich.style import Style

Runs = list[tuple[int, int, "Style"]]  # (start, end, style) of the styled runs of a text


class StyleCodes:
    """The escape codes Rich puts before and after text of each style, on one console."""

    def __init__(self, color_system: ColorSystem | None):
        self.color_system = color_system
        self._codes: dict[Style, tuple[str, str]] = {}

    def paint(self, text: str, style: Style | None) -> str:
        if not text or not style:
            return text
        codes = self._codes.get(style)
        if codes is None:
            before, _, after = style.render("\0", color_system=self.color_system).partition("\0")
            codes = self._codes[style] = (before, after)
        return codes[0] + text + codes[1]

    def paint_runs(self, text: str, runs: Runs, start: int, end: int) -> str:
        """``text[start:end]`` with the runs that fall in it painted."""
        out, at = [], start
        for run_start, run_end, style in runs:
            a, b = max(run_start, start), min(run_end, end)
            if a >= b:
                continue
            out.append(text[at:a])
            out.append(self.paint(text[a:b], style))
            at = b
        out.append(text[at:end])
        return "".join(out)


def _paragraphs(
    runs: list[tuple[str, Style | None]], count: int | None = None
) -> list[tuple[str, Runs]] | None:
    """The paragraphs of runs joined by "\n", each with its styled runs (exactly ``count``
    of them if given, as a row side has), or None when a paragraph holds a character that
    is not one cell wide."""
    paragraphs: list[tuple[str, Runs]] = []
    text: list[str] = []
    styled: Runs = []
    length = 0
    for piece, style in runs:
        for k, part in enumerate(piece.split("\n")):
            if k:  # a paragraph ends
                paragraphs.append(("".join(text), styled))
                text, styled, length = [], [], 0
            if part and style:
                styled.append((length, length + len(part), style))
            text.append(part)
            length += len(part)
    if count is None or count:
        paragraphs.append(("".join(text), styled))
    if count is not None:
        paragraphs += [("", [])] * (count - len(paragraphs))
        paragraphs = paragraphs[:count]
    if not all(cells.measured_by_length(paragraph) for paragraph, _ in paragraphs):
        return None
    return paragraphs


def _column(
    row: Row, side: str, theme: DiffTheme, codes: StyleCodes, nw: int, column: int
) -> list[tuple[str, str]] | None:
    """(number cell, text cell) per screen line of one side, painted; None: not one cell
    per character."""
    indices = row.left if side == "left" else row.right
    paragraphs = _paragraphs(side_runs(row, side, theme), len(indices))
    if paragraphs is None:
        return None
    lines: list[tuple[str, str]] = []
    for index, (text, runs) in zip(indices, paragraphs, strict=False):
        for k, (start, end) in enumerate(cells.line_bounds(text, column)):
            number = codes.paint((f"¶{index + 1}" if k == 0 else "").rjust(nw), theme.number)
            padding = " " * (column - (end - start))
            lines.append((number, codes.paint_runs(text, runs, start, end) + padding))
    return lines


def row_lines(
    row: Row, theme: DiffTheme, codes: StyleCodes, nw: int, column: int
) -> list[str] | None:
    """The painted lines of one side-by-side row, or None for Rich to draw it."""
    left = _column(row, "left", theme, codes, nw, column)
    right = _column(row, "right", theme, codes, nw, column)
    if left is None or right is None:
        return None
    return join_columns(left, right, codes.paint(f" {marker(row)} ", theme.marker), nw, column)


def unified_lines(
    row: Row, theme: DiffTheme, codes: StyleCodes, width: int, markers: bool
) -> list[str] | None:
    """The lines of one row of the unified view (a label line, then the text with changes
    inline), painted by ``codes`` (``StyleCodes(None)``: plain), or None for Rich."""
    label = " ".join(filter(None, (numbers(row.left, "L"), numbers(row.right, "R"))))
    label = f"{marker(row)} {label} {kind_label(row)}"
    paragraphs = _paragraphs(unified_runs(row, theme, markers))
    if paragraphs is None or not cells.measured_by_length(label):
        return None
    bounds = cells.line_bounds(label, width)
    lines = [codes.paint(label[a:b], theme.marker).rstrip() for a, b in bounds]
    for text, runs in paragraphs:
        for a, b in cells.line_bounds(text, max(width - 2, 8)):
            lines.append(("  " + codes.paint_runs(text, runs, a, b)).rstrip())
    return lines
