"""Reading build-time SVG diagrams back, for tests: their nodes, edges and texts.

A diagram is parsed as XML (it must be well formed), with the HTML entities that
``escape.html_text`` writes turned back into characters first. Labels are normalised as
``mermaid_read.parse_edges`` normalises mermaid's (whitespace folded, lower case), so a
drawn graph and its mermaid source can be compared as sets.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET

from mermaid_read import parse_edges

SVG_NS = "{http://www.w3.org/2000/svg}"
_SVG = re.compile(r'<svg [^<>]*class="rs-svg .*?</svg>', re.DOTALL)
_MERMAID_NODE = re.compile(r'^\s*(\w+)(?:\[|\{|\()+"(.*)"(?:\]|\}|\))+\s*$')


def parse(svg: str) -> ET.Element:
    """The diagram as an element tree (numeric entities resolved by the XML parser)."""
    return ET.fromstring(svg)


def svgs(page: str) -> list[str]:
    """Every diagram (``<svg class="rs-svg ...">``) of an HTML page or Markdown text,
    as written (the theme's icons are SVG too)."""
    return _SVG.findall(page)


def _norm(text: str) -> str:
    return " ".join(html.unescape(text).split()).lower()


def text_of(element: ET.Element) -> str:
    """The text an element shows: its text nodes joined by spaces (lines of a label)."""
    return " ".join(part.strip() for part in element.itertext() if part.strip())


XLINK_HREF = "{http://www.w3.org/1999/xlink}href"


def href(element: ET.Element) -> str | None:
    """Where a link goes (``href`` or ``xlink:href``)."""
    return element.get("href") or element.get(XLINK_HREF)


def nodes(root: ET.Element) -> dict[str, str]:
    """Node key (``data-node``) -> normalised label."""
    return {g.get("data-node", ""): _norm(text_of(g)) for g in root.iter(f"{SVG_NS}g") if g.get("data-node")}


def edges(root: ET.Element) -> set[tuple[str, str, str]]:
    """Edges as (from label, to label, edge label), like ``parse_edges``."""
    labels = nodes(root)
    found: set[tuple[str, str, str]] = set()
    texts: dict[tuple[str, str], list[str]] = {}
    for g in root.iter(f"{SVG_NS}g"):
        if g.get("class") == "rs-d-edge-label":
            texts.setdefault((g.get("data-from", ""), g.get("data-to", "")), []).append(_norm(text_of(g)))
    for g in root.iter(f"{SVG_NS}g"):
        if g.get("class") == "rs-d-edge":
            pair = (g.get("data-from", ""), g.get("data-to", ""))
            for label in texts.get(pair, [""]):
                found.add((labels[pair[0]], labels[pair[1]], label))
    return found


def mermaid_nodes(source: str) -> set[str]:
    """Normalised labels of the nodes a flowchart defines (one node per line)."""
    from mermaid_read import mermaid_unescape

    found = set()
    for line in source.splitlines():
        match = _MERMAID_NODE.match(line)
        if match and not line.strip().startswith("subgraph"):
            found.add(_norm(mermaid_unescape(match[2])))
    return found


def mermaid_edges(source: str) -> set[tuple[str, str, str]]:
    """``parse_edges`` of a flowchart, with labels normalised the same way as here."""
    return {(_norm(a), _norm(b), _norm(c)) for a, b, c in parse_edges(source)}
