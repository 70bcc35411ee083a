"""PyYAML's rules for reading an unquoted value as a boolean, number, date or null.

The safe loader keeps them in a table by the value's first character; this is that
table with the rules for any first character added to each entry, so that one look-up
gives every rule that can apply.
"""

from __future__ import annotations

import re

import yaml

_ANY_FIRST = tuple(yaml.SafeLoader.yaml_implicit_resolvers.get(None, []))
RESOLVERS: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {
    first: tuple(resolvers) + _ANY_FIRST
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    if first is not None
}
"""(tag, pattern) pairs by first character; a value whose first character is missing
has only the rules in ``ANY_FIRST``."""
ANY_FIRST = _ANY_FIRST


def _either(resolvers: tuple[tuple[str, re.Pattern[str]], ...]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?{'x' if regexp.flags & re.X else ''}:{regexp.pattern})" for _, regexp in resolvers))


NOT_A_STRING = {first: _either(resolvers) for first, resolvers in RESOLVERS.items()}
"""By first character: one pattern for all of PyYAML's rules, matching a value that PyYAML
would read, written unquoted, as anything but a string."""
NOT_A_STRING_ANY_FIRST = _either(_ANY_FIRST) if _ANY_FIRST else None
"""The same for a first character that has no entry (None: no rule applies)."""
