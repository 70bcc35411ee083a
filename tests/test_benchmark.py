"""benchmarks/run.py keeps working: its content generator and its data stage, at a tiny
size. Not a timed test: performance figures come only from the benchmark's own output."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest
import yaml
from conftest import REPO

from roadmap_site import pipeline
from roadmap_site.content.documents import milestones
from roadmap_site.speed import fastyaml


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("roadmap_benchmark", REPO / "benchmarks" / "run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_generated_content_is_valid_and_has_the_asked_size(bench, tmp_path):
    project = bench.make_project(tmp_path, 1, roadmaps=3, milestones=7, export=False)
    assert project.generated.milestones == 21
    settings = pipeline.Settings(content_dir=project.content, root=project.root, today=bench.TODAY)
    result = pipeline.run(settings)  # raises on any content error
    content = result.content
    assert sorted(content.roadmaps) == ["roadmap-0", "roadmap-1", "roadmap-2"]
    assert len(content.skills) == 3 and len(content.updates) == 3
    assert result.warnings == []  # nothing overdue or stale: the builds must not warn
    found = [node.obj for doc in content.roadmaps.values() for node in milestones(doc.model)]
    assert len(found) == 21
    assert "done" in {m.status for m in found} and len({m.status for m in found}) >= 2
    assert all(len(m.checklist) == 5 and m.evidence for m in found)
    assert any(m.depends_on for m in found) and any(m.builds for m in found)
    # the dates come from git: the project is a repository with one commit
    assert (project.root / ".git").is_dir()


def test_pyyaml_floor_parses_the_same_files(bench, tmp_path):
    project = bench.make_project(tmp_path, 1, roadmaps=2, milestones=3, export=False)
    assert bench.pyyaml_floor(project)() == []  # the timed form keeps nothing
    parsed = bench.pyyaml_floor(project, keep=True)()
    assert len(parsed) == 2 * 2 + 2  # roadmaps and skills files, then the updates' front matter
    assert parsed[0] == yaml.safe_load(project.generated.yaml_files[0].read_text(encoding="utf-8"))
    assert parsed[-1]["quarter"] == "2026-Q4"


def test_data_stage_reports_its_figures(bench, tmp_path):
    project = bench.make_project(tmp_path, 1, roadmaps=2, milestones=4, export=False)
    figures = bench.data_stage(project, runs=1)
    assert figures["milestones"] == 8
    assert figures["pages"] == 2 + 2 + 2  # roadmaps, skills, updates list and home
    assert figures["stage_s"] > 0 and figures["floor_s"] > 0
    assert figures["ratio"] == pytest.approx(figures["stage_s"] / figures["floor_s"])
    # last-updated dates from git: one git log, whatever the number of files
    assert figures["processes"] == ["git log"]
    # the generated content is all read by yaml-rs, where it is installed
    assert figures["files"] == 2 + 2 + 2
    assert figures["files_read_fast"] == (figures["files"] if fastyaml.enabled() else 0)


def test_table_and_summary_show_every_figure(bench):
    data = {
        "stage_s": 0.5,
        "floor_s": 0.25,
        "ratio": 2.0,
        "stage_milestones_per_s": 600.0,
        "us_per_milestone": 1666.0,
        "processes": ["git log"],
        "yaml_reader": "yaml-rs where exact, else PyYAML",
        "files": 30,
        "files_read_fast": 29,
        "cpu_ratio": 1.9,
    }
    build = {
        "plugin_s": 2.1,
        "plain_s": 2.0,
        "ratio": 1.05,
        "cpu_ratio": 1.04,
        "plugin_peak_mb": 90.0,
        "plain_peak_mb": 60.0,
        "best_ratio": 1.02,
        "paired_ratio": 1.03,
        "spread": 0.2,
    }
    rebuild = {
        "yaml_edit_s": 1.0,
        "markdown_edit_s": 1.0,
        "ratio": 1.0,
        "files_parsed_after_yaml_edit": 1,
        "files_parsed_after_markdown_edit": 0,
    }
    figures = [
        bench.SizeFigures(1, 10, 300, data, build, rebuild, dict(data, ratio=3.0, cpu_ratio=2.9)),
        bench.SizeFigures(100, 1000, 30000, dict(data, us_per_milestone=1700.0)),
    ]
    table = bench.table(figures)
    assert "| 1x | 10 x 30 | 0.500 s | 600 | 0.250 s | 2.00x | 3.00x | 2.10 s | 2.00 s | 1.050x | 90 / 60 |" in table
    assert "| 100x | 1000 x 30 |" in table and "| — | — |" in table
    lines = bench.summary(figures)
    assert (
        "data stage 1x: 2.00x the PyYAML floor (target <= 1.5): NOT met; in CPU time 1.90x; "
        "YAML read by yaml-rs where exact, else PyYAML (29 of 30 files)"
    ) in lines
    assert "  with PyYAML alone (the default install): 3.00x the floor; in CPU time 2.90x" in lines
    assert any(line.startswith("linearity:") and line.endswith("met") for line in lines)
    assert any(line.startswith("rebuild 1x:") and line.endswith("1 file(s) parsed: met") for line in lines)
    assert any(
        line.startswith("full build 1x:")
        and line.endswith("run by run 1.030x (median); best runs 1.020x; runs of one kind differ by up to 20%")
        for line in lines
    )


def test_noise_figures(bench):
    noise = bench._noise([2.0, 2.4, 2.2], [1.0, 1.1, 1.05])
    assert noise["best_ratio"] == pytest.approx(2.0)
    assert noise["paired_ratio"] == pytest.approx(2.2 / 1.05)  # of 2.0, 2.18 and 2.095
    assert noise["spread"] == pytest.approx(0.2)


def test_quick_mode_and_sizes(bench):
    options, out = bench.parse_args(["--quick", "--json", "x.json"])
    assert options.sizes == [1, 10] and options.runs == 2 and options.build_runs == 1
    assert out == Path("x.json")
    options, _ = bench.parse_args(["--sizes", "1,2", "--milestones", "5"])
    assert options.sizes == [1, 2] and options.milestones == 5 and options.runs == 5


def test_the_package_is_compiled_to_bytecode_before_anything_is_measured(bench, tmp_path):
    package = tmp_path / "roadmap_site"
    shutil.copytree(REPO / "roadmap_site", package, ignore=shutil.ignore_patterns("__pycache__"))
    bench.compile_bytecode(package)
    modules = sorted(package.rglob("*.py"))
    assert len(modules) > 30
    for module in modules:
        assert Path(importlib.util.cache_from_source(str(module))).is_file(), module
    (package / "broken.py").write_text("def (\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="could not compile"):
        bench.compile_bytecode(package)
