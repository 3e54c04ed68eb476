"""Time the viewer headless with Pilot: first screen and page-down on big pairs.

    python benchmarks/tui_bench.py            # seeds, 10,000 paragraphs
    python benchmarks/tui_bench.py --sizes 10000 50000

"First rows drawn" is the time from reading the articles (as ``build_app`` does before
starting) until the comparison view draws its first row; "all done" until word highlights,
exact row heights and the list's similarity bars are all in. "Swap" then swaps the two
articles (a pair not compared yet: the aligner reads in the right article's order) and
times its rows on screen and its word highlights in.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import ensure_pair

from newsdiff.corpus import bundled_seeds_dir, list_articles
from newsdiff.forked import usable_cpus
from newsdiff.tui.app import NewsdiffApp, build_app

SIZE = (160, 50)
DATA = Path("/tmp/newsdiff-bench/data")


async def measure(files: list[str], pages: int = 20) -> tuple[float, ...]:
    """(read s, first rows drawn s, settled s, median wall ms and CPU ms per PageDown,
    the swapped pair's rows shown s and highlighted s).

    Wall time includes Pilot's wait for the next frame; CPU time is this process's work
    (the comparisons are done by the server's forks)."""
    started = time.perf_counter()
    app = build_app(files, processes=usable_cpus())  # as the command does
    loaded = time.perf_counter() - started
    async with app.run_test(size=SIZE) as pilot:
        while app.diff.first_rows_drawn is None:
            await asyncio.sleep(0.05)  # the app stamps the time; polling often slows it
        first = app.diff.first_rows_drawn - started
        while not app.is_settled:
            await pilot.pause(0.01)
        settled = time.perf_counter() - started
        app.diff.focus()
        wall, cpu = [], []
        for _ in range(pages):
            tick, tock = time.perf_counter(), time.process_time()
            await pilot.press("pagedown")
            await pilot.pause()
            wall.append((time.perf_counter() - tick) * 1000)
            cpu.append((time.process_time() - tock) * 1000)
        swapped = time.perf_counter()
        app.action_swap()
        while not _showing(app, 1, word_diffs=False):
            await asyncio.sleep(0.02)
        shown = time.perf_counter() - swapped
        while not _showing(app, 1, word_diffs=True):
            await asyncio.sleep(0.02)
        done = time.perf_counter() - swapped
    return loaded, first, settled, statistics.median(wall), statistics.median(cpu), shown, done


def _showing(app: NewsdiffApp, left: int, word_diffs: bool) -> bool:
    """The view shows the pair with this left article (highlighted, if asked)."""
    shown = app.diff.alignment
    return (
        shown is not None
        and shown.left is app.documents[left]
        and (shown.word_diffs or not word_diffs)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", nargs="*", type=int, default=[10_000])
    args = parser.parse_args()
    cases = [("seeds (5 articles)", [str(p) for p in list_articles(bundled_seeds_dir())])]
    for size in args.sizes:
        folder = ensure_pair(size, 1, DATA)
        cases.append(
            (f"{size:,} paragraphs", [str(folder / "left.txt"), str(folder / "right.txt")])
        )
    print(
        "| pair | read s | first rows drawn s | all done s | PageDown wall ms | CPU ms "
        "| swap: rows s | highlighted s |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, files in cases:
        loaded, first, settled, wall, cpu, shown, done = asyncio.run(measure(files))
        print(
            f"| {name} | {loaded:.2f} | {first:.2f} | {settled:.2f} | {wall:.1f} | {cpu:.1f} "
            f"| {shown:.2f} | {done:.2f} |"
        )


if __name__ == "__main__":
    main()
