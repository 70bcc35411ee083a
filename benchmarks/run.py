"""Benchmark: what the roadmap pipeline adds to a site build, and how it scales.

    python3 benchmarks/run.py                      # sizes 1x, 10x, 100x: about 20 minutes here
    python3 benchmarks/run.py --quick              # sizes 1x and 10x, one run each: about 2 minutes
    python3 benchmarks/run.py --sizes 1,10 --runs 5 --json figures.json

Needs the package installed (``pip install -e '.[fast]'``: MkDocs finds the plugin by its
entry point; the extra installs yaml-rs, see roadmap_site/speed/fastyaml.py); the code measured
is always this checkout's, compiled to bytecode first as an installed copy is. See
docs/performance.md.

A size of N means N x 10 roadmaps of 30 milestones each (--roadmaps, --milestones), every
milestone with five checklist items, evidence, skill links and a dependency, and one
skills file and one quarterly update per roadmap. Content is generated into a temporary
git repository (one commit), so "last updated" dates come from git.

Figures, per size:

- data stage: ``pipeline.run`` (load, validate, check, git dates, derive, render
  Markdown) in a fresh process, best of --runs runs after a warm-up run, against
  reading and ``yaml.load`` with ``CSafeLoader`` of the same files (the floor for any
  pipeline that parses with PyYAML); ``pipeline.check`` alone tells loading from rendering.
  With yaml-rs installed it is measured twice: as installed (yaml-rs reads what it reads
  exactly as PyYAML) and with PyYAML alone (``ROADMAP_SITE_YAML=pyyaml``), the default
  install's figure;
- full build: ``mkdocs build`` with the plugin against a plain ``mkdocs build`` of the
  pages written by ``roadmap-site export`` (same theme, extensions, CSS and scripts,
  plugin off), each in a fresh process, alternated, --build-runs runs each; ratio of
  medians (wall time; CPU time too, which counts the child process that renders the
  plugin's pages meanwhile, see roadmap_site/speed/background.py), and the median ratio of the
  runs made one after the other; peak memory is each child's maximum resident set size,
  from ``os.wait4``;
- rebuild: one process drives MkDocs as ``mkdocs serve`` does (``on_startup`` once, then
  ``load_config`` and ``build`` again for every rebuild) and times a rebuild after a
  roadmap's YAML file changes against one after a Markdown page changes, counting the
  content files parsed.

Full builds and rebuilds run only at sizes up to --build-max (default 10): a plain
Material build grows faster than the page count (the navigation is rendered into every
page), and a 1,000-roadmap site would take most of an hour to build here.

The site-wide budgets of ``roadmap_site.folder`` stay as they are: a 1,000-roadmap site
is within them.
"""

from __future__ import annotations

import argparse
import compileall
import contextlib
import datetime as dt
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

REPOSITORY = Path(__file__).resolve().parent.parent
# measure this checkout's roadmap_site, in this process and in every child it starts
# (they run this script), even when the installed package is another checkout
sys.path.insert(0, str(REPOSITORY))

TODAY = dt.date(2026, 11, 23)
"""The fixed "today" of every build, so that statuses and stale checks do not drift."""
BASE_ROADMAPS = 10
"""Roadmaps at size 1."""

# --- synthetic content ---------------------------------------------------------------------

_VOCABULARY = (
    "data pipelines model serving feature stores GPU scheduling evaluation harness vector search "
    "observability batch inference fine-tuning retrieval latency budgets cost controls drift "
    "monitoring experiment tracking distributed training caching rollout schema contracts "
    "linear algebra probability gradients embeddings transformers tokenizers quantization "
    "kubernetes operators autoscaling queues streaming backfills lineage governance privacy "
    "benchmarks ablations notebooks packaging testing canaries dashboards alerts runbooks "
    "postmortems mentoring interviews writing talks reviews design documents prototypes "
    "sharding replication consensus indexes compaction storage formats parquet arrow spark "
    "ray dask airflow dbt terraform helm prometheus grafana tracing profiling compilers kernels"
)
_WORDS = _VOCABULARY.split()
_PHASES = ("Foundation", "Depth", "Leadership", "Breadth", "Capstone")
_KINDS = ("book", "course", "docs", "video", "article", "tool")
_LAYERS = ("foundation", "specialization")
AREAS_PER_SKILL_FILE = 8


def _words(seed: int, count: int) -> str:
    """``count`` words picked by a hash of ``seed``: varied text, the same on every run."""
    return " ".join(_WORDS[((seed * 2654435761 + i * 40503) >> 7) % len(_WORDS)] for i in range(count))


def _month(index: int) -> str:
    """A month from 2025-01 on, as YYYY-MM."""
    year, month = divmod(index, 12)
    return f"{2025 + year}-{month + 1:02d}"


def _q(text: str) -> str:
    """A YAML double-quoted string."""
    return json.dumps(text, ensure_ascii=False)


def roadmap_yaml(index: int, milestone_count: int, phase_count: int = 3) -> str:
    """A roadmap with ``milestone_count`` milestones spread over phases: statuses, due
    dates, slips, checklists (shorthand and mapping items), evidence, dependencies and
    skill links, plus resources, a project and a free section."""
    lines = [
        f"title: {_q(f'Roadmap {index}: {_words(index, 3).title()}')}",
        "owner:",
        f"  name: Person {index}",
        f"  headline: {_q(f'Engineer #{index} moving into {_words(index + 1, 2)}')}",
        "  links:",
        f"    github: https://github.com/person-{index}",
        "summary: |",
        f"  A plan to move from {_words(index, 2)} into {_words(index + 2, 3)} over three years.",
        f"  Progress is published **every quarter**; see `updates/` for the log (#{index}).",
        "cadence: quarterly",
        f"skills: skills-{index}",
        "facts:",
        f"  Starting point: {_q(_words(index + 3, 3))}",
        f"  Biggest gap: {_q(_words(index + 4, 2))}",
        "phases:",
    ]
    per_phase = -(-milestone_count // phase_count)
    number = 0
    for phase_index in range(phase_count):
        start = phase_index * 12
        lines += [
            f"  - id: phase-{phase_index + 1}",
            f"    title: {_q(f'Phase {phase_index + 1}: {_PHASES[phase_index % len(_PHASES)]}')}",
            f"    period: {_month(start)} .. {_month(start + 11)}",
            f"    theme: {_q(_words(index * 10 + phase_index + 5, 6).capitalize() + '.')}",
            "    success: |",
            f"      Anyone reading my repositories can see I ship {_words(index * 10 + phase_index, 3)}.",
            "    resources:",
            f"      - {{title: {_q(_words(phase_index, 3).title())}, kind: {_KINDS[phase_index % len(_KINDS)]}, "
            f"url: 'https://example.org/r/{index}/{phase_index}'}}",
        ]
        in_phase = range(number, min(number + per_phase, milestone_count))
        lines += ["    milestones:"] if in_phase else []
        for number in in_phase:
            lines += _milestone(index, number)
        number = in_phase.stop
    lines += [
        "projects:",
        f"  - title: {_q(f'Capstone {index}')}",
        "    difficulty: advanced",
        "    checklist: ['[x] Design doc', '[ ] Prototype', '[ ] Write-up']",
        "sections:",
        "  - title: How to hold me accountable",
        "    body: |",
        "      Open an issue if a quarter passes without an update; I answer within a week.",
    ]
    return "\n".join(lines) + "\n"


def _milestone(roadmap: int, number: int) -> list[str]:
    month = number  # one milestone a month from 2025-01
    seed = roadmap * 10_000 + number * 10
    due = _month(month)
    past = dt.date.fromisoformat(f"{due}-01") < TODAY.replace(day=1)
    kind = number % 10
    if past and kind == 7:
        status = "dropped"
    elif past and kind == 3:
        status = "slipped"
    else:
        status = "done" if past else ("active" if kind % 3 == 0 else "planned")
    lines = [
        f"      - id: m{number}",
        f"        title: {_q(f'Milestone {number}: {_words(seed, 4)} (part {number % 4 + 1})')}",
        f"        status: {status}",
        f"        due: {due}",
    ]
    if status == "done":
        lines.append(f"        done_on: {due}-{(number % 27) + 1:02d}")
    lines += [
        "        summary: |",
        f"          Ship {_words(seed + 1, 5)} & measure it against the <baseline>; write up what broke.",
        f"        builds: [area-{number % AREAS_PER_SKILL_FILE}, area-{(number + 3) % AREAS_PER_SKILL_FILE}]",
    ]
    if number:
        lines.append(
            f"        depends_on: [m{number - 1}]" if number % 5 else f"        depends_on: [m{number - 1}, m0]"
        )
    lines.append("        checklist:")
    for item in range(5):
        done = status == "done" or (status != "planned" and item < 2)
        text = f"{_words(seed * 8 + item, 3).capitalize()} step {item + 1}"
        if item == 4:
            lines += [
                f"          - text: {_q(text + ' [stretch]')}",
                f"            done: {'true' if done else 'false'}",
                f"            url: https://example.org/{roadmap}/{number}/{item}",
            ]
        else:
            lines.append(f"          - {_q(('[x] ' if done else '[ ] ') + text)}")
    lines.append(f"        evidence: [{{title: Repository, url: 'https://github.com/person-{roadmap}/m{number}'}}]")
    if status == "slipped":
        lines += [
            "        slipped:",
            f"          - reason: {_q('The ' + _words(seed + 2, 2) + ' work took longer than planned.')}",
            f"            new_due: {_month(month + 24)}",
        ]
    return lines


def skills_yaml(index: int) -> str:
    """A skills file with AREAS_PER_SKILL_FILE scored areas."""
    lines = [f"title: {_q(f'Skill map {index}')}", "areas:"]
    for area in range(AREAS_PER_SKILL_FILE):
        level = area % 4
        lines += [
            f"  - id: area-{area}",
            f"    title: {_q(_words(index * 100 + area, 3).title())}",
            f"    layer: {_LAYERS[area % 2]}",
            f"    topics: [{', '.join(_q(w) for w in _words(area, 4).split())}]",
            "    outcomes:",
            f"      - '[x] Explain {_words(index * 100 + area + 50, 2)}'",
            f"      - '[ ] Build {_words(index * 100 + area + 70, 2)}'",
            f"    level: {level}",
            f"    target: {min(5, level + 2)}",
            f"    impact: {area % 5 + 1}",
        ]
    return "\n".join(lines) + "\n"


def update_md(index: int) -> str:
    """A quarterly update of one roadmap, recent enough that it is not stale."""
    return (
        f"---\ndate: 2026-10-{(index % 28) + 1:02d}\nquarter: 2026-Q4\nroadmap: roadmap-{index}\n---\n\n"
        f"This quarter I finished the {_words(index * 3, 3)} milestone and started on {_words(index * 3 + 1, 2)}.\n\n"
        "Next quarter: the write-up, then the next phase.\n"
    )


ABOUT_MD = "# About\n\nThese roadmaps are synthetic: they exist to measure the site build.\n"


@dataclass
class Generated:
    """What was generated: counts and the files' total size."""

    roadmaps: int
    milestones: int
    yaml_files: list[Path]
    markdown_files: list[Path]
    bytes: int


def generate(content: Path, roadmaps: int, milestones: int) -> Generated:
    """Write ``roadmaps`` roadmaps of ``milestones`` milestones, a skills file and an
    update each, and an about page, under ``content``."""
    yaml_files: list[Path] = []
    markdown_files: list[Path] = []
    for folder in ("roadmaps", "skills", "updates"):
        (content / folder).mkdir(parents=True, exist_ok=True)
    for index in range(roadmaps):
        for path, text in (
            (content / "roadmaps" / f"roadmap-{index}.yml", roadmap_yaml(index, milestones)),
            (content / "skills" / f"skills-{index}.yml", skills_yaml(index)),
        ):
            path.write_text(text, encoding="utf-8")
            yaml_files.append(path)
        path = content / "updates" / f"2026-q4-{index}.md"
        path.write_text(update_md(index), encoding="utf-8")
        markdown_files.append(path)
    about = content / "about.md"
    about.write_text(ABOUT_MD, encoding="utf-8")
    total = sum(p.stat().st_size for p in [*yaml_files, *markdown_files])
    return Generated(roadmaps, roadmaps * milestones, yaml_files, markdown_files, total)


# --- a project with the plugin, and the same pages exported for a plain build ---------------

MARKDOWN_EXTENSIONS = """\
markdown_extensions:
  - attr_list
  - md_in_html
  - admonition
  - tables
  - toc:
      permalink: true
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format
  - pymdownx.tasklist:
      custom_checkbox: true
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
"""
"""The extensions the plugin registers, written out so that the plain build has them too."""

SITE_HEAD = """\
site_name: Benchmark roadmaps
site_url: https://example.org/roadmaps/
theme:
  name: material
  font: false
"""


@dataclass
class Project:
    """A generated project: ``mkdocs.yml`` with the plugin over ``content/``, and
    ``plain/mkdocs.yml`` over the exported pages in ``plain/docs/``."""

    root: Path
    size: int
    generated: Generated

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def plain(self) -> Path:
        return self.root / "plain"


def _git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Benchmark", "-c", "user.email=benchmark@example.org", *args],
        cwd=root,
        check=True,
        capture_output=True,
    )


def make_project(root: Path, size: int, roadmaps: int, milestones: int, *, export: bool = True) -> Project:
    """Generate content under ``root`` (a new git repository with one commit), write the
    plugin site's mkdocs.yml and, with ``export``, the plain site from ``roadmap-site export``."""
    from roadmap_site.render import extensions

    generated = generate(root / "content", roadmaps, milestones)
    listed = {line.strip(" -:").split(":")[0] for line in MARKDOWN_EXTENSIONS.splitlines()[1:] if line[:4] == "  - "}
    missing = set(extensions.REQUIRED) - listed
    if missing:  # keep the plain build comparable when the plugin starts to need more
        raise SystemExit(f"benchmark: add {sorted(missing)} to MARKDOWN_EXTENSIONS")
    (root / "mkdocs.yml").write_text(
        SITE_HEAD + "docs_dir: content\nplugins:\n  - search\n"
        f'  - roadmap:\n      today: "{TODAY.isoformat()}"\n' + MARKDOWN_EXTENSIONS,
        encoding="utf-8",
    )
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "Synthetic roadmaps")
    project = Project(root, size, generated)
    if export:
        export_plain(project)
    return project


def export_plain(project: Project) -> None:
    """``roadmap-site export plain/docs`` and a mkdocs.yml with the same theme, extensions,
    stylesheets and scripts, without the plugin."""
    done = subprocess.run(
        [
            sys.executable,
            __file__,
            "--worker",
            "roadmap-site",
            "export",
            "plain/docs",
            "content",
            "--today",
            TODAY.isoformat(),
        ],
        cwd=project.root,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise SystemExit(f"benchmark: roadmap-site export failed:\n{done.stdout}{done.stderr}")
    assets = sorted((project.plain / "docs" / "assets" / "roadmap-site").iterdir())
    css = [f"  - assets/roadmap-site/{a.name}\n" for a in assets if a.suffix == ".css"]
    js = [f"  - assets/roadmap-site/{a.name}\n" for a in assets if a.suffix == ".js"]
    (project.plain / "mkdocs.yml").write_text(
        SITE_HEAD
        + "docs_dir: docs\nplugins:\n  - search\n"
        + ("extra_css:\n" + "".join(css) if css else "")
        + ("extra_javascript:\n" + "".join(js) if js else "")
        + MARKDOWN_EXTENSIONS,
        encoding="utf-8",
    )


# --- the data stage ---------------------------------------------------------------------------


@contextlib.contextmanager
def counting_processes() -> Iterator[list[list[str]]]:
    """Record the command of every process started while inside."""
    started: list[list[str]] = []
    original = subprocess.Popen

    class Counting(original):  # type: ignore[valid-type,misc]
        def __init__(self, args: Any, *rest: Any, **kwargs: Any) -> None:
            started.append([str(a) for a in args] if isinstance(args, (list, tuple)) else [str(args)])
            super().__init__(args, *rest, **kwargs)

    subprocess.Popen = Counting  # type: ignore[misc]
    try:
        yield started
    finally:
        subprocess.Popen = original  # type: ignore[misc]


def pyyaml_floor(project: Project, *, keep: bool = False) -> Callable[[], list[Any]]:
    """Reading and ``yaml.load`` (CSafeLoader) of every content file the pipeline parses:
    the YAML files and the updates' front matter.

    Each file's data is dropped once parsed (unless ``keep``): holding all of it would
    make Python's garbage collector traverse more and more objects, a cost that grows
    faster than the content and would flatter the ratio at large sizes. So this is the
    lowest time PyYAML needs, the strictest floor.
    """
    import yaml

    loader = yaml.CSafeLoader
    texts = [(path, False) for path in project.generated.yaml_files]
    texts += [(path, True) for path in project.generated.markdown_files]

    def parse() -> list[Any]:
        kept = []
        for path, front_matter in texts:
            text = path.read_text(encoding="utf-8")
            data = yaml.load(text.split("\n---", 1)[0][4:] if front_matter else text, Loader=loader)
            if keep:
                kept.append(data)
        return kept

    return parse


def data_stage(project: Project, runs: int) -> dict[str, Any]:
    """Time ``pipeline.run`` against the PyYAML floor, alternating, after a warm-up; and
    ``pipeline.check`` (everything but rendering) to tell loading from rendering."""
    import gc

    from roadmap_site import pipeline
    from roadmap_site.speed import fastyaml

    settings = pipeline.Settings(content_dir=project.content, root=project.root, today=TODAY)
    floor = pyyaml_floor(project)
    with counting_processes() as started:
        result = pipeline.run(settings)  # warm-up: imports, template compilation
    pages = len(result.pages)
    markdown_bytes = sum(len(page.markdown.encode()) for page in result.pages)
    sources = [doc.source for doc in [*result.content.roadmaps.values(), *result.content.skills.values()]]
    sources += [update.source for update in result.content.updates]
    files, read_fast = len(sources), sum(source.text is not None for source in sources)
    # nothing of the warm-up may stay alive: the collector would traverse it again and again
    # during the timed runs, the floor's included
    del result, sources
    times: dict[str, list[float]] = {"floor": [], "stage": [], "check": []}
    cpu: dict[str, list[float]] = {"floor": [], "stage": [], "check": []}
    work: dict[str, Callable[[], object]] = {
        "floor": floor,
        "stage": lambda: pipeline.run(settings),
        "check": lambda: pipeline.check(settings),
    }
    for _ in range(runs):
        for name in ("floor", "stage", "check"):
            gc.collect()
            start, start_cpu = time.perf_counter(), time.process_time()
            done = work[name]()
            times[name].append(time.perf_counter() - start)
            cpu[name].append(time.process_time() - start_cpu)
            del done
    milestones = project.generated.milestones
    # best of the runs, as timeit does: on a shared machine the other runs measure the
    # other work too (every run is in the JSON)
    stage, parse, check = (min(times[name]) for name in ("stage", "floor", "check"))
    return {
        "milestones": milestones,
        "pages": pages,
        "bytes": project.generated.bytes,
        "markdown_bytes": markdown_bytes,
        "stage_s": stage,
        "floor_s": parse,
        "check_s": check,
        "render_s": stage - check,
        "stage_runs_s": times["stage"],
        "floor_runs_s": times["floor"],
        "check_runs_s": times["check"],
        "stage_milestones_per_s": milestones / stage,
        "floor_milestones_per_s": milestones / parse,
        "ratio": stage / parse,
        # in this process's CPU time (less sensitive to other work on the machine; leaves
        # out the git processes)
        "cpu_ratio": min(cpu["stage"]) / min(cpu["floor"]),
        "us_per_milestone": stage / milestones * 1e6,
        "processes": [" ".join(cmd[:2]) for cmd in started],
        "yaml_reader": "yaml-rs where exact, else PyYAML" if fastyaml.enabled() else "PyYAML",
        "files": files,
        "files_read_fast": read_fast,
        # the worker process's peak resident memory: the data stage's, as the floor keeps nothing
        "peak_mb": _peak_mb(resource.getrusage(resource.RUSAGE_SELF)),
    }


# --- full builds, each in a fresh process -------------------------------------------------------


@dataclass
class BuildRun:
    """One ``mkdocs build``: wall time, CPU time and peak resident memory of the process."""

    seconds: float
    cpu_seconds: float
    peak_mb: float


def mkdocs_build(config: Path, site_dir: Path) -> BuildRun:
    """Run ``mkdocs build`` in a child process; raise if it fails or warns."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    # `mkdocs build`, through this script so that it imports this checkout's roadmap_site
    command = [sys.executable, __file__, "--worker", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site_dir)]
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        child = subprocess.Popen(command, cwd=config.parent, env=env, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        stderr = errors.read().decode(errors="replace")
    if child.returncode or "WARNING" in stderr or "ERROR" in stderr:
        raise SystemExit(f"benchmark: {' '.join(command)} failed ({child.returncode}):\n{stderr}")
    return BuildRun(seconds, usage.ru_utime + usage.ru_stime, _peak_mb(usage))


def _peak_mb(usage: Any) -> float:
    """``ru_maxrss`` in MiB: it is in KiB on Linux, in bytes on macOS."""
    return float(usage.ru_maxrss) * (1 if sys.platform == "darwin" else 1024) / 2**20


def _html_pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def full_builds(project: Project, runs: int) -> dict[str, Any]:
    """Plugin and plain builds, alternated, ``runs`` each (no warm-up: alternating puts
    both in the same state, and a build of 100 roadmaps takes 20 s here)."""
    plugin_site, plain_site = project.root / "site-plugin", project.root / "site-plain"
    plugin_runs: list[BuildRun] = []
    plain_runs: list[BuildRun] = []
    for index in range(runs):
        # alternate which goes first, so that neither always follows the other
        order = [(project.root, plugin_site, plugin_runs), (project.plain, plain_site, plain_runs)]
        for folder, site, found in order if index % 2 == 0 else order[::-1]:
            found.append(mkdocs_build(folder / "mkdocs.yml", site))
    missing = _html_pages(plain_site) ^ _html_pages(plugin_site)
    if missing:
        raise SystemExit(f"benchmark: the two sites differ in their pages: {sorted(missing)[:10]}")
    plugin_s = statistics.median(r.seconds for r in plugin_runs)
    plain_s = statistics.median(r.seconds for r in plain_runs)
    plugin_times, plain_times = [r.seconds for r in plugin_runs], [r.seconds for r in plain_runs]
    return {
        "html_pages": len(_html_pages(plugin_site)),
        "plugin_s": plugin_s,
        "plain_s": plain_s,
        "ratio": plugin_s / plain_s,
        **_noise(plugin_times, plain_times),
        "cpu_ratio": statistics.median(r.cpu_seconds for r in plugin_runs)
        / statistics.median(r.cpu_seconds for r in plain_runs),
        "plugin_cpu_s": statistics.median(r.cpu_seconds for r in plugin_runs),
        "plain_cpu_s": statistics.median(r.cpu_seconds for r in plain_runs),
        "plugin_peak_mb": max(r.peak_mb for r in plugin_runs),
        "plain_peak_mb": max(r.peak_mb for r in plain_runs),
        "plugin_runs": [asdict(r) for r in plugin_runs],
        "plain_runs": [asdict(r) for r in plain_runs],
    }


def _noise(ours: list[float], theirs: list[float]) -> dict[str, float]:
    """How far the runs of one kind spread (largest over smallest, minus one), the ratio
    of the best runs, and the median ratio of the runs made one after the other (``ours[i]``
    and ``theirs[i]``): on a shared machine a median of few runs can be off by more than
    the differences measured, and the machine's speed drifts less within a pair."""
    return {
        "best_ratio": min(ours) / min(theirs),
        "paired_ratio": statistics.median(a / b for a, b in zip(ours, theirs, strict=True)),
        "spread": max(max(runs) / min(runs) for runs in (ours, theirs)) - 1,
    }


# --- rebuilds in one long-lived process, as `mkdocs serve` does them ----------------------------


def serve_rebuilds(project: Project, runs: int) -> dict[str, Any]:
    """Build once, then rebuild after editing a roadmap's YAML and after editing a Markdown
    page, alternately, ``runs`` times each, the way ``mkdocs serve`` rebuilds.

    ``mkdocs serve`` (mkdocs/commands/serve.py) calls ``on_startup`` once, then for every
    rebuild loads the config again and calls ``mkdocs.commands.build.build``; MkDocs keeps
    a plugin's instance between those loads when the plugin has ``on_startup`` or
    ``on_shutdown``. Run this in a process of its own: MkDocs' plugin cache is global.
    """
    import logging

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from roadmap_site.content import loader as content_module

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    parsed: list[str] = []
    for name in ("load_yaml_file", "load_markdown_file"):
        original = getattr(content_module, name)

        def counted(path: Path, display: str, _original: Any = original) -> Any:
            parsed.append(display)
            return _original(path, display)

        setattr(content_module, name, counted)

    serve_url = "http://127.0.0.1:8000/roadmaps/"
    site_dir = tempfile.mkdtemp(prefix="mkdocs_")

    def get_config() -> Any:
        config = load_config(config_file=str(project.root / "mkdocs.yml"), site_dir=site_dir)
        config.site_url = serve_url
        return config

    config = get_config()
    config.plugins.on_startup(command="serve", dirty=False)
    build(config, serve_url=serve_url)
    first_plugin = config.plugins["roadmap"]

    yaml_file = project.content / "roadmaps" / "roadmap-0.yml"
    markdown_file = project.content / "about.md"
    original_yaml = yaml_file.read_text(encoding="utf-8")
    yaml_times: list[float] = []
    markdown_times: list[float] = []
    yaml_parsed: list[int] = []
    markdown_parsed: list[int] = []
    kept = True
    try:
        for index in range(runs):
            edits = [
                (
                    yaml_file,
                    original_yaml.replace("Milestone 1:", f"Milestone 1 (edit {index}):", 1),
                    yaml_times,
                    yaml_parsed,
                ),
                (markdown_file, ABOUT_MD + f"\nEdit {index}.\n", markdown_times, markdown_parsed),
            ]
            for path, text, times, counts in edits if index % 2 == 0 else edits[::-1]:
                path.write_text(text, encoding="utf-8")
                del parsed[:]
                start = time.perf_counter()
                config = get_config()  # what serve's builder() does for each rebuild
                build(config, serve_url=serve_url)
                times.append(time.perf_counter() - start)
                counts.append(len(parsed))
                kept = kept and config.plugins["roadmap"] is first_plugin
    finally:
        yaml_file.write_text(original_yaml, encoding="utf-8")
        markdown_file.write_text(ABOUT_MD, encoding="utf-8")
        config.plugins.on_shutdown()
    yaml_s, markdown_s = statistics.median(yaml_times), statistics.median(markdown_times)
    return {
        "yaml_edit_s": yaml_s,
        "markdown_edit_s": markdown_s,
        "ratio": yaml_s / markdown_s,
        **_noise(yaml_times, markdown_times),
        "files_parsed_after_yaml_edit": max(yaml_parsed),
        "files_parsed_after_markdown_edit": max(markdown_parsed),
        "plugin_instance_kept": kept,
        "yaml_edit_runs_s": yaml_times,
        "markdown_edit_runs_s": markdown_times,
    }


# --- running it all ------------------------------------------------------------------------------


def open_project(root: Path, size: int) -> Project:
    """A project made by :func:`make_project` earlier (in another process)."""
    content = root / "content"
    yaml_files = sorted([*content.glob("roadmaps/*.yml"), *content.glob("skills/*.yml")])
    markdown_files = sorted(content.glob("updates/*.md"))
    roadmaps = len(list(content.glob("roadmaps/*.yml")))
    milestones = sum(p.read_text(encoding="utf-8").count("\n      - id: m") for p in content.glob("roadmaps/*.yml"))
    total = sum(p.stat().st_size for p in [*yaml_files, *markdown_files])
    return Project(root, size, Generated(roadmaps, milestones, yaml_files, markdown_files, total))


def _in_child(task: str, project: Project, runs: int, **env: str) -> dict[str, Any]:
    """Run ``task`` of this script in a fresh Python process (with ``env`` added to the
    environment) and return its figures."""
    done = subprocess.run(
        [sys.executable, __file__, "--worker", task, str(project.root), str(project.size), str(runs)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
    )
    if done.returncode:
        raise SystemExit(f"benchmark: the {task} worker failed:\n{done.stdout}\n{done.stderr}")
    figures: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


def _worker(task: str, *args: str) -> None:
    if task in ("mkdocs", "roadmap-site"):  # the command itself, in this process
        sys.argv = [task, *args]
        if task == "mkdocs":
            from mkdocs.__main__ import cli

            cli()
        from roadmap_site.cli.main import main as roadmap_site

        sys.exit(roadmap_site(list(args)))
    root, size, runs = args
    project = open_project(Path(root), int(size))
    figures = data_stage(project, int(runs)) if task == "data" else serve_rebuilds(project, int(runs))
    print(json.dumps(figures))


@dataclass
class Options:
    """What to measure."""

    sizes: list[int]
    roadmaps: int = BASE_ROADMAPS
    milestones: int = 30
    runs: int = 3
    build_runs: int = 3
    rebuild_runs: int = 3
    build_max: int = 10
    keep: Path | None = None


@dataclass
class SizeFigures:
    """Everything measured at one size."""

    size: int
    roadmaps: int
    milestones: int
    data: dict[str, Any]
    build: dict[str, Any] | None = None
    rebuild: dict[str, Any] | None = None
    data_pyyaml: dict[str, Any] | None = None
    """The data stage with PyYAML alone, when yaml-rs is installed (``data`` is then with it)."""
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)


def measure(options: Options, say: Callable[[str], None] = print) -> list[SizeFigures]:
    """Every figure at every size."""
    figures = []
    for size in options.sizes:
        began = time.perf_counter()
        roadmaps = options.roadmaps * size
        with contextlib.ExitStack() as stack:
            if options.keep:
                root = options.keep / f"size-{size}"
                root.mkdir(parents=True)
            else:
                root = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix=f"roadmap-bench-{size}x-")))
            builds = size <= options.build_max
            say(f"size {size}x: generating {roadmaps} roadmaps x {options.milestones} milestones in {root}")
            project = make_project(root, size, roadmaps, options.milestones, export=builds)
            say(f"size {size}x: data stage, {options.runs} runs")
            found = SizeFigures(size, roadmaps, project.generated.milestones, _in_child("data", project, options.runs))
            if found.data["yaml_reader"] != "PyYAML":
                say(f"size {size}x: data stage with PyYAML alone, {options.runs} runs")
                found.data_pyyaml = _in_child("data", project, options.runs, ROADMAP_SITE_YAML="pyyaml")
            if builds:
                say(f"size {size}x: full builds, {options.build_runs} runs each")
                found.build = full_builds(project, options.build_runs)
                say(f"size {size}x: rebuilds as in mkdocs serve, {options.rebuild_runs} runs each")
                found.rebuild = _in_child("rebuild", project, options.rebuild_runs)
        found.seconds = time.perf_counter() - began
        figures.append(found)
    return figures


def _fmt(value: float | None, pattern: str, unit: str = "") -> str:
    return "—" if value is None else format(value, pattern) + unit


def table(figures: list[SizeFigures]) -> str:
    """The figures as a Markdown table (also readable as plain text)."""
    rows = [
        "| size | roadmaps x milestones | data stage | milestones/s | PyYAML parse | ratio | "
        "ratio, PyYAML alone | build with plugin | plain build | ratio | peak MB plugin / plain | "
        "rebuild after YAML edit | after Markdown edit | ratio | files parsed YAML / MD |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for f in figures:
        d, b, r = f.data, f.build or {}, f.rebuild or {}
        milestones_per_roadmap = f.milestones // f.roadmaps
        peak = f"{b['plugin_peak_mb']:.0f} / {b['plain_peak_mb']:.0f}" if b else "—"
        parsed = f"{r['files_parsed_after_yaml_edit']} / {r['files_parsed_after_markdown_edit']}" if r else "—"
        rows.append(
            f"| {f.size}x | {f.roadmaps} x {milestones_per_roadmap} | {d['stage_s']:.3f} s | "
            f"{d['stage_milestones_per_s']:,.0f} | {d['floor_s']:.3f} s | {d['ratio']:.2f}x | "
            f"{_fmt(f.data_pyyaml['ratio'] if f.data_pyyaml else None, '.2f', 'x')} | "
            f"{_fmt(b.get('plugin_s'), '.2f', ' s')} | {_fmt(b.get('plain_s'), '.2f', ' s')} | "
            f"{_fmt(b.get('ratio'), '.3f', 'x')} | {peak} | "
            f"{_fmt(r.get('yaml_edit_s'), '.2f', ' s')} | {_fmt(r.get('markdown_edit_s'), '.2f', ' s')} | "
            f"{_fmt(r.get('ratio'), '.3f', 'x')} | {parsed} |"
        )
    return "\n".join(rows)


def _noise_note(figures: dict[str, Any]) -> str:
    if "best_ratio" not in figures:
        return ""
    paired = f"; run by run {figures['paired_ratio']:.3f}x (median)"
    return f"{paired}; best runs {figures['best_ratio']:.3f}x; runs of one kind differ by up to {figures['spread']:.0%}"


def summary(figures: list[SizeFigures]) -> list[str]:
    """The targets, each with its figure and whether it is met."""
    lines = []
    for f in figures:
        reader = f.data.get("yaml_reader", "PyYAML")
        read_fast = f" ({f.data['files_read_fast']} of {f.data['files']} files)" if reader != "PyYAML" else ""
        lines.append(
            f"data stage {f.size}x: {f.data['ratio']:.2f}x the PyYAML floor (target <= 1.5): "
            + ("met" if f.data["ratio"] <= 1.5 else "NOT met")
            + (f"; in CPU time {f.data['cpu_ratio']:.2f}x" if "cpu_ratio" in f.data else "")
            + f"; YAML read by {reader}{read_fast}"
        )
        if f.data_pyyaml:
            lines.append(
                f"  with PyYAML alone (the default install): {f.data_pyyaml['ratio']:.2f}x the floor"
                f"; in CPU time {f.data_pyyaml['cpu_ratio']:.2f}x"
            )
        d = f.data
        if "check_s" in d:
            lines.append(
                f"  of which loading and checks {d['check_s']:.3f} s ({d['check_s'] / d['floor_s']:.2f}x the floor), "
                f"rendering {d['markdown_bytes'] / 1e6:.1f} MB of Markdown {d['render_s']:.3f} s; "
                f"peak memory {d['peak_mb']:.0f} MB"
            )
    if len(figures) > 1:
        small, large = figures[0].data["us_per_milestone"], figures[-1].data["us_per_milestone"]
        change = large / small - 1
        lines.append(
            f"linearity: {small:.0f} us per milestone at {figures[0].size}x, {large:.0f} at {figures[-1].size}x "
            f"({change:+.0%}; target within 25%): " + ("met" if abs(change) <= 0.25 else "NOT met")
        )
    for f in figures:
        if f.build:
            lines.append(
                f"full build {f.size}x: plugin {f.build['ratio']:.3f}x the plain build (target <= 1.05 at 10x): "
                + ("met" if f.build["ratio"] <= 1.05 else "NOT met")
                + f"; in CPU time {f.build['cpu_ratio']:.3f}x"
                + _noise_note(f.build)
            )
        if f.rebuild:
            lines.append(
                f"rebuild {f.size}x: after a YAML edit {f.rebuild['ratio']:.3f}x after a Markdown edit "
                f"(target <= 1.1), {f.rebuild['files_parsed_after_yaml_edit']} file(s) parsed: "
                + ("met" if f.rebuild["ratio"] <= 1.1 else "NOT met")
                + _noise_note(f.rebuild)
            )
    processes = sorted({p for f in figures for p in f.data["processes"]})
    counts = sorted({len(f.data["processes"]) for f in figures})
    lines.append(f"processes started by the data stage at every size: {counts} ({', '.join(processes)})")
    return lines


def parse_args(argv: list[str] | None = None) -> tuple[Options, Path | None]:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--sizes", default="1,10,100", help="comma-separated multiples of --roadmaps (default 1,10,100)"
    )
    parser.add_argument("--roadmaps", type=int, default=BASE_ROADMAPS, help="roadmaps at size 1 (default 10)")
    parser.add_argument("--milestones", type=int, default=30, help="milestones per roadmap (default 30)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of the data stage per size (default 5)")
    parser.add_argument("--build-runs", type=int, default=5, help="timed runs of each full build (default 5)")
    parser.add_argument("--rebuild-runs", type=int, default=3, help="timed rebuilds of each kind (default 3)")
    parser.add_argument("--build-max", type=int, default=10, help="largest size with builds and rebuilds (default 10)")
    parser.add_argument("--quick", action="store_true", help="sizes 1,10; 2 data runs, 1 build and 1 rebuild run each")
    parser.add_argument("--json", type=Path, metavar="OUT", help="also write the figures to this JSON file")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="generate into DIR (must not exist) and keep it")
    args = parser.parse_args(argv)
    options = Options(
        sizes=[int(s) for s in args.sizes.split(",")],
        roadmaps=args.roadmaps,
        milestones=args.milestones,
        runs=args.runs,
        build_runs=args.build_runs,
        rebuild_runs=args.rebuild_runs,
        build_max=args.build_max,
        keep=args.keep,
    )
    if args.quick:
        options.sizes = [s for s in options.sizes if s <= 10] if args.sizes != "1,10,100" else [1, 10]
        options.runs, options.build_runs, options.rebuild_runs = 2, 1, 1
    return options, args.json


def compile_bytecode(package: Path = REPOSITORY / "roadmap_site") -> None:
    """Compile the package's modules to bytecode, as pip does when it installs a package.
    Where ``PYTHONDONTWRITEBYTECODE`` is set (as on this project's machine), Python
    would otherwise compile them from source in every build process measured, which no
    installed copy does (0.06 s to 0.09 s of each build here)."""
    if not compileall.compile_dir(str(package), quiet=1):
        raise SystemExit(f"benchmark: could not compile {package}")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--worker"]:
        _worker(*argv[1:])
        return 0
    options, json_out = parse_args(argv)
    compile_bytecode()
    started = dt.datetime.now().astimezone()
    figures = measure(options, say=lambda line: print(line, file=sys.stderr, flush=True))
    print(table(figures))
    print()
    for line in summary(figures):
        print(line)
    if json_out:
        report = {
            "date": started.isoformat(timespec="seconds"),
            "command": " ".join(["python3", "benchmarks/run.py", *argv]),
            "machine": {
                "python": platform.python_version(),
                "platform": platform.platform(),
                "cpus": os.cpu_count(),
            },
            "options": {k: (str(v) if isinstance(v, Path) else v) for k, v in asdict(options).items()},
            "sizes": [asdict(f) for f in figures],
            "summary": summary(figures),
        }
        json_out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
