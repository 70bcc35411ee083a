"""The fixes every page needs, written into the theme's templates as they compile."""

from __future__ import annotations

import json
from pathlib import Path

import jinja2
import material
import pytest
from conftest import MKDOCS_YML, mkdocs_build
from markupsafe import Markup

from roadmap_site.mkdocs_plugin import html_fixes, theme_fixes

MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"

SEARCH = (
    '<div class="md-search" data-md-component="search" role="dialog">\n'
    '  <input type="text" class="md-search__input" name="query" aria-label="{{ label }}" placeholder="{{ label }}">\n'
    "</div>\n"
)
HEAD = "<html><head><title>{{ title }}</title>\n  </head><body>{{ page }}</body></html>"


def feed_link(page: object) -> Markup:
    return Markup(f'<link rel="alternate" href="{page}.xml">\n' if page else "")


def environment(templates: dict[str, str], autoescape: bool = False) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.DictLoader(templates), autoescape=autoescape)
    theme_fixes.install(env, feed_link)
    return env


def test_materials_search_dialog_and_head_are_edited():
    search = (MATERIAL_TEMPLATES / "partials" / "search.html").read_text(encoding="utf-8")
    base = (MATERIAL_TEMPLATES / "base.html").read_text(encoding="utf-8")
    named = theme_fixes.name_search_dialog(search)
    assert named != search
    assert "{% set roadmap_site_search_name %}{{ lang.t('search.placeholder') }}{% endset %}" in named
    assert theme_fixes.link_feed(base).count("{{ roadmap_site_feed_link(page) }}</head>") == 1
    # each template holds one of the two, and nothing else is edited
    assert theme_fixes.link_feed(search) == search
    assert theme_fixes.name_search_dialog(base) == base


@pytest.mark.parametrize(
    ("label", "autoescape"),
    [("Rechercher", False), ("Q&A", False), ("  ", False), ("", False), ("Q&A <search>", True), (" ", True)],
)
def test_a_template_names_the_dialog_as_the_page_fix_would(label, autoescape):
    fixed_template = environment({"search.html": SEARCH}, autoescape).get_template("search.html").render(label=label)
    plain = jinja2.Environment(loader=jinja2.DictLoader({"search.html": SEARCH}), autoescape=autoescape)
    fixed_page = html_fixes.name_search_dialog(plain.get_template("search.html").render(label=label))
    assert fixed_template == fixed_page
    assert 'role="dialog" aria-label="' in fixed_template


def test_a_template_links_the_feed_at_the_end_of_the_head():
    env = environment({"page.html": HEAD})
    page = env.get_template("page.html").render(title="T", page="roadmaps/x")
    link = '<link rel="alternate" href="roadmaps/x.xml">\n'
    assert page == f"<html><head><title>T</title>\n  {link}</head><body>roadmaps/x</body></html>"
    assert "<link" not in env.get_template("page.html").render(title="T")  # (no page: no link)


@pytest.mark.parametrize(
    "source",
    [
        "<html><head></head><body><!-- </head> --></body></html>",  # a head ended twice
        '<div class="md-search" role="dialog" aria-label="Find"><input class="md-search__input" aria-label="x">',
        '<div class="md-search" role="dialog"><input class="md-search__input" aria-label="{{ "x" }}">',
        '<div class="md-search" role="dialog"></div>',  # no search field to take the name from
    ],
)
def test_templates_without_the_exact_markup_are_left_alone(source):
    assert theme_fixes.ThemeFixes(jinja2.Environment()).preprocess(source, "t.html") == source


def test_installing_twice_adds_the_extension_once():
    env = environment({})
    theme_fixes.install(env, feed_link)
    assert [name for name in env.extensions if name.endswith("ThemeFixes")] == [
        "roadmap_site.mkdocs_plugin.theme_fixes.ThemeFixes"
    ]


BEFORE_THE_PLUGIN = """
import json
from pathlib import Path

from mkdocs.plugins import event_priority

seen = {}


@event_priority(100)
def on_post_page(output, page, config):
    head = output[: output.index("</head>")]
    seen[page.file.src_uri] = ["application/atom+xml" in head, 'role="dialog" aria-label="Search"' in output]
    return output


def on_post_build(config):
    Path(config.config_file_path).with_name("seen.json").write_text(json.dumps(seen))
"""

SEARCHABLE = MKDOCS_YML.replace("plugins:\n", "plugins:\n  - search\n")
ROADMAP = "title: T\nphases: [{title: P, milestones: [{id: m, title: M, due: 2027-Q1}]}]\n"


@pytest.mark.slow
def test_materials_pages_come_out_of_the_templates_with_the_fixes(site):
    project = site({"roadmaps/x.yml": ROADMAP}, SEARCHABLE + "hooks:\n  - before_the_plugin.py\n")
    (project / "before_the_plugin.py").write_text(BEFORE_THE_PLUGIN, encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    seen = json.loads((project / "seen.json").read_text(encoding="utf-8"))
    assert seen and all(fixes == [True, True] for fixes in seen.values()), seen
    page = (project / "site" / "roadmaps" / "x" / "index.html").read_text(encoding="utf-8")
    assert page.count('type="application/atom+xml"') == 1
    not_found = (project / "site" / "404.html").read_text(encoding="utf-8")
    assert 'role="dialog" aria-label="Search"' in not_found  # a page the plugin's hooks never see


OWN_SEARCH = """<div class="md-search" data-md-component="search" role="dialog">
  <input type="text" class="md-search__input" name="query" aria-label="{{ "Find" }}">
</div>
"""


@pytest.mark.slow
def test_a_theme_the_templates_cannot_fix_gets_the_fixes_in_each_page(site):
    yml = SEARCHABLE.replace("  font: false\n", "  font: false\n  custom_dir: overrides\n")
    project = site({"roadmaps/x.yml": ROADMAP}, yml)
    (project / "overrides" / "partials").mkdir(parents=True)
    (project / "overrides" / "partials" / "search.html").write_text(OWN_SEARCH, encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    page = (project / "site" / "roadmaps" / "x" / "index.html").read_text(encoding="utf-8")
    assert 'role="dialog" aria-label="Find">' in page
    assert "roadmap_site_search_name" not in page
