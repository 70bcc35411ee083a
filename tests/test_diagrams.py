"""Mermaid diagrams: escaping that nothing gets through, and graphs with the right shape."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from mermaid_read import mermaid_unescape, parse_edges

from roadmap_site.content.anchors import assign_ids
from roadmap_site.content.documents import Document
from roadmap_site.content.load import Source
from roadmap_site.content.model import STATUSES, Roadmap
from roadmap_site.render import diagrams
from roadmap_site.render.diagrams import (
    MAX_LABEL,
    STATUS_SYMBOLS,
    gantt,
    mermaid_text,
    path_graph,
    path_links,
    roadmap_flowchart,
)

REPO = Path(__file__).resolve().parent.parent


def roadmap(data: dict[str, Any]) -> Roadmap:
    """A validated roadmap with ids assigned as the content loader does."""
    doc = Document("x", Roadmap.model_validate(data), Source(Path("x.yml"), "x.yml", data))
    problems: list[Any] = []
    assign_ids(doc, problems)
    assert problems == []
    return doc.model


# --- escaping ------------------------------------------------------------------------

HOSTILE = [
    'Learn "C++" [fast] --> ship %%{init}%% end',
    'click m1 href "javascript:alert(1)"',
    "<script>alert(1)</script>",
    "|x|",
    "first line\nsecond line",
    "a; b",
    '%%{init: {"securityLevel": "loose"}}%%',
    "%% a comment",
    "end",
    "subgraph evil",
    "classDef evil fill:#f00;",
    "style m0 fill:#f00",
    "`**markdown string**`",
    "Tools & Frameworks",
    "<img src=x onerror=alert(1)>",
    "a ==> b -.-> c ~~~ d --- e --o f --x g <--> h",
    "#quot; #35; &amp; &#60;",
    "fa:fa-car and :icon:",
    "A@{ shape: circle }",
    "x e1@--> y",
    "C# (csharp) {braces} [brackets] 'quotes' \\ back",
    "go direction LR now",
    "ﬂ°°60¶ß placeholder",
]

RAW_SEQUENCES = ('"', "[", "]", "{", "}", "(", ")", "|", ";", "#", "%%", "-->", "---", "==>", "~~~", "`")
RAW_SEQUENCES += ("<", ">", "&", "\n", ":", "@")

# What may stand outside an entity code: letters, decimal digits, space, "." and ","
_ENTITY = re.compile(r"#\d+;")


def _outside_entities(escaped: str) -> str:
    return _ENTITY.sub("", escaped)


def _is_safe(char: str) -> bool:
    return char in " .," or unicodedata.category(char).startswith("L") or unicodedata.category(char) == "Nd"


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_has_nothing_raw_and_round_trips(text):
    escaped = mermaid_text(text)
    rest = _outside_entities(escaped)
    assert all(_is_safe(char) for char in rest), rest
    for raw in RAW_SEQUENCES:
        assert raw not in rest, raw
    assert mermaid_unescape(escaped) == text


def test_entities_are_well_formed_decimal_codes():
    escaped = mermaid_text('a"b#c;d')
    assert escaped == "a#34;b#35;c#59;d"
    # every "#" starts an entity and every ";" ends one: nothing for mermaid to misread
    assert escaped.count("#") == escaped.count(";") == len(_ENTITY.findall(escaped)) == 3


def test_direction_keyword_cannot_take_over_a_line():
    # mermaid's flowchart lexer matches ".*direction\s+LR" on a whole line, quotes or not
    for text in ["go direction LR now", "DIRECTION TB", "direction  RL", "direction\tBT"]:
        assert not re.search(r"(?i)direction\s", mermaid_text(text))
        assert mermaid_unescape(mermaid_text(text)) == text


def test_control_and_bidi_characters_are_dropped():
    text = "safe\u202etxt.exe\x00\x1b[31m\u2066x\u2069\ufeff"
    assert mermaid_unescape(mermaid_text(text)) == "safetxt.exe[31mx"
    assert "\u202e" not in mermaid_text(text)


def test_line_ends_are_normalised_and_survive():
    assert mermaid_unescape(mermaid_text("a\r\nb\rc")) == "a\nb\nc"


def test_joiners_in_emoji_are_kept():
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467 family"
    assert mermaid_unescape(mermaid_text(family)) == family


def test_long_label_is_cut_with_an_ellipsis():
    text = "word " * 100
    shown = mermaid_unescape(mermaid_text(text))
    assert shown.endswith("…")
    assert len(shown) <= MAX_LABEL
    assert text.startswith(shown[:-1])


def test_custom_limit():
    assert mermaid_unescape(mermaid_text("abcdefghij", limit=5)) == "abcd…"


def test_long_words_get_break_opportunities():
    word = "x" * 60
    escaped = mermaid_text(word)
    assert "#8203;" in escaped  # zero-width space: the label can wrap inside the word
    assert mermaid_unescape(escaped) == word


def test_never_empty():
    assert mermaid_text("") != ""
    assert mermaid_text("\x00\u202e") != ""


def test_non_latin_letters_stay_readable():
    assert mermaid_text("Машинное обучение 機械学習") == "Машинное обучение 機械学習"


# Hypothesis describes a failing example with a helper that touches the deprecated
# mypy_extensions.TypedDict; under filterwarnings=error that would turn a plain test
# failure into an INTERNALERROR that stops the whole run.
_HYPOTHESIS_REPORT = pytest.mark.filterwarnings("ignore:mypy_extensions.TypedDict is deprecated:DeprecationWarning")


@_HYPOTHESIS_REPORT
@given(st.text(max_size=120))
def test_any_text_escapes_to_safe_characters(text):
    escaped = mermaid_text(text)
    assert escaped
    assert all(_is_safe(char) for char in _outside_entities(escaped))


_DROPPED_CATEGORIES = ("Cc", "Cf", "Cs", "Zl", "Zp")


@_HYPOTHESIS_REPORT
@given(st.text(st.characters(exclude_categories=_DROPPED_CATEGORIES), min_size=1, max_size=MAX_LABEL))
def test_any_short_text_round_trips(text):
    assert mermaid_unescape(mermaid_text(text)) == text


# --- milestones by phase -------------------------------------------------------------------

ROADMAP = {
    "title": "Test roadmap",
    "phases": [
        {
            "id": "foundation",
            "title": "Foundation",
            "period": "2026-05 .. 2027-08",
            "milestones": [
                {"id": "self-study", "title": "Self study", "status": "done", "due": "2026-Q4"},
                {
                    "id": "project",
                    "title": "Production project",
                    "status": "active",
                    "due": "2027-Q3",
                    "depends_on": ["self-study"],
                },
            ],
            "phases": [
                {
                    "title": "Month one",
                    "milestones": [{"id": "course", "title": "Finish a course", "due": "2026-06"}],
                }
            ],
        },
        {"id": "quiet", "title": "A phase without milestones", "period": "2027-09"},
        {
            "id": "growth",
            "title": "Growth",
            "period": "2027-09 .. 2028-12",
            "milestones": [
                {
                    "id": "talk",
                    "title": "Give a talk",
                    "status": "slipped",
                    "due": "2027-Q4",
                    "slipped": {"reason": "no slot", "new_due": "2028-Q2"},
                    "depends_on": ["project"],
                },
                {"id": "blog", "title": "Weekly blog", "status": "dropped", "due": "2028-03"},
                {"id": "open-source", "title": "Open source work"},
            ],
        },
    ],
}


def _node_labels(source: str) -> dict[str, str]:
    return {m[1]: mermaid_unescape(m[2]) for m in re.finditer(r'^\s*([a-z]+\d*)\[\"([^"]*)\"\]$', source, re.M)}


def _block(source: str, subgraph: str) -> str:
    match = re.search(rf"^\s*subgraph {subgraph} .*?^\s*end$", source, re.M | re.S)
    assert match, subgraph
    return match[0]


def test_flowchart_has_every_milestone_with_its_status_symbol():
    source = roadmap_flowchart(roadmap(ROADMAP))
    assert source is not None
    assert source.startswith("flowchart LR\n")
    labels = set(_node_labels(source).values())
    assert labels == {
        "✓ Self study",
        "▶ Production project",
        "○ Finish a course",
        "⚠ Give a talk",
        "✗ Weekly blog",
        "○ Open source work",
    }


def test_flowchart_subgraphs_follow_the_phases_in_order():
    source = roadmap_flowchart(roadmap(ROADMAP))
    assert source is not None
    titles = [mermaid_unescape(m[2]) for m in re.finditer(r'^\s*subgraph (p\d+) \["([^"]*)"\]$', source, re.M)]
    # the phase without milestones gets no empty box
    assert titles == ["Foundation", "Growth"]
    assert re.search(r"^\s*p0 ~~~ p2$", source, re.M)
    # the nested phase's milestone sits in its top-level phase's box
    foundation = _block(source, "p0")
    assert "Finish a course" in mermaid_unescape(foundation)
    assert "Give a talk" not in mermaid_unescape(foundation)


def test_flowchart_depends_on_edges():
    source = roadmap_flowchart(roadmap(ROADMAP))
    assert source is not None
    assert parse_edges(source) == {
        ("✓ self study", "▶ production project", ""),
        ("▶ production project", "⚠ give a talk", ""),
    }


def test_flowchart_status_classes():
    source = roadmap_flowchart(roadmap(ROADMAP))
    assert source is not None
    labels = _node_labels(source)
    for status in STATUSES:
        assert re.search(rf"^\s*classDef {status} fill:", source, re.M), status
    classes = {m[2]: m[1].split(",") for m in re.finditer(r"^\s*class ([a-z0-9,]+) ([a-z]+)$", source, re.M)}
    assert sorted(labels[node] for node in classes["planned"]) == ["○ Finish a course", "○ Open source work"]
    assert [labels[node] for node in classes["done"]] == ["✓ Self study"]
    assert [labels[node] for node in classes["slipped"]] == ["⚠ Give a talk"]
    assert [labels[node] for node in classes["dropped"]] == ["✗ Weekly blog"]
    assert [labels[node] for node in classes["active"]] == ["▶ Production project"]


def test_flowchart_links_milestones_to_their_anchors():
    source = roadmap_flowchart(roadmap(ROADMAP))
    assert source is not None
    assert 'href "#self-study"' in source
    assert "click" not in (roadmap_flowchart(roadmap(ROADMAP), links=False) or "")


def test_flowchart_orders_phases_left_to_right_with_invisible_links_only_between_phases():
    data = {
        "title": "T",
        "phases": [{"title": f"P{p}", "milestones": [{"title": f"M{p}{i}"} for i in range(3)]} for p in range(3)],
    }
    source = roadmap_flowchart(roadmap(data))
    assert source is not None
    assert re.findall(r"^\s*(\w+ ~~~ \w+)$", source, re.M) == ["p0 ~~~ p1", "p1 ~~~ p2"]


def test_flowchart_none_without_milestones():
    assert roadmap_flowchart(roadmap({"title": "T"})) is None
    assert roadmap_flowchart(roadmap({"title": "T", "phases": [{"title": "P", "phases": [{"title": "Q"}]}]})) is None


def _hostile_roadmap() -> Roadmap:
    return roadmap(
        {
            "title": HOSTILE[0],
            "goal": HOSTILE[2],
            "phases": [
                {
                    "id": f"phase-{index}",
                    "title": text,
                    "period": "2027-Q1",
                    "milestones": [
                        {"id": f"ms-{index}", "title": text, "due": "2027-02", "status": STATUSES[index % 5]}
                    ],
                }
                for index, text in enumerate(HOSTILE)
            ],
            "stages": [{"id": f"stage-{index}", "title": text} for index, text in enumerate(HOSTILE)],
            "paths": [
                {"for": HOSTILE[1], "route": ["stage-0", "stage-2"]},
                {"for": HOSTILE[3], "route": ["stage-1", "stage-2", "stage-4"]},
            ],
        }
    )


_QUOTED = re.compile(r'"[^"]*"')
_GENERATED_ID = re.compile(r"^(?:[pms]\d+|start|choice|goal)$")


@pytest.mark.parametrize("draw", [roadmap_flowchart, path_graph])
def test_no_user_text_outside_quoted_labels(draw):
    source = draw(_hostile_roadmap())
    assert source is not None
    for line in source.splitlines()[1:]:
        line = line.strip()
        if line.startswith("accTitle: "):
            assert all(_is_safe(c) for c in _outside_entities(line.removeprefix("accTitle: ")))
            continue
        if line.startswith("click "):
            assert re.fullmatch(r'click [a-z]\d+ href "#[a-z0-9-]+"', line), line
            continue
        if line.startswith(("classDef ", "class ")):
            continue
        # with the labels taken out, a line holds generated ids, arrows and keywords only
        bare = _QUOTED.sub("", line)
        for token in re.split(r"[\s\[\]{}|]+|-->|~~~", bare):
            assert token in ("", "subgraph", "end") or _GENERATED_ID.match(token), (token, line)
        for label in _QUOTED.findall(line):
            assert all(_is_safe(c) for c in _outside_entities(label[1:-1])), label


def test_hostile_labels_show_as_typed():
    source = roadmap_flowchart(_hostile_roadmap())
    assert source is not None
    shown = set(_node_labels(source).values())
    for index, text in enumerate(HOSTILE):
        assert f"{STATUS_SYMBOLS[STATUSES[index % 5]]} {text}" in shown


# --- timeline --------------------------------------------------------------------------------

TODAY = dt.date(2027, 1, 15)


def _tasks(source: str) -> dict[str, list[str]]:
    """Task name (unescaped) -> its data fields."""
    found = {}
    for line in source.splitlines():
        if " :" in line:
            name, data = line.strip().rsplit(" :", 1)
            found[mermaid_unescape(name)] = [field.strip() for field in data.split(",")]
    return found


def test_gantt_sections_bars_and_milestones():
    source = gantt(roadmap(ROADMAP), today=TODAY)
    assert source is not None
    assert source.startswith("gantt\n")
    assert "    dateFormat YYYY-MM-DD\n" in source
    sections = [mermaid_unescape(m[1]) for m in re.finditer(r"^\s*section (.*)$", source, re.M)]
    assert sections == ["Foundation", "A phase without milestones", "Growth"]
    tasks = _tasks(source)
    # bars: start of the period to the day after its end (gantt end dates are exclusive)
    assert tasks["Foundation"] == ["p0", "2026-05-01", "2027-09-01"]
    assert tasks["Growth"] == ["p2", "2027-09-01", "2029-01-01"]
    assert tasks["✓ Self study"][:2] == ["done", "milestone"]
    assert tasks["✓ Self study"][-2:] == ["2026-12-31", "0d"]
    assert tasks["▶ Production project"][:2] == ["active", "milestone"]
    # a nested phase's milestone, overdue on TODAY: crit
    assert tasks["○ Finish a course"][:2] == ["crit", "milestone"]
    assert tasks["○ Finish a course"][-2] == "2026-06-30"
    # slipped: crit, at the new due date
    assert tasks["⚠ Give a talk"][:2] == ["crit", "milestone"]
    assert tasks["⚠ Give a talk"][-2] == "2028-06-30"
    assert tasks["✗ Weekly blog"][0] == "milestone"
    # no due date: not on the timeline
    assert "○ Open source work" not in tasks


def test_gantt_overdue_depends_on_today():
    early = _tasks(gantt(roadmap(ROADMAP), today=dt.date(2026, 1, 1)) or "")
    assert early["○ Finish a course"][0] == "milestone"
    late = _tasks(gantt(roadmap(ROADMAP), today=dt.date(2030, 1, 1)) or "")
    assert "crit" in late["▶ Production project"]
    assert "crit" not in late["✓ Self study"]
    assert "crit" not in late["✗ Weekly blog"]


def test_gantt_task_ids_are_generated_and_unique():
    source = gantt(roadmap(ROADMAP), today=TODAY)
    assert source is not None
    ids = [next(f for f in data if re.fullmatch(r"[pm]\d+", f)) for data in _tasks(source).values()]
    assert len(ids) == len(set(ids))


def test_gantt_none_without_dated_phases():
    assert gantt(roadmap({"title": "T"})) is None
    labelled = {
        "title": "T",
        "phases": [{"title": "Month 1-2", "period": "Month 1-2", "milestones": [{"title": "M", "due": "2027"}]}],
    }
    assert gantt(roadmap(labelled)) is None
    assert gantt(roadmap({"title": "T", "phases": [{"title": "P"}]})) is None


def test_gantt_hostile_names_cannot_break_task_lines():
    source = gantt(_hostile_roadmap(), today=TODAY)
    assert source is not None
    for line in source.splitlines()[1:]:
        line = line.strip()
        if line.startswith("section "):
            name = line.removeprefix("section ")
        elif " :" in line:
            name, data = line.rsplit(" :", 1)
            assert re.fullmatch(
                r"((active|done|crit|milestone), )*(p|m)\d+, \d{4}-\d\d-\d\d, (\d{4}-\d\d-\d\d|0d)", data
            ), line
            # keywords (click, dateFormat, section, a date) are tried at the start of a
            # task line before it is read as a name: names always start with an entity
            assert name.startswith("#"), line
        else:
            continue
        assert all(_is_safe(c) for c in _outside_entities(name)), line
    names = set(_tasks(source))
    for index, text in enumerate(HOSTILE):
        assert f"{STATUS_SYMBOLS[STATUSES[index % 5]]} {text.strip()}" in names


def test_gantt_keywords_as_titles_are_neutralised():
    data = {
        "title": "T",
        "phases": [
            {"title": title, "period": "2027-Q1"}
            for title in ["click me", "dateFormat YYYY", "section x", "2027-01-01 launch", "excludes weekends"]
        ],
    }
    source = gantt(roadmap(data))
    assert source is not None
    bars = [line.strip() for line in source.splitlines() if " :p" in line]
    assert len(bars) == 5
    assert all(bar.startswith("#") for bar in bars)


# --- learning paths ---------------------------------------------------------------------------

REFERENCE_002 = """
graph TD
    A[Start] --> B{Background?}
    B -->|Platform Eng| C[Learn ML Fundamentals]
    B -->|ML Engineer| D[Learn Platform Engineering]
    B -->|New Grad| E[Learn Both Paths]
    C --> F[ML Tools & Frameworks]
    D --> G[Cloud & Kubernetes]
    E --> G
    F --> H[GPU Infrastructure]
    G --> H
    H --> I[ML Platforms]
    I --> J[LLM Infrastructure]
    J --> K[Production ML Systems]
    K --> L[AI Platform Engineer]
"""

STAGES_002 = [
    ("ml-fundamentals", "Learn ML Fundamentals"),
    ("platform-engineering", "Learn Platform Engineering"),
    ("both-paths", "Learn Both Paths"),
    ("ml-tools", "ML Tools & Frameworks"),
    ("cloud-k8s", "Cloud & Kubernetes"),
    ("gpu-infra", "GPU Infrastructure"),
    ("ml-platforms", "ML Platforms"),
    ("llm-infra", "LLM Infrastructure"),
    ("production-ml", "Production ML Systems"),
]
SHARED_TAIL = ["gpu-infra", "ml-platforms", "llm-infra", "production-ml"]
ROADMAP_002 = {
    "title": "AI Platform Engineering",
    "goal": "AI Platform Engineer",
    "stages": [{"id": stage, "title": title} for stage, title in STAGES_002],
    "paths": [
        {"for": "Platform Eng", "route": ["ml-fundamentals", "ml-tools", *SHARED_TAIL]},
        {"for": "ML Engineer", "route": ["platform-engineering", "cloud-k8s", *SHARED_TAIL]},
        {"for": "New Grad", "route": ["both-paths", "cloud-k8s", *SHARED_TAIL]},
    ],
}


def test_reference_graph_parses_to_its_edges():
    edges = parse_edges(REFERENCE_002)
    assert len(edges) == 13
    assert ("start", "background?", "") in edges
    assert ("background?", "learn ml fundamentals", "platform eng") in edges
    assert ("ml tools & frameworks", "gpu infrastructure", "") in edges


def test_path_graph_reproduces_the_002_reference():
    source = path_graph(roadmap(ROADMAP_002))
    assert source is not None
    assert source.startswith("graph TD\n")
    assert parse_edges(source) == parse_edges(REFERENCE_002)


def test_shared_stages_are_one_node_and_edges_are_drawn_once():
    source = path_graph(roadmap(ROADMAP_002))
    assert source is not None
    labels = list(_node_labels(source).values())
    assert labels.count("Cloud & Kubernetes") == 1
    assert labels.count("GPU Infrastructure") == 1
    edge_lines = [line for line in source.splitlines() if "-->" in line]
    assert len(edge_lines) == len(set(edge_lines)) == 13


def test_path_graph_edges_in_reference_order():
    # column by column, as the reference draws it: dagre keeps that order within a rank
    source = path_graph(roadmap(ROADMAP_002))
    assert source is not None
    labels = _node_labels(source) | {"choice": "Background?"}
    order = [(labels[m[1]], labels[m[2]]) for m in re.finditer(r"^\s*(\w+) -->(?:\|[^|]*\|)? (\w+)$", source, re.M)]
    assert order[:7] == [
        ("Start", "Background?"),
        ("Background?", "Learn ML Fundamentals"),
        ("Background?", "Learn Platform Engineering"),
        ("Background?", "Learn Both Paths"),
        ("Learn ML Fundamentals", "ML Tools & Frameworks"),
        ("Learn Platform Engineering", "Cloud & Kubernetes"),
        ("Learn Both Paths", "Cloud & Kubernetes"),
    ]


def test_path_graph_single_path_has_no_decision():
    data = {
        "title": "T",
        "goal": "Done",
        "stages": [{"id": "a", "title": "A"}, {"id": "b", "title": "B"}],
        "paths": [{"for": "Everyone", "route": ["a", "b"]}],
    }
    source = path_graph(roadmap(data))
    assert source is not None
    assert "choice" not in source
    assert parse_edges(source) == {("start", "a", "everyone"), ("a", "b", ""), ("b", "done", "")}


def test_path_graph_path_with_one_stage():
    data = {
        "title": "T",
        "goal": "Goal",
        "stages": [{"id": "a", "title": "A"}, {"id": "b", "title": "B"}],
        "paths": [{"for": "Short", "route": ["a"]}, {"for": "Long", "route": ["b", "a"]}],
    }
    source = path_graph(roadmap(data))
    assert source is not None
    assert parse_edges(source) == {
        ("start", "background?", ""),
        ("background?", "a", "short"),
        ("background?", "b", "long"),
        ("b", "a", ""),
        ("a", "goal", ""),
    }


def test_path_graph_without_goal():
    data = dict(ROADMAP_002)
    del data["goal"]
    source = path_graph(roadmap(data))
    assert source is not None
    assert "goal" not in source
    edges = parse_edges(source)
    assert len(edges) == 12
    assert not any(source_label == "production ml systems" for source_label, _, _ in edges)


def test_path_graph_edge_labels_escaped():
    data = {
        "title": "T",
        "stages": [{"id": "a", "title": "A"}, {"id": "b", "title": "B"}],
        "paths": [{"for": 'Ops|"SRE"', "route": ["a"]}, {"for": "x --> y; end", "route": ["b"]}],
    }
    source = path_graph(roadmap(data))
    assert source is not None
    for label in re.findall(r"-->\|([^|]*)\|", source):
        assert label.startswith('"') and label.endswith('"')
        assert all(_is_safe(c) for c in _outside_entities(label[1:-1])), label
    assert parse_edges(source) >= {("background?", "a", 'ops|"sre"'), ("background?", "b", "x --> y; end")}


def test_path_graph_custom_words():
    source = path_graph(roadmap(ROADMAP_002), start="Begin", question="Where do you come from?")
    assert source is not None
    labels = {label for edge in parse_edges(source) for label in edge[:2]}
    assert {"begin", "where do you come from?"} <= labels


def test_path_graph_none_without_paths():
    assert path_graph(roadmap({"title": "T"})) is None


def test_stage_nodes_link_to_their_sections():
    source = path_graph(roadmap(ROADMAP_002))
    assert source is not None
    labels = _node_labels(source)
    links = {labels[m[1]]: m[2] for m in re.finditer(r'^\s*click (\w+) href "#([a-z0-9-]+)"$', source, re.M)}
    assert links == {title: stage for stage, title in STAGES_002}
    assert "click" not in (path_graph(roadmap(ROADMAP_002), links=False) or "")


def test_path_links_in_diagram_order():
    assert path_links(roadmap(ROADMAP_002)) == [
        ("Learn ML Fundamentals", "#ml-fundamentals"),
        ("Learn Platform Engineering", "#platform-engineering"),
        ("Learn Both Paths", "#both-paths"),
        ("ML Tools & Frameworks", "#ml-tools"),
        ("Cloud & Kubernetes", "#cloud-k8s"),
        ("GPU Infrastructure", "#gpu-infra"),
        ("ML Platforms", "#ml-platforms"),
        ("LLM Infrastructure", "#llm-infra"),
        ("Production ML Systems", "#production-ml"),
    ]
    assert path_links(roadmap({"title": "T"})) == []


# --- parse_edges -----------------------------------------------------------------------------------


def test_parse_edges_ignores_invisible_links_and_reads_chains():
    source = 'flowchart LR\n    a["A"] --> b["B"] --> c\n    a ~~~ c\n    c -->|"to #35;a"| a\n'
    assert parse_edges(source) == {("a", "b", ""), ("b", "c", ""), ("c", "a", "to #a")}


def test_parse_edges_rejects_what_it_cannot_read():
    with pytest.raises(ValueError):
        parse_edges("graph TD\n    a --> ")


# --- mermaid itself (optional: needs node with mermaid and jsdom installed) -------------------------

_HARNESS = r"""
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import fs from "node:fs";
const require = createRequire(process.argv[2] + "/");
const { JSDOM } = require("jsdom");
const dom = new JSDOM("<!doctype html><html><body></body></html>", { pretendToBeVisual: true });
globalThis.window = dom.window;
globalThis.document = dom.window.document;
for (const name of ["Element", "HTMLElement", "SVGElement", "Node", "DOMParser", "MutationObserver"]) {
  if (!(name in globalThis)) globalThis[name] = dom.window[name];
}
const { default: mermaid } = await import(pathToFileURL(require.resolve("mermaid")).href);
mermaid.initialize({ startOnLoad: false });
const results = [];
for (const source of JSON.parse(fs.readFileSync(0, "utf8"))) {
  try {
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(source);
    const db = diagram.db;
    results.push(db.getTasks
      ? { ok: true, tasks: db.getTasks().map((t) => t.task.trim()), sections: db.getSections() }
      : { ok: true, vertices: [...db.getVertices().values()].map((v) => [v.id, v.text, v.link ?? null]),
          edges: db.getEdges().map((e) => [e.start, e.end, e.text]) });
  } catch (error) {
    results.push({ ok: false, error: String(error.message || error) });
  }
}
console.log(JSON.stringify(results));
"""


def _node_modules() -> Path | None:
    candidates = [os.environ.get("ROADMAP_SITE_NODE_MODULES"), str(REPO / ".ci" / "node_modules")]
    for candidate in candidates:
        if candidate and (Path(candidate) / "mermaid").is_dir() and (Path(candidate) / "jsdom").is_dir():
            return Path(candidate)
    return None


def _decode(text: str) -> str:
    """What mermaid shows: its placeholders for entity codes turned back into characters."""
    return re.sub(r"\ufb02\u00b0\u00b0(\d+)\u00b6\u00df", lambda m: chr(int(m[1])), text).replace("\u200b", "")


def test_mermaid_parses_every_diagram(tmp_path):
    if shutil.which("node") is None or _node_modules() is None:
        pytest.fail("needs node and .ci/node_modules with mermaid and jsdom: run `bash .ci/test.sh`")
    hostile = _hostile_roadmap()
    sources = [
        path_graph(roadmap(ROADMAP_002)),
        roadmap_flowchart(hostile),
        path_graph(hostile),
        gantt(hostile, today=TODAY),
    ]
    script = tmp_path / "parse.mjs"
    script.write_text(_HARNESS, encoding="utf-8")
    run = subprocess.run(
        ["node", str(script), str(_node_modules())],
        input=json.dumps(sources),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    results = json.loads(run.stdout)
    assert [r["ok"] for r in results] == [True] * 4, results
    reference, flowchart, paths, timeline = results
    assert len(reference["edges"]) == 13
    # every hostile title came through as one label showing exactly the text
    shown = {_decode(text) for _, text, _ in flowchart["vertices"]}
    for index, text in enumerate(HOSTILE):
        assert f"{STATUS_SYMBOLS[STATUSES[index % 5]]} {text}" in shown
    assert {link for _, _, link in paths["vertices"] if link} == {"#stage-0", "#stage-1", "#stage-2", "#stage-4"}
    assert len(timeline["tasks"]) == 2 * len(HOSTILE)
    assert {_decode(section) for section in timeline["sections"]} == {text.strip() for text in HOSTILE}


def test_ascii_table_encodes_as_the_rule_does():
    every = "".join(map(chr, range(128)))
    assert every.translate(diagrams._ASCII_CODES) == "".join(map(diagrams._encode_char, every))
