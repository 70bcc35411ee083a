"""Accessible names for task-list checkboxes, and a Python-Markdown extension that gives them.

pymdownx.tasklist writes ``<label class="task-list-control"><input type="checkbox"
disabled/><span class="task-list-indicator"></span></label>``, a checkbox whose label has
no text (axe-core's ``label`` rule). Each one is given the item's text as its name:
``aria-labelledby`` pointing at the item's ``rs-item`` span (which gets an ``id``) on
generated checklists, else an ``aria-label`` with the text of the list item.

The MkDocs plugin labels them in each page's content (``on_page_context``); an engine that
runs no MkDocs plugin but does run Markdown extensions (Zensical) gets the same labels
from the extension, which ``export --engine`` adds to the configuration:
``markdown_extensions: [roadmap_site.render.task_labels]``.
"""

from __future__ import annotations

import html
import re
from typing import Any

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor

_TASK = re.compile(
    r'(?P<head><li class="task-list-item">\s*(?:<label class="task-list-control">\s*)?)'
    r'<input (?P<attrs>type="checkbox"[^<>]*?)\s*(?P<close>/?>)'
    r'(?P<between>(?:\s*<span class="task-list-indicator"></span>\s*</label>)?\s*)'
    r'(?:<span class="rs-item" data-rs-item="(?P<item>[a-z0-9-]+)">)?'
)
_ITEM_TEXT = re.compile(r"(?P<body>.*?)(?=<ul\b|<ol\b|<li\b|</li>|\Z)", re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
NAMED = re.compile(r"\saria-(?:label|labelledby)=")


ITEM_ID_PREFIX = "rs-item-"
"""Prefix of the ``id`` given to an ``rs-item`` span, so it cannot collide with heading anchors."""
# only ids with the prefix can collide with the ones given here; starting the pattern with
# text lets the regex engine skip to it (a page holds the whole navigation: 150 kB at 100 roadmaps)
_ITEM_IDS = re.compile(rf'id="({re.escape(ITEM_ID_PREFIX)}[^"]*)"')


def label_task_checkboxes(page: str) -> str:
    """Give every task-list checkbox an accessible name from its item's text."""
    used = {found[1] for found in _ITEM_IDS.finditer(page) if found.start() and page[found.start() - 1].isspace()}

    def unique(base: str) -> str:
        candidate, number = base, 1
        while candidate in used:
            number += 1
            candidate = f"{base}-{number}"
        used.add(candidate)
        return candidate

    def fix(match: re.Match[str]) -> str:
        head, attrs, close, between, item = match.group("head", "attrs", "close", "between", "item")
        if "aria-" in attrs and NAMED.search(" " + attrs):  # (called for every checkbox of a site)
            return match[0]
        if item is not None:
            span_id = unique(ITEM_ID_PREFIX + item)
            return (
                f'{head}<input {attrs} aria-labelledby="{span_id}"{close}{between}'
                f'<span class="rs-item" id="{span_id}" data-rs-item="{item}">'
            )
        body = _ITEM_TEXT.match(match.string, match.end())
        name = _plain_text(body["body"] if body else "")
        if not name:
            return match[0]
        label = html.escape(name, quote=True)
        return f'{head}<input {attrs} aria-label="{label}"{close}{between}'

    return _TASK.sub(fix, page)


def _plain_text(fragment: str) -> str:
    """The text of an HTML fragment: tags dropped, entities decoded, whitespace folded."""
    return " ".join(html.unescape(_TAG.sub(" ", fragment)).split())


NAME = "roadmap_site.render.task_labels"
"""The name the extension is configured by."""

# Postprocessors run from the highest priority down; Markdown puts the stashed HTML (where
# pymdownx.tasklist keeps its checkboxes) back at 30, so the labels come after that.
_PRIORITY = 5


class _LabelCheckboxes(Postprocessor):
    def run(self, text: str) -> str:
        return label_task_checkboxes(text)


class LabelsExtension(Extension):
    """Labels every task-list checkbox of a page with its item's text."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.postprocessors.register(_LabelCheckboxes(md), "roadmap-site-labels", _PRIORITY)


def makeExtension(**kwargs: Any) -> LabelsExtension:
    """Python-Markdown's entry point for ``markdown_extensions: [roadmap_site.render.task_labels]``."""
    return LabelsExtension(**kwargs)
