"""The learning paths of a roadmap as a branching graph, drawn at build time as SVG
(the shapes and text of ``diagrams_svg.py``)."""

from __future__ import annotations

from collections.abc import Iterable

from roadmap_site.content.model import LearningPath, Roadmap
from roadmap_site.render import diagrams
from roadmap_site.render.diagrams_svg import (
    ASCENT,
    PAD,
    TEXT_PAD_X,
    Node,
    arrow_head,
    draw_node,
    edge,
    label_lines,
    lines_height,
)
from roadmap_site.render.svg import LINE_HEIGHT, Box, anchor_href, document, lines_width, num, text_block, wrap

__all__ = ["paths_svg"]


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


_Edge = tuple[str, str, str]
"""from, to, label"""


def _path_graph(
    roadmap: Roadmap, paths: list[LearningPath], start: str, question: str
) -> tuple[dict[str, Node], dict[str, int], list[_Edge]]:
    """The nodes of the learning paths (unplaced), the layer of each, and the edges."""
    titles = {stage.id: stage.title for stage in roadmap.stages}
    order = diagrams.stage_order(roadmap)
    keys = {stage: f"s{index}" for index, stage in enumerate(order)}
    branch = "choice" if len(paths) > 1 else "start"
    stage_edges = diagrams.route_edges(paths, branch)
    layer = _layers(order, stage_edges, 2 if branch == "choice" else 1)

    def node(key: str, text: str, css: str, shape: str = "rect", href: str | None = None) -> Node:
        lines = label_lines(text, _STAGE_WRAP)
        width = max(120.0, lines_width(lines) + 2 * TEXT_PAD_X + (24 if shape == "hexagon" else 0))
        return Node(key, lines, Box(0, 0, width, lines_height(len(lines))), css, href, shape)

    nodes: dict[str, Node] = {"start": node("start", start, "rs-d-start", "pill")}
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
    return nodes, levels, edges


def _edge_label_lines(label: str) -> list[str]:
    return wrap(diagrams.label_text(label, limit=diagrams.MAX_EDGE_LABEL), _EDGE_LABEL_WRAP)


def _place_layers(
    nodes: dict[str, Node], levels: dict[str, int], edges: list[_Edge], labels: dict[str, list[list[str]]]
) -> tuple[float, float, list[tuple[str, float, float, list[str]]]]:
    """Place every node in its layer, centred, with room above for the labels of the
    edges into it. Returns the width, the height and each label block (target, centre,
    bottom, lines)."""
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
    label_boxes: list[tuple[str, float, float, list[str]]] = []
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
    return inner + 2 * PAD, y - _LAYER_GAP + PAD, label_boxes


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
    nodes, levels, edges = _path_graph(roadmap, paths, start, question)
    labels: dict[str, list[list[str]]] = {}
    by_target: dict[str, list[tuple[str, list[str]]]] = {}
    for source, target, label in edges:
        if label:
            labels.setdefault(target, []).append(_edge_label_lines(label))
            by_target.setdefault(target, []).append((source, _edge_label_lines(label)))
    width, height_total, label_boxes = _place_layers(nodes, levels, edges, labels)
    body = [_graph_edge(nodes[a], nodes[b]) for a, b, _ in edges]
    for target, cx, bottom, lines in label_boxes:
        top = bottom - len(lines) * LINE_HEIGHT
        w = lines_width(lines) + 10
        body.append(
            f'<rect class="rs-d-label-bg" x="{num(cx - w / 2)}" y="{num(top - 3)}" width="{num(w)}" '
            f'height="{num(len(lines) * LINE_HEIGHT + 4)}" rx="3" fill="#ffffff"/>'
        )
        for source, edge_lines in by_target[target]:
            text = text_block(edge_lines, cx, top + ASCENT, css="rs-d-text rs-d-edge-label")
            body.append(
                f'<g class="rs-d-edge-label" data-from="{nodes[source].key}" data-to="{nodes[target].key}">{text}</g>'
            )
            top += len(edge_lines) * LINE_HEIGHT
    body += [draw_node(n) for n in nodes.values()]
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


def _graph_edge(a: Node, b: Node) -> str:
    sx, sy = a.box.cx, a.box.bottom
    tx, ty = b.box.cx, b.box.y
    if ty <= sy:  # a route that climbs back (routes in opposite orders): round the right side
        path = f"M{num(a.box.right)},{num(a.box.cy)} C{num(a.box.right + 40)},{num(a.box.cy)} "
        path += f"{num(b.box.right + 40)},{num(b.box.cy)} {num(b.box.right)},{num(b.box.cy)}"
        return edge(a.key, b.key, path, arrow_head(b.box.right, b.box.cy, "left"))
    bend = (ty - sy) / 2
    path = f"M{num(sx)},{num(sy)} C{num(sx)},{num(sy + bend)} {num(tx)},{num(ty - bend)} {num(tx)},{num(ty)}"
    return edge(a.key, b.key, path, arrow_head(tx, ty, "down"))
