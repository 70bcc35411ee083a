"""An optional faster reading of YAML, used only where it gives what PyYAML gives.

PyYAML (with libyaml) stays the reference: it reads every file that this module turns
down, it finds the position of anything a message points at, and it reports every
syntax error. When the package ``yaml-rs`` is installed (``pip install
'roadmap-site[fast]'``), a file is first read with it, about eight times faster; the
result is kept only when it must equal what PyYAML and ``load.py`` would build.

yaml-rs reads YAML 1.2, PyYAML YAML 1.1; they differ in a few plain values (``yes``,
``010``, ``1e3``, ``12:30``, ``2024-01-05T10:00`` ...) and yaml-rs has no positions.
So a file is turned down when its text is not in the plain subset content files are
written in (``_LINE``, checked a line at a time, block scalars' text aside), when it
holds a number written in a form the two read differently (``_SAFE_NUMBER``), and when
its data holds a value that PyYAML could have read otherwise: a string that PyYAML would
take, unquoted, for another type; a key that is not a string; a time, a date with a
time, infinity or "not a number"; a quoted date. Turning a file down only costs the
time of reading it again.
``ROADMAP_SITE_YAML=pyyaml`` in the environment turns the fast reading off.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from typing import Any

from roadmap_site.speed.characters import printable_or
from roadmap_site.speed.resolvers import NOT_A_STRING, NOT_A_STRING_ANY_FIRST

yaml_rs: Any
try:
    import yaml_rs
except ImportError:  # the optional dependency is not installed
    yaml_rs = None

# What the fast reading accepts at all, line by line: the YAML that content files are
# written in. Anchors, aliases, tags, merges, directives, several documents, flow
# collections nested deeper or on several lines, multi-line quoted strings, escapes,
# tabs, "\r" and control characters are left to PyYAML, which load.py checks them with.
# (possessive quantifiers: a line is read once, without backtracking into its words)
_KEY = r"""(?:[A-Za-z0-9_][-A-Za-z0-9_ .]*+|'[^'\n]*+'|"[^"\\\n]*+")"""
# a quoted value that is a date is left to PyYAML: yaml-rs makes a date of it, PyYAML a string
_NOT_A_DATE = r"(?![0-9]{4}-[0-9]{2}-[0-9]{2}['\"])"
_SINGLE = rf"'{_NOT_A_DATE}[^'\n]*+(?:''[^'\n]*+)*+'"
_DOUBLE = rf'"{_NOT_A_DATE}[^"\\\n]*+"'
_INDICATOR = r"""-?:,\[\]{}#&*!|>'"%@`"""
# a plain value: no indicator first (but "-", "?", ":" before a non-space), no ": " or " #"
_PLAIN = rf"(?:[^{_INDICATOR}\s]|[-?:](?=[^\s,\[\]{{}}]))[^:#\n]*+(?:(?::(?=[^\s])|(?<=[^\s])#)[^:#\n]*+)*+"
_FLOW_ITEM = rf"(?:{_SINGLE}|{_DOUBLE}|(?:[^{_INDICATOR}\s]|-(?=[^\s,\[\]{{}}]))[^,\[\]{{}}#:\n]*+)"
_FLOW_PAIR = rf"{_KEY}[ ]*:[ ]+{_FLOW_ITEM}[ ]*"
_FLOW_MAPPING = rf"\{{[ ]*(?:{_FLOW_PAIR}(?:,[ ]*{_FLOW_PAIR})*)?\}}"
_FLOW_ENTRY = rf"(?:{_FLOW_ITEM}|{_FLOW_MAPPING})"
_FLOW = rf"\[[ ]*(?:{_FLOW_ENTRY}[ ]*(?:,[ ]*{_FLOW_ENTRY}[ ]*)*)?\]"
_BLOCK_START = r"[|>]-?"
_ENTRIES_ON_A_LINE = 8  # "- - - x": more is left to load.py's check of nesting
_VALUE = rf"(?:{_SINGLE}|{_DOUBLE}|{_FLOW}|{_FLOW_MAPPING}|{_BLOCK_START}|{_PLAIN})"
_ENTRIES = rf"(?:-(?:[ ]+|(?=\n|$))){{0,{_ENTRIES_ON_A_LINE}}}+"
_COMMENT = r"(?:(?:^|(?<=[ ]))#[^\n]*)?"
_LINE = rf"[ ]*+{_ENTRIES}(?:{_KEY}[ ]*:(?:[ ]+{_VALUE})?|{_VALUE})?[ ]*{_COMMENT}"
_ACCEPTED_LINES = re.compile(rf"(?:{_LINE}(?:\n|\Z))*+", re.MULTILINE)  # (the line pattern once: compiled faster)
_MAY_START_BLOCK = re.compile(r"[|>]-?[ ]*(?:#[^\n]*)?$", re.MULTILINE)  # a line ending as a header
# A block scalar's first line of text being a date: yaml-rs makes a date of it, PyYAML a string
_DATE_LINE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[ ]*")
# A whole plain value that yaml-rs may read as a number, a date or a time (the
# characters of any it reads; inf and nan are looked for in the data); it is safe only
# in the forms that both read alike (_SAFE_NUMBER).
_NUMBER_LIKE = re.compile(
    r"(?:^|[\[{,]|[-:?][ ]+)[ ]*([-+.0-9][-+.:_0-9a-fA-FxXoO]*)[ ]*(?:$|(?=[,\]}]| #))", re.MULTILINE
)
_SAFE_NUMBER = re.compile(
    r"[-+]?(?:0|[1-9][0-9_]*)"  # a decimal integer
    r"|[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+][0-9]+)?"  # a decimal fraction
    r"|\.[0-9]+"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
    r"|[0-9]{4}-[0-9]{2}(?:-[0-9]{2})?"  # a date, a month (a string to both)
    r"|[0-9]+(?:\.[0-9]+){2,}"  # a version number (a string to both)
)
# The first line of a block scalar ("key: |", "- >-"; with an indentation or keep
# indicator it is not one of the lines accepted): the lines of its text are those below
# that are empty or more indented than its parent (the key, or the "-").
_BLOCK_HEADER = re.compile(
    r"^((?:[ ]*-[ ]+)*[ ]*)"  # sequence entries and the indentation of the key, if any
    rf"(?P<key>{_KEY}[ ]*:[ ]+)?{_BLOCK_START}[ ]*(?:#.*)?$"
)
# keys that load.py does not keep as written: null (~, null, ...), "=" and "<<"
_KEYS_REFUSED = frozenset(("", "~", "null", "Null", "NULL", "=", "<<"))
_INFINITIES = (float("inf"), float("-inf"))


def enabled() -> bool:
    """Whether files are read with yaml-rs first: it is installed and not turned off."""
    return yaml_rs is not None and os.environ.get("ROADMAP_SITE_YAML", "").lower() != "pyyaml"


def read(text: str, max_depth: int) -> tuple[dict[str, Any], int] | None:
    """The mapping in ``text`` and how many values it holds (as ``load.py`` counts them),
    or None when the file must be read by PyYAML: yaml-rs is missing or turned off, the
    text is not one mapping, has an error, or has anything that could be read two ways.

    Dates are ``datetime.date``; nothing else in the result differs from what
    ``load.parse_yaml`` builds, but for the positions it keeps.
    """
    if not enabled() or "<<" in text or "\\" in text:
        return None
    # tabs, "\r", control and format characters, line and paragraph separators, ...
    if not printable_or(text, "\n"):
        return None
    structure = text  # the text without block scalars' text
    if _MAY_START_BLOCK.search(text):
        blanked = _without_block_text(text)
        if blanked is None:
            return None
        structure = blanked
    if _ACCEPTED_LINES.fullmatch(structure) is None:
        return None
    try:
        data = yaml_rs.loads(text)
    except (yaml_rs.YAMLDecodeError, ValueError, TypeError, OverflowError):
        return None  # PyYAML reports the error, with its position
    if type(data) is not dict:
        return None
    counted = _count_values(data, max_depth)
    if counted is None:
        return None
    count, has_numbers = counted
    if has_numbers:  # then each must be written in a form both read alike
        for match in _NUMBER_LIKE.finditer(structure):
            if not _SAFE_NUMBER.fullmatch(match[1]):
                return None
    return data, count


def _without_block_text(text: str) -> str | None:
    """``text`` with the lines of block scalars' text ("notes: |" and the lines below it)
    left empty: what they hold is a string to both parsers, however it looks. None when
    a block scalar has no text (the two parsers read that differently at the end) or
    when its first line of text is a date (yaml-rs reads a date)."""
    lines = text.split("\n")
    parent: int | None = None  # the indentation of the block scalar's parent, inside one
    has_text = True
    for number, line in enumerate(lines):
        if parent is not None:
            content = line.lstrip(" ")
            if not content:
                lines[number] = ""
                continue
            if len(line) - len(content) > parent:
                if not has_text and _DATE_LINE.fullmatch(content):
                    return None
                lines[number] = ""
                has_text = True
                continue
            if not has_text:
                return None
            parent = None
        header = _BLOCK_HEADER.match(line) if "|" in line or ">" in line else None
        if header:
            prefix = header[1]
            # the key's column (or, alone on its line, the header's), else the entry's "-"
            parent = len(prefix) if header["key"] or "-" not in prefix else len(prefix.rstrip(" ")) - 1
            has_text = False
    return "\n".join(lines) if has_text else None


def _count_values(root: dict[str, Any], max_depth: int) -> tuple[int, bool] | None:
    """How many values ``root`` holds, itself included, and whether any is a number;
    None if one of them may read otherwise with PyYAML, or the nesting is deeper than
    ``max_depth``."""
    count = 1
    has_numbers = False
    level: list[Any] = [root]  # the containers at one depth, walked a depth at a time
    depth = 0
    not_a_string, any_first = NOT_A_STRING, NOT_A_STRING_ANY_FIRST
    while level:
        below: list[Any] = []
        add = below.append
        for container in level:
            if type(container) is dict:
                for key in container:
                    if type(key) is not str or key in _KEYS_REFUSED or len(key) > 1024:
                        return None
                values = container.values()
            else:
                values = container
            if depth >= max_depth and values:
                return None  # load.py allows values down to depth max_depth
            count += len(values)
            for value in values:
                kind = type(value)
                if kind is str:
                    # unquoted, PyYAML might read it as a boolean, number, date or null
                    pattern = not_a_string.get(value[:1], any_first)
                    if pattern is not None and pattern.match(value):
                        return None
                elif kind is dict or kind is list:
                    add(value)
                elif kind is int or kind is float:
                    if value != value or value in _INFINITIES:
                        return None  # spelt in more ways in YAML 1.2
                    has_numbers = True
                elif kind is not dt.date and kind is not bool and value is not None:
                    return None  # a date with a time, a time of day, ...
        depth += 1
        level = below
    return count, has_numbers
