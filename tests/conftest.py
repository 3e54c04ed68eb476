from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data"

# Filled by the accuracy tests, printed at the end of the run.
ACCURACY_REPORT: list[str] = []


@pytest.fixture
def seeds() -> Path:
    return SEEDS


def pytest_terminal_summary(terminalreporter) -> None:
    if ACCURACY_REPORT:
        terminalreporter.section("alignment accuracy against gold")
        for line in ACCURACY_REPORT:
            terminalreporter.write_line(line)
