"""Mermaid diagrams from the model: milestones by phase, a timeline, learning paths.

Every function returns mermaid source text (or ``None`` when there is nothing to draw)
for a ```` ```mermaid ```` fence; none of them touches MkDocs. Two rules keep a user's
text from ever becoming diagram syntax:

* node ids are generated (``p0``, ``m3``, ``s2``), never taken from titles or slugs;
* every user string goes through :func:`mermaid_text`, which turns each character other
  than a letter, a digit, a space, ``.`` or ``,`` into a mermaid entity code ``#<n>;``.
  Mermaid swaps entity codes for placeholders before it parses and back into HTML
  entities after it renders, so the parser never sees a quote, bracket, pipe, colon,
  ``%%`` or ``<``, and the browser shows the character as text.

Status is shown twice, so that it reads without colour: a ``classDef`` per status and a
symbol in front of each milestone's label (:data:`STATUS_SYMBOLS`).

Links: ``click <node> href "#anchor"`` works with Material for MkDocs' mermaid setup,
which leaves ``securityLevel`` at mermaid's default ``"strict"``: strict disables click
*callbacks* only; ``href`` links pass through mermaid's URL sanitiser (which keeps
``#anchor`` and turns ``javascript:`` into ``about:blank``) and render as SVG ``<a>``
elements. Only validated slugs are ever written into an ``href``.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
import unicodedata
from collections.abc import Iterator

from roadmap_site.content.dates import today as today_default
from roadmap_site.content.fields import SLUG_PATTERN
from roadmap_site.content.model import STATUSES, LearningPath, Milestone, Phase, Roadmap

__all__ = [
    "STATUS_SYMBOLS",
    "gantt",
    "label_text",
    "mermaid_text",
    "path_graph",
    "path_links",
    "phase_milestones",
    "roadmap_flowchart",
    "route_edges",
    "stage_order",
    "status_label",
]

# --- escaping ------------------------------------------------------------------------

MAX_LABEL = 80
"""Longest label, in characters, before it is cut with an ellipsis: a node with a
300-character title would dwarf the rest of the diagram."""
MAX_EDGE_LABEL = 40
"""Edge labels sit on the lines between nodes, so they are kept shorter still."""
WRAP_EVERY = 18
"""A word longer than this gets an invisible break opportunity every so many
characters: mermaid wraps labels at spaces only, and a long URL-like word would
otherwise widen its node past the page."""

_SAFE_PUNCTUATION = frozenset(" .,")
_ZWSP = "\u200b"
# Characters dropped outright. Bidi embeddings, overrides and isolates can make a label
# display in an order other than the one written (the "Trojan Source" trick); other
# invisible format characters (category Cf) have no use in a title either, except the
# joiners that emoji sequences and some scripts need; U+200B goes because we insert
# our own as a break opportunity.
_DROPPED = frozenset("\u061c\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff")
_KEPT_FORMAT = frozenset("\u200c\u200d")
# Mermaid's flowchart lexer matches ``.*direction\s+(TB|LR|...)`` against a whole line
# before it looks at quotes, so "direction LR" inside a label would swallow the line.
# Encoding the gap after the word breaks the match wherever the word appears.
_DIRECTION_GAP = re.compile(r"(?i)(?<=direction)\s")
_LONG_WORD = re.compile(rf"\w{{{WRAP_EVERY + 1},}}")


def _clean(text: str) -> str:
    """Normalise line ends, drop control, bidi and stray format characters."""
    if text.isprintable():  # no line break, control or format character: nothing to do
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    kept = []
    for char in text:
        category = unicodedata.category(char)
        if char in _DROPPED:
            continue
        if category == "Cc" and char not in "\n\t":
            continue  # NUL, ESC and friends are not even allowed in the SVG's XML
        if category == "Cf" and char not in _KEPT_FORMAT:
            continue
        kept.append(char)
    return "".join(kept)


def label_text(text: str, *, limit: int = MAX_LABEL) -> str:
    """The text a label shows, in every form of a diagram (mermaid or SVG): control and
    bidi characters dropped, cut with "…" past ``limit`` characters."""
    return _truncate(_clean(text), limit)


def _truncate(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    # prefer cutting at a word boundary when one is near, so no half-word dangles
    space = cut.rfind(" ")
    if space >= limit * 2 // 3:
        cut = cut[:space]
    return cut.rstrip() + "…"


def _encode_char(char: str) -> str:
    if char in _SAFE_PUNCTUATION:
        return char
    category = unicodedata.category(char)
    if category.startswith("L") or category == "Nd":
        return char
    return f"#{ord(char)};"


class _Codes(dict[int, str]):
    """``_encode_char`` by code point, filled as characters are met, for ``str.translate``."""

    def __missing__(self, code: int) -> str:
        encoded = self[code] = _encode_char(chr(code))
        return encoded


_CODES = _Codes()
# the same for ASCII as a list, which str.translate reads several times faster
_ASCII_CODES = [_encode_char(chr(code)) for code in range(128)]


def mermaid_text(text: str, *, limit: int = MAX_LABEL) -> str:
    """Escape ``text`` for a double-quoted mermaid label, a gantt task or a section title.

    Letters (of any script), decimal digits, spaces, ``.`` and ``,`` stay as they are;
    every other character becomes ``#<code point>;``, which mermaid shows as that
    character. Control and bidi-override characters are dropped, text longer than
    ``limit`` characters is cut with "…", long words get invisible break points, and
    the whitespace after the word "direction" is encoded (see ``_DIRECTION_GAP``).
    The result is never empty, since mermaid rejects an empty label.
    """
    cleaned = _truncate(_clean(text), limit)
    gaps = {match.start() for match in _DIRECTION_GAP.finditer(cleaned)}
    breaks = {
        index
        for word in _LONG_WORD.finditer(cleaned)
        for index in range(word.start() + WRAP_EVERY, word.end(), WRAP_EVERY)
    }
    if not gaps and not breaks:  # the usual case, in one C call
        return cleaned.translate(_ASCII_CODES if cleaned.isascii() else _CODES) or f"#{ord(_ZWSP)};"
    out = []
    for index, char in enumerate(cleaned):
        if index in breaks:
            out.append(f"#{ord(_ZWSP)};")
        out.append(f"#{ord(char)};" if index in gaps else _encode_char(char))
    return "".join(out) or f"#{ord(_ZWSP)};"


@functools.lru_cache(maxsize=4096)
def _label(text: str, limit: int) -> str:
    """:func:`mermaid_text`, worked out once per build for each label: a milestone's
    label is in both diagrams of its roadmap."""
    return mermaid_text(text, limit=limit)


def forget_labels() -> None:
    """Empty the cache of escaped labels (a new build starts with none)."""
    _label.cache_clear()


def _quoted(text: str, *, limit: int = MAX_LABEL) -> str:
    return f'"{_label(text, limit)}"'


_SLUG_HREF = re.compile(SLUG_PATTERN)


def _click(node: str, anchor: str | None) -> list[str]:
    # The model validates ids as slugs already; checking again here keeps this module
    # safe on its own, since an href is the one place text is not entity-encoded.
    if anchor is None or not _SLUG_HREF.match(anchor):
        return []
    return [f'    click {node} href "#{anchor}"']


# --- milestones by phase -----------------------------------------------------------------

STATUS_SYMBOLS: dict[str, str] = {
    "planned": "○",
    "active": "▶",
    "done": "✓",
    "slipped": "⚠",
    "dropped": "✗",
}
"""The symbol in front of a milestone's label, so status is readable without colour."""

# Fill, stroke and text colour are set together, so each class keeps its contrast in
# Material's dark scheme too, where the default label colour is light.
_STATUS_STYLES: dict[str, str] = {
    "planned": "fill:#f5f5f5,stroke:#616161,color:#212121,stroke-dasharray:4 3",
    "active": "fill:#e3f2fd,stroke:#1565c0,color:#0d2f5e,stroke-width:2px",
    "done": "fill:#e8f5e9,stroke:#2e7d32,color:#1b4d20",
    "slipped": "fill:#fff3e0,stroke:#e65100,color:#6d2a00,stroke-width:2px",
    "dropped": "fill:#eeeeee,stroke:#9e9e9e,color:#424242,stroke-dasharray:2 2",
}


def _phase_milestones(phase: Phase) -> Iterator[Milestone]:
    """Milestones of ``phase`` and of its nested phases, in document order."""
    yield from phase.milestones
    for child in phase.phases:
        yield from _phase_milestones(child)


phase_milestones = _phase_milestones


def _status_label(milestone: Milestone) -> str:
    return f"{STATUS_SYMBOLS[milestone.status]} {milestone.title}"


status_label = _status_label


def roadmap_flowchart(roadmap: Roadmap, *, links: bool = True) -> str | None:
    """Milestones grouped by top-level phase, with ``depends_on`` as arrows.

    One subgraph per top-level phase, in order from left to right (chained by invisible
    links), so the diagram reads as a timeline and stays legible in a page's width; a
    nested phase's milestones sit in their top-level phase.
    Each milestone's label starts with its status symbol and its node carries the
    status class. With ``links``, a milestone node links to ``#<milestone id>``.
    Returns ``None`` when the roadmap has no milestone in its phases.
    """
    groups = [(phase, list(_phase_milestones(phase))) for phase in roadmap.phases]
    if not any(items for _, items in groups):
        return None
    lines = ["flowchart LR", f"    accTitle: {mermaid_text('Milestones of ' + roadmap.title)}"]
    node_of: dict[str, str] = {}
    by_status: dict[str, list[str]] = {status: [] for status in STATUSES}
    clicks: list[str] = []
    counter = 0
    subgraphs = []
    for index, (phase, items) in enumerate(groups):
        if not items:
            continue  # an empty box would only add noise to the overview
        subgraph = f"p{index}"
        subgraphs.append(subgraph)
        lines.append(f"    subgraph {subgraph} [{_quoted(phase.title)}]")
        for milestone in items:
            node = f"m{counter}"
            counter += 1
            if milestone.id is not None:
                node_of[milestone.id] = node
            by_status[milestone.status].append(node)
            lines.append(f"        {node}[{_quoted(_status_label(milestone))}]")
            if links:
                clicks.extend(_click(node, milestone.id))
        lines.append("    end")
    lines.extend(f"    {before} ~~~ {after}" for before, after in itertools.pairwise(subgraphs))
    for _, items in groups:
        for milestone in items:
            for target in milestone.depends_on:
                # a dependency outside the top-level phases (a path's phase) has no node
                if target in node_of and milestone.id in node_of:
                    lines.append(f"    {node_of[target]} --> {node_of[milestone.id]}")
    for status in STATUSES:
        lines.append(f"    classDef {status} {_STATUS_STYLES[status]}")
    for status, nodes in by_status.items():
        if nodes:
            lines.append(f"    class {','.join(nodes)} {status}")
    lines.extend(clicks)
    return "\n".join(lines) + "\n"


# --- timeline --------------------------------------------------------------------------


def _gantt_text(text: str) -> str:
    """A task name for a gantt chart.

    Entity codes work there too (mermaid encodes them before parsing every diagram
    type and decodes them in the rendered SVG), so ``:``, ``#`` and ``;`` are safe.
    The gantt lexer, however, tries its keywords (``click``, ``dateFormat``,
    ``section``, a ``YYYY-MM-DD`` date...) at the start of each task line before it
    takes the line as a task name, so the first character is always encoded as well.
    """
    encoded = _label(text.strip(), MAX_LABEL)
    if encoded.startswith("#"):
        return encoded
    return f"#{ord(encoded[0])};{encoded[1:]}"


def _overdue(milestone: Milestone, today: dt.date) -> bool:
    due = milestone.effective_due
    return milestone.status in ("planned", "active") and due is not None and due.last < today


def gantt(roadmap: Roadmap, *, today: dt.date | None = None) -> str | None:
    """A timeline: one section per top-level phase, a bar over its dated period and a
    ``milestone`` task at each dated milestone's (effective) due date.

    Done milestones are tagged ``done``, active ones ``active``, slipped or overdue ones
    (not done by ``today``, default: :func:`roadmap_site.dates.today`) ``crit``.
    Returns ``None`` when no top-level phase has a calendar period.
    """
    if not any(phase.period is not None and phase.period.dated for phase in roadmap.phases):
        return None
    day = today_default(today)
    lines = [
        "gantt",
        f"    accTitle: {mermaid_text('Timeline of ' + roadmap.title)}",
        "    dateFormat YYYY-MM-DD",
        "    axisFormat %b %Y",
    ]
    counter = 0
    for index, phase in enumerate(roadmap.phases):
        dated = [(m, m.effective_due) for m in _phase_milestones(phase) if m.effective_due is not None]
        period = phase.period
        bar = None
        if period is not None and period.start is not None and period.end is not None:
            # gantt end dates are exclusive: the bar runs to the end of the period's last day
            bar = (period.start.first, period.end.last + dt.timedelta(days=1))
        if bar is None and not dated:
            continue
        # a section line is "section" and the rest of the line, whatever it says
        lines.append(f"    section {mermaid_text(phase.title.strip())}")
        if bar is not None:
            lines.append(f"        {_gantt_text(phase.title)} :p{index}, {bar[0].isoformat()}, {bar[1].isoformat()}")
        for milestone, due in dated:
            tags = []
            if milestone.status == "done":
                tags.append("done")
            if milestone.status == "active":
                tags.append("active")
            if milestone.status == "slipped" or _overdue(milestone, day):
                tags.append("crit")
            tags.extend(["milestone", f"m{counter}", due.last.isoformat(), "0d"])
            counter += 1
            lines.append(f"        {_gantt_text(_status_label(milestone))} :{', '.join(tags)}")
    return "\n".join(lines) + "\n"


# --- learning paths -----------------------------------------------------------------------


def _route_columns(paths: list[LearningPath]) -> Iterator[tuple[int, LearningPath]]:
    """(position, path) pairs column by column: every path's first stage, then every
    path's second... This order matches how people draw such graphs (the reference
    roadmap does), and dagre keeps nodes of a rank in the order they first appear."""
    longest = max((len(path.route) for path in paths), default=0)
    for position in range(longest):
        for path in paths:
            if position < len(path.route):
                yield position, path


def _stage_order(roadmap: Roadmap) -> list[str]:
    """Stage ids on the routes, in order of first appearance, column by column."""
    seen: dict[str, None] = {}
    for position, path in _route_columns(roadmap.paths):
        seen.setdefault(path.route[position])
    return list(seen)


stage_order = _stage_order


def route_edges(paths: list[LearningPath], branch: str) -> list[tuple[str, str, str]]:
    """The edges between a path graph's ``branch`` node and stage ids, each once, in
    drawing order: (from, to, label); the label is the path's ``for`` (uncut) on the edge
    from ``branch`` to a route's first stage, empty elsewhere."""
    edges: dict[tuple[str, str, str], None] = {}
    for position, path in _route_columns(paths):
        if position == 0:
            edges.setdefault((branch, path.route[0], path.for_))
        else:
            edges.setdefault((path.route[position - 1], path.route[position], ""))
    return list(edges)


def path_graph(
    roadmap: Roadmap,
    *,
    start: str = "Start",
    question: str = "Background?",
    links: bool = True,
) -> str | None:
    """The learning paths as a branching graph.

    ``Start`` leads to a decision node (``question``) with one edge per path, labelled
    with the path's ``for``, to its first stage; consecutive stages of a route are
    chained; a stage shared by several routes is one node, and an edge walked by several
    routes is drawn once. Every route's last stage leads to ``roadmap.goal`` when set.
    With a single path there is no decision to make: ``Start`` leads straight to its
    first stage, the edge labelled with ``for``. With ``links``, each stage node links
    to ``#<stage id>``. Returns ``None`` when the roadmap has no path.
    """
    paths = [path for path in roadmap.paths if path.route]
    if not paths:
        return None
    titles = {stage.id: stage.title for stage in roadmap.stages}
    order = _stage_order(roadmap)
    node_of = {stage: f"s{index}" for index, stage in enumerate(order)}
    lines = ["graph TD", f"    accTitle: {mermaid_text('Learning paths of ' + roadmap.title)}"]
    lines.append(f"    start[{_quoted(start)}]")
    branch = "start"
    if len(paths) > 1:
        branch = "choice"
        lines.append(f"    choice{{{_quoted(question)}}}")
    for stage in order:
        # an unknown stage id is a content error reported elsewhere; show the id meanwhile
        lines.append(f"    {node_of[stage]}[{_quoted(titles.get(stage, stage))}]")
    if roadmap.goal:
        lines.append(f"    goal[{_quoted(roadmap.goal)}]")
    if branch == "choice":
        lines.append("    start --> choice")
    edges: dict[tuple[str, str, str], None] = {}
    for position, path in _route_columns(paths):
        stage = node_of[path.route[position]]
        if position == 0:
            edges.setdefault((branch, stage, _quoted(path.for_, limit=MAX_EDGE_LABEL)))
        else:
            edges.setdefault((node_of[path.route[position - 1]], stage, ""))
    if roadmap.goal:
        for path in paths:
            edges.setdefault((node_of[path.route[-1]], "goal", ""))
    for source, target, label in edges:
        arrow = f"-->|{label}|" if label else "-->"
        lines.append(f"    {source} {arrow} {target}")
    if links:
        for stage in order:
            lines.extend(_click(node_of[stage], stage))
    return "\n".join(lines) + "\n"


def path_links(roadmap: Roadmap) -> list[tuple[str, str]]:
    """(stage title, ``#anchor``) for every stage on a route, in the diagram's order.

    The page lists these under the diagram, so the stages can be reached without
    pointing at an SVG (keyboard, screen readers, no JavaScript).
    """
    titles = {stage.id: stage.title for stage in roadmap.stages}
    return [(titles.get(stage, stage), f"#{stage}") for stage in _stage_order(roadmap) if _SLUG_HREF.match(stage)]
