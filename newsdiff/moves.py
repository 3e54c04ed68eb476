"""Pairing what the in-order alignment left over: moved paragraphs (exact, similar, or
the same fact in other words when each is the other's best), and flagging pairs that are
out of order as moved.
"""

from __future__ import annotations

from collections import defaultdict

from newsdiff.pairing import Bead, Scorer, anchor_weight, heaviest_increasing_chain


def pair_leftovers(scorer: Scorer, beads: list[Bead]) -> None:
    """Pair deleted with inserted paragraphs anywhere in the articles (moves), in place."""
    config = scorer.config
    deleted = {
        b.left[0]: b for b in beads if b.left and not b.right and not scorer.left[b.left[0]].clutter
    }
    inserted = {
        b.right[0]: b
        for b in beads
        if b.right and not b.left and not scorer.right[b.right[0]].clutter
    }
    if not deleted or not inserted:
        return
    by_key: dict[str, list[int]] = defaultdict(list)
    for j in sorted(inserted):
        by_key[scorer.right[j].key].append(j)
    pairs: list[tuple[float, int, int]] = []
    weak: list[tuple[float, int, int]] = []
    for i in sorted(deleted):
        for j in by_key.get(scorer.left[i].key, ()):
            pairs.append((1.0, i, j))
    if len(deleted) * len(inserted) <= 250_000:
        candidates = {i: list(inserted) for i in deleted}
    else:
        index = scorer.index("right")
        candidates = {i: index.candidates(scorer.left[i], inserted) for i in deleted}
    small = config.move_min_stems
    for i, js in candidates.items():
        if len(scorer.left[i].stems) < small:
            continue
        for j in js:
            if len(scorer.right[j].stems) < small:
                continue
            s = scorer.pair(i, j)
            if scorer.left[i].key == scorer.right[j].key:
                continue  # an exact copy, paired above
            if s >= config.move_threshold:  # 1.0 too: the same words in another order
                pairs.append((s, i, j))
            elif s >= config.weak_threshold and _shared_facts(scorer, i, j):
                weak.append((s, i, j))
    pairs.sort(key=lambda p: (-p[0], abs(p[1] - p[2]), p[1] + p[2]))
    used_left: set[int] = set()
    used_right: set[int] = set()
    for s, i, j in pairs:
        if i in used_left or j in used_right:
            continue
        used_left.add(i)
        used_right.add(j)
        target = inserted[j]
        target.left, target.score, target.moved = (i,), s, True
        deleted[i].left = ()  # emptied; dropped below
        _grow_move(scorer, target, deleted, inserted, used_left, used_right)
    # Weak pairs (another agency's wording of one fact) only when each is the other's best.
    best_left: dict[int, tuple[float, int]] = {}
    best_right: dict[int, tuple[float, int]] = {}
    for s, i, j in weak:
        if i in used_left or j in used_right:
            continue
        best_left[i] = max(best_left.get(i, (0.0, -1)), (s, -j))
        best_right[j] = max(best_right.get(j, (0.0, -1)), (s, -i))
    for i, (s, minus_j) in sorted(best_left.items()):
        j = -minus_j
        if best_right[j][1] == -i:
            target = inserted[j]
            target.left, target.score, target.moved = (i,), s, True
            deleted[i].left = ()


def _shared_facts(scorer: Scorer, i: int, j: int) -> bool:
    """Enough specific words in common for a weak pair: three stems, one of them rare."""
    shared = scorer.left[i].stems & scorer.right[j].stems
    if len(shared) < 3:
        return False
    df = scorer.weights.df
    return min(df[s] for s in shared) <= 2


def _grow_move(
    scorer: Scorer,
    bead: Bead,
    deleted: dict[int, Bead],
    inserted: dict[int, Bead],
    used_left: set[int],
    used_right: set[int],
) -> None:
    """Let a moved pair take in neighbouring leftovers that make it a split or a merge
    (a paragraph moved and split in two on the way)."""
    penalty = scorer.config.many_penalty
    for _ in range(2):
        i, j = bead.left[0], bead.right[0]
        options = []
        if len(bead.left) == 1:
            for k in (bead.right[0] - 1, bead.right[-1] + 1):
                if k in inserted and k not in used_right:
                    lo = min(k, bead.right[0])
                    options.append((scorer.group(i, 1, lo, len(bead.right) + 1), "right", k))
        if len(bead.right) == 1:
            for k in (bead.left[0] - 1, bead.left[-1] + 1):
                if k in deleted and k not in used_left:
                    lo = min(k, bead.left[0])
                    options.append((scorer.group(lo, len(bead.left) + 1, j, 1), "left", k))
        if not options:
            return
        sim, side, k = max(options)
        if sim < bead.score + penalty:
            return
        if side == "right":
            used_right.add(k)
            bead.right = tuple(sorted((*bead.right, k)))
            inserted[k].right = ()
        else:
            used_left.add(k)
            bead.left = tuple(sorted((*bead.left, k)))
            deleted[k].left = ()
        bead.score = sim


def mark_out_of_order(scorer: Scorer, beads: list[Bead]) -> None:
    """Flag paired beads that break the reading order as moved: the in-order pairs are the
    heaviest chain (by words), so a short paragraph moves rather than a long one. Repeat
    links are not moves (their paragraph stands in order in a row of its own)."""
    paired = [b for b in beads if b.left and b.right and not b.repeat]
    pairs = sorted(
        (b.left[0], b.right[0], sum(len(scorer.left[i].tokens) for i in b.left)
         + sum(len(scorer.right[j].tokens) for j in b.right))
        for b in paired
    )  # fmt: skip
    weights = [anchor_weight(i, j, w) for i, j, w in pairs]
    chain = set(heaviest_increasing_chain([(i, j) for i, j, _ in pairs], weights))
    for bead in beads:
        if bead.left and bead.right:
            bead.moved = not bead.repeat and (bead.left[0], bead.right[0]) not in chain
