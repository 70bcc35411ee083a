"""The content models themselves: how their defaults are made."""

from __future__ import annotations

from roadmap_site import model


def _content_models() -> list[type[model.Strict]]:
    found, todo = [], [model.Strict]
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
    assert not mutable, f"give these a default_factory (model._empty): {mutable}"


def test_each_model_gets_its_own_empty_lists():
    first, second = model.Milestone(title="A"), model.Milestone(title="B")
    assert first.checklist == [] and first.checklist is not second.checklist
    assert model.Owner(name="A").links == {}
