"""Read YAML and Markdown front matter safely, keeping where every value came from.

libyaml (when present) composes the node tree; a small walker then builds plain dicts
and lists that remember the line and column of each key and value, so that any later
check can point at the exact place. The walker, not PyYAML's constructor, decides what
is allowed: only the safe scalar types, no duplicate keys, bounded aliases and depth.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from roadmap_site.content.depth import may_be_too_deep, too_deep_at
from roadmap_site.content.problems import Problem
from roadmap_site.speed import fastyaml
from roadmap_site.speed.characters import printable_or
from roadmap_site.speed.resolvers import ANY_FIRST, RESOLVERS

try:
    _Base: type = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _Base = yaml.SafeLoader

_STR_TAG = "tag:yaml.org,2002:str"
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"


class _Loader(_Base):  # type: ignore[misc]
    """The safe loader with PyYAML's resolver rules in a shorter function: the composer
    calls it for every value, and the general one also looks for path resolvers, which
    the safe loader never has."""

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, regexp in RESOLVERS.get(value[:1], ANY_FIRST):
                    if regexp.match(value):
                        return str(tag)
            return _STR_TAG
        return _SEQ_TAG if kind is yaml.SequenceNode else _MAP_TAG


MAX_FILE_BYTES = 256_000
"""A content file larger than this is rejected: roadmaps are hand-written (the largest
example file has 26 kB)."""
MAX_DEPTH = 64
"""Deepest nesting of lists and mappings accepted."""
MAX_NODES_PER_BYTE = 4
"""Aliases may repeat content, but the built data may not exceed this many values per
byte of source (a "billion laughs" file is stopped early)."""
MAX_VALUES = 10_000
"""Most values (mappings, lists and scalars, aliases expanded) one file may hold: the
largest example file has 1,200; a build stays within seconds."""

# C0 controls but tab, line feed and carriage return; DEL; C1 controls; noncharacters
_CONTROL_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
# the same, and lone surrogates, which a "\ud800" escape in a quoted string can make
_BAD_IN_STRING = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


def _character_problem(char: str) -> str:
    return f"the text contains the control character U+{ord(char):04X}, which content may not hold: remove it"


Position = tuple[int, int]  # 1-based line and column


class Mapping(dict[str, Any]):
    """A YAML mapping that knows where its keys and values stand in the file."""

    __slots__ = ("key_positions", "position", "value_positions")

    def __init__(self, position: Position) -> None:
        self.position = position
        self.key_positions: dict[str, Position] = {}
        self.value_positions: dict[str, Position] = {}


class Sequence(list[Any]):
    """A YAML sequence that knows where it and each of its items stand in the file."""

    __slots__ = ("item_positions", "position")

    def __init__(self, position: Position) -> None:
        self.position = position
        self.item_positions: list[Position] = []


@dataclass
class Source:
    """A content file as read: its data, its display path and any problems found."""

    path: Path
    display: str
    data: Any = None
    body: str = ""
    body_line: int = 1
    values: int = 0
    """How many YAML values the file holds, aliases expanded (see MAX_VALUES)."""
    text: str | None = field(default=None, repr=False)
    """The YAML text, kept when ``data`` was read without positions (see fastyaml.py)."""
    first_line: int = 1
    """The line of the file on which ``text`` starts."""
    _positioned: Any = field(default=None, repr=False, compare=False)

    def problem(self, position: Position, message: str, severity: str = "error") -> Problem:
        """A problem at ``position`` in this file."""
        return Problem(self.display, position[0], position[1], message, severity)  # type: ignore[arg-type]

    def position_of(self, loc: tuple[int | str, ...], *, key: bool = False) -> Position | None:
        """The position of the value at ``loc`` (or of its key), or of its nearest parent.

        Data read without positions is read again by PyYAML, once, the first time a
        position is asked for: only problems need positions.
        """
        data = self.data
        if self.text is not None:
            if self._positioned is None:
                self._positioned = _parse(self.text, self, self.first_line, fast=False)[0]
            data = self._positioned
        return position_of(data, loc, key=key)


class LoadError(Exception):
    """A file could not be read; carries the problem."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def _pos(mark: Any) -> Position:
    return (mark.line + 1, mark.column + 1)


_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_MERGE_TAG = "tag:yaml.org,2002:merge"


class _Builder:
    """Turns a composed node tree into Mapping/Sequence/scalars, with limits."""

    def __init__(self, source: Source, budget: int) -> None:
        self.source = source
        self.budget = budget
        self.limit = budget
        self.built: set[int] = set()  # collection nodes built once: a second visit is an alias
        self.aliased = False
        self.constructor = yaml.SafeLoader("")  # only its scalar constructors are used

    def build(self, node: yaml.Node, depth: int = 0) -> Any:
        self.budget -= 1
        if not isinstance(node, yaml.ScalarNode):
            self.aliased = self.aliased or id(node) in self.built
            self.built.add(id(node))
        if self.budget < 0:
            message = (
                f"aliases expand this file past {self.limit:,} values: repeat less, or write the values out"
                if self.aliased
                else f"the file holds more than {self.limit:,} values: split it into several files"
            )
            raise LoadError(self.source.problem(_pos(node.start_mark), message))
        if depth > MAX_DEPTH:
            raise LoadError(self.source.problem(_pos(node.start_mark), f"nesting is deeper than {MAX_DEPTH} levels"))
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node)
        if isinstance(node, yaml.SequenceNode):
            self._check_tag(node, _SEQ_TAG)
            seq = Sequence(_pos(node.start_mark))
            append, append_position = seq.append, seq.item_positions.append
            quick = depth < MAX_DEPTH  # plain strings one level down are within the depth limit
            for child in node.value:
                value = child.value
                # a plain string, the most common value, is taken as it is (what build and
                # _scalar would do for it, with the same budget), without two calls
                if (
                    quick
                    and child.tag == _STR_TAG
                    and type(child) is yaml.ScalarNode  # `!!str` may tag a mapping too
                    and self.budget > 0
                    and not _BAD_IN_STRING.search(value)
                ):
                    self.budget -= 1
                    append(value)
                else:
                    append(self.build(child, depth + 1))
                mark = child.start_mark
                append_position((mark.line + 1, mark.column + 1))
            return seq
        if isinstance(node, yaml.MappingNode):
            self._check_tag(node, _MAP_TAG)
            return self._mapping(node, depth)
        raise LoadError(self.source.problem(_pos(node.start_mark), "unsupported YAML node"))

    def _check_tag(self, node: yaml.Node, expected: str) -> None:
        if node.tag != expected:
            raise LoadError(
                self.source.problem(
                    _pos(node.start_mark), f"the tag {_short_tag(node.tag)!r} is not allowed in content files"
                )
            )

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        if node.tag not in _SCALAR_TAGS:
            raise LoadError(
                self.source.problem(
                    _pos(node.start_mark), f"the tag {_short_tag(node.tag)!r} is not allowed in content files"
                )
            )
        if node.tag == "tag:yaml.org,2002:str":
            bad = _BAD_IN_STRING.search(node.value)  # written as an escape such as "\x1b"
            if bad:
                raise LoadError(self.source.problem(_pos(node.start_mark), _character_problem(bad[0])))
            return node.value
        try:
            value = self.constructor.construct_object(node)
        except (yaml.YAMLError, ValueError, OverflowError):
            # e.g. 2027-13-01: keep the text and let the model say what was expected
            return node.value
        if isinstance(value, dt.datetime):
            return value.date()
        return value

    def _mapping(self, node: yaml.MappingNode, depth: int) -> Mapping:
        mapping = Mapping(_pos(node.start_mark))
        merged: list[Mapping] = []
        key_positions, value_positions = mapping.key_positions, mapping.value_positions
        quick = depth < MAX_DEPTH  # see the sequence case in build
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG:
                value = self.build(value_node, depth + 1)
                sources = value if isinstance(value, list) else [value]
                for item in sources:
                    if not isinstance(item, Mapping):
                        raise LoadError(self.source.problem(_pos(value_node.start_mark), "'<<' merges only mappings"))
                    merged.append(item)
                continue
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:null":
                raise LoadError(self.source.problem(_pos(key_node.start_mark), "keys must be plain text"))
            # keys as written: YAML 1.1 would read `on:` or `no:` as booleans
            key = key_node.value
            if key_node.tag != _STR_TAG or _BAD_IN_STRING.search(key):
                self._scalar(key_node)  # rejects unsafe tags and characters on keys too
            mark = key_node.start_mark
            key_position = (mark.line + 1, mark.column + 1)
            if key in mapping:
                first = mapping.key_positions[key]
                raise LoadError(
                    self.source.problem(
                        key_position,
                        f"the key {key!r} is given twice in this mapping (first on line {first[0]}): "
                        "keep one, or the first value would be lost",
                    )
                )
            value = value_node.value
            if (
                quick
                and value_node.tag == _STR_TAG
                and type(value_node) is yaml.ScalarNode
                and self.budget > 0
                and not _BAD_IN_STRING.search(value)
            ):
                self.budget -= 1  # a plain string: see the sequence case in build
                mapping[key] = value
            else:
                mapping[key] = self.build(value_node, depth + 1)
            key_positions[key] = key_position
            mark = value_node.start_mark
            value_positions[key] = (mark.line + 1, mark.column + 1)
        for item in merged:  # explicit keys win over merged ones
            for key, value in item.items():
                if key not in mapping:
                    mapping[key] = value
                    mapping.key_positions[key] = item.key_positions[key]
                    mapping.value_positions[key] = item.value_positions[key]
        return mapping


def _short_tag(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


def _read_text(path: Path, display: str) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise LoadError(
                Problem(
                    display, 1, 1, f"the file has {size:,} bytes; content files may have at most {MAX_FILE_BYTES:,}"
                )
            )
        with path.open("rb") as file:
            raw = file.read(MAX_FILE_BYTES + 1)  # the file may have grown since stat()
        if len(raw) > MAX_FILE_BYTES:
            raise LoadError(Problem(display, 1, 1, f"the file has more than {MAX_FILE_BYTES:,} bytes"))
    except OSError as error:
        raise LoadError(Problem(display, 1, 1, f"cannot read the file: {error.strerror or error}")) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise LoadError(
            Problem(display, line, column, f"the file is not UTF-8 text (byte 0x{raw[error.start]:02x})")
        ) from None
    # text without tabs and line ends that is all printable has no control character (the
    # usual case, found in C much faster than the pattern's search)
    bad = None if printable_or(text, "\n\t\r") else _CONTROL_CHARACTER.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        column = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        raise LoadError(Problem(display, line, column, _character_problem(bad[0])))
    return text


def parse_yaml(text: str, source: Source, first_line: int = 1) -> Any:
    """Parse YAML text into Mapping/Sequence/scalars with positions (raises LoadError).

    When fastyaml.py can read the text exactly as PyYAML would, the result is plain
    dicts and lists, and ``source`` keeps the text to find positions later.
    """
    data, values = _parse(text, source, first_line, fast=True)
    source.values += values
    return data


def _budget(length: int) -> int:
    """Most values a text of ``length`` characters may hold."""
    return min(MAX_VALUES, max(1000, MAX_NODES_PER_BYTE * length))


def _parse(text: str, source: Source, first_line: int, *, fast: bool) -> tuple[Any, int]:
    """The data in ``text`` (``first_line`` being its line in the file) and how many
    values it holds; with ``fast``, without positions where fastyaml.py can read it."""
    # fastyaml.py accepts no nesting past a few levels within a line, and deep indentation
    # is looked for here: yaml-rs, like libyaml, recurses on nested values
    if fast and " " * (2 * MAX_DEPTH) not in text:
        read = fastyaml.read(text, MAX_DEPTH)
        if read is not None and read[1] <= _budget(len(text) + first_line - 1):
            source.text, source.first_line = text, first_line
            return read
    if may_be_too_deep(text, MAX_DEPTH):
        deep_at = too_deep_at(text, MAX_DEPTH, _Loader)
        if deep_at is not None:
            raise LoadError(
                source.problem(deep_at, f"nesting is deeper than {MAX_DEPTH} levels: flatten the structure")
            )
    if first_line != 1:  # front matter: keep positions those of the whole file
        text = "\n" * (first_line - 1) + text
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        position = _pos(mark) if mark is not None else (1, 1)
        message = " ".join(part for part in (error.context, error.problem) if part)
        at_tab = mark is not None and 0 <= mark.index < len(text) and text[mark.index] == "\t"
        if at_tab or ("\t" in text and "tab" in str(error).lower()) or "found character '\\t'" in str(error):
            message += " (YAML does not allow tabs for indentation: use spaces)"
        raise LoadError(source.problem(position, f"YAML syntax error: {message}")) from None
    except yaml.YAMLError as error:
        raise LoadError(source.problem((first_line, 1), f"YAML error: {error}")) from None
    if node is None:
        return None, 0
    builder = _Builder(source, budget=_budget(len(text)))
    data = builder.build(node)
    return data, builder.limit - builder.budget


def load_yaml_file(path: Path, display: str) -> Source:
    """Read a YAML content file whose top level must be a mapping (raises LoadError)."""
    source = Source(path, display)
    text = _read_text(path, display)
    data = parse_yaml(text, source)
    if data is None:
        raise LoadError(source.problem((1, 1), "the file is empty: expected a mapping with at least 'title'"))
    if not isinstance(data, dict):
        position = data.position if isinstance(data, Sequence) else (1, 1)
        raise LoadError(source.problem(position, f"expected a mapping of keys to values at the top, got {_kind(data)}"))
    source.data = data
    return source


_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)(?:^|\n)(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)


def load_markdown_file(path: Path, display: str) -> Source:
    """Read a Markdown file with YAML front matter (raises LoadError)."""
    source = Source(path, display)
    text = _read_text(path, display)
    match = _FRONT_MATTER.match(text)
    if not match:
        raise LoadError(source.problem((1, 1), "expected front matter: a first line '---', YAML, then '---'"))
    data = parse_yaml(match[1], source, first_line=2)
    if not isinstance(data, dict):
        raise LoadError(source.problem((2, 1), f"expected front matter with keys such as 'date', got {_kind(data)}"))
    source.data = data
    source.body = text[match.end() :]
    source.body_line = text[: match.end()].count("\n") + 1
    return source


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"a {type(value).__name__} ({value!r})"[:80]


def position_of(data: Any, loc: tuple[int | str, ...], *, key: bool = False) -> Position | None:
    """The position of the value at ``loc`` (or of its key), or of the nearest parent."""
    position: Position | None = getattr(data, "position", None)
    node = data
    for index, part in enumerate(loc):
        last = index == len(loc) - 1
        if isinstance(node, Mapping) and isinstance(part, str) and part in node:
            position = node.key_positions[part] if (last and key) else node.value_positions[part]
            node = node[part]
        elif isinstance(node, Sequence) and isinstance(part, int) and 0 <= part < len(node):
            position = node.item_positions[part]
            node = node[part]
        elif isinstance(node, Mapping) and part == 0:
            continue  # a single mapping written where a list of them is allowed
        else:
            break
    return position
