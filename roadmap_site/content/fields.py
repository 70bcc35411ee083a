"""Scalar field types of the content model: slugs, URLs, dates, periods, titles, prose,
scores, and the strict base class every model class derives from.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    WithJsonSchema,
)

from roadmap_site.content.dates import DATE_FORMS, Moment, Period, parse_moment, parse_period
from roadmap_site.content.field_docs import describe_fields
from roadmap_site.content.safe_links import link_problem, link_problems

# --- scalar types -----------------------------------------------------------------

# The JSON Schemas (schema.py) describe what a file may hold as an editor reads it, YAML
# 1.2: the forms each type accepts before validation (numbers where text is expected,
# shorthands, bare years), not only the validated model. tests/test_schema.py checks that
# schema and loader agree.

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_SLUG = re.compile(SLUG_PATTERN)
MAX_ID_LENGTH = 64


def check_slug(value: str) -> str:
    """Accept lowercase letters, digits and single hyphens, at most 64 characters."""
    if not _SLUG.match(value) or len(value) > MAX_ID_LENGTH:
        raise ValueError(
            f"{value!r} is not an id: expected lowercase letters, digits and single hyphens "
            f"(like 'build-api'), at most {MAX_ID_LENGTH} characters"
        )
    return value


Slug = Annotated[
    str,
    AfterValidator(check_slug),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": SLUG_PATTERN, "maxLength": MAX_ID_LENGTH},
                # a number where text is expected is read as its digits (coerce_numbers_to_str)
                {"type": "integer", "minimum": 0},
            ]
        }
    ),
]

_CONTROL = re.compile(r"[\x00-\x20\x7f]")


def check_url(value: str) -> str:
    """Accept http, https and mailto links and relative links inside the site."""
    # (printable and no space: none of _CONTROL, nothing to strip; the usual case)
    if not (value.isprintable() and " " not in value) and (_CONTROL.search(value.strip()) or value.strip() != value):
        raise ValueError("a link may not contain spaces or control characters")
    if not value:
        raise ValueError("a link may not be empty")
    problem = link_problem(value)  # the one link policy, shared with prose (escape.py)
    if problem:
        raise ValueError(problem)
    return value


Url = Annotated[
    str,
    AfterValidator(check_url),
    WithJsonSchema(
        {
            "type": ["string", "number"],
            "pattern": r"^[^\x00-\x20\x7f]+$",
            "description": "http(s) or mailto link, or a relative link",
        }
    ),
]

# a date as parse_moment reads it (the calendar, such as 30 February, is checked by it only)
_DATE = r"(?!0000)[0-9]{4}(?:-Q[1-4]|-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12][0-9]|3[01]))?)?"
_BARE_YEAR = {"type": "integer", "minimum": 1000, "maximum": 9999}  # `due: 2031`, a number to YAML

DateValue = Annotated[
    Moment,
    PlainValidator(parse_moment),
    PlainSerializer(str),
    WithJsonSchema(
        {
            "anyOf": [{"type": "string", "pattern": rf"^\s*{_DATE}\s*$"}, _BARE_YEAR],
            "description": f"a date: {DATE_FORMS}",
        }
    ),
]

PeriodValue = Annotated[
    Period,
    PlainValidator(parse_period),
    PlainSerializer(str),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": rf"^\s*{_DATE}(?:\s*\.\.\s*{_DATE})?\s*$"},
                # a label: any text that does not start with a year (parse_period)
                {"type": "string", "pattern": r"^\s*(?![0-9]{4})\S"},
                _BARE_YEAR,
            ],
            "description": "'start .. end' with dates, a single date, or a label such as 'Month 3-4'",
        }
    ),
]

_TEXT_OR_NUMBER = ["string", "number"]  # a number is read as its digits (coerce_numbers_to_str)
Title = Annotated[
    str,
    Field(min_length=1, max_length=300),
    WithJsonSchema({"type": _TEXT_OR_NUMBER, "minLength": 1, "maxLength": 300}),
]


def check_prose(value: str) -> str:
    """Accept Markdown whose links (inline, images, reference definitions) are http,
    https, mailto or relative links, like :func:`check_url`."""
    for _, _, shown, problem in link_problems(value)[:1]:
        raise ValueError(f"the Markdown link {shown!r}: {problem}")
    return value


Prose = Annotated[
    str,
    Field(max_length=20_000),
    AfterValidator(check_prose),
    WithJsonSchema({"type": _TEXT_OR_NUMBER, "maxLength": 20_000}),
]


def _in_range(low: int, high: int, what: str) -> Any:
    def check(value: int) -> int:
        if not low <= value <= high:
            raise ValueError(f"{value} is out of range: {what} must be from {low} to {high}")
        return value

    return AfterValidator(check)


# Whole numbers are strict: a number in the file, not text or a boolean that pydantic
# could read as one, so that the schema's "integer" says exactly what is accepted.
Score = Annotated[
    int,
    Field(strict=True),
    _in_range(1, 5, "a score"),
    WithJsonSchema({"type": "integer", "minimum": 1, "maximum": 5}),
]
Level = Annotated[
    int,
    Field(strict=True),
    _in_range(0, 5, "a level"),
    WithJsonSchema({"type": "integer", "minimum": 0, "maximum": 5}),
]

# What pydantic reads as a boolean: true and false, 0 and 1, and these words in any case
_BOOLEAN_WORDS = "|".join(
    "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else c for c in word)
    for word in ("true", "false", "yes", "no", "on", "off", "t", "f", "y", "n", "1", "0")
)
Flag = Annotated[
    bool,
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "boolean"},
                {"enum": [0, 1]},
                {"type": "string", "pattern": f"^(?:{_BOOLEAN_WORDS})$"},
            ],
            "description": "true or false",
        }
    ),
]


def _empty(kind: type[list[Any]] | type[dict[Any, Any]], **schema: Any) -> Any:
    """The default of a list or mapping field: a new empty one for each model. Given as
    ``= []``, pydantic would deep-copy the default for every model it makes (about a
    microsecond each, several times per milestone); a factory makes it in one call. The
    schema still shows the default (``schema``: more of the field's JSON Schema)."""
    return Field(default_factory=kind, json_schema_extra={"default": kind(), **schema})


_TITLE_KEYS = {"propertyNames": {"minLength": 1, "maxLength": 300}}
"""The JSON Schema of a mapping whose keys are titles (pydantic gives none for them)."""


class Strict(BaseModel):
    """Base of every content model: unknown keys are errors, docstrings are docs
    (see field_docs.py)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra=describe_fields,  # field docstrings, read only for the schema
        coerce_numbers_to_str=True,
        validate_by_alias=True,
        validate_by_name=False,
        serialize_by_alias=True,
    )


def _list_of_one(value: Any) -> Any:
    """Let a single mapping stand where a list of them is expected."""
    return [value] if isinstance(value, dict) else value
