"""The whole data stage in one call: load, check, derive, render.

The MkDocs plugin and the command line both run this; neither does any of it itself.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from roadmap_site import derive, exports, feed, gcpause
from roadmap_site.content import Content, ContentCache, Update, load_content
from roadmap_site.extensions import assets
from roadmap_site.gitdates import GitDates, GitLog
from roadmap_site.links import FEED_PATH, SiteInfo
from roadmap_site.outline import DATA_FILES, OUTLINE, Outline, UpdatePage
from roadmap_site.problems import ContentError, Problem
from roadmap_site.render import (
    Options,
    Page,
    PlannedPage,
    RoadmapView,
    plan_pages,
    render_update_appendix,
    roadmap_views,
    update_page,
)
from roadmap_site.settings import Settings as Settings  # (re-exported: the settings of a run)


@dataclass
class Result:
    """What a build produced."""

    content: Content
    pages: list[Page]
    """The generated pages, rendered (by ``run``; ``plan`` leaves them to the caller)."""
    updated: dict[str, dt.date]
    warnings: list[Problem] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    stale: list[tuple[str, derive.Freshness]] = field(default_factory=list)
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
    overdue = derive.overdue_problems(content, settings.today, as_errors=settings.strict)
    stale = []
    warnings = [] if settings.strict else list(overdue)
    for doc in content.roadmaps.values():
        fresh = derive.freshness(
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


def data_files(result: Result, settings: Settings, site: SiteInfo) -> dict[str, bytes]:
    """The files published beside the pages, by path from the site root:
    ``progress.json``, ``badges/<id>.svg`` and (with a site address) ``feed.xml``."""
    files = {exports.PROGRESS_PATH: exports.progress_json(result.views, site, settings.today)}
    files.update(exports.badge_files(result.views))
    if settings.feed and site.url:
        newest_change = max(result.updated.values(), default=settings.today)
        files[FEED_PATH] = feed.atom_feed(
            result.content,
            site,
            functools.partial(appendix, result),
            newest_change,
        )
    return files


def data_file_paths(result: Result) -> list[str]:
    """Where the data files go, so that a page or file of the content's own can be kept
    from being overwritten by one of them."""
    return [exports.PROGRESS_PATH, FEED_PATH, *(exports.badge_path(view.id) for view in result.views)]


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


def site_build_jobs(settings: Settings, site: SiteInfo) -> Iterator[tuple[str, Callable[[], Any]]]:
    """The work of a site build, in the order the build needs it, as (key, job) pairs:
    the outline (``OUTLINE``), each generated page (by its path) and the data files
    (``DATA_FILES``). The content is checked and planned when the first pair is asked
    for; content errors make the outline their report, and there are no other jobs."""
    try:
        result = plan(settings)
    except ContentError as error:
        yield OUTLINE, functools.partial(Outline, error=error.report())
        return
    yield OUTLINE, functools.partial(outline_of, result)
    for page in result.planned:
        yield page.path, page.make
    yield DATA_FILES, functools.partial(data_files, result, settings, site)


ASSET_FOLDER = "assets/roadmap-site"


def export(settings: Settings, destination: Path, site_name: str = "Roadmaps") -> list[Path]:
    """Write the whole docs tree of the site into ``destination``: generated pages, the
    content's own pages (updates with their derived changes), the stylesheet and the data
    files (progress.json, badges, and the feed when ``settings.site_url`` is set).

    Nothing is written under the content folder. Returns the paths written.
    """
    content_dir = settings.content_dir.resolve()
    settings.generate_home = not (content_dir / "index.md").exists()
    settings.diagrams = "mermaid"  # the portable form: GitHub and other engines draw mermaid fences
    result = run(settings)
    written: list[Path] = []

    def write(relative: str, data: str | bytes) -> None:
        target = (destination / relative).resolve()
        if destination.resolve() not in target.parents:
            raise ValueError(f"refusing to write outside the export folder: {relative}")
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            target.write_bytes(data)
        else:
            target.write_text(data, encoding="utf-8")
        written.append(target)

    updates = {u.source.path.resolve(): u for u in result.content.updates}
    for path in sorted(content_dir.rglob("*")):
        if not path.is_file() or path.suffix in (".yml", ".yaml") or any(p.startswith(".") for p in path.parts):
            continue
        relative = path.relative_to(content_dir).as_posix()
        update = updates.get(path.resolve())
        if update is not None:
            write(relative, update_page(update, result.content))
        else:
            write(relative, path.read_bytes())
    for page in result.pages:
        write(page.path, page.markdown)
    for asset in assets():
        write(f"{ASSET_FOLDER}/{asset.name}", asset.read_bytes())
    site = SiteInfo(name=site_name, url=settings.site_url)
    for relative, data in data_files(result, settings, site).items():
        write(relative, data)
    return written
