"""The article list: title, file name, story size, and similarity to the left article."""

from __future__ import annotations

import os
from functools import lru_cache

from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from newsdiff.model import Document
from newsdiff.render.labels import percent
from newsdiff.render.safe import visible
from newsdiff.similarity import word_count

BAR_CELLS = 8
PROMPT_LINES = 3  # an article's lines in the list (``article_prompt``)


def similarity_bar(value: float | None) -> Text:
    if value is None:
        return Text("  …", style="dim")
    filled = round(value * BAR_CELLS)
    if filled == BAR_CELLS and value < 1:
        filled -= 1  # a full bar only for an identical article
    return Text.assemble(
        ("█" * filled, "green"), ("░" * (BAR_CELLS - filled), "dim"), f" {percent(value):>4}"
    )


@lru_cache(maxsize=256)
def story_counts(document: Document) -> tuple[int, int]:
    """Paragraphs and words of the story (clutter left out), counted once per article: the
    list is redrawn on every resize and toggle."""
    story = document.story
    return len(story), sum(word_count(p.text) for p in story)


def _short(count: int) -> str:
    """398, 9,870, 557k: a count that fits the list."""
    return f"{count:,}" if count < 10_000 else f"{count / 1000:.0f}k"


def article_prompt(
    document: Document, role: str, similarity: float | None, width: int = 36
) -> Text:
    """Three lines: side marker and title; file name; story counts and similarity bar."""
    marker = {"left": Text("L ", style="bold cyan"), "right": Text("R ", style="bold magenta")}
    title = Text(visible(document.title), style="bold" if role else "")
    title.truncate(max(width - 2, 8), overflow="ellipsis")
    name = Text(f"  {visible(os.path.basename(document.path))}", style="dim")
    name.truncate(max(width, 8), overflow="ellipsis")
    paragraphs, words = story_counts(document)
    room = max(width - BAR_CELLS - 6, 8)  # the bar, its percentage and a space before it
    p, w = _short(paragraphs), _short(words)
    shortest = f"  {p} ¶"  # the longest of these that fits, else this one cut
    figures = next(
        (f for f in (f"  {p} ¶ · {w} words", f"  {p} ¶ · {w} w") if len(f) <= room), shortest
    )
    counts = Text(figures, style="dim")
    counts.truncate(room, overflow="ellipsis", pad=True)
    return Text.assemble(
        marker.get(role, Text("  ")),
        title,
        "\n",
        name,
        "\n",
        counts,
        " ",
        similarity_bar(similarity),
    )


class ArticleList(OptionList):
    """Pick the articles to compare: Enter compares with the left one, l sets the left."""

    BINDINGS = [Binding("l", "app.set_left", "Set left", id="set_left")]

    _shown: tuple[list[Document], int, int, dict[int, float]] | None = None

    def on_resize(self) -> None:
        if self._shown is not None:  # titles are cut to the width: cut them again
            self.show_articles(*self._shown)

    def on_show(self) -> None:
        """Shown again (``a``, or a wider terminal): no resize comes if its size is the one
        it had, and it may have been filled while hidden, at no width at all."""
        self.call_after_refresh(self.on_resize)

    def show_articles(
        self, documents: list[Document], left: int, right: int, similarity: dict[int, float]
    ) -> None:
        self._shown = (documents, left, right, similarity)
        highlighted = self.highlighted
        self.clear_options()
        region = self.scrollable_content_region
        width = region.width
        if not self.show_vertical_scrollbar and PROMPT_LINES * len(documents) > region.height:
            width -= self.styles.scrollbar_size_vertical  # the bar these options will need
        width = max(width - 1, 24)
        for k, document in enumerate(documents):
            role = "left" if k == left else "right" if k == right else ""
            self.add_option(
                Option(article_prompt(document, role, similarity.get(k), width), id=str(k))
            )
        self.highlighted = highlighted if highlighted is not None else right
