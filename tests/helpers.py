"""Small builders shared by the core tests."""

from __future__ import annotations

from newsdiff.compare import compare
from newsdiff.document import build_document
from newsdiff.model import Alignment

PARAGRAPHS = [
    "The central bank raised interest rates by half a point on Tuesday, its third rise this year.",
    "Inflation reached 7.4 percent in October, the highest level since records began in 1991.",
    "Opposition lawmakers accused the government of ignoring warnings from economists for months.",
    "Farmers in the northern provinces say fuel prices have doubled since the spring harvest.",
    "The finance minister promised a package of subsidies for households hit by energy bills.",
    "Analysts at Meridian Capital expect growth to slow sharply during the first quarter.",
    "Thousands of protesters gathered outside parliament on Saturday demanding wage increases.",
    "The currency fell to a record low against the dollar before recovering slightly.",
]


def article(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs) + "\n"


def align(left: list[str], right: list[str]) -> Alignment:
    return compare(
        build_document(article(*left), "left.txt"), build_document(article(*right), "right.txt")
    )


def links(alignment: Alignment) -> set[tuple[tuple[int, ...], tuple[int, ...]]]:
    return {(row.left, row.right) for row in alignment.rows if row.left and row.right}
