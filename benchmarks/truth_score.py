"""Score a paragraph alignment (newsdiff's ``--format json``) against generator ground truth.

    python benchmarks/truth_score.py truth.json newsdiff.json

Every row links the cross product of its left and right paragraph indices. Truth units are
mapped to the system's paragraphs by their text (whitespace collapsed), so a tool that
numbers paragraphs differently still scores; a unit whose text is not found counts as
``unmapped`` and its links cannot be hit. Then:

* precision = system links that are truth links / system links
* recall = truth links found / truth links; F1 their harmonic mean
* ``moved_recall``: recall on links of kind ``moved``
* ``split_merged_recall``: recall on links of kinds ``split`` and ``merged`` (both halves
  of a split or merge must be linked to score fully)
* ``per_kind_recall`` for every kind.

A perfect alignment scores 1.0 everywhere. Cost: O(links).
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any


def _key(text: str) -> str:
    return " ".join(text.split())


def _index(paragraphs: Iterable[dict[str, Any]]) -> dict[str, int]:
    index: dict[str, int] = {}
    for p in paragraphs:
        index.setdefault(_key(p["text"]), p["index"])
    return index


def system_links(system: dict[str, Any]) -> set[tuple[int, int]]:
    """(left index, right index) pairs implied by the rows of a newsdiff JSON document."""
    return {(i, j) for row in system["rows"] for i in row["left"] for j in row["right"]}


def score(truth: dict[str, Any], system: dict[str, Any]) -> dict[str, Any]:
    """Precision, recall, F1, moved and split/merged recall of ``system`` against ``truth``."""
    left = _index(system["left"]["paragraphs"])
    right = _index(system["right"]["paragraphs"])
    left_map = [left.get(_key(t)) for t in truth["left_units"]]
    right_map = [right.get(_key(t)) for t in truth["right_units"]]
    found = system_links(system)
    hits: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    truth_pairs: set[tuple[int, int]] = set()
    for i, j, kind in truth["links"]:
        a, b = left_map[i], right_map[j]
        hit = a is not None and b is not None and (a, b) in found
        if a is not None and b is not None:
            truth_pairs.add((a, b))
        hits[kind][0] += hit
        hits[kind][1] += 1
    hit_total = sum(h for h, _ in hits.values())
    truth_total = sum(n for _, n in hits.values())
    correct = len(found & truth_pairs)
    precision = correct / len(found) if found else 1.0
    recall = hit_total / truth_total if truth_total else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    def recall_of(*kinds: str) -> float | None:
        hit = sum(hits[k][0] for k in kinds if k in hits)
        total = sum(hits[k][1] for k in kinds if k in hits)
        return round(hit / total, 4) if total else None

    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "moved_recall": recall_of("moved"),
        "split_merged_recall": recall_of("split", "merged"),
        "per_kind_recall": {k: recall_of(k) for k in sorted(hits)},
        "truth_links": truth_total,
        "system_links": len(found),
        "unmapped": left_map.count(None) + right_map.count(None),
    }


def score_files(truth_path: Path, system_path: Path) -> dict[str, Any]:
    truth = json.loads(Path(truth_path).read_text(encoding="utf-8"))
    system = json.loads(Path(system_path).read_text(encoding="utf-8"))
    return score(truth, system)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("truth", type=Path)
    parser.add_argument("system", type=Path, help="newsdiff --format json output")
    args = parser.parse_args()
    print(json.dumps(score_files(args.truth, args.system)))


if __name__ == "__main__":
    main()
