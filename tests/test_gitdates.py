"""Last-change dates from one real ``git log``, and shallow clones told apart."""

from __future__ import annotations

import datetime as dt
import gc
import os
import subprocess
import time
import warnings
from pathlib import Path
from typing import Any

import pytest

from roadmap_site import pipeline
from roadmap_site.content import gitdates
from roadmap_site.content.gitdates import GitDates, GitLog
from roadmap_site.content.problems import ContentError


def read_git_dates(directory: Path) -> GitDates:
    """Commit dates for every file ever committed under ``directory``."""
    with GitLog(directory) as log:
        return log.dates()


def git(cwd: Path, *args: str, day: str | None = None) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "A", "GIT_AUTHOR_EMAIL": "a@example.org"}
    env |= {"GIT_COMMITTER_NAME": "A", "GIT_COMMITTER_EMAIL": "a@example.org"}
    if day:
        env |= {"GIT_AUTHOR_DATE": f"{day}T12:00:00Z", "GIT_COMMITTER_DATE": f"{day}T12:00:00Z"}
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


def commit(repo: Path, files: dict[str, str], day: str) -> None:
    for name, text in files.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", day, day=day)


def test_each_file_has_the_date_of_its_last_commit(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    commit(repo, {"content/roadmaps/a.yml": "1", "content/roadmaps/b.yml": "1", "README.md": "1"}, "2026-01-10")
    commit(repo, {"content/roadmaps/a.yml": "2"}, "2026-03-20")
    commit(repo, {"README.md": "2"}, "2026-05-01")  # outside the content folder
    found = read_git_dates(repo / "content")
    assert found.in_git and not found.shallow
    assert found.dates == {
        (repo / "content/roadmaps/a.yml").resolve(): dt.date(2026, 3, 20),
        (repo / "content/roadmaps/b.yml").resolve(): dt.date(2026, 1, 10),
    }
    assert found.date_of(repo / "content" / "roadmaps" / "a.yml") == dt.date(2026, 3, 20)


def test_a_shallow_clone_is_recognised_even_with_a_branch_named_grafted(tmp_path):
    origin = tmp_path / "origin"
    origin.mkdir()
    git(origin, "init", "-q")
    for number, day in enumerate(("2026-01-10", "2026-02-10", "2026-03-10")):
        commit(origin, {f"content/roadmaps/r{number}.yml": "x"}, day)
    git(tmp_path, "clone", "-q", "--depth", "2", origin.as_uri(), "shallow")
    git(tmp_path, "clone", "-q", origin.as_uri(), "full")
    git(tmp_path / "full", "branch", "grafted")  # a ref decoration that reads "grafted"
    assert read_git_dates(tmp_path / "shallow" / "content").shallow
    assert not read_git_dates(tmp_path / "full" / "content").shallow


def test_outside_git_no_dates(tmp_path):
    (tmp_path / "content").mkdir()
    found = read_git_dates(tmp_path / "content")
    assert not found.in_git and found.dates == {}


def _repo_with_content(tmp_path: Path, roadmap: str) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    commit(repo, {"content/roadmaps/a.yml": roadmap}, "2026-01-10")
    return repo


def test_the_log_runs_while_its_caller_works_and_can_be_stopped(tmp_path):
    repo = _repo_with_content(tmp_path, "title: A\n")
    with GitLog(repo / "content") as log:
        time.sleep(0.2)  # the caller's work; git is done meanwhile
        found = log.dates()
    assert found.dates == {(repo / "content/roadmaps/a.yml").resolve(): dt.date(2026, 1, 10)}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with GitLog(repo / "content") as unused:
            pass
        assert unused.dates() == GitDates()  # stopped: nothing to wait for
        del unused
        gc.collect()
    assert not [w for w in caught if issubclass(w.category, ResourceWarning)]


def test_a_build_that_stops_on_content_errors_leaves_no_git_behind(tmp_path):
    repo = _repo_with_content(tmp_path, "title: [\n")
    settings = pipeline.Settings(content_dir=repo / "content", root=repo, today=dt.date(2026, 2, 1))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with pytest.raises(ContentError):
            pipeline.check(settings)
        gc.collect()
    # a running or unread git would be reported as a subprocess still running, or an unclosed pipe
    assert not [w for w in caught if issubclass(w.category, ResourceWarning)]


def test_a_file_changed_in_many_commits_is_resolved_once(tmp_path, monkeypatch):
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    for month in range(1, 7):
        commit(repo, {"content/roadmaps/a.yml": str(month), "content/roadmaps/b.yml": "1"}, f"2026-0{month}-10")
    (repo / "content" / "roadmaps" / "c.yml").symlink_to(repo / "content" / "roadmaps" / "a.yml")
    commit(repo, {}, "2026-07-01")  # (the link, committed after a's last change)
    resolved: list[Path] = []
    original = gitdates.realpaths.resolver

    def counting() -> Any:
        resolve = original()

        def count(path: Path) -> Path:
            resolved.append(path)
            return resolve(path)

        return count

    monkeypatch.setattr(gitdates.realpaths, "resolver", counting)
    found = read_git_dates(repo / "content")
    assert sorted(path.name for path in resolved) == ["a.yml", "b.yml", "c.yml"]
    # a link dates the file it leads to when it changed later than the file
    assert found.dates == {
        (repo / "content/roadmaps/a.yml").resolve(): dt.date(2026, 7, 1),
        (repo / "content/roadmaps/b.yml").resolve(): dt.date(2026, 1, 10),
    }
