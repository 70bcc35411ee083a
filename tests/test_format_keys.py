"""No key of the format is a word that YAML 1.1 reads as a boolean, so that a file
survives tools that read YAML 1.1 (PyYAML, yamllint's truthy rule); a file that still
uses a renamed key is told the new name, at the key."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import write_tree
from valid_content import content_files, content_trees

from roadmap_site.content.loader import load_content
from roadmap_site.content.problems import ContentError
from roadmap_site.content.schema import SCHEMAS, schema_of

# every spelling that YAML 1.1 resolves as a boolean (yamllint's truthy rule lists the same)
YAML_11_BOOLEAN = re.compile(r"y|n|yes|no|true|false|on|off", re.IGNORECASE)

OLD_SLIP = """\
title: R
phases:
  - title: P
    milestones:
      - title: M
        status: slipped
        due: 2026-01
        slipped:
          reason: late
          new_due: 2027-03
          {key}: 2026-09-30
"""


def keys_of(schema: Any) -> set[str]:
    """Every property name anywhere in a JSON Schema."""
    found: set[str] = set()
    if isinstance(schema, dict):
        found.update(schema.get("properties", {}))
        for value in schema.values():
            found |= keys_of(value)
    elif isinstance(schema, list):
        for value in schema:
            found |= keys_of(value)
    return found


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_no_key_is_a_yaml_11_boolean(name):
    keys = keys_of(schema_of(SCHEMAS[name]))
    assert "recorded" in keys or name != "roadmap.schema.json"
    assert len(keys) > 3
    assert [key for key in keys if YAML_11_BOOLEAN.fullmatch(key)] == []


@pytest.mark.parametrize("key", ["on", "true"])
def test_the_old_slip_key_is_told_its_new_name_at_its_place(tmp_path, key):
    # `true` is what PyYAML's load and dump makes of `on`
    write_tree(tmp_path / "content", {"roadmaps/r.yml": OLD_SLIP.format(key=key)})
    with pytest.raises(ContentError) as caught:
        load_content(tmp_path / "content", tmp_path)
    assert [str(p) for p in caught.value.problems] == [
        "content/roadmaps/r.yml:11:11: use 'recorded' instead of 'on' in a slip (the key was renamed)"
    ]


def test_the_new_key_is_read(tmp_path):
    write_tree(tmp_path / "content", {"roadmaps/r.yml": OLD_SLIP.format(key="recorded")})
    content = load_content(tmp_path / "content", tmp_path)
    slip = content.roadmaps["r"].model.phases[0].milestones[0].slipped[0]
    assert str(slip.recorded) == "2026-09-30"


_FRONT_MATTER = re.compile(r"\A---\n(.*?\n)---\n", re.DOTALL)


def pyyaml_round_trip(path: Path) -> None:
    """Read a content file with PyYAML (YAML 1.1) and write it back as PyYAML dumps it."""
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix == ".md":
        match = _FRONT_MATTER.match(text)
        assert match, path
        dumped = yaml.safe_dump(yaml.safe_load(match[1]), allow_unicode=True)
        path.write_text(f"---\n{dumped}---\n{text[match.end() :]}", encoding="utf-8")
    else:
        path.write_text(yaml.safe_dump(yaml.safe_load(text), allow_unicode=True), encoding="utf-8")


def test_a_pyyaml_load_and_dump_of_every_valid_file_stays_valid(tmp_path):
    trees = content_trees(tmp_path / "new")
    assert len(trees) >= 5
    rewritten = 0
    for name, tree in trees.items():
        copy = tmp_path / "copies" / name / "content"
        shutil.copytree(tree, copy)
        files = content_files(copy)
        assert files, name
        for path in files:
            before = path.read_text(encoding="utf-8-sig")
            pyyaml_round_trip(path)
            rewritten += path.read_text(encoding="utf-8") != before
        load_content(copy, copy.parent)  # raises ContentError, naming the file, on any error
    assert rewritten > 20  # the files were indeed written back in PyYAML's own style
