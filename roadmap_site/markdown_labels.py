"""A Python-Markdown extension that gives task-list checkboxes accessible names.

The MkDocs plugin labels them in each built page (html_fixes.py, from ``on_page_context``);
an engine that runs no MkDocs plugin but does run Markdown extensions (Zensical) gets the
same labels from this extension, which ``export --engine`` adds to the configuration:
``markdown_extensions: [roadmap_site.markdown_labels]``.
"""

from __future__ import annotations

from typing import Any

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor

from roadmap_site.html_fixes import label_task_checkboxes

NAME = "roadmap_site.markdown_labels"
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
    """Python-Markdown's entry point for ``markdown_extensions: [roadmap_site.markdown_labels]``."""
    return LabelsExtension(**kwargs)
