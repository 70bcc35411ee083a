"""Diagrams drawn at build time: the same graph as the mermaid source, safe, legible,
in time order."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from mermaid_read import mermaid_unescape
from svg_read import SVG_NS, edges, href, mermaid_edges, mermaid_nodes, nodes, parse, text_of
from test_diagrams import HOSTILE, ROADMAP_002, roadmap

from roadmap_site.content.loader import load_content
from roadmap_site.content.model import STATUSES, Roadmap
from roadmap_site.render import diagrams, diagrams_svg, paths_svg, svg

REPO = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 23)


def example_roadmaps() -> list[Roadmap]:
    content = load_content(REPO / "content", REPO)
    return [doc.model for doc in content.roadmaps.values()]


def _hostile_roadmap() -> Roadmap:
    return roadmap(
        {
            "title": "H",
            "goal": HOSTILE[0],
            "phases": [
                {
                    "id": f"p-{index}",
                    "title": text,
                    "period": f"2026-{index % 12 + 1:02d}",
                    "milestones": [
                        {"id": f"m-{index}", "title": text, "due": "2026-12", "status": STATUSES[index % 5]}
                        | (
                            {"slipped": {"reason": "r", "new_due": "2027-02"}}
                            if STATUSES[index % 5] == "slipped"
                            else {}
                        )
                    ],
                }
                for index, text in enumerate(HOSTILE)
            ],
            "stages": [{"id": f"s-{index}", "title": text} for index, text in enumerate(HOSTILE)],
            "paths": [
                {"id": f"r-{index}", "for": text, "route": [f"s-{index}", f"s-{(index + 1) % len(HOSTILE)}"]}
                for index, text in enumerate(HOSTILE)
            ],
        }
    )


CASES = [*example_roadmaps(), roadmap(ROADMAP_002), _hostile_roadmap()]


@pytest.mark.parametrize("model", CASES, ids=lambda m: m.title[:20])
def test_the_path_diagrams_show_the_nodes_and_edges_of_their_mermaid_source(model):
    pairs = [
        (diagrams_svg.milestones_svg(model), diagrams.roadmap_flowchart(model)),
        (paths_svg.paths_svg(model), diagrams.path_graph(model)),
    ]
    compared = 0
    for drawn, source in pairs:
        assert (drawn is None) == (source is None)
        if drawn is None or source is None:
            continue
        root = parse(drawn)
        drawn_nodes = {label for key, label in nodes(root).items() if not key.startswith("p")}
        assert drawn_nodes == mermaid_nodes(source)
        assert edges(root) == mermaid_edges(source)
        compared += 1
    assert compared or not (model.paths or model.phases)


@pytest.mark.parametrize("model", CASES, ids=lambda m: m.title[:20])
def test_the_timeline_has_the_phases_and_milestones_of_the_gantt_chart(model):
    drawn, source = diagrams_svg.timeline_svg(model, today=TODAY), diagrams.gantt(model, today=TODAY)
    assert (drawn is None) == (source is None)
    if drawn is None or source is None:
        return
    tasks = [line.strip().rsplit(" :", 1)[0] for line in source.splitlines() if " :" in line]
    expected = [" ".join(mermaid_unescape(task).split()).lower() for task in tasks]
    root = parse(drawn)
    rows = [g for g in root.iter(f"{SVG_NS}g") if (g.get("class") or "").startswith("rs-d-row")]
    assert [" ".join(text_of(g).split()).lower() for g in rows] == expected


def test_the_reference_graph_is_drawn():
    root = parse(paths_svg.paths_svg(roadmap(ROADMAP_002)) or "")
    found = edges(root)
    assert len(found) == 13
    assert ("background?", "learn ml fundamentals", "platform eng") in found
    assert ("cloud & kubernetes", "gpu infrastructure", "") in found


def _all_svgs() -> list[str]:
    found = []
    for model in CASES:
        for drawn in (
            diagrams_svg.milestones_svg(model),
            diagrams_svg.timeline_svg(model, today=TODAY),
            paths_svg.paths_svg(model),
        ):
            if drawn is not None:
                found.append(drawn)
    return found


def test_no_diagram_carries_a_script_a_handler_or_a_foreign_link():
    checked = 0
    for drawn in _all_svgs():
        root = parse(drawn)
        for element in root.iter():
            tag = element.tag.removeprefix(SVG_NS)
            assert tag not in ("script", "foreignObject", "iframe", "object", "embed", "use", "image", "style")
            for name, value in element.attrib.items():
                assert not name.lower().startswith("on"), (tag, name)
                assert "javascript" not in value.lower()
                if name.endswith("href"):
                    assert re.fullmatch(r"#[a-z0-9]+(?:-[a-z0-9]+)*", value), value
                    checked += 1
    assert checked > 50


def test_a_hostile_title_shows_as_text():
    title = 'Learn "C++" [fast] --> ship %%{init}%% end'
    model = roadmap(
        {
            "title": "T",
            "phases": [{"title": "P", "period": "2026", "milestones": [{"id": "x", "title": title, "due": "2026-06"}]}],
        }
    )
    for drawn in (diagrams_svg.milestones_svg(model), diagrams_svg.timeline_svg(model, today=TODAY)):
        assert drawn is not None
        assert '"C++"' not in drawn and "-->" not in drawn and "%%" not in drawn  # all as entities
        root = parse(drawn)
        links = [a for a in root.iter(f"{SVG_NS}a") if href(a) == "#x"]
        assert len(links) == 1
        assert " ".join(text_of(links[0]).split()) == f"○ {title}"


def test_labels_wrap_at_spaces_and_never_cut_a_word():
    long_word = "Supercalifragilisticexpialidocious-and-then-some-more-characters"
    model = roadmap(
        {
            "title": "T",
            "phases": [
                {"title": "P", "milestones": [{"id": "a", "title": f"A {long_word} with several more words to wrap"}]}
            ],
        }
    )
    root = parse(diagrams_svg.milestones_svg(model) or "")
    spans = [span.text or "" for span in root.iter(f"{SVG_NS}tspan")]
    assert long_word in spans  # a line of its own, whole
    node = next(g for g in root.iter(f"{SVG_NS}g") if g.get("data-node") == "m0")
    rect = next(node.iter(f"{SVG_NS}rect"))
    # the box grows to the word instead of cutting it
    assert float(rect.get("width") or 0) >= svg.text_width(long_word)
    lines = [span.text for span in node.iter(f"{SVG_NS}tspan")]
    assert len(lines) >= 3 and all(svg.text_width(line or "") <= float(rect.get("width") or 0) for line in lines)


def test_wrap_keeps_every_word_and_its_order():
    text = "one two three four five six seven eight nine ten eleven twelve"
    lines = svg.wrap(text, 80)
    assert len(lines) > 2 and " ".join(lines) == text
    assert all(svg.text_width(line) <= 80 for line in lines if " " in line)


def test_diagrams_keep_their_natural_size():
    for drawn in _all_svgs():
        root = parse(drawn)
        width, height = root.get("width"), root.get("height")
        assert width and height and not width.endswith("%")
        assert root.get("viewBox") == f"0 0 {width} {height}"  # drawn 1:1, never scaled by the SVG itself
        assert root.get("font-size") == str(svg.FONT_SIZE) and svg.FONT_SIZE >= 12
        sizes = [float(t.get("font-size") or svg.FONT_SIZE) for t in root.iter(f"{SVG_NS}text")]
        assert min(sizes) >= 12


def test_phases_run_left_to_right_in_file_order():
    model = next(m for m in example_roadmaps() if len(m.phases) >= 3)
    root = parse(diagrams_svg.milestones_svg(model) or "")
    heads = [g for g in root.iter(f"{SVG_NS}g") if (g.get("data-node") or "").startswith("p")]
    xs = [float(next(g.iter(f"{SVG_NS}rect")).get("x") or 0) for g in heads]
    assert len(xs) >= 3 and xs == sorted(xs) and len(set(xs)) == len(xs)
    titles = [" ".join(text_of(g).split()) for g in heads]
    assert [t.startswith(p.title) for t, p in zip(titles, model.phases, strict=False)] == [True] * len(titles)


_MONTH = {
    name: index
    for index, name in enumerate(("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"))
}


def test_the_timeline_axis_reads_in_time_order_left_to_right():
    for model in example_roadmaps():
        drawn = diagrams_svg.timeline_svg(model, today=TODAY)
        if drawn is None:
            continue
        root = parse(drawn)
        ticks = []
        for text in root.iter(f"{SVG_NS}text"):
            if "rs-d-axis" in (text.get("class") or ""):
                span = next(text.iter(f"{SVG_NS}tspan"))
                month, year = (span.text or "").split()
                ticks.append((float(span.get("x") or 0), int(year) * 12 + _MONTH[month]))
        assert len(ticks) >= 2
        assert [t for _, t in sorted(ticks)] == sorted(t for _, t in ticks)


def test_every_milestone_node_links_to_its_section():
    for model in example_roadmaps():
        drawn = diagrams_svg.milestones_svg(model)
        if drawn is None:
            continue
        root = parse(drawn)
        hrefs = {href(a) for a in root.iter(f"{SVG_NS}a")}
        ids = {m.id for phase in model.phases for m in diagrams.phase_milestones(phase)}
        assert hrefs == {f"#{i}" for i in ids}


def test_status_reads_without_colour():
    model = roadmap(
        {
            "title": "T",
            "phases": [
                {
                    "title": "P",
                    "milestones": [
                        {"title": s, "status": s}
                        | ({"slipped": {"reason": "r", "new_due": "2027"}} if s == "slipped" else {})
                        for s in STATUSES
                    ],
                }
            ],
        }
    )
    root = parse(diagrams_svg.milestones_svg(model) or "")
    labels = [label for key, label in nodes(root).items() if key.startswith("m")]
    assert labels == [f"{diagrams.STATUS_SYMBOLS[s]} {s}" for s in STATUSES]


def test_nothing_to_draw_is_none():
    empty = roadmap({"title": "T", "phases": [{"title": "P", "period": "Month 1"}]})
    assert diagrams_svg.milestones_svg(empty) is None
    assert diagrams_svg.timeline_svg(empty) is None
    assert paths_svg.paths_svg(empty) is None
