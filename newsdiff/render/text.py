"""Model rows as Rich ``Text``: styled spans over plain, sanitised article text.

Article text only ever enters Rich as the plain string of a ``Text`` (never markup), after
``safe.visible`` has neutralised control and bidi characters. Styles are spans on top.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text

from newsdiff.model import Row, SpanOp
from newsdiff.render.safe import visible
from newsdiff.render.theme import DiffTheme


def side_runs(row: Row, side: str, theme: DiffTheme) -> list[tuple[str, Style | None]]:
    """The visible text of ``side`` ("left" or "right") of the row in runs, each with the
    style of its change (None: unchanged); paragraphs are separated by "\n"."""
    runs: list[tuple[str, Style | None]] = []
    for span in row.spans:
        piece = span.left if side == "left" else span.right
        if not piece:
            continue
        if span.op is SpanOp.EQUAL:
            style = None
        elif span.op is SpanOp.REPLACE:
            style = theme.replaced_left if side == "left" else theme.replaced_right
        else:
            style = theme.deleted if span.op is SpanOp.DELETE else theme.inserted
        runs.append((visible(piece), style))
    return runs


def side_paragraphs(row: Row, side: str, theme: DiffTheme) -> list[Text]:
    """One styled Text per paragraph of ``side`` ("left" or "right") of the row."""
    text = Text()
    for piece, style in side_runs(row, side, theme):
        text.append(piece, style)
    count = len(row.left if side == "left" else row.right)
    if count == 0:
        return []
    parts = text.split("\n", allow_blank=True)
    return list(parts) + [Text()] * (count - len(parts))


def unified_runs(row: Row, theme: DiffTheme, markers: bool) -> list[tuple[str, Style | None]]:
    """The row in one column with changes inline, in styled runs; ``markers`` adds
    [-...-]{+...+} brackets. Paragraphs are separated by "\n"."""
    runs: list[tuple[str, Style | None]] = []
    for span in row.spans:
        if span.op is SpanOp.EQUAL:
            runs.append((visible(span.right or span.left), None))
            continue
        if span.left:
            if markers:
                style = theme.replaced_left if span.op is SpanOp.REPLACE else theme.deleted
            else:
                # colour alone: old words struck in the deleted colour, so the new words
                # of a rewording (in the rewording colour) never run into them unseen
                style = theme.deleted + Style(strike=True)
            runs.append((f"[-{visible(span.left)}-]" if markers else visible(span.left), style))
            if (
                not markers
                and span.right
                and not (span.left[-1].isspace() or span.right[0].isspace())
            ):
                runs.append((" ", None))  # "republic Tehran", not "republicTehran" when copied
        if span.right:
            style = theme.replaced_right if span.op is SpanOp.REPLACE else theme.inserted
            runs.append((f"{{+{visible(span.right)}+}}" if markers else visible(span.right), style))
    return runs


def unified_text(row: Row, theme: DiffTheme, markers: bool) -> Text:
    """``unified_runs`` as one Text."""
    text = Text()
    for piece, style in unified_runs(row, theme, markers):
        text.append(piece, style)
    return text
