"""Running the real command in a subprocess for the robustness tests."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass


@dataclass
class Result:
    status: int
    out: bytes
    err: str

    @property
    def text(self) -> str:
        return self.out.decode("utf-8")


def newsdiff(*args: str, stdin: bytes | None = None, env: dict | None = None, **kw) -> Result:
    environ = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    environ.update(env or {})
    done = subprocess.run(
        [sys.executable, "-m", "newsdiff", *args],
        input=stdin if stdin is not None else b"",
        capture_output=True,
        env=environ,
        timeout=120,
        **kw,
    )
    return Result(done.returncode, done.stdout, done.stderr.decode("utf-8", "replace"))


def assert_one_error_line(result: Result, *words: str) -> None:
    """Exit 2, one line on stderr naming the problem, no traceback, nothing on stdout."""
    assert result.status == 2, result
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("newsdiff: ")
    assert "Traceback" not in result.err
    for word in words:
        assert word in lines[0], (word, lines[0])
