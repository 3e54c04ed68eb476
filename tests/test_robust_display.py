"""Wide, combining, right-to-left and very long text keeps the columns straight."""

from __future__ import annotations

from rich.cells import cell_len
from robust_helpers import newsdiff

WIDTH = 80


def _side(tmp_path, left: str, right: str, width: int = WIDTH) -> list[str]:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(left)
    b.write_text(right)
    result = newsdiff(str(a), str(b), "--color", "never", "--width", str(width))
    assert result.status in (0, 1) and "Traceback" not in result.err
    return result.text.splitlines()


def _gutter_column(lines: list[str]) -> set[int]:
    """Cell position of the gutter marker on the first line of each row."""
    positions = set()
    for line in lines[2:-2]:
        for marker in (" ~ ", " ≈ ", " + ", " - "):
            k = line.find(marker, 8)
            if k > 0:
                positions.add(cell_len(line[:k]))
                break
    return positions


def test_cjk_emoji_combining_and_rtl_stay_in_their_columns(tmp_path) -> None:
    left = (
        "東京都は新しい条例を発表した。市民の反応はさまざまだ。\n\n"
        "Emoji 🙂🎉 in the middle of a sentence about 👩‍👩‍👧 families.\n\n"
        "Cafe\u0301 cre\u0300me with combining accents, written out in full.\n\n"
        "مرحبا بالعالم هذه جملة عربية طويلة نوعا ما للاختبار.\n"
    )
    right = left.replace("条例", "法律").replace("🎉", "🎈").replace("written", "set")
    right = right.replace("طويلة", "قصيرة")
    lines = _side(tmp_path, left, right)
    assert all(cell_len(line) <= WIDTH for line in lines)
    assert len(_gutter_column(lines)) == 1  # every row's marker in the same cell column


def test_long_words_and_urls_are_folded_inside_the_column(tmp_path) -> None:
    url = "https://example.com/" + "very-long-path-segment/" * 20
    lines = _side(tmp_path, f"See {url} for details.\n", f"See {url}x for details.\n")
    assert all(cell_len(line) <= WIDTH for line in lines)
    assert sum("very-long" in line for line in lines) > 5


def test_identical_articles_print_no_change_markers(tmp_path) -> None:
    text = "First paragraph.\n\nSecond paragraph.\n"
    lines = _side(tmp_path, text, text)
    assert not _gutter_column(lines)


def test_articles_with_nothing_in_common(tmp_path) -> None:
    lines = _side(tmp_path, "Apples are red.\n", "Trains run late.\n")
    assert any(line.rstrip().endswith(" -") and "Apples" in line for line in lines)
    assert any(" + " in line and "Trains" in line for line in lines)


def test_narrow_terminal_gets_the_stacked_layout(tmp_path) -> None:
    lines = _side(tmp_path, "A first version.\n", "A second version.\n", width=30)
    assert all(cell_len(line) <= 30 for line in lines)
    assert any(line.startswith("L¶1") for line in lines)
    assert any(line.startswith("R¶1") for line in lines)
