"""What a view shows, in order: rows, folds and move origins (no styling, no Rich).

Both the one-shot renderer and the TUI lay an ``Alignment`` out with ``layout()`` so that
folding, changes-only and moved-paragraph markers behave the same everywhere.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from enum import StrEnum

from newsdiff.model import Alignment


class ItemKind(StrEnum):
    ROW = "row"  # one model row
    FOLD = "fold"  # one line for a run of rows: hidden (clutter, unchanged) or clutter on show
    ORIGIN = "origin"  # where a moved paragraph stood on the other side


@dataclass(frozen=True, slots=True)
class Item:
    """One line-group of a view: a row, a fold line, or a moved row's origin."""

    kind: ItemKind
    row: int = -1  # model row index (ROW, ORIGIN)
    count: int = 0  # rows in the run (FOLD)
    label: str = ""  # "clutter", "unchanged" or CLUTTER_SHOWN (FOLD); "left"/"right" (ORIGIN)


CLUTTER_SHOWN = "clutter shown"  # the fold label heading a run of clutter rows on show


@dataclass(frozen=True, slots=True)
class LayoutOptions:
    """Which rows a view shows."""

    show_clutter: bool = False
    changes_only: bool = False


def _origins(alignment: Alignment) -> dict[int, list[Item]]:
    """Origin markers for moved rows, keyed by the item position they go before."""
    rows = alignment.rows
    in_place = [not (r.moved or r.repeat) for r in rows]  # rows that stand where they belong
    anchors_left = [(r.left[0], k) for k, r in enumerate(rows) if r.left and in_place[k]]
    anchors_right = [(r.right[0], k) for k, r in enumerate(rows) if r.right and in_place[k]]
    left_keys = [a for a, _ in anchors_left]
    right_keys = [a for a, _ in anchors_right]
    placed: dict[int, list[Item]] = {}
    for k, row in enumerate(rows):
        if not (row.moved and row.left and row.right):
            continue
        # Which side is out of place where the row stands? Put that side's origin in order.
        at = bisect.bisect_left(left_keys, row.left[0])
        next_row = anchors_left[at][1] if at < len(anchors_left) else len(rows)
        previous_row = anchors_left[at - 1][1] if at else -1
        if previous_row < k < next_row:
            at = bisect.bisect_left(right_keys, row.right[0])
            target = anchors_right[at][1] if at < len(anchors_right) else len(rows)
            side = "right"
        else:
            target, side = next_row, "left"
        placed.setdefault(target, []).append(Item(ItemKind.ORIGIN, row=k, label=side))
    return placed


def layout(alignment: Alignment, options: LayoutOptions = LayoutOptions()) -> list[Item]:
    """Items in display order. Cost: O(rows log rows)."""
    origins = _origins(alignment)
    clutter = [alignment.is_clutter(row) for row in alignment.rows]
    shown_clutter = [  # clutter rows on show: a line before each run says what they are
        options.show_clutter and c and not (options.changes_only and not row.is_change)
        for c, row in zip(clutter, alignment.rows, strict=True)
    ]
    items: list[Item] = []
    hidden_label, hidden = "", 0

    def flush() -> None:
        nonlocal hidden
        if hidden:
            items.append(Item(ItemKind.FOLD, count=hidden, label=hidden_label))
            hidden = 0

    for k, row in enumerate(alignment.rows):
        for origin in origins.get(k, ()):
            flush()
            items.append(origin)
        label = ""
        if not options.show_clutter and clutter[k]:
            label = "clutter"
        elif options.changes_only and not row.is_change:
            label = "unchanged"
        if label:
            if hidden and label != hidden_label:
                flush()
            hidden_label = label
            hidden += 1
            continue
        flush()
        if shown_clutter[k] and not (k and shown_clutter[k - 1]):
            end = next((n for n in range(k, len(clutter)) if not shown_clutter[n]), len(clutter))
            items.append(Item(ItemKind.FOLD, count=end - k, label=CLUTTER_SHOWN))
        items.append(Item(ItemKind.ROW, row=k))
    flush()
    for origin in origins.get(len(alignment.rows), ()):
        items.append(origin)
    return items
