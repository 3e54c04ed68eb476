"""One-shot terminal output: side-by-side, stacked (narrow terminals) and unified.

Lines are produced lazily, so ``newsdiff a b | head`` stops early. Wrapping is Rich's
(cell-width aware: CJK and emoji take two cells, words are never cut unless a single word
is wider than the column, which is then folded).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from rich.console import Console
from rich.text import Text

from newsdiff.model import Alignment, Row
from newsdiff.render.layout import Item, ItemKind, LayoutOptions, layout
from newsdiff.render.safe import visible
from newsdiff.render.text import numbers, side_paragraphs, stats_line, unified_text
from newsdiff.render.theme import MARKERS, DiffTheme

STACKED_BELOW = 40  # terminals narrower than this get one column


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


def _wrap(console: Console, text: Text, width: int) -> list[Text]:
    if not text.plain:
        return [Text()]
    return list(text.wrap(console, width, overflow="fold", no_wrap=False))


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


def _fold_text(item: Item) -> str:
    what = f"{item.label if item.label == 'clutter' else 'unchanged'} paragraph"
    what += "" if item.count == 1 else "s"
    hint = " (--clutter shows them)" if item.label == "clutter" else ""
    return f"⋯ {item.count} {what} hidden{hint}"


def _origin_text(alignment: Alignment, item: Item) -> str:
    row = alignment.rows[item.row]
    if item.label == "left":
        return f"↳ {numbers(row.left)} moved → next to R{numbers(row.right)}"
    return f"↳ {numbers(row.right)} moved ← from L{numbers(row.left)}"


def render_side(alignment: Alignment, theme: DiffTheme, options: PlainOptions) -> Iterator[str]:
    """Two columns, one row of paragraphs beside the other."""
    if options.width < STACKED_BELOW:
        yield from render_stacked(alignment, theme, options)
        return
    console = _console(options)
    emit = _Emitter(console, options.color)
    count = max(len(alignment.left.paragraphs), len(alignment.right.paragraphs), 1)
    nw = len(f"¶{count}") + 2
    column = (options.width - 2 * nw - 5) // 2
    for line in _header(alignment, options):
        yield emit.line(line)
    for item in layout(alignment, options.layout):
        if item.kind is ItemKind.FOLD:
            yield emit.line(Text(" " * (nw + 1) + _fold_text(item), style=theme.dim))
            continue
        if item.kind is ItemKind.ORIGIN:
            note = _pad(Text(_origin_text(alignment, item), style=theme.dim), column)
            blank_number, blank_text = Text(" " * nw), Text(" " * column)
            if item.label == "left":
                yield emit.line(Text.assemble(blank_number, " ", note))
            else:
                yield emit.line(
                    Text.assemble(blank_number, " ", blank_text, "   ", blank_number, " ", note)
                )
            continue
        row = alignment.rows[item.row]
        left = _column_lines(console, row, "left", theme, nw, column)
        right = _column_lines(console, row, "right", theme, nw, column)
        marker = Text(f" {_marker(row)} ", style=theme.marker)
        blank_number, blank_text = Text(" " * nw), Text(" " * column)
        for k in range(max(len(left), len(right))):
            lnum, ltext = left[k] if k < len(left) else (blank_number, blank_text)
            rnum, rtext = right[k] if k < len(right) else (blank_number, blank_text)
            yield emit.line(
                Text.assemble(lnum, " ", ltext, marker if k == 0 else "   ", rnum, " ", rtext)
            )
    yield from _footer(alignment, theme, console, emit, options.width)


def _column_lines(
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


def render_stacked(alignment: Alignment, theme: DiffTheme, options: PlainOptions) -> Iterator[str]:
    """One column for very narrow terminals: each side of a row under the other."""
    console = _console(options)
    emit = _Emitter(console, options.color)
    width = max(options.width - 2, 8)
    for line in _header(alignment, options):
        yield emit.line(line)
    for item in layout(alignment, options.layout):
        if item.kind is ItemKind.FOLD:
            yield from _wrapped(emit, console, Text(_fold_text(item), style=theme.dim), width)
            continue
        if item.kind is ItemKind.ORIGIN:
            note = Text(_origin_text(alignment, item), style=theme.dim)
            yield from _wrapped(emit, console, note, width)
            continue
        row = alignment.rows[item.row]
        yield emit.line(Text(f"{_marker(row)} {row.marker}", style=theme.marker))
        for side, prefix in (("left", "L"), ("right", "R")):
            indices = row.left if side == "left" else row.right
            for index, paragraph in zip(indices, side_paragraphs(row, side, theme), strict=False):
                yield emit.line(Text(f"{prefix}¶{index + 1}", style=theme.number))
                for piece in _wrap(console, paragraph, width):
                    yield emit.line(Text.assemble("  ", piece))
    yield from _footer(alignment, theme, console, emit, options.width)


def render_unified(alignment: Alignment, theme: DiffTheme, options: PlainOptions) -> Iterator[str]:
    """One column, changes inline: [-deleted-]{+inserted+} when colour is off."""
    console = _console(options)
    emit = _Emitter(console, options.color)
    markers = not options.color
    width = max(options.width, 10)
    for line in _header(alignment, options):
        yield emit.line(line)
    for item in layout(alignment, options.layout):
        if item.kind is ItemKind.FOLD:
            yield from _wrapped(emit, console, Text(_fold_text(item), style=theme.dim), width)
            continue
        if item.kind is ItemKind.ORIGIN:
            note = Text(_origin_text(alignment, item), style=theme.dim)
            yield from _wrapped(emit, console, note, width)
            continue
        row = alignment.rows[item.row]
        label = " ".join(filter(None, (numbers(row.left, "L"), numbers(row.right, "R"))))
        head = Text(f"{_marker(row)} {label} {row.marker}", style=theme.marker)
        yield emit.line(head)
        body = unified_text(row, theme, markers)
        for paragraph in body.split("\n", allow_blank=True):
            for piece in _wrap(console, paragraph, max(width - 2, 8)):
                yield emit.line(Text.assemble("  ", piece))
    yield from _footer(alignment, theme, console, emit, options.width)
