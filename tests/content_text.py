"""Every string and URL of a content folder, and whether a built site shows them.

A string of the YAML files is compared as a reader sees it: rendered by Python-Markdown
(the inline markup of a Markdown field goes; a plain-text field is unchanged but for
entities), reduced to its text with HTML entities resolved and whitespace collapsed. A
built site's text is the text of all its pages, reduced the same way. URLs are compared
with the addresses of the site's links and images.

Shared by test_engines.py (ProperDocs and Zensical against the MkDocs site).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
import yaml

_URL = re.compile(r"^https?://\S+$")
_CHECKBOX = re.compile(r"^\[[ xX~]\]\s+")
_SPACE = re.compile(r"\s+")
_SKIPPED = ("script", "style", "svg", "template")
_INLINE = ("a", "abbr", "b", "code", "em", "i", "kbd", "label", "mark", "small", "span", "strong", "sub", "sup")
"""Tags inside a line of text: they do not separate words (a highlighted code line is
many spans)."""

STRUCTURE_KEYS = frozenset(
    ("id", "builds", "depends_on", "route", "skills", "status", "kind", "difficulty", "layer", "cadence", "due")
) | {"new_due", "period"}
"""Keys whose values are ids, choices or dates: the site shows what they mean (a link, a
label, a formatted date), not the value as written."""


class _Text(HTMLParser):
    """The text and the link addresses of an HTML document."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.urls: set[str] = set()
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self.skipping += 1
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.urls.add(value)
        if tag not in _INLINE:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED and self.skipping:
            self.skipping -= 1
        if tag not in _INLINE:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def normalize(text: str) -> str:
    """Whitespace collapsed, entities resolved, the permalink mark dropped."""
    return _SPACE.sub(" ", html.unescape(text).replace("¶", " ")).strip()


def _html_text(document: str) -> _Text:
    parser = _Text()
    parser.feed(document)
    parser.close()
    return parser


def as_shown(value: str) -> list[str]:
    """The lines of text a reader sees of a content string (Markdown markup and a
    checklist's ``[x]`` prefix removed), one per block (paragraph, list item, code line)."""
    rendered = markdown.markdown(_CHECKBOX.sub("", value), extensions=MARKDOWN_EXTENSIONS)
    lines = "".join(_html_text(rendered).parts).split("\n")
    return [shown for shown in map(normalize, lines) if shown]


MARKDOWN_EXTENSIONS = ["attr_list", "md_in_html", "tables", "fenced_code"]


def _scalars(data: Any, key: str | None = None) -> Iterator[str]:
    if isinstance(data, str) and key not in STRUCTURE_KEYS:
        yield data
    elif isinstance(data, dict):
        for name, value in data.items():
            yield from _scalars(value, str(name))
    elif isinstance(data, list):
        for value in data:
            yield from _scalars(value, key)


@dataclass
class ContentStrings:
    """The strings and URLs of a content folder's YAML files."""

    texts: set[str] = field(default_factory=set)
    urls: set[str] = field(default_factory=set)


def content_strings(content_dir: Path) -> ContentStrings:
    """Every scalar string of the YAML files under ``content_dir`` (as shown) and every URL."""
    found = ContentStrings()
    for path in sorted([*content_dir.rglob("*.yml"), *content_dir.rglob("*.yaml")]):
        for value in _scalars(yaml.safe_load(path.read_text(encoding="utf-8"))):
            if _URL.match(value.strip()):
                found.urls.add(value.strip())
            else:
                found.texts.update(as_shown(value))
            for url in _html_text(markdown.markdown(value)).urls:
                if _URL.match(url):
                    found.urls.add(url)
    return found


@dataclass
class SiteText:
    """What a built site shows: the text of every page, and every address it links to."""

    text: str
    urls: set[str]

    def missing(self, strings: ContentStrings) -> list[str]:
        """The content's strings and URLs this site does not show, sorted."""
        texts = [t for t in strings.texts if t not in self.text]
        urls = [u for u in strings.urls if u not in self.urls and html.escape(u) not in self.urls]
        return sorted(texts) + sorted(urls)


def site_text(site_dir: Path) -> SiteText:
    """The text and link addresses of every HTML page under ``site_dir``."""
    parts, urls = [], set()
    for page in sorted(site_dir.rglob("*.html")):
        parsed = _html_text(page.read_text(encoding="utf-8"))
        parts.append(normalize("".join(parsed.parts)))  # (blocks of a page joined by spaces)
        urls |= parsed.urls
    return SiteText("\n".join(parts), urls)
