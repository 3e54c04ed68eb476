"""The core never imports a UI library, the one-shot path never imports Textual, and
plain output (JSON, side by side without colour) does not import Rich either."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import SEEDS

CORE = [
    "newsdiff.model", "newsdiff.reading", "newsdiff.document", "newsdiff.clutter",
    "newsdiff.similarity", "newsdiff.pairing", "newsdiff.leads", "newsdiff.align", "newsdiff.moves",
    "newsdiff.repeats", "newsdiff.inline", "newsdiff.compare", "newsdiff.forked",
    "newsdiff.corpus", "newsdiff.render.layout", "newsdiff.render.json", "newsdiff.render.safe",
    "newsdiff.render.cells", "newsdiff.render.labels", "newsdiff.render.plain",
    "newsdiff.render.theme", "newsdiff.wire", "newsdiff.server",
    "newsdiff.tui.startup",  # the viewer's preparation, done while Textual loads
]  # fmt: skip


@pytest.mark.parametrize("module", CORE)
def test_core_module_imports_neither_rich_nor_textual(module: str) -> None:
    code = (
        f"import sys, {module}\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('rich', 'textual'))\n"
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def _one_shot_loads(args: list[str]) -> set[str]:
    """Top-level packages a fresh interpreter has loaded after a one-shot on two seeds."""
    left, right = sorted(SEEDS.glob("*.txt"))[:2]
    code = (
        "import sys\n"
        "from newsdiff.cli import main\n"
        f"status = main([{str(left)!r}, {str(right)!r}, *{args!r}])\n"
        "assert status == 1, status\n"
        "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return set(done.stdout.split("\n")[-2].split())


@pytest.mark.parametrize("fmt", ["side", "unified", "json"])
def test_one_shot_does_not_import_textual(fmt: str) -> None:
    assert "textual" not in _one_shot_loads(["--format", fmt])


@pytest.mark.parametrize(
    ("args", "rich"),
    [
        (["--format", "json"], False),
        (["--format", "side", "--color", "never", "--width", "100"], False),
        (["--format", "side", "--color", "never", "--width", "100", "--style", "monokai"], False),
        (["--format", "side", "--color", "always", "--width", "100"], True),
        (["--format", "unified", "--color", "never", "--width", "100"], True),
    ],
)
def test_plain_one_shot_output_does_not_import_rich(args: list[str], rich: bool) -> None:
    """Rich costs a fifth of a one-shot's start-up: it is loaded only to draw colour or the
    unified and stacked views."""
    assert ("rich" in _one_shot_loads(args)) is rich


def test_json_one_shot_does_not_ask_the_terminal_for_its_width() -> None:
    """argparse's formatters import ``shutil`` to ask the terminal (~5 ms of start-up);
    only the help text and side-by-side output without --width need the width."""
    assert "shutil" not in _one_shot_loads(["--format", "json"])
