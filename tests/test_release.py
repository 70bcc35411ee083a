"""What a release ships: one version everywhere, a changelog, and an sdist and a wheel that
pass `twine check --strict` and work when installed alone (the release workflow's smoke test)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest
from conftest import REPO, roadmap_site

import roadmap_site as package

VERSION = re.compile(r"\d+\.\d+\.\d+((a|b|rc)\d+)?")
# Left out of the copy the package is built from: what is not the project's own.
NOT_SOURCE = shutil.ignore_patterns(
    ".git", "node_modules", "cache", "__pycache__", "*.egg-info", "build", "dist", "site", ".*_cache", ".hypothesis"
)


def test_the_version_has_one_source():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"]
    assert project["project"]["dynamic"] == ["version"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "roadmap_site.__version__"}
    assert VERSION.fullmatch(package.__version__)


def test_the_command_reports_its_version(tmp_path):
    result = roadmap_site(tmp_path, "--version")
    assert (result.returncode, result.stdout, result.stderr) == (0, f"roadmap-site {package.__version__}\n", "")


def test_the_changelog_follows_keep_a_changelog():
    text = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    assert text.startswith("# Changelog\n")
    headings = re.findall(r"^## (.*)$", text, flags=re.MULTILINE)
    assert headings[0] == "[Unreleased]"
    for heading in headings[1:]:
        assert re.fullmatch(rf"\[{VERSION.pattern}\] - \d{{4}}-\d{{2}}-\d{{2}}", heading), heading
    for kind in re.findall(r"^### (.*)$", text, flags=re.MULTILINE):
        assert kind in {"Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"}, kind
    # The version about to be released is described: in its own section, or under Unreleased.
    sections = re.split(r"^## ", text, flags=re.MULTILINE)
    unreleased = sections[1].removeprefix("[Unreleased]").strip()
    assert f"[{package.__version__}]" in headings[1:2] or "### Added" in unreleased


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sdist and the wheel, built with `python -m build` from a copy of the working tree
    (so that nothing is written into the checkout), without build isolation: the test
    extras bring the build backend, so this needs no package index."""
    work = tmp_path_factory.mktemp("release")
    source = work / "source"
    shutil.copytree(REPO, source, ignore=NOT_SOURCE)
    result = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(work / "dist"), str(source)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return work / "dist"


@pytest.mark.slow
def test_build_makes_an_sdist_and_a_wheel_that_twine_accepts(dist):
    name = f"roadmap_site-{package.__version__}"
    assert sorted(path.name for path in dist.iterdir()) == [f"{name}-py3-none-any.whl", f"{name}.tar.gz"]
    check = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", *map(str, sorted(dist.iterdir()))],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout.count("PASSED") == 2

    with tarfile.open(dist / f"{name}.tar.gz") as sdist:
        files = {member.name.removeprefix(f"{name}/") for member in sdist.getmembers()}
    assert {"pyproject.toml", "README.md", "CHANGELOG.md", "LICENSE", "roadmap_site/__init__.py"} <= files
    assert not any(path.startswith("tests/") for path in files)
    with zipfile.ZipFile(dist / f"{name}-py3-none-any.whl") as wheel:
        files = set(wheel.namelist())
        metadata = wheel.read(f"{name}.dist-info/METADATA").decode("utf-8")
        entry_points = wheel.read(f"{name}.dist-info/entry_points.txt").decode("utf-8")
    scaffold = {
        p.relative_to(REPO).as_posix() for p in (REPO / "roadmap_site" / "cli" / "scaffold").rglob("*") if p.is_file()
    }
    assert scaffold <= files
    assert f"{name}.dist-info/licenses/LICENSE" in files
    assert f"Version: {package.__version__}\n" in metadata
    assert "Description-Content-Type: text/markdown\n" in metadata
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {**project["scripts"], **project["entry-points"]["mkdocs.plugins"]}
    assert declared == {"roadmap-site": "roadmap_site.cli.main:main", "roadmap": declared["roadmap"]}
    for name, target in declared.items():  # the command and the plugin, as the wheel declares them
        assert f"{name} = {target}" in entry_points


@pytest.mark.slow
def test_the_wheel_installed_alone_reports_its_version_and_builds_a_new_site(dist, tmp_path):
    """.ci/smoke-test.sh, as the release workflow runs it, with the dependencies taken from
    this environment's site-packages instead of the package index."""
    dependencies = sysconfig.get_paths()["purelib"]
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": str(tmp_path), "NO_MKDOCS_2_WARNING": "1"}
    env.update(PYTHON=sys.executable, SMOKE_TEST_SITE_PACKAGES=dependencies, TMPDIR=str(tmp_path))
    result = subprocess.run(
        ["bash", str(REPO / ".ci" / "smoke-test.sh"), str(dist), package.__version__],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert f"\nroadmap-site {package.__version__}\n" in result.stdout
    assert f".github/requirements-site.txt: roadmap-site=={package.__version__}\n" in result.stdout
    assert "ok: 1 roadmap" in result.stdout
    assert result.stdout.rstrip().endswith(f"smoke test passed: roadmap-site {package.__version__}")
    assert "WARNING" not in result.stderr


@pytest.mark.slow
def test_the_smoke_test_fails_on_a_wrong_version(dist, tmp_path):
    """The smoke test can fail: a wheel that reports another version than the tag's."""
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": str(tmp_path), "TMPDIR": str(tmp_path)}
    env.update(PYTHON=sys.executable, SMOKE_TEST_SITE_PACKAGES=sysconfig.get_paths()["purelib"])
    result = subprocess.run(
        ["bash", str(REPO / ".ci" / "smoke-test.sh"), str(dist), "99.0.0"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 1
    assert "expected 'roadmap-site 99.0.0'" in result.stderr
