"""Generated documents, valid and nearly valid: the JSON Schema and the loader accept
the same ones.

Each document is written as YAML that YAML 1.1 (the loader, PyYAML) and YAML 1.2 (an
editor's language server, read here with yaml12.py) read alike: every string quoted.
The loader's side is what it does with one file alone: read it (load.py) and validate
it against the model (model.py). The schema's side is the JSON Schema of that kind of
file, applied to the YAML 1.2 reading.

What a schema cannot say, and so is not generated here (the loader alone checks it):
- anything across files or across a file: skills, depends_on, builds and route naming
  ids that exist, ids being unique, dependency cycles, a ``slipped`` status having a slip
  record, ``done_on`` only on done milestones (content.py);
- which link schemes are safe, in links and in Markdown (escape.py reads entities,
  invisible characters and line breaks that hide a scheme);
- the calendar (30 February) and the order of a period's ends;
- a whole number written with a decimal point (``3.0``): JSON Schema calls it an
  integer, the loader wants a number written as a whole number;
- how a plain, unquoted value is read: YAML 1.1 reads ``yes``, ``on``, ``010``, ``1:30``
  and ``2026-09-30`` as a boolean, numbers and a date, YAML 1.2 as text and numbers;
  where the two readings differ, schema and loader see different values.
"""

from __future__ import annotations

import os
import typing
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_schema import VALIDATORS
from yaml12 import load_yaml12

from roadmap_site.content import model
from roadmap_site.content.load import LoadError, load_markdown_file, load_yaml_file

EXAMPLES = int(os.environ.get("ROADMAP_SITE_FUZZ_EXAMPLES", "0"))

# --- values: each kind of field, valid and nearly valid ----------------------------------

TITLE = ["Build an API", "x", "  spaced  ", "Ünïcode ✓", 2031, -1.5, "", "a" * 300, "a" * 301, True, [], {}]
PROSE = ["", "Some *Markdown* with a [link](https://example.org)", 5, "b" * 20_000, "b" * 20_001, False, ["x"]]
SLUG = ["build-api", "a", "2031", 2031, 0, "a" * 64, "a" * 65, "Build-API", "a--b", "-a", "", -1, 1.5, True]
DATE = ["2031", "2027-Q3", "2027-06", "2027-06-15", " 2027-06 ", 2031, 999, 10000, "0000", "2027-13"]
DATE += ["2027-Q5", "2027-6", "June 2027", "", "2027-06-15T10:00", True, 1.5, ["2027"]]
PERIOD = ["2026-05 .. 2027-08", "2027-Q1", "2026..2027", " 2026 ", "Month 3-4", "Week 1", 2027, 12, "2026 cohort"]
PERIOD += ["2026-05 - 2027-08", "2026 .. 2027 .. 2028", "2026 ..", "", "   ", True, 1.5]
URL = ["https://example.org/a?b=c", "/docs/x", "page.md", "mailto:me@example.org", 5, "has space", " https://x", ""]
URL += ["tab\there", True]
FLAG = [True, False, "yes", "No", "ON", "off", "y", "T", "0", 0, 1, 1.0, 2, "maybe", " yes", "", [True]]
LEVEL = [0, 1, 3, 5, 6, -1, "3", True, 2.5]
SCORE = [1, 5, 0, 6, "4", False]
FOCUS = [1, 50, 0, 51, "3", True]
QUARTER = ["2027-Q1", "2027-Q5", "2027", 2027, "27-Q1"]
ITEM = ["[x] Done thing", "[ ] To do", "[~] Doing", "[X] Upper", "  [x]   spaced  ", "[x]", "[x] ", "[y] No"]
ITEM += ["x thing", "[x]no space", "[ ] " + "c" * 300, "[ ] " + "c" * 301, "", 5]
ENTRY = ["Step one", "", "d" * 300, "d" * 301, 5, None]
NOT_A_LIST = ["text", 5, True, None]


def enum(*words: str) -> list[Any]:
    return [*words, words[0].title(), f"{words[0]}-ish", 1]


STATUS = enum("planned", "active", "done", "slipped", "dropped")
KINDS: dict[str, list[Any]] = {
    "title": TITLE,
    "prose": PROSE,
    "slug": SLUG,
    "date": DATE,
    "period": PERIOD,
    "url": URL,
    "flag": FLAG,
    "level": LEVEL,
    "score": SCORE,
    "focus": FOCUS,
    "quarter": QUARTER,
    "status": STATUS,
    "item_state": enum("todo", "active", "done", "dropped"),
    "kind": enum(*typing.get_args(model.ResourceKind)),
    "difficulty": enum(*model.DIFFICULTIES),
    "cadence": enum("monthly", "quarterly", "yearly", "none"),
    "layer": enum("foundation", "specialization"),
}

# --- documents: every model's fields by kind ----------------------------------------------
# "kind" a value, "kind?" also null, "[kind]" a list, "{kind}" a mapping of titles to them,
# "*" marks a required field, "Model" a nested mapping, "item"/"entry" their shorthands too,
# "slips" one slip or a list

FIELDS: dict[type[Any], dict[str, str]] = {
    model.Roadmap: {
        "title": "title*",
        "owner": "Owner?",
        "summary": "prose",
        "goal": "title?",
        "cadence": "cadence",
        "updated": "date?",
        "skills": "slug?",
        "facts": "{title}",
        "phases": "[Phase]",
        "stages": "[Stage]",
        "paths": "[LearningPath]",
        "resources": "[Resource]",
        "projects": "[Project]",
        "sections": "[Section]",
    },
    model.Owner: {"name": "title*", "headline": "title?", "links": "{url}"},
    model.Phase: {
        "title": "title*",
        "id": "slug?",
        "period": "period?",
        "theme": "prose",
        "summary": "prose",
        "success": "prose",
        "milestones": "[Milestone]",
        "checklist": "[item]",
        "resources": "[Resource]",
        "projects": "[Project]",
        "phases": "[Phase]",
    },
    model.Milestone: {
        "title": "title*",
        "id": "slug?",
        "status": "status",
        "due": "date?",
        "done_on": "date?",
        "summary": "prose",
        "builds": "[slug]",
        "depends_on": "[slug]",
        "checklist": "[item]",
        "evidence": "[Link]",
        "slipped": "slips",
    },
    model.Slip: {"reason": "prose*", "new_due": "date*", "recorded": "date?"},
    model.ItemMapping: {
        "text": "title*",
        "id": "slug?",
        "done": "flag?",
        "state": "item_state?",
        "url": "url?",
        "note": "prose",
    },
    model.Link: {"title": "title*", "url": "url*"},
    model.Resource: {"title": "title*", "kind": "kind", "url": "url?", "note": "prose", "done": "flag"},
    model.Entry: {"title": "title*", "text": "prose", "url": "url?"},
    model.Project: {
        "title": "title*",
        "id": "slug?",
        "difficulty": "difficulty?",
        "summary": "prose",
        "status": "status?",
        "url": "url?",
        "builds": "[slug]",
        "checklist": "[item]",
    },
    model.Section: {
        "title": "title*",
        "id": "slug?",
        "label": "title?",
        "body": "prose",
        "ordered": "flag",
        "items": "[entry]",
        "checklist": "[item]",
        "resources": "[Resource]",
        "projects": "[Project]",
        "sections": "[Section]",
    },
    model.Stage: {"id": "slug*", "title": "title*", "summary": "prose"},
    model.LearningPath: {
        "for": "title*",
        "route": "[slug]*",
        "id": "slug?",
        "title": "title?",
        "duration": "title?",
        "summary": "prose",
        "phases": "[Phase]",
    },
    model.SkillMap: {"title": "title*", "summary": "prose", "focus": "focus?", "areas": "[SkillArea]*"},
    model.SkillArea: {
        "id": "slug*",
        "title": "title*",
        "layer": "layer",
        "summary": "prose",
        "topics": "[title]",
        "outcomes": "[item]",
        "level": "level?",
        "target": "score?",
        "gap": "score?",
        "impact": "score?",
    },
    model.UpdateMeta: {"date": "date*", "quarter": "quarter?", "roadmap": "slug?", "title": "title?"},
}
MODELS = {cls.__name__: cls for cls in FIELDS}
UNKNOWN_KEYS = ["on", "true", "stauts", "Title", "x-note"]
MAX_DEPTH = 4


def test_the_generator_knows_every_field():
    # a field added to the model must be added here, or it would go untested
    for cls, fields in FIELDS.items():
        assert set(fields) == {field.alias or name for name, field in cls.model_fields.items()}, cls.__name__
        required = {field.alias or name for name, field in cls.model_fields.items() if field.is_required()}
        assert {key for key, kind in fields.items() if kind.endswith("*")} == required, cls.__name__


def value_of(kind: str, depth: int) -> st.SearchStrategy[Any]:
    """Values for a field of ``kind`` (see FIELDS), mostly valid, some not."""
    kind = kind.rstrip("*")
    if kind.endswith("?"):
        return st.one_of(st.none(), value_of(kind[:-1], depth))
    if kind.startswith("["):
        inner = kind[1:-1]
        if depth >= MAX_DEPTH and inner in MODELS:
            return st.just([])
        items = st.lists(value_of(inner, depth + 1), max_size=3)
        return st.one_of(items, st.sampled_from(NOT_A_LIST)) if inner in MODELS else items
    if kind.startswith("{"):
        keys = st.sampled_from(["GitHub", "Biggest gap", "x", "", 2031, "k" * 301]).map(str)
        return st.dictionaries(keys, value_of(kind[1:-1], depth + 1), max_size=3)
    if kind in MODELS:
        return st.one_of(document(MODELS[kind], depth + 1), st.sampled_from(NOT_A_LIST))
    if kind == "item":
        return st.one_of(st.sampled_from(ITEM), document(model.ItemMapping, depth + 1))
    if kind == "entry":
        return st.one_of(st.sampled_from(ENTRY), document(model.Entry, depth + 1))
    if kind == "slips":
        slip = document(model.Slip, depth + 1)
        return st.one_of(slip, st.lists(slip, max_size=2), st.just("late"))
    return st.sampled_from(KINDS[kind])


@st.composite
def document(draw: st.DrawFn, cls: type[Any], depth: int = 0) -> dict[Any, Any]:
    """A mapping for ``cls``: its required keys (most of the time), some others, now and
    then an unknown key."""
    fields = FIELDS[cls]
    data: dict[Any, Any] = {}
    for key, kind in fields.items():
        wanted = draw(st.integers(0, 19))
        if (kind.endswith("*") and wanted > 0) or wanted < 3:
            data[key] = draw(value_of(kind, depth))
    if draw(st.integers(0, 29)) == 0:
        data[draw(st.sampled_from(UNKNOWN_KEYS))] = "2026-09-30"
    return data


# --- writing, reading and comparing ---------------------------------------------------------


class QuotingDumper(yaml.SafeDumper):
    """Writes every string double-quoted, so that YAML 1.1 and 1.2 read the same values."""


QuotingDumper.add_representer(
    str, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')
)


def text_of(data: dict[Any, Any], markdown: bool) -> str:
    text = yaml.dump(data, Dumper=QuotingDumper, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{text}---\n\nThe text.\n" if markdown else text


def loader_accepts(path: Path, cls: type[Any], markdown: bool) -> tuple[bool, str]:
    try:
        source = load_markdown_file(path, path.name) if markdown else load_yaml_file(path, path.name)
        cls.model_validate(source.data)
    except LoadError as error:
        return False, str(error)
    except ValueError as error:  # pydantic's ValidationError
        return False, str(error)[:2000]
    return True, ""


def check_agreement(data: dict[Any, Any], cls: type[Any], schema: str, markdown: bool, folder: Path) -> None:
    text = text_of(data, markdown)
    path = folder / ("update.md" if markdown else "file.yml")
    path.write_text(text, encoding="utf-8")
    accepted, why = loader_accepts(path, cls, markdown)
    errors = [f"{list(e.absolute_path)}: {e.message}"[:300] for e in VALIDATORS[schema].iter_errors(load_yaml12(text))]
    assert accepted == (not errors), (
        f"loader {'accepts' if accepted else 'rejects'}, schema {'rejects' if errors else 'accepts'}:\n"
        f"{text[:3000]}\nloader: {why}\nschema: {errors[:5]}"
    )


def agreement_settings(default: int) -> Any:
    return settings(
        max_examples=EXAMPLES or default,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
    )


@agreement_settings(300)
@given(data=document(model.Roadmap))
def test_roadmaps(tmp_path, data):
    check_agreement(data, model.Roadmap, "roadmap.schema.json", False, tmp_path)


@agreement_settings(150)
@given(data=document(model.SkillMap))
def test_skill_maps(tmp_path, data):
    check_agreement(data, model.SkillMap, "skills.schema.json", False, tmp_path)


@agreement_settings(100)
@given(data=document(model.UpdateMeta))
def test_update_front_matter(tmp_path, data):
    check_agreement(data, model.UpdateMeta, "update.schema.json", True, tmp_path)
