"""Closed pipes, full disks, Ctrl-C and plain terminals."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import time

from conftest import SEEDS
from robust_helpers import newsdiff

LEFT, RIGHT = (str(p) for p in sorted(SEEDS.glob("*.txt"))[:2])


def test_reader_closing_the_pipe_ends_quietly() -> None:
    command = f"{sys.executable} -m newsdiff {LEFT} {RIGHT} --width 100 | head -1"
    done = subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=60)
    assert done.stdout.count("\n") == 1
    assert done.stderr == ""


def test_full_disk_gives_one_error_line() -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "newsdiff", LEFT, RIGHT], stdout=full,
            stderr=subprocess.PIPE, text=True, timeout=60,
        )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "No space left" in done.stderr


def test_ctrl_c_exits_130_without_traceback(tmp_path) -> None:
    big = "\n\n".join(
        f"Paragraph {k} about subject {k % 311} and value {k * 13}." for k in range(40_000)
    )
    (tmp_path / "l.txt").write_text(big)
    (tmp_path / "r.txt").write_text(big.replace("subject 7 ", "topic 7 "))
    process = subprocess.Popen(
        [sys.executable, "-m", "newsdiff", str(tmp_path / "l.txt"), str(tmp_path / "r.txt")],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )  # fmt: skip
    time.sleep(1.5)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert b"Traceback" not in err


def test_no_color_and_dumb_terminal_get_plain_text() -> None:
    for env in ({"NO_COLOR": "1"}, {"TERM": "dumb"}):
        result = newsdiff(LEFT, RIGHT, env=env)
        assert "\x1b" not in result.text and result.status == 1


def test_force_color_and_always_give_colour() -> None:
    assert "\x1b[" in newsdiff(LEFT, RIGHT, env={"FORCE_COLOR": "1"}).text
    assert "\x1b[" in newsdiff(LEFT, RIGHT, "--color", "always", env={"NO_COLOR": "1"}).text


def test_viewer_without_a_terminal_refuses_with_one_line() -> None:
    result = newsdiff("-i", LEFT, RIGHT)
    assert result.status == 2 and result.err.count("\n") == 1 and "terminal" in result.err


def test_forced_colour_follows_the_terminals_colour_depth() -> None:
    """24-bit colour only where COLORTERM says so; 256 for *-256color; else the 16 standard
    colours every terminal shows (the Linux console)."""
    depths = {
        "truecolor": {"COLORTERM": "truecolor", "TERM": "xterm"},
        "256": {"COLORTERM": "", "TERM": "xterm-256color"},
        "standard": {"COLORTERM": "", "TERM": "linux"},
    }
    for depth, env in depths.items():
        text = newsdiff(LEFT, RIGHT, "--color", "always", env=env).text
        assert _colour_kinds(text) == {"truecolor": {2}, "256": {5}, "standard": set()}[depth]


def _colour_kinds(text: str) -> set[int]:
    """The extended colour forms in the SGR sequences: 2 (24-bit) and 5 (256 colours), read
    parameter by parameter (38/48 then 2;R;G;B or 5;N), not by substring."""
    kinds: set[int] = set()
    for sequence in re.findall(r"\x1b\[([0-9;]*)m", text):
        params = [int(p) for p in sequence.split(";") if p]
        k = 0
        while k < len(params):
            if params[k] in (38, 48) and k + 1 < len(params):
                kinds.add(params[k + 1])
                k += 5 if params[k + 1] == 2 else 3
            else:
                k += 1
    return kinds


def _backgrounds(text: str) -> set[str]:
    """The background colours set in the SGR sequences: "40".."47", "100".."107" (the 16
    standard ones), "5;N" (256 colours), "2;R;G;B"; 49 (the default) is not a colour."""
    found: set[str] = set()
    for sequence in re.findall(r"\x1b\[([0-9;]*)m", text):
        params = sequence.split(";")
        k = 0
        while k < len(params):
            p = params[k]
            if p == "48":
                width = 5 if params[k + 1] == "2" else 3
                found.add(";".join(params[k + 1 : k + width]))
                k += width
                continue
            if p and (40 <= int(p) <= 47 or 100 <= int(p) <= 107):
                found.add(p)
            k += 1
    return found


def test_change_backgrounds_never_turn_black() -> None:
    """With the 16 standard colours a tint can only become black (boxes on a light
    terminal), so changes keep their text colours alone; with 256 colours the default
    theme's tints become dark red, green and olive."""
    standard = newsdiff(LEFT, RIGHT, "--color", "always", env={"COLORTERM": "", "TERM": "linux"})
    assert _backgrounds(standard.text) == set()
    eight_bit = {"COLORTERM": "", "TERM": "xterm-256color"}
    assert _backgrounds(newsdiff(LEFT, RIGHT, "--color", "always", env=eight_bit).text) == {
        "5;52", "5;22", "5;58"
    }  # fmt: skip
