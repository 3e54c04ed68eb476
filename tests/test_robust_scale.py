"""Inputs of awkward size still work."""

from __future__ import annotations

import json

from robust_helpers import newsdiff


def test_one_megabyte_paragraph_without_newline(tmp_path) -> None:
    words = " ".join(f"w{k % 5000}" for k in range(180_000))[:1_000_000]
    left = tmp_path / "l.txt"
    left.write_text(words)
    right = tmp_path / "r.txt"
    right.write_text(words.replace("w4999", "changed", 1))
    result = newsdiff(str(left), str(right), "--format", "json")
    assert result.status == 1
    row = json.loads(result.text)["rows"][0]
    assert "".join(s["left"] for s in row["spans"]) == words


def test_hundred_thousand_one_word_lines(tmp_path) -> None:
    lines = "\n".join(f"word{k}" for k in range(100_000)) + "\n"
    left = tmp_path / "l.txt"
    left.write_text(lines)
    right = tmp_path / "r.txt"
    right.write_text(lines.replace("word500\n", "changed\n"))
    result = newsdiff(str(left), str(right), "--format", "json")
    assert result.status == 1
    model = json.loads(result.text)
    assert len(model["left"]["paragraphs"]) == 100_000
    assert model["stats"]["same"] >= 99_990
