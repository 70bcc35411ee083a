"""What a build needs besides the content, and where the content's parts live.

Nothing here loads the content model, so that the MkDocs plugin can set a build up in a
process that never loads it (see background.py and outline.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from roadmap_site.derive.defaults import DEFAULT_FOCUS, DEFAULT_GRACE_DAYS, DiagramForm
from roadmap_site.links import feed_url


@dataclass
class Settings:
    """What a build needs besides the content."""

    content_dir: Path
    root: Path
    today: dt.date
    strict: bool = False
    """Overdue milestones are errors, not warnings."""
    focus: int = DEFAULT_FOCUS
    grace_days: int = DEFAULT_GRACE_DAYS
    generate_home: bool = True
    site_url: str | None = None
    """Absolute address of the site (``site_url``); the feed needs it."""
    feed: bool = True
    """Publish the Atom feed of the updates (when ``site_url`` is known)."""
    diagrams: DiagramForm = "svg"
    """How pages carry their diagrams: ``svg`` drawn at build time, or ``mermaid`` source
    for a client-side renderer (the plugin's ``mermaid: cdn|self-hosted``, the export)."""

    @property
    def feed_url(self) -> str | None:
        """Where the feed is published; None when there is none."""
        return feed_url(self.site_url) if self.feed and self.site_url else None
