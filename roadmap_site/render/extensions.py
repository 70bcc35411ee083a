"""The Markdown extensions and assets generated pages rely on, and their registration."""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any


class ConfigProblem(Exception):
    """The site's configuration conflicts with what the pages need."""


ASSET_FOLDER = "assets/roadmap-site"
"""Where the stylesheet and scripts of the pages are published, from the site root."""

REQUIRED = (
    "attr_list",
    "md_in_html",
    "admonition",
    "tables",
    "toc",
    "pymdownx.superfences",
    "pymdownx.tasklist",
    "pymdownx.emoji",
)
"""Extensions the generated pages use: anchors, HTML blocks, callouts, tables, diagrams,
task lists and the theme's icons."""


def _fence_format() -> Any:
    from pymdownx.superfences import fence_code_format

    return fence_code_format


def _emoji_settings() -> dict[str, Any]:
    from material.extensions import emoji

    return {"emoji_index": emoji.twemoji, "emoji_generator": emoji.to_svg}


def register(extensions: list[str], configs: dict[str, Any]) -> None:
    """Add the extensions the pages need to the site's list, in place.

    Settings a user already made are kept; a setting that would break the pages (a
    superfences ``mermaid`` fence with another format) is a ConfigProblem.
    """
    for name in REQUIRED:
        if name not in extensions:
            extensions.append(name)
    fences = configs.setdefault("pymdownx.superfences", {}).setdefault("custom_fences", [])
    mermaid = [fence for fence in fences if fence.get("name") == "mermaid"]
    if not mermaid:
        fences.append({"name": "mermaid", "class": "mermaid", "format": _fence_format()})
    elif mermaid[0].get("class") != "mermaid":
        raise ConfigProblem(
            "markdown_extensions: pymdownx.superfences custom_fences has a 'mermaid' fence without "
            "class: mermaid; roadmap diagrams need Material's mermaid fence"
        )
    tasklist = configs.setdefault("pymdownx.tasklist", {})
    tasklist.setdefault("custom_checkbox", True)
    emoji_config = configs.setdefault("pymdownx.emoji", {})
    for key, value in _emoji_settings().items():
        emoji_config.setdefault(key, value)
    configs.setdefault("toc", {}).setdefault("permalink", True)


def assets() -> list[Traversable]:
    """The CSS and JavaScript files shipped with the package."""
    folder = resources.files("roadmap_site") / "assets"
    return sorted((f for f in folder.iterdir() if f.name.endswith((".css", ".js"))), key=lambda f: f.name)
