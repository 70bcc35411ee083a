"""The options of the ``roadmap`` plugin in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class RoadmapConfig(base.Config):
    """Options of the ``roadmap`` plugin in mkdocs.yml."""

    enabled = c.Type(bool, default=True)
    """Generate the roadmap pages; ``false`` builds the site without them (e.g. a quick
    preview of other pages)."""
    content_dir = c.Optional(c.Type(str))
    """Folder with roadmaps/, skills/ and updates/, relative to mkdocs.yml (default: docs_dir)."""
    strict = c.Type(bool, default=False)
    """Fail the build when a milestone is overdue (past due, not done, no slip record)."""
    focus = c.Type(int, default=5)
    """How many top skill priorities are marked as the current focus."""
    grace_days = c.Type(int, default=14)
    """Days after the promised update date before a roadmap is called stale."""
    today = c.Optional(c.Type(str))
    """Fix "today" (YYYY-MM-DD) for reproducible builds; default: $ROADMAP_SITE_TODAY or the clock."""
    feed = c.Type(bool, default=True)
    """Publish ``feed.xml``, an Atom feed of the updates linked from every page; needs ``site_url``."""
    mermaid = c.Choice(("cdn", "self-hosted"), default="cdn")
    """Where pages load mermaid from: ``cdn`` is Material's default (unpkg.com); ``self-hosted``
    publishes a pinned, integrity-checked ``mermaid.min.js`` with the site, so diagrams draw
    offline and pages make no third-party request (needs npm once, then a cache)."""
