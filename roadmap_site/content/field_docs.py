"""The docstrings written under model fields, read from the source when documentation
is made (the JSON Schema, docs/format.md), not each time the models are imported.

pydantic's ``use_attribute_docstrings`` does the same at import, parsing the module once
per class: about a third of the package's import time, paid by every build. The rule is
pydantic's: a string literal right after an annotated assignment documents that field.
"""

from __future__ import annotations

import ast
import functools
import inspect
import sys
from pathlib import Path
from typing import Any


@functools.cache
def _docs_in_file(path: str) -> dict[str, dict[str, str]]:
    """Class qualified name → field name → docstring, for every class in one file."""
    found: dict[str, dict[str, str]] = {}

    def visit(body: list[ast.stmt], prefix: str) -> None:
        for node in body:
            if isinstance(node, ast.ClassDef):
                name = f"{prefix}{node.name}"
                docs = found.setdefault(name, {})
                for first, second in zip(node.body, node.body[1:], strict=False):
                    if (
                        isinstance(first, ast.AnnAssign)
                        and isinstance(first.target, ast.Name)
                        and isinstance(second, ast.Expr)
                        and isinstance(second.value, ast.Constant)
                        and isinstance(second.value.value, str)
                    ):
                        docs[first.target.id] = inspect.cleandoc(second.value.value)
                visit(node.body, f"{name}.")

    visit(ast.parse(Path(path).read_text(encoding="utf-8")).body, "")
    return found


def field_docs(model: type[Any]) -> dict[str, str]:
    """Each documented field of ``model`` (its own or inherited) and its docstring; the
    nearest class in the method resolution order wins."""
    docs: dict[str, str] = {}
    for cls in reversed(model.__mro__):
        path = getattr(sys.modules.get(cls.__module__), "__file__", None)
        if path and path.endswith(".py"):
            docs.update(_docs_in_file(path).get(cls.__qualname__, {}))
    fields = getattr(model, "model_fields", None)  # a pydantic model: its fields only
    return docs if fields is None else {name: doc for name, doc in docs.items() if name in fields}


def describe_fields(schema: dict[str, Any], model: type[Any]) -> None:
    """A pydantic ``json_schema_extra`` hook: each field's docstring as its description
    (over one its type may carry, as with ``use_attribute_docstrings``)."""
    properties = schema.get("properties", {})
    docs = field_docs(model)
    for name, field in getattr(model, "model_fields", {}).items():
        entry = properties.get(field.alias or name)
        if entry is not None and name in docs:
            entry["description"] = docs[name]
