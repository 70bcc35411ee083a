"""Where the plugin reports: MkDocs' own logger for what the build counts, and two loggers
it does not count."""

from __future__ import annotations

import logging

log = logging.getLogger("mkdocs.plugins.roadmap")


def _uncounted_logger(name: str) -> logging.Logger:
    """A logger that prints as MkDocs' loggers do (``WARNING -  message``) but is not
    one of them: MkDocs counts what its own loggers report, and ``--strict`` fails the
    build on a counted warning."""
    logger = logging.getLogger(name)
    logger.propagate = False
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)
    return logger


# Content errors of a save during `mkdocs serve` are printed through a logger of their own:
# in strict mode a counted error fails the rebuild, after which MkDocs' server holds every
# request until a build succeeds.
serve_log = _uncounted_logger("roadmap_site.serve")
# Overdue milestones and late updates are the owner's to fix and are shown to readers on
# the page: the author must see them, but as counted warnings they would stop
# `mkdocs build --strict` from publishing exactly when the page must say so.
# (The plugin's `strict: true` makes overdue milestones errors that stop the build.)
late_log = _uncounted_logger("roadmap_site.late")
