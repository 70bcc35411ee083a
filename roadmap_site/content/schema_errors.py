"""Turn pydantic's validation errors into problems a roadmap author can act on."""

from __future__ import annotations

import difflib
import re
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from roadmap_site.content import suggest
from roadmap_site.content.load import Source
from roadmap_site.content.model import RENAMED_KEYS
from roadmap_site.content.problems import Problem


def _unwrap(annotation: Any) -> Any:
    """The model class (or plain type) a field's annotation stands for."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            models = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel)]
            annotation = models[0] if models else args[0]
        elif origin in (list, tuple):
            return ("list", typing.get_args(annotation)[0])
        elif origin is dict:
            return ("dict", typing.get_args(annotation)[1])
        else:
            return annotation


def _field_by_key(model: type[BaseModel], key: str) -> Any:
    for name, field in model.model_fields.items():
        if (field.alias or name) == key:
            return field.annotation
    return None


def model_at(root: type[BaseModel], loc: tuple[int | str, ...]) -> type[BaseModel] | None:
    """The model class whose mapping holds the last key of ``loc``."""
    current: Any = root
    for part in loc[:-1]:
        if isinstance(current, tuple):  # ("list", inner) or ("dict", inner)
            current = _unwrap(current[1])
            continue
        if isinstance(current, type) and issubclass(current, BaseModel) and isinstance(part, str):
            annotation = _field_by_key(current, part)
            if annotation is None:
                return None
            current = _unwrap(annotation)
        else:
            return None
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def allowed_keys(model: type[BaseModel]) -> list[str]:
    """The keys a mapping of this model accepts, as written in YAML."""
    return [field.alias or name for name, field in model.model_fields.items()]


def describe(model: type[BaseModel] | None) -> str:
    """A reader-facing name for a model: 'a milestone', 'a checklist item'."""
    if model is None:
        return "this mapping"
    names = {
        "ItemMapping": "a checklist item",
        "LearningPath": "a path",
        "SkillArea": "a skill area",
        "SkillMap": "a skills file",
        "UpdateMeta": "an update's front matter",
    }
    name = names.get(model.__name__)
    if name:
        return name
    word = model.__name__.lower()
    return f"{'an' if word[0] in 'aeiou' else 'a'} {word}"


def _kind_of(value: Any) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()} (a boolean)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return f"{value!r}"[:60]


def _message(error: Any, root: type[BaseModel]) -> tuple[str, bool]:
    """The message for one pydantic error, and whether it points at the key."""
    kind = error["type"]
    loc = error["loc"]
    key = loc[-1] if loc else ""
    received = error.get("input")
    if kind == "extra_forbidden":
        model = model_at(root, loc)
        renamed = RENAMED_KEYS.get(model.__name__, {}).get(str(key)) if model else None
        if renamed:
            old = "on" if key == "true" else key  # `true` is how YAML 1.1 tools rewrite `on`
            return f"use {renamed!r} instead of {old!r} in {describe(model)} (the key was renamed)", True
        keys = allowed_keys(model) if model else []
        close = difflib.get_close_matches(str(key), keys, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        allowed = f" (allowed: {', '.join(sorted(keys))})" if keys else ""
        return f"unknown key {key!r} in {describe(model)}{hint}{allowed}", True
    if kind == "missing":
        model = model_at(root, (*loc[:-1], "_"))
        return f"{describe(model)} needs the key {key!r}", False
    if isinstance(key, str) and not key.isidentifier():
        key = repr(key)  # a key of the author's (facts, links): quoted, so it stays on one line
    if kind == "literal_error":
        expected = error["ctx"]["expected"]
        hint = suggest.hint(received, re.findall(r"'([^']*)'", expected))
        return f"{key}: expected one of {expected}, got {_kind_of(received)}{hint}", False
    if kind in ("value_error", "assertion_error"):
        message = error["msg"].removeprefix("Value error, ").removeprefix("Assertion failed, ")
        return (f"{key}: {message}" if isinstance(key, str) else message), False
    if kind == "string_type":
        return f"{key}: expected text, got {_kind_of(received)}", False
    if kind in ("list_type", "tuple_type"):
        return f"{key}: expected a list, got {_kind_of(received)}", False
    if kind in ("model_type", "model_attributes_type", "dict_type", "dataclass_type"):
        model = model_at(root, (*loc, "_"))
        return f"expected {describe(model)} (a mapping), got {_kind_of(received)}", False
    if kind in ("bool_type", "bool_parsing"):
        return f"{key}: expected true or false, got {_kind_of(received)}", False
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"{key}: expected a whole number, got {_kind_of(received)}", False
    if kind == "too_short":
        return f"{key}: may not be empty", False
    if kind == "string_too_short":
        return f"{key}: may not be empty", False
    if kind == "string_too_long":
        return f"{key}: is longer than {error['ctx']['max_length']:,} characters", False
    if kind == "too_long":
        return f"{key}: has more than {error['ctx']['max_length']:,} entries", False
    if kind == "string_pattern_mismatch":
        return f"{key}: {received!r} does not have the expected form {error['ctx']['pattern']}", False
    return f"{key}: {error['msg']}", False


def problems_from(error: ValidationError, source: Source, root: type[BaseModel]) -> list[Problem]:
    """One problem per validation error, placed at the offending key or value."""
    problems = []
    errors = error.errors(include_url=False)
    suggested = set()  # (parent loc, key) pairs already offered by "did you mean"
    for item in errors:
        if item["type"] == "extra_forbidden":
            model = model_at(root, tuple(item["loc"]))
            for close in difflib.get_close_matches(str(item["loc"][-1]), allowed_keys(model) if model else [], n=1):
                suggested.add((tuple(item["loc"][:-1]), close))
    for item in errors:
        if item["type"] == "missing" and (tuple(item["loc"][:-1]), item["loc"][-1]) in suggested:
            continue  # the misspelt key's message already names it
        message, at_key = _message(item, root)
        loc = tuple(item["loc"])
        position = source.position_of(loc, key=at_key) or (1, 1)
        problems.append(source.problem(position, message))
    return problems
