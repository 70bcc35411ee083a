"""Validation of whole content folders: every problem, positioned, reported together."""

from pathlib import Path

import pytest
from conftest import write_tree

from roadmap_site.content.documents import milestones
from roadmap_site.content.loader import load_content
from roadmap_site.content.problems import ContentError


def problems(tmp_path: Path, files: dict[str, str]) -> list[str]:
    write_tree(tmp_path / "content", files)
    with pytest.raises(ContentError) as caught:
        load_content(tmp_path / "content", tmp_path)
    return [str(p) for p in caught.value.problems]


def loaded(tmp_path: Path, files: dict[str, str]):
    write_tree(tmp_path / "content", files)
    return load_content(tmp_path / "content", tmp_path)


THREE_MISTAKES = """
title: T
phases:
  - title: P
    milestones:
      - id: a
        title: A
        stauts: done
      - id: b
        title: B
        status: finished
        depends_on: [a, c]
"""


def test_three_mistakes_three_positioned_messages(tmp_path):
    found = problems(tmp_path, {"roadmaps/x.yml": THREE_MISTAKES})
    assert found == [
        "content/roadmaps/x.yml:7:9: unknown key 'stauts' in a milestone; did you mean 'status'? "
        "(allowed: builds, checklist, depends_on, done_on, due, evidence, id, slipped, status, summary, title)",
        "content/roadmaps/x.yml:10:17: status: expected one of 'planned', 'active', 'done', 'slipped' or "
        "'dropped', got 'finished'; did you mean 'done'?",
        "content/roadmaps/x.yml:11:25: no milestone has the id 'c' (known: a, b)",
    ]


def test_unknown_statuses_and_wrong_periods_get_messages_to_act_on(tmp_path):
    found = problems(
        tmp_path,
        {
            "roadmaps/x.yml": """
                title: T
                phases:
                  - title: P
                    period: 2026-05 - 2027-08
                    milestones:
                      - {id: a, title: A, status: in-progress}
                      - {id: b, title: B, status: Done}
                      - {id: c, title: C, status: whatever}
                    checklist:
                      - {text: item, state: in progress}
            """
        },
    )
    assert len(found) == 5, found
    period, active, done, nothing, state = found
    assert period.startswith("content/roadmaps/x.yml:4:13: period: '2026-05 - 2027-08' is not a period")
    assert "'start .. end'" in period and "'2026-05 .. 2027-08'" in period and "'Month 3-4'" in period
    assert active.startswith("content/roadmaps/x.yml:6:") and active.endswith(
        "got 'in-progress'; did you mean 'active'?"
    )
    assert done.startswith("content/roadmaps/x.yml:7:") and done.endswith("got 'Done'; did you mean 'done'?")
    assert nothing.endswith("got 'whatever'")
    assert state.startswith("content/roadmaps/x.yml:10:") and state.endswith("did you mean 'active'?")


def test_problems_of_all_files_come_together(tmp_path):
    found = problems(
        tmp_path,
        {
            "roadmaps/a.yml": "title: A\nsumary: x\n",
            "roadmaps/b.yml": "title: [oops\n",
            "skills/s.yml": "title: S\nareas:\n  - {id: x, title: X, impact: 7}\n",
            "updates/2027-Q1.md": "---\ndate: 2027-13-01\n---\nText\n",
        },
    )
    assert len(found) == 4
    assert found[0].startswith("content/roadmaps/a.yml:2:1: unknown key 'sumary'")
    assert "did you mean 'summary'" in found[0]
    assert found[1].startswith("content/roadmaps/b.yml:2:1: YAML syntax error")
    assert found[2] == "content/skills/s.yml:3:31: impact: 7 is out of range: a score must be from 1 to 5"
    assert found[3].startswith("content/updates/2027-Q1.md:2:7: date: '2027-13-01' is not a date")


def test_dependency_cycle(tmp_path):
    found = problems(
        tmp_path,
        {
            "roadmaps/x.yml": """
            title: T
            phases:
              - title: P
                milestones:
                  - {id: a, title: A, depends_on: [c]}
                  - {id: b, title: B, depends_on: [a]}
                  - {id: c, title: C, depends_on: [b]}
                  - {id: d, title: D, depends_on: [d]}
            """
        },
    )
    assert "content/roadmaps/x.yml:5:39: dependency cycle: a -> c -> b -> a" in found
    assert any("cannot depend on itself" in p for p in found)


def test_a_file_with_numbers_where_lists_belong_is_reported_not_crashed_on(tmp_path):
    found = problems(
        tmp_path,
        {
            "roadmaps/x.yml": """
            title: T
            phases:
              - title: P
                milestones: -1
              - title: Q
                milestones:
                  - {id: a, title: A, depends_on: [gone]}
            paths: 3
            """
        },
    )
    assert "content/roadmaps/x.yml:4:17: milestones: expected a list, got -1" in found
    assert "content/roadmaps/x.yml:8:8: paths: expected a list, got 3" in found
    # the dependencies still readable are still checked
    assert "content/roadmaps/x.yml:7:40: no milestone has the id 'gone' (known: a)" in found


def test_duplicate_ids_and_derived_collisions(tmp_path):
    found = problems(
        tmp_path,
        {
            "roadmaps/x.yml": """
            title: T
            phases:
              - title: Learn
                milestones:
                  - {id: ship, title: A}
                  - {id: ship, title: B}
                  - {title: Same title}
                  - {title: Same title}
            """
        },
    )
    assert any(p.startswith("content/roadmaps/x.yml:6:") and "'ship' is already used on line 5" in p for p in found)
    assert any("'same-title' is already used" in p and "set a distinct 'id'" in p for p in found)


def test_nested_week_phases_get_distinct_derived_ids(tmp_path):
    content = loaded(
        tmp_path,
        {
            "roadmaps/x.yml": """
            title: T
            phases:
              - title: Month 1
                phases: [{title: Week 1-2, checklist: ["[ ] a"]}, {title: Week 3-4}]
              - title: Month 2
                phases: [{title: Week 1-2, checklist: ["[ ] a", "[ ] a"]}]
            """
        },
    )
    roadmap = content.roadmaps["x"].model
    weeks = [p.id for month in roadmap.phases for p in month.phases]
    assert weeks == ["month-1-week-1-2", "month-1-week-3-4", "month-2-week-1-2"]
    items = [i.id for i in roadmap.phases[1].phases[0].checklist]
    assert items == ["month-2-week-1-2-a", "month-2-week-1-2-a-2"]


def test_slipped_needs_a_record_and_done_on_needs_done(tmp_path):
    found = problems(
        tmp_path,
        {
            "roadmaps/x.yml": """
            title: T
            phases:
              - title: P
                milestones:
                  - {title: A, status: slipped}
                  - {title: B, status: active, done_on: 2026-05}
            """
        },
    )
    assert found == [
        "content/roadmaps/x.yml:5:28: status 'slipped' needs a 'slipped' record: {reason: why, new_due: when}",
        "content/roadmaps/x.yml:6:45: done_on is set but the status is 'active', not 'done'",
    ]
    found = problems(
        tmp_path,
        {
            "roadmaps/x.yml": "title: T\nphases:\n  - title: P\n    milestones:\n"
            "      - {title: C, status: slipped, slipped: {reason: '', new_due: 2027}}\n"
        },
    )
    assert found == ["content/roadmaps/x.yml:5:55: reason: may not be empty"]
    # Without a reason at all (pydantic before 2.11.5 let a default of another field stand in).
    found = problems(
        tmp_path,
        {
            "roadmaps/x.yml": "title: T\nphases:\n  - title: P\n    milestones:\n"
            "      - {title: C, status: slipped, slipped: {new_due: 2027}}\n"
        },
    )
    assert found == ["content/roadmaps/x.yml:5:46: a slip needs the key 'reason'"]


def test_skill_references(tmp_path):
    files = {
        "skills/me.yml": "title: S\nareas:\n  - {id: mlops, title: MLOps}\n",
        "roadmaps/x.yml": """
        title: T
        skills: me
        phases:
          - title: P
            milestones:
              - {title: A, builds: [mlop]}
        """,
    }
    assert problems(tmp_path, files) == [
        "content/roadmaps/x.yml:6:29: no skill area in me has the id 'mlop'; did you mean 'mlops'? (known: mlops)"
    ]
    files["roadmaps/x.yml"] = "title: T\nskills: you\n"
    assert problems(tmp_path, files) == ["content/roadmaps/x.yml:2:9: no skills file has the id 'you' (known: me)"]


def test_routes_must_name_stages(tmp_path):
    found = problems(
        tmp_path,
        {
            "roadmaps/x.yml": """
            title: T
            stages: [{id: gpu, title: GPU}]
            paths:
              - {for: Platform, route: [gpu, k8s]}
            """
        },
    )
    assert found == ["content/roadmaps/x.yml:4:34: no stage has the id 'k8s' (known: gpu)"]


@pytest.mark.parametrize(
    "link",
    ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x", "vbscript:x", "//evil.example/x", "file:///etc"],
)
def test_unsafe_link_schemes_are_rejected(tmp_path, link):
    found = problems(
        tmp_path,
        {"roadmaps/x.yml": f"title: T\nresources:\n  - {{title: R, url: '{link}'}}\n"},
    )
    assert len(found) == 1 and found[0].startswith("content/roadmaps/x.yml:3:")
    assert "http" in found[0]


@pytest.mark.parametrize("link", ["https://example.org/a?b=c#d", "mailto:me@example.org", "../skills/x/", "#top"])
def test_safe_links_are_accepted(tmp_path, link):
    content = loaded(tmp_path, {"roadmaps/x.yml": f"title: T\nresources:\n  - {{title: R, url: '{link}'}}\n"})
    assert content.roadmaps["x"].model.resources[0].url == link


def test_file_names_must_be_ids(tmp_path):
    found = problems(tmp_path, {"roadmaps/My Plan.yml": "title: T\n"})
    assert found == [
        "content/roadmaps/My Plan.yml:1:1: the file name 'My Plan' is used as an id: "
        "rename it to lowercase letters, digits and hyphens"
    ]


def test_update_must_name_a_known_roadmap(tmp_path):
    found = problems(
        tmp_path,
        {"roadmaps/x.yml": "title: T\n", "updates/2027-Q1.md": "---\ndate: 2027-01-05\nroadmap: y\n---\nText\n"},
    )
    assert found == ["content/updates/2027-Q1.md:3:10: no roadmap has the id 'y' (known: x)"]


def test_empty_content_folder(tmp_path):
    (tmp_path / "content").mkdir()
    with pytest.raises(ContentError, match="no roadmap found"):
        load_content(tmp_path / "content", tmp_path)


def test_checklist_shorthand_and_mapping(tmp_path):
    content = loaded(
        tmp_path,
        {
            "roadmaps/x.yml": """
            title: T
            phases:
              - title: P
                milestones:
                  - title: M
                    checklist:
                      - "[x] Dockerized"
                      - "[ ] Tested"
                      - "[~] Served"
                      - {text: Monitored, done: true, url: "https://example.org"}
                      - {text: Stable, id: stable-id}
            """
        },
    )
    milestone = next(milestones(content.roadmaps["x"].model)).obj
    assert [(i.text, i.status) for i in milestone.checklist] == [
        ("Dockerized", "done"),
        ("Tested", "todo"),
        ("Served", "active"),
        ("Monitored", "done"),
        ("Stable", "todo"),
    ]
    assert milestone.checklist[4].id == "stable-id"
    assert milestone.checklist[0].id == "m-dockerized"


def test_updates_about_a_roadmap_are_its_own_and_the_general_ones_newest_first(tmp_path):
    def update(day: str, roadmap: str | None) -> str:
        return f"---\ndate: {day}\n" + (f"roadmap: {roadmap}\n" if roadmap else "") + "---\nText\n"

    content = loaded(
        tmp_path,
        {
            "roadmaps/x.yml": "title: X\n",
            "roadmaps/y.yml": "title: Y\n",
            "updates/a.md": update("2027-01-05", "x"),
            "updates/b.md": update("2027-04-05", None),
            "updates/c.md": update("2027-07-05", "y"),
            "updates/d.md": update("2027-10-05", "x"),
            "updates/e.md": update("2026-10-05", None),
        },
    )
    assert [u.id for u in content.updates_about("x")] == ["d", "b", "a", "e"]
    assert [u.id for u in content.updates_about("y")] == ["c", "b", "e"]
    assert [u.id for u in content.updates_about("z")] == ["b", "e"]
    assert [u.id for u in content.updates_about("x")] == [
        u.id for u in content.updates if u.meta.roadmap in (None, "x")
    ], "the same as looking through every update"
