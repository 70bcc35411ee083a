"""Property-based hardening tests: generated content trees, and the example files mutated.

For every case the build either succeeds with no live injection anywhere (pages as
Python-Markdown converts them with MkDocs' extensions, update pages, progress.json,
badges, the feed) or stops with ``file:line:column`` errors; never another exception,
and the content folder is byte-identical afterwards.

The data stage runs in-process for speed. A few hundred cases run in the normal suite;
set ROADMAP_SITE_FUZZ_EXAMPLES (e.g. 5000) for more per test (docs/security.md).
"""

from __future__ import annotations

import html
import json
import os
import re
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO, TODAY, mkdocs_build
from hypothesis import HealthCheck, Phase, assume, given, settings
from hypothesis import strategies as st
from safety import Converter, live_parts, scan_html, tree_digest, unpositioned_lines

from roadmap_site import pipeline
from roadmap_site.content.gitdates import GitDates
from roadmap_site.content.problems import ContentError
from roadmap_site.links import SiteInfo
from roadmap_site.publish.data_files import data_files
from roadmap_site.render import escape
from roadmap_site.render.pages import update_page

EXAMPLES = int(os.environ.get("ROADMAP_SITE_FUZZ_EXAMPLES", "0"))
CANARY = "XSSCANARY"
SNIPPET_CANARY = "SNIPPETCANARY"
SLOW_CASE_SECONDS = 20
"""A case taking longer than this is a failure: hostile content must not slow a build down."""


def fuzz_settings(default: int) -> Any:
    return settings(
        max_examples=EXAMPLES or default,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    )


# --- hostile material -------------------------------------------------------------------------

INERT = [
    f'<script>alert("{CANARY}")</script>',
    f"<img src=x onerror={CANARY}()>",
    f'<a href="javascript:{CANARY}()">x</a>',
    f'<svg onload="{CANARY}()">',
    f'{{ onclick="{CANARY}()" }}',
    f"{{: onclick={CANARY} }}",
    "{{ config }}",
    "{% include 'x' %}",
    f'--8<-- "{SNIPPET_CANARY}.txt"',
    f'\n--8<-- "{SNIPPET_CANARY}.txt"\n',
    '%%{init: {"securityLevel": "loose"}}%%',
    f'"]\n    click m0 call {CANARY}()\n    x["',
    f'click m0 href "javascript:{CANARY}()"',
    "direction LR",
    "section x",
    "dateFormat YYYY-MM-DD",
    ":smile: :material-alert:",
    f"*[HTML]: {CANARY}",
    f"[^1]: {CANARY}",
    f'<div markdown="1" onclick="{CANARY}()">*x*</div>',
    "\u202eevil\u202c",
    "\u2066\u2067\u200b\u200d\ufeff",
    "😀👩‍👩‍👧 漢字テスト עברית",
    "x" * 200,
    "<!-- ",
    "]]>",
    "&lt;script&gt; &#60;b&#62;",
    f"\\`<img src=x onerror={CANARY}()>`",
    f"~~~<img src=x onerror={CANARY}()>~~~",
    f"```mermaid\ngraph TD\nclick A call {CANARY}()\n```",
    f"```\n<script>{CANARY}</script>\n```",
    f"<javascript:{CANARY}()>",
    "[x](https://example.org/a?b=c&d=e#f)",
    "| a | b |\n| - | - |",
    "# heading\n\ntext\n===",
    "\\",
    "`",
    "[" * 50,
    "**a " * 30,
    "> - " * 20,
    "\n\n    indented\n\n",
    "\t",
]
"""Hostile text that is valid in every text field: it must render as text."""
SAFE_URLS = ["https://example.org/", "http://example.org/a?b=1&c=2", "mailto:me@example.org", "../skills/x/", "#top"]
UNSAFE_URLS = [
    f"javascript:{CANARY}()",
    "JaVaScRiPt:x",
    "data:text/html,x",
    "vbscript:x",
    "//evil.example/",
    "\\\\evil.example",
    " javascript:x",
    "java\nscript:x",
    "javascript&#58;x",
    "file:///etc/passwd",
]
UNSAFE_PROSE = [
    f"[x](javascript:{CANARY}())",
    f"[x]\n\n[x]: javascript:{CANARY}()",
    f"[x](java\nscript:{CANARY}())",
    f"[x](javascript&#58;{CANARY}())",
    f"![x](data:text/html,{CANARY})",
    "[x](//evil.example/)",
]
IDS = ["a", "b", "c", "top", "path", "timeline", "slips", "paths", "stages", "projects", "resources", "gap-analysis"]
BAD_IDS = ["../x", "/etc", "CON", "a b", "A", "x" * 70, "a--b", "-a"]
INVALID = [
    *UNSAFE_URLS,
    *UNSAFE_PROSE,
    *BAD_IDS,
    "\x1b[31m",
    "x\x00y",
    "\x85",
    "",
    "2026-13",
    "soon",
    "2027-01 .. 2026-01",
]
"""Values that make many fields invalid: one of them replaces a value in some trees."""
DATES = ["2026", "2026-Q3", "2026-06", "2026-06-15", "2027-Q1", "2025-01"]
PERIODS = ["2026-01 .. 2026-06", "2026-Q3", "Month 1-2", "2026", "2027-01 .. 2027-06"]

PART = st.one_of(
    st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=12),
    st.sampled_from(INERT),
    st.sampled_from(INERT),
    st.sampled_from(["Plan", "Ship it", "a", " "]),
)
TITLE = st.lists(PART, min_size=1, max_size=3).map(lambda parts: ("".join(parts) or "x")[:290])
PROSE = st.lists(PART, max_size=6).map("".join)
URL = st.sampled_from(SAFE_URLS)
ID = st.one_of(st.none(), st.none(), st.none(), st.sampled_from(IDS))


def maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.just(None), strategy)


def mapping(**fields: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    """A mapping whose values are drawn from ``fields``; keys drawn as None are left out."""
    return st.fixed_dictionaries({key: maybe(value) for key, value in fields.items()}).map(
        lambda drawn: {key: value for key, value in drawn.items() if value is not None}
    )


def required(strategy: st.SearchStrategy[dict[str, Any]], **fields: st.SearchStrategy[Any]) -> Any:
    """``strategy`` with ``fields`` always present."""
    return st.tuples(strategy, st.fixed_dictionaries(fields)).map(lambda pair: {**pair[0], **pair[1]})


ITEM = st.one_of(
    st.builds(lambda mark, text: f"[{mark}] {text}", st.sampled_from([" ", "x", "~"]), TITLE),
    required(mapping(id=ID, done=st.booleans(), url=URL, note=PROSE), text=TITLE),
)
RESOURCE = required(mapping(kind=st.sampled_from(["book", "video", "other", "tool"]), url=URL, note=PROSE), title=TITLE)
PROJECT = required(
    mapping(
        id=ID,
        difficulty=st.sampled_from(["beginner", "advanced"]),
        summary=PROSE,
        status=st.sampled_from(["active", "done"]),
        url=URL,
        checklist=st.lists(ITEM, max_size=2),
    ),
    title=TITLE,
)
MILESTONE = required(
    mapping(
        id=ID,
        status=st.sampled_from(["planned", "active", "done", "dropped"]),
        due=st.sampled_from(DATES),
        summary=PROSE,
        checklist=st.lists(ITEM, max_size=3),
        evidence=st.lists(required(mapping(), title=TITLE, url=URL), max_size=2),
        slipped=st.lists(
            required(mapping(), reason=PROSE.map(lambda t: t or "late"), new_due=st.sampled_from(DATES)), max_size=2
        ),
    ),
    title=TITLE,
)


def phase(depth: int) -> st.SearchStrategy[dict[str, Any]]:
    fields: dict[str, st.SearchStrategy[Any]] = dict(
        id=ID,
        period=st.sampled_from(PERIODS),
        theme=PROSE,
        success=PROSE,
        milestones=st.lists(MILESTONE, max_size=3),
        checklist=st.lists(ITEM, max_size=2),
        resources=st.lists(RESOURCE, max_size=2),
        projects=st.lists(PROJECT, max_size=1),
    )
    if depth:
        fields["phases"] = st.lists(phase(depth - 1), max_size=2)
    return required(mapping(**fields), title=TITLE)


def section(depth: int) -> st.SearchStrategy[dict[str, Any]]:
    fields: dict[str, st.SearchStrategy[Any]] = dict(
        id=ID,
        label=TITLE,
        body=PROSE,
        ordered=st.booleans(),
        items=st.lists(st.one_of(TITLE, required(mapping(text=PROSE, url=URL), title=TITLE)), max_size=3),
        checklist=st.lists(ITEM, max_size=2),
        resources=st.lists(RESOURCE, max_size=1),
    )
    if depth:
        fields["sections"] = st.lists(section(depth - 1), max_size=2)
    return required(mapping(**fields), title=TITLE)


ROADMAP = required(
    mapping(
        owner=required(mapping(headline=TITLE, links=st.dictionaries(TITLE, URL, max_size=2)), name=TITLE),
        summary=PROSE,
        goal=TITLE,
        facts=st.dictionaries(TITLE, TITLE, max_size=3),
        phases=st.lists(phase(1), max_size=3),
        resources=st.lists(RESOURCE, max_size=2),
        projects=st.lists(PROJECT, max_size=2),
        sections=st.lists(section(1), max_size=2),
    ),
    title=TITLE,
    cadence=st.just("none"),
)
AREA = required(
    mapping(
        summary=PROSE,
        topics=st.lists(TITLE, max_size=2),
        outcomes=st.lists(ITEM, max_size=2),
        level=st.integers(0, 5),
        target=st.integers(1, 5),
        impact=st.integers(1, 5),
        layer=st.sampled_from(["foundation", "specialization"]),
    ),
    title=TITLE,
)


def unique_titles(data: Any, counter: list[int]) -> None:
    """Number the titles of the things that get anchors, so that generated titles do not
    derive the same id (a collision is an error, tested elsewhere)."""
    if isinstance(data, dict):
        for key in ("title", "for"):
            if isinstance(data.get(key), str):
                counter[0] += 1
                data[key] = f"{counter[0]} {data[key]}"[:290]
        for value in data.values():
            unique_titles(value, counter)
    elif isinstance(data, list):
        for value in data:
            if not isinstance(value, str):
                unique_titles(value, counter)


@st.composite
def roadmap_tree(draw: st.DrawFn) -> dict[str, Any]:
    roadmap = draw(ROADMAP)
    unique_titles(roadmap, [0])
    stage_ids = draw(st.lists(st.sampled_from(IDS[:3]), unique=True, max_size=3))
    roadmap["stages"] = [{"id": stage, "title": draw(TITLE), "summary": draw(PROSE)} for stage in stage_ids]
    if stage_ids:
        paths = draw(st.lists(st.lists(st.sampled_from(stage_ids), min_size=1, max_size=3), max_size=2))
        roadmap["paths"] = [{"for": f"{n} {draw(TITLE)}"[:290], "route": route} for n, route in enumerate(paths)]
    return roadmap


def leaves(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Paths to the string values in ``data``."""
    if isinstance(data, dict):
        return [path for key, value in data.items() for path in leaves(value, (*prefix, key))]
    if isinstance(data, list):
        return [path for index, value in enumerate(data) for path in leaves(value, (*prefix, index))]
    return [prefix] if isinstance(data, str) else []


def dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1_000_000)


@st.composite
def content_trees(draw: st.DrawFn) -> dict[str, str]:
    """A roadmap (sometimes two), a skills file and updates, with hostile but valid text;
    in one tree of three, one value is replaced by a value that may be invalid there."""
    roadmaps = {"r": draw(roadmap_tree())}
    if draw(st.booleans()):
        roadmaps["q"] = draw(roadmap_tree())
    area_ids = draw(st.lists(st.sampled_from(IDS), unique=True, min_size=1, max_size=3))
    skills = {"title": draw(TITLE), "summary": draw(PROSE), "areas": [{**draw(AREA), "id": a} for a in area_ids]}
    roadmaps["r"]["skills"] = "s"
    data: dict[str, Any] = {**{f"roadmaps/{k}.yml": v for k, v in roadmaps.items()}, "skills/s.yml": skills}
    if draw(st.integers(0, 2)) == 0:
        name = draw(st.sampled_from(sorted(data)))
        paths = leaves(data[name])
        if paths:
            path = draw(st.sampled_from(paths))
            get(data[name], path[:-1])[path[-1]] = draw(st.sampled_from(INVALID))
    files = {name: dump(value) for name, value in data.items()}
    for index in range(draw(st.integers(0, 2))):
        meta = {"date": draw(st.sampled_from(["2026-10-04", "2026-07-01"])), "title": draw(TITLE)}
        if draw(st.booleans()):
            meta["roadmap"] = "r"
        files[f"updates/2026-Q{index + 1}.md"] = f"---\n{dump(meta)}---\n\n{draw(PROSE)}\n"
    return files


# --- the in-process build and its checks --------------------------------------------------------

_converter: Converter | None = None


def converter(snippets: Path) -> Converter:
    global _converter
    if _converter is None:
        _converter = Converter(snippets_base=snippets)
    return _converter


SNIPPETS = Path(tempfile.mkdtemp(prefix="roadmap-fuzz-snippets-"))
(SNIPPETS / f"{SNIPPET_CANARY}.txt").write_text(f"<script>{SNIPPET_CANARY}</script>\n", encoding="utf-8")


def visible_text(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", page)).split())


def check_build(project: Path) -> str:
    """Build ``project/content`` in-process and check it; returns "ok" or "errors"."""
    content = project / "content"
    before = tree_digest(content)
    started = time.monotonic()
    settings_ = pipeline.Settings(content_dir=content, root=project, today=TODAY, site_url="https://example.org/r/")
    try:
        result = pipeline.run(settings_, git=GitDates())
    except ContentError as error:
        assert error.problems, "a ContentError without problems"
        assert unpositioned_lines(error.report()) == [], error.report()
        for problem in error.problems:
            assert problem.line >= 1 and problem.column >= 1, problem
        outcome = "errors"
    else:
        md = converter(SNIPPETS)
        documents = [(page.path, page.markdown) for page in result.pages]
        documents += [(f"updates/{u.id}.md", update_page(u, result.content)) for u in result.content.updates]
        for path, text in documents:
            page = md.convert(text)
            findings = scan_html(page)
            assert findings == [], f"{path}: {findings}"
            assert CANARY not in live_parts(page), f"{path}: the canary reached live HTML"
            assert SNIPPET_CANARY + "</script>" not in page and f"<script>{SNIPPET_CANARY}" not in page, path
            front = re.match(r"\A---\ntitle: (.*)\n---\n", text)
            if front:  # MkDocs reads the front matter: the title must come back HTML-escaped
                title = yaml.safe_load(front[1])
                assert "<" not in title and ">" not in title, (path, title)
        check_data_files(result, settings_)
        check_nothing_lost(result, md)
        outcome = "ok"
    assert tree_digest(content) == before, "the build changed the content folder"
    elapsed = time.monotonic() - started
    assert elapsed < SLOW_CASE_SECONDS, f"the case took {elapsed:.1f} s"
    return outcome


def check_data_files(result: pipeline.Result, settings_: pipeline.Settings) -> None:
    site = SiteInfo(name="Roadmaps <b>", url=settings_.site_url)
    for path, data in data_files(result, settings_, site).items():
        if path.endswith(".json"):
            json.loads(data)
        else:  # feed.xml, badges/*.svg: well-formed XML, and HTML inside the feed is inert
            root = ET.fromstring(data)
            for element in root.iter():
                if element.tag.endswith("content") and element.get("type") == "html" and element.text:
                    assert scan_html(element.text) == [], (path, scan_html(element.text))


def check_nothing_lost(result: pipeline.Result, md: Converter) -> None:
    """Milestone titles and checklist texts show on their roadmap's page as typed
    (whitespace folded; dropped bidi and control characters aside; code spans unquoted)."""
    for doc in result.content.roadmaps.values():
        page = next(p for p in result.pages if p.path == f"roadmaps/{doc.id}.md")
        shown = " ".join(visible_text(md.convert(page.markdown)).replace("`", "").split())
        for phase_ in doc.model.phases:
            for milestone in phase_.milestones:
                expected = " ".join(escape.clean(milestone.title).replace("`", "").split())
                assert expected in shown, f"{milestone.title!r} is missing from roadmaps/{doc.id}"


def run_case(files: dict[str, str | bytes]) -> str:
    with tempfile.TemporaryDirectory(prefix="roadmap-fuzz-") as folder:
        project = Path(folder)
        for relative, data in files.items():
            path = project / "content" / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(data, bytes):
                path.write_bytes(data)
            else:
                path.write_text(data, encoding="utf-8")
        outcome = check_build(project)
        assert not list(project.rglob("PWNED*")), "a YAML tag ran code"
        return outcome


# --- generated trees -----------------------------------------------------------------------------

OUTCOMES: dict[str, int] = {}


@fuzz_settings(120)
@given(content_trees())
def test_generated_content_builds_safely_or_fails_with_positions(files):
    outcome = run_case(files)
    OUTCOMES[outcome] = OUTCOMES.get(outcome, 0) + 1


def test_generated_cases_include_clean_builds():
    """The generator is not so hostile that every case is an error (which would test
    nothing of the rendering). Runs after the fuzz test above, in file order."""
    if OUTCOMES:
        assert OUTCOMES.get("ok", 0) >= 5, OUTCOMES


# --- mutated example files ---------------------------------------------------------------------

EXAMPLE_ROADMAPS = sorted(p.stem for p in (REPO / "content" / "roadmaps").glob("*.yml"))


def example_tree(roadmap_id: str) -> dict[str, str]:
    """A roadmap of the example content with its skills file and its updates."""
    content = REPO / "content"
    text = (content / "roadmaps" / f"{roadmap_id}.yml").read_text(encoding="utf-8")
    files = {f"roadmaps/{roadmap_id}.yml": text}
    skills = yaml.safe_load(text).get("skills")
    if skills:
        files[f"skills/{skills}.yml"] = (content / "skills" / f"{skills}.yml").read_text(encoding="utf-8")
    for update in sorted((content / "updates").glob("*.md")):
        update_text = update.read_text(encoding="utf-8")
        if re.search(rf"^roadmap: {roadmap_id}$", update_text, flags=re.MULTILINE):
            files[f"updates/{update.name}"] = update_text
    return files


def paths_in(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Paths to every value in ``data`` (not into a list that contains itself, which
    an alias such as ``&a [*a]`` makes)."""
    found = [prefix] if prefix else []
    if len(prefix) > 40:
        return found
    if isinstance(data, dict):
        for key, value in data.items():
            found += paths_in(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += paths_in(value, (*prefix, index))
    return found


def get(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


REPLACEMENTS = [None, 0, -1, 7, 3.5, True, [], {}, [1, 2], {"x": 1}, "", "[x] done", *INERT[:10], *INVALID[:8]]
KEYS = ["title", "id", "status", "due", "milestones", "checklist", "phases", "url", "summary", "tittle", "stauts"]
BAD_LINES = [
    "  - !!python/object/apply:os.system ['touch PWNED']",
    "x: !!python/object/apply:os.system ['touch PWNED']",
    "x: &a [*a]",
    "\t- tab",
    "key: *undefined",
    "title: second title",
    "? [a, b]\n: c",
    "- just: a list",
    '"unclosed',
    "x: [" * 100,
    "x: '\\x1b'",
    'x: "\\ud800"',
]


@st.composite
def mutated_example(draw: st.DrawFn) -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = dict(example_tree(draw(st.sampled_from(EXAMPLE_ROADMAPS))))
    for _ in range(draw(st.integers(1, 3))):
        name = draw(st.sampled_from(sorted(files)))
        text = files[name]
        if isinstance(text, bytes):
            continue  # already made undecodable
        front = name.endswith(".md")
        try:
            data = None if front else yaml.safe_load(text)
        except yaml.YAMLError:
            data = None  # an earlier mutation broke it: mutate the text further
        if data is not None and draw(st.booleans()):
            files[name] = dump(mutate_data(draw, data))
        else:
            files[name] = mutate_text(draw, text)
    return files


def mutate_data(draw: st.DrawFn, data: Any) -> Any:
    paths = paths_in(data)
    if not paths:
        return data
    path = draw(st.sampled_from(paths))
    parent = get(data, path[:-1])
    key = path[-1]
    operation = draw(st.sampled_from(["delete", "retype", "hostile", "swap", "rename", "duplicate", "id"]))
    if operation == "delete":
        del parent[key]
    elif operation == "retype":
        parent[key] = draw(st.sampled_from(REPLACEMENTS))
    elif operation == "hostile":
        value = parent[key]
        snippet = draw(st.sampled_from(INERT + INVALID))
        if isinstance(value, str):
            at = draw(st.integers(0, len(value)))
            parent[key] = value[:at] + snippet + value[at:]
        else:
            parent[key] = snippet
    elif operation == "swap":
        other = draw(st.sampled_from(paths))
        if other[: len(path)] != path and path[: len(other)] != other:
            other_parent = get(data, other[:-1])
            parent[key], other_parent[other[-1]] = other_parent[other[-1]], parent[key]
    elif operation == "rename" and isinstance(parent, dict):
        parent[draw(st.sampled_from(KEYS))] = parent.pop(key)
    elif operation == "duplicate" and isinstance(parent, list):
        parent.insert(key, parent[key])
    elif operation == "id" and isinstance(parent, dict):
        parent["id"] = draw(st.sampled_from(IDS + BAD_IDS))
    return data


def mutate_text(draw: st.DrawFn, text: str) -> str | bytes:
    lines = text.split("\n")
    at = draw(st.integers(0, max(len(lines) - 1, 0)))
    operation = draw(st.sampled_from(["duplicate", "delete", "insert", "truncate", "replace", "bytes", "hostile"]))
    if operation == "duplicate":
        lines.insert(at, lines[at])
    elif operation == "delete":
        del lines[at]
    elif operation == "insert":
        indent = re.match(r"\s*", lines[at])[0]  # type: ignore[index]
        lines.insert(at, indent + draw(st.sampled_from(BAD_LINES)))
    elif operation == "truncate":
        return text[: draw(st.integers(0, len(text)))]
    elif operation == "replace":
        position = draw(st.integers(0, max(len(text) - 1, 0)))
        return text[:position] + draw(st.sampled_from(list(":-[]{}#&*!|>'\"%@` \t\n"))) + text[position + 1 :]
    elif operation == "bytes":
        raw = text.encode()
        position = draw(st.integers(0, len(raw)))
        return raw[:position] + draw(st.sampled_from([b"\xff", b"\xc3", b"\x00", b"\xef\xbb\xbf"])) + raw[position:]
    elif operation == "hostile":
        line = lines[at]
        if ": " in line:
            key, _, value = line.partition(": ")
            lines[at] = f"{key}: {json.dumps(value + draw(st.sampled_from(INERT + INVALID)), ensure_ascii=False)}"
    return "\n".join(lines)


@fuzz_settings(120)
@given(mutated_example())
def test_mutated_example_files_build_safely_or_fail_with_positions(files):
    run_case(files)


def test_unmutated_examples_build_cleanly():
    """The mutation tests start from files that build: every example roadmap on its own."""
    for roadmap_id in EXAMPLE_ROADMAPS:
        assert run_case(dict(example_tree(roadmap_id))) == "ok", roadmap_id


# --- a few real builds ------------------------------------------------------------------------------


def write_files(folder: Path, files: dict[str, str]) -> None:
    for relative, text in files.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def passes_data_stage(files: dict[str, str]) -> bool:
    with tempfile.TemporaryDirectory() as folder:
        write_files(Path(folder) / "content", files)
        settings_ = pipeline.Settings(content_dir=Path(folder) / "content", root=Path(folder), today=TODAY)
        try:
            pipeline.run(settings_, git=GitDates())
        except ContentError:
            return False
        return True


@pytest.mark.slow
@settings(
    max_examples=EXAMPLES // 100 or 3,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.generate],
    suppress_health_check=list(HealthCheck),
)
@given(content_trees())
def test_real_strict_builds_of_generated_content(files):
    """`mkdocs build --strict` of generated hostile trees that pass the data stage: the
    theme's pages (navigation, titles, table of contents, search index) stay inert too."""
    assume(passes_data_stage(files))
    with tempfile.TemporaryDirectory(prefix="roadmap-fuzz-site-") as folder:
        project = Path(folder)
        write_files(project, {"mkdocs.yml": MKDOCS_YML})
        write_files(project / "content", files)
        before = tree_digest(project / "content")
        result = mkdocs_build(project)
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
        pages = sorted((project / "site").rglob("*.html"))
        assert len(pages) >= 3
        for page in pages:
            text = page.read_text(encoding="utf-8")
            assert scan_html(text, theme=True) == [], (page, scan_html(text, theme=True))
            assert CANARY not in live_parts(text), page
        index = json.loads((project / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
        for entry in index["docs"]:
            assert scan_html(entry.get("title", "")) == [] and scan_html(entry.get("text", "")) == [], entry
        assert tree_digest(project / "content") == before


MKDOCS_YML = """
site_name: Fuzz <b>roadmaps</b>
site_url: https://example.org/roadmaps/
docs_dir: content
theme:
  name: material
  font: false
plugins:
  - search
  - roadmap:
      today: "2026-11-23"
markdown_extensions:
  - abbr
  - footnotes
  - def_list
"""


# --- the escaping functions on their own, in every context templates use -------------------------

CONTEXTS = [
    "{}\n",
    "Intro line\n\n{}\n\nAfter.\n",
    "- [ ] <span>item</span> — {}\n",
    "**Theme:** {}\n",
    '!!! warning "Slipped"\n    {}\n',
    "## Heading {} {{ #anchor }}\n",
    "| a | b |\n| --- | --- |\n| {} | x |\n",
    '<p class="x"><strong>{}</strong></p>\n',
    "1. **[t](https://example.org)**: {}\n",
]


def indented(template: str, value: str) -> str:
    if template.startswith("!!!"):
        value = value.replace("\n", "\n    ")
    return template.format(value)


@fuzz_settings(300)
@given(st.lists(st.one_of(PART, st.sampled_from(UNSAFE_PROSE + UNSAFE_URLS)), max_size=6).map("".join))
def test_escaped_text_is_inert_in_every_context(value):
    md = converter(SNIPPETS)
    for template in CONTEXTS:
        for escaped in (escape.text(value), escape.html_text(value), escape.prose(value)):
            page = md.convert(indented(template, str(escaped)))
            assert scan_html(page) == [], (template, escaped, scan_html(page))
            assert CANARY not in live_parts(page), (template, escaped)
            assert "<script>" + SNIPPET_CANARY not in page
        attribute = md.convert(f'<span title="{escape.attribute(value)}">x</span>\n')
        assert scan_html(attribute) == [] and CANARY not in live_parts(attribute)


@fuzz_settings(300)
@given(st.lists(st.one_of(PART, st.sampled_from(UNSAFE_PROSE + UNSAFE_URLS)), max_size=6).map("".join))
def test_front_matter_titles_read_back_escaped(value):
    read = yaml.safe_load(str(escape.yaml_string(value)))
    assert read == str(escape.title(value))
    assert "<" not in read and "{" not in read
