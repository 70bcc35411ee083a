"""The whole data stage in one call: load, check, derive, render.

The MkDocs plugin and the command line both run this; neither does any of it itself.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from roadmap_site.content.documents import Content, Update
from roadmap_site.content.gitdates import GitDates, GitLog
from roadmap_site.content.loader import ContentCache, load_content
from roadmap_site.content.problems import ContentError, Problem
from roadmap_site.derive import accountability, progress
from roadmap_site.derive.views import Options, RoadmapView, roadmap_views
from roadmap_site.render.pages import Page, PlannedPage, plan_pages, render_update_appendix
from roadmap_site.settings import Settings as Settings  # (re-exported: the settings of a run)
from roadmap_site.speed import gcpause


@dataclass
class Result:
    """What a build produced."""

    content: Content
    pages: list[Page]
    """The generated pages, rendered (by ``run``; ``plan`` leaves them to the caller)."""
    updated: dict[str, dt.date]
    warnings: list[Problem] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    stale: list[tuple[str, accountability.Freshness]] = field(default_factory=list)
    views: list[RoadmapView] = field(default_factory=list)
    """The figures of each roadmap, as its page shows them (set by ``plan`` and ``run``)."""
    planned: list[PlannedPage] = field(default_factory=list)
    """Every generated page, in order, before it is rendered (set by ``plan`` and ``run``)."""
    appendices: dict[Path, str] = field(default_factory=dict)
    """The Markdown added to each update's page, by file, once made (see :func:`appendix`)."""


def appendix(result: Result, update: Update) -> str:
    """The Markdown added to ``update``'s page (the milestones done and slipped in its
    quarter), made once per result: the page and the feed both show it."""
    made = result.appendices.get(update.source.path)
    if made is None:
        made = result.appendices[update.source.path] = render_update_appendix(update, result.content)
    return made


class CheckError(ContentError):
    """Content errors found by the accountability checks (overdue milestones in strict
    mode), after the content loaded: ``result`` still tells which roadmaps are stale."""

    def __init__(self, problems: list[Problem], result: Result) -> None:
        super().__init__(problems)
        self.result = result


def last_changed(content: Content, git: GitDates) -> dict[str, dt.date]:
    """Per roadmap: its explicit ``updated``, else the newest date of its own file and
    its skills file."""
    dates = {}
    for doc in content.roadmaps.values():
        if doc.model.updated is not None:
            dates[doc.id] = doc.model.updated.last
            continue
        paths = [doc.source.path]
        if doc.model.skills and doc.model.skills in content.skills:
            paths.append(content.skills[doc.model.skills].source.path)
        dates[doc.id] = max(git.date_of(path) for path in paths)
    return dates


def _load(settings: Settings, cache: ContentCache | None, git: GitDates | None) -> tuple[Content, GitDates]:
    """The content, and its files' dates from git (unless given), read while git
    writes its log."""
    if git is not None:
        return load_content(settings.content_dir, settings.root, cache), git
    with GitLog(settings.content_dir) as log:
        content = load_content(settings.content_dir, settings.root, cache)
        return content, log.dates()


@gcpause.paused()  # the stage's objects all live until it ends: see gcpause.py
def check(settings: Settings, cache: ContentCache | None = None, git: GitDates | None = None) -> Result:
    """Load and check the content and run the accountability checks.

    Raises ContentError when there are errors (overdue milestones count as errors when
    ``settings.strict``); warnings are returned.
    """
    content, git = _load(settings, cache, git)
    notices = []
    if git.shallow:
        notices.append(
            "the git clone is shallow, so every 'last updated' date is the last commit's: "
            "fetch the full history (actions/checkout with fetch-depth: 0)"
        )
    updated = last_changed(content, git)
    overdue = progress.overdue_problems(content, settings.today, as_errors=settings.strict)
    stale = []
    warnings = [] if settings.strict else list(overdue)
    for doc in content.roadmaps.values():
        fresh = accountability.freshness(
            doc.id, doc.model.cadence, content, updated[doc.id], settings.today, settings.grace_days
        )
        if fresh.stale:
            stale.append((doc.id, fresh))
            warnings.append(
                doc.problem(
                    ("cadence",) if "cadence" in doc.source.data else (),
                    f"roadmap {doc.id!r} promises a {doc.model.cadence} update; the last was "
                    f"{fresh.last_update or 'never written'}, and the next was due by {fresh.due_since}: "
                    "write one in updates/",
                    severity="warning",
                )
            )
    result = Result(content, [], updated, warnings, notices, stale)
    if settings.strict and overdue:
        raise CheckError(overdue, result)
    return result


@gcpause.paused()
def plan(settings: Settings, cache: ContentCache | None = None, git: GitDates | None = None) -> Result:
    """Check the content and plan every generated page, rendering none of them."""
    result = check(settings, cache, git)
    options = Options(
        today=settings.today,
        focus=settings.focus,
        grace_days=settings.grace_days,
        generate_home=settings.generate_home,
        feed_url=settings.feed_url,
        diagrams=settings.diagrams,
    )
    result.views = roadmap_views(result.content, result.updated, options)
    memo = cache.pages if cache is not None else None  # unchanged roadmaps are not rendered again
    result.planned = plan_pages(result.content, result.updated, options, result.views, memo)
    return result


@gcpause.paused()
def run(settings: Settings, cache: ContentCache | None = None, git: GitDates | None = None) -> Result:
    """Check the content, then render every generated page."""
    result = plan(settings, cache, git)
    result.pages = [Page(page.path, page.make()) for page in result.planned]
    return result
