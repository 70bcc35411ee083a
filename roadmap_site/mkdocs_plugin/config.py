"""The options of the ``roadmap`` plugin in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class _MermaidMode(c.Choice[str]):
    """The ``mermaid`` option's mode; ``off`` may be written unquoted (YAML 1.1, which
    mkdocs.yml is read as, takes a bare ``off`` for false)."""

    def run_validation(self, value: object) -> str:
        return str(super().run_validation("off" if value is False else value))


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
    mermaid = _MermaidMode(("off", "cdn", "self-hosted"), default="off")
    """``off``: diagrams are SVG drawn at build time, part of the page (no script, no
    request). ``cdn`` or ``self-hosted``: pages carry mermaid source, drawn in the reader's
    browser by mermaid, loaded from Material's CDN (unpkg.com) or published with the site
    (a pinned, integrity-checked ``mermaid.min.js``; needs npm once, then a cache). Either
    way only pages with a diagram load mermaid."""
