"""``python -m newsdiff``: the command line (Ctrl-C during start-up exits 130 too)."""

try:
    from newsdiff.cli import main
except KeyboardInterrupt:
    raise SystemExit(130) from None

raise SystemExit(main())
