"""Last-change dates of content files, from one ``git log`` pass for all of them."""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from roadmap_site.speed import realpaths


@dataclass
class GitDates:
    """Dates of the last commit touching each file under a folder."""

    dates: dict[Path, dt.date] = field(default_factory=dict)
    in_git: bool = False
    shallow: bool = False
    _resolve: Callable[[Path], Path] = field(default_factory=realpaths.resolver, init=False, repr=False, compare=False)

    def date_of(self, path: Path) -> dt.date:
        """The last commit date of ``path``; its modification time when git has none."""
        found = self.dates.get(self._resolve(path))
        if found is not None:
            return found
        return dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.UTC).date()

    def latest(self, paths: list[Path]) -> dt.date | None:
        """The newest date among ``paths``."""
        return max((self.date_of(p) for p in paths), default=None)


_LOG = [
    "git",
    "log",
    "--format=%x00%cs%x00%D",
    "--decorate-refs-exclude=refs/*",
    "--decorate-refs-exclude=HEAD",
    "--name-only",
    "--relative",
    "--no-renames",
    "--",
    ".",
]
_TIMEOUT_S = 120


class GitLog:
    """The one ``git log`` that dates every file ever committed under a folder, started
    at once so that it runs while the content is read; :meth:`dates` waits for it.

    The log lists commits newest first, so a file's first appearance is its last
    change; ``--relative`` gives the paths from the folder. The boundary commit of a
    shallow clone is decorated "grafted", the only decoration left once every ref is
    excluded. Use it as a context manager, or call :meth:`stop`, so that a log whose
    dates are not wanted does not outlive the build.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = directory.resolve()
        self._process: subprocess.Popen[str] | None
        try:
            self._process = subprocess.Popen(
                _LOG, cwd=self.directory, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
            )
        except OSError:  # no git, or the folder is gone
            self._process = None

    def dates(self) -> GitDates:
        """The dates, once the log is done: none when the folder is not in a git
        repository, has no commits, or git is missing or took too long."""
        process, self._process = self._process, None
        if process is None:
            return GitDates()
        try:
            log, _ = process.communicate(timeout=_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            return GitDates()
        if process.returncode != 0:
            return GitDates()
        return _read_log(log, self.directory)

    def stop(self) -> None:
        """End the log if it is still running (its dates are not needed)."""
        process, self._process = self._process, None
        if process is not None:
            process.kill()
            process.communicate()

    def __enter__(self) -> GitLog:
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()


def _read_log(log: str, directory: Path) -> GitDates:
    newest: dict[str, dt.date] = {}  # by path as logged: its first appearance is its last change
    current: dt.date | None = None
    shallow = False
    for line in log.splitlines():
        if line.startswith("\x00"):
            day, _, decorations = line[1:].partition("\x00")
            current = dt.date.fromisoformat(day)
            shallow = shallow or "grafted" in decorations.split(", ")
        elif line and current is not None:
            newest.setdefault(line, current)
    # each file resolved once, however many commits changed it (in the order of the log,
    # so that of two paths to one file the newer date wins)
    dates: dict[Path, dt.date] = {}
    resolve = realpaths.resolver()
    for line, changed in newest.items():
        dates.setdefault(resolve(directory / line), changed)
    return GitDates(dates, in_git=True, shallow=shallow)
