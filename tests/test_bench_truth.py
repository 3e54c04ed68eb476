"""The benchmark's ground truth is scored correctly, and a 1,000-paragraph pair aligns well.

The benchmarks themselves are scripts (``benchmarks/run.py``); these tests only pin down
that the generator is deterministic, its truth scores 1.0 against itself, a broken
alignment scores lower, and newsdiff reaches F1 >= 0.98 on a generated pair.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from newsdiff.compare import compare
from newsdiff.document import build_document
from newsdiff.render.json import to_dict

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from generate import generate
from truth_score import score


def _as_system(pair: dict, links: list[tuple[list[int], list[int]]]) -> dict:
    """A newsdiff-shaped JSON document with the given rows over the pair's paragraphs."""
    return {
        "left": {"paragraphs": [{"index": i, "text": t} for i, t in enumerate(pair["left_units"])]},
        "right": {
            "paragraphs": [{"index": j, "text": t} for j, t in enumerate(pair["right_units"])]
        },
        "rows": [{"kind": "edited", "left": a, "right": b} for a, b in links],
    }


def _truth_rows(pair: dict) -> list[tuple[list[int], list[int]]]:
    return [([i], [j]) for i, j, _ in pair["links"]]


@pytest.fixture(scope="module")
def pair() -> dict:
    return generate(300, seed=11)


def test_generator_is_deterministic_for_a_seed() -> None:
    assert generate(120, seed=5) == generate(120, seed=5)
    assert generate(120, seed=5)["right_units"] != generate(120, seed=6)["right_units"]


def test_generator_makes_every_kind_of_change(pair: dict) -> None:
    kinds = pair["meta"]["kinds"]
    for kind in ("same", "edited", "reworded", "split", "merged", "moved", "inserted", "deleted"):
        assert kinds.get(kind, 0) > 0, kind
    assert len(set(pair["left_units"])) == len(pair["left_units"])
    assert len(set(pair["right_units"])) == len(pair["right_units"])


def test_truth_scores_perfectly_against_itself(pair: dict) -> None:
    result = score(pair, _as_system(pair, _truth_rows(pair)))
    assert result["f1"] == result["precision"] == result["recall"] == 1.0
    assert result["moved_recall"] == result["split_merged_recall"] == 1.0


def test_a_broken_alignment_scores_lower(pair: dict) -> None:
    rows = _truth_rows(pair)
    moved = {(i, j) for i, j, kind in pair["links"] if kind == "moved"}
    without_moves = [r for r in rows if (r[0][0], r[1][0]) not in moved]
    shifted = [(a, [b[0] + 1]) for a, b in rows]  # every link one paragraph off
    assert score(pair, _as_system(pair, without_moves))["moved_recall"] == 0.0
    assert score(pair, _as_system(pair, without_moves))["f1"] < 1.0
    assert score(pair, _as_system(pair, shifted))["f1"] < 0.2
    assert score(pair, _as_system(pair, []))["recall"] == 0.0


def test_split_and_merge_links_are_counted_per_half(pair: dict) -> None:
    halves = [r for r in _truth_rows(pair)]
    pieces = [(i, j) for i, j, kind in pair["links"] if kind in ("split", "merged")]
    one_half = {pieces[0]}  # drop one link of the first split or merge
    kept = [r for r in halves if (r[0][0], r[1][0]) not in one_half]
    result = score(pair, _as_system(pair, kept))
    assert result["split_merged_recall"] == pytest.approx(1 - 1 / len(pieces), abs=1e-4)


def test_newsdiff_aligns_a_generated_1000_paragraph_pair() -> None:
    pair = generate(1000, seed=1)
    left = build_document("\n\n".join(pair["left_units"]) + "\n", "left.txt")
    right = build_document("\n\n".join(pair["right_units"]) + "\n", "right.txt")
    result = score(pair, to_dict(compare(left, right)))
    assert result["f1"] >= 0.98, result
    assert result["moved_recall"] >= 0.95, result
    assert result["split_merged_recall"] >= 0.95, result
