from newsdiff.cli import main

raise SystemExit(main())
