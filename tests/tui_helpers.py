"""Building the viewer in tests the same way the CLI does."""

from __future__ import annotations

from conftest import SEEDS

from newsdiff.tui.app import NewsdiffApp, build_app

SEED_FILES = [str(p) for p in sorted(SEEDS.glob("*.txt"))]


def seeds_app(**kwargs) -> NewsdiffApp:
    return build_app(SEED_FILES, **kwargs)


async def until(pilot, condition, tries: int = 500, step: float = 0.02) -> bool:
    """Let the viewer run until ``condition()`` holds (at most ``tries`` pauses of
    ``step`` seconds); whether it did."""
    for _ in range(tries):
        await pilot.pause(step)
        if condition():
            return True
    return False


async def settle(pilot) -> None:
    """Wait until the viewer is settled (each step starts the next worker), then for the
    screen to update."""
    for _ in range(1500):
        await pilot.pause(0.02)
        if pilot.app.is_settled:
            await pilot.pause()
            return
    raise AssertionError("the viewer did not settle")


def notices(app: NewsdiffApp) -> list[str]:
    """The messages of the notices the viewer is showing, oldest first."""
    return [n.message for n in app._notifications]
