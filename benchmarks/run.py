"""Time newsdiff beside the tools a user would pick instead, and score its alignment.

    python benchmarks/run.py                      # everything: 100 ... 50,000 paragraphs + GPL
    python benchmarks/run.py --sizes 100 1000     # a quick subset
    python benchmarks/run.py --runs 5 --timeout 60 --tools newsdiff-json ydiff

Each tool runs as a whole process on the same files in the same run: the median wall time
of ``--runs`` runs (``--quick-runs`` for a tool faster than ``--quick`` seconds; a first run
slower than ``--slow`` seconds is not repeated), taken in rounds that run every tool once
each, so the machine's drift touches all tools alike; and the peak RSS of the process tree
(``os.wait4``). A run past ``--timeout`` is killed and the tool is skipped at larger sizes.
Missing peers are skipped. newsdiff's ``--format json`` output (and the difflib baseline's)
is scored against the generator's ground truth with
``truth_score``. The tables are printed and written to ``benchmarks/RESULTS.md``; raw
numbers go to ``OUT/results.json``. Standard library only (the peers are separate programs).
"""

from __future__ import annotations

import argparse
import compileall
import contextlib
import json
import os
import platform
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import SIZES, ensure_pair  # noqa: E402
from truth_score import score_files  # noqa: E402

GPL = (Path("/usr/share/common-licenses/GPL-2"), Path("/usr/share/common-licenses/GPL-3"))
SEEDS = HERE.parent / "seeds"
BIN = Path(sys.executable).parent


def _newsdiff() -> str:
    found = BIN / "newsdiff"
    return str(found) if found.exists() else shutil.which("newsdiff") or "newsdiff"


# name -> (command template with {L} {R} {OUT}, programs it needs, what it does)
TOOLS: dict[str, tuple[str, tuple[str, ...], str]] = {
    "newsdiff-json": (
        f"{_newsdiff()} {{L}} {{R}} --format json > {{OUT}}", (), "newsdiff, the JSON model",
    ),
    "newsdiff-side": (
        f"{_newsdiff()} {{L}} {{R}} --format side --width 200 --color never",
        (),
        "newsdiff, side by side at 200 columns",
    ),
    "icdiff": (
        f"{BIN / 'icdiff'} --cols=200 {{L}} {{R}}", ("icdiff",),
        "side by side, difflib line pairing + intraline highlights; no moves",
    ),
    "ydiff": (
        f"diff -u {{L}} {{R}} | {BIN / 'ydiff'} -s -w 100 --color=always", ("ydiff", "diff"),
        "side-by-side renderer of `diff -u`; word highlights in hunks; no moves",
    ),
    "git-word-diff": (
        "git diff --no-index --word-diff=color {L} {R}", ("git",),
        "line hunks + word colouring; unified, not side by side; no moves",
    ),
    "git-color-moved": (
        "git diff --no-index --color=always --color-moved=zebra {L} {R}", ("git",),
        "line diff that marks moved (identical) lines; no word level",
    ),
    "wdiff": ("wdiff {L} {R}", ("wdiff",), "word diff of the whole text; inline; no moves"),
    "dwdiff": ("dwdiff {L} {R}", ("dwdiff",), "word diff with delimiters; inline; no moves"),
    "difflib-baseline": (
        f"{sys.executable} {HERE / 'baseline_difflib.py'} {{L}} {{R}} > {{OUT}}", (),
        "SequenceMatcher on paragraphs + greedy pairing (benchmarks/baseline_difflib.py)",
    ),
}  # fmt: skip
SCORED = ("newsdiff-json", "difflib-baseline")


@dataclass
class Timing:
    tool: str
    size: str
    status: str = "ok"
    times: list[float] = field(default_factory=list)
    rss_mib: float = 0.0

    @property
    def median(self) -> float | None:
        return statistics.median(self.times) if self.times else None


def _available(tool: str) -> bool:
    needs = TOOLS[tool][1]
    return all((BIN / p).exists() or shutil.which(p) for p in needs)


TIME = Path("/usr/bin/time")


def run_once(command: str, timeout: float) -> tuple[float, float, int | None]:
    """(wall seconds, peak RSS MiB of the process tree, exit status or None if killed).

    The peak RSS comes from GNU time when installed: a child forked straight from this
    Python process would report this process's RSS as its own peak (Linux keeps the
    pre-exec high-water mark), which hides small tools. Without GNU time, ``os.wait4``."""
    rss_file = Path(os.devnull)
    argv = ["bash", "-c", command]
    if TIME.exists():
        rss_file = Path(f"/tmp/newsdiff-bench-rss-{os.getpid()}")
        argv = [str(TIME), "-f", "%M", "-o", str(rss_file), *argv]
    start = time.perf_counter()
    process = subprocess.Popen(
        argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    killed = threading.Event()

    def kill() -> None:
        killed.set()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)

    timer = threading.Timer(timeout, kill)
    timer.start()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    timer.cancel()
    process.returncode = os.waitstatus_to_exitcode(status)
    rss_kib = usage.ru_maxrss
    if rss_file != Path(os.devnull):
        with contextlib.suppress(OSError, ValueError, IndexError):
            rss_kib = int(rss_file.read_text().split()[-1])
        rss_file.unlink(missing_ok=True)
    return elapsed, rss_kib / 1024, None if killed.is_set() else process.returncode


def _command(tool: str, left: Path, right: Path, out: Path) -> str:
    return TOOLS[tool][0].format(
        L=shlex.quote(str(left)), R=shlex.quote(str(right)), OUT=shlex.quote(str(out))
    )


def _record(timing: Timing, run: tuple[float, float, int | None], args) -> bool:
    """Add one run to ``timing``; False when the tool is not to be run again at this size."""
    elapsed, rss, status = run
    timing.rss_mib = max(timing.rss_mib, rss)
    if status is None:
        timing.status = f"timeout >{args.timeout:g}s"
        return False
    if status not in (0, 1):
        timing.status = f"exit {status}"
        return False
    timing.times.append(elapsed)
    if len(timing.times) == 1 and elapsed > args.slow:
        timing.status = "ok (1 run)"
        return False
    return True


def measure_size(tools: list[str], size: str, left: Path, right: Path, args) -> list[Timing]:
    """Time ``tools`` on one pair in rounds: every tool once per round, so that the
    machine's drift (this VM's speed wanders by 10-30 % within minutes) touches all tools
    alike instead of favouring whichever ran in a fast minute. A tool whose first run took
    under ``--quick`` seconds gets at least ``--quick-runs`` runs: a few milliseconds of
    difference need many runs to tell from noise."""
    timings = {tool: Timing(tool, size) for tool in tools}
    commands = {tool: _command(tool, left, right, _output(tool, size, args)) for tool in tools}
    rounds = {tool: args.runs for tool in tools}
    active = list(tools)
    for k in range(max(args.runs, args.quick_runs)):
        for tool in list(active):
            run = run_once(commands[tool], args.timeout)
            if not _record(timings[tool], run, args):
                active.remove(tool)
                continue
            if k == 0 and run[0] < args.quick:
                rounds[tool] = max(args.runs, args.quick_runs)
            if len(timings[tool].times) >= rounds[tool]:
                active.remove(tool)
        if not active:
            break
    return [timings[tool] for tool in tools]


def _output(tool: str, size: str, args) -> Path:
    return args.out / f"{tool}_{size}.json" if tool in SCORED else Path(os.devnull)


def seeds_check(args) -> dict:
    """One-shot on two bundled seeds: median wall time, and whether Textual gets imported."""
    seeds = sorted(SEEDS.glob("*.txt"))[:2]
    if len(seeds) < 2:
        return {}
    left, right = seeds
    (timing,) = measure_size(["newsdiff-side"], "seeds", left, right, args)
    trace = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "newsdiff", str(left), str(right)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    modules = {line.split("|")[-1].strip().split(".")[0] for line in trace.stderr.splitlines()}
    return {"seconds": timing.median, "rss_mib": timing.rss_mib,
            "textual_imported": "textual" in modules}  # fmt: skip


def _fmt(value: float | None, digits: int = 2) -> str:
    if value is None:
        return "–"
    return f"{value:.{digits}f}" if value < 100 else f"{value:.0f}"


def tables(timings: list[Timing], scores: dict, seeds: dict, sizes: list[str], meta: dict) -> str:
    lines = [
        "# newsdiff benchmark results",
        "",
        f"Command: `{meta['command']}` ({meta['date']}).",
        "",
        f"Machine: {meta['cpus']} CPUs, Python {meta['python']}, {meta['platform']}. "
        f"Synthetic pairs from `benchmarks/generate.py` (seed {meta['seed']}, one paragraph "
        "per line, ~340 characters each; 50,000 paragraphs ≈ 15 MB a side); `GPL` is "
        "/usr/share/common-licenses/GPL-2 vs GPL-3. Median wall seconds of "
        f"{meta['runs']} runs of the whole process ({meta['quick_runs']} when the first took "
        f"under {meta['quick']:g} s, 1 when it took over {meta['slow']:g} s), taken in rounds "
        "that run every tool once each, so the machine's drift touches all tools alike; "
        "output to /dev/null (newsdiff JSON and the baseline to a "
        "file, for scoring); peak RSS of the process tree.",
        "",
        "## Time (s)",
        "",
        "| tool | " + " | ".join(sizes) + " | what it is |",
        "|---|" + "---:|" * len(sizes) + "---|",
    ]
    by = {(t.tool, t.size): t for t in timings}
    tools = [t for t in TOOLS if any((t, s) in by for s in sizes)]
    for tool in tools:
        cells = []
        for size in sizes:
            t = by.get((tool, size))
            if t is None:
                cells.append("–")
            elif t.median is None:
                cells.append(t.status)
            else:
                cells.append(_fmt(t.median) + (" (1 run)" if t.status == "ok (1 run)" else ""))
        lines.append(f"| {tool} | " + " | ".join(cells) + f" | {TOOLS[tool][2]} |")
    lines += ["", "## Peak RSS (MiB)", "", "| tool | " + " | ".join(sizes) + " |",
              "|---|" + "---:|" * len(sizes)]  # fmt: skip
    for tool in tools:
        cells = [
            _fmt(by[(tool, s)].rss_mib, 0) if (tool, s) in by and by[(tool, s)].times else "–"
            for s in sizes
        ]
        lines.append(f"| {tool} | " + " | ".join(cells) + " |")
    if scores:
        lines += [
            "",
            "## Accuracy against the generator's ground truth (`truth_score.py`)",
            "",
            "| tool | size | P | R | F1 | moved recall | split/merge recall | reworded recall |",
            "|---|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for (tool, size), s in scores.items():
            lines.append(
                f"| {tool} | {size} | {s['precision']} | {s['recall']} | **{s['f1']}** | "
                f"{s['moved_recall']} | {s['split_merged_recall']} | "
                f"{s['per_kind_recall'].get('reworded')} |"
            )
    lines += ["", "## Targets (issue 5)", "", "| target | measured | met |", "|---|---|---|"]
    for target, measured, met in targets(by, scores, seeds, sizes):
        lines.append(f"| {target} | {measured} | {'yes' if met else '**no**'} |")
    return "\n".join(lines) + "\n"


def targets(by: dict, scores: dict, seeds: dict, sizes: list[str]):
    def median(tool: str, size: str) -> float | None:
        t = by.get((tool, size))
        return t.median if t else None

    if seeds:
        yield ("one-shot on the seeds <= 0.2 s", f"{_fmt(seeds['seconds'], 3)} s",
               seeds["seconds"] <= 0.2)  # fmt: skip
        yield ("no Textual import in a one-shot", f"textual imported: {seeds['textual_imported']}",
               not seeds["textual_imported"])  # fmt: skip
    big = by.get(("newsdiff-json", "50000"))
    if big and big.median is not None:
        yield "50k --format json <= 15 s", f"{_fmt(big.median)} s", big.median <= 15
        yield "50k --format json <= 1 GiB", f"{big.rss_mib:.0f} MiB", big.rss_mib <= 1024
        small = median("newsdiff-json", "10000")
        if small:
            ratio = big.median / small
            yield "time(50k) / time(10k) <= 6", f"{ratio:.2f}", ratio <= 6
    for size in sizes:
        for fmt in ("newsdiff-json", "newsdiff-side"):
            mine = median(fmt, size)
            if mine is None:
                continue
            for peer in ("icdiff", "ydiff"):
                t = by.get((peer, size))
                if t is None:
                    continue
                theirs = t.median
                met = theirs is None or mine < theirs  # a timed-out peer is slower
                shown = t.status if theirs is None else f"{_fmt(theirs)} s"
                yield (f"{fmt} faster than {peer} at {size}", f"{_fmt(mine)} s vs {shown}", met)
    for size in ("1000", "10000"):
        s = scores.get(("newsdiff-json", size))
        if s:
            yield f"F1 >= 0.98 at {size}", str(s["f1"]), s["f1"] >= 0.98
            yield (
                f"moved recall >= 0.95 at {size}",
                str(s["moved_recall"]),
                s["moved_recall"] >= 0.95,
            )
            sm = s["split_merged_recall"]
            yield f"split/merge recall >= 0.95 at {size}", str(sm), sm >= 0.95
        base = median("difflib-baseline", size)
        mine = median("newsdiff-json", size)
        if base and mine:
            yield (f"newsdiff-json <= ~2x the difflib baseline at {size}",
                   f"{mine / base:.2f}x", mine <= 2 * base)  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", nargs="+", default=[*map(str, SIZES), "gpl"],
                        help="paragraph counts and/or 'gpl' (default: all)")  # fmt: skip
    parser.add_argument("--tools", nargs="+", default=list(TOOLS), choices=list(TOOLS))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per run")
    parser.add_argument("--slow", type=float, default=15.0, help="do not repeat runs this slow")
    parser.add_argument(
        "--quick",
        type=float,
        default=0.5,
        help="a tool whose first run is faster than this gets --quick-runs runs",
    )
    parser.add_argument("--quick-runs", type=int, default=15)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=Path("/tmp/newsdiff-bench"))
    parser.add_argument("--results", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args()

    # Time newsdiff as an installed copy runs: with its bytecode compiled (an editable
    # install under PYTHONDONTWRITEBYTECODE would otherwise compile it on every run).
    compileall.compile_dir(HERE.parent / "newsdiff", quiet=1)
    timings: list[Timing] = []
    scores: dict[tuple[str, str], dict] = {}
    given_up: set[str] = set()
    args.out.mkdir(parents=True, exist_ok=True)
    for size in args.sizes:
        if size == "gpl":
            if not all(p.exists() for p in GPL):
                continue
            left, right, truth = *GPL, None
        else:
            pair = ensure_pair(int(size), args.seed, args.out / "data")
            left, right, truth = pair / "left.txt", pair / "right.txt", pair / "truth.json"
        tools = [tool for tool in args.tools if _available(tool)]
        skipped = [tool for tool in tools if tool in given_up and size.isdigit()]
        timings.extend(Timing(tool, size, status="skipped") for tool in skipped)
        tools = [tool for tool in tools if tool not in skipped]
        for timing in measure_size(tools, size, left, right, args):
            timings.append(timing)
            tool = timing.tool
            if timing.status.startswith("timeout") and size.isdigit():
                given_up.add(tool)  # larger synthetic sizes only; the real pair still runs
            if truth is not None and tool in SCORED and timing.times:
                scores[(tool, size)] = score_files(truth, _output(tool, size, args))
            print(f"{tool:18} {size:>6} {_fmt(timing.median):>8} s {timing.rss_mib:7.0f} MiB "
                  f"{len(timing.times):3} runs {timing.status}",
                  file=sys.stderr, flush=True)  # fmt: skip
    seeds = seeds_check(args)
    meta = {
        "command": " ".join(["python benchmarks/run.py", *map(shlex.quote, sys.argv[1:])]),
        "date": time.strftime("%Y-%m-%d %H:%M"), "cpus": os.cpu_count(),
        "python": platform.python_version(), "platform": platform.platform(terse=True),
        "seed": args.seed, "runs": args.runs, "slow": args.slow,
        "quick": args.quick, "quick_runs": args.quick_runs,
    }  # fmt: skip
    sizes = [s for s in args.sizes if any(t.size == s for t in timings)]
    report = tables(timings, scores, seeds, sizes, meta)
    print(report)
    args.results.write_text(report, encoding="utf-8")
    raw = {"meta": meta, "seeds": seeds, "timings": [asdict(t) for t in timings],
           "scores": [{"tool": k[0], "size": k[1], **v} for k, v in scores.items()]}  # fmt: skip
    (args.out / "results.json").write_text(json.dumps(raw, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
