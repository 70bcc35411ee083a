"""Skills: gap analysis ranking, T-shaped profile, comparison across roadmaps."""

from __future__ import annotations

import html
import re

import pytest
from conftest import REPO, mkdocs_build, write_tree
from test_example_site import visible_text

from roadmap_site.content.loader import load_content
from roadmap_site.content.model import SkillMap
from roadmap_site.derive.skills import builders_by_skills_file, gap_of, priorities


def skill_map(areas: list[dict], **extra) -> SkillMap:
    return SkillMap.model_validate({"title": "S", "areas": areas, **extra})


def test_priority_is_gap_times_impact_ranked_highest_first():
    ranked = priorities(
        skill_map(
            [
                {"id": "a", "title": "A", "level": 3, "target": 4, "impact": 5},  # 1 x 5 = 5
                {"id": "b", "title": "B", "level": 1, "target": 4, "impact": 4},  # 3 x 4 = 12
                {"id": "c", "title": "C", "gap": 5, "impact": 3},  # explicit gap: 15
                {"id": "d", "title": "D", "level": 2, "target": 4, "impact": 1},  # 2
                {"id": "e", "title": "E"},  # unscored
            ]
        ),
        focus=2,
    )
    assert [(p.area.id, p.score, p.rank, p.focus) for p in ranked] == [
        ("c", 15, 1, True),
        ("b", 12, 2, True),
        ("a", 5, 3, False),
        ("d", 2, 4, False),
        ("e", None, 0, False),
    ]


def test_ties_rank_higher_impact_first_then_file_order():
    ranked = priorities(
        skill_map(
            [
                {"id": "x", "title": "X", "gap": 4, "impact": 3},  # 12
                {"id": "y", "title": "Y", "gap": 3, "impact": 4},  # 12, higher impact
                {"id": "z", "title": "Z", "gap": 4, "impact": 3},  # 12, same as x, later in file
            ]
        )
    )
    assert [p.area.id for p in ranked] == ["y", "x", "z"]


def test_no_focus_without_a_gap_and_the_file_can_set_its_focus():
    ranked = priorities(
        skill_map(
            [
                {"id": "a", "title": "A", "level": 5, "target": 5, "impact": 5},
                {"id": "b", "title": "B", "gap": 1, "impact": 1},
            ],
            focus=1,
        ),
        focus=5,
    )
    assert [(p.area.id, p.focus) for p in ranked] == [("b", True), ("a", False)]


def test_gap_never_negative():
    area = skill_map([{"id": "a", "title": "A", "level": 5, "target": 3}]).areas[0]
    assert gap_of(area) == 0


def test_reference_priorities_of_the_three_people():
    content = load_content(REPO / "content", REPO)
    top = {
        person: [p.area.id for p in priorities(content.skills[person].model) if p.focus]
        for person in ("alex", "jordan", "sam")
    }
    # the case study: Alex needs deep learning and production; Jordan the theory; Sam modern DL
    assert top["alex"][0] == "deep-learning" and "mlops" in top["alex"][:2]
    assert top["jordan"][0] in {"math-foundations", "math"} and "ml-fundamentals" in top["jordan"][:2]
    assert top["sam"][0] == "deep-learning"


@pytest.fixture(scope="module")
def example_site(tmp_path_factory):
    site_dir = tmp_path_factory.mktemp("site")
    result = mkdocs_build(REPO, "--site-dir", str(site_dir))
    assert result.returncode == 0, result.stderr
    return site_dir


@pytest.mark.slow
def test_gap_table_in_the_built_page_follows_the_ranking(example_site):
    content = load_content(REPO / "content", REPO)
    for person in ("alex", "jordan", "sam"):
        ranked = [p for p in priorities(content.skills[person].model) if p.rank]
        markup = (example_site / "skills" / person / "index.html").read_text(encoding="utf-8")
        table = markup[markup.index('id="gap-analysis"') : markup.index('id="t-profile"')]
        rows = re.findall(r"<tr>\s*<td[^>]*>(\d+)</td>\s*<td[^>]*><a href=\"#([a-z0-9-]+)\"", table)
        assert [(int(rank), area) for rank, area in rows] == [(p.rank, p.area.id) for p in ranked]
        assert table.count("★ focus") == sum(p.focus for p in ranked)


@pytest.mark.slow
def test_t_profile_is_drawn_without_javascript(example_site):
    markup = (example_site / "skills" / "sam" / "index.html").read_text(encoding="utf-8")
    profile = markup[markup.index('id="t-profile"') :]
    assert re.search(r"<svg [^>]*role=\"img\"", profile)
    assert profile.count('class="rs-bar--specialization"') == 3  # two bars and the legend's swatch
    assert 'class="rs-chart__legend"' in profile and 'class="rs-chart__tick"' in profile
    assert "<title" in profile
    # the text alternative: a table with one row per assessed area
    assert profile.index("<table") < profile.index('id="skill-map"')


@pytest.mark.slow
def test_skill_map_of_003_is_complete(example_site):
    skills = load_content(REPO / "content", REPO).skills["ml-engineer"].model
    text = visible_text(example_site / "skills" / "ml-engineer" / "index.html")
    for area in skills.areas:
        assert area.title in text
        for topic in area.topics:
            assert topic in text
        for outcome in area.outcomes:
            assert outcome.text in text
    assert len(skills.areas) == 9


@pytest.mark.slow
def test_comparison_table_of_001(example_site):
    text = visible_text(example_site / "index.html")
    table = text[text.index("Comparison") :]
    for row in (
        "Starting advantage",
        "Biggest gap",
        "Most valuable activity",
        "Time to role transition",
        "Key learning",
        "Progress",
        "Milestones done",
        "Top priority skill",
    ):
        assert row in table
    for value in (
        "Fresh, no bad habits",
        "Systems expertise",
        "Domain + leadership",
        "Projects > courses",
        "9 months (internal)",
        "Business context matters",
    ):
        assert value in table
    for person in ("alex", "jordan", "sam"):
        page = visible_text(example_site / "roadmaps" / person / "index.html")
        for quarter in ("Quarter 1", "Quarter 2", "Quarter 3", "Quarter 4"):
            assert quarter in page


@pytest.mark.slow
def test_milestones_show_the_skills_they_build(example_site):
    markup = html.unescape((example_site / "skills" / "alex" / "index.html").read_text(encoding="utf-8"))
    assert "Built by:" in markup and "../../roadmaps/alex/#" in markup


def test_builders_of_every_skills_file_in_roadmap_order(tmp_path):
    """Each skill area lists the milestones that build it, across roadmaps, in file order."""
    areas = "title: S\nareas:\n  - {id: a, title: A, layer: foundation}\n  - {id: b, title: B, layer: foundation}\n"
    roadmap = (
        "title: R\nskills: {skills}\nphases:\n  - title: P\n    milestones:\n"
        "      - {{id: m1, title: M1, builds: [a]}}\n      - {{id: m2, title: M2, builds: [a, b]}}\n"
    )
    write_tree(
        tmp_path / "content",
        {
            "skills/s.yml": areas,
            "skills/t.yml": areas.replace("title: S", "title: T"),
            "roadmaps/one.yml": roadmap.format(skills="s"),
            "roadmaps/two.yml": roadmap.format(skills="s"),
            "roadmaps/three.yml": roadmap.format(skills="t"),
            "roadmaps/none.yml": "title: N\n",
        },
    )
    content = load_content(tmp_path / "content", tmp_path)
    found = {
        skills: {area: [(r, m.id) for r, m in pairs] for area, pairs in by_area.items()}
        for skills, by_area in builders_by_skills_file(content.roadmaps.values()).items()
    }
    assert found == {
        "s": {"a": [("one", "m1"), ("one", "m2"), ("two", "m1"), ("two", "m2")], "b": [("one", "m2"), ("two", "m2")]},
        "t": {"a": [("three", "m1"), ("three", "m2")], "b": [("three", "m2")]},
    }
