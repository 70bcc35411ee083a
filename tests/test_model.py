"""The content models themselves: how their defaults are made."""

from __future__ import annotations

import typing

from roadmap_site.content import fields, model


def _content_models() -> list[type[fields.Strict]]:
    found, todo = [], [fields.Strict]
    while todo:
        for sub in todo.pop().__subclasses__():
            found.append(sub)
            todo.append(sub)
    return found


def test_no_model_has_a_mutable_default_that_pydantic_would_copy_each_time():
    models = _content_models()
    assert {model.Milestone, model.Roadmap, model.SkillMap} <= set(models)
    mutable = [
        f"{cls.__name__}.{name}"
        for cls in models
        for name, field in cls.model_fields.items()
        if isinstance(field.default, (list, dict, set))
    ]
    assert not mutable, f"give these a default_factory (fields._empty): {mutable}"


def test_each_model_gets_its_own_empty_lists():
    first, second = model.Milestone(title="A"), model.Milestone(title="B")
    assert first.checklist == [] and first.checklist is not second.checklist
    assert model.Owner(name="A").links == {}


def test_checklist_shorthand_reads_as_its_pattern_says():
    import itertools
    import re

    pattern = re.compile(r"^\[([ xX~])\]\s+(.+)$", re.DOTALL)  # the documented form
    states = {" ": "todo", "x": "done", "X": "done", "~": "active"}

    def expected(value: str) -> dict[str, str] | None:
        match = pattern.match(value.strip())
        return {"text": match[2].strip(), "state": states[match[1]]} if match else None

    def read(value: str) -> dict[str, str] | None:
        try:
            return model._item_from_shorthand(value)
        except ValueError:
            return None

    alphabet = ["[", "]", "x", "X", "~", " ", "\t", "\n", "a", "\u2003", "\u00a0", "é"]
    written = ["".join(chars) for size in range(1, 6) for chars in itertools.product(alphabet, repeat=size)]
    written += ["[x] Ship it", "  [ ]   Spaces  ", "[~]\tTabbed", "[x]", "[x]Ship", "[y] No", "x] No"]
    assert sum(read(value) is not None for value in written) > 100
    assert [value for value in written if read(value) != expected(value)] == []
    assert read("[X]  Two words ") == {"text": "Two words", "state": "done"}


def test_every_resource_kind_has_an_icon_and_no_icon_is_for_another_kind():
    from roadmap_site.render.pages import RESOURCE_ICONS

    assert list(RESOURCE_ICONS) == list(typing.get_args(model.ResourceKind))
