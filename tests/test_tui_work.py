"""What the viewer computes first: the pair the reader asked for."""

from __future__ import annotations

import os
import shutil
import time

from rich.cells import cell_len
from tui_helpers import SEED_FILES, settle, until

from newsdiff.tui import app as app_module
from newsdiff.tui.app import build_app

REAL_COMPARE, REAL_WORD_DIFFS = app_module.compare, app_module.add_word_diffs


def _slowed(monkeypatch, *, rows: float = 0.0, full: float = 0.0, words: float = 0.0) -> None:
    """Slow the viewer's own work down (seconds): its rows (``compare`` without word
    diffs), the list bars' full comparisons, and the rows' word diffs."""

    def compare(left, right, *args, **kwargs):
        time.sleep(full if kwargs.get("word_diffs", True) else rows)
        return REAL_COMPARE(left, right, *args, **kwargs)

    def add_word_diffs(alignment, *args, **kwargs):
        time.sleep(words)
        return REAL_WORD_DIFFS(alignment, *args, **kwargs)

    monkeypatch.setattr(app_module, "compare", compare)
    monkeypatch.setattr(app_module, "add_word_diffs", add_word_diffs)


async def test_a_pair_asked_for_stops_the_list_bars_first(monkeypatch) -> None:
    """The bars compare every article with the left one; a pair picked meanwhile must not
    wait behind them: they stop, and start again once it is on screen."""
    _slowed(monkeypatch, full=0.3)  # the bars' comparisons, not the viewer's rows
    app = build_app(SEED_FILES)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(
            pilot,
            lambda: any(w.group == "similarity" and w.is_running for w in app.workers),
            step=0.01,
        )
        bars = [w for w in app.workers if w.group == "similarity"]
        app.choose(right=4)  # not compared yet: the bars are still at the second article
        assert all(w.is_cancelled for w in bars)
        await settle(pilot)
        assert app.diff.alignment == REAL_COMPARE(app.documents[0], app.documents[4])
        assert len(app.similarity) == len(app.documents)  # the bars came back, all of them


async def test_tab_while_the_first_pair_loads_focuses_the_comparison_once_shown(
    monkeypatch,
) -> None:
    _slowed(monkeypatch, rows=0.5)  # the rows the reader waits for
    app = build_app(SEED_FILES)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.1)
        assert app.diff.loading  # nothing to show yet: the loading cover
        app.articles.focus()
        await pilot.press("tab")
        await settle(pilot)
        assert app.focused is app.diff


async def test_the_pair_before_stays_on_show_while_the_next_one_loads(monkeypatch) -> None:
    """A swap of a pair not compared yet keeps the pair before on show, dimmed, instead of
    a blank loading cover; keys still work on it, and the swapped pair opens where they
    left the reader."""
    app = build_app(SEED_FILES[3:5])
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        _slowed(monkeypatch, rows=0.6)
        before = app.diff.alignment
        await pilot.press("s")
        await pilot.pause(0.1)
        assert not app.diff.loading and app.diff.has_class("stale")
        assert app.diff.alignment is before
        assert "Comparing" in str(app.query_one("#status").render())
        await pilot.press("pagedown", "pagedown")  # read on in the pair before meanwhile
        await pilot.pause()
        moved_to = app.diff.place()
        await settle(pilot)
        assert not app.diff.has_class("stale")
        assert app.diff.alignment.left is app.documents[1]  # swapped
        assert app.diff.place().document is moved_to.document
        assert app.diff.place().paragraph == moved_to.paragraph


async def test_the_list_shown_with_a_fills_its_width() -> None:
    """Filled while hidden (a narrow terminal), the list is cut again to its width when
    shown, not left at the narrowest cut."""
    app = build_app(SEED_FILES)
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause(0.05)
        assert not app.articles.display
        await pilot.press("a")
        await settle(pilot)
        title_line = str(app.articles.get_option_at_index(0).prompt).split("\n")[0]
        assert len(title_line) > app.articles.scrollable_content_region.width - 4


async def test_a_long_list_cuts_its_titles_to_the_room_its_scrollbar_leaves(tmp_path) -> None:
    """With more articles than fit, the scrollbar takes two columns: titles cut to the
    width without it wrapped into a stray second line."""
    files = []
    for copy in range(4):
        for seed in SEED_FILES:
            target = tmp_path / f"{copy}-{os.path.basename(seed)}"
            shutil.copyfile(seed, target)
            files.append(str(target))
    app = build_app(files)
    async with app.run_test(size=(130, 40)) as pilot:
        await settle(pilot)
        assert app.articles.show_vertical_scrollbar
        room = app.articles.scrollable_content_region.width
        for k in range(len(files)):
            lines = str(app.articles.get_option_at_index(k).prompt).split("\n")
            assert max(map(cell_len, lines)) <= room


async def test_swapping_there_and_back_before_the_highlights_ends_on_the_pair(monkeypatch) -> None:
    """Swapped and swapped back while the rows on show wait for their highlights: the
    rows that come are the ones on show, and the view must still come out of its dimmed
    "Comparing…" state (it stayed so for good)."""
    _slowed(monkeypatch, rows=0.2, full=0.2, words=1.0)
    app = build_app(SEED_FILES[3:5])
    async with app.run_test(size=(120, 30)) as pilot:
        await until(pilot, lambda: app.diff.alignment is not None, tries=300)
        assert not app.diff.alignment.word_diffs  # rows on show, highlights to come
        await pilot.press("s", "s")
        await settle(pilot)
        assert not app.diff.has_class("stale") and not app.diff.loading
        assert app.diff.border_title.startswith("L ")
        assert "similar" in str(app.query_one("#status").render())
        assert app.diff.alignment == REAL_COMPARE(*app.documents)


async def test_highlights_restyle_the_layout_on_show_without_laying_it_out_again(
    monkeypatch,
) -> None:
    """Side by side, the highlighted rows have the heights of the rows on show: the layout
    is kept (laying 10,000 rows out again took the screen's interpreter for ~0.1 s), the
    reader stays where they were, and the lines are drawn again with the word marks."""
    _slowed(monkeypatch, words=0.8)
    app = build_app(SEED_FILES[3:5])
    async with app.run_test(size=(120, 30)) as pilot:
        await until(pilot, lambda: app.diff.screen_layout is not None, tries=300)
        quick = app.diff.screen_layout
        assert not quick.alignment.word_diffs
        await pilot.press("j", "j", "j")
        y = app.diff.scroll_offset.y
        await settle(pilot)
        layout = app.diff.screen_layout
        assert layout.alignment.word_diffs and layout.items is quick.items
        assert app.diff.scroll_offset.y == y
        lines = [app.diff.render_line(k) for k in range(app.diff.size.height)]
        assert any(segment.style and segment.style.underline for s in lines for segment in s)


async def test_going_back_to_the_pair_on_show_while_another_loads_keeps_the_place(
    monkeypatch,
) -> None:
    app = build_app(SEED_FILES)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        _slowed(monkeypatch, rows=0.6)
        await pilot.press("j", "j", "j", "j")
        y = app.diff.scroll_offset.y
        app.choose(left=1, right=2)  # not compared yet: the pair on show stays, dimmed
        await pilot.pause(0.1)
        assert app.diff.has_class("stale")
        app.choose(left=0, right=1)  # back to it, before the other pair came
        await settle(pilot)
        assert not app.diff.has_class("stale")
        assert app.diff.scroll_offset.y == y
