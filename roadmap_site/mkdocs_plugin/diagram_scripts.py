"""Which pages load mermaid: only those with a mermaid diagram.

The plugin lists its mermaid scripts (a self-hosted ``mermaid.min.js``, 953 KiB gzip, and
``mermaid-strict.js``) in ``extra_javascript``, which MkDocs writes into every page. A
page without a ``class="mermaid"`` element has them taken out again here, so it fetches
no diagram code. Material itself fetches mermaid from its CDN only for pages with such
an element, so with the scripts gone a page without a diagram loads no mermaid at all.
"""

from __future__ import annotations

import functools
import re

__all__ = ["drop_mermaid_scripts", "has_mermaid_diagram"]

_MERMAID_ELEMENT = re.compile(r'class="mermaid"')


def has_mermaid_diagram(page: str) -> bool:
    """Whether ``page`` (HTML) holds a diagram for mermaid to draw."""
    return _MERMAID_ELEMENT.search(page) is not None


def drop_mermaid_scripts(page: str, script_names: list[str]) -> str:
    """``page`` without the ``<script src=".../NAME">`` elements of ``script_names``,
    unless it has a mermaid diagram. Only the exact element MkDocs writes is removed."""
    if not script_names or has_mermaid_diagram(page):
        return page
    for name in script_names:
        page = _script_element(name).sub("", page, count=1)
    return page


@functools.cache
def _script_element(name: str) -> re.Pattern[str]:
    """The ``<script>`` element MkDocs writes for the script file ``name`` (made once per name)."""
    return re.compile(rf'<script src="[^"<>]*/{re.escape(name)}"></script>\s*')
