"""The content format reference (docs/format.md), generated from the model's fields
and docstrings so that the documentation cannot drift from what is validated."""

from __future__ import annotations

import typing
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from roadmap_site.content import fields
from roadmap_site.content import model as m
from roadmap_site.content.field_docs import field_docs
from roadmap_site.render.pages import environment

SECTIONS: list[tuple[str, list[type[BaseModel]]]] = [
    ("Roadmap files", [m.Roadmap, m.Owner, m.Phase, m.Milestone, m.Slip, m.ItemMapping, m.Link]),
    ("Resources, projects and free sections", [m.Resource, m.Project, m.Section, m.Entry]),
    ("Learning paths", [m.Stage, m.LearningPath]),
    ("Skills files", [m.SkillMap, m.SkillArea]),
    ("Quarterly updates", [m.UpdateMeta]),
]

_NAMES = {
    "Moment": "date",
    "Period": "period",
    "ItemMapping": "checklist item",
    "LearningPath": "path",
    "SkillArea": "skill area",
    "SkillMap": "skills file",
    "UpdateMeta": "update front matter",
}


def _metadata_name(metadata: list[Any]) -> str | None:
    for item in metadata:
        func = getattr(item, "func", None)
        if func is fields.check_slug:
            return "id"
        if func is fields.check_url:
            return "link"
        if getattr(func, "__name__", "") == "check":  # _in_range
            return "whole number"
        if getattr(func, "__name__", "") == "_item_from_shorthand":
            return "checklist item"
        if getattr(func, "__name__", "") == "_entry_from_string":
            return "entry"
    return None


def type_name(annotation: Any, metadata: list[Any] | None = None) -> str:
    """A reader-facing name for a field's type."""
    named = _metadata_name(metadata or [])
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        inner, *extra = typing.get_args(annotation)
        return named or type_name(inner, [*extra])
    if named:
        return named
    if origin is typing.Literal:
        return "one of " + ", ".join(str(a) for a in typing.get_args(annotation))
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return " or ".join(type_name(a) for a in args)
    if origin is list:
        return f"list of {type_name(typing.get_args(annotation)[0])}"
    if origin is dict:
        key, value = typing.get_args(annotation)
        return f"mapping of {type_name(key)} to {type_name(value)}"
    if isinstance(annotation, type):
        if annotation.__name__ in _NAMES:
            return _NAMES[annotation.__name__]
        if issubclass(annotation, BaseModel):
            return annotation.__name__.lower()
        return {"str": "text", "int": "whole number", "bool": "true or false"}.get(
            annotation.__name__, annotation.__name__
        )
    return str(annotation)


def _default(field: FieldInfo) -> str:
    if field.is_required():
        return "required"
    value = field.get_default(call_default_factory=True)
    if value in (None, "", [], {}):
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


def rows(model: type[BaseModel]) -> list[tuple[str, str, str, str]]:
    """(key, type, default, description) for each field of ``model``."""
    out = []
    docs = field_docs(model)
    for name, field in model.model_fields.items():
        kind = type_name(field.annotation, list(field.metadata))
        if field.annotation is str and any(getattr(x, "max_length", 0) == 20_000 for x in field.metadata):
            kind = "Markdown"
        description = " ".join(docs.get(name, "").split()).replace("``", "`")
        out.append((field.alias or name, kind, _default(field), description))
    return out


def format_reference() -> str:
    """The whole reference page, as Markdown."""
    sections = [
        (
            title,
            [
                (
                    model.__name__,
                    _NAMES.get(model.__name__, model.__name__.lower()),
                    " ".join((model.__doc__ or "").split()),
                    rows(model),
                )
                for model in models
            ],
        )
        for title, models in SECTIONS
    ]
    return environment().get_template("format.md.j2").render(sections=sections)


if __name__ == "__main__":
    from pathlib import Path

    Path("docs/format.md").write_text(format_reference(), encoding="utf-8")
