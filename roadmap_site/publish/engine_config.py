"""A project another engine builds as it is: the exported pages under ``docs/`` and a
``mkdocs.yml`` written for that engine (``roadmap-site export DIR --engine ...``).

Zensical (the successor of Material for MkDocs) reads ``mkdocs.yml`` and runs
Python-Markdown extensions but no MkDocs plugin, so everything the plugin adds to a build
is written into the configuration here: the Markdown extensions the pages need (with
Zensical's own emoji functions), the mermaid fence, the stylesheet and the scripts in the
plugin's order, and the navigation in the order MkDocs gives the plugin's site. For
``mkdocs`` the same project builds with Material and no plugin.

The source ``mkdocs.yml`` is read without running anything in it: ``!ENV`` takes the
variable's value or its default, as MkDocs does, and ``!!python/...`` tags are kept as
text and written back as they were, never imported.
"""

from __future__ import annotations

import copy
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from roadmap_site.derive.defaults import DiagramForm
from roadmap_site.render import extensions, task_labels
from roadmap_site.render.extensions import ASSET_FOLDER

ENGINES = ("zensical", "mkdocs")
"""The engines ``export --engine`` writes a configuration for."""

DOCS_DIR = "docs"
CONFIG_FILE = "mkdocs.yml"
OVERRIDES_DIR = "overrides"

EMOJI_MODULE = {"zensical": "zensical.extensions.emoji", "mkdocs": "material.extensions.emoji"}
"""Where each engine's emoji index and generator live (Material's are not Zensical's)."""

REQUIRED_EXTENSIONS = (*extensions.REQUIRED, "pymdownx.details", task_labels.NAME)
"""The Markdown extensions the pages use (those the plugin adds, and the details blocks
of the example configuration), and the accessible names of task-list checkboxes, which
the plugin gives in the built page (render/task_labels.py)."""

# Top-level settings of the source configuration that mean the same in the exported project.
_KEPT_SETTINGS = (
    "site_description",
    "site_author",
    "copyright",
    "repo_url",
    "repo_name",
    "use_directory_urls",
    "extra",
    "extra_templates",
    "watch",
)
# Settings only MkDocs reads (Zensical refuses or ignores what it does not know).
_MKDOCS_ONLY_SETTINGS = ("validation",)


class EngineConfigError(Exception):
    """The source configuration cannot be read (the message names the file and line)."""


@dataclass(frozen=True)
class PythonTag:
    """A ``!!python/...`` value of the source configuration, kept as written (never
    imported): ``tag`` is what follows ``tag:yaml.org,2002:python/``."""

    tag: str
    value: Any


def python_name(dotted: str) -> PythonTag:
    """A ``!!python/name:`` reference to the object at ``dotted``."""
    return PythonTag(f"name:{dotted}", "")


class _SourceLoader(yaml.SafeLoader):
    """A safe loader that accepts MkDocs' tags without running them."""


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    # !ENV NAME or !ENV [NAME, OTHER, default]: the first variable set, else the default
    # (the last item of a list), as MkDocs reads it
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    elif isinstance(node, yaml.SequenceNode):
        items = loader.construct_sequence(node, deep=True)
        names, default = items[:-1], items[-1] if items else None
    else:
        raise yaml.constructor.ConstructorError(
            None, None, "expected !ENV NAME or !ENV [NAME, default]", node.start_mark
        )
    for name in names:
        if isinstance(name, str) and name in os.environ:
            return yaml.safe_load(os.environ[name]) if os.environ[name] else ""
    return default


def _python_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> PythonTag:
    if isinstance(node, yaml.ScalarNode):
        value: Any = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        assert isinstance(node, yaml.MappingNode)
        value = loader.construct_mapping(node, deep=True)
    return PythonTag(suffix, value)


_SourceLoader.add_constructor("!ENV", _env_tag)
_SourceLoader.add_multi_constructor("tag:yaml.org,2002:python/", _python_tag)


def read_source_config(path: Path) -> dict[str, Any]:
    """The settings of a MkDocs configuration file, read safely (see the module's docstring)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise EngineConfigError(f"{path}: cannot read it: {error}") from None
    try:
        data = yaml.load(text, Loader=_SourceLoader)  # a SafeLoader: nothing in the file runs
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        raise EngineConfigError(f"{where}: not valid YAML: {error.problem or error}") from None
    except yaml.YAMLError as error:
        raise EngineConfigError(f"{path}: not valid YAML: {error}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise EngineConfigError(f"{path}:1:1: expected the settings of a site (a mapping), got {type(data).__name__}")
    return data


def plugin_options(source: dict[str, Any]) -> dict[str, Any]:
    """The ``roadmap`` plugin's options in the source configuration ({} when absent)."""
    plugins = source.get("plugins") or []
    entries = plugins.items() if isinstance(plugins, dict) else (_entry(item) for item in plugins)
    for name, options in entries:
        if name == "roadmap":
            return dict(options or {})
    return {}


def _entry(item: Any) -> tuple[str, Any]:
    """(name, options) of one item of a list of extensions or plugins."""
    if isinstance(item, dict) and len(item) == 1:
        name, options = next(iter(item.items()))
        return str(name), options
    return str(item), None


def _extensions(source: Any, engine: str) -> list[Any]:
    """The source's Markdown extensions, in order, with what the pages need added."""
    if isinstance(source, dict):
        entries = [(str(name), options) for name, options in source.items()]
    else:
        entries = [_entry(item) for item in source or []]
    configs: dict[str, dict[str, Any]] = {}
    for name, options in entries:
        configs[name] = copy.deepcopy(options) if isinstance(options, dict) else {}
    for name in REQUIRED_EXTENSIONS:
        configs.setdefault(name, {})
    fences = configs["pymdownx.superfences"].setdefault("custom_fences", [])
    fences[:] = [fence for fence in fences if not (isinstance(fence, dict) and fence.get("name") == "mermaid")]
    fences.append(
        {"name": "mermaid", "class": "mermaid", "format": python_name("pymdownx.superfences.fence_code_format")}
    )
    configs["pymdownx.tasklist"].setdefault("custom_checkbox", True)
    configs["toc"].setdefault("permalink", True)
    emoji = configs["pymdownx.emoji"]
    module = EMOJI_MODULE[engine]
    for key, function in (("emoji_index", "twemoji"), ("emoji_generator", "to_svg")):
        given = emoji.get(key)
        # Material's own functions become the engine's; anything else is the author's choice
        if given is None or (isinstance(given, PythonTag) and "material.extensions.emoji." in given.tag):
            emoji[key] = python_name(f"{module}.{function}")
    return [{name: options} if options else name for name, options in configs.items()]


def _plugins(source: Any) -> list[Any]:
    """The source's plugins but ``roadmap`` (its work is in the exported pages)."""
    entries = source.items() if isinstance(source, dict) else (_entry(item) for item in source or [])
    return [{name: options} if options else name for name, options in entries if name != "roadmap"]


def _sort_key(path: PurePosixPath) -> tuple[tuple[str, ...], bool, str]:
    # MkDocs' order of files: by folder, the index page first, then by name
    return (path.parts[:-1], path.stem not in ("index", "README"), path.name)


def _section_title(folder: str) -> str:
    # MkDocs names a section after its folder: dashes and underscores become spaces, and an
    # all-lowercase name is capitalised
    title = folder.replace("-", " ").replace("_", " ")
    return title.capitalize() if title.lower() == title else title


def default_nav(pages: Iterable[str]) -> list[Any]:
    """The navigation MkDocs gives a site without ``nav``: pages by folder, index first,
    each folder a section named after it. (Written out so that every engine keeps it.)"""
    nav: list[Any] = []
    for page in sorted((PurePosixPath(p) for p in pages), key=_sort_key):
        branch = nav
        for folder in page.parts[:-1]:
            title = _section_title(folder)
            node = next((n for n in branch if isinstance(n, dict) and title in n), None)
            if node is None:
                node = {title: []}
                branch.append(node)
            branch = node[title]
        branch.append(page.as_posix())
    return nav


@dataclass(frozen=True)
class Source:
    """The site's own configuration: its settings, and the folder it is in (None when
    there is no configuration file)."""

    settings: dict[str, Any]
    root: Path | None


def read_source(path: Path) -> Source:
    """The configuration at ``path``, or an empty one when there is no such file."""
    if not path.exists():
        return Source({}, None)
    return Source(read_source_config(path), path.resolve().parent)


@dataclass
class ProjectSettings:
    """What the exported project's configuration says besides the source's own settings."""

    engine: str
    site_name: str
    site_url: str | None
    pages: list[str] = field(default_factory=list)
    """Every Markdown page under ``docs/``, relative to it."""
    stylesheets: list[str] = field(default_factory=list)
    scripts: list[str] = field(default_factory=list)
    """In order: mermaid (when self-hosted) and its pin first, as the plugin has them."""
    custom_dir: str | None = None


def engine_config(source: dict[str, Any], project: ProjectSettings) -> dict[str, Any]:
    """The configuration of the exported project for ``project.engine``."""
    config: dict[str, Any] = {"site_name": project.site_name}
    if project.site_url:
        config["site_url"] = project.site_url
    kept = _KEPT_SETTINGS + (_MKDOCS_ONLY_SETTINGS if project.engine == "mkdocs" else ())
    config.update({key: copy.deepcopy(source[key]) for key in kept if key in source})
    config["docs_dir"] = DOCS_DIR
    theme = source.get("theme") or {"name": "material"}
    theme = {"name": theme} if isinstance(theme, str) else copy.deepcopy(theme)
    theme.pop("custom_dir", None)
    if project.custom_dir:
        theme["custom_dir"] = project.custom_dir
    if project.engine == "zensical":
        theme.setdefault("variant", "classic")  # the look of Material for MkDocs, which roadmap.css styles
    config["theme"] = theme
    plugins = _plugins(source.get("plugins") or ["search"])
    if plugins:
        config["plugins"] = plugins
    config["markdown_extensions"] = _extensions(source.get("markdown_extensions"), project.engine)
    config["extra_css"] = [*list(source.get("extra_css") or []), *project.stylesheets]
    own_scripts = list(source.get("extra_javascript") or [])
    mermaid_first = [s for s in project.scripts if "mermaid" in s]
    config["extra_javascript"] = [*mermaid_first, *own_scripts, *(s for s in project.scripts if s not in mermaid_first)]
    config["nav"] = copy.deepcopy(source["nav"]) if source.get("nav") else default_nav(project.pages)
    return config


class _Dumper(yaml.SafeDumper):
    """Writes ``PythonTag`` values back as the tags they were."""


def _represent_python_tag(dumper: yaml.SafeDumper, value: PythonTag) -> yaml.Node:
    tag = f"tag:yaml.org,2002:python/{value.tag}"
    if isinstance(value.value, dict):
        return dumper.represent_mapping(tag, value.value)
    if isinstance(value.value, list):
        return dumper.represent_sequence(tag, value.value)
    return dumper.represent_scalar(tag, str(value.value))


_Dumper.add_representer(PythonTag, _represent_python_tag)


def dump(config: dict[str, Any]) -> str:
    """``config`` as the text of a ``mkdocs.yml``."""
    header = "# Written by `roadmap-site export`: the site's pages are in docs/, generated from the roadmaps.\n"
    return header + yaml.dump(config, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def copy_custom_dir(source_root: Path, source: dict[str, Any], destination: Path) -> str | None:
    """Copy the theme's ``custom_dir`` (template overrides) into the project; its new
    folder name, or None when the source has none."""
    theme = source.get("theme")
    folder = theme.get("custom_dir") if isinstance(theme, dict) else None
    if not isinstance(folder, str) or not (source_root / folder).is_dir():
        return None
    target = destination / OVERRIDES_DIR
    shutil.copytree(source_root / folder, target, dirs_exist_ok=True)
    return OVERRIDES_DIR


def write_project(
    destination: Path,
    written: list[Path],
    source: Source,
    project: ProjectSettings,
    mermaid_file: Path | None = None,
    diagrams: DiagramForm = "mermaid",
) -> list[Path]:
    """Complete the export in ``destination`` (its pages ``written`` under ``docs/``) with
    the engine's configuration, the self-hosted mermaid script when given and the theme's
    overrides; pages whose ``diagrams`` are SVG get no mermaid script. Returns the paths
    written."""
    docs = (destination / DOCS_DIR).resolve()
    added: list[Path] = []
    project.pages = [p.relative_to(docs).as_posix() for p in written if p.suffix == ".md"]
    scripts = [f"{ASSET_FOLDER}/mermaid-strict.js"] if diagrams == "mermaid" else []
    if mermaid_file is not None:
        target = docs / ASSET_FOLDER / mermaid_file.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(mermaid_file, target)
        added.append(target)
        scripts.insert(0, f"{ASSET_FOLDER}/{mermaid_file.name}")
    project.scripts = [*scripts, f"{ASSET_FOLDER}/reader.js", f"{ASSET_FOLDER}/print.js"]
    project.stylesheets = [f"{ASSET_FOLDER}/roadmap.css"]
    if source.root is not None:
        project.custom_dir = copy_custom_dir(source.root, source.settings, destination)
    config_path = destination / CONFIG_FILE
    config_path.write_text(dump(engine_config(source.settings, project)), encoding="utf-8")
    added.append(config_path)
    return added
