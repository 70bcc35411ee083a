"""The skills charts as SVG: names, scale, legend, text alternative, escaping, wrapping."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from roadmap_site.content.model import SkillMap
from roadmap_site.render import charts
from roadmap_site.render.text_width import text_width, widest_word, wrap

SVG = "{http://www.w3.org/2000/svg}"

AREAS = [
    {"id": "math", "title": "Mathematical foundations", "layer": "foundation", "level": 2, "target": 4},
    {"id": "code", "title": "Programming proficiency", "layer": "foundation", "level": 5, "target": 5},
    {"id": "llm", "title": "LLM engineering and retrieval-augmented generation", "layer": "specialization",
     "level": 0, "target": 4},
    {"id": "ops", "title": "MLOps", "layer": "foundation", "level": 1},
    {"id": "none", "title": "Not assessed", "layer": "foundation"},
]  # fmt: skip


def _svg(areas: list[dict[str, object]] | None = None, title: str = "Skills") -> ET.Element:
    drawn = charts.t_profile_svg(SkillMap.model_validate({"title": title, "areas": AREAS if areas is None else areas}))
    assert drawn is not None
    return ET.fromstring(drawn)


def _texts(svg: ET.Element, kind: str) -> list[ET.Element]:
    return [t for t in svg.iter(SVG + "text") if t.get("class") == kind]


def _label_lines(svg: ET.Element) -> list[list[str]]:
    return [[span.text or "" for span in label.iter(SVG + "tspan")] for label in _texts(svg, "rs-chart__label")]


def test_every_assessed_area_is_named_on_the_chart_in_whole_words():
    svg = _svg()
    names = [" ".join(lines) for lines in _label_lines(svg)]
    assert sorted(names) == sorted(a["title"] for a in AREAS if "level" in a)
    # a long name wraps onto several lines, each of whole words
    long_name = next(lines for lines in _label_lines(svg) if lines[0].startswith("LLM"))
    assert len(long_name) > 1
    assert all(word in str(AREAS[2]["title"]).split() for line in long_name for word in line.split())


def test_specializations_stand_in_the_middle_of_the_foundations():
    names = [" ".join(lines) for lines in _label_lines(_svg())]
    assert names[:2] == ["Mathematical foundations", "Programming proficiency"]
    assert names[2].startswith("LLM") and names[3] == "MLOps"


def test_the_level_scale_and_the_legend_are_on_the_chart():
    svg = _svg()
    assert [t.text for t in _texts(svg, "rs-chart__tick")] == ["0", "1", "2", "3", "4", "5"]
    assert [t.text for t in _texts(svg, "rs-chart__axis")] == ["Level"]
    legend = " | ".join(t.text or "" for t in _texts(svg, "rs-chart__legend"))
    assert "Current level, foundation" in legend and "Current level, specialization" in legend
    assert "Target" in legend and "dashed outline" in legend
    key = svg.find(f"{SVG}g[@class='rs-chart__key']")
    assert key is not None
    assert {r.get("class") for r in key.iter(SVG + "rect")} == {
        "rs-bar--foundation",
        "rs-bar--specialization",
        "rs-target",
    }
    # a legend entry only for a layer the chart shows
    only = _svg([{"id": "a", "title": "A", "layer": "foundation", "level": 1, "target": 2}])
    assert "specialization" not in " ".join(t.text or "" for t in _texts(only, "rs-chart__legend"))


def test_bars_and_outlines_follow_level_and_target_on_the_scale():
    svg = _svg()
    ticks = {t.text: float(t.get("x", "0")) for t in _texts(svg, "rs-chart__tick")}
    unit = ticks["1"] - ticks["0"]
    groups = [g for g in svg.iter(SVG + "g") if g.find(SVG + "title") is not None]
    by_name = {" ".join(s.text or "" for s in g.iter(SVG + "tspan")): g for g in groups}
    math = by_name["Mathematical foundations"]
    bar = math.find(f"{SVG}rect[@class='rs-bar--foundation']")
    outline = math.find(f"{SVG}rect[@class='rs-target']")
    assert bar is not None and outline is not None
    assert float(bar.get("x", "")) == ticks["0"] and float(bar.get("width", "")) == 2 * unit
    assert float(outline.get("width", "")) == 4 * unit and outline.get("fill") == "none"
    llm = next(g for name, g in by_name.items() if name.startswith("LLM"))
    stub = llm.find(f"{SVG}rect[@class='rs-bar--specialization']")  # level 0: a stub shows the layer
    assert stub is not None and 0 < float(stub.get("width", "")) < unit / 4
    assert by_name["MLOps"].find(f"{SVG}rect[@class='rs-target']") is None  # no target: no outline


def test_text_alternative():
    svg = _svg(title="Alex")
    assert svg.get("role") == "img"
    title = svg.find(SVG + "title")
    desc = svg.find(SVG + "desc")
    assert title is not None and desc is not None
    assert svg.get("aria-labelledby") == title.get("id") and svg.get("aria-describedby") == desc.get("id")
    assert title.text == "T-shaped profile of Alex"
    assert "Mathematical foundations: level 2, target 4 (foundation)" in (desc.text or "")
    assert "scale of 0 to 5" in (desc.text or "")
    assert "Not assessed" not in (desc.text or "")


def test_labels_are_at_least_12_px():
    svg = _svg()
    sizes = [float(t.get("font-size", "0")) for t in svg.iter(SVG + "text")]
    assert sizes and min(sizes) >= 12


def test_user_strings_are_escaped():
    hostile = '<script>alert("x")</script> & [a](javascript:b) {{ x }}'
    drawn = charts.t_profile_svg(
        SkillMap.model_validate({"title": hostile, "areas": [{"id": "a", "title": hostile, "level": 1}]})
    )
    assert drawn is not None
    assert "<script" not in drawn and "javascript:" not in drawn and "{{" not in drawn
    svg = ET.fromstring(drawn)  # well-formed, and the text reads back as written
    assert [" ".join(lines) for lines in _label_lines(svg)] == [hostile]
    assert (svg.findtext(SVG + "title") or "").endswith(hostile)


def test_a_word_wider_than_the_label_column_widens_the_chart_instead_of_breaking():
    word = "Supercalifragilisticexpialidocious-engineering"
    narrow = _svg([{"id": "a", "title": "Short", "level": 1}])
    wide = _svg([{"id": "a", "title": f"A {word} here", "level": 1}])
    assert [word] in [[line] for lines in _label_lines(wide) for line in lines]
    assert float(wide.get("width", "")) - float(narrow.get("width", "")) >= text_width(word, 13) - 132


def test_the_chart_fits_a_phone_column_with_usual_names():
    assert float(_svg().get("width", "")) <= 343  # the content column of a 375 px screen


def test_no_chart_without_levels():
    assert charts.t_profile_svg(SkillMap.model_validate({"title": "S", "areas": [{"id": "a", "title": "A"}]})) is None


def test_wrap_breaks_at_spaces_only():
    width = text_width("three four", 13) + 0.5
    assert text_width("one two three", 13) > width
    assert wrap("one two three four", width, 13) == ["one two", "three four"]
    assert wrap("tiny averyveryverylongword end", 10, 13) == ["tiny", "averyveryverylongword", "end"]
    assert wrap("   ", 100, 13) == [""]  # at least one line, empty for blank text
    assert widest_word(["a bb", "ccc d"], 13) == text_width("ccc", 13)
    assert text_width("WWW", 12) > text_width("iii", 12) > 0
    assert text_width("漢字", 12) > text_width("ab", 12)
