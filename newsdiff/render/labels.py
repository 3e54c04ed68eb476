"""The words a view prints around the articles' text: row markers, paragraph numbers, fold
and move notes, the statistics line. Plain strings (no Rich), shared by every view."""

from __future__ import annotations

from newsdiff.model import Alignment, Row
from newsdiff.render.layout import CLUTTER_SHOWN, Item

MARKERS = {
    "same": " ",
    "edited": "~",
    "reworded": "≈",
    "repeat": "↺",
    "moved": "↕",
    "split": "<",
    "merged": ">",
    "inserted": "+",
    "deleted": "-",
}


def marker(row: Row) -> str:
    return MARKERS[row.marker]


def kind_label(row: Row) -> str:
    """The row's label in words: "edited", or "moved, edited" when a flag (moved, repeat,
    split, merged) hides the kind in the gutter."""
    kind = row.kind.value
    return kind if row.marker == kind else f"{row.marker}, {kind}"


def numbers(indices: tuple[int, ...], prefix: str = "") -> str:
    """Display paragraph numbers (1-based): "¶3" or "¶3-4"."""
    if not indices:
        return ""
    first, last = indices[0] + 1, indices[-1] + 1
    return f"{prefix}¶{first}" if first == last else f"{prefix}¶{first}-{last}"


def stats_lines(alignment: Alignment) -> list[str]:
    """The summary under a printed comparison: the rows by kind (moves, repeats, splits and
    merges are rows of those kinds, so they are counted among them), then the paragraphs
    and words added and removed and the similarity, last so that ``| tail -1`` gives it."""
    s = alignment.stats
    of_these = f"moved {s.moved} · repeated {s.repeated} · split {s.split} · merged {s.merged}"
    return [
        f"same {s.same} · edited {s.edited} · reworded {s.reworded} (of these: {of_these})",
        f"+{s.inserted} −{s.deleted} paragraphs · +{s.words_inserted} −{s.words_deleted} words"
        f" · similarity {percent(alignment.similarity)}",
    ]


def percent(share: float) -> str:
    """A share as a whole percentage that never rounds to 100% or 0% unless it is exactly
    that: two versions with thousands of edited rows are not "100% similar"."""
    value = round(min(max(share, 0.0), 1.0) * 100)
    if value == 100 and share < 1:
        value = 99
    elif value == 0 and share > 0:
        value = 1
    return f"{value}%"


def fold_text(item: Item, clutter_switch: str = "--clutter") -> str:
    """The line for hidden rows, or the one heading a run of page clutter on show
    (``clutter_switch`` is how the reader turns clutter on: an option of the command, or
    a key of the viewer, which then also folds it again)."""
    plural = "" if item.count == 1 else "s"
    if item.label == CLUTTER_SHOWN:
        hint = (
            f"shown by {clutter_switch}"
            if clutter_switch.startswith("-")
            else (f"{clutter_switch} folds them")
        )
        return f"⋯ page clutter: {item.count} paragraph{plural} ({hint})"
    what = f"{item.label if item.label == 'clutter' else 'unchanged'} paragraph{plural}"
    hint = f" ({clutter_switch} shows them)" if item.label == "clutter" else ""
    return f"⋯ {item.count} {what} hidden{hint}"


def origin_text(alignment: Alignment, item: Item) -> str:
    row = alignment.rows[item.row]
    if item.label == "left":
        return f"↳ {numbers(row.left)} moved → next to R{numbers(row.right)}"
    return f"↳ {numbers(row.right)} moved ← from L{numbers(row.left)}"
