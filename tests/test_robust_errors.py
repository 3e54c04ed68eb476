"""Bad input gets one clear line on stderr and status 2; odd-but-valid input is accepted."""

from __future__ import annotations

import os

from conftest import SEEDS
from robust_helpers import assert_one_error_line, newsdiff


def test_missing_file(tmp_path) -> None:
    (tmp_path / "a.txt").write_text("text\n")
    assert_one_error_line(
        newsdiff(str(tmp_path / "nope.txt"), str(tmp_path / "a.txt")), "nope.txt", "no such file"
    )


def test_directory_where_a_file_is_expected(tmp_path) -> None:
    (tmp_path / "a.txt").write_text("text\n")
    assert_one_error_line(newsdiff(str(tmp_path), str(tmp_path / "a.txt")), "directory")


def test_unreadable_file(tmp_path) -> None:
    # Running as root defeats chmod 000, so use a path that cannot be opened by anyone:
    # a file name below a regular file.
    (tmp_path / "a.txt").write_text("text\n")
    blocked = tmp_path / "a.txt" / "child.txt"
    result = newsdiff(str(blocked), str(tmp_path / "a.txt"))
    assert_one_error_line(result, "child.txt")


def test_permission_denied_when_not_root(tmp_path) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text("secret\n")
    locked.chmod(0)
    (tmp_path / "a.txt").write_text("text\n")
    result = newsdiff(str(locked), str(tmp_path / "a.txt"))
    if os.geteuid() == 0:  # root reads it anyway: then it must simply work
        assert result.status == 1
    else:
        assert_one_error_line(result, "permission denied")


def test_binary_files_are_refused(tmp_path) -> None:
    png = tmp_path / "image.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10")
    nul = tmp_path / "nul.txt"
    nul.write_bytes(b"text with a \x00 byte\n")
    (tmp_path / "a.txt").write_text("text\n")
    assert_one_error_line(newsdiff(str(png), str(tmp_path / "a.txt")), "image.png", "binary")
    assert_one_error_line(newsdiff(str(tmp_path / "a.txt"), str(nul)), "nul.txt", "binary")


def test_invalid_option_values(tmp_path) -> None:
    a = tmp_path / "a.txt"
    a.write_text("text\n")
    bad_options = (
        ["--width", "0"], ["--width", "wide"], ["--format", "xml"], ["--color", "pink"],
        ["--max-size", "lots"], ["--style", "no-such-style"], ["--no-such-flag"],
    )  # fmt: skip
    for bad in bad_options:
        assert_one_error_line(newsdiff(str(a), str(a), *bad))


def test_file_over_the_size_limit_and_the_flag_that_raises_it(tmp_path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("word " * 400 + "\n")
    small = tmp_path / "small.txt"
    small.write_text("word\n")
    assert_one_error_line(newsdiff(str(big), str(small), "--max-size", "1k"), "big.txt", "limit")
    assert newsdiff(str(big), str(small), "--max-size", "1m").status == 1


def test_standard_input_for_both_sides_is_refused() -> None:
    assert_one_error_line(newsdiff("-", "-"), "standard input")


def test_the_viewer_refuses_standard_input_by_name(tmp_path) -> None:
    a = tmp_path / "a.txt"
    a.write_text("A paragraph.\n")
    assert_one_error_line(newsdiff("-i", "-", str(a)), "viewer", "standard input")


def test_printing_options_are_refused_for_the_viewer(tmp_path) -> None:
    """A folder opens the viewer: options of a printed comparison would be ignored there."""
    (tmp_path / "a.txt").write_text("A paragraph.\n")
    (tmp_path / "b.txt").write_text("Another paragraph.\n")
    assert_one_error_line(newsdiff("-f", "json", str(tmp_path)), "-f/--format")
    files = (str(tmp_path / "a.txt"), str(tmp_path / "b.txt"))
    result = newsdiff("-i", "-c", "--color", "never", *files)
    assert_one_error_line(result, "-c/--changes-only", "--color")


def test_a_folder_with_one_article_is_refused(tmp_path) -> None:
    (tmp_path / "only.txt").write_text("A paragraph.\n")
    assert_one_error_line(newsdiff(str(tmp_path)), "only one article", "only.txt")
    assert_one_error_line(newsdiff("-i", str(tmp_path / "only.txt")), "two or more articles")
    assert_one_error_line(newsdiff("-i", str(tmp_path / "nosuchdir")), "no such file")


def test_standard_input_for_one_side(tmp_path) -> None:
    a = tmp_path / "a.txt"
    a.write_text("The same paragraph.\n")
    assert newsdiff(str(a), "-", stdin=b"The same paragraph.\n").status == 0
    assert newsdiff("-", str(a), stdin=b"Another paragraph.\n").status == 1


def test_empty_and_whitespace_only_files_are_empty_articles(tmp_path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.txt"
    blank.write_bytes(b"  \n\t\n\n")
    text = tmp_path / "a.txt"
    text.write_text("Some text.\n")
    assert newsdiff(str(empty), str(blank)).status == 0
    assert newsdiff(str(empty), str(text)).status == 1
    assert newsdiff(str(empty), str(text), "--format", "json").status == 1


def test_same_file_twice_has_no_differences(tmp_path) -> None:
    a = tmp_path / "a.txt"
    a.write_text("One.\n\nTwo.\n")
    result = newsdiff(str(a), str(a))
    assert result.status == 0 and result.err == ""


def test_inputs_are_never_written(tmp_path) -> None:
    left, right = tmp_path / "l.txt", tmp_path / "r.txt"
    left.write_bytes(b"\xef\xbb\xbfFirst.\r\n\r\nSecond.\r\n")
    right.write_bytes(b"First!\n\nThird.\n")
    before = [(p.read_bytes(), p.stat().st_mtime_ns) for p in (left, right)]
    for fmt in ("side", "unified", "json"):
        newsdiff(str(left), str(right), "--format", fmt)
    assert [(p.read_bytes(), p.stat().st_mtime_ns) for p in (left, right)] == before


def test_options_may_stand_between_the_file_names() -> None:
    """As with diff(1): ``newsdiff a.txt -f json b.txt``."""
    left, right = (str(p) for p in sorted(SEEDS.glob("*.txt"))[:2])
    between = newsdiff(left, "-f", "json", right)
    before = newsdiff("-f", "json", left, right)
    assert between.status == before.status == 1
    assert between.text == before.text and between.text.startswith("{")


def test_names_after_a_double_dash_are_files_even_when_they_look_like_options(
    tmp_path,
) -> None:
    left, right = sorted(SEEDS.glob("*.txt"))[:2]
    (tmp_path / "-a.txt").write_bytes(left.read_bytes())
    (tmp_path / "-f").write_bytes(right.read_bytes())
    result = newsdiff("-f", "json", "--", "-a.txt", "-f", cwd=tmp_path)
    assert result.status == 1 and result.text.startswith("{"), result.err
    assert '"path": "-a.txt"' in result.text and '"path": "-f"' in result.text
