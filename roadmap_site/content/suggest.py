""" "Did you mean ...?": the closest of the words a field accepts to a word it does not.

Keys and ids are suggested by spelling (``stauts`` -> ``status``); values from a fixed
list also by case (``Done`` -> ``done``) and by the words authors use for them in other
tools (``in-progress`` -> ``active``, ``finished`` -> ``done``).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

# Words for a status or a checklist item's state that other tools (issue trackers, to-do
# apps, kanban boards) use, each with the word of this format it stands for; a suggestion
# is only made when that word is among the accepted ones.
_SYNONYMS = {
    "active": ("in progress", "inprogress", "progress", "doing", "started", "ongoing", "wip", "current", "underway"),
    "planned": ("todo", "to do", "open", "not started", "pending", "backlog", "new", "future", "later", "next"),
    "done": ("finished", "complete", "completed", "closed", "achieved", "resolved", "shipped", "passed"),
    "slipped": ("late", "delayed", "postponed", "overdue", "moved", "rescheduled", "behind"),
    "dropped": ("cancelled", "canceled", "abandoned", "skipped", "wontfix", "won't do", "removed", "obsolete"),
    "todo": ("planned", "open", "not started", "pending", "to do", "new"),
}
_SEPARATORS = re.compile(r"[\s_\-]+")


def _normal(word: str) -> str:
    return _SEPARATORS.sub(" ", word.strip().lower())


def closest(word: object, choices: Sequence[str]) -> str | None:
    """The accepted word ``word`` most likely stands for, or None: the same word in
    other case or with other separators, a synonym from other tools, else the nearest
    spelling (difflib, as for keys)."""
    if not isinstance(word, str) or not choices:
        return None
    normal = _normal(word)
    for choice in choices:
        if _normal(choice) == normal:
            return choice
    for choice in choices:
        if normal in _SYNONYMS.get(choice, ()):
            return choice
    close = difflib.get_close_matches(normal, [_normal(choice) for choice in choices], n=1)
    return next((choice for choice in choices if _normal(choice) == close[0]), None) if close else None


def hint(word: object, choices: Sequence[str]) -> str:
    """``"; did you mean 'x'?"`` for the closest choice (see :func:`closest`), or ``""``."""
    found = closest(word, choices)
    return f"; did you mean {found!r}?" if found is not None and found != word else ""
