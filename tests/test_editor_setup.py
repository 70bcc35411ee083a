"""Editor support out of the box: ``init`` writes the JSON Schemas, every content YAML
file it makes names its schema on its first line (yaml-language-server's
``$schema=`` comment), and each validates against the schema it names with zero errors;
``roadmap-site schema`` refreshes the schemas."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
from conftest import REPO, roadmap_site
from yaml12 import load_yaml12

from roadmap_site.content.schema import schema_texts

SCHEMA_LINE = re.compile(r"# yaml-language-server: \$schema=(\S+)\n")
NOT_FORMAT_FILES = ("mkdocs.yml", ".github/")
"""YAML that init writes but that is not in this format: MkDocs' configuration (its
schema is Material's, online, and needs the editor to know MkDocs' ``!ENV`` tag) and the
publish workflow (editors find GitHub's workflow schema by the file's place)."""


def named_schema(path: Path) -> Path:
    """The schema file a YAML file names on its first line."""
    match = SCHEMA_LINE.match(path.read_text(encoding="utf-8"))
    assert match, f"{path} does not start with a $schema line"
    target = (path.parent / match[1]).resolve()
    assert target.is_file(), f"{path} names {match[1]}, which does not exist"
    return target


def errors_against(path: Path, schema_path: Path) -> list[str]:
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    data = load_yaml12(path.read_text(encoding="utf-8"))
    return [f"{path}: {list(e.absolute_path)}: {e.message}"[:300] for e in validator.iter_errors(data)]


def test_a_fresh_init_has_schemas_named_by_every_yaml_file(tmp_path):
    result = roadmap_site(tmp_path, "init", "site")
    assert result.returncode == 0, result.stderr
    project = tmp_path / "site"
    written = {p.relative_to(project).as_posix() for p in project.rglob("*") if p.is_file()}
    assert {f"docs/schema/{name}" for name in schema_texts()} <= written
    for name, text in schema_texts().items():
        assert (project / "docs" / "schema" / name).read_text(encoding="utf-8") == text
    yaml_files = sorted(p for p in written if p.endswith((".yml", ".yaml")) and not p.startswith(NOT_FORMAT_FILES))
    assert yaml_files == ["content/roadmaps/my-roadmap.yml", "content/skills/my-skills.yml"]
    errors = []
    for name in yaml_files:
        schema = named_schema(project / name)
        assert schema.parent == (project / "docs" / "schema").resolve()
        errors += errors_against(project / name, schema)
    for update in sorted((project / "content" / "updates").glob("*.md")):  # front matter: not for editors
        errors += errors_against(update, project / "docs" / "schema" / "update.schema.json")
    assert errors == []
    assert roadmap_site(project, "check").returncode == 0


def test_the_schema_command_refreshes_what_init_wrote(tmp_path):
    assert roadmap_site(tmp_path, "init", "site").returncode == 0
    project = tmp_path / "site"
    stale = project / "docs" / "schema" / "roadmap.schema.json"
    stale.write_text("{}\n", encoding="utf-8")
    result = roadmap_site(project, "schema")
    assert result.returncode == 0, result.stderr
    assert stale.read_text(encoding="utf-8") == schema_texts()["roadmap.schema.json"]


def test_every_example_file_names_the_published_schema():
    files = sorted([*(REPO / "content").glob("roadmaps/*.yml"), *(REPO / "content").glob("skills/*.yml")])
    assert len(files) >= 8
    errors = []
    for path in files:
        schema = named_schema(path)
        assert schema.parent == REPO / "docs" / "schema", path
        assert schema.name == f"{'roadmap' if path.parent.name == 'roadmaps' else 'skills'}.schema.json", path
        errors += errors_against(path, schema)
    assert errors == []
