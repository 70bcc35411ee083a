"""Carry build-time diagrams through Markdown untouched, and put them in place after it.

A diagram's SVG is many small elements (tens of KiB for a roadmap of 30 milestones). Left
in the Markdown as raw HTML, Python-Markdown's HTML parser reads every tag of it, and the
search plugin indexes its labels, which the page's own text repeats: +17% Markdown time
a roadmap page, and a larger search index for every page. So the generated page carries
each diagram inside an HTML comment (one token for both), and the plugin takes the comment
away once the search plugin has read the page (``on_page_context``), leaving the SVG.

Only generated pages are unwrapped: their SVG was made by ``diagrams_svg`` from escaped
text. A comment of the same form in a page the owner wrote stays a comment.
"""

from __future__ import annotations

import re

__all__ = ["carry", "place"]

_OPEN = "<!--rs-diagram "
_CLOSE = " rs-diagram-->"
_CARRIED = re.compile(re.escape(_OPEN) + r"(<svg .*?</svg>)" + re.escape(_CLOSE), re.DOTALL)


def carry(svg: str) -> str:
    """``svg`` wrapped for the trip through Markdown (it never holds ``-->``: every ``>``
    of user text is an entity, and no tag of the SVG ends in ``--``)."""
    if "-->" in svg:
        raise ValueError("an SVG to carry in a comment must not contain '-->'")
    return f"{_OPEN}{svg}{_CLOSE}"


def place(html: str) -> str:
    """``html`` with every carried diagram unwrapped into its SVG."""
    if _OPEN not in html:
        return html
    return _CARRIED.sub(r"\1", html)
