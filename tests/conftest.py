from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data"

# Accuracy lines recorded by tests (record_property("accuracy", ...)), printed at the end.
# Collected from the reports, so they reach the summary under pytest-xdist too.
ACCURACY_REPORT: list[str] = []


@pytest.fixture
def seeds() -> Path:
    return SEEDS


def pytest_runtest_logreport(report) -> None:
    if report.when == "call":
        ACCURACY_REPORT.extend(
            value for name, value in report.user_properties if name == "accuracy"
        )


def pytest_terminal_summary(terminalreporter) -> None:
    if ACCURACY_REPORT:
        terminalreporter.section("alignment accuracy against gold")
        for line in sorted(ACCURACY_REPORT):
            terminalreporter.write_line(line)
