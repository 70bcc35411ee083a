"""The Markdown pieces of generated pages that repeat the most (fragments.py)."""

from __future__ import annotations

from conftest import TODAY, write_tree

from roadmap_site import pipeline
from roadmap_site.render import diagrams, fragments
from roadmap_site.render.escape import attribute, text, url

ROADMAP = """
title: R
skills: s
phases:
  - title: P
    period: 2026-01 .. 2027-06
    milestones:
      - {title: "First <b>one</b>", id: first, builds: [api-design, sql], status: done, due: 2026-01,
         done_on: 2026-01-05}
      - {title: Second & last, id: second, builds: [api-design], depends_on: [first], due: 2027-Q1}
"""
SKILLS = """
title: S
areas:
  - {id: api-design, title: API design}
  - {id: sql, title: SQL}
"""


def test_links_escaped_once_are_the_links_escaped_each_time(tmp_path):
    write_tree(tmp_path, {"content/roadmaps/r.yml": ROADMAP, "content/skills/s.yml": SKILLS})
    settings = pipeline.Settings(content_dir=tmp_path / "content", root=tmp_path, today=TODAY)
    pages = {page.path: page.markdown for page in pipeline.run(settings).pages}
    roadmap, skills = pages["roadmaps/r.md"], pages["skills/s.md"]
    for area, area_title in (("api-design", "API design"), ("sql", "SQL")):
        assert f"[{text(area_title)}](../skills/{url('s')}.md#{attribute(area)})" in roadmap
    for title, anchor, status in (("First <b>one</b>", "first", "done"), ("Second & last", "second", "planned")):
        assert f"[{text(title)}](../roadmaps/{url('r')}.md#{attribute(anchor)}) ({status})" in skills
    assert skills.count(f"[{text('First <b>one</b>')}]") == 2  # it builds both areas


def test_each_build_starts_with_no_links_or_diagram_labels_kept(tmp_path):
    write_tree(tmp_path, {"content/roadmaps/r.yml": ROADMAP, "content/skills/s.yml": SKILLS})
    # (mermaid source: the labels cached per build are mermaid's; the SVG's caches hold pure
    # functions of the text, kept between builds)
    settings = pipeline.Settings(content_dir=tmp_path / "content", root=tmp_path, today=TODAY, diagrams="mermaid")
    pipeline.run(settings)
    assert fragments._area_link.cache_info().currsize > 0
    assert fragments._milestone_link.cache_info().currsize > 0
    assert diagrams._label.cache_info().hits > 0  # each milestone's label is in both diagrams
    pipeline.plan(settings)  # plans the pages, renders none
    assert fragments._page.cache_info().currsize == 0
    assert fragments._area_link.cache_info().currsize == 0
    assert fragments._milestone_link.cache_info().currsize == 0
    assert diagrams._label.cache_info().currsize == 0


def test_date_labels_need_no_escaping_so_they_are_given_as_they_are():
    import datetime as dt

    from roadmap_site.content.dates import parse_moment
    from roadmap_site.render.escape import html_text

    written = [" 2027 ", 2031, "2027-Q3", "2027-06", "2027-12-31", dt.date(2026, 2, 28), dt.datetime(2026, 5, 1, 9)]
    moments = [parse_moment(value) for value in written]
    for value in [*moments, dt.date(2025, 1, 9)]:
        label = fragments.date_label(value)
        assert label == html_text(label) and label.strip()
    assert [fragments.date_label(m) for m in moments[:3]] == ["2027", "2031", "Q3 2027"]
