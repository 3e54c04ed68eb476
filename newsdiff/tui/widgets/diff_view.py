"""The comparison view: a virtualised ScrollView drawn with the Line API.

Only the lines on screen are styled: ``render_line(y)`` looks the line up in a
``ScreenLayout`` (which measures every row once per width with the fast plain wrap) and
keeps rendered ``Strip``s in an LRU cache whose key holds every input of the render
(layout generation, line, width, cursor), so the cache never needs clearing by hand.
Both articles share one scroll position: they are two halves of the same line.
"""

from __future__ import annotations

import time

from rich.style import Style
from textual import work
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.worker import get_current_worker

from newsdiff.model import Alignment
from newsdiff.render.layout import ItemKind, LayoutOptions
from newsdiff.render.screen import ScreenLayout, ScreenOptions
from newsdiff.render.theme import DiffTheme, get_theme
from newsdiff.similarity import search_pattern

CURSOR = Style(bgcolor="grey19")
MEASURE_NOW = 1500  # bigger comparisons show estimated heights first, exact ones a moment later
MEASURE_FIRST = 300  # ... all but their first rows: several screens, measured in ~25 ms
MATCH = Style(reverse=True, bold=True)


class DiffView(ScrollView, can_focus=True):
    """Side-by-side or unified comparison of one pair."""

    BINDINGS = [
        Binding("j", "scroll_down", "Down", show=False),
        Binding("k", "scroll_up", "Up", show=False),
        Binding("g", "scroll_home", "Top", show=False),
        Binding("G", "scroll_end", "Bottom", show=False),
        Binding("space", "page_down", "Page down", show=False),
        Binding("b", "page_up", "Page up", show=False),
    ]

    class CursorMoved(Message):
        """The selected item changed (the status line shows the position)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.alignment: Alignment | None = None
        self.theme: DiffTheme = get_theme()
        self.unified = False
        self.layout_options = LayoutOptions()
        self.search = ""
        self.screen_layout: ScreenLayout | None = None
        self.cursor: int | None = None  # item index
        self._generation = 0
        self._strips: LRUCache[tuple, Strip] = LRUCache(1024)
        self.first_rows_drawn: float | None = None  # perf_counter() of the first row drawn

    # -- state ----------------------------------------------------------------------------
    def show(self, alignment: Alignment | None) -> None:
        self.alignment = alignment
        self.cursor = None
        self.relayout()
        self.scroll_home(animate=False)

    def replace(self, alignment: Alignment) -> None:
        """Show a new version of the same rows (word diffs added) without moving."""
        self.alignment = alignment
        self.relayout()

    def configure(
        self,
        *,
        theme: DiffTheme | None = None,
        unified: bool | None = None,
        layout_options: LayoutOptions | None = None,
        search: str | None = None,
    ) -> None:
        """Change how the pair is shown, keeping the selected row on screen if it still is."""
        row = self.cursor_row()
        if theme is not None:
            self.theme = theme
        if unified is not None:
            self.unified = unified
        if layout_options is not None:
            self.layout_options = layout_options
        if search is not None:
            self.search = search
        self.relayout()
        if row is not None and self.screen_layout is not None:
            self.select(self.screen_layout.row_item(row))

    def relayout(self) -> None:
        self._generation += 1
        width = self.scrollable_content_region.width or self.size.width or 80
        if self.alignment is None:
            self.screen_layout = None
            self.virtual_size = Size(width, 0)
        else:
            options = ScreenOptions(width, self.unified, self.layout_options)
            big = len(self.alignment.rows) > MEASURE_NOW
            self.screen_layout = ScreenLayout(
                self.alignment, self.theme, options, self.app.console,
                measure_first=MEASURE_FIRST if big else None,
            )  # fmt: skip
            self.virtual_size = Size(width, self.screen_layout.total)
            if not self.screen_layout.exact:
                self._measure(self.screen_layout)
        self.refresh()

    @work(thread=True, exclusive=True, group="measure")
    def _measure(self, layout: ScreenLayout) -> None:
        """Exact heights of a big layout, measured off the UI thread."""
        heights = layout.exact_heights()
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._install_heights, layout, heights)

    def _install_heights(self, layout: ScreenLayout, heights: list[int]) -> None:
        if layout is not self.screen_layout:
            return  # the layout changed meanwhile (resize, toggle)
        top, offset = layout.locate(min(self.scroll_offset.y, max(layout.total - 1, 0)))
        layout.install_heights(heights)
        layout.exact = True
        self._generation += 1
        self.virtual_size = Size(self.virtual_size.width, layout.total)
        if layout.items:
            self.scroll_to(y=layout.starts[top] + offset, animate=False)
        self.refresh()

    def on_resize(self) -> None:
        if self.screen_layout and self.screen_layout.width != self.scrollable_content_region.width:
            self.configure()

    # -- selection ------------------------------------------------------------------------
    def cursor_row(self) -> int | None:
        if self.cursor is None or self.screen_layout is None:
            return None
        item = self.screen_layout.items[self.cursor]
        return item.row if item.kind is ItemKind.ROW else None

    def select(self, item: int | None, *, center: bool = True) -> None:
        """Select an item and scroll it into view."""
        layout = self.screen_layout
        if layout is None or item is None or not 0 <= item < len(layout.items):
            return
        self.cursor = item
        self._generation += 1
        top = layout.starts[item]
        if center:
            self.scroll_to(y=max(0, top - self.size.height // 3), animate=False)
        self.refresh()
        self.post_message(self.CursorMoved())

    def on_click(self, event) -> None:
        if self.screen_layout is not None:
            y = event.y + self.scroll_offset.y
            if 0 <= y < self.screen_layout.total:
                self.select(self.screen_layout.locate(y)[0], center=False)

    # -- scrolling: instant jumps, as in less(1); an animated page costs ~30 frames ---------
    def action_page_down(self) -> None:
        self.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        self.scroll_page_up(animate=False)

    def action_scroll_home(self) -> None:
        self.scroll_home(animate=False)

    def action_scroll_end(self) -> None:
        self.scroll_end(animate=False)

    def action_scroll_down(self) -> None:
        self.scroll_relative(y=1, animate=False)

    def action_scroll_up(self) -> None:
        self.scroll_relative(y=-1, animate=False)

    # -- drawing --------------------------------------------------------------------------
    def render_lines(self, crop):
        self._base_style = self.rich_style  # once per refresh, not once per line
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        line_y = scroll_y + y
        layout = self.screen_layout
        base = getattr(self, "_base_style", None) or self.rich_style
        if layout is None or line_y >= layout.total:
            return Strip.blank(width, base)
        if self.first_rows_drawn is None:
            self.first_rows_drawn = time.perf_counter()  # for benchmarks/tui_bench.py
        key = (self._generation, line_y)
        strip = self._strips.get(key)
        if strip is None:
            text = layout.line(line_y)
            if self.search.strip():
                text = text.copy()
                text.highlight_regex(search_pattern(self.search), MATCH)
            item, _ = layout.locate(line_y)
            if item == self.cursor:
                text = text.copy()
                text.stylize_before(CURSOR)
            strip = Strip(list(text.render(self.app.console)), text.cell_len)
            self._strips[key] = strip
        return strip.crop_extend(scroll_x, scroll_x + width, base).apply_style(base)
