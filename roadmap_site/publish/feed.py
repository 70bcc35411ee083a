"""The Atom feed of the quarterly updates (RFC 4287), so readers can follow a roadmap.

One entry per update, newest first. Every link is absolute, built from the site's
address. The feed depends on the content only (dates come from the updates, never from
the build's clock), so the same content gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from roadmap_site import __version__
from roadmap_site.content.documents import Content, Update
from roadmap_site.links import SiteInfo, absolute, feed_url, page_url, resolve_link
from roadmap_site.speed import realpaths

ATOM = "http://www.w3.org/2005/Atom"
UPDATES_PAGE = "updates/index.md"
GENERATOR_URI = "https://pypi.org/project/roadmap-site/"

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(value: object) -> str:
    """Text that XML 1.0 can hold: control characters are dropped."""
    return _NOT_XML.sub("", str(value))


def _timestamp(day: dt.date) -> str:
    """An RFC 3339 date-time: midnight UTC of ``day``."""
    return f"{day.isoformat()}T00:00:00Z"


# --- Markdown to HTML ----------------------------------------------------------------------


class _AbsoluteLinks(Treeprocessor):
    """Makes every ``href`` and ``src`` absolute; drops unsafe schemes."""

    def __init__(self, md: markdown.Markdown, resolve: Callable[[str], str | None]) -> None:
        super().__init__(md)
        self.resolve = resolve

    def run(self, root: ET.Element) -> None:
        for element in root.iter():
            for name in ("href", "src"):
                value = element.get(name)
                if value is None:
                    continue
                resolved = self.resolve(value)
                if resolved is None:
                    del element.attrib[name]
                else:
                    element.set(name, resolved)


class _LinkExtension(Extension):
    def __init__(self, resolve: Callable[[str], str | None]) -> None:
        super().__init__()
        self.resolve = resolve

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        # after "inline" (20), which creates the links
        md.treeprocessors.register(_AbsoluteLinks(md, self.resolve), "roadmap_absolute_links", 8)


class FeedMarkdown:
    """Markdown to HTML with absolute links, for the texts of one feed. One converter of
    each kind is made and reset between texts: making one (its extensions, patterns and
    processors) takes longer than converting an update."""

    def __init__(self, site: SiteInfo) -> None:
        self.site = site
        self.docs_path = ""  # where the text being converted is written
        self._converters: dict[bool, markdown.Markdown] = {}

    def _converter(self, trusted: bool) -> markdown.Markdown:
        extensions: list[str | Extension] = ["tables", "fenced_code", "sane_lists"]
        extensions.append(_LinkExtension(lambda target: resolve_link(target, self.docs_path, self.site)))
        if trusted:
            extensions.append("attr_list")
        md = markdown.Markdown(extensions=extensions, output_format="html")
        if not trusted:
            md.preprocessors.deregister("html_block")
            md.inlinePatterns.deregister("html")
        return md

    def html(self, text: str, docs_path: str, *, trusted: bool = False) -> str:
        """HTML of Markdown written in ``docs_path``, with absolute links.

        Raw HTML in untrusted text (an update's body) shows as text, and attribute lists
        do not apply. ``trusted`` is for Markdown generated from templates that escape
        every value."""
        md = self._converters.get(trusted)
        if md is None:
            md = self._converters[trusted] = self._converter(trusted)
        self.docs_path = docs_path
        md.reset()
        return md.convert(text)


# --- the feed ------------------------------------------------------------------------------------


def _docs_paths(content: Content) -> Callable[[Update], str]:
    """Where each update's page is, relative to the docs (= content) folder (each folder
    resolved once, see realpaths.py)."""
    folder = Path(content.directory).resolve()
    resolve = realpaths.resolver()

    def docs_path(update: Update) -> str:
        try:
            return resolve(update.source.path).relative_to(folder).as_posix()
        except ValueError:
            return f"updates/{update.source.path.name}"

    return docs_path


def _tag_uri(site_url: str, year: int, path: str) -> str:
    """A ``tag:`` URI (RFC 4151): the site's host, a year, and a path under the site.
    It stays the same when the page's URL style changes."""
    parts = urlsplit(site_url)
    host = (parts.hostname or "localhost").lower()
    return f"tag:{host},{year}:{parts.path}{path}"


def _element(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: _clean(v) for k, v in attributes.items()})
    if text is not None:
        element.text = _clean(text)
    return element


def _author(parent: ET.Element, name: str) -> None:
    author = _element(parent, "author")
    _element(author, "name", name)


def feed_author(content: Content, site: SiteInfo) -> str:
    """The feed's author: ``site_author``, else the roadmaps' one owner, else the site's name."""
    if site.author:
        return site.author
    owners = {doc.model.owner.name for doc in content.roadmaps.values() if doc.model.owner}
    return owners.pop() if len(owners) == 1 else site.name


def atom_feed(
    content: Content,
    site: SiteInfo,
    appendix: Callable[[Update], str],
    fallback_updated: dt.date,
) -> bytes:
    """The feed as UTF-8 XML.

    ``appendix`` gives the derived Markdown added to an update's page (the milestones
    done and slipped in its quarter), so a reader sees what the page shows.
    ``fallback_updated`` dates a feed that has no entries yet.
    """
    if site.url is None:
        raise ValueError("an Atom feed needs the site's address (site_url) for its links")
    updates = sorted(content.updates, key=lambda u: (u.meta.date.first, u.id), reverse=True)
    # children are in the default namespace declared here (no global prefix registry)
    feed = ET.Element("feed", xmlns=ATOM)
    _element(feed, "id", site.url)
    _element(feed, "title", f"{site.name}: updates", type="text")
    if site.description:
        _element(feed, "subtitle", site.description, type="text")
    newest = updates[0].meta.date.first if updates else fallback_updated
    _element(feed, "updated", _timestamp(newest))
    _element(feed, "link", rel="self", type="application/atom+xml", href=feed_url(site.url))
    home = page_url(UPDATES_PAGE, site.directory_urls) if updates else ""
    _element(feed, "link", rel="alternate", type="text/html", href=absolute(site.url, home))
    _author(feed, feed_author(content, site))
    _element(feed, "generator", "roadmap-site", uri=GENERATOR_URI, version=__version__)
    converter, docs_path = FeedMarkdown(site), _docs_paths(content)
    for update in updates:
        feed.append(_entry(update, docs_path(update), content, converter, appendix(update)))
    ET.indent(feed)
    data: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return data + b"\n"


def _entry(update: Update, docs_path: str, content: Content, converter: FeedMarkdown, appendix: str) -> ET.Element:
    site = converter.site
    assert site.url is not None
    stem = docs_path[: -len(".md")] if docs_path.endswith(".md") else docs_path
    day = update.meta.date.first
    doc = content.roadmaps.get(update.meta.roadmap) if update.meta.roadmap else None
    entry = ET.Element("entry")
    _element(entry, "id", _tag_uri(site.url, day.year, stem))
    title = update.title
    if doc is not None and len(content.roadmaps) > 1:
        title = f"{title}: {doc.model.title}"
    _element(entry, "title", title, type="text")
    _element(entry, "published", _timestamp(day))
    _element(entry, "updated", _timestamp(day))
    href = absolute(site.url, page_url(docs_path, site.directory_urls))
    _element(entry, "link", rel="alternate", type="text/html", href=href)
    if doc is not None:
        if doc.model.owner:
            _author(entry, doc.model.owner.name)
        _element(entry, "category", term=doc.id, label=doc.model.title)
    body = converter.html(update.source.body, docs_path)
    if appendix.strip():
        body += "\n" + converter.html(appendix, docs_path, trusted=True)
    _element(entry, "content", body, type="html")
    return entry
