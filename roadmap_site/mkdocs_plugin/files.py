"""The files a build gets from the plugin: generated pages, read when MkDocs first reads
them, the pages' assets, and the content's YAML kept out of the site."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from roadmap_site.content.layout import YAML_SUFFIXES
from roadmap_site.links import HOME_PAGE
from roadmap_site.mkdocs_plugin.outline import Outline
from roadmap_site.render.extensions import ASSET_FOLDER, assets


class RenderedLater(File):
    """A generated page whose Markdown is written when something first reads it.

    MkDocs reads every file's content through ``_content``; here that is a property that
    fetches the page (from the data stage's jobs) once, then keeps it.
    """

    _fetch: Callable[[], str] | None = None
    _kept: str | bytes | None = None

    @classmethod
    def later(cls, config: MkDocsConfig, src_uri: str, fetch: Callable[[], str]) -> RenderedLater:
        """A generated page at ``src_uri`` whose Markdown ``fetch()`` gives."""
        file = cls.generated(config, src_uri, content="")
        assert isinstance(file, cls)  # (typed as returning a File)
        file._fetch = fetch
        return file

    @property
    def _content(self) -> str | bytes | None:
        if self._fetch is not None:
            self._kept, self._fetch = self._fetch(), None
        return self._kept

    @_content.setter
    def _content(self, value: str | bytes | None) -> None:
        self._fetch, self._kept = None, value


def drop_content_data(files: Files, content_dir: Path) -> None:
    """Keep the content's YAML files out of the built site."""
    content_dir = content_dir.resolve()
    for file in list(files):
        source = file.abs_src_path
        # (resolving takes a system call per folder of the path: only YAML files need it)
        if source and source.endswith(YAML_SUFFIXES) and content_dir in Path(source).resolve().parents:
            files.remove(file)


def add_generated(
    files: Files,
    config: MkDocsConfig,
    outline: Outline,
    page: Callable[[str], str],
    mermaid_file: Path | None,
) -> None:
    """Add the outline's pages (each made by ``page(path)`` when first read) and the
    assets; a file of the site's own in the way of a generated one stops the build."""
    has_home = files.get_file_from_path(HOME_PAGE) is not None
    pages = [path for path in outline.pages if not (path == HOME_PAGE and has_home)]
    for path in pages:
        existing = files.get_file_from_path(path)
        if existing is not None:
            raise PluginError(f"roadmap: {existing.src_uri} would be replaced by a generated page: rename or remove it")
    for data_path in outline.data_files:
        existing = files.get_file_from_path(data_path)
        if existing is not None:
            raise PluginError(
                f"roadmap: {existing.src_uri} would be overwritten by the generated {data_path}: rename it"
            )
    for path in pages:
        files.append(RenderedLater.later(config, path, functools.partial(page, path)))
    for asset in assets():
        files.append(File.generated(config, f"{ASSET_FOLDER}/{asset.name}", content=asset.read_bytes()))
    if mermaid_file is not None:
        uri = f"{ASSET_FOLDER}/{mermaid_file.name}"
        files.append(File.generated(config, uri, abs_src_path=str(mermaid_file)))
