"""Where roadmap-site keeps what it can reuse between runs: the verified mermaid script
and compiled templates. Nothing in it is content; deleting it costs only time."""

from __future__ import annotations

import os
from pathlib import Path


def default_cache_dir() -> Path:
    """``$ROADMAP_SITE_CACHE`` if set, else ``~/.cache/roadmap-site``."""
    configured = os.environ.get("ROADMAP_SITE_CACHE")
    if configured:
        return Path(configured).expanduser()
    return Path.home() / ".cache" / "roadmap-site"


def private_folder(name: str) -> Path | None:
    """The folder ``name`` in the cache directory, made if needed, when only this user can
    write to it (what is read from it may run as code); else None."""
    folder = default_cache_dir() / name
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.stat()
    except OSError:
        return None
    owner = getattr(os, "getuid", None)
    if (owner is not None and info.st_uid != owner()) or info.st_mode & 0o022:
        return None
    return folder
