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
from collections.abc import Iterable
from dataclasses import dataclass

from roadmap_site.content.dates import today as today_default
from roadmap_site.content.model import Milestone, Phase, Roadmap
from roadmap_site.render import diagrams
from roadmap_site.render.svg import LINE_HEIGHT, Box, anchor_href, document, lines_width, link, num, text_block, wrap

__all__ = ["milestones_svg", "paths_svg", "timeline_svg"]

PAD = 16
"""Margin around a diagram's content, in px."""
_TEXT_PAD_X = 10
_TEXT_PAD_Y = 7
_ASCENT = 13.5  # from the top of a line's band to its baseline, at 14 px in an 18 px line

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
class _Node:
    """A labelled box: its id in the diagram, lines of text, place, link and style."""

    key: str
    lines: list[str]
    box: Box
    css: str
    href: str | None = None
    shape: str = "rect"


def _label_lines(text: str, width: float) -> list[str]:
    return wrap(diagrams.label_text(text), width)


def _lines_height(count: int) -> float:
    return count * LINE_HEIGHT + 2 * _TEXT_PAD_Y


def _text_in(box: Box, lines: list[str], css: str, *, anchor: str = "middle") -> str:
    x = box.cx if anchor == "middle" else box.x + _TEXT_PAD_X
    top = box.cy - len(lines) * LINE_HEIGHT / 2
    return text_block(lines, x, top + _ASCENT, css=css, anchor=anchor)


def _shape(node: _Node) -> str:
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


def _draw_node(node: _Node) -> str:
    inner = _shape(node) + _text_in(node.box, node.lines, "rs-d-text")
    if node.href is not None:
        inner = link(node.href, inner)
    return f'<g class="rs-d-node" data-node="{node.key}">{inner}</g>'


def _arrow_head(x: float, y: float, direction: str) -> str:
    size = 7
    if direction == "right":
        points = [(x, y), (x - size, y - size / 2), (x - size, y + size / 2)]
    elif direction == "left":
        points = [(x, y), (x + size, y - size / 2), (x + size, y + size / 2)]
    else:  # down
        points = [(x, y), (x - size / 2, y - size), (x + size / 2, y - size)]
    return f'<polygon class="rs-d-arrow" fill="#555555" points="{" ".join(f"{num(a)},{num(b)}" for a, b in points)}"/>'


def _edge(source: str, target: str, path: str, head: str, extra: str = "") -> str:
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
    wrap_at = _COLUMN - 2 * _TEXT_PAD_X
    columns: list[tuple[list[str], list[tuple[Milestone, list[str]]], float]] = []
    for phase, items in groups:
        header = _label_lines(phase.title, wrap_at)
        if phase.period is not None and phase.period.dated:
            header.append(phase.period.label)
        labels = [_label_lines(diagrams.status_label(m), wrap_at) for m in items]
        width = max(_COLUMN, *(lines_width(lines) + 2 * _TEXT_PAD_X for lines in [header, *labels]))
        columns.append((header, list(zip(items, labels, strict=True)), width))
    header_height = max(_lines_height(len(header)) for header, _, _ in columns)
    nodes: list[_Node] = []
    node_of: dict[str, _Node] = {}
    heads: list[_Node] = []
    lanes: list[tuple[float, float]] = []  # x and width of each phase's column, under its milestones
    x = float(PAD)
    bottom = 0.0
    counter = 0
    for index, (header, entries, width) in enumerate(columns):
        lane_x = x - _COLUMN_GAP / 4
        head = _Node(f"p{index}", header, Box(x, PAD, width, header_height), "rs-d-phase")
        y = PAD + header_height + _NODE_GAP
        for milestone, lines in entries:
            node = _Node(
                f"m{counter}",
                lines,
                Box(x, y, width, _lines_height(len(lines))),
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
    body = [_draw_node(head) for head in heads]
    body += [
        f'<rect class="rs-d-lane" x="{num(lane_x)}" y="{lane_top}" width="{num(lane_width)}" '
        f'height="{lane_height}" fill="#f7f7fb"/>'
        for lane_x, lane_width in lanes
    ]
    body += _dependency_edges(groups, node_of)
    body += [_draw_node(node) for node in nodes]
    return document("milestones", f"Milestones of {roadmap.title}", width_total, height_total, body)


def _dependency_edges(groups: list[tuple[Phase, list[Milestone]]], node_of: dict[str, _Node]) -> list[str]:
    edges = []
    for _, items in groups:
        for milestone in items:
            for target in milestone.depends_on:
                # a dependency outside the top-level phases (a path's phase) has no node
                if target in node_of and milestone.id in node_of:
                    edges.append(_dependency_edge(node_of[target], node_of[milestone.id or ""]))
    return edges


def _dependency_edge(first: _Node, then: _Node) -> str:
    a, b = first.box, then.box
    if b.x > a.right:  # a later column: right side to left side
        bend = (b.x - a.right) / 2
        path = f"M{num(a.right)},{num(a.cy)} C{num(a.right + bend)},{num(a.cy)} {num(b.x - bend)},{num(b.cy)} "
        return _edge(first.key, then.key, path + f"{num(b.x)},{num(b.cy)}", _arrow_head(b.x, b.cy, "right"))
    if b.right < a.x:  # an earlier column
        bend = (a.x - b.right) / 2
        path = f"M{num(a.x)},{num(a.cy)} C{num(a.x - bend)},{num(a.cy)} {num(b.right + bend)},{num(b.cy)} "
        return _edge(first.key, then.key, path + f"{num(b.right)},{num(b.cy)}", _arrow_head(b.right, b.cy, "left"))
    # the same column: round the left side, in the gap between columns
    out = a.x - _COLUMN_GAP / 5
    path = f"M{num(a.x)},{num(a.cy)} C{num(out)},{num(a.cy)} {num(out)},{num(b.cy)} {num(b.x)},{num(b.cy)}"
    return _edge(first.key, then.key, path, _arrow_head(b.x, b.cy, "right"))


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
    rows: list[tuple[str, list[str], str | None, tuple[dt.date, dt.date] | None, str]] = []
    for phase in roadmap.phases:
        dated = [(m, m.effective_due) for m in diagrams.phase_milestones(phase) if m.effective_due is not None]
        period = phase.period
        bar = None
        if period is not None and period.start is not None and period.end is not None:
            bar = (period.start.first, period.end.last)
        if bar is None and not dated:
            continue
        wrap_at = _LABEL_COLUMN - PAD
        rows.append(("phase", _label_lines(phase.title, wrap_at), anchor_href(phase.id), bar, ""))
        for milestone, due in dated:
            assert due is not None
            late = milestone.status == "slipped" or _overdue(milestone, day)
            css = f"rs-d-status rs-d-status--{milestone.status}" + (" rs-d-late" if late else "")
            lines = _label_lines(diagrams.status_label(milestone), wrap_at)
            rows.append(("milestone", lines, anchor_href(milestone.id), (due.last, due.last), css))
    days = [d for *_, span, _ in rows if span is not None for d in span]
    first, last = _month_index(min(days)), _month_index(max(days))
    months = last - first + 1
    label_right = max(_LABEL_COLUMN, *(lines_width(lines) + PAD for _, lines, *_ in rows))
    left = PAD + label_right
    # as wide as a desktop's content column when the span allows, never so narrow that a
    # year's marks crowd (8 px a month) or so wide that a short plan sprawls (48 px)
    per_month = min(48.0, max(8.0, (_TIMELINE_WIDTH - left - PAD) / months))
    label_width = lines_width(["Sep 2026"]) + 12
    step = next((s for s in (1, 2, 3, 6, 12) if s * per_month >= label_width), 12)
    width = left + months * per_month + PAD

    def x_of(value: dt.date, end: bool = False) -> float:
        month = _month_index(value) - first
        length = (dt.date(value.year + value.month // 12, value.month % 12 + 1, 1) - value.replace(day=1)).days
        fraction = (value.day - (0 if end else 1)) / length
        return left + (month + fraction) * per_month

    body: list[str] = []
    axis: list[str] = []
    top = float(PAD + _AXIS)
    y = top
    drawn: list[str] = []
    for kind, lines, href, span, css in rows:
        height = max(26.0, len(lines) * LINE_HEIGHT + 8)
        box = Box(PAD, y, label_right - PAD, height)
        label = text_block(
            lines, PAD, box.cy - len(lines) * LINE_HEIGHT / 2 + _ASCENT, css=f"rs-d-text rs-d-tl-{kind}", anchor="start"
        )
        if href is not None:
            label = link(href, label)
        mark = ""
        if span is not None and kind == "phase":
            start, end = x_of(span[0]), x_of(span[1], end=True)
            mark = (
                f'<rect class="rs-d-bar" x="{num(start)}" y="{num(box.cy - 7)}" width="{num(max(end - start, 2))}" '
                f'height="14" rx="3" fill="#7986cb"/>'
            )
        elif span is not None:
            cx, cy, r = x_of(span[0], end=True), box.cy, 7
            status = css.split()[1].rsplit("--", 1)[-1]
            mark = (
                f'<polygon class="rs-d-mark {css}" fill="{_LIGHT_FILLS[status]}" stroke="#424242" '
                f'points="{num(cx)},{num(cy - r)} {num(cx + r)},{num(cy)} '
                f'{num(cx)},{num(cy + r)} {num(cx - r)},{num(cy)}"/>'
            )
        key = "p" if kind == "phase" else "m"
        drawn.append(f'<g class="rs-d-row rs-d-row--{kind}" data-node="{key}{len(drawn)}">{label}{mark}</g>')
        y += height + _ROW_GAP
        body.append(
            f'<line class="rs-d-rule" x1="{num(PAD)}" x2="{num(width - PAD)}" y1="{num(y - _ROW_GAP / 2)}" '
            f'y2="{num(y - _ROW_GAP / 2)}" stroke="#e0e0e0"/>'
        )
    height_total = y + PAD
    for month in range(0, months + 1):
        absolute = first + month
        x = left + month * per_month
        if absolute % step == 0 or month == 0:
            axis.append(
                f'<line class="rs-d-grid" x1="{num(x)}" x2="{num(x)}" y1="{num(top - 8)}" y2="{num(y)}" '
                'stroke="#bdbdbd"/>'
            )
            # the first month is named too when the next name leaves room for it
            room = month == 0 and (step - absolute % step) * per_month >= label_width
            if (absolute % step == 0 or room) and x + label_width - 12 <= width - PAD / 2 and month < months:
                text = f"{_MONTHS[absolute % 12]} {absolute // 12}"
                axis.append(text_block([text], x + 3, PAD + _ASCENT, css="rs-d-text rs-d-axis", anchor="start"))
    if left <= x_of(day) <= width - PAD and first <= _month_index(day) <= last:
        at = num(x_of(day))
        axis.append(
            f'<line class="rs-d-today" x1="{at}" x2="{at}" y1="{num(top - 4)}" y2="{num(y)}" '
            'stroke="#c62828" stroke-dasharray="4 3"/>'
        )
    parts = [*axis, *body, *drawn]
    return document("timeline", f"Timeline of {roadmap.title}", width, height_total, parts)


# --- learning paths -----------------------------------------------------------------------

_STAGE_WRAP = 170
_H_GAP = 36
_LAYER_GAP = 44
_EDGE_LABEL_WRAP = 170
_LABEL_CLEARANCE = 16  # between an edge's label and its node: room for the arrow's head


def _layers(order: list[str], edges: Iterable[tuple[str, str, str]], base: int) -> dict[str, int]:
    """Each stage's layer: one below its lowest predecessor (longest path), starting at
    ``base``; a cycle between routes stops growing after as many rounds as stages."""
    layer = dict.fromkeys(order, base)
    links = [(a, b) for a, b, _ in edges if a in layer and b in layer]
    for _ in range(len(order)):
        changed = False
        for a, b in links:
            if layer[b] < layer[a] + 1:
                layer[b] = layer[a] + 1
                changed = True
        if not changed:
            break
    return layer


def paths_svg(roadmap: Roadmap, *, start: str = "Start", question: str = "Background?") -> str | None:
    """The learning paths as a branching graph drawn top to bottom: ``Start``, a decision
    (``question``) with one labelled branch per path to its first stage, stages in
    layers by their position on the routes (a shared stage is one node where routes
    merge), and ``roadmap.goal`` at the bottom when set. Each stage links to its section.
    The same nodes and edges as :func:`roadmap_site.diagrams.path_graph`; ``None`` when
    the roadmap has no path."""
    paths = [path for path in roadmap.paths if path.route]
    if not paths:
        return None
    titles = {stage.id: stage.title for stage in roadmap.stages}
    order = diagrams.stage_order(roadmap)
    keys = {stage: f"s{index}" for index, stage in enumerate(order)}
    branch = "choice" if len(paths) > 1 else "start"
    stage_edges = diagrams.route_edges(paths, branch)
    layer = _layers(order, stage_edges, 2 if branch == "choice" else 1)

    def node(key: str, text: str, css: str, shape: str = "rect", href: str | None = None) -> _Node:
        lines = _label_lines(text, _STAGE_WRAP)
        width = max(120.0, lines_width(lines) + 2 * _TEXT_PAD_X + (24 if shape == "hexagon" else 0))
        return _Node(key, lines, Box(0, 0, width, _lines_height(len(lines))), css, href, shape)

    nodes: dict[str, _Node] = {"start": node("start", start, "rs-d-start", "pill")}
    levels: dict[str, int] = {"start": 0}
    if branch == "choice":
        nodes["choice"] = node("choice", question, "rs-d-choice", "hexagon")
        levels["choice"] = 1
    for stage in order:
        # an unknown stage id is a content error reported elsewhere; show the id meanwhile
        nodes[stage] = node(keys[stage], titles.get(stage, stage), "rs-d-stage", href=anchor_href(stage))
        levels[stage] = layer[stage]
    edges = ([("start", "choice", "")] if branch == "choice" else []) + stage_edges
    if roadmap.goal:
        nodes["goal"] = node("goal", roadmap.goal, "rs-d-goal", "pill")
        levels["goal"] = max(layer.values()) + 1
        for path in paths:
            if (path.route[-1], "goal", "") not in edges:
                edges.append((path.route[-1], "goal", ""))
    labels: dict[str, list[list[str]]] = {}
    for _, target, label in edges:
        if label:
            labels.setdefault(target, []).append(
                wrap(diagrams.label_text(label, limit=diagrams.MAX_EDGE_LABEL), _EDGE_LABEL_WRAP)
            )
    rows: dict[int, list[str]] = {}
    for name, level in levels.items():
        rows.setdefault(level, []).append(name)
    _order_by_predecessors(rows, edges)
    slot = {
        name: max([nodes[name].box.width, *(lines_width(lines) + 12 for lines in labels.get(name, []))])
        for name in nodes
    }
    row_width = {level: sum(slot[n] for n in names) + _H_GAP * (len(names) - 1) for level, names in rows.items()}
    inner = max(row_width.values())
    y = float(PAD)
    label_boxes: list[tuple[str, float, float, list[str]]] = []  # target, centre, bottom, lines
    for level in sorted(rows):
        names = rows[level]
        above = [sum(len(lines) for lines in labels.get(n, [])) for n in names]
        label_height = max(above) * LINE_HEIGHT + _LABEL_CLEARANCE if any(above) else 0
        y += label_height
        x = PAD + (inner - row_width[level]) / 2
        height = max(nodes[n].box.height for n in names)
        for name in names:
            box = nodes[name].box
            nodes[name].box = Box(
                x + (slot[name] - box.width) / 2, y + (height - box.height) / 2, box.width, box.height
            )
            if name in labels:
                label_boxes.append(
                    (name, x + slot[name] / 2, y - _LABEL_CLEARANCE, [line for lines in labels[name] for line in lines])
                )
            x += slot[name] + _H_GAP
        y += height + _LAYER_GAP
    width, height_total = inner + 2 * PAD, y - _LAYER_GAP + PAD
    body = [_graph_edge(nodes[a], nodes[b]) for a, b, _ in edges]
    by_target: dict[str, list[tuple[str, list[str]]]] = {}
    for a, b, label in edges:
        if label:
            by_target.setdefault(b, []).append(
                (a, wrap(diagrams.label_text(label, limit=diagrams.MAX_EDGE_LABEL), _EDGE_LABEL_WRAP))
            )
    for target, cx, bottom, lines in label_boxes:
        top = bottom - len(lines) * LINE_HEIGHT
        w = lines_width(lines) + 10
        body.append(
            f'<rect class="rs-d-label-bg" x="{num(cx - w / 2)}" y="{num(top - 3)}" width="{num(w)}" '
            f'height="{num(len(lines) * LINE_HEIGHT + 4)}" rx="3" fill="#ffffff"/>'
        )
        for source, label_lines in by_target[target]:
            text = text_block(label_lines, cx, top + _ASCENT, css="rs-d-text rs-d-edge-label")
            body.append(
                f'<g class="rs-d-edge-label" data-from="{nodes[source].key}" data-to="{nodes[target].key}">{text}</g>'
            )
            top += len(label_lines) * LINE_HEIGHT
    body += [_draw_node(n) for n in nodes.values()]
    return document("paths", f"Learning paths of {roadmap.title}", width, height_total, body)


def _order_by_predecessors(rows: dict[int, list[str]], edges: list[tuple[str, str, str]]) -> None:
    """Order each layer by the mean position of its nodes' predecessors in the layer
    above (kept stable for ties), which keeps routes side by side with fewer crossings."""
    predecessors: dict[str, list[str]] = {}
    for a, b, _ in edges:
        predecessors.setdefault(b, []).append(a)
    position: dict[str, int] = {}
    for level in sorted(rows):
        names = rows[level]

        def mean(name: str, index: int) -> float:
            known = [position[p] for p in predecessors.get(name, []) if p in position]
            return sum(known) / len(known) if known else float(index)

        if level > 2:
            before = {name: index for index, name in enumerate(names)}
            names.sort(key=lambda n: mean(n, before[n]))
        position.update({name: index for index, name in enumerate(names)})


def _graph_edge(a: _Node, b: _Node) -> str:
    sx, sy = a.box.cx, a.box.bottom
    tx, ty = b.box.cx, b.box.y
    if ty <= sy:  # a route that climbs back (routes in opposite orders): round the right side
        path = f"M{num(a.box.right)},{num(a.box.cy)} C{num(a.box.right + 40)},{num(a.box.cy)} "
        path += f"{num(b.box.right + 40)},{num(b.box.cy)} {num(b.box.right)},{num(b.box.cy)}"
        return _edge(a.key, b.key, path, _arrow_head(b.box.right, b.box.cy, "left"))
    bend = (ty - sy) / 2
    path = f"M{num(sx)},{num(sy)} C{num(sx)},{num(sy + bend)} {num(tx)},{num(ty - bend)} {num(tx)},{num(ty)}"
    return _edge(a.key, b.key, path, _arrow_head(tx, ty, "down"))
