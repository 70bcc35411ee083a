"""What a build needs besides the content, and where the content's parts live.

Nothing here loads the content model, so that the MkDocs plugin can set a build up in a
process that never loads it (see background.py and outline.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from roadmap_site.links import feed_url

ROADMAPS_DIR = "roadmaps"
SKILLS_DIR = "skills"
UPDATES_DIR = "updates"
"""The folders of a content folder: roadmap files, skills files, update pages."""

DiagramForm = Literal["svg", "mermaid"]
"""How pages carry their diagrams: SVG drawn at build time, or mermaid source."""

DEFAULT_GRACE_DAYS = 14
"""Days after the promised update date before a roadmap is called stale."""
DEFAULT_FOCUS = 5
"""How many top skill priorities are marked as the current focus."""


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
