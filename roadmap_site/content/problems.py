"""Problems found in content, each tied to a file, line and column."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the content, printed as ``path:line:column: message``."""

    path: str
    line: int
    column: int
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{self.path}:{self.line}:{self.column}: {prefix}{self.message}"

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready form for ``roadmap-site check --format json``."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "severity": self.severity,
            "message": self.message,
        }


class ContentError(Exception):
    """Raised when content has errors; carries every problem found, sorted by place."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(self.report())

    def report(self) -> str:
        """All problems, one per line, then a count."""
        errors = sum(1 for p in self.problems if p.severity == "error")
        lines = [str(p) for p in self.problems]
        lines.append(f"{errors} error{'s' if errors != 1 else ''} in roadmap content")
        return "\n".join(lines)
