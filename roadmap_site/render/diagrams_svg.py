"""The roadmap diagrams as SVG drawn at build time: milestones by phase, a timeline and
the learning paths.

Each function takes the model and returns one ``<svg>`` element (or ``None`` when there
is nothing to draw) that sits in the page as it is: it shows without JavaScript, in
print and in feed readers, and it weighs a few KiB instead of a 950 KiB diagram library.
The three shapes are known in advance, so each has its own small layout rather than a
general graph layout: phases are columns in time order, the timeline is a row per phase
and milestone against a month axis, and the learning paths are layers by route position.

The diagrams show the same nodes and edges as the mermaid source of ``diagrams.py``
(the portable form, kept for ``roadmap-site export``); a test compares the two. Labels
are never scaled: an SVG keeps its natural size in px and scrolls sideways in its own box
when wider than the column (see docs/diagrams.md). Colours come from classes styled in
``assets/roadmap.css`` for both colour schemes; the light scheme's colours are also
written as presentation attributes, for readers that show the SVG without the stylesheet.
Status reads without colour: each milestone's label starts with its status symbol.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from roadmap_site.content.dates import today as today_default
from roadmap_site.content.model import Milestone, Phase, Roadmap
from roadmap_site.render import diagrams
from roadmap_site.render.svg import LINE_HEIGHT, Box, anchor_href, document, lines_width, link, num, text_block, wrap

__all__ = [
    "ASCENT",
    "PAD",
    "TEXT_PAD_X",
    "Node",
    "arrow_head",
    "draw_node",
    "edge",
    "label_lines",
    "lines_height",
    "milestones_svg",
    "timeline_svg",
]

PAD = 16
"""Margin around a diagram's content, in px."""
TEXT_PAD_X = 10
_TEXT_PAD_Y = 7
ASCENT = 13.5  # from the top of a line's band to its baseline, at 14 px in an 18 px line

# Light-scheme colours, written as attributes for readers without the stylesheet (the
# stylesheet's classes win wherever it applies, in both schemes).
_LIGHT_FILLS = {
    "planned": "#f5f5f5",
    "active": "#e3f2fd",
    "done": "#e8f5e9",
    "slipped": "#fff3e0",
    "dropped": "#eeeeee",
}


@dataclass
class Node:
    """A labelled box: its id in the diagram, lines of text, place, link and style."""

    key: str
    lines: list[str]
    box: Box
    css: str
    href: str | None = None
    shape: str = "rect"


def label_lines(text: str, width: float) -> list[str]:
    return wrap(diagrams.label_text(text), width)


def lines_height(count: int) -> float:
    return count * LINE_HEIGHT + 2 * _TEXT_PAD_Y


def _text_in(box: Box, lines: list[str], css: str, *, anchor: str = "middle") -> str:
    x = box.cx if anchor == "middle" else box.x + TEXT_PAD_X
    top = box.cy - len(lines) * LINE_HEIGHT / 2
    return text_block(lines, x, top + ASCENT, css=css, anchor=anchor)


def _shape(node: Node) -> str:
    box = node.box
    fill = _LIGHT_FILLS.get(node.css.rsplit("--", 1)[-1], "#ffffff")
    common = f'class="rs-d-shape {node.css}" fill="{fill}" stroke="#616161"'
    if node.shape == "hexagon":
        inset = min(14.0, box.height / 2)
        points = [
            (box.x + inset, box.y),
            (box.right - inset, box.y),
            (box.right, box.cy),
            (box.right - inset, box.bottom),
            (box.x + inset, box.bottom),
            (box.x, box.cy),
        ]
        return f'<polygon {common} points="{" ".join(f"{num(x)},{num(y)}" for x, y in points)}"/>'
    radius = box.height / 2 if node.shape == "pill" else 6
    return (
        f'<rect {common} x="{num(box.x)}" y="{num(box.y)}" width="{num(box.width)}" '
        f'height="{num(box.height)}" rx="{num(radius)}"/>'
    )


def draw_node(node: Node) -> str:
    inner = _shape(node) + _text_in(node.box, node.lines, "rs-d-text")
    if node.href is not None:
        inner = link(node.href, inner)
    return f'<g class="rs-d-node" data-node="{node.key}">{inner}</g>'


def arrow_head(x: float, y: float, direction: str) -> str:
    size = 7
    if direction == "right":
        points = [(x, y), (x - size, y - size / 2), (x - size, y + size / 2)]
    elif direction == "left":
        points = [(x, y), (x + size, y - size / 2), (x + size, y + size / 2)]
    else:  # down
        points = [(x, y), (x - size / 2, y - size), (x + size / 2, y - size)]
    return f'<polygon class="rs-d-arrow" fill="#555555" points="{" ".join(f"{num(a)},{num(b)}" for a, b in points)}"/>'


def edge(source: str, target: str, path: str, head: str, extra: str = "") -> str:
    return (
        f'<g class="rs-d-edge" data-from="{source}" data-to="{target}">'
        f'<path class="rs-d-line" d="{path}" fill="none" stroke="#555555" stroke-width="1.5"/>{head}{extra}</g>'
    )


# --- milestones by phase ------------------------------------------------------------------

_COLUMN = 176
_COLUMN_GAP = 48  # three phases fit Material's content column (about 690 px) on a desktop
_NODE_GAP = 14


def milestones_svg(roadmap: Roadmap) -> str | None:
    """Milestones in one column per top-level phase, phases left to right in the order
    of the file (time order), ``depends_on`` as arrows; each milestone links to its
    section. A nested phase's milestones sit in their top-level phase's column. The same
    nodes and edges as :func:`roadmap_site.diagrams.roadmap_flowchart`; ``None`` when it
    has none."""
    groups = [(phase, list(diagrams.phase_milestones(phase))) for phase in roadmap.phases]
    groups = [(phase, items) for phase, items in groups if items]
    if not groups:
        return None
    wrap_at = _COLUMN - 2 * TEXT_PAD_X
    columns: list[tuple[list[str], list[tuple[Milestone, list[str]]], float]] = []
    for phase, items in groups:
        header = label_lines(phase.title, wrap_at)
        if phase.period is not None and phase.period.dated:
            header.append(phase.period.label)
        labels = [label_lines(diagrams.status_label(m), wrap_at) for m in items]
        width = max(_COLUMN, *(lines_width(lines) + 2 * TEXT_PAD_X for lines in [header, *labels]))
        columns.append((header, list(zip(items, labels, strict=True)), width))
    header_height = max(lines_height(len(header)) for header, _, _ in columns)
    nodes: list[Node] = []
    node_of: dict[str, Node] = {}
    heads: list[Node] = []
    lanes: list[tuple[float, float]] = []  # x and width of each phase's column, under its milestones
    x = float(PAD)
    bottom = 0.0
    counter = 0
    for index, (header, entries, width) in enumerate(columns):
        lane_x = x - _COLUMN_GAP / 4
        head = Node(f"p{index}", header, Box(x, PAD, width, header_height), "rs-d-phase")
        y = PAD + header_height + _NODE_GAP
        for milestone, lines in entries:
            node = Node(
                f"m{counter}",
                lines,
                Box(x, y, width, lines_height(len(lines))),
                f"rs-d-status rs-d-status--{milestone.status}",
                anchor_href(milestone.id),
            )
            counter += 1
            nodes.append(node)
            if milestone.id is not None:
                node_of[milestone.id] = node
            y = node.box.bottom + _NODE_GAP
        bottom = max(bottom, y)
        heads.append(head)
        lanes.append((lane_x, width + _COLUMN_GAP / 2))
        x += width + _COLUMN_GAP
    width_total = x - _COLUMN_GAP + PAD
    height_total = bottom + PAD
    lane_top, lane_height = num(PAD + header_height), num(height_total - PAD - header_height - PAD / 2)
    body = [draw_node(head) for head in heads]
    body += [
        f'<rect class="rs-d-lane" x="{num(lane_x)}" y="{lane_top}" width="{num(lane_width)}" '
        f'height="{lane_height}" fill="#f7f7fb"/>'
        for lane_x, lane_width in lanes
    ]
    body += _dependency_edges(groups, node_of)
    body += [draw_node(node) for node in nodes]
    return document("milestones", f"Milestones of {roadmap.title}", width_total, height_total, body)


def _dependency_edges(groups: list[tuple[Phase, list[Milestone]]], node_of: dict[str, Node]) -> list[str]:
    edges = []
    for _, items in groups:
        for milestone in items:
            for target in milestone.depends_on:
                # a dependency outside the top-level phases (a path's phase) has no node
                if target in node_of and milestone.id in node_of:
                    edges.append(_dependency_edge(node_of[target], node_of[milestone.id or ""]))
    return edges


def _dependency_edge(first: Node, then: Node) -> str:
    a, b = first.box, then.box
    if b.x > a.right:  # a later column: right side to left side
        bend = (b.x - a.right) / 2
        path = f"M{num(a.right)},{num(a.cy)} C{num(a.right + bend)},{num(a.cy)} {num(b.x - bend)},{num(b.cy)} "
        return edge(first.key, then.key, path + f"{num(b.x)},{num(b.cy)}", arrow_head(b.x, b.cy, "right"))
    if b.right < a.x:  # an earlier column
        bend = (a.x - b.right) / 2
        path = f"M{num(a.x)},{num(a.cy)} C{num(a.x - bend)},{num(a.cy)} {num(b.right + bend)},{num(b.cy)} "
        return edge(first.key, then.key, path + f"{num(b.right)},{num(b.cy)}", arrow_head(b.right, b.cy, "left"))
    # the same column: round the left side, in the gap between columns
    out = a.x - _COLUMN_GAP / 5
    path = f"M{num(a.x)},{num(a.cy)} C{num(out)},{num(a.cy)} {num(out)},{num(b.cy)} {num(b.x)},{num(b.cy)}"
    return edge(first.key, then.key, path, arrow_head(b.x, b.cy, "right"))


# --- timeline -----------------------------------------------------------------------------

_LABEL_COLUMN = 250
_TIMELINE_WIDTH = 680
_ROW_GAP = 6
_AXIS = 34
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _month_index(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


def _overdue(milestone: Milestone, today: dt.date) -> bool:
    due = milestone.effective_due
    return milestone.status in ("planned", "active") and due is not None and due.last < today


_TimelineRow = tuple[str, list[str], str | None, tuple[dt.date, dt.date] | None, str]
"""kind (phase or milestone), label lines, link, the days it spans, CSS classes"""


def _timeline_rows(roadmap: Roadmap, day: dt.date) -> list[_TimelineRow]:
    """A row per top-level phase with a period or dated milestones, then one per dated milestone."""
    rows: list[_TimelineRow] = []
    for phase in roadmap.phases:
        dated = [(m, m.effective_due) for m in diagrams.phase_milestones(phase) if m.effective_due is not None]
        period = phase.period
        bar = None
        if period is not None and period.start is not None and period.end is not None:
            bar = (period.start.first, period.end.last)
        if bar is None and not dated:
            continue
        wrap_at = _LABEL_COLUMN - PAD
        rows.append(("phase", label_lines(phase.title, wrap_at), anchor_href(phase.id), bar, ""))
        for milestone, due in dated:
            assert due is not None
            late = milestone.status == "slipped" or _overdue(milestone, day)
            css = f"rs-d-status rs-d-status--{milestone.status}" + (" rs-d-late" if late else "")
            lines = label_lines(diagrams.status_label(milestone), wrap_at)
            rows.append(("milestone", lines, anchor_href(milestone.id), (due.last, due.last), css))
    return rows


@dataclass(frozen=True)
class _MonthScale:
    """Where days fall along the timeline: ``first`` is the month index at ``left``."""

    first: int
    left: float
    per_month: float

    def x_of(self, value: dt.date, end: bool = False) -> float:
        """The x of the start (or, with ``end``, the end) of the day ``value``."""
        month = _month_index(value) - self.first
        length = (dt.date(value.year + value.month // 12, value.month % 12 + 1, 1) - value.replace(day=1)).days
        fraction = (value.day - (0 if end else 1)) / length
        return self.left + (month + fraction) * self.per_month


def _timeline_mark(kind: str, span: tuple[dt.date, dt.date] | None, css: str, cy: float, scale: _MonthScale) -> str:
    """A phase's bar over its period, or a milestone's diamond at its due date."""
    if span is None:
        return ""
    if kind == "phase":
        start, end = scale.x_of(span[0]), scale.x_of(span[1], end=True)
        return (
            f'<rect class="rs-d-bar" x="{num(start)}" y="{num(cy - 7)}" width="{num(max(end - start, 2))}" '
            f'height="14" rx="3" fill="#7986cb"/>'
        )
    cx, r = scale.x_of(span[0], end=True), 7
    status = css.split()[1].rsplit("--", 1)[-1]
    return (
        f'<polygon class="rs-d-mark {css}" fill="{_LIGHT_FILLS[status]}" stroke="#424242" '
        f'points="{num(cx)},{num(cy - r)} {num(cx + r)},{num(cy)} '
        f'{num(cx)},{num(cy + r)} {num(cx - r)},{num(cy)}"/>'
    )


def _timeline_axis(
    scale: _MonthScale, months: int, step: int, label_width: float, width: float, top: float, bottom: float
) -> list[str]:
    """The month grid and the names of the months along the top."""
    axis: list[str] = []
    for month in range(0, months + 1):
        absolute = scale.first + month
        x = scale.left + month * scale.per_month
        if absolute % step == 0 or month == 0:
            axis.append(
                f'<line class="rs-d-grid" x1="{num(x)}" x2="{num(x)}" y1="{num(top - 8)}" y2="{num(bottom)}" '
                'stroke="#bdbdbd"/>'
            )
            # the first month is named too when the next name leaves room for it
            room = month == 0 and (step - absolute % step) * scale.per_month >= label_width
            if (absolute % step == 0 or room) and x + label_width - 12 <= width - PAD / 2 and month < months:
                text = f"{_MONTHS[absolute % 12]} {absolute // 12}"
                axis.append(text_block([text], x + 3, PAD + ASCENT, css="rs-d-text rs-d-axis", anchor="start"))
    return axis


def timeline_svg(roadmap: Roadmap, *, today: dt.date | None = None) -> str | None:
    """A timeline: a row per top-level phase with a bar over its dated period, then a row
    per dated milestone with a mark at its (effective) due date; months run left to
    right along the top. Labels stand in a column of their own on the left, so they never
    overlap the bars or each other; a milestone's label links to its section, and a
    slipped or overdue (by ``today``) milestone's mark is drawn as late. The same phases
    and milestones as :func:`roadmap_site.diagrams.gantt`; ``None`` when no top-level
    phase has a calendar period."""
    if not any(phase.period is not None and phase.period.dated for phase in roadmap.phases):
        return None
    day = today_default(today)
    rows = _timeline_rows(roadmap, day)
    days = [d for *_, span, _ in rows if span is not None for d in span]
    first, last = _month_index(min(days)), _month_index(max(days))
    months = last - first + 1
    label_right = max(_LABEL_COLUMN, *(lines_width(lines) + PAD for _, lines, *_ in rows))
    left = PAD + label_right
    # as wide as a desktop's content column when the span allows, never so narrow that a
    # year's marks crowd (8 px a month) or so wide that a short plan sprawls (48 px)
    scale = _MonthScale(first, left, min(48.0, max(8.0, (_TIMELINE_WIDTH - left - PAD) / months)))
    label_width = lines_width(["Sep 2026"]) + 12
    step = next((s for s in (1, 2, 3, 6, 12) if s * scale.per_month >= label_width), 12)
    width = left + months * scale.per_month + PAD
    body: list[str] = []
    top = float(PAD + _AXIS)
    y = top
    drawn: list[str] = []
    for kind, lines, href, span, css in rows:
        height = max(26.0, len(lines) * LINE_HEIGHT + 8)
        box = Box(PAD, y, label_right - PAD, height)
        label = text_block(
            lines, PAD, box.cy - len(lines) * LINE_HEIGHT / 2 + ASCENT, css=f"rs-d-text rs-d-tl-{kind}", anchor="start"
        )
        if href is not None:
            label = link(href, label)
        mark = _timeline_mark(kind, span, css, box.cy, scale)
        key = "p" if kind == "phase" else "m"
        drawn.append(f'<g class="rs-d-row rs-d-row--{kind}" data-node="{key}{len(drawn)}">{label}{mark}</g>')
        y += height + _ROW_GAP
        body.append(
            f'<line class="rs-d-rule" x1="{num(PAD)}" x2="{num(width - PAD)}" y1="{num(y - _ROW_GAP / 2)}" '
            f'y2="{num(y - _ROW_GAP / 2)}" stroke="#e0e0e0"/>'
        )
    axis = _timeline_axis(scale, months, step, label_width, width, top, y)
    if left <= scale.x_of(day) <= width - PAD and first <= _month_index(day) <= last:
        at = num(scale.x_of(day))
        axis.append(
            f'<line class="rs-d-today" x1="{at}" x2="{at}" y1="{num(top - 4)}" y2="{num(y)}" '
            'stroke="#c62828" stroke-dasharray="4 3"/>'
        )
    return document("timeline", f"Timeline of {roadmap.title}", width, y + PAD, [*axis, *body, *drawn])
