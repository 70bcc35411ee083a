"""Jobs run by a forked child process, and made here whenever the child cannot give them."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time

import pytest
from conftest import mkdocs_build, subprocess_env

from roadmap_site.speed import background

CORES = len(os.sched_getaffinity(0))
PARENT = os.getpid()


def whose() -> int:
    return os.getpid()


def test_results_come_from_a_child_process_when_there_is_a_second_core():
    jobs = [(n, whose) for n in range(3)]
    started = background.start(jobs)
    try:
        assert started.forked == (CORES > 1)
        pids = {started.value(n) for n in range(3)}
    finally:
        started.close()
    (pid,) = pids  # one child made them all
    assert (pid != PARENT) == (CORES > 1)


def test_results_are_the_jobs_results_in_any_order_asked():
    payload = "x" * 3_000_000  # far more than a pipe holds: the child must not wait for the parent
    jobs = [(n, lambda n=n: (n, payload)) for n in range(4)]
    started = background.start(jobs)
    try:
        assert [started.value(n) for n in (3, 0, 2, 1)] == [(3, payload), (0, payload), (2, payload), (1, payload)]
    finally:
        started.close()


def test_ready_says_whether_a_value_would_wait_for_the_child(tmp_path, monkeypatch):
    go = tmp_path / "go"

    def after_go() -> str:
        while not go.exists():
            time.sleep(0.01)
        return "done"

    started = background.start([("slow", after_go)])
    try:
        if CORES > 1:
            time.sleep(0.2)
            assert not started.ready("slow")  # the child waits for the file
        go.touch()
        deadline = time.monotonic() + 30
        while not started.ready("slow") and time.monotonic() < deadline:
            time.sleep(0.01)
        assert started.ready("slow") and started.value("slow") == "done"
    finally:
        started.close()
    monkeypatch.setenv(background.SWITCH, "0")
    here = background.start([("a", whose)])
    assert here.ready("a") and here.value("a") == PARENT  # no child to wait for


def test_a_failing_job_raises_here_as_if_there_were_no_child():
    def fails() -> str:
        raise ValueError("job failed")

    started = background.start([("good", whose), ("bad", fails), ("after", whose)])
    try:
        assert started.value("good") != PARENT or CORES == 1
        with pytest.raises(ValueError, match="job failed"):
            started.value("bad")
        assert started.value("after") == PARENT  # the child stopped at the failure: made here
    finally:
        started.close()


def test_what_a_killed_child_did_not_send_is_made_here():
    def dies_in_the_child() -> int:
        if os.getpid() != PARENT:
            os.kill(os.getpid(), signal.SIGKILL)
        return os.getpid()

    started = background.start([("first", whose), ("dies", dies_in_the_child), ("last", whose)])
    try:
        first = started.value("first")
        assert started.value("dies") == PARENT
        assert started.value("last") == PARENT
    finally:
        started.close()
    assert first != PARENT or CORES == 1


def test_close_stops_a_running_child_and_what_is_left_is_made_here():
    def slow() -> int:
        if os.getpid() != PARENT:
            time.sleep(60)
        return os.getpid()

    started = background.start([("slow", slow)])
    began = time.perf_counter()
    started.close()
    assert time.perf_counter() - began < 10
    assert started.value("slow") == PARENT


def test_the_switch_and_other_threads_keep_jobs_here(monkeypatch):
    monkeypatch.setenv(background.SWITCH, "0")
    assert not background.can_fork()
    started = background.start([("a", whose)])
    assert not started.forked and started.value("a") == PARENT
    monkeypatch.delenv(background.SWITCH)
    assert background.can_fork() == (CORES > 1)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert not background.can_fork()  # a fork would copy only this thread, and any lock the other holds
    finally:
        stop.set()
        other.join()


def test_no_jobs_no_child():
    started = background.start([])
    assert not started.forked
    started.close()


def test_a_build_renders_its_pages_in_a_child_process(site, monkeypatch):
    """`mkdocs build` (not `serve`) hands the generated pages and data files to a child
    where there is a second core, and the pages it writes are the child's."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    project = site(
        {
            "roadmaps/x.yml": "title: X\nphases: [{title: P, milestones: [{title: Only milestone, due: 2027-Q1}]}]\n",
            "updates/2026-q4.md": "---\ndate: 2026-10-01\nroadmap: x\n---\n\nWhat changed.\n",
        }
    )
    started: list[background.Background] = []
    start = background.start

    def recorded(jobs):
        started.append(start(jobs))
        return started[-1]

    monkeypatch.setattr(background, "start", recorded)
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(project / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    assert len(started) == 1 and started[0].forked == (CORES > 1)
    assert "Only milestone" in (project / "site" / "roadmaps" / "x" / "index.html").read_text(encoding="utf-8")
    assert (project / "site" / "progress.json").exists() and (project / "site" / "feed.xml").exists()


def test_jobs_listed_as_needed_are_listed_in_the_child_and_again_here_when_it_fails():
    listed: list[int] = []

    def list_jobs():
        listed.append(os.getpid())  # what the listing costs: the child's, unless it fails
        yield "first", whose
        yield "fails in the child", lambda: os.getpid() if os.getpid() == PARENT else 1 / 0
        yield "last", whose

    started = background.start(list_jobs)
    try:
        assert started.value("first") != PARENT or CORES == 1
        assert started.value("fails in the child") == PARENT
        assert started.value("last") == PARENT
        with pytest.raises(KeyError):
            started.value("never listed")
    finally:
        started.close()
    assert listed == [PARENT]  # listed here once; the child's listing is the child's own


BUILD_AND_REPORT = """
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
config = load_config(config_file="mkdocs.yml", site_dir="site")
config.plugins.on_startup(command="build", dirty=False)
try:
    build(config)
finally:
    print("content model loaded:", "roadmap_site.content.model" in sys.modules)
"""


def test_a_build_process_never_loads_the_content_model_when_a_child_can_run(site):
    project = site({"roadmaps/x.yml": "title: X\nphases: [{title: P, milestones: [{title: M}]}]\n"})
    done = subprocess.run(
        [sys.executable, "-c", BUILD_AND_REPORT], cwd=project, env=subprocess_env(), capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert f"content model loaded: {CORES == 1}" in done.stdout
    assert "M" in (project / "site" / "roadmaps" / "x" / "index.html").read_text(encoding="utf-8")


def test_content_errors_found_in_the_child_stop_the_build_before_anything_is_written(site):
    project = site({"roadmaps/x.yml": "title: X\nphases: [{title: P, milestones: [{title: M, status: finished}]}]\n"})
    done = mkdocs_build(project)
    assert done.returncode == 1
    assert "content/roadmaps/x.yml:2:" in done.stderr and "'finished'" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (project / "site").exists()
