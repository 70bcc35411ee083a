"""Theme templates compiled while the build waits for the child's outline."""

from __future__ import annotations

import json
import os

import jinja2
import pytest
from conftest import MKDOCS_YML

from roadmap_site.speed import background, theme_templates

CORES = len(os.sched_getaffinity(0))

TEMPLATES = {
    "main.html": '{% extends "base.html" %}{% block body %}main{% endblock %}',
    "base.html": (
        '{% import "macros.html" as m %}{% from "helpers.html" import h %}'
        "<html>{% block body %}{% endblock %}{% include 'partials/footer.html' %}"
        '{%- include "partials/" ~ name ~ ".html" %}</html>'
    ),
    "macros.html": '{% macro m() %}m{% endmacro %}{% include "partials/deep.html" %}',
    "helpers.html": "{% macro h() %}h{% endmacro %}",
    "partials/footer.html": "footer",
    "partials/deep.html": "deep",
    "partials/dynamic.html": "only named at render time",
    "404.html": '{% extends "main.html" %}',
    "broken.html": "{% if %}",
    "unused.html": "never named",
}


class CountingLoader(jinja2.DictLoader):
    def __init__(self, mapping: dict[str, str]) -> None:
        super().__init__(mapping)
        self.loads: list[str] = []

    def load(self, environment, name, globals=None):
        self.loads.append(name)
        return super().load(environment, name, globals)


def environment(**options) -> tuple[jinja2.Environment, CountingLoader]:
    loader = CountingLoader(TEMPLATES)
    return jinja2.Environment(loader=loader, auto_reload=False, **options), loader


def test_named_templates_and_the_ones_they_name_are_compiled_breadth_first_once():
    env, loader = environment()
    compiled = theme_templates.compile_early(env, ["main.html", "404.html"], lambda: False)
    assert compiled == [
        "main.html",
        "404.html",
        "base.html",
        "macros.html",
        "helpers.html",
        "partials/footer.html",
        "partials/deep.html",
    ]
    assert loader.loads == compiled
    for name in compiled:
        env.get_template(name)
    assert loader.loads == compiled  # the build gets them from the environment, not compiled again
    assert env.get_template("main.html").render(name="dynamic") == "<html>mainfooteronly named at render time</html>"


def test_compiling_stops_when_asked_before_each_template():
    env, _ = environment()
    asked: list[int] = []

    def stop() -> bool:
        asked.append(1)
        return len(asked) > 2

    assert theme_templates.compile_early(env, ["main.html", "404.html"], stop) == ["main.html", "404.html"]
    assert len(asked) == 3


def test_templates_that_cannot_be_compiled_are_left_to_the_build():
    env, _ = environment()
    compiled = theme_templates.compile_early(env, ["broken.html", "missing.html", "helpers.html"], lambda: False)
    assert compiled == ["helpers.html"]
    with pytest.raises(jinja2.TemplateSyntaxError):
        env.get_template("broken.html")  # reported where the build asks for it


def test_nothing_is_compiled_where_the_environment_keeps_no_templates():
    env, loader = environment(cache_size=0)
    assert theme_templates.compile_early(env, ["main.html"], lambda: False) == []
    assert loader.loads == []


def test_compile_settings_change_with_syntax_options_and_extensions_not_with_filters_or_globals():
    env, _ = environment()
    settings = theme_templates.compile_settings(env)
    env.filters["url"] = str.upper
    env.globals["site"] = "x"
    assert theme_templates.compile_settings(env) == settings
    env.finalize = str
    assert theme_templates.compile_settings(env) != settings
    other, _ = environment()
    other.add_extension("jinja2.ext.loopcontrols")
    assert theme_templates.compile_settings(other) != theme_templates.compile_settings(environment()[0])


def test_forgotten_templates_are_compiled_again():
    env, loader = environment()
    theme_templates.compile_early(env, ["helpers.html"], lambda: False)
    theme_templates.forget_compiled(env)
    env.get_template("helpers.html")
    assert loader.loads == ["helpers.html", "helpers.html"]


# --- in a real build -------------------------------------------------------------------

CONTENT = {
    "roadmaps/x.yml": "title: X\nphases: [{title: P, milestones: [{title: Only milestone, due: 2027-Q1}]}]\n",
}


def build_while_the_child_is_slow(project, monkeypatch) -> None:
    """A real build, in this process, in which the outline never arrives before every
    template has been compiled (how many are depends on the child's speed otherwise)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    monkeypatch.setattr(background.Background, "ready", lambda self, key: False)
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(project / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    build(config)


COUNT_LOADS = """
import json
from pathlib import Path

loads = []


def on_env(env, config, files):
    get_source = env.loader.get_source

    def counted(environment, name):
        loads.append(name)
        return get_source(environment, name)

    env.loader.get_source = counted
    return env


def on_post_build(config):
    Path(config.config_file_path).with_name("loads.json").write_text(json.dumps(loads))
"""


def test_a_build_renders_pages_with_the_templates_compiled_while_it_waited(site, monkeypatch):
    project = site(CONTENT, MKDOCS_YML + "hooks:\n  - count_loads.py\n")
    (project / "count_loads.py").write_text(COUNT_LOADS, encoding="utf-8")
    build_while_the_child_is_slow(project, monkeypatch)
    loaded_after_on_env = json.loads((project / "loads.json").read_text(encoding="utf-8"))
    # with a second core the templates are compiled while the build waits for the child;
    # with one there is no wait, and MkDocs compiles them as it renders
    for name in ("main.html", "base.html", "partials/header.html", "404.html"):
        assert (name in loaded_after_on_env) == (CORES == 1), name
    assert "Only milestone" in (project / "site" / "roadmaps" / "x" / "index.html").read_text(encoding="utf-8")


CHANGE_FINALIZE = """
def on_env(env, config, files):
    env.finalize = lambda value: "finalized" if value == "probe" else value
    return env
"""

PROBE_MAIN = '{% extends "base.html" %}{% block content %}<p id="probe">{{ "probe" }}</p>{{ super() }}{% endblock %}\n'


def test_templates_compiled_early_are_compiled_again_when_a_plugin_changes_how_they_compile(site, monkeypatch):
    yml = MKDOCS_YML.replace("  font: false\n", "  font: false\n  custom_dir: overrides\n")
    project = site(CONTENT, yml + "hooks:\n  - change_finalize.py\n")
    (project / "change_finalize.py").write_text(CHANGE_FINALIZE, encoding="utf-8")
    (project / "overrides").mkdir()
    (project / "overrides" / "main.html").write_text(PROBE_MAIN, encoding="utf-8")
    build_while_the_child_is_slow(project, monkeypatch)
    page = (project / "site" / "roadmaps" / "x" / "index.html").read_text(encoding="utf-8")
    assert '<p id="probe">finalized</p>' in page
