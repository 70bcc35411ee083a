"""Read YAML as an editor's language server does: YAML 1.2's core schema.

PyYAML reads YAML 1.1, where ``on``, ``yes`` and ``no`` are booleans, ``010`` is octal and
``2026-09-30`` is a date. yaml-language-server (like most YAML 1.2 tools) reads these as
the strings and numbers of the 1.2 core schema, and so does this loader: a PyYAML loader
with the core schema's rules for plain values. (A small subclass rather than one more
YAML library: the rules are four patterns, and the parser is the one the project uses.)
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

import yaml

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_INT = re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
_FLOAT = re.compile(
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)


class Yaml12Loader(yaml.SafeLoader):
    """PyYAML's safe loader with the YAML 1.2 core schema: booleans are only true and
    false, no dates, no sexagesimal or octal-by-zero numbers, no merge keys."""

    yaml_implicit_resolvers: ClassVar[dict[Any, Any]] = {}

    def construct_core_int(self, node: yaml.ScalarNode) -> int:
        text = str(self.construct_scalar(node))
        if text.startswith("0o"):
            return int(text[2:], 8)
        if text.startswith("0x"):
            return int(text[2:], 16)
        return int(text, 10)

    def construct_core_float(self, node: yaml.ScalarNode) -> float:
        text = str(self.construct_scalar(node)).lower()
        if text.endswith(("inf", "nan")):
            return float(text.replace(".", ""))
        return float(text)


Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:null", _NULL, ["~", "n", "N", ""])
Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:bool", _BOOL, list("tTfF"))
Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:int", _INT, list("-+0123456789"))
Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:float", _FLOAT, list("-+.0123456789"))
Yaml12Loader.add_constructor("tag:yaml.org,2002:int", Yaml12Loader.construct_core_int)
Yaml12Loader.add_constructor("tag:yaml.org,2002:float", Yaml12Loader.construct_core_float)

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)(?:^|\n)(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)


def load_yaml12(text: str) -> Any:
    """The data of a YAML text (or of a Markdown file's front matter), read as YAML 1.2."""
    text = text.removeprefix("\ufeff")
    match = _FRONT_MATTER.match(text)
    return yaml.load(match[1] if match else text, Loader=Yaml12Loader)
