"""Paragraph alignment: anchors, a bead DP inside the gaps, then moves and repeats.

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
4. **Twins and datelines**: a paragraph printed twice in a row joins its twin's row; a
   lone dateline ("MOSCOW:") joins the paragraph opening with the same dateline.
5. **Repeats**: a leftover copying a linked paragraph of its own side (a headline printed
   three times) inherits its counterpart; one almost wholly contained in a paragraph of
   the other side (a standfirst repeating the lead) links to it, so links are
   many-to-many where the text is.

Headings, captions and body text (``similarity.role``) only pair with their own kind.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Container, Sequence
from dataclasses import dataclass

from newsdiff.similarity import Features, Weights, containment, dice


@dataclass(frozen=True, slots=True)
class AlignConfig:
    threshold: float = 0.25  # minimum similarity for a 1:1 pair inside a gap
    many_penalty: float = 0.04  # cost of each extra paragraph in a split or merge
    part_containment: float = 0.5  # each part of a split/merge must be this contained
    move_threshold: float = 0.35  # minimum similarity to pair a move out of order
    cross_role: float = 0.6  # paragraphs of different roles pair only when this similar
    weak_threshold: float = 0.19  # leftovers this similar pair up if each is the other's best
    move_min_stems: int = 3  # a fuzzy move needs this many content stems on both sides
    repeat_containment: float = 0.85  # a leftover this contained in another paragraph links to it
    repeat_min_stems: int = 4  # ... if it has at least this many content stems
    max_gap_cells: int = 40_000  # larger gaps are cut by secondary anchors / a band
    band: int = 60  # half-width of the band in an oversized gap
    rare_stems: int = 8  # stems per paragraph used to find candidates in big searches
    max_candidates: int = 24  # candidates examined per paragraph in those searches
    max_posting: int = 64  # a stem in more paragraphs than this is not rare


@dataclass(slots=True)
class Bead:
    """One output row in the making: paragraph indices of each side and a similarity."""

    left: tuple[int, ...]
    right: tuple[int, ...]
    score: float
    moved: bool = False
    repeat: bool = False


BEADS = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (3, 1), (1, 3))


class _Scorer:
    """Similarity of groups of paragraphs, cached per pair of index ranges."""

    def __init__(self, left: Sequence[Features], right: Sequence[Features], config: AlignConfig):
        self.left, self.right, self.config = left, right, config
        self.weights = Weights([f for f in (*left, *right) if not f.clutter])
        self._pair: dict[tuple[int, int], float] = {}
        self._rarest: dict[int, list[str]] = {}
        self._indexes: dict[str, _RareIndex] = {}

    def index(self, side: str) -> _RareIndex:
        """The rare-stem index of one side's paragraphs, built once."""
        found = self._indexes.get(side)
        if found is None:
            found = self._indexes[side] = _RareIndex(
                self.left if side == "left" else self.right, self
            )
        return found

    def rarest(self, f: Features) -> list[str]:
        """The paragraph's ``rare_stems`` rarest stems (by document frequency), remembered."""
        found = self._rarest.get(id(f))
        if found is None:
            df = self.weights.df
            found = sorted(f.stems, key=lambda s: (df[s], s))[: self.config.rare_stems]
            self._rarest[id(f)] = found
        return found

    def pair(self, i: int, j: int) -> float:
        cached = self._pair.get((i, j))
        if cached is None:
            a, b = self.left[i], self.right[j]
            if a.key == b.key:
                cached = 1.0
            elif a.clutter or b.clutter:
                cached = 0.0
            else:
                cached = dice(a.stems, b.stems, self.weights)
                if a.role != b.role and cached < self.config.cross_role:
                    cached = 0.0  # a headline pairs with a headline, a caption with a caption
            self._pair[(i, j)] = cached
        return cached

    def group(self, i: int, di: int, j: int, dj: int) -> float:
        """Similarity of left[i:i+di] with right[j:j+dj] (one side has one paragraph)."""
        if di == 1 and dj == 1:
            return self.pair(i, j)
        lefts, rights = self.left[i : i + di], self.right[j : j + dj]
        parts = (*lefts, *rights)
        if any(f.clutter or f.role != "body" for f in parts):
            return 0.0  # headings, captions and clutter only ever pair one to one
        left_stems = frozenset().union(*(f.stems for f in lefts))
        right_stems = frozenset().union(*(f.stems for f in rights))
        many, whole = (lefts, right_stems) if di > 1 else (rights, left_stems)
        need = self.config.part_containment
        if any(containment(f.stems, whole, self.weights) < need for f in many):
            return 0.0
        return dice(left_stems, right_stems, self.weights)

    def penalty(self, i: int, di: int, j: int, dj: int) -> float:
        """Cost of a split/merge bead. A part whose words sit exactly at the start or end of
        the other side (a dateline "MOSCOW:" on its own line) costs nothing."""
        if di == 1 and dj == 1:
            return 0.0
        many = self.left[i : i + di] if di > 1 else self.right[j : j + dj]
        one = self.right[j] if di > 1 else self.left[i]
        cost = 0.0
        for position, part in enumerate(many):
            size = len(part.tokens)
            at_start = position == 0 and one.tokens[:size] == part.tokens
            at_end = position == len(many) - 1 and size and one.tokens[-size:] == part.tokens
            if not (size and (at_start or at_end)):
                cost += self.config.many_penalty
        return max(0.0, cost - self.config.many_penalty)


def _anchor_weight(i: int, j: int, size: float) -> float:
    """Weight of a pair in a chain. Every pair counts one, so the chain keeps as many pairs
    in order as it can; among chains of equal length the one with bigger pairs wins (a
    crosshead gives way to a paragraph), then the one nearer the diagonal, so ties break
    the same way when the articles swap sides."""
    return 1.0 + min(size, 999.0) / 1e4 + 1e-7 / (1.0 + abs(i - j))


def _heaviest_increasing_chain(
    pairs: list[tuple[int, int]], weights: Sequence[float] | None = None
) -> list[tuple[int, int]]:
    """The chain of pairs increasing in both coordinates with the largest total weight
    (pairs sorted by the first coordinate, each first coordinate used once). With weights
    from paragraph length, long paragraphs anchor the order and short ones give way, the
    same way whichever article is on the left. Cost: O(n log n) with a Fenwick tree."""
    if not pairs:
        return []
    weights = weights or [1.0] * len(pairs)
    ranks = {j: r for r, j in enumerate(sorted({j for _, j in pairs}), start=1)}
    tree: list[tuple[float, int]] = [(0.0, -1)] * (len(ranks) + 1)
    total = [0.0] * len(pairs)
    parent = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        r, best = ranks[j] - 1, (0.0, -1)
        while r > 0:  # best chain ending below j
            best = max(best, tree[r])
            r -= r & -r
        total[k], parent[k] = best[0] + weights[k], best[1]
        r = ranks[j]
        while r < len(tree):
            tree[r] = max(tree[r], (total[k], k))
            r += r & -r
    k = max(range(len(pairs)), key=lambda x: (total[x], -x))
    chain: list[tuple[int, int]] = []
    while k >= 0:
        chain.append(pairs[k])
        k = parent[k]
    chain.reverse()
    return chain


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
    return _heaviest_increasing_chain(
        pairs, [_anchor_weight(i, j, len(left[i].key)) for i, j in pairs]
    )


class _RareIndex:
    """Inverted index from each paragraph's rarest stems to paragraphs: cheap candidates.

    Only the ``rare_stems`` rarest stems of a paragraph are indexed and queried, stems
    shared by more than ``max_posting`` paragraphs are not rare and are skipped, and a query
    returns at most ``max_candidates`` paragraphs, those sharing the most stems, so a lookup
    costs about the same in a 50-paragraph article and a 50,000-paragraph one.
    """

    def __init__(self, features: Sequence[Features], scorer: _Scorer):
        self.scorer = scorer
        self.limit = scorer.config.max_candidates
        self.max_posting = scorer.config.max_posting
        self.postings: dict[str, list[int]] = defaultdict(list)
        for index, f in enumerate(features):
            if not f.clutter:
                for s in scorer.rarest(f):
                    self.postings[s].append(index)

    def candidates(self, f: Features, allowed: Container[int] | None = None) -> list[int]:
        """Paragraphs (among ``allowed``) sharing the most rare stems with ``f``."""
        shared: Counter[int] = Counter()
        for s in self.scorer.rarest(f):
            posting = self.postings.get(s, ())
            if len(posting) <= self.max_posting:
                shared.update(posting if allowed is None else [k for k in posting if k in allowed])
        return sorted(k for k, _ in shared.most_common(self.limit))


def _secondary_anchors(
    scorer: _Scorer, lo: tuple[int, int], hi: tuple[int, int], strong: float = 0.6
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
    return _heaviest_increasing_chain(
        pairs, [_anchor_weight(i, j, best_right[i][0]) for i, j in pairs]
    )


def _dp_gap(scorer: _Scorer, lo: tuple[int, int], hi: tuple[int, int]) -> list[Bead]:
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
    scorer: _Scorer, lo: tuple[int, int], hi: tuple[int, int], depth: int = 0
) -> list[Bead]:
    n, m = hi[0] - lo[0], hi[1] - lo[1]
    if n == 0 or m == 0:
        return [Bead((i,), (), 0.0) for i in range(lo[0], hi[0])] + [
            Bead((), (j,), 0.0) for j in range(lo[1], hi[1])
        ]
    anchors = _unique_anchors(scorer.left, scorer.right, lo, hi) if depth == 0 else []
    if not anchors and n * m > scorer.config.max_gap_cells and depth < 2:
        anchors = _secondary_anchors(scorer, lo, hi)
    if not anchors:
        return _dp_gap(scorer, lo, hi)
    beads: list[Bead] = []
    start = lo
    for i, j in anchors:
        beads.extend(_align_range(scorer, start, (i, j), depth + 1))
        beads.append(Bead((i,), (j,), scorer.pair(i, j)))
        start = (i + 1, j + 1)
    beads.extend(_align_range(scorer, start, hi, depth + 1))
    return beads


def _pair_leftovers(scorer: _Scorer, beads: list[Bead]) -> None:
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
            if config.move_threshold <= s < 1.0:
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


def _shared_facts(scorer: _Scorer, i: int, j: int) -> bool:
    """Enough specific words in common for a weak pair: three stems, one of them rare."""
    shared = scorer.left[i].stems & scorer.right[j].stems
    if len(shared) < 3:
        return False
    df = scorer.weights.df
    return min(df[s] for s in shared) <= 2


def _grow_move(
    scorer: _Scorer,
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


def _link_repeats(scorer: _Scorer, beads: list[Bead]) -> None:
    """Link leftovers that repeat text found elsewhere, in place: a copy of a paragraph of
    the same side inherits that paragraph's counterpart (a headline printed three times);
    a paragraph almost wholly contained in one of the other side links to it (a standfirst
    repeating part of the lead)."""
    config = scorer.config
    weights = scorer.weights
    for side in ("left", "right"):
        own, other = (scorer.left, scorer.right) if side == "left" else (scorer.right, scorer.left)
        counterpart: dict[int, int] = {}
        for bead in beads:
            mine, theirs = (bead.left, bead.right) if side == "left" else (bead.right, bead.left)
            if theirs and not bead.repeat:
                counterpart.update((k, theirs[0]) for k in mine)
        own_index = scorer.index(side)
        index = scorer.index("right" if side == "left" else "left")
        for bead in beads:
            mine, theirs = (bead.left, bead.right) if side == "left" else (bead.right, bead.left)
            if len(mine) != 1 or theirs:
                continue
            f = own[mine[0]]
            if f.clutter or len(f.stems) < config.repeat_min_stems:
                continue
            copy_of = _best_copy(f, own, own_index.candidates(f, counterpart), weights)
            if copy_of is not None:
                target = counterpart[copy_of]
                if side == "left":
                    bead.right = (target,)
                else:
                    bead.left = (target,)
                bead.score, bead.repeat = dice(f.stems, other[target].stems, weights), True
                continue
            best, best_k = 0.0, -1
            for k in index.candidates(f):
                if other[k].role != f.role:
                    continue
                c = containment(f.stems, other[k].stems, weights)
                if c > best:
                    best, best_k = c, k
            if best >= config.repeat_containment:
                if side == "left":
                    bead.right = (best_k,)
                else:
                    bead.left = (best_k,)
                bead.score, bead.repeat = dice(f.stems, other[best_k].stems, weights), True


def _best_copy(
    f: Features,
    own: Sequence[Features],
    candidates: list[int],
    weights: Weights,
    near: float = 0.75,
) -> int | None:
    """A linked paragraph of the same side that ``f`` copies (same text, or nearly)."""
    best, best_k = near, None
    for k in candidates:
        if own[k].role != f.role:
            continue
        s = 1.0 if own[k].key == f.key else dice(f.stems, own[k].stems, weights)
        if s >= best and (best_k is None or s > best):
            best, best_k = s, k
    return best_k


def _attach_twins(scorer: _Scorer, beads: list[Bead]) -> list[Bead]:
    """A paragraph printed twice in a row (a repeated caption) joins its twin's row."""
    paired_left = {i: b for b in beads if b.left and b.right and not b.moved for i in b.left}
    paired_right = {j: b for b in beads if b.left and b.right and not b.moved for j in b.right}
    out: list[Bead] = []
    for bead in beads:
        if len(bead.left) + len(bead.right) == 1:
            side, paired, feats = (
                ("left", paired_left, scorer.left)
                if bead.left
                else ("right", paired_right, scorer.right)
            )
            k = (bead.left or bead.right)[0]
            twin = next(
                (paired[t] for t in (k - 1, k + 1) if t in paired and feats[t].key == feats[k].key),
                None,
            )
            if twin is not None:
                merged = tuple(sorted((*getattr(twin, side), k)))
                setattr(twin, side, merged)
                paired[k] = twin
                continue
        out.append(bead)
    return out


def _attach_datelines(scorer: _Scorer, beads: list[Bead]) -> list[Bead]:
    """A dateline on its own line ("MOSCOW:") links to the paragraph of the other side that
    opens with the same dateline: it joins that paragraph's row when the row holds its own
    next paragraph (a lead split after the dateline), else it gets a row of its own."""
    out: list[Bead] = []
    for k, bead in enumerate(beads):
        if len(bead.left) + len(bead.right) != 1:
            out.append(bead)
            continue
        side = "left" if bead.left else "right"
        own, other = (scorer.left, scorer.right) if side == "left" else (scorer.right, scorer.left)
        index = (bead.left or bead.right)[0]
        f = own[index]
        if not f.dateline or " ".join(f.tokens) != f.dateline or f.clutter:
            out.append(bead)
            continue
        target = next(
            (t for t, g in enumerate(other) if g.dateline == f.dateline and g.tokens != f.tokens),
            None,
        )
        if target is None:
            out.append(bead)
            continue
        following = beads[k + 1] if k + 1 < len(beads) else None
        theirs = "right" if side == "left" else "left"
        if (
            following
            and index + 1 in getattr(following, side)
            and target in getattr(following, theirs)
        ):
            setattr(following, side, (index, *getattr(following, side)))
            continue
        setattr(bead, theirs, (target,))
        bead.score, bead.repeat = (
            scorer.pair(*((index, target) if side == "left" else (target, index))),
            True,
        )
        out.append(bead)
    return out


def _mark_out_of_order(scorer: _Scorer, beads: list[Bead]) -> None:
    """Flag paired beads that break the reading order as moved: the in-order pairs are the
    heaviest chain (by words), so a short paragraph moves rather than a long one."""
    paired = [b for b in beads if b.left and b.right and not b.repeat]
    pairs = sorted(
        (b.left[0], b.right[0], sum(len(scorer.left[i].tokens) for i in b.left)
         + sum(len(scorer.right[j].tokens) for j in b.right))
        for b in paired
    )  # fmt: skip
    weights = [_anchor_weight(i, j, w) for i, j, w in pairs]
    chain = set(_heaviest_increasing_chain([(i, j) for i, j, _ in pairs], weights))
    for bead in beads:
        if bead.left and bead.right:
            bead.moved = bead.repeat or (bead.left[0], bead.right[0]) not in chain


def align_features(
    left: Sequence[Features], right: Sequence[Features], config: AlignConfig | None = None
) -> list[Bead]:
    """Align two paragraph sequences; beads come in reading order of the right side,
    with deletions where they stood on the left."""
    scorer = _Scorer(left, right, config or AlignConfig())
    beads = _align_range(scorer, (0, 0), (len(left), len(right)))
    _pair_leftovers(scorer, beads)
    beads = [b for b in beads if b.left or b.right]
    beads = _attach_twins(scorer, beads)
    beads = _attach_datelines(scorer, beads)
    _link_repeats(scorer, beads)
    _mark_out_of_order(scorer, beads)
    return beads
