"""``roadmap-site export``: the whole docs tree of a site as Markdown, for another engine."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from roadmap_site.content.layout import YAML_SUFFIXES
from roadmap_site.derive.defaults import DiagramForm
from roadmap_site.links import SiteInfo
from roadmap_site.pipeline import Result, run
from roadmap_site.publish import engine_config
from roadmap_site.publish.data_files import data_files
from roadmap_site.render import diagram_placement
from roadmap_site.render.extensions import ASSET_FOLDER, assets
from roadmap_site.render.pages import update_page
from roadmap_site.settings import Settings


def export(
    settings: Settings,
    destination: Path,
    site_name: str = "Roadmaps",
    project: engine_config.ProjectSettings | None = None,
    source: engine_config.Source | None = None,
    mermaid_file: Path | None = None,
    diagrams: DiagramForm = "mermaid",
) -> list[Path]:
    """Write the whole docs tree of the site into ``destination``: generated pages, the
    content's own pages (updates with their derived changes), the stylesheet and the data
    files (progress.json, badges, and the feed when ``settings.site_url`` is set).

    With ``project`` (an engine), the docs tree goes to ``destination/docs`` and the
    engine's configuration beside it, made from the ``source`` configuration (see
    engine_config.py), so that the engine builds the folder as it is.

    ``diagrams``: ``mermaid`` writes each diagram as a mermaid fence, the portable form
    (GitHub and other engines draw it); ``svg`` writes the SVG drawn at build time into the
    page, as the plugin's site has it (no script, drawn offline and without JavaScript).

    Nothing is written under the content folder. Returns the paths written.
    """
    if project is not None:
        docs = export(settings, destination / engine_config.DOCS_DIR, site_name, diagrams=diagrams)
        source = source or engine_config.Source({}, None)
        return docs + engine_config.write_project(destination, docs, source, project, mermaid_file, diagrams)
    content_dir = settings.content_dir.resolve()
    settings.generate_home = not (content_dir / "index.md").exists()
    settings.diagrams = diagrams
    result = run(settings)
    written: list[Path] = []

    def write(relative: str, data: str | bytes) -> None:
        written.append(_write(destination, relative, data))

    for relative, data in _content_files(content_dir, result):
        write(relative, data)
    for page in result.pages:
        # a page's SVG diagrams stay raw HTML blocks, which any Markdown engine keeps as written
        write(page.path, page.markdown if diagrams == "mermaid" else diagram_placement.place(page.markdown))
    for asset in assets():
        write(f"{ASSET_FOLDER}/{asset.name}", asset.read_bytes())
    site = SiteInfo(name=site_name, url=settings.site_url)
    for relative, data in data_files(result, settings, site).items():
        write(relative, data)
    return written


def _content_files(content_dir: Path, result: Result) -> Iterator[tuple[str, str | bytes]]:
    """The content folder's own files but its YAML (and hidden ones), by path in it:
    updates with their derived changes, the rest as they are."""
    updates = {u.source.path.resolve(): u for u in result.content.updates}
    for path in sorted(content_dir.rglob("*")):
        if not path.is_file() or path.suffix in YAML_SUFFIXES or any(p.startswith(".") for p in path.parts):
            continue
        relative = path.relative_to(content_dir).as_posix()
        update = updates.get(path.resolve())
        yield relative, update_page(update, result.content) if update is not None else path.read_bytes()


def _write(destination: Path, relative: str, data: str | bytes) -> Path:
    """Write ``data`` at ``relative`` in ``destination``, never outside it."""
    target = (destination / relative).resolve()
    if destination.resolve() not in target.parents:
        raise ValueError(f"refusing to write outside the export folder: {relative}")
    target.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        target.write_bytes(data)
    else:
        target.write_text(data, encoding="utf-8")
    return target
