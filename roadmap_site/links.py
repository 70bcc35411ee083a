"""Where a site lives and where its pages end up: the URLs of data files (feed,
progress.json, badges) are built here, the way MkDocs builds page URLs."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from urllib.parse import quote, urljoin, urlsplit


@dataclass(frozen=True)
class SiteInfo:
    """What the data files need to know about the site."""

    name: str
    url: str | None = None
    """Absolute address of the site, ending in ``/`` (``site_url``); None when unknown."""
    author: str | None = None
    description: str | None = None
    directory_urls: bool = True
    """``roadmaps/x.md`` is served as ``roadmaps/x/`` (MkDocs' default), else ``roadmaps/x.html``."""


HOME_PAGE = "index.md"
"""The generated home page, left out when the content has a home page of its own."""
FEED_PATH = "feed.xml"
"""Where the Atom feed of the updates is published, from the site root."""


def feed_url(site_url: str) -> str:
    """Where the feed is published."""
    return absolute(site_url, FEED_PATH)


def normalize_site_url(url: str | None) -> str | None:
    """``url`` with a trailing slash; None for an empty value.

    Raises ValueError unless it is an absolute http(s) address.
    """
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"the site address must be an absolute http(s) URL, got {url!r}")
    return url if url.endswith("/") else url + "/"


def page_url(docs_path: str, directory_urls: bool = True) -> str:
    """The URL of the page built from ``docs_path`` (relative to the docs folder),
    relative to the site root: ``roadmaps/x.md`` -> ``roadmaps/x/``, ``index.md`` -> ``""``."""
    stem, suffix = posixpath.splitext(docs_path)
    if suffix != ".md":
        return quote(docs_path)
    directory, name = posixpath.split(stem)
    if name == "index":
        url = f"{directory}/" if directory else ""
        return quote(url) if directory_urls else quote(posixpath.join(directory, "index.html"))
    return quote(f"{stem}/" if directory_urls else f"{stem}.html")


def absolute(site_url: str, relative: str) -> str:
    """``relative`` (a site-relative URL) under ``site_url``."""
    return urljoin(site_url, relative)


SAFE_SCHEMES = ("http", "https", "mailto")


def resolve_link(target: str, from_docs_path: str, site: SiteInfo) -> str | None:
    """A link written in the Markdown of ``from_docs_path``, made absolute so that it
    works outside the site (in a feed reader). Links to ``.md`` files become their
    pages' URLs. None for a scheme that is not http(s) or mailto (``javascript:``)."""
    assert site.url is not None
    target = target.strip()
    parts = urlsplit(target)
    if parts.scheme:
        return target if parts.scheme.lower() in SAFE_SCHEMES else None
    here = absolute(site.url, page_url(from_docs_path, site.directory_urls))
    if parts.netloc or parts.path.startswith("/") or not parts.path:
        return urljoin(here, target)
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(from_docs_path), parts.path))
    if joined.startswith("../") or joined == "..":
        return urljoin(here, target)
    if parts.path.endswith("/") and not joined.endswith("/"):
        joined += "/"
    url = absolute(site.url, page_url(joined, site.directory_urls))
    if parts.query:
        url += f"?{parts.query}"
    if parts.fragment:
        url += f"#{parts.fragment}"
    return url
