"""Real paths of many files in a few folders, each folder resolved once.

``Path.resolve`` looks at every part of a path in turn (one system call each, in
Python); a content folder's hundreds of files share a handful of folders.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path


def resolver() -> Callable[[Path], Path]:
    """A function giving what ``path.resolve()`` gives, that resolves each folder once.
    A file that is a symbolic link itself is resolved whole, as ``resolve`` does.
    Folders are remembered for the life of the function: make one per pass over files."""
    folders: dict[Path, Path] = {}

    def resolve(path: Path) -> Path:
        if path.name in ("", ".", "..") or path.is_symlink():
            return path.resolve()
        parent = folders.get(path.parent)
        if parent is None:
            parent = folders[path.parent] = path.parent.resolve()
        return parent / path.name

    return resolve
