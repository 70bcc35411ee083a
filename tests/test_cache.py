"""The cache directory: private folders, and compiled templates kept between processes."""

from __future__ import annotations

import os
import subprocess
import sys

import jinja2

from roadmap_site.render import pages as render
from roadmap_site.speed import cache


def test_a_private_folder_is_made_for_this_user_only(tmp_path, monkeypatch):
    monkeypatch.setenv("ROADMAP_SITE_CACHE", str(tmp_path / "cache"))
    folder = cache.private_folder("templates")
    assert folder == tmp_path / "cache" / "templates"
    assert folder.is_dir() and folder.stat().st_mode & 0o777 == 0o700


def test_a_folder_others_can_write_to_is_not_used(tmp_path, monkeypatch):
    monkeypatch.setenv("ROADMAP_SITE_CACHE", str(tmp_path))
    (tmp_path / "templates").mkdir()
    os.chmod(tmp_path / "templates", 0o777)
    assert cache.private_folder("templates") is None


def test_no_folder_when_it_cannot_be_made(tmp_path, monkeypatch):
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("ROADMAP_SITE_CACHE", str(tmp_path / "file"))
    assert cache.private_folder("templates") is None


def test_a_cache_that_cannot_be_written_does_not_stop_rendering(tmp_path):
    folder = tmp_path / "templates"
    folder.mkdir()
    bytecode = render._TemplateCache(str(folder))
    folder.rmdir()  # storing the compiled template now fails
    env = jinja2.Environment(loader=jinja2.DictLoader({"t": "{{ 40 + 2 }}"}), bytecode_cache=bytecode)
    assert env.get_template("t").render() == "42"


def test_a_second_process_loads_the_compiled_templates(tmp_path):
    """The first process compiles and stores; the second only reads (no new files) and
    renders the same."""
    env = {**os.environ, "ROADMAP_SITE_CACHE": str(tmp_path)}
    script = (
        "from roadmap_site.render import pages as render\n"
        "env = render.environment()\n"
        "print(env.get_template('roadmap.md.j2').filename)\n"
    )
    first = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    stored = sorted((tmp_path / "templates").iterdir())
    assert stored, "the compiled template was stored"
    stamps = [path.stat().st_mtime_ns for path in stored]
    second = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    assert second.stdout == first.stdout
    assert sorted((tmp_path / "templates").iterdir()) == stored
    assert [path.stat().st_mtime_ns for path in stored] == stamps, "read, not written again"
