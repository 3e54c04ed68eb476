"""The newsdiff viewer: pick two articles, read their comparison, move between changes.

The app starts from a ``Startup`` (``newsdiff.tui.startup``): documents read before it
starts and, where it could be forked, the comparison server (``newsdiff.server``), already
at work on the opening pair. Worker threads wait for the server's alignments (or, without
it, compute them), and choosing another pair cancels them and stops the server's work on
the old one. ``build_app`` makes one from file names (the tests, benchmarks and
screenshots use it).
"""

from __future__ import annotations

import contextlib
import gc
from typing import Any

from rich.text import Text
from textual import events, on, work
from textual.app import App, ComposeResult
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.widgets import Footer, Input, OptionList, Static
from textual.worker import get_current_worker

from newsdiff.compare import add_word_diffs, compare
from newsdiff.model import Alignment, Document
from newsdiff.render.layout import ItemKind, LayoutOptions
from newsdiff.render.safe import visible
from newsdiff.render.screen import ScreenLayout
from newsdiff.render.theme import BUILTIN_NAMES, get_theme
from newsdiff.server import ServedComparison
from newsdiff.tui.keys import app_bindings
from newsdiff.tui.screens.help import HelpScreen
from newsdiff.tui.startup import Startup, prepare_viewer
from newsdiff.tui.status import status_line
from newsdiff.tui.widgets.article_list import ArticleList
from newsdiff.tui.widgets.diff_view import DiffView, Place

DIFF_STYLES = [*BUILTIN_NAMES, "monokai", "solarized-dark", "solarized-light", "github-dark"]
NARROW = 100  # below this many columns the article list starts hidden


class NewsdiffApp(App[None]):
    CSS_PATH = "newsdiff.tcss"
    TITLE = "newsdiff"
    AUTO_FOCUS = "#diff"
    BINDINGS = app_bindings()

    def __init__(self, startup: Startup) -> None:
        super().__init__()
        self.documents = startup.documents
        self.server = startup.server
        # The pair the server is comparing for the screen (set and cleared here, in the
        # UI thread only; workers read it).
        self.pending: ServedComparison | None = startup.opening
        self._bars_at_work: ServedComparison | None = None  # the list's current one
        self._bars_for: int | None = None  # the left article of the bars being compared
        self.left_index = 0
        self.right_index = 1 if len(self.documents) > 1 else 0
        self.style_name = startup.style
        self.similarity: dict[int, float] = {}
        self._alignments: dict[tuple[int, int], Alignment] = {}
        self._matches: list[int] = []
        self._opening_place: Place | None = None  # where the next pair opens (swap)
        self._wide = True  # wide enough for the article list beside the comparison
        self._focus_when_shown = False  # Tab pressed while the pair was loading
        self.skipped = startup.skipped  # a folder's files that could not be read, and why

    # -- layout ---------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Horizontal(id="main"):
            yield ArticleList(id="articles")
            with Vertical(id="compare"):
                yield Static("", id="pair-title")
                yield DiffView(id="diff")
        yield Static("", id="status")  # the whole width: the figures need it
        yield Input(placeholder="Search both articles (Enter: find, Esc: cancel)", id="search")
        yield Footer()

    @property
    def diff(self) -> DiffView:
        return self.query_one(DiffView)

    @property
    def articles(self) -> ArticleList:
        return self.query_one(ArticleList)

    def on_mount(self) -> None:
        self.articles.border_title = "Articles"
        self.diff.theme = get_theme(self.style_name)
        self._wide = self.size.width >= NARROW
        self.articles.display = self._wide
        self.refresh_list()
        self.diff.focus()
        if self.skipped:
            self.notify(
                "; ".join(visible(reason) for reason in self.skipped),
                title=f"Not shown: {len(self.skipped)} unreadable file(s) of the folder",
                severity="warning",
                timeout=10,
                markup=False,  # file names are untrusted text
            )
        self.start_compare()

    def on_resize(self, event: events.Resize) -> None:
        """Crossing the narrow width hides or shows the article list (``a`` still toggles it
        in between)."""
        self.call_after_refresh(self.update_status)  # fitted to the new width, once laid out
        wide = event.size.width >= NARROW
        if wide != self._wide:
            self._wide = wide
            if not wide and self.articles.has_focus:
                self.diff.focus()  # the list is going away; a search box keeps its focus
            self.articles.display = wide

    def on_unmount(self) -> None:
        self._drop_pending()
        if self.server:
            self.server.close()

    def _drop_pending(self) -> None:
        pending, self.pending = self.pending, None
        if pending is not None:
            pending.close()

    def refresh_list(self) -> None:
        self.articles.show_articles(
            self.documents, self.left_index, self.right_index, self.similarity
        )

    # -- work -----------------------------------------------------------------------------
    def start_compare(self) -> None:
        left, right = self.left_index, self.right_index
        self.diff.border_title = "Comparing…"
        self.query_one("#pair-title", Static).update(self._pair_title())
        cached = self._alignments.get((left, right))
        pending = self.pending
        if pending and not pending.is_of(self.documents[left], self.documents[right]):
            # Another pair was chosen before it was done: its workers must not compare
            # it here instead, so they are cancelled first.
            self.workers.cancel_group(self, "compare")
            self._drop_pending()
        if cached is not None:
            self.workers.cancel_group(self, "compare")
            self._show(cached, left, right)
        else:
            # The list's bars wait: the pair asked for comes first (they start again,
            # keeping what they had compared, once it is on screen).
            self._stop_bars()
            if self.pending is None and self.server:
                self.pending = self.server.compare(left, right)
            self.query_one("#status", Static).update(Text("Comparing…"))
            if self.diff.alignment is None:
                self.diff.loading = True
            else:  # the pair before stays on show, dimmed, until the new rows come
                self.diff.add_class("stale")
            self._compare(left, right)

    @work(thread=True, exclusive=True, group="compare")
    def _compare(self, left: int, right: int) -> None:
        """Rows first, without word highlights; ``_show`` then asks for the word diffs."""
        pending, documents = self.pending, (self.documents[left], self.documents[right])
        quick = pending.rows() if pending and pending.is_of(*documents) else None
        if get_current_worker().is_cancelled:
            return  # the server's work was stopped for another pair, or the viewer closes
        if quick is None:
            quick = compare(*documents, word_diffs=False)
        if not get_current_worker().is_cancelled:
            self.call_from_thread(self._show, quick, left, right)

    @work(thread=True, exclusive=True, group="compare")
    def _highlight(self, quick: Alignment, left: int, right: int) -> None:
        """The same rows with their word diffs (started once the rows are on screen)."""
        pending, full = self.pending, None
        if pending and pending.is_of(quick.left, quick.right):
            full = pending.highlighted()  # which also closes it: it is done
        if get_current_worker().is_cancelled:
            return  # another pair was chosen meanwhile
        if full is None:
            full = add_word_diffs(quick)
        if not get_current_worker().is_cancelled:
            self.call_from_thread(self._show, full, left, right, pending)

    def _show(
        self,
        alignment: Alignment,
        left: int,
        right: int,
        served: ServedComparison | None = None,
    ) -> None:
        """Show a pair's rows, or the same rows highlighted (``served``: the server's
        comparison they came from, now done with and closed by the worker)."""
        if alignment.word_diffs:
            self._alignments[(left, right)] = alignment
            if served is not None and self.pending is served:
                self.pending = None
        elif (left, right) in self._alignments:  # its highlighted rows came meanwhile
            if self.pending and self.pending.is_of(alignment.left, alignment.right):
                self._drop_pending()  # its highlights are not wanted: it would wait for ever
            alignment = self._alignments[(left, right)]
        if (left, right) != (self.left_index, self.right_index):
            return  # a newer pair was chosen meanwhile
        current = self.diff.alignment
        same_rows = (  # the rows on show, now highlighted (or asked for again): keep the place
            current is not None
            and not current.word_diffs
            and current.left is alignment.left
            and current.right is alignment.right
        )
        place, self._opening_place = self._opening_place, None
        if not same_rows or self.diff.loading or self.diff.has_class("stale"):
            place = self._arrive(alignment, place)
        if same_rows:
            self.diff.replace(alignment)
        elif alignment is not current:  # (else: back to the pair on show, where it was)
            self.diff.show(alignment, place)
        if not alignment.word_diffs:
            self.call_after_refresh(self._highlight, alignment, left, right)
        else:
            # A big comparison is a few million long-lived objects: move them out of the
            # collector's reach, or every full collection stalls key presses for ~0.4 s.
            gc.freeze()
            if set(self.similarity) != set(range(len(self.documents))) and self._bars_for != left:
                self._stop_bars()
                self._bars_for = left
                self._similarities(left)  # after the pair is complete: they never compete
        self.update_status()  # a newly shown pair finds its search matches once laid out

    def _arrive(self, alignment: Alignment, place: Place | None) -> Place | None:
        """A pair comes on screen: the loading cover or the dimmed pair before goes, the
        title names it, the focus comes back. Returns where it opens: for a swap, where
        keys pressed on the pair before left the reader, if that pair shares the article."""
        if self.diff.has_class("stale") and place is not None:
            moved = self.diff.place()
            if moved is not None and moved.document in (alignment.left, alignment.right):
                place = moved
        self.diff.loading = False
        self.diff.remove_class("stale")
        if self.focused is None or self._focus_when_shown:
            self.diff.focus()  # the loading cover took the focus, or Tab asked for it
        self._focus_when_shown = False
        self.diff.border_title = (
            f"L {paragraph_counts(alignment.left)} ⟷ R {paragraph_counts(alignment.right)}"
        )
        return place

    @work(thread=True, exclusive=True, group="similarity")
    def _similarities(self, left: int) -> None:
        """Similarity of every article to the left one, for the list's bars."""
        results: dict[int, float] = {left: 1.0}
        for k in range(len(self.documents)):
            if get_current_worker().is_cancelled:
                return  # a pair was asked for: it goes first
            if k == left:
                continue
            alignment = self._alignments.get((left, k)) or self._compare_fully(left, k)
            if alignment is None:
                return  # stopped for a pair asked for
            self._alignments.setdefault((left, k), alignment)
            results[k] = alignment.similarity
        self.call_from_thread(self._set_similarity, left, results)

    def _compare_fully(self, left: int, right: int) -> Alignment | None:
        """A pair with its word diffs, for the list's bars: from the server if there is
        one (this process keeps its interpreter for the screen), else made here; None if
        the worker was cancelled meanwhile."""
        served = self.server.compare(left, right) if self.server else None
        if served is not None:
            self._bars_at_work = served  # for ``_stop_bars``, which cancels first:
            if get_current_worker().is_cancelled:  # cancelled before it could see this
                served.close()
            try:
                full = served.highlighted()
            finally:
                if self._bars_at_work is served:
                    self._bars_at_work = None
            if full is not None or get_current_worker().is_cancelled:
                return full
        return compare(self.documents[left], self.documents[right])

    def _stop_bars(self) -> None:
        """The list's bars wait: cancel their worker and stop the comparison it waits for
        (they start again, keeping what they had compared)."""
        self.workers.cancel_group(self, "similarity")
        self._bars_for = None
        bars = self._bars_at_work
        if bars is not None:
            bars.stop()

    def _set_similarity(self, left: int, results: dict[int, float]) -> None:
        if self._bars_for == left:
            self._bars_for = None
        if left == self.left_index:
            self.similarity = results
            self.refresh_list()

    @property
    def is_settled(self) -> bool:
        """The pair is on screen with its word diffs, the list has every similarity bar and
        no worker runs (tests and the screenshot script wait for this)."""
        shown = self.diff.alignment
        layout = self.diff.screen_layout
        return (
            shown is not None
            and shown.word_diffs
            and layout is not None
            and layout.exact
            and len(self.similarity) == len(self.documents)
            and not any(worker.is_running for worker in self.workers)
        )

    # -- text -----------------------------------------------------------------------------
    def _pair_title(self) -> Text:
        """The two headlines as plain text: an article's "[...]" is never markup (the CSS
        cuts the line with an ellipsis)."""
        left, right = self.documents[self.left_index], self.documents[self.right_index]
        return Text(f"L {visible(left.title)}  ⟷  R {visible(right.title)}")

    def update_status(self) -> None:
        alignment = self.diff.alignment
        layout = self.diff.screen_layout
        if alignment is None or layout is None or self.diff.has_class("stale"):
            return  # nothing on show yet, or the pair before while "Comparing…"
        cursor = self.diff.cursor
        changes = layout.change_items()
        origin = cursor is not None and layout.items[cursor].kind is ItemKind.ORIGIN
        if cursor is not None and origin:  # a moved row's "↳ … moved" line: its row's place
            cursor = layout.row_item(layout.items[cursor].row)
        if cursor is not None and cursor in changes:
            where = " (where it stood)" if origin else ""
            place = f"change {changes.index(cursor) + 1:,}/{len(changes):,}{where}"
        else:
            place = f"{len(changes):,} changes"
        search: tuple[str, ...] = ()
        if self.diff.search:
            term = f"“{visible(self.diff.search)}”"
            if cursor is not None and cursor in self._matches:
                found = f"{self._matches.index(cursor) + 1:,}/{len(self._matches):,}"
                search = (f"{term}: matching row {found}", f"{term} {found}")
            else:
                search = (f"{term}: {len(self._matches):,} matching rows",)
        status = self.query_one("#status", Static)
        width = status.content_region.width or self.size.width - 2
        status.update(Text(status_line(place, search, alignment, width)))

    @on(DiffView.CursorMoved)
    def _cursor_moved(self) -> None:
        with contextlib.suppress(NoMatches):  # the app is closing: the view is gone
            self.update_status()

    @on(DiffView.LaidOut)
    def _laid_out(self) -> None:
        with contextlib.suppress(NoMatches):  # the app is closing: the view is gone
            self._refresh_matches()

    # -- navigation -----------------------------------------------------------------------
    def _step(
        self, targets: list[int], forward: bool, what: str = "change", wrap: bool = False
    ) -> None:
        """Select the next (or previous) of ``targets`` from the selection or the screen;
        with ``wrap``, past the last one comes the first."""
        diff = self.diff
        if not targets or diff.screen_layout is None:
            self.bell()
            return
        layout = diff.screen_layout
        if diff.cursor is not None:  # a selection is always on screen (it is dropped if not)
            later = [k for k in targets if (k > diff.cursor if forward else k < diff.cursor)]
        else:  # from the top of the screen, like less: n takes the first change starting
            y = int(diff.scroll_offset.y)  # on screen, N the last one starting above it
            starts = layout.starts
            later = [k for k in targets if (starts[k] >= y if forward else starts[k] < y)]
        if not later and wrap:  # round again, as a browser's or vim's search does
            where = "below: back to the first" if forward else "above: on to the last"
            self.notify(f"No {what} {where} one.", timeout=2)
            later = targets
        if not later:
            self.bell()
            self.notify(f"No {what} {'below' if forward else 'above'}.", timeout=2)
            return
        diff.select(later[0] if forward else later[-1])

    def action_focus_next(self) -> None:
        """Tab: the comparison can take no focus under its loading cover, so a Tab pressed
        from the list meanwhile gives it the focus once the rows are on screen."""
        if self.diff.loading and self.articles.has_focus:
            self._focus_when_shown = True
            self.notify("The comparison takes the focus when it is on screen.", timeout=2)
            return
        super().action_focus_next()

    def action_next(self) -> None:
        self._next_change_or_match(forward=True)

    def action_previous(self) -> None:
        self._next_change_or_match(forward=False)

    def _shown_layout(self) -> ScreenLayout | None:
        """The rows on show, or None with a word to say they are still being compared
        (a key pressed during loading is not silently lost)."""
        layout = self.diff.screen_layout
        if layout is None:
            self.notify("Still comparing: the rows come in a moment.", timeout=2)
        return layout

    def _next_change_or_match(self, forward: bool) -> None:
        layout = self._shown_layout()
        if layout is None:
            return
        if self.diff.search:
            self._step(self._matches, forward, "match", wrap=True)
        else:
            self._step(layout.change_items(), forward)

    def action_jump_moved(self) -> None:
        diff = self.diff
        layout = self._shown_layout()
        if layout is None:
            return
        target = layout.counterpart(diff.cursor) if diff.cursor is not None else None
        if target is not None:  # between a moved row and the note where it stood
            diff.select(target)
            return
        moved = layout.moved_items()
        if not moved:
            self.notify("No paragraph of this pair was moved.", timeout=2)
            return
        self._step(moved, True, "moved paragraph", wrap=True)

    # -- toggles --------------------------------------------------------------------------
    def action_toggle_unified(self) -> None:
        self.diff.configure(unified=not self.diff.unified)
        self.update_status()

    def _layout_options(self, **changes: bool) -> LayoutOptions:
        current = self.diff.layout_options
        values = {"show_clutter": current.show_clutter, "changes_only": current.changes_only}
        values.update(changes)
        return LayoutOptions(**values)

    def action_toggle_changes(self) -> None:
        options = self._layout_options(changes_only=not self.diff.layout_options.changes_only)
        self.diff.configure(layout_options=options)
        self._refresh_matches()
        alignment = self.diff.alignment
        if options.changes_only and alignment is not None:
            unchanged = (r for r in alignment.rows if not (r.is_change or alignment.is_clutter(r)))
            if next(unchanged, None) is None:
                self.notify(
                    "Every paragraph changed: there are no unchanged ones to hide "
                    "(pairs that have some will hide them).",
                    timeout=3,
                )

    def action_toggle_clutter(self) -> None:
        options = self._layout_options(show_clutter=not self.diff.layout_options.show_clutter)
        self.diff.configure(layout_options=options)
        self._refresh_matches()
        alignment = self.diff.alignment
        if (
            options.show_clutter
            and alignment is not None
            and all(len(d.story) == len(d.paragraphs) for d in (alignment.left, alignment.right))
        ):
            self.notify(
                "Neither article has page clutter (pairs that have some will show it).",
                timeout=3,
            )

    def action_toggle_articles(self) -> None:
        self.articles.display = not self.articles.display
        if not self.articles.display:
            self.diff.focus()

    def action_cycle_style(self) -> None:
        names = DIFF_STYLES if self.style_name in DIFF_STYLES else [self.style_name, *DIFF_STYLES]
        self.style_name = names[(names.index(self.style_name) + 1) % len(names)]
        self.diff.configure(theme=get_theme(self.style_name))
        self.notify(f"Diff colours: {self.style_name}", timeout=2)

    def action_help(self) -> None:
        self.push_screen(HelpScreen())

    # -- search ---------------------------------------------------------------------------
    def action_search(self) -> None:
        search = self.query_one("#search", Input)
        search.display = True
        search.value = self.diff.search
        self.set_focus(search)  # at once, so keys typed right after "/" reach the box

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        event.input.display = False
        self.diff.configure(search=event.value)
        self.diff.focus()
        self._refresh_matches()
        if self._matches:
            layout, y = self.diff.screen_layout, int(self.diff.scroll_offset.y)
            below = [k for k in self._matches if layout and layout.item_end(k) > y]  # or shown
            if not below:
                self.notify("No match below: back to the first one.", timeout=2)
            self.diff.select((below or self._matches)[0])  # like less: from what is shown
        elif event.value:
            self._no_match(event.value)

    def _no_match(self, term: str) -> None:
        """Say that nothing on show matches, and where the rows that do are hidden."""
        layout = self.diff.screen_layout
        hidden = layout.hidden_matches(term) if layout else 0
        where = ""
        if hidden:
            options = self.diff.layout_options
            keys = [
                key
                for key, folded in (("z", not options.show_clutter), ("c", options.changes_only))
                if folded
            ]
            where = f" on show; {hidden} hidden row(s) match"
            where += f" ({' and '.join(keys)} to show them)" if keys else ""
        self.notify(f"No match for “{visible(term)}”{where}.", timeout=3, markup=False)

    def _refresh_matches(self) -> None:
        layout = self.diff.screen_layout
        self._matches = layout.matching_items(self.diff.search) if layout else []
        self.update_status()

    def action_clear_search(self) -> None:
        search = self.query_one("#search", Input)
        if search.display:
            search.display = False
            self.diff.focus()
            return
        if self.diff.search:
            self.diff.configure(search="")
            self._refresh_matches()

    # -- choosing articles ----------------------------------------------------------------
    @on(OptionList.OptionSelected, "#articles")
    def _article_selected(self, event: OptionList.OptionSelected) -> None:
        self._choose_side(event.option_index, "right")

    def action_set_left(self) -> None:
        highlighted = self.articles.highlighted
        if highlighted is not None:
            self._choose_side(highlighted, "left")

    def _choose_side(self, article: int, side: str) -> None:
        """Put an article on one side; the article already on the other side is never
        compared with itself: choosing it swaps the two."""
        mine, other = (
            (self.left_index, self.right_index)
            if side == "left"
            else (self.right_index, self.left_index)
        )
        if article == mine:
            return
        if article == other:
            self.action_swap()
        elif side == "left":
            self.choose(left=article)
        else:
            self.choose(right=article)

    def action_set_right(self) -> None:
        highlighted = self.articles.highlighted
        if highlighted is not None:
            self.choose(right=highlighted)

    def action_swap(self) -> None:
        # The paragraph on screen stays on screen, now on the other side.
        self.choose(left=self.right_index, right=self.left_index, place=self.diff.place())

    def choose(
        self, left: int | None = None, right: int | None = None, place: Place | None = None
    ) -> None:
        """Compare another pair; it opens at ``place`` (a paragraph of either article) if
        given, else at the top."""
        self._opening_place = place
        if left is not None and left != self.left_index:
            self.similarity = {}  # the bars measure similarity to the left article
        if left is not None:
            self.left_index = left
        if right is not None:
            self.right_index = right
        self.refresh_list()
        self.start_compare()


def paragraph_counts(document: Document) -> str:
    """'17 paragraphs', or '30 paragraphs + 31 clutter': the story counts the list shows."""
    story = len(document.story)
    clutter = len(document.paragraphs) - story
    plural = "" if story == 1 else "s"
    return f"{story:,} paragraph{plural}" + (f" + {clutter:,} clutter" if clutter else "")


def build_app(files: list[str], **options: Any) -> NewsdiffApp:
    """The viewer of these files; ``options`` are ``prepare_viewer``'s."""
    return NewsdiffApp(prepare_viewer(files, **options))
