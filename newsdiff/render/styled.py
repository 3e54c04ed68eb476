"""One-shot terminal output through Rich ``Text``: colour, and the stacked and unified views.

Lines are produced lazily, so ``newsdiff a b | head`` stops early. Wrapping is Rich's
(cell-width aware: CJK and emoji take two cells, words are never cut unless a single word
is wider than the column, which is then folded); single-cell text is divided at the offsets
``cells.break_offsets`` computes, the same ones Rich would.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from rich.console import Console
from rich.text import Text

from newsdiff.model import Alignment, Row
from newsdiff.render import ansi, cells
from newsdiff.render.labels import (
    fold_text,
    kind_label,
    marker,
    numbers,
    origin_text,
    stats_lines,
)
from newsdiff.render.layout import ItemKind, layout
from newsdiff.render.safe import visible
from newsdiff.render.text import side_paragraphs, unified_text
from newsdiff.render.theme import DiffTheme

if TYPE_CHECKING:
    from newsdiff.render.plain import PlainOptions


def console_for(options: PlainOptions) -> Console:
    return Console(
        width=max(options.width, 10),
        color_system=options.color_depth if options.color else None,
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


def wrap(console: Console, text: Text, width: int) -> list[Text]:
    plain = text.plain
    if not plain:
        return [Text()]
    if not cells.measured_by_length(plain):
        return list(text.wrap(console, width, overflow="fold", no_wrap=False))
    lines = list(text.divide(cells.break_offsets(plain, width)))
    for line in lines:
        line.rstrip_end(width)
        line.truncate(width, overflow="fold")
    return lines


def _pad(text: Text, width: int) -> Text:
    text = text.copy()
    text.truncate(width, overflow="crop", pad=True)
    return text


def _style_codes(console: Console, options: PlainOptions) -> ansi.StyleCodes | None:
    """Escape codes for rows written as strings (``ansi``; plain when colour is off), or
    None when every row goes through Rich (the fast paths off, as tests compare)."""
    if not cells.FAST_PATHS:
        return None
    return ansi.StyleCodes(console._color_system if options.color else None)


def _header(alignment: Alignment, options: PlainOptions) -> list[Text]:
    lines = []
    for sign, document in (("---", alignment.left), ("+++", alignment.right)):
        line = Text(f"{sign} {visible(document.path)}  {visible(document.title)}", style="bold")
        line.truncate(max(options.width, 10), overflow="ellipsis")
        lines.append(line)
    return lines


def _wrapped(emit: _Emitter, console: Console, text: Text, width: int) -> Iterator[str]:
    for line in wrap(console, text, max(width, 10)):
        yield emit.line(line)


def _footer(
    alignment: Alignment, theme: DiffTheme, console: Console, emit: _Emitter, width: int
) -> Iterator[str]:
    for summary in stats_lines(alignment):
        yield from _wrapped(emit, console, Text(summary, style=theme.dim), width)


def render_side(
    alignment: Alignment, theme: DiffTheme, options: PlainOptions, nw: int, column: int
) -> Iterator[str]:
    """Two columns of ``column`` cells, paragraph numbers ``nw`` cells wide."""
    console = console_for(options)
    emit = _Emitter(console, options.color)
    codes = _style_codes(console, options)
    for line in _header(alignment, options):
        yield emit.line(line)
    for item in layout(alignment, options.layout):
        if item.kind is ItemKind.FOLD:
            fold = Text(fold_text(item), style=theme.dim)
            for piece in wrap(console, fold, options.width - nw - 1):
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
        painted = ansi.row_lines(row, theme, codes, nw, column) if codes else None
        if painted is not None:  # one cell per character: the same bytes, without Text
            yield from painted
            continue
        left = column_lines(console, row, "left", theme, nw, column)
        right = column_lines(console, row, "right", theme, nw, column)
        mark = Text(f" {marker(row)} ", style=theme.marker)
        blank_number, blank_text = Text(" " * nw), Text(" " * column)
        for k in range(max(len(left), len(right))):
            lnum, ltext = left[k] if k < len(left) else (blank_number, blank_text)
            rnum, rtext = right[k] if k < len(right) else (blank_number, blank_text)
            yield emit.line(
                Text.assemble(lnum, " ", ltext, mark if k == 0 else "   ", rnum, " ", rtext)
            )
    yield from _footer(alignment, theme, console, emit, options.width)


def column_lines(
    console: Console, row: Row, side: str, theme: DiffTheme, nw: int, column: int
) -> list[tuple[Text, Text]]:
    """(number cell, text cell) per screen line of one side of a row."""
    indices = row.left if side == "left" else row.right
    lines: list[tuple[Text, Text]] = []
    for index, paragraph in zip(indices, side_paragraphs(row, side, theme), strict=False):
        for k, piece in enumerate(wrap(console, paragraph, column)):
            number = f"¶{index + 1}" if k == 0 else ""
            lines.append((Text(number.rjust(nw), style=theme.number), _pad(piece, column)))
    return lines


def _one_column(
    alignment: Alignment,
    theme: DiffTheme,
    options: PlainOptions,
    row_lines: Callable[[Row, Console, int], Iterator[Text]],
    fast_lines: Callable[[Row, ansi.StyleCodes, int], list[str] | None] | None = None,
) -> Iterator[str]:
    """Header, then each layout item as wrapped lines (rows by ``fast_lines`` where it can,
    else ``row_lines``), then stats."""
    console = console_for(options)
    emit = _Emitter(console, options.color)
    codes = _style_codes(console, options)
    width = max(options.width, 10)
    for line in _header(alignment, options):
        yield emit.line(line)
    for item in layout(alignment, options.layout):
        if item.kind is ItemKind.ROW:
            row = alignment.rows[item.row]
            written = fast_lines(row, codes, width) if fast_lines and codes else None
            yield from (
                written if written is not None else map(emit.line, row_lines(row, console, width))
            )
            continue
        text = fold_text(item) if item.kind is ItemKind.FOLD else origin_text(alignment, item)
        yield from _wrapped(emit, console, Text(text, style=theme.dim), width)
    yield from _footer(alignment, theme, console, emit, options.width)


def render_stacked(alignment: Alignment, theme: DiffTheme, options: PlainOptions) -> Iterator[str]:
    """One column for very narrow terminals: each side of a row under the other."""

    def row_lines(row: Row, console: Console, width: int) -> Iterator[Text]:
        yield from wrap(
            console, Text(f"{marker(row)} {kind_label(row)}", style=theme.marker), width
        )
        for side, prefix in (("left", "L"), ("right", "R")):
            indices = row.left if side == "left" else row.right
            for index, paragraph in zip(indices, side_paragraphs(row, side, theme), strict=False):
                yield from wrap(console, Text(f"{prefix}¶{index + 1}", style=theme.number), width)
                for piece in wrap(console, paragraph, max(width - 2, 8)):
                    yield Text.assemble("  ", piece)

    return _one_column(alignment, theme, options, row_lines)


def render_unified(alignment: Alignment, theme: DiffTheme, options: PlainOptions) -> Iterator[str]:
    """One column, changes inline: [-deleted-]{+inserted+} when colour is off."""
    markers = not options.color

    def row_lines(row: Row, console: Console, width: int) -> Iterator[Text]:
        label = " ".join(filter(None, (numbers(row.left, "L"), numbers(row.right, "R"))))
        label = f"{marker(row)} {label} {kind_label(row)}"
        yield from wrap(console, Text(label, style=theme.marker), width)
        for paragraph in unified_text(row, theme, markers).split("\n", allow_blank=True):
            for piece in wrap(console, paragraph, max(width - 2, 8)):
                yield Text.assemble("  ", piece)

    def fast_lines(row: Row, codes: ansi.StyleCodes, width: int) -> list[str] | None:
        return ansi.unified_lines(row, theme, codes, width, markers)

    return _one_column(alignment, theme, options, row_lines, fast_lines)
