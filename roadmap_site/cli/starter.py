"""``roadmap-site init``: a new roadmap repository from the files in ``scaffold/``.

The scaffold is a working site: mkdocs.yml, a starter roadmap, skills file and first
update, a README and the publish workflow. The JSON Schemas of the installed version are
written beside it (``docs/schema/``, where ``roadmap-site schema`` refreshes them): the
starter YAML files name them on their first line, for editors' completion and checks.
Dates in the scaffold are placeholders filled from "today", so the starter roadmap is
neither overdue nor stale on the day it is made; the workflow installs the version of
roadmap-site that wrote it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from roadmap_site import __version__
from roadmap_site.content.dates import quarter_of
from roadmap_site.content.ids import slugify
from roadmap_site.content.layout import YAML_SUFFIXES
from roadmap_site.content.schema import schema_texts

SCAFFOLD_FOLDER = "scaffold"
VERBATIM = (".github/workflows/",)
"""Copied byte for byte: the workflow must stay identical to the repository's own."""
PLACEHOLDER = re.compile(r"__[A-Z0-9_]+__")
DEFAULT_SITE_NAME = "My learning roadmap"
SCHEMA_FOLDER = "docs/schema"
"""Where ``init`` writes the JSON Schemas: the default folder of ``roadmap-site schema``,
outside ``content/`` so that the site does not publish them."""


class InitError(Exception):
    """The scaffold cannot be written where asked."""


@dataclass(frozen=True)
class StarterValues:
    """What the placeholders of the scaffold are filled with."""

    today: dt.date
    site_url: str
    site_name: str = DEFAULT_SITE_NAME


def default_site_url(directory: Path) -> str:
    """A stand-in GitHub Pages address until the publish workflow provides the real one."""
    return f"https://your-name.github.io/{slugify(directory.resolve().name)}/"


def shift_quarter(quarter: str, count: int) -> str:
    """``2026-Q4`` shifted by ``count`` quarters: ``2027-Q1`` for 1."""
    year, number = int(quarter[:4]), int(quarter[-1])
    index = year * 4 + number - 1 + count
    return f"{index // 4}-Q{index % 4 + 1}"


def placeholders(values: StarterValues) -> dict[str, str]:
    """Each placeholder and its value."""
    current = quarter_of(values.today)
    found = {f"__Q{n}__": shift_quarter(current, n) for n in range(5)}
    found.update(__TODAY__=values.today.isoformat(), __SITE_URL__=values.site_url, __SITE_NAME__=values.site_name)
    # The new site's workflow installs the release that made it (.github/requirements-site.txt).
    found["__VERSION__"] = __version__
    return found


def _walk(folder: Traversable, prefix: str = "") -> Iterator[tuple[str, Traversable]]:
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name == "__pycache__":
            continue
        if entry.is_dir():
            yield from _walk(entry, f"{prefix}{entry.name}/")
        else:
            yield f"{prefix}{entry.name}", entry


def scaffold_root() -> Traversable:
    """The scaffold folder shipped with the package."""
    return resources.files("roadmap_site.cli") / SCAFFOLD_FOLDER


def _fill(text: str, values: dict[str, str], yaml: bool) -> str:
    def replace(match: re.Match[str]) -> str:
        if match[0] not in values:
            raise KeyError(f"unknown placeholder {match[0]}")
        value = values[match[0]]
        return json.dumps(value, ensure_ascii=False)[1:-1] if yaml else value

    return PLACEHOLDER.sub(replace, text)


def render_scaffold(values: StarterValues) -> dict[str, bytes]:
    """The files of a new repository, by relative path, placeholders filled."""
    filled = placeholders(values)
    files = {}
    for path, entry in _walk(scaffold_root()):
        data = entry.read_bytes()
        if not path.startswith(VERBATIM):
            yaml = path.endswith(YAML_SUFFIXES)
            data = _fill(data.decode("utf-8"), filled, yaml).encode("utf-8")
            path = _fill(path, filled, yaml=False)
        files[path] = data
    for name, schema in schema_texts().items():
        files[f"{SCHEMA_FOLDER}/{name}"] = schema.encode("utf-8")
    return files


def init(directory: Path, values: StarterValues) -> list[Path]:
    """Write the scaffold into ``directory`` (created if missing).

    Raises InitError, writing nothing, when ``directory`` is not a folder or any of the
    files already exists.
    """
    if directory.exists() and not directory.is_dir():
        raise InitError(f"{directory} exists and is not a folder")
    files = render_scaffold(values)
    existing = sorted(path for path in files if (directory / path).exists() or (directory / path).is_symlink())
    if existing:
        names = ", ".join(existing)
        raise InitError(f"{directory} already has {names}: nothing was written (use a new or empty folder)")
    written = []
    for path, data in files.items():
        target = directory / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written.append(target)
    return written
