"""SVG snapshots of the real viewer (pytest-textual-snapshot); reviewed by eye.

Update after an intended change with ``pytest tests/test_tui_snapshots.py --snapshot-update``
and look at the new SVGs (``snapshot_report.html`` shows differences).
"""

from __future__ import annotations

from tui_helpers import SEED_FILES, seeds_app, settle

from newsdiff.tui.app import build_app

SIZE = (120, 40)


def test_start_screen_on_the_seeds(snap_compare) -> None:
    assert snap_compare(seeds_app(), terminal_size=SIZE, run_before=settle)


def test_rewording_pair_003_004(snap_compare) -> None:
    app = build_app([SEED_FILES[3], SEED_FILES[4]])
    assert snap_compare(app, terminal_size=SIZE, run_before=settle)


def test_unified_view(snap_compare) -> None:
    async def before(pilot) -> None:
        await settle(pilot)
        await pilot.press("u", "n", "n")

    assert snap_compare(seeds_app(), terminal_size=SIZE, run_before=before)


def test_changes_only(snap_compare) -> None:
    async def before(pilot) -> None:
        await settle(pilot)
        await pilot.press("c")

    assert snap_compare(seeds_app(), terminal_size=SIZE, run_before=before)


def test_help_screen(snap_compare) -> None:
    async def before(pilot) -> None:
        await settle(pilot)
        await pilot.press("question_mark")

    assert snap_compare(seeds_app(), terminal_size=SIZE, run_before=before)


def test_narrow_terminal_80x24(snap_compare) -> None:
    assert snap_compare(seeds_app(), terminal_size=(80, 24), run_before=settle)


def test_identical_pair(snap_compare) -> None:
    app = build_app([SEED_FILES[0], SEED_FILES[0]])
    assert snap_compare(app, terminal_size=SIZE, run_before=settle)


def test_moved_paragraph_selected_001_002(snap_compare) -> None:
    async def before(pilot) -> None:
        await settle(pilot)
        diff = pilot.app.diff
        for _ in range(50):  # to the first moved row
            await pilot.press("n")
            if diff.alignment.rows[diff.screen_layout.items[diff.cursor].row].moved:
                break
        else:
            raise AssertionError("no moved row in 001-002")

    app = build_app([SEED_FILES[1], SEED_FILES[2]])
    assert snap_compare(app, terminal_size=SIZE, run_before=before)
