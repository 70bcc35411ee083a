"""The JSON Schemas agree with the loader: every file the loader accepts validates with
zero errors when read as an editor reads it (YAML 1.2), and, for generated documents,
schema and loader accept the same ones."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from valid_content import content_files, content_trees
from yaml12 import load_yaml12

from roadmap_site.content.schema import SCHEMAS, schema_of

SCHEMA_OF_FOLDER = {"roadmaps": "roadmap.schema.json", "skills": "skills.schema.json", "updates": "update.schema.json"}


def validator(name: str) -> Any:
    """A validator of the draft the schema declares."""
    schema = schema_of(SCHEMAS[name])
    cls = jsonschema.validators.validator_for(schema)
    assert cls is jsonschema.Draft202012Validator
    cls.check_schema(schema)
    return cls(schema)


VALIDATORS = {name: validator(name) for name in SCHEMAS}


def schema_errors(path: Path, text: str | None = None) -> list[str]:
    """What an editor would underline in a content file, as 'path: where: message'."""
    data = load_yaml12(path.read_text(encoding="utf-8-sig") if text is None else text)
    found = VALIDATORS[SCHEMA_OF_FOLDER[path.parent.name]].iter_errors(data)
    return [f"{path}: {'/'.join(map(str, error.absolute_path))}: {error.message}"[:300] for error in found]


def test_every_valid_file_has_no_schema_error(tmp_path):
    trees = content_trees(tmp_path / "new")
    checked = 0
    errors = []
    for tree in trees.values():
        for path in content_files(tree):
            errors.extend(schema_errors(path))
            checked += 1
    assert errors == []
    assert checked >= 20


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_schemas_are_json_of_the_declared_draft(name):
    schema = schema_of(SCHEMAS[name])
    assert json.loads(json.dumps(schema)) == schema
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
