"""Field docstrings, read from the source for the schema and the format reference."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from roadmap_site.content import fields, model
from roadmap_site.content.field_docs import describe_fields, field_docs


class Base(BaseModel):
    model_config = ConfigDict(json_schema_extra=describe_fields)

    kept: int = 0
    """Documented in the base.

    Second paragraph."""
    shadowed: int = 0
    """The base's words."""


class Child(Base):
    shadowed: int = 1
    """The child's words."""
    bare: int = 0

    def helper(self) -> int:
        return self.bare

    """A string after a method documents nothing."""

    class Nested(BaseModel):
        inner: int = 0
        """Inside a nested class."""


def test_docstrings_of_own_and_inherited_fields_nearest_class_wins():
    assert field_docs(Child) == {
        "kept": "Documented in the base.\n\nSecond paragraph.",
        "shadowed": "The child's words.",
    }
    assert field_docs(Child.Nested) == {"inner": "Inside a nested class."}


def test_the_json_schema_describes_each_documented_field():
    properties = Child.model_json_schema()["properties"]
    assert properties["shadowed"]["description"] == "The child's words."
    assert properties["kept"]["description"].startswith("Documented in the base.")
    assert "description" not in properties["bare"]


def test_every_content_model_field_is_documented():
    """docs/format.md is made from these: an undocumented field would be a blank row."""
    undocumented = [
        f"{cls.__name__}.{name}"
        for cls in vars(model).values()
        if isinstance(cls, type) and issubclass(cls, fields.Strict) and cls is not fields.Strict
        for name in cls.model_fields
        if name not in field_docs(cls)
    ]
    assert undocumented == []
