"""``python -m roadmap_site.cli``: the ``roadmap-site`` command."""

from roadmap_site.cli.main import main

raise SystemExit(main())
