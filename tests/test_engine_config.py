"""The configuration ``export --engine`` writes: read from the site's mkdocs.yml without
running it, and complete for the engine (unit tests; real builds are in test_engines.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from conftest import REPO, roadmap_site

from roadmap_site.publish import engine_config
from roadmap_site.publish.engine_config import ProjectSettings, PythonTag, default_nav, python_name


def read(tmp_path: Path, text: str) -> dict:
    path = tmp_path / "mkdocs.yml"
    path.write_text(text, encoding="utf-8")
    return engine_config.read_source_config(path)


def test_env_tags_take_the_variable_or_the_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RS_UNSET", raising=False)
    monkeypatch.setenv("RS_SET", "https://set.example/")
    config = read(
        tmp_path,
        "site_url: !ENV [RS_UNSET, 'https://default.example/']\nsite_name: !ENV [RS_UNSET, RS_SET, fallback]\n"
        "site_author: !ENV RS_UNSET\n",
    )
    assert config["site_url"] == "https://default.example/"
    assert config["site_name"] == "https://set.example/"
    assert config["site_author"] is None


def test_python_tags_are_kept_as_text_and_never_run(tmp_path: Path) -> None:
    config = read(
        tmp_path,
        "markdown_extensions:\n"
        "  - toc:\n"
        "      slugify: !!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower}}\n"
        "  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:os.system\n",
    )
    toc = config["markdown_extensions"][0]["toc"]["slugify"]
    assert toc == PythonTag("object/apply:pymdownx.slugs.slugify", {"kwds": {"case": "lower"}})
    written = engine_config.dump({"x": toc, "y": python_name("a.b")})
    assert "!!python/object/apply:pymdownx.slugs.slugify" in written and "!!python/name:a.b" in written


def test_bad_yaml_is_reported_with_file_and_line(tmp_path: Path) -> None:
    with pytest.raises(engine_config.EngineConfigError, match=r"mkdocs\.yml:4:1: not valid YAML"):
        read(tmp_path, "site_name: x\ntheme:\n  - [unclosed\n")
    with pytest.raises(engine_config.EngineConfigError, match=r"mkdocs\.yml:1:1: expected"):
        read(tmp_path, "- a list\n")


def test_the_navigation_is_mkdocs_default_order() -> None:
    pages = ["updates/2026-Q2.md", "skills/b.md", "index.md", "roadmaps/z.md", "roadmaps/a.md", "updates/index.md"]
    assert default_nav([*pages, "case-study.md", "my_notes/x.md"]) == [
        "index.md",
        "case-study.md",
        {"My notes": ["my_notes/x.md"]},
        {"Roadmaps": ["roadmaps/a.md", "roadmaps/z.md"]},
        {"Skills": ["skills/b.md"]},
        {"Updates": ["updates/index.md", "updates/2026-Q2.md"]},
    ]


@pytest.mark.parametrize("engine", engine_config.ENGINES)
def test_the_configuration_has_what_the_pages_need(engine: str) -> None:
    source = engine_config.read_source_config(REPO / "mkdocs.yml")
    project = ProjectSettings(engine, "Site", "https://example.org/", ["index.md"], ["s.css"], ["a.js", "mermaid.js"])
    config = engine_config.engine_config(source, project)
    names = [next(iter(e)) if isinstance(e, dict) else e for e in config["markdown_extensions"]]
    assert set(engine_config.REQUIRED_EXTENSIONS) <= set(names)
    options = {next(iter(e)): e[next(iter(e))] for e in config["markdown_extensions"] if isinstance(e, dict)}
    module = "zensical.extensions.emoji" if engine == "zensical" else "material.extensions.emoji"
    assert options["pymdownx.emoji"] == {
        "emoji_index": python_name(f"{module}.twemoji"),
        "emoji_generator": python_name(f"{module}.to_svg"),
    }
    assert options["pymdownx.superfences"]["custom_fences"] == [
        {"name": "mermaid", "class": "mermaid", "format": python_name("pymdownx.superfences.fence_code_format")}
    ]
    assert config["extra_javascript"] == ["mermaid.js", "a.js"]  # mermaid before every other script
    assert config["extra_css"] == ["s.css"]
    assert config["theme"]["palette"] == source["theme"]["palette"]
    assert "roadmap" not in str(config.get("plugins"))
    assert config["site_url"] == "https://example.org/" and config["docs_dir"] == "docs"


def test_material_emoji_functions_of_the_source_become_zensicals(tmp_path: Path) -> None:
    source = read(
        tmp_path,
        "site_name: x\nmarkdown_extensions:\n  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "      emoji_generator: !!python/name:material.extensions.emoji.to_svg\n",
    )
    config = engine_config.engine_config(source, ProjectSettings("zensical", "x", None))
    written = yaml.load(engine_config.dump(config), Loader=engine_config._SourceLoader)
    emoji = next(
        e["pymdownx.emoji"] for e in written["markdown_extensions"] if isinstance(e, dict) and "pymdownx.emoji" in e
    )
    assert emoji["emoji_index"] == python_name("zensical.extensions.emoji.twemoji")


def test_export_reports_a_broken_config_file(tmp_path: Path) -> None:
    (tmp_path / "content").symlink_to(REPO / "content")
    (tmp_path / "mkdocs.yml").write_text("site_name: [x\n", encoding="utf-8")
    result = roadmap_site(tmp_path, "export", "out", "--engine", "zensical", "--today", "2026-11-23")
    assert result.returncode == 1
    assert "mkdocs.yml:2:1: not valid YAML" in result.stderr and "Traceback" not in result.stderr


def test_the_labels_extension_names_task_list_checkboxes() -> None:
    import markdown

    source = '- [x] Shipped <span class="rs-item" data-rs-item="ship">it</span>\n- [ ] Tested\n'
    plain = markdown.markdown(source, extensions=["pymdownx.tasklist"])
    labelled = markdown.markdown(source, extensions=["pymdownx.tasklist", "roadmap_site.render.task_labels"])
    assert "aria-label" not in plain
    assert labelled.count('type="checkbox"') == 2
    assert 'aria-label="Shipped it"' in labelled and 'aria-label="Tested"' in labelled


def test_export_never_replaces_the_site_configuration(tmp_path: Path) -> None:
    (tmp_path / "content").symlink_to(REPO / "content")
    original = "site_name: Mine\n"
    (tmp_path / "mkdocs.yml").write_text(original, encoding="utf-8")
    result = roadmap_site(tmp_path, "export", ".", "--engine", "zensical", "--today", "2026-11-23")
    assert result.returncode == 2 and "would replace mkdocs.yml" in result.stderr
    assert (tmp_path / "mkdocs.yml").read_text(encoding="utf-8") == original


def test_export_reports_a_bad_site_url_of_the_config_file(tmp_path: Path) -> None:
    (tmp_path / "content").symlink_to(REPO / "content")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nsite_url: ftp://example.org/\n", encoding="utf-8")
    result = roadmap_site(tmp_path, "export", "out", "--engine", "mkdocs", "--today", "2026-11-23")
    assert result.returncode == 1 and "mkdocs.yml: site_url:" in result.stderr, result.stderr
    assert not (tmp_path / "out").exists()


def test_export_for_an_engine_draws_diagrams_as_svg_unless_mermaid_is_asked_for(tmp_path):
    """By default (the plugin's mermaid: off) the exported pages hold the SVG diagrams and
    the configuration loads no mermaid; --mermaid cdn writes mermaid source and its script."""
    shutil.copytree(REPO / "content", tmp_path / "content")
    (tmp_path / "mkdocs.yml").write_text("site_name: S\ndocs_dir: content\nplugins: [roadmap]\n", encoding="utf-8")
    result = roadmap_site(tmp_path, "export", "svg", "--engine", "zensical", "--today", "2026-11-23")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "svg" / "docs" / "roadmaps" / "ai-engineering.md").read_text(encoding="utf-8")
    assert '<div class="rs-diagram" tabindex="0"><svg ' in page and "```mermaid" not in page
    config = (tmp_path / "svg" / "mkdocs.yml").read_text(encoding="utf-8")
    assert "mermaid" not in config.split("extra_javascript")[1]
    result = roadmap_site(
        tmp_path, "export", "fences", "--engine", "zensical", "--mermaid", "cdn", "--today", "2026-11-23"
    )
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "fences" / "docs" / "roadmaps" / "ai-engineering.md").read_text(encoding="utf-8")
    assert "```mermaid" in page and "<svg " not in page
    assert "mermaid-strict.js" in (tmp_path / "fences" / "mkdocs.yml").read_text(encoding="utf-8")
