"""A comparison laid out as screen lines at one width, rendered on demand (for the viewer).

``ScreenLayout`` measures every layout item once per width with the fast plain-text wrap
(the same breaks as the styled wrap), keeps the start line of each item, and renders the
styled ``Text`` lines of an item only when asked, so a 10,000-paragraph pair opens
without styling 10,000 rows. ``locate(y)`` is a bisect over the start lines. A big layout
can measure only its first rows and estimate the rest, the exact heights being measured
in the background and installed a moment later.
"""

from __future__ import annotations

import bisect
import copy
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from rich.console import Console
from rich.text import Text

from newsdiff.model import Alignment, Row
from newsdiff.render import cells
from newsdiff.render.labels import MARKERS, fold_text, kind_label, numbers, origin_text
from newsdiff.render.layout import Item, ItemKind, LayoutOptions, layout
from newsdiff.render.plain import plain_column_lines
from newsdiff.render.styled import column_lines, wrap
from newsdiff.render.text import unified_text
from newsdiff.render.theme import DiffTheme
from newsdiff.similarity import search_pattern

CACHED_ITEMS = 512
ONE_COLUMN_BELOW = 40  # a view narrower than this is drawn unified, whatever was asked
# A view narrower than this is laid out this wide (words are then cut at its edge): the
# unified body wraps at the width less its two-cell indent, and never at fewer than 8.
MIN_WIDTH = 10


@dataclass(frozen=True)
class ScreenOptions:
    """How the viewer lays out a comparison: width, side by side or unified, rows shown."""

    width: int
    unified: bool = False
    layout: LayoutOptions = LayoutOptions()


class ScreenLayout:
    def __init__(
        self,
        alignment: Alignment,
        theme: DiffTheme,
        options: ScreenOptions,
        console: Console,
        measure_first: int | None = None,
        row_heights: dict[int, int] | None = None,
    ):
        """Measure every item, or only the first ``measure_first`` and estimate the rest
        (then ``exact`` is False until ``install_heights(exact_heights())``).

        ``row_heights`` remembers the height of each model row at this width and mode
        (side or unified) across layouts: hiding clutter or unchanged rows, or a new
        search, shows the same rows at the same heights, so only new rows are measured."""
        self.alignment, self.theme, self.options, self.console = alignment, theme, options, console
        self.items: list[Item] = layout(alignment, options.layout)
        width = max(options.width, MIN_WIDTH)
        self.unified = options.unified or width < ONE_COLUMN_BELOW
        count = max(len(alignment.left.paragraphs), len(alignment.right.paragraphs), 1)
        self.nw = len(f"¶{count}") + 2
        self.column = max((width - 2 * self.nw - 5) // 2, 4)
        self.width = width
        self.row_heights = {} if row_heights is None else row_heights
        measure = len(self.items) if measure_first is None else measure_first
        heights = []
        self.exact = True
        for k, item in enumerate(self.items):
            if k < measure or item.kind is not ItemKind.ROW or item.row in self.row_heights:
                heights.append(self._height(item))
            else:
                heights.append(self._estimate(item))
                self.exact = False
        self.starts: list[int] = []
        self.total = 0
        self.install_heights(heights)
        self._cache: OrderedDict[int, list[Text]] = OrderedDict()
        self._row_items: dict[int, int] | None = None
        self._change_items: list[int] | None = None
        self.rendered_items = 0  # how many items were ever styled (tests check laziness)

    def restyled(self, alignment: Alignment) -> ScreenLayout:
        """This layout for the same rows with other spans (their word diffs added), side by
        side: a row's height there depends only on its paragraphs, so the items, heights
        and scroll index stay; only the styled lines are made again."""
        twin = copy.copy(self)
        twin.alignment = alignment
        twin._cache = OrderedDict()
        twin.rendered_items = 0
        return twin

    def install_heights(self, heights: list[int]) -> None:
        """Use these row heights (from ``exact_heights``) for the scroll index."""
        starts, total = [], 0
        for height in heights:
            starts.append(total)
            total += height
        self.starts, self.total = starts, total

    def exact_heights(self, stop: Callable[[], bool] | None = None) -> list[int] | None:
        """Every item's true height at this width (what a big layout measures in the
        background after showing its first rows with estimates); None if ``stop`` said so
        (asked every 256 items)."""
        heights = []
        for k, item in enumerate(self.items):
            if stop is not None and not k % 256 and stop():
                return None
            heights.append(self._height(item))
        return heights

    # -- measuring ------------------------------------------------------------------------
    def _height(self, item: Item) -> int:
        if item.kind is not ItemKind.ROW:
            return len(cells.wrap(self._note(item), self._note_width(item)))
        found = self.row_heights.get(item.row)
        if found is None:
            found = self.row_heights[item.row] = self._row_height(self.alignment.rows[item.row])
        return found

    def _row_height(self, row: Row) -> int:
        if self.unified:
            body = unified_text(row, self.theme, markers=False).plain
            return 1 + sum(len(cells.wrap(part, self.width - 2)) for part in body.split("\n"))
        left = plain_column_lines(row, "left", self.nw, self.column)
        right = plain_column_lines(row, "right", self.nw, self.column)
        return max(len(left), len(right), 1)

    def _estimate(self, item: Item) -> int:
        """A quick guess at an item's height: text length over the column width."""
        if item.kind is not ItemKind.ROW:
            return 1
        row = self.alignment.rows[item.row]
        paragraphs = self.alignment.left.paragraphs, self.alignment.right.paragraphs
        column = self.width - 2 if self.unified else self.column
        sides = [
            sum(1 + len(paragraphs[side][k].text) // max(column - 6, 1) for k in indices)
            for side, indices in enumerate((row.left, row.right))
        ]
        return (1 + sum(sides)) if self.unified else max(*sides, 1)

    def _note_indent(self, item: Item) -> int:
        """How far a fold or move note is indented: under the text of its column."""
        if item.kind is ItemKind.ORIGIN and item.label == "right" and not self.unified:
            return self.nw + 1 + self.column + 3 + self.nw + 1
        return self.nw + 1

    def _note_width(self, item: Item) -> int:
        """The width a note wraps at (the unified view, which does not indent notes, wraps
        them as narrow as the side view does), measured and drawn alike."""
        return max(self.width - self._note_indent(item), 10)

    def _note(self, item: Item) -> str:
        if item.kind is ItemKind.FOLD:
            return fold_text(item, clutter_switch="z")
        return origin_text(self.alignment, item)

    # -- lookup ---------------------------------------------------------------------------
    def item_end(self, k: int) -> int:
        """The screen line after item ``k``'s last one."""
        return self.starts[k + 1] if k + 1 < len(self.starts) else self.total

    def locate(self, y: int) -> tuple[int, int]:
        """(item index, line within the item) of screen line ``y``."""
        k = bisect.bisect_right(self.starts, y) - 1
        return k, y - self.starts[k]

    def line(self, y: int) -> Text:
        if not 0 <= y < self.total:
            return Text()
        k, offset = self.locate(y)
        lines = self.item_lines(k)
        return lines[offset] if offset < len(lines) else Text()

    def item_lines(self, k: int) -> list[Text]:
        found = self._cache.get(k)
        if found is not None:
            self._cache.move_to_end(k)
            return found
        found = self._render(self.items[k])
        self.rendered_items += 1
        self._cache[k] = found
        if len(self._cache) > CACHED_ITEMS:
            self._cache.popitem(last=False)
        return found

    # -- rendering ------------------------------------------------------------------------
    def _render(self, item: Item) -> list[Text]:
        theme = self.theme
        if item.kind is not ItemKind.ROW:
            note = Text(self._note(item), style=theme.dim)
            pad = "" if self.unified else " " * self._note_indent(item)
            return [
                Text.assemble(pad, line)
                for line in wrap(self.console, note, self._note_width(item))
            ]
        row = self.alignment.rows[item.row]
        return self._unified(row) if self.unified else self._side(row)

    def _side(self, row: Row) -> list[Text]:
        theme = self.theme
        left = column_lines(self.console, row, "left", theme, self.nw, self.column)
        right = column_lines(self.console, row, "right", theme, self.nw, self.column)
        marker = Text(f" {MARKERS[row.marker]} ", style=theme.marker)
        blank = (Text(" " * self.nw), Text(" " * self.column))
        lines = []
        for k in range(max(len(left), len(right), 1)):
            lnum, ltext = left[k] if k < len(left) else blank
            rnum, rtext = right[k] if k < len(right) else blank
            gutter = marker if k == 0 else Text("   ")
            lines.append(Text.assemble(lnum, " ", ltext, gutter, rnum, " ", rtext))
        return lines

    def _unified(self, row: Row) -> list[Text]:
        theme = self.theme
        label = " ".join(filter(None, (numbers(row.left, "L"), numbers(row.right, "R"))))
        lines = [Text(f"{MARKERS[row.marker]} {label} {kind_label(row)}", style=theme.marker)]
        body = unified_text(row, theme, markers=False)
        for paragraph in body.split("\n", allow_blank=True):
            lines.extend(
                Text.assemble("  ", piece)
                for piece in wrap(self.console, paragraph, max(self.width - 2, 8))
            )
        return lines

    # -- navigation helpers ---------------------------------------------------------------
    def row_item(self, row_index: int) -> int | None:
        """Item index showing a model row, if it is shown."""
        if self._row_items is None:
            self._row_items = {}
            for k, item in enumerate(self.items):
                if item.kind is ItemKind.ROW:
                    self._row_items.setdefault(item.row, k)
        return self._row_items.get(row_index)

    def change_items(self) -> list[int]:
        """Items a reader should look at: changed story rows (page clutter on show is not a
        change to step through); worked out once per layout."""
        if self._change_items is None:
            alignment = self.alignment
            self._change_items = [
                k
                for k, item in enumerate(self.items)
                if item.kind is ItemKind.ROW
                and alignment.rows[item.row].is_change
                and not alignment.is_clutter(alignment.rows[item.row])
            ]
        return self._change_items

    def moved_items(self) -> list[int]:
        """The rows of moved paragraphs (not the notes where they stood)."""
        rows = self.alignment.rows
        return [
            k
            for k, item in enumerate(self.items)
            if item.kind is ItemKind.ROW and rows[item.row].moved
        ]

    def matching_items(self, term: str) -> list[int]:
        """Items whose text contains ``term`` (case, quote style and spacing ignored)."""
        matches = self._row_matcher(term)
        return [
            k
            for k, item in enumerate(self.items)
            if item.kind is ItemKind.ROW and matches(item.row)
        ]

    def hidden_matches(self, term: str) -> int:
        """How many rows this layout hides (folded clutter or unchanged rows) contain
        ``term``: a search that finds nothing on show can say where to look."""
        matches = self._row_matcher(term)
        shown = {item.row for item in self.items if item.kind is ItemKind.ROW}
        return sum(1 for k in range(len(self.alignment.rows)) if k not in shown and matches(k))

    def _row_matcher(self, term: str) -> Callable[[int], bool]:
        if not term.strip():
            return lambda row: False
        search = search_pattern(term.casefold()).search
        rows, alignment = self.alignment.rows, self.alignment

        def matches(k: int) -> bool:
            text = alignment.left_text(rows[k]) + "\n" + alignment.right_text(rows[k])
            return search(text.casefold()) is not None

        return matches

    def counterpart(self, k: int) -> int | None:
        """For a moved row, the item marking where it stood; for that marker, the row."""
        item = self.items[k]
        for j, other in enumerate(self.items):
            kinds = {other.kind, item.kind}
            if j != k and other.row == item.row and kinds == {ItemKind.ROW, ItemKind.ORIGIN}:
                return j
        return None
