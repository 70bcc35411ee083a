"""Two of the page fixes, written into the theme's templates instead of into each page.

Every page of a site gets the same two additions: a name for the search dialog and a
link to the feed in its head (html_fixes.py, plugin.py). Made in each built page, each
costs a copy of the whole page (about 290 kB in memory at 100 roadmaps, where the
navigation lists every page), 0.1 s for a site of 300 pages. The theme's templates
hold the markup once: :class:`ThemeFixes`, a Jinja extension, edits their source as
they are compiled, once per build, and the pages come out with the fixes made.

Where a template does not hold the markup looked for, exactly as Material writes it
(another theme, an override), it is left as it is, and the plugin still makes the fix
in the page (the page-level fixes leave a page already fixed alone).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import jinja2
import jinja2.ext

from roadmap_site.mkdocs_plugin.html_fixes import NAMED, SEARCH_DIALOG

# the search field's label in a template: text and whole {{ }} expressions without quotes
# (as Material writes it); anything else, such as a quoted string inside, is not matched
_SEARCH_FIELD_LABEL = re.compile(
    r'<input [^<>]*class="md-search__input"[^<>]*\saria-label="(?P<label>(?:[^"<>{}]|\{\{[^"<>{}]*\}\})*)"'
)

FEED_LINK = "roadmap_site_feed_link"
"""The global function the edited head calls with ``page``: the page's feed link, or nothing."""

_HEAD_END = "</head>"
_SEARCH_NAME = "roadmap_site_search_name"  # the search field's label, as the template writes it


class ThemeFixes(jinja2.ext.Extension):
    """Edits each template's source as it is compiled: see the module's docstring."""

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        return link_feed(name_search_dialog(source))


def name_search_dialog(source: str) -> str:
    """Name the search dialog of a template after the label of its search field, as
    ``html_fixes.name_search_dialog`` does in a page (``Search`` when the label is blank).
    A template without both, or with a dialog already named, is returned as it is."""
    dialog = SEARCH_DIALOG.search(source)
    if dialog is None or NAMED.search(dialog["attrs"]):
        return source
    field = _SEARCH_FIELD_LABEL.search(source, dialog.end())
    if field is None:
        return source
    # the label is set where the dialog starts, so the dialog can say it before the field does
    named = (
        f"{{% set {_SEARCH_NAME} %}}{field['label']}{{% endset %}}"
        f'<div class="md-search"{dialog["attrs"]} aria-label="'
        f"{{{{ {_SEARCH_NAME} if {_SEARCH_NAME} | trim else 'Search' }}}}\">"
    )
    return source[: dialog.start()] + named + source[dialog.end() :]


def link_feed(source: str) -> str:
    """Have the head of a template end with the page's feed link (see :data:`FEED_LINK`).
    Only a template that ends one head, once, is changed."""
    if source.count(_HEAD_END) != 1:
        return source
    return source.replace(_HEAD_END, f"{{{{ {FEED_LINK}(page) }}}}{_HEAD_END}")


def install(env: jinja2.Environment, feed_link: Callable[[object], str]) -> None:
    """Have ``env`` compile its templates with the fixes (once), the feed link of a page
    being ``feed_link(page)``: HTML, or an empty string (``page`` is ``None`` or undefined
    where a template renders no page)."""
    env.globals[FEED_LINK] = feed_link
    if ThemeFixes.identifier not in env.extensions:
        env.add_extension(ThemeFixes)
