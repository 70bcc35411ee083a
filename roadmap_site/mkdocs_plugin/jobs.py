"""The data stage of a site build as jobs: the outline first, then each page, then the
data files, in the order MkDocs needs them (see ``speed/background.py``, which may run
them in a child process)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from typing import Any

from roadmap_site.content.loader import ContentCache
from roadmap_site.content.problems import ContentError
from roadmap_site.links import SiteInfo
from roadmap_site.mkdocs_plugin.outline import DATA_FILES, OUTLINE, Outline, UpdatePage
from roadmap_site.pipeline import Result, appendix, plan
from roadmap_site.publish.data_files import data_file_paths, data_files
from roadmap_site.settings import Settings


def outline_of(result: Result) -> Outline:
    """What the build of a site needs to know of ``result``, in plain values."""
    return Outline(
        pages=tuple(page.path for page in result.planned),
        data_files=tuple(data_file_paths(result)),
        notices=tuple(result.notices),
        warnings=tuple(str(warning) for warning in result.warnings),
        updates={
            update.source.path.resolve(): UpdatePage(update.title, appendix(result, update))
            for update in result.content.updates
        },
    )


def site_jobs(
    settings: Settings, site: SiteInfo, cache: ContentCache | None = None
) -> Iterator[tuple[str, Callable[[], Any]]]:
    """The work of a site build, in the order the build needs it, as (key, job) pairs:
    the outline (``OUTLINE``), each generated page (by its path) and the data files
    (``DATA_FILES``). The content is checked and planned when the first pair is asked
    for; content errors make the outline their report, and there are no other jobs.

    ``mkdocs build`` may run them in a child process; ``mkdocs serve`` runs them here,
    with a ``cache`` that spares unchanged files and pages the work of each rebuild.
    """
    try:
        result = plan(settings, cache)
    except ContentError as error:
        yield OUTLINE, functools.partial(Outline, error=error.report())
        return
    yield OUTLINE, functools.partial(outline_of, result)
    for page in result.planned:
        yield page.path, page.make
    yield DATA_FILES, functools.partial(data_files, result, settings, site)
