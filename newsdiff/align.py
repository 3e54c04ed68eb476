"""Paragraph alignment: anchors, a bead DP inside the gaps, then moves and repeats.

0. **Openings**: the two headlines and the two leads (``leads``) are paired by position
   when they share something and nothing else is much closer; the rest aligns around them.
1. **Anchors** (patience): paragraphs equal after normalisation and unique on both sides,
   kept as the longest chain in order. They cut the articles into small gaps, so long
   documents never need a quadratic DP. Cost: O(n log n).
2. **Gaps**: a Gale-Church-style "bead" DP over each gap, with 1:1, 1:0, 0:1, 1:2, 2:1,
   1:3 and 3:1 beads. A match bead gains ``similarity - threshold`` (IDF-weighted Dice of
   stemmed content words, see ``similarity``); splits and merges pay a small penalty and
   every part must be mostly contained in the other side. Gaps larger than
   ``max_gap_cells`` are first cut by secondary anchors (strong mutual best matches found
   through an inverted index of rare stems), then by a band around the diagonal.
   Cost: O(cells) per gap.
3. **Moves**: leftover deleted and inserted paragraphs are paired, exact repeats first,
   then by similarity among candidates sharing rare stems, then weak pairs (the same fact
   in another agency's words) when each is the other's best; pairs out of order with
   their neighbours (off the heaviest in-order chain) are flagged ``moved``.
4. **Twins and datelines**: a paragraph printed twice in a row is a repeat of its twin,
   linked to the twin's counterpart; a lone dateline ("MOSCOW:") joins the paragraph
   opening with the same dateline.
5. **Repeats**: a leftover copying a linked paragraph of its own side (a headline printed
   three times) inherits its counterpart; one almost wholly contained in a paragraph of
   the other side (a standfirst repeating the lead) links to it, so links are
   many-to-many where the text is.

Headings, captions and body text (``similarity.role``) only pair with their own kind.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Callable, Sequence

from newsdiff.leads import pair_openings
from newsdiff.moves import mark_out_of_order, pair_leftovers
from newsdiff.pairing import (
    BEADS,
    AlignConfig,
    Bead,
    Scorer,
    anchor_weight,
    heaviest_increasing_chain,
)
from newsdiff.repeats import attach_datelines, attach_twins, link_repeats
from newsdiff.similarity import Features

__all__ = ["AlignConfig", "Bead", "align_features"]


def _unique_anchors(
    left: Sequence[Features], right: Sequence[Features], lo: tuple[int, int], hi: tuple[int, int]
) -> list[tuple[int, int]]:
    """Pairs of equal paragraphs unique on both sides within the ranges, in order."""
    left_at: dict[str, list[int]] = defaultdict(list)
    right_at: dict[str, list[int]] = defaultdict(list)
    for i in range(lo[0], hi[0]):
        if left[i].key:
            left_at[left[i].key].append(i)
    for j in range(lo[1], hi[1]):
        if right[j].key:
            right_at[right[j].key].append(j)
    pairs = sorted(
        (found[0], right_at[key][0])
        for key, found in left_at.items()
        if len(found) == 1 and len(right_at.get(key, ())) == 1
    )
    return heaviest_increasing_chain(
        pairs, [anchor_weight(i, j, len(left[i].key)) for i, j in pairs]
    )


def _secondary_anchors(
    scorer: Scorer, lo: tuple[int, int], hi: tuple[int, int], strong: float = 0.6
) -> list[tuple[int, int]]:
    """Mutual best pairs with high similarity inside an oversized gap, in order."""
    index, rights = scorer.index("right"), range(lo[1], hi[1])
    best_right: dict[int, tuple[float, int]] = {}
    best_left: dict[int, tuple[float, int]] = {}
    for i in range(lo[0], hi[0]):
        if scorer.left[i].clutter:
            continue
        for j in index.candidates(scorer.left[i], rights):
            s = scorer.pair(i, j)
            if s >= strong:
                if s > best_right.get(i, (0.0, -1))[0]:
                    best_right[i] = (s, j)
                if s > best_left.get(j, (0.0, -1))[0]:
                    best_left[j] = (s, i)
    pairs = sorted((i, j) for i, (_, j) in best_right.items() if best_left[j][1] == i)
    return heaviest_increasing_chain(
        pairs, [anchor_weight(i, j, best_right[i][0]) for i, j in pairs]
    )


def _dp_gap(scorer: Scorer, lo: tuple[int, int], hi: tuple[int, int]) -> list[Bead]:
    """Best bead sequence for left[lo0:hi0] x right[lo1:hi1], within a band if it is big."""
    config = scorer.config
    n, m = hi[0] - lo[0], hi[1] - lo[1]
    if n == 1 and m == 1:  # the commonest gap (one edited paragraph): the DP's answer directly
        sim = scorer.pair(lo[0], lo[1])
        if sim >= config.threshold:
            return [Bead((lo[0],), (lo[1],), sim)]
        return [Bead((lo[0],), (), 0.0), Bead((), (lo[1],), 0.0)]
    banded = n * m > config.max_gap_cells
    width = max(config.band, abs(n - m) // 8)
    neg = float("-inf")
    best = [[neg] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int, float]]] = [[(0, 0, 0.0)] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for x in range(n + 1):
        centre = x * m // n if n else 0
        y_from, y_to = (max(0, centre - width), min(m, centre + width)) if banded else (0, m)
        for y in range(y_from, y_to + 1):
            if x == 0 and y == 0:
                continue
            top, top_back = neg, (0, 0, 0.0)
            for di, dj in BEADS:
                if di > x or dj > y:
                    continue
                prev = best[x - di][y - dj]
                if prev == neg:
                    continue
                if di == 0 or dj == 0:
                    gain, sim = 0.0, 0.0
                else:
                    sim = scorer.group(lo[0] + x - di, di, lo[1] + y - dj, dj)
                    if sim < config.threshold:
                        continue
                    gain = (
                        sim
                        - config.threshold
                        - scorer.penalty(lo[0] + x - di, di, lo[1] + y - dj, dj)
                    )
                if prev + gain > top:
                    top, top_back = prev + gain, (di, dj, sim)
            best[x][y] = top
            back[x][y] = top_back
    if best[n][m] == neg:  # the band missed the corner: fall back to delete + insert
        return [Bead((lo[0] + x,), (), 0.0) for x in range(n)] + [
            Bead((), (lo[1] + y,), 0.0) for y in range(m)
        ]
    beads: list[Bead] = []
    x, y = n, m
    while x or y:
        di, dj, sim = back[x][y]
        x, y = x - di, y - dj
        beads.append(
            Bead(
                tuple(range(lo[0] + x, lo[0] + x + di)),
                tuple(range(lo[1] + y, lo[1] + y + dj)),
                sim,
            )
        )
    beads.reverse()
    return _split_skips(beads)


def _split_skips(beads: list[Bead]) -> list[Bead]:
    """Order runs of deletions before insertions so that a gap reads left then right."""
    out: list[Bead] = []
    pending_right: list[Bead] = []
    for bead in beads:
        if bead.left and not bead.right:
            out.append(bead)
        elif bead.right and not bead.left:
            pending_right.append(bead)
        else:
            out.extend(pending_right)
            pending_right.clear()
            out.append(bead)
    out.extend(pending_right)
    return out


def _align_range(
    scorer: Scorer,
    lo: tuple[int, int],
    hi: tuple[int, int],
    depth: int = 0,
    made: Callable[[list[Bead]], None] | None = None,
) -> list[Bead]:
    """The beads of left[lo0:hi0] x right[lo1:hi1], in order; ``made`` is shown them a gap
    (or an anchor) at a time, as they are made."""
    n, m = hi[0] - lo[0], hi[1] - lo[1]
    if n == 0 or m == 0:
        return _shown(
            [Bead((i,), (), 0.0) for i in range(lo[0], hi[0])]
            + [Bead((), (j,), 0.0) for j in range(lo[1], hi[1])],
            made,
        )
    anchors = _unique_anchors(scorer.left, scorer.right, lo, hi) if depth == 0 else []
    if not anchors and n * m > scorer.config.max_gap_cells and depth < 2:
        anchors = _secondary_anchors(scorer, lo, hi)
    if not anchors:
        return _shown(_dp_gap(scorer, lo, hi), made)
    beads: list[Bead] = []
    start = lo
    for i, j in anchors:
        beads.extend(_align_range(scorer, start, (i, j), depth + 1, made))
        beads.extend(_shown([Bead((i,), (j,), scorer.pair(i, j))], made))
        start = (i + 1, j + 1)
    beads.extend(_align_range(scorer, start, hi, depth + 1, made))
    return beads


def _shown(beads: list[Bead], made: Callable[[list[Bead]], None] | None) -> list[Bead]:
    if made is not None and beads:
        made(beads)
    return beads


def align_features(
    left: Sequence[Features],
    right: Sequence[Features],
    config: AlignConfig | None = None,
    in_order: Callable[[list[Bead]], None] | None = None,
) -> list[Bead]:
    """Align two paragraph sequences; beads come in reading order of the right side,
    with deletions where they stood on the left. ``in_order`` is shown the beads of the
    in-order pass, most of the final rows, a gap at a time as they are made, before the
    passes that pair what it left over (the one-shot command word-diffs them meanwhile)."""
    scorer = Scorer(left, right, config or AlignConfig())
    beads: list[Bead] = []
    start = (0, 0)
    for opening in pair_openings(scorer):  # the rest aligns between and after them
        beads.extend(_align_range(scorer, start, (opening.left[0], opening.right[0]), 0, in_order))
        beads.extend(_shown([opening], in_order))
        start = (opening.left[-1] + 1, opening.right[-1] + 1)
    beads.extend(_align_range(scorer, start, (len(left), len(right)), 0, in_order))
    pair_leftovers(scorer, beads)
    beads = [b for b in beads if b.left or b.right]
    beads = attach_twins(scorer, beads)
    beads = attach_datelines(scorer, beads)
    beads = link_repeats(scorer, beads)
    mark_out_of_order(scorer, beads)
    return _place_deletions(beads)


def _place_deletions(beads: list[Bead]) -> list[Bead]:
    """Put each deleted paragraph right after the in-order row holding the left paragraph
    before it, so the left column reads in order too. (Pairs found among the leftovers
    stand where their right paragraph is; the deletions around them used to stay behind.)
    Rows with a right side keep their order."""
    kept = [b for b in beads if b.right]
    anchors = sorted(
        (b.left[0], position)
        for position, b in enumerate(kept)
        if b.left and not (b.moved or b.repeat)
    )
    starts = [left for left, _ in anchors]
    after: dict[int, list[Bead]] = defaultdict(list)
    for bead in beads:
        if not bead.right:
            k = bisect.bisect_left(starts, bead.left[0]) - 1
            after[anchors[k][1] if k >= 0 else -1].append(bead)
    out = after[-1]
    for position, bead in enumerate(kept):
        out.append(bead)
        out.extend(after[position])
    return out
