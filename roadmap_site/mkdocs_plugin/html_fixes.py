"""Accessibility fixes of the built HTML, as pure string functions.

A plain Material for MkDocs page fails two axe-core rules that markup can fix (the third,
the footer's colour contrast, is fixed in ``assets/roadmap.css``):

- ``label``: pymdownx.tasklist writes ``<label class="task-list-control"><input
  type="checkbox" disabled/><span class="task-list-indicator"></span></label>``, a checkbox
  whose label has no text. Each one is given the item's text as its name: ``aria-labelledby``
  pointing at the item's ``rs-item`` span (which gets an ``id``) on generated checklists,
  else an ``aria-label`` with the text of the list item.
- ``aria-dialog-name``: the search overlay is ``<div class="md-search" role="dialog">``
  without a name. It is given the (translated) label of the search field.

The plugin labels the checkboxes in each page's content (task lists are only there, and
the content is a small part of the whole page, which holds the navigation too). Material's
templates name the dialog as they compile (theme_fixes.py); where a theme's do not, the
plugin names it in each whole page. The functions match the exact markup those extensions and
the theme write, change nothing else, and leave elements that already have a name alone,
so running them twice is harmless.
"""

from __future__ import annotations

import re

from mkdocs.utils import get_relative_url as relative_url

from roadmap_site.links import FEED_PATH
from roadmap_site.render.escape import attribute, title
from roadmap_site.render.task_labels import NAMED

__all__ = ["NAMED", "SEARCH_DIALOG", "add_to_head", "feed_link", "name_search_dialog"]

SEARCH_DIALOG = re.compile(r'<div class="md-search"(?P<attrs>[^<>]*\srole="dialog"[^<>]*)>')
_SEARCH_INPUT_LABEL = re.compile(r'<input [^<>]*class="md-search__input"[^<>]*\saria-label="(?P<label>[^"<>]*)"')


def name_search_dialog(page: str) -> str:
    """Name Material's search dialog after its search field (``Search`` in English)."""
    dialog = SEARCH_DIALOG.search(page)
    if dialog is None or NAMED.search(dialog["attrs"]):
        return page
    found = _SEARCH_INPUT_LABEL.search(page)
    label = found["label"] if found and found["label"].strip() else "Search"
    # the first occurrence of the matched text is the match; replacing it copies the page
    # once, where slicing a page with non-ASCII text around it converts each piece
    return page.replace(dialog[0], f'<div class="md-search"{dialog["attrs"]} aria-label="{label}">', 1)


def add_to_head(page: str, markup: str) -> str:
    """``markup`` at the end of the page's head, unless the head holds it already."""
    end = page.find("</head>")
    if end < 0 or page.find(markup, 0, end) >= 0:
        return page
    return page.replace("</head>", markup + "</head>", 1)


def feed_link(site_name: str, page_url: str, feed_url: str | None) -> str:
    """The link that lets browsers and feed readers find the feed from a page's head,
    or an empty string when there is no feed.

    The link is relative to the page: Material fetches ``sitemap.xml`` next to every
    ``<link rel="alternate">`` (for its language switch), so an absolute site_url here
    made every page request the published site, which fails offline and in previews.
    """
    if feed_url is None:
        return ""
    name = title(f"{site_name}: updates")  # HTML-escaped; the head is not Markdown
    href = attribute(relative_url(FEED_PATH, page_url))
    return f'<link rel="alternate" type="application/atom+xml" title="{name}" href="{href}">\n'
