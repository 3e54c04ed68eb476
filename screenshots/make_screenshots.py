"""Render SVG screenshots of the real viewer on the bundled seeds into screenshots/.

python screenshots/make_screenshots.py
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from newsdiff.corpus import bundled_seeds_dir, list_articles
from newsdiff.tui.app import build_app

HERE = Path(__file__).resolve().parent
SIZE = (120, 40)
SHOTS = {
    "start": ([0, 1], []),
    "side-by-side-003-004": ([3, 4], ["n"]),
    "unified": ([0, 1], ["u", "n", "n"]),
    "moved-001-002": ([1, 2], ["n"] * 10),  # change 10: the first moved row
    "help": ([0, 1], ["question_mark"]),
}


async def shoot(name: str, pair: list[int], keys: list[str]) -> Path:
    files = [str(path) for path in list_articles(bundled_seeds_dir())]
    app = build_app(files)
    app.left_index, app.right_index = pair
    async with app.run_test(size=SIZE) as pilot:
        while not app.is_settled:
            await pilot.pause(0.02)
        await pilot.pause()
        if keys:
            await pilot.press(*keys)
            await pilot.pause()
        return Path(app.save_screenshot(filename=f"{name}.svg", path=str(HERE)))


def main() -> None:
    for name, (pair, keys) in SHOTS.items():
        print(asyncio.run(shoot(name, pair, keys)))


if __name__ == "__main__":
    main()
