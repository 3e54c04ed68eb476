"""The machinery every alignment pass shares: settings, beads, a caching scorer of
paragraph similarity, a rare-stem index for candidate search, and heaviest in-order chains.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Container, Sequence
from dataclasses import dataclass
from itertools import chain

from newsdiff.similarity import Features, Weights, containment, dice


@dataclass(frozen=True, slots=True)
class AlignConfig:
    """The aligner's thresholds and costs (the defaults are the tuned ones)."""

    threshold: float = 0.25  # minimum similarity for a 1:1 pair inside a gap
    many_penalty: float = 0.04  # cost of each extra paragraph in a split or merge
    part_containment: float = 0.5  # each part of a split/merge must be this contained
    move_threshold: float = 0.35  # minimum similarity to pair a move out of order
    cross_role: float = 0.6  # paragraphs of different roles pair only when this similar
    weak_threshold: float = 0.19  # leftovers this similar pair up if each is the other's best
    move_min_stems: int = 3  # a fuzzy move needs this many content stems on both sides
    repeat_containment: float = 0.85  # a leftover this contained in another paragraph links to it
    repeat_similarity: float = 0.5  # ... or is this similar to a linked one (told twice)
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


class Scorer:
    """Similarity of groups of paragraphs, cached per pair of index ranges."""

    def __init__(self, left: Sequence[Features], right: Sequence[Features], config: AlignConfig):
        self.left, self.right, self.config = left, right, config
        self.weights = Weights([f for f in (*left, *right) if not f.clutter])
        self._pair: dict[tuple[int, int], float] = {}
        self._parts: dict[tuple[bool, int, int], float] = {}
        self.rarest = RarestStems(self.weights, config.rare_stems)
        self._indexes: dict[str, RareIndex] = {}

    def index(self, side: str) -> RareIndex:
        """The rare-stem index of one side's paragraphs, built once."""
        found = self._indexes.get(side)
        if found is None:
            found = self._indexes[side] = RareIndex(
                self.left if side == "left" else self.right, self.rarest, self.config
            )
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
        if any(f.clutter or f.role != "body" for f in (*lefts, *rights)):
            return 0.0  # headings, captions and clutter only ever pair one to one
        merge = di > 1  # several left paragraphs into one right one
        parts = range(i, i + di) if merge else range(j, j + dj)
        need = self.config.part_containment
        if any(self._part_in(merge, k, j if merge else i) < need for k in parts):
            return 0.0
        return dice(_stems_of(lefts), _stems_of(rights), self.weights)

    def _part_in(self, merge: bool, part: int, whole: int) -> float:
        """Containment of one part of a split or merge in the single paragraph of the other
        side, remembered: neighbouring DP cells ask for the same part again and again."""
        key = (merge, part, whole)
        found = self._parts.get(key)
        if found is None:
            many, one = (self.left, self.right) if merge else (self.right, self.left)
            found = self._parts[key] = containment(many[part].stems, one[whole].stems, self.weights)
        return found

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


def _stems_of(paragraphs: Sequence[Features]) -> frozenset[str]:
    """The stems of a group of paragraphs (one paragraph's own set, not a copy)."""
    if len(paragraphs) == 1:
        return paragraphs[0].stems
    return frozenset().union(*(f.stems for f in paragraphs))


def anchor_weight(i: int, j: int, size: float) -> float:
    """Weight of a pair in a chain. Every pair counts one, so the chain keeps as many pairs
    in order as it can; among chains of equal length the one with bigger pairs wins (a
    crosshead gives way to a paragraph), then the one nearer the diagonal, so ties break
    the same way when the articles swap sides."""
    return 1.0 + min(size, 999.0) / 1e4 + 1e-7 / (1.0 + abs(i - j))


def heaviest_increasing_chain(
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
    # The tree holds, per node, the heaviest chain's total and its last pair (the later
    # pair on a tie), in two lists: no tuple made or compared per step.
    size = len(ranks) + 1
    tree_total, tree_end = [0.0] * size, [-1] * size
    total = [0.0] * len(pairs)
    parent = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        rank = ranks[j]
        r, best, end = rank - 1, 0.0, -1
        while r > 0:  # best chain ending below j
            here = tree_total[r]
            if here > best or (here == best and tree_end[r] > end):
                best, end = here, tree_end[r]
            r &= r - 1
        mine = total[k] = best + weights[k]
        parent[k] = end
        r = rank
        while r < size:
            here = tree_total[r]
            if mine > here or (mine == here and k > tree_end[r]):
                tree_total[r], tree_end[r] = mine, k
            r += r & -r
    k = max(range(len(pairs)), key=lambda x: (total[x], -x))
    chain: list[tuple[int, int]] = []
    while k >= 0:
        chain.append(pairs[k])
        k = parent[k]
    chain.reverse()
    return chain


class RarestStems:
    """Each paragraph's ``count`` rarest stems (by document frequency), remembered. Its own
    object, shared by the scorer and its indexes, so none of them refers back to the
    scorer: a comparison leaves no reference cycles (it runs with the collector off)."""

    def __init__(self, weights: Weights, count: int):
        self.weights, self.count = weights, count
        self._found: dict[int, list[str]] = {}

    def __call__(self, f: Features) -> list[str]:
        found = self._found.get(id(f))
        if found is None:
            found = self._found[id(f)] = self.weights.rarest_first(f.stems)[: self.count]
        return found


class RareIndex:
    """Inverted index from each paragraph's rarest stems to paragraphs: cheap candidates.

    Only the ``rare_stems`` rarest stems of a paragraph are indexed and queried, stems
    shared by more than ``max_posting`` paragraphs are not rare and are skipped, and a query
    returns at most ``max_candidates`` paragraphs, those sharing the most stems, so a lookup
    costs about the same in a 50-paragraph article and a 50,000-paragraph one.
    """

    def __init__(self, features: Sequence[Features], rarest: RarestStems, config: AlignConfig):
        self.rarest = rarest
        self.limit = config.max_candidates
        self.max_posting = config.max_posting
        self.postings: dict[str, list[int]] = defaultdict(list)
        for index, f in enumerate(features):
            if not f.clutter:
                for s in rarest(f):
                    self.postings[s].append(index)

    def candidates(self, f: Features, allowed: Container[int] | None = None) -> list[int]:
        """Paragraphs (among ``allowed``) sharing the most rare stems with ``f``."""
        postings = (self.postings.get(s, ()) for s in self.rarest(f))
        found = chain.from_iterable(p for p in postings if len(p) <= self.max_posting)
        # one count over all postings, in C (not one ``update`` per stem)
        shared = Counter(found if allowed is None else filter(allowed.__contains__, found))
        if len(shared) <= self.limit:
            return sorted(shared)
        return sorted(k for k, _ in shared.most_common(self.limit))
