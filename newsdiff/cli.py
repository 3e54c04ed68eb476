"""Command line: argument parsing, exit codes and dispatch.

``newsdiff A B`` prints a comparison and exits like diff(1): 0 when the articles say the
same (ignoring clutter and cosmetic changes), 1 when they differ, 2 on trouble. The TUI
(and so Textual) is imported only when an interactive mode is asked for.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import os
import sys
import threading
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, NoReturn

from newsdiff import __version__
from newsdiff.reading import DEFAULT_MAX_BYTES, InputError
from newsdiff.render.safe import one_line

if TYPE_CHECKING:
    from newsdiff.model import Document
    from newsdiff.render.plain import ColorDepth

EXIT_SAME, EXIT_DIFFERENT, EXIT_TROUBLE, EXIT_INTERRUPTED = 0, 1, 2, 130


class UsageError(Exception):
    """A bad command line; the message is one line."""


class OutputError(Exception):
    """Standard output cannot be written (closed, disk full); the message is one line."""


class _Parser(argparse.ArgumentParser):
    _for_reading = False  # True while the help text is made for the reader

    def error(self, message: str) -> NoReturn:  # one line, exit 2, like the other input errors
        raise UsageError(f"{message} (see 'newsdiff --help')")

    def _get_formatter(self) -> argparse.HelpFormatter:
        """argparse makes a formatter for every ``add_argument`` (to check its metavar)
        and for the usage line it keeps while parsing, and one without a width imports
        ``shutil`` to ask the terminal: ~5 ms of every run. Only the help text is read
        (errors are one line without the usage), so only it asks for the width."""
        if self._for_reading:
            return super()._get_formatter()
        return argparse.HelpFormatter(self.prog, width=80)

    def format_help(self) -> str:
        self._for_reading = True
        try:
            return super().format_help()
        finally:
            self._for_reading = False


MIN_WIDTH, MAX_WIDTH = 10, 10_000  # narrower cannot hold a line; wider is a typo


def terminal_width(fallback: int = 120) -> int:
    """``COLUMNS`` or the terminal on standard output (``shutil``), else the terminal on
    standard error (``newsdiff a b | less -R``), else ``fallback``."""
    import shutil  # only side-by-side output without --width asks (shutil costs ~2 ms)

    columns = shutil.get_terminal_size((0, 0)).columns
    if columns > 0:
        return columns
    try:
        return os.get_terminal_size(sys.__stderr__.fileno()).columns  # type: ignore[union-attr]
    except (AttributeError, OSError, ValueError):  # a pipe, a file, closed
        return fallback


def _width(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not MIN_WIDTH <= value <= MAX_WIDTH:
        raise argparse.ArgumentTypeError(
            f"must be between {MIN_WIDTH} and {MAX_WIDTH} columns: {text!r}"
        )
    return value


def _size(text: str) -> int:
    units = {"k": 1024, "m": 1024**2, "g": 1024**3}
    number, unit = (text[:-1], text[-1].lower()) if text[-1:].lower() in units else (text, "")
    try:
        value = int(float(number) * units.get(unit, 1))
    except (ValueError, OverflowError):  # "lots", "nan", "inf"
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (e.g. 500k, 64m)") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be positive: {text!r}")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="newsdiff",
        usage="%(prog)s [options] [FILE ...]",  # the options are listed below it
        description=(
            "Compare versions of a news article paragraph by paragraph: what each kept, cut, "
            "added, moved or reworded. With two files, print the comparison and exit "
            "(status 0 same, 1 different, 2 trouble). With no file, a folder, or -i, "
            "open the interactive viewer."
        ),
        epilog="Use - for standard input on one side. Colours follow NO_COLOR and FORCE_COLOR.",
    )
    parser.add_argument("paths", nargs="*", metavar="FILE", help="articles (or one folder)")
    parser.add_argument("-i", "--interactive", action="store_true", help="open FILEs in the viewer")
    parser.add_argument(
        "-f", "--format", choices=("side", "unified", "json"),
        help="side-by-side (default), unified with inline changes, or JSON",
    )  # fmt: skip
    parser.add_argument("-w", "--width", type=_width, help="output width (default: terminal)")
    parser.add_argument(
        "-c",
        "--changes-only",
        action="store_true",
        help="hide unchanged paragraphs (side and unified; JSON always has every row)",
    )
    parser.add_argument(
        "--clutter", action="store_true", help="show page clutter (folded by default)"
    )
    parser.add_argument(
        "--color", "--colour", choices=("auto", "always", "never"),
        help="colour output (auto: only on a terminal, honours NO_COLOR/FORCE_COLOR)",
    )  # fmt: skip
    parser.add_argument(
        "--style", default="default", metavar="NAME",
        help="diff colours: default, colorblind, or any Pygments style (e.g. monokai)",
    )  # fmt: skip
    parser.add_argument(
        "--max-size", type=_size, default=DEFAULT_MAX_BYTES, metavar="SIZE",
        help=f"largest input accepted (default {DEFAULT_MAX_BYTES // 1024**2}m)",
    )  # fmt: skip
    parser.add_argument("--version", action="version", version=f"newsdiff {__version__}")
    return parser


def parse_arguments(argv: list[str]) -> argparse.Namespace:
    """Options may stand between the file names, as with diff(1) (``a.txt -f json b.txt``);
    everything after ``--`` is a file name, even ``-f`` or ``-a.txt``. (argparse's
    intermixed parsing alone would take options after ``--`` again.)"""
    split = argv.index("--") if "--" in argv else len(argv)
    args = build_parser().parse_intermixed_args(argv[:split])
    args.paths = [*args.paths, *argv[split + 1 :]]
    return args


def use_color(choice: str, stream, environ=os.environ) -> bool:
    if choice != "auto":
        return choice == "always"
    if environ.get("NO_COLOR"):
        return False
    if environ.get("FORCE_COLOR"):
        return True
    return bool(getattr(stream, "isatty", lambda: False)()) and environ.get("TERM") != "dumb"


def color_depth(environ=os.environ) -> ColorDepth:
    """How many colours the terminal shows, from the usual variables: 24-bit only where
    ``COLORTERM`` says so, 256 where ``TERM`` ends in ``256color``, else the 16 standard
    colours (the Linux console, old screen), which every terminal has."""
    if environ.get("COLORTERM", "").strip().lower() in ("truecolor", "24bit"):
        return "truecolor"
    if environ.get("TERM", "").strip().lower().endswith("256color"):
        return "256"
    return "standard"


def _output_stream():
    """Standard output, checked before any work; text that the output encoding cannot
    hold (an ASCII or Latin-1 locale) is written as backslash escapes, not a crash."""
    stream = sys.stdout
    if stream is None:  # started with stdout closed (>&-)
        raise OutputError("cannot write output: standard output is closed")
    if getattr(stream, "errors", None) == "strict" and hasattr(stream, "reconfigure"):
        stream.reconfigure(errors="backslashreplace")
    return stream


def _write_json(pieces: Iterable[str], stream) -> None:
    """JSON is UTF-8 whatever the locale (RFC 8259)."""
    buffer = getattr(stream, "buffer", None)
    if buffer is None:  # a StringIO (tests) or similar: it takes text
        for piece in pieces:
            stream.write(piece)
    else:
        stream.flush()
        for piece in pieces:
            buffer.write(piece.encode("utf-8"))
    stream.flush()


def _write_lines(lines: Iterable[str], stream) -> None:
    batch: list[str] = []
    for line in lines:
        batch.append(line)
        if len(batch) >= 256:
            stream.write("\n".join(batch) + "\n")
            batch.clear()
    if batch:
        stream.write("\n".join(batch) + "\n")
    stream.flush()


def run_oneshot(args: argparse.Namespace) -> int:
    from newsdiff.compare import compare
    from newsdiff.document import load_document
    from newsdiff.forked import usable_cpus

    left_path, right_path = args.paths
    if left_path == "-" and right_path == "-":
        raise UsageError("standard input (-) can be only one side")
    stream = _output_stream()
    notes: list[str] = []
    left = _printable_names(load_document(left_path, args.max_size, notes))
    right = _printable_names(load_document(right_path, args.max_size, notes))
    for note in notes:
        say(f"note: {note}")
    alignment = compare(left, right, processes=usable_cpus())
    status = EXIT_DIFFERENT if alignment.has_differences else EXIT_SAME
    if args.format == "json":
        from newsdiff.render.json import json_pieces

        return _written(lambda: _write_json(json_pieces(alignment), stream), status)
    from newsdiff.render.layout import LayoutOptions
    from newsdiff.render.plain import PlainOptions, render_side, render_unified
    from newsdiff.render.theme import UnknownStyle, check_style, get_theme

    try:
        check_style(args.style)
    except UnknownStyle:
        raise UsageError(
            f"unknown style {args.style!r} (try default, colorblind, monokai)"
        ) from None
    width = args.width or terminal_width()
    width = min(max(width, MIN_WIDTH), MAX_WIDTH)  # COLUMNS=0 or COLUMNS=99999999
    options = PlainOptions(
        width=width,
        color=use_color(args.color or "auto", sys.stdout),
        color_depth=color_depth(),
        layout=LayoutOptions(show_clutter=args.clutter, changes_only=args.changes_only),
    )
    # plain output needs no styles
    theme = get_theme(args.style, options.color_depth) if options.color else None
    render = render_unified if args.format == "unified" else render_side  # side: the default
    return _written(lambda: _write_lines(render(alignment, theme, options), stream), status)


def _written(write, status: int) -> int:
    """Run ``write``; a reader that went away (``| head``) ends the run quietly with the
    comparison's own status. Python is kept from complaining about the unflushable stdout
    at exit."""
    try:
        write()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except OSError as error:  # a full disk, a closed descriptor, ...
        raise OutputError(f"cannot write output: {_reason(error)}") from None
    return status


def _reason(error: OSError) -> str:
    return error.strerror or str(error) or type(error).__name__


def _printable_names(document: Document) -> Document:
    """A file name that is not UTF-8 (its bytes kept as lone surrogates by Python) gets
    ``\\xff``-style escapes, so JSON stays valid UTF-8 and the header stays readable."""
    path = _escape_surrogates(document.path)
    title = _escape_surrogates(document.title)  # the title falls back to the file name
    if (path, title) == (document.path, document.title):
        return document
    return dataclasses.replace(document, path=path, title=title)


def _escape_surrogates(text: str) -> str:
    try:  # back to the file name's bytes, then UTF-8 with the undecodable ones escaped
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate that no byte stands for
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


def run_interactive(args: argparse.Namespace) -> int:
    from newsdiff.corpus import bundled_seeds_dir, list_articles

    folder = not args.paths or (len(args.paths) == 1 and os.path.isdir(args.paths[0]))
    if not args.paths:
        files = list_articles(bundled_seeds_dir())
    elif folder:
        files = list_articles(args.paths[0])
    else:
        files = list(args.paths)
        if len(files) < 2 and not os.path.exists(files[0]):
            raise InputError(f"{files[0]}: no such file or folder")
        if len(files) < 2:
            raise UsageError(f"{files[0]}: the viewer needs two or more articles to compare")
    if not sys.stdout.isatty():
        raise UsageError(
            "the interactive viewer needs a terminal; give two files to print a comparison"
        )
    from newsdiff.forked import usable_cpus
    from newsdiff.tui.startup import prepare_viewer

    startup = prepare_viewer(
        [str(f) for f in files],
        max_bytes=args.max_size,
        style=args.style,
        skip_unreadable=folder,  # a file named on the command line must be readable
        processes=usable_cpus(),
    )
    import asyncio

    # A comparison still running in a worker thread must not hold the exit until it ends
    # (seconds on a big pair): ``asyncio.run`` (Textual's default) and the interpreter's
    # exit both wait for such threads. Nothing is left to save, so the viewer quits at once.
    loop = asyncio.new_event_loop()
    try:
        from newsdiff.tui.app import NewsdiffApp  # Textual loads while the pair is compared

        NewsdiffApp(startup).run(loop=loop)
    finally:
        startup.close()
    if threading.active_count() > 1:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)
    loop.close()
    return 0


# Options of a printed comparison, by how the user may have spelled them.
_PRINT_OPTIONS = {
    "format": "-f/--format", "width": "-w/--width", "color": "--color",
    "changes_only": "-c/--changes-only", "clutter": "--clutter",
}  # fmt: skip


def dispatch(args: argparse.Namespace) -> int:
    paths = args.paths
    viewer = args.interactive or not paths or (len(paths) == 1 and os.path.isdir(paths[0]))
    if "-" in paths and viewer:
        raise UsageError("the viewer cannot read standard input (-); give files")
    if "-" in paths and len(paths) != 2:
        raise UsageError("standard input (-) works only when comparing two articles")
    if viewer:
        given = [name for option, name in _PRINT_OPTIONS.items() if getattr(args, option)]
        if given:
            raise UsageError(
                f"{', '.join(given)}: only for printing a comparison of two files "
                "(in the viewer, ? shows the keys)"
            )
        return run_interactive(args)
    if len(paths) == 1:
        raise UsageError(f"{paths[0]}: need a second article to compare with (or -i to browse)")
    if len(paths) > 2:
        raise UsageError("give two articles to compare, or -i to browse more")
    return run_oneshot(args)


def say(message: str) -> None:
    """One line on stderr, ``newsdiff: `` first; file names in it cannot break the line or
    reach the terminal raw. Nothing when stderr is closed."""
    if sys.stderr is not None:
        with contextlib.suppress(OSError, ValueError):
            print(f"newsdiff: {one_line(message)}", file=sys.stderr, flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    """The command: the exit status, never a traceback (NEWSDIFF_DEBUG=1 shows one for
    unexpected errors)."""
    try:
        return dispatch(parse_arguments(sys.argv[1:] if argv is None else list(argv)))
    except (UsageError, InputError, OutputError) as error:
        say(str(error))
        return EXIT_TROUBLE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except MemoryError:
        say("out of memory (are the inputs really articles? see --max-size)")
        return EXIT_TROUBLE
    except Exception as error:  # a bug: say so in one line, status 2 (never 1, "different")
        if os.environ.get("NEWSDIFF_DEBUG"):
            raise
        say(f"internal error: {type(error).__name__}: {error} (NEWSDIFF_DEBUG=1 shows where)")
        return EXIT_TROUBLE
