"""Nothing in an article is interpreted: no escapes, no markup, no bidi reordering."""

from __future__ import annotations

import json
import re

import pytest
from robust_helpers import newsdiff

HOSTILE = (
    "Colour \x1b[31mred\x1b[0m, cursor \x1b[2J\x1b[H, clipboard \x1b]52;c;aGVsbG8=\x07, "
    "link \x1b]8;;http://evil.example\x1b\\click\x1b]8;;\x1b\\, bell \x07, back\x08space, "
    "C1 \x9b2J \x90dcs\x9c, bidi \u202eevil\u202c \u2066iso\u2069, "
    "markup [bold red]x[/] [link=http://evil.example]y[/link] [@click=app.quit]z[/]\n"
)
OUR_SGR = re.compile(r"\x1b\[[0-9;]*m")


@pytest.mark.parametrize("color", ["never", "always"])
@pytest.mark.parametrize("fmt", ["side", "unified"])
def test_control_sequences_never_reach_the_terminal(tmp_path, color: str, fmt: str) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(HOSTILE)
    b.write_text("A harmless paragraph.\n")
    result = newsdiff(str(a), str(b), "--color", color, "--format", fmt, "--width", "400")
    assert result.status == 1
    shown = OUR_SGR.sub("", result.text) if color == "always" else result.text
    for raw in ("\x1b", "\x07", "\x08", "\x9b", "\x90", "\x9c", "\u202e", "\u2066"):
        assert raw not in shown, repr(raw)
    flat = " ".join(shown.split())
    for literal in (
        "[bold red]x[/]",
        "[link=http://evil.example]y[/link]",
        "[@click=app.quit]z[/]",
    ):
        assert literal in flat
    assert "␛[31mred" in flat and "<U+202E>" in flat


def test_json_round_trips_the_exact_text(tmp_path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(HOSTILE)
    b.write_text(HOSTILE.replace("red", "blue"))
    model = json.loads(newsdiff(str(a), str(b), "--format", "json").text)
    assert model["left"]["paragraphs"][0]["text"] == HOSTILE.strip()
    row = model["rows"][0]
    assert "".join(s["right"] for s in row["spans"]) == HOSTILE.replace("red", "blue").strip()
