"""A folder opens in the viewer even when some of its files cannot be read."""

from __future__ import annotations

import pytest
from tui_helpers import notices, settle

from newsdiff.reading import InputError
from newsdiff.tui.app import build_app


def _folder(tmp_path, *bad: str) -> list[str]:
    (tmp_path / "a.txt").write_text("The minister resigned on Monday.\n\nShe gave no reason.\n")
    (tmp_path / "b.txt").write_text("The minister quit on Monday.\n\nShe gave no reason.\n")
    for name in bad:
        (tmp_path / name).write_bytes(b"\x00\x01binary\x00" * 50)
    return sorted(str(p) for p in tmp_path.iterdir())


async def test_unreadable_files_of_a_folder_are_left_out_with_a_notice(tmp_path) -> None:
    app = build_app(_folder(tmp_path, "c[bold].txt"), skip_unreadable=True)
    assert [d.path.rsplit("/", 1)[-1] for d in app.documents] == ["a.txt", "b.txt"]
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        shown = notices(app)
        assert any("c[bold].txt" in m and "binary file" in m for m in shown), shown
        assert app.diff.alignment is not None  # the readable pair is compared


def test_a_folder_needs_two_readable_articles(tmp_path) -> None:
    files = [p for p in _folder(tmp_path, "c.txt", "d.txt") if not p.endswith("b.txt")]
    with pytest.raises(InputError, match="fewer than two readable articles"):
        build_app(files, skip_unreadable=True)


def test_files_named_on_the_command_line_must_all_be_readable(tmp_path) -> None:
    with pytest.raises(InputError, match="binary file"):
        build_app(_folder(tmp_path, "c.txt"))
