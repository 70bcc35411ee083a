"""Data files published beside the pages: ``progress.json`` and a badge per roadmap.

The figures are the ones the pages show: they come from ``render.roadmap_view`` (which
takes them from ``derive``), never computed again here.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import json
import re
from typing import Any

from roadmap_site.derive.views import RoadmapView
from roadmap_site.links import FEED_PATH, SiteInfo, absolute, page_url
from roadmap_site.pipeline import Result, appendix
from roadmap_site.publish import feed
from roadmap_site.publish.badges import progress_badge
from roadmap_site.settings import Settings

PROGRESS_PATH = "progress.json"
BADGE_FOLDER = "badges"
FORMAT_VERSION = 1


def badge_path(roadmap_id: str) -> str:
    """Where a roadmap's badge is published, relative to the site root."""
    return f"{BADGE_FOLDER}/{roadmap_id}.svg"


def _url(site: SiteInfo, relative: str) -> str:
    return absolute(site.url, relative) if site.url else relative


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


_MARKDOWN_TEXT = re.compile(r"([\\\[\]`*_])")


def badge_markdown(title: str, badge_url: str, page: str) -> str:
    """The Markdown that embeds a badge linking to its roadmap page."""
    # characters Markdown would read as markup are escaped; <, > and & as entities, which an
    # alt text shows as the characters themselves
    alt = _MARKDOWN_TEXT.sub(r"\\\1", html.escape(" ".join(title.split()), quote=False))
    return f"[![{alt}: progress]({badge_url})]({page})"


def roadmap_entry(view: RoadmapView, site: SiteInfo) -> dict[str, Any]:
    """One roadmap's figures, as on its page."""
    progress = view.progress
    page = _url(site, page_url(f"roadmaps/{view.id}.md", site.directory_urls))
    badge = _url(site, badge_path(view.id))
    next_due = view.next_due
    fresh = view.freshness
    return {
        "id": view.id,
        "title": view.model.title,
        "url": page,
        "percent": progress.percent,
        "milestones": {"done": progress.milestones_done, "total": progress.milestones_counted},
        "items": {"done": progress.items_done, "total": progress.items_total},
        "by_status": dict(progress.by_status),
        "last_updated": _day(view.updated),
        "next_due": None
        if next_due is None
        else {
            "id": next_due.id,
            "title": next_due.title,
            "due": str(next_due.effective_due),
            "due_date": _day(next_due.effective_due.last),
        },
        "overdue": sorted(view.overdue_ids),
        "cadence": view.model.cadence,
        "stale": fresh.stale,
        "last_update": _day(fresh.last_update),
        "update_due_since": _day(fresh.due_since),
        "badge": {"url": badge, "markdown": badge_markdown(view.model.title, badge, page)},
    }


def progress_report(views: list[RoadmapView], site: SiteInfo, today: dt.date) -> dict[str, Any]:
    """Every roadmap's figures as of ``today``."""
    return {
        "version": FORMAT_VERSION,
        "site": {"name": site.name, "url": site.url},
        "as_of": today.isoformat(),
        "roadmaps": [roadmap_entry(view, site) for view in views],
    }


def progress_json(views: list[RoadmapView], site: SiteInfo, today: dt.date) -> bytes:
    """``progress.json``: stable key order, UTF-8, one trailing newline."""
    report = progress_report(views, site, today)
    return (json.dumps(report, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def badge_files(views: list[RoadmapView]) -> dict[str, bytes]:
    """One SVG badge per roadmap, by path."""
    return {badge_path(view.id): progress_badge(view.model.title, view.progress).encode("utf-8") for view in views}


def data_files(result: Result, settings: Settings, site: SiteInfo) -> dict[str, bytes]:
    """The files published beside the pages, by path from the site root:
    ``progress.json``, ``badges/<id>.svg`` and (with a site address) ``feed.xml``."""
    files = {PROGRESS_PATH: progress_json(result.views, site, settings.today)}
    files.update(badge_files(result.views))
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
    return [PROGRESS_PATH, FEED_PATH, *(badge_path(view.id) for view in result.views)]
