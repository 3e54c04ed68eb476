"""The comparison model: immutable data that every view (text, JSON, TUI) renders.

Data flows one way: ``Document`` (read + split) -> ``Alignment`` (rows of paired
paragraphs with word spans) -> renderers. Nothing here imports Rich or Textual.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class RowKind(StrEnum):
    """How the paragraphs of one row relate."""

    SAME = "same"  # equal after normalising whitespace, quotes and dashes
    EDITED = "edited"  # mostly the same words
    REWORDED = "reworded"  # same content, substantially different words
    INSERTED = "inserted"  # only on the right
    DELETED = "deleted"  # only on the left


class SpanOp(StrEnum):
    EQUAL = "equal"
    INSERT = "insert"
    DELETE = "delete"
    REPLACE = "replace"  # a deletion directly followed by an insertion: a rewording


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph of a document: its text, and whether it is page clutter."""

    index: int
    text: str
    clutter: bool = False
    line: int = 0  # 1-based line number of the paragraph's first line in the input


@dataclass(frozen=True, slots=True)
class Document:
    """An article, read and split into paragraphs."""

    path: str
    title: str
    paragraphs: tuple[Paragraph, ...]
    encoding: str = "utf-8"

    @property
    def story(self) -> tuple[Paragraph, ...]:
        """Paragraphs that are not page clutter."""
        return tuple(p for p in self.paragraphs if not p.clutter)


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of a row's text. ``left`` is "" for inserts, ``right`` is "" for deletes."""

    op: SpanOp
    left: str
    right: str


@dataclass(frozen=True, slots=True)
class Row:
    """One row of a comparison: paragraphs of the left paired with paragraphs of the right
    (either side may be empty), with the word spans of their differences."""

    kind: RowKind
    left: tuple[int, ...]
    right: tuple[int, ...]
    score: float
    moved: bool = False
    spans: tuple[Span, ...] = ()
    # The same text told again: a paragraph another row already shows, linked here to a
    # copy or retelling of it (a headline printed three times). Not a move.
    repeat: bool = False

    @property
    def is_split(self) -> bool:
        return len(self.left) == 1 and len(self.right) > 1

    @property
    def is_merged(self) -> bool:
        return len(self.left) > 1 and len(self.right) >= 1

    @property
    def is_change(self) -> bool:
        """True for every row a reader should look at (everything but a plain same row)."""
        return (
            self.kind is not RowKind.SAME
            or self.moved
            or self.repeat
            or len(self.left) != len(self.right)
        )

    @property
    def marker(self) -> str:
        """The most specific label for the row: repeat/moved/split/merged win over the kind."""
        if self.repeat:
            return "repeat"
        if self.moved:
            return "moved"
        if self.is_split:
            return "split"
        if self.is_merged:
            return "merged"
        return self.kind.value


@dataclass(frozen=True, slots=True)
class Stats:
    """How many rows of each kind a comparison has, and the words inserted and deleted
    (page clutter not counted)."""

    same: int = 0
    edited: int = 0
    reworded: int = 0
    moved: int = 0
    repeated: int = 0
    split: int = 0
    merged: int = 0
    inserted: int = 0
    deleted: int = 0
    words_inserted: int = 0
    words_deleted: int = 0


@dataclass(frozen=True, slots=True)
class Alignment:
    """Two documents compared: their rows in reading order, with stats and similarity."""

    left: Document
    right: Document
    rows: tuple[Row, ...]
    similarity: float
    stats: Stats = field(default_factory=Stats)
    word_diffs: bool = True  # False: spans hold whole texts until compare.add_word_diffs

    @property
    def has_differences(self) -> bool:
        """Differences a reader cares about: story rows only, cosmetic changes ignored."""
        return any(row.is_change and not self.is_clutter(row) for row in self.rows)

    def is_clutter(self, row: Row) -> bool:
        """A row made only of page clutter."""
        return is_clutter_row(row, self.left, self.right)

    def left_text(self, row: Row) -> str:
        return "\n".join(self.left.paragraphs[i].text for i in row.left)

    def right_text(self, row: Row) -> str:
        return "\n".join(self.right.paragraphs[j].text for j in row.right)


def is_clutter_row(row: Row, left: Document, right: Document) -> bool:
    """A row whose paragraphs (on both sides) are all page clutter."""
    return all(left.paragraphs[i].clutter for i in row.left) and all(
        right.paragraphs[j].clutter for j in row.right
    )
