"""MkDocs plugin: the thin adapter between MkDocs and the roadmap pipeline."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from roadmap_site import dates, extensions, pipeline
from roadmap_site.content import ContentCache, Update
from roadmap_site.escape import html_text, text
from roadmap_site.problems import ContentError
from roadmap_site.render import render_update_appendix

log = logging.getLogger("mkdocs.plugins.roadmap")

ASSET_DIR = "assets/roadmap-site"


class RoadmapConfig(base.Config):
    """Options of the ``roadmap`` plugin in mkdocs.yml."""

    content_dir = c.Optional(c.Type(str))
    """Folder with roadmaps/, skills/ and updates/, relative to mkdocs.yml (default: docs_dir)."""
    strict = c.Type(bool, default=False)
    """Fail the build when a milestone is overdue (past due, not done, no slip record)."""
    focus = c.Type(int, default=5)
    """How many top skill priorities are marked as the current focus."""
    grace_days = c.Type(int, default=14)
    """Days after the promised update date before a roadmap is called stale."""
    today = c.Optional(c.Type(str))
    """Fix "today" (YYYY-MM-DD) for reproducible builds; default: $ROADMAP_SITE_TODAY or the clock."""


class RoadmapPlugin(BasePlugin[RoadmapConfig]):
    """Generates roadmap, skills, updates and home pages from YAML content."""

    def __init__(self) -> None:
        self.cache = ContentCache()  # kept across rebuilds of one `mkdocs serve`
        self.result: pipeline.Result | None = None
        self.settings: pipeline.Settings | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Resolve folders and register the Markdown extensions and CSS pages need."""
        root = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
        content_dir = (root / self.config.content_dir) if self.config.content_dir else Path(config.docs_dir)
        if not content_dir.is_dir():
            raise PluginError(
                f"roadmap: content_dir {str(content_dir)!r} is not a folder (set plugins.roadmap.content_dir)"
            )
        try:
            today = dates.today(self.config.today)
        except ValueError:
            raise PluginError(f"roadmap: today must be YYYY-MM-DD, got {self.config.today!r}") from None
        self.settings = pipeline.Settings(
            content_dir=content_dir,
            root=root,
            today=today,
            strict=self.config.strict,
            focus=self.config.focus,
            grace_days=self.config.grace_days,
        )
        try:
            extensions.register(config.markdown_extensions, config.mdx_configs)
        except extensions.ConfigProblem as problem:
            raise PluginError(f"roadmap: {problem}") from None
        config.extra_css.append(f"{ASSET_DIR}/roadmap.css")
        return config

    # after other plugins added their files, so a user page can replace a generated one
    @event_priority(-50)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Run the pipeline and add its pages; keep YAML data out of the site."""
        assert self.settings is not None
        self.settings.generate_home = files.get_file_from_path("index.md") is None
        try:
            self.result = pipeline.run(self.settings, self.cache)
        except ContentError as error:
            raise PluginError(error.report()) from None
        for notice in self.result.notices:
            log.warning(notice)
        # Late milestones and late updates are the owner's to fix and are shown to readers
        # on the page; as MkDocs warnings they would stop `mkdocs build --strict` from
        # publishing exactly when the page must say so. `strict: true` makes overdue
        # milestones errors instead.
        for warning in self.result.warnings:
            log.info(f"roadmap: {warning}")
        content_dir = self.settings.content_dir.resolve()
        for file in list(files):
            path = Path(file.abs_src_path).resolve() if file.abs_src_path else None
            if path and path.suffix in (".yml", ".yaml") and content_dir in path.parents:
                files.remove(file)
        for page in self.result.pages:
            existing = files.get_file_from_path(page.path)
            if existing is not None:
                raise PluginError(
                    f"roadmap: {existing.src_uri} would be replaced by a generated page: rename or remove it"
                )
            files.append(File.generated(config, page.path, content=page.markdown))
        for asset in extensions.assets():
            files.append(File.generated(config, f"{ASSET_DIR}/{asset.name}", content=asset.read_bytes()))
        return files

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Give update pages their derived list of changes and an escaped title."""
        update = self._update_for(page)
        if update is None or self.result is None:
            return markdown
        page.meta["title"] = str(html_text(update.title))
        heading = f"# {text(update.title)}\n\n" if not markdown.lstrip().startswith("# ") else ""
        return heading + markdown + render_update_appendix(update, self.result.content)

    def _update_for(self, page: Page) -> Update | None:
        if self.result is None or page.file.abs_src_path is None:
            return None
        path = Path(page.file.abs_src_path).resolve()
        return next((u for u in self.result.content.updates if u.source.path.resolve() == path), None)

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        """Rebuild when content outside the docs folder changes."""
        if self.settings is not None and self.settings.content_dir.resolve() != Path(config.docs_dir).resolve():
            server.watch(str(self.settings.content_dir))
        return server
