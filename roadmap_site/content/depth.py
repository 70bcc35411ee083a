"""How deep a YAML text nests its lists and mappings, found without recursion.

libyaml's composer recurses in C and crashes the process on very deep input, so a file
is screened for depth before it is composed: a cheap look at its text first, then, only
for a file that may be too deep, a walk of its events.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import yaml

Position = tuple[int, int]

_NOT_BRACKETS = re.compile(r"[^\[\]{}]+")
_BRACKETS = re.compile(r"[\[\]{}]")


@cache
def _patterns(limit: int) -> tuple[re.Pattern[str], re.Pattern[str]]:
    deep_indent = re.compile(rf"^ {{{2 * limit},}}\S", re.MULTILINE)
    # block sequences (and explicit keys) nested on one line: "- - - - x"
    compact_nesting = re.compile(rf"^[ \t]*(?:[-?][ \t]+){{{limit // 2},}}", re.MULTILINE)
    return deep_indent, compact_nesting


def may_be_too_deep(text: str, limit: int) -> bool:
    """Whether ``text`` may nest deeper than ``limit``: false only when it cannot."""
    deep_indent, compact_nesting = _patterns(limit)
    if " " * (2 * limit) in text and deep_indent.search(text):  # (the regexp is slower)
        return True
    if compact_nesting.search(text):
        return True
    if text.count("[") + text.count("{") <= limit:
        return False
    depth = 0
    for char in _NOT_BRACKETS.sub("", text):  # only reached by files with many brackets
        if char in "[{":
            depth += 1
            if depth > limit:
                return True
        elif char in "]}" and depth:
            depth -= 1
    return False


def too_deep_at(text: str, limit: int, loader: Any) -> Position | None:
    """Where ``text`` first nests deeper than ``limit`` (line and column, from 1), walking
    its events as ``loader`` reads them; None when it does not, or when a syntax error
    comes first (the composer reports it, with its own position)."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > limit:
                    mark: Any = event.start_mark
                    return (mark.line + 1, mark.column + 1)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.MarkedYAMLError as error:
        # Some PyYAML releases stop deep flow nesting in their scanner, which reads ahead
        # of the events: the same limit is then told at the bracket that passes it, so the
        # message does not depend on the installed release.
        mark = error.problem_mark or error.context_mark
        deep_at = _bracket_past(text, limit)
        if deep_at is not None and (mark is None or deep_at <= (mark.line + 1, mark.column + 1)):
            return deep_at
    return None


def _bracket_past(text: str, limit: int) -> Position | None:
    """The line and column of the first flow bracket that opens past ``limit``, or None."""
    depth = 0
    for match in _BRACKETS.finditer(text):
        if match.group() in "[{":
            depth += 1
            if depth > limit:
                line = text.count("\n", 0, match.start())
                column = match.start() - (text.rfind("\n", 0, match.start()) + 1)
                return (line + 1, column + 1)
        elif depth:
            depth -= 1
    return None
