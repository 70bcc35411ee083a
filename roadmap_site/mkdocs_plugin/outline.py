"""What a site build needs to know of the data stage, in plain values.

The MkDocs plugin lets a child process load, check and render the content (see
background.py). The build process only needs the outline of the result: which pages
and data files there will be, what to report, and what each update page gets. Made of
strings and paths, it reaches the build process without the content model, whose
loading is a good part of what the data stage costs a build.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

OUTLINE = "outline"
"""The key of the outline among a site build's jobs (``pipeline.site_build_jobs``)."""
DATA_FILES = "data files"
"""The key of the data files among them; the others are pages' paths."""


@dataclass(frozen=True)
class UpdatePage:
    """What the page of one update gets: its title and the list of changes of its quarter."""

    title: str
    appendix: str
    """Markdown, written after the owner's text."""


@dataclass(frozen=True)
class Outline:
    """The outline of a checked content folder, or the report of its errors."""

    error: str | None = None
    """The report of the content's errors; when set, the build stops and nothing else is set."""
    pages: tuple[str, ...] = ()
    """The generated pages, in order, by path in the docs folder."""
    data_files: tuple[str, ...] = ()
    """The data files written beside the pages, by path from the site root."""
    notices: tuple[str, ...] = ()
    """What the site's owner should fix in the build's set-up (a shallow clone)."""
    warnings: tuple[str, ...] = ()
    """Late milestones and late updates: shown on the pages, logged for the owner."""
    updates: dict[Path, UpdatePage] = field(default_factory=dict)
    """Each update page by its resolved path."""
