"""The help screen (?): every key, from the same table as the bindings."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from newsdiff.render.labels import MARKERS
from newsdiff.tui.keys import KEYS, SCROLL_KEYS, display_key

MEANINGS = {
    "same": "same (cosmetic differences only)",
    "edited": "edited: mostly the same words",
    "reworded": "reworded: same content, other words",
    "repeat": "repeat: text shown in another row, told again here",
    "moved": "moved: out of order (m jumps to where it stood)",
    "split": "split: one paragraph became several",
    "merged": "merged: several paragraphs became one",
    "inserted": "inserted (right only)",
    "deleted": "deleted (left only)",
}


def help_table() -> Table:
    table = Table(title="newsdiff keys", show_header=False, box=None, padding=(0, 2))
    table.add_column(style="bold")
    table.add_column()
    for keys, _, _, text, _ in KEYS:
        table.add_row(display_key(keys), text)
    for keys, text in SCROLL_KEYS:
        table.add_row(keys, text)
    table.add_row("", "")
    table.add_row("Gutter", "")
    for kind, marker in MARKERS.items():
        table.add_row(repr(marker) if marker == " " else marker, MEANINGS[kind])
    table.add_row("", "")
    table.add_row("Lines", "")
    table.add_row("↳ ¶10 moved", "where a moved paragraph stood (m jumps between the two)")
    table.add_row("⋯ 3 … hidden", "unchanged paragraphs (c) or page clutter (z) folded away")
    table.add_row(
        "Status",
        "change k/N: the selected change of the N to step through (n/N); while "
        "searching, the matching row; N% similar: the share of both articles' story words "
        "kept; rows by kind: =same ~edited ≈reworded +inserted −deleted; in brackets, rows "
        "that are also ↕moved ↺repeats <split >merged; then words inserted and deleted",
    )
    table.add_row(
        "List",
        "L and R mark the articles compared; under each title its file name, then its "
        "story paragraphs and words (page clutter left out) and a bar: the share of words "
        "kept between that article and the left one",
    )
    table.add_row(
        "Borders",
        "top: the pair's story paragraphs (+ clutter); bottom: the views that are on "
        "(unified, changes only, clutter shown)",
    )
    table.add_row(
        "Selection",
        "n/N/m and clicks select a row; scrolling it off screen drops it, and toggles, "
        "searches, resizing and s keep the paragraph you are reading in view",
    )
    table.add_row("", "")
    table.add_row(
        "Colours",
        "red: deleted · green: inserted · yellow underlined: reworded "
        "(unified view: old words struck in red, new ones yellow)",
    )
    return table


class _HelpScroll(VerticalScroll):
    """The help text, scrolled with the viewer's own keys as well as the arrows."""

    BINDINGS = [
        Binding("j", "scroll_down", show=False),
        Binding("k", "scroll_up", show=False),
        Binding("space", "page_down", show=False),
        Binding("g", "scroll_home", show=False),
        Binding("G", "scroll_end", show=False),
    ]

    # Instant and applied at once, like the comparison's own scrolling: a scroll that waits
    # for the next refresh (or animates) starts again from the old position at each key,
    # so a burst of keys moved the text a line or two.
    def action_scroll_down(self) -> None:
        self.scroll_relative(y=1, animate=False, immediate=True)

    def action_scroll_up(self) -> None:
        self.scroll_relative(y=-1, animate=False, immediate=True)

    def action_page_down(self) -> None:
        self.scroll_relative(y=self.scrollable_content_region.height, animate=False, immediate=True)

    def action_page_up(self) -> None:
        self.scroll_relative(
            y=-self.scrollable_content_region.height, animate=False, immediate=True
        )

    def action_scroll_home(self) -> None:
        self.scroll_home(animate=False, immediate=True)

    def action_scroll_end(self) -> None:
        self.scroll_end(animate=False, immediate=True)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,question_mark", "app.pop_screen", "Close", id="close_help"),
        Binding("ctrl+c", "app.quit", "Quit", show=False),  # as everywhere else in the viewer
    ]

    def compose(self) -> ComposeResult:
        with _HelpScroll(id="help"):
            yield Static(help_table())

    def on_mount(self) -> None:
        scroll = self.query_one(_HelpScroll)
        # on the border, so it stays in sight while the table scrolls
        scroll.border_subtitle = "Esc, q or ? closes · j/k, arrows, PgUp/PgDn, g/G scroll"
        scroll.focus()  # so the scroll keys work at once
