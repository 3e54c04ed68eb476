"""The comparison view: a virtualised ScrollView drawn with the Line API.

Only the lines on screen are styled: ``render_line(y)`` looks the line up in a
``ScreenLayout`` (which measures every row once per width with the fast plain wrap) and
keeps rendered ``Strip``s in an LRU cache whose key holds every input of the render
(layout generation, line, whether it is the selected row's), so the cache never needs
clearing by hand and moving the selection restyles only the rows it leaves and enters.
Both articles share one scroll position: they are two halves of the same line.

The reader's place is a paragraph of one article (``Place``): a new layout (a toggle, a
search, a resize, exact heights measured) or the sides swapped keep that paragraph where
it was on screen. A selection that scrolls off screen is dropped, as in less(1): the
status line and the next toggle then follow what is shown.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from rich.style import Style
from textual import work
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import LoadingIndicator
from textual.worker import get_current_worker

from newsdiff.model import Alignment, Document
from newsdiff.render.layout import ItemKind, LayoutOptions
from newsdiff.render.screen import MIN_WIDTH, ONE_COLUMN_BELOW, ScreenLayout, ScreenOptions
from newsdiff.render.theme import DiffTheme, get_theme
from newsdiff.similarity import search_pattern

CURSOR = Style(bgcolor="grey19")
MEASURE_NOW = 1500  # bigger comparisons show estimated heights first, exact ones a moment later
MEASURE_FIRST = 300  # ... all but their first rows: several screens, measured in ~25 ms
MATCH = Style(reverse=True, bold=True)


class CalmLoadingIndicator(LoadingIndicator):
    """Textual's loading indicator, redrawn 4 times a second instead of 16: each redraw
    takes the interpreter from the alignment running in a worker thread, which made the
    first rows of a 10,000-paragraph pair ~0.35 s (a sixth) later."""

    def on_mount(self) -> None:
        self.call_after_refresh(self._calm)  # after Textual's own mount handler sets 1/16 s

    def _calm(self) -> None:
        self.auto_refresh = 1 / 4


@dataclass(frozen=True)
class Place:
    """What the reader is looking at: the selected row, else the row at the top of the
    screen, as one of its paragraphs (which survives new layouts and swapped sides)."""

    document: Document
    paragraph: int
    offset: int  # screen lines from the top of the view to the first line of what is kept
    selected: bool
    origin: bool = False  # the row's "↳ … moved" line is what is selected


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

    class LaidOut(Message):
        """A comparison was laid out for the first time (search matches can be found)."""

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
        self._opening: Place | None = None  # where a comparison shown without a size opens
        # model row -> height, per (width, unified): reused by every layout of one alignment
        self._row_heights: dict[tuple[int, bool], dict[int, int]] = {}
        self._strips: LRUCache[tuple, Strip] = LRUCache(1024)
        self.first_rows_drawn: float | None = None  # perf_counter() of the first row drawn

    def get_loading_widget(self) -> Widget:
        return CalmLoadingIndicator()

    # -- state ----------------------------------------------------------------------------
    def show(self, alignment: Alignment | None, place: Place | None = None) -> None:
        """Show a comparison, from the top or at ``place`` (a paragraph of either article).
        Under the loading cover the view has no size yet: ``on_resize`` lays it out then."""
        self.alignment = alignment
        self.cursor = None
        self._row_heights = {}
        self._opening = place
        self.relayout()  # with no width at all, nothing: an empty view until resized
        if self.screen_layout is not None:
            self._go_to_opening()

    def _go_to_opening(self) -> None:
        place, self._opening = self._opening, None
        if place is None or not self.restore(place):
            self.scroll_home(animate=False)
        self.post_message(self.LaidOut())

    def replace(self, alignment: Alignment) -> None:
        """Show a new version of the same rows (word diffs added) without moving. Side by
        side, a row's height depends only on its paragraphs, which are the same, so the
        layout is kept and only restyled; unified heights are measured again (the word
        marks take room)."""
        layout = self.screen_layout
        if layout is not None and not layout.unified:  # the same items and heights
            self.alignment = alignment
            self.screen_layout = layout.restyled(alignment)
            self._generation += 1  # the lines on screen are drawn again, highlighted
            if not layout.exact:  # measuring the old layout's heights: measure this one's
                self._measure(self.screen_layout)  # (quick: the heights it has are kept)
            self.refresh()
            return
        place = self.place()
        self.alignment = alignment
        self._row_heights = {key: memo for key, memo in self._row_heights.items() if not key[1]}
        self._relayout_keeping(place)

    def _relayout_keeping(self, place: Place | None) -> None:
        """Lay out again and bring ``place`` back; with no width yet, keep it for the first
        layout (``on_resize``); with no place, nothing stays selected."""
        self.relayout()
        if self.screen_layout is None:
            self._opening = place or self._opening
        elif place is None or not self.restore(place):
            self.cursor = None

    def configure(
        self,
        *,
        theme: DiffTheme | None = None,
        unified: bool | None = None,
        layout_options: LayoutOptions | None = None,
        search: str | None = None,
    ) -> None:
        """Change how the pair is shown, keeping the reader's place."""
        place = self.place()
        if theme is not None:
            self.theme = theme
        if unified is not None:
            self.unified = unified
        if layout_options is not None:
            self.layout_options = layout_options
        if search is not None:
            self.search = search
        self._relayout_keeping(place)

    def _content_width(self) -> int:
        """The width rows are laid out at: the view's own or, while the loading cover hides
        it (size 0), the width it is about to have: its container's, less its border and
        its scrollbar (whose room is kept whether or not it shows, so the width never flips
        and a big layout is measured once)."""
        width = self.scrollable_content_region.width
        if width or not isinstance(self.parent, Widget):
            return width
        outer = self.parent.scrollable_content_region.width
        return max(outer - self.styles.gutter.width - self.styles.scrollbar_size_vertical, 0)

    def relayout(self) -> None:
        self._generation += 1
        width = self._content_width()
        if self.alignment is None or not width:
            self.screen_layout = None
            self.cursor = None
            self.virtual_size = Size(width, 0)
        else:
            options = ScreenOptions(width, self.unified, self.layout_options)
            big = len(self.alignment.rows) > MEASURE_NOW
            one_column = self.unified or max(width, MIN_WIDTH) < ONE_COLUMN_BELOW  # as ScreenLayout
            self.screen_layout = ScreenLayout(
                self.alignment, self.theme, options, self.app.console,
                measure_first=MEASURE_FIRST if big else None,
                row_heights=self._row_heights.setdefault((width, one_column), {}),
            )  # fmt: skip
            self.virtual_size = Size(width, self.screen_layout.total)
            if self.cursor is not None and self.cursor >= len(self.screen_layout.items):
                self.cursor = None
            if not self.screen_layout.exact:
                self._measure(self.screen_layout)
        if self.screen_layout is None or self.screen_layout.exact:
            self.workers.cancel_group(self, "measure")  # an older layout's heights: not needed
        self.border_subtitle = self._modes()
        self.refresh()

    def _modes(self) -> str:
        """The views that are on, for the bottom border."""
        forced = self.screen_layout is not None and self.screen_layout.unified and not self.unified
        modes = [
            name
            for name, on in (
                ("unified", self.unified),
                ("one column: too narrow for two", forced),
                ("changes only", self.layout_options.changes_only),
                ("clutter shown", self.layout_options.show_clutter),
            )
            if on
        ]
        return " · ".join(modes)

    @work(thread=True, exclusive=True, group="measure")
    def _measure(self, layout: ScreenLayout) -> None:
        """Exact heights of a big layout, measured off the UI thread (a newer layout cancels
        this one, which then stops within a few hundred rows)."""
        worker = get_current_worker()
        heights = layout.exact_heights(stop=lambda: worker.is_cancelled)
        if heights is not None and not worker.is_cancelled:
            self.app.call_from_thread(self._install_heights, layout, heights)

    def _install_heights(self, layout: ScreenLayout, heights: list[int]) -> None:
        if layout is not self.screen_layout:
            return  # the layout changed meanwhile (resize, toggle)
        place = self.place()
        layout.install_heights(heights)
        layout.exact = True
        self._generation += 1
        self.virtual_size = Size(self.virtual_size.width, layout.total)
        if place is not None:
            self.restore(place)
        self.refresh()

    # -- the reader's place ---------------------------------------------------------------
    def place(self) -> Place | None:
        """The selected row (or its move note), else the first row at the top of the screen
        (the one before, if only notes follow), as a paragraph."""
        layout, alignment = self.screen_layout, self.alignment
        if layout is None or alignment is None or not layout.items:
            return None
        y = int(self.scroll_offset.y)
        items = layout.items
        cursor = self.cursor
        kind = items[cursor].kind if cursor is not None else None
        selected, origin = kind in (ItemKind.ROW, ItemKind.ORIGIN), kind is ItemKind.ORIGIN
        k: int | None
        if cursor is not None and selected:
            here = cursor
            k = layout.row_item(items[here].row) if origin else here
        else:
            here = layout.locate(min(y, layout.total - 1))[0]
            after = (j for j in range(here, len(items)) if items[j].kind is ItemKind.ROW)
            before = (j for j in range(here - 1, -1, -1) if items[j].kind is ItemKind.ROW)
            k = next(after, None)
            if k is None:
                k = next(before, None)
                here = k if k is not None else here
        if k is None:
            return None
        row = alignment.rows[items[k].row]
        sides = [(side, getattr(row, side)[0]) for side in ("left", "right") if getattr(row, side)]
        # A paragraph no other row holds names this row alone (a repeat shares the other).
        side, paragraph = min(
            sides, key=lambda found: sum(found[1] in getattr(r, found[0]) for r in alignment.rows)
        )
        document = alignment.left if side == "left" else alignment.right
        return Place(document, paragraph, layout.starts[here] - y, selected, origin)

    def restore(self, place: Place) -> bool:
        """Bring ``place``'s paragraph back where it was on screen (if its row is hidden now,
        the nearest shown row after it, else before it). False, with nothing selected, when
        this pair has no such article or shows no row."""
        layout, alignment = self.screen_layout, self.alignment
        self.cursor = None
        if layout is None or alignment is None:
            return False
        if place.document is alignment.left:
            side = "left"
        elif place.document is alignment.right:
            side = "right"
        else:
            return False
        holding = next(
            (r for r, row in enumerate(alignment.rows) if place.paragraph in getattr(row, side)),
            None,
        )
        if holding is None:
            return False
        nearest = [*range(holding, len(alignment.rows)), *range(holding - 1, -1, -1)]
        k = next((found for r in nearest if (found := layout.row_item(r)) is not None), None)
        if k is None:
            return False
        shown = layout.items[k].row == holding  # else hidden now: keep the place, not a pick
        if shown and place.origin:
            k = layout.counterpart(k) or k
        height = layout.item_end(k) - layout.starts[k]
        offset = max(place.offset, 1 - height)  # at least the row's last line stays on screen
        self.cursor = k if place.selected and shown else None
        self._generation += 1
        target = max(0, layout.starts[k] - offset)  # forced: a view just resized may not
        self.scroll_to(y=target, animate=False, immediate=True, force=True)  # have a scrollbar yet
        self.post_message(self.CursorMoved())
        return True

    def on_resize(self) -> None:
        width = self._content_width()
        if self.alignment is None or not width:
            return
        if self.screen_layout is None:  # shown while it had no size (under the loading cover)
            self.relayout()
            self.call_after_refresh(self._go_to_opening)  # once the new size can be scrolled
        elif self.screen_layout.width != width:
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
        top, bottom = layout.starts[item], layout.item_end(item)
        y, height = self.scroll_offset.y, self.size.height
        if center and not (y <= top and bottom <= y + height):  # not wholly shown
            # starting on screen: to the top, so more of it shows (never scroll up for n)
            target = top if y <= top < y + height else top - height // 3
            self.scroll_to(y=max(0, target), animate=False, immediate=True)
        self.refresh()
        self.post_message(self.CursorMoved())

    def _cursor_on_screen(self) -> bool:
        layout = self.screen_layout
        if layout is None or self.cursor is None or self.cursor >= len(layout.items):
            return False
        if not self.size.height:
            return True  # not laid out on screen yet: nothing has scrolled away
        y, k = self.scroll_offset.y, self.cursor
        return layout.starts[k] < y + self.size.height and layout.item_end(k) > y

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if self.cursor is not None and not self._cursor_on_screen():
            self.cursor = None  # scrolled away from: the selection goes, as in less(1)
            self.refresh()
            self.post_message(self.CursorMoved())

    def on_click(self, event) -> None:
        offset = event.get_content_offset(self)  # inside the border, or None
        if self.screen_layout is not None and offset is not None:
            y = offset.y + int(self.scroll_offset.y)
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
        selected = layout.locate(line_y)[0] == self.cursor
        key = (self._generation, line_y, selected)
        strip = self._strips.get(key)
        if strip is None:
            text = layout.line(line_y)
            if self.search.strip():
                text = text.copy()
                text.highlight_regex(search_pattern(self.search), MATCH)
            if selected:
                text = text.copy()
                text.stylize_before(CURSOR)
            strip = Strip(list(text.render(self.app.console)), text.cell_len)
            self._strips[key] = strip
        return strip.crop_extend(scroll_x, scroll_x + width, base).apply_style(base)
