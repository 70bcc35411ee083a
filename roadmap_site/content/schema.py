"""JSON Schemas of the content files, for editors and CI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from roadmap_site.content.model import Roadmap, SkillMap, UpdateMeta

SCHEMAS: dict[str, type[BaseModel]] = {
    "roadmap.schema.json": Roadmap,
    "skills.schema.json": SkillMap,
    "update.schema.json": UpdateMeta,
}


def schema_of(model: type[BaseModel]) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one content file type."""
    schema = model.model_json_schema(by_alias=True)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def schema_texts() -> dict[str, str]:
    """Each schema file's name and its text, as ``write_schemas`` writes it."""
    return {name: json.dumps(schema_of(model), indent=2, sort_keys=True) + "\n" for name, model in SCHEMAS.items()}


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema into ``folder``; return the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_texts().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
