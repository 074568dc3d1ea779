"""`python -m coop_tui`."""

from coop_tui.cli import main

raise SystemExit(main())
