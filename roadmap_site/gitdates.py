"""Last-change dates of content files, from one ``git log`` pass for all of them."""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from roadmap_site import realpaths


@dataclass
class GitDates:
    """Dates of the last commit touching each file under a folder."""

    dates: dict[Path, dt.date] = field(default_factory=dict)
    in_git: bool = False
    shallow: bool = False
    _resolve: Callable[[Path], Path] = field(default_factory=realpaths.resolver, repr=False, compare=False)

    def date_of(self, path: Path) -> dt.date:
        """The last commit date of ``path``; its modification time when git has none."""
        found = self.dates.get(self._resolve(path))
        if found is not None:
            return found
        return dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.timezone.utc).date()

    def latest(self, paths: list[Path]) -> dt.date | None:
        """The newest date among ``paths``."""
        return max((self.date_of(p) for p in paths), default=None)


def _git(args: list[str], cwd: Path) -> str | None:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=120, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None


def read_git_dates(directory: Path) -> GitDates:
    """Commit dates for every file ever committed under ``directory``.

    One ``git log`` run, whatever the number of files: the log lists commits newest
    first, so a file's first appearance is its last change; ``--relative`` gives the
    paths from ``directory``. The boundary commit of a shallow clone is decorated
    "grafted", the only decoration left once every ref is excluded.
    """
    directory = directory.resolve()
    log = _git(
        [
            "log",
            "--format=%x00%cs%x00%D",
            "--decorate-refs-exclude=refs/*",
            "--decorate-refs-exclude=HEAD",
            "--name-only",
            "--relative",
            "--no-renames",
            "--",
            ".",
        ],
        directory,
    )
    if log is None:  # not in a git repository, no commits yet, or no git
        return GitDates()
    dates: dict[Path, dt.date] = {}
    current: dt.date | None = None
    shallow = False
    resolve = realpaths.resolver()
    for line in log.splitlines():
        if line.startswith("\x00"):
            day, _, decorations = line[1:].partition("\x00")
            current = dt.date.fromisoformat(day)
            shallow = shallow or "grafted" in decorations.split(", ")
        elif line and current is not None:
            dates.setdefault(resolve(directory / line), current)
    return GitDates(dates, in_git=True, shallow=shallow)
