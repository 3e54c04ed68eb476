"""Random bytes and random text as both sides: never a crash, never a raw escape."""

from __future__ import annotations

import contextlib
import io
import json
import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from robust_helpers import newsdiff

from newsdiff.cli import main

text = st.text(
    alphabet=st.characters(codec="utf-8", categories=["L", "N", "P", "S", "Z", "Cc", "Cf", "M"]),
    max_size=300,
)
SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _run_in_process(args: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(args)
    return status, out.getvalue(), err.getvalue()


@SETTINGS
@given(left=st.binary(max_size=400), right=st.binary(max_size=400))
def test_random_bytes(tmp_path_factory, left: bytes, right: bytes) -> None:
    folder = tmp_path_factory.mktemp("bytes")
    (folder / "l").write_bytes(left)
    (folder / "r").write_bytes(right)
    status, out, err = _run_in_process([str(folder / "l"), str(folder / "r"), "--color", "never"])
    assert status in (0, 1, 2)
    assert "\x1b" not in out
    assert status != 2 or err.count("\n") == 1


@SETTINGS
@given(left=text, right=text)
def test_random_text_json_is_lossless_and_display_is_safe(tmp_path_factory, left, right) -> None:
    folder = tmp_path_factory.mktemp("text")
    (folder / "l").write_text(left, encoding="utf-8", newline="")
    (folder / "r").write_text(right, encoding="utf-8", newline="")
    status, out, _ = _run_in_process([str(folder / "l"), str(folder / "r"), "--format", "json"])
    if status == 2:
        return  # e.g. refused as binary: control-heavy text may look binary
    model = json.loads(out)
    for row in model["rows"]:
        for side in ("left", "right"):
            texts = [model[side]["paragraphs"][k]["text"] for k in row[side]]
            assert "".join(span[side] for span in row["spans"]) == "\n".join(texts)
    status, shown, _ = _run_in_process([str(folder / "l"), str(folder / "r"), "--color", "always"])
    import re

    assert "\x1b" not in re.sub(r"\x1b\[[0-9;]*m", "", shown)


def test_a_few_random_inputs_through_the_real_command(tmp_path) -> None:
    import random

    generator = random.Random(7)
    for k in range(5):
        data = [bytes(generator.randrange(256) for _ in range(300)) for _ in range(2)]
        (tmp_path / f"l{k}").write_bytes(data[0])
        (tmp_path / f"r{k}").write_bytes(data[1])
        result = newsdiff(str(tmp_path / f"l{k}"), str(tmp_path / f"r{k}"))
        assert result.status in (0, 1, 2) and "Traceback" not in result.err
        assert b"\x1b" not in result.out
    assert sys.executable
