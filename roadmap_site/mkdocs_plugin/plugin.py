"""The ``roadmap`` MkDocs plugin: MkDocs' events, handed to the pipeline.

The data stage (load, check, derive, render: ``jobs.site_jobs``) starts as soon as the
configuration is known. ``mkdocs build`` may run it in a forked child process
(``speed/background.py``) while MkDocs reads its own files; the build process then gets
the outline of the result (``outline.py``) and each page as MkDocs reads it, and never
loads the content model. ``mkdocs serve`` runs the same jobs in its own process, with a
cache kept across rebuilds, and keeps the last good pages after a bad save.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from roadmap_site.content import dates
from roadmap_site.content.layout import UPDATES_DIR
from roadmap_site.links import SiteInfo, normalize_site_url
from roadmap_site.mkdocs_plugin import diagram_scripts, html_fixes, mermaid_asset, theme_fixes
from roadmap_site.mkdocs_plugin import files as generated
from roadmap_site.mkdocs_plugin.config import RoadmapConfig
from roadmap_site.mkdocs_plugin.logs import late_log, log, serve_log
from roadmap_site.mkdocs_plugin.outline import DATA_FILES, OUTLINE, Outline
from roadmap_site.render import diagram_placement, extensions, task_labels
from roadmap_site.render.escape import prose, text, title
from roadmap_site.render.extensions import ASSET_FOLDER
from roadmap_site.settings import Settings
from roadmap_site.speed import background, gcpause, theme_templates

if TYPE_CHECKING:
    from roadmap_site.content.loader import ContentCache


class RoadmapPlugin(BasePlugin[RoadmapConfig]):
    """Generates roadmap, skills, updates and home pages from YAML content."""

    def __init__(self) -> None:
        self.cache: ContentCache | None = None  # kept across rebuilds of one `mkdocs serve`
        self.last_good: tuple[background.Background, Outline] | None = None  # likewise
        self.outline: Outline | None = None
        self.settings: Settings | None = None
        self.mermaid_file: Path | None = None
        self.mermaid_scripts: list[str] = []  # file names, taken out of pages without a diagram
        self.serving = False
        self.rendering = background.Background([])
        self.early = theme_templates.EarlyCompiler()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Note whether this is ``mkdocs serve``. (With this hook defined, MkDocs keeps the
        plugin's instance across the rebuilds of ``mkdocs serve``, and with it the content
        cache and the last good pages.)"""
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Resolve folders, register the Markdown extensions, CSS and scripts pages need,
        and start the data stage."""
        if not self.config.enabled:
            return config
        self.settings = settings = self._settings(config)
        try:
            extensions.register(config.markdown_extensions, config.mdx_configs)
        except extensions.ConfigProblem as problem:
            raise PluginError(f"roadmap: {problem}") from None
        config.extra_css.append(f"{ASSET_FOLDER}/roadmap.css")
        config.extra_javascript += [f"{ASSET_FOLDER}/reader.js", f"{ASSET_FOLDER}/print.js"]
        # First of all scripts: window.mermaid must exist (and be pinned to securityLevel
        # "strict") before Material's bundle mounts a diagram, or Material loads it from unpkg.com.
        scripts = self._mermaid_scripts()
        self.mermaid_scripts = [Path(script).name for script in scripts]
        config.extra_javascript[0:0] = scripts
        self.rendering.close()  # (a build that failed before on_post_build may have left one)
        if self.serving:
            from roadmap_site.content.loader import ContentCache  # (see the module's docstring)

            self.cache = self.cache or ContentCache()
        jobs = functools.partial(_site_jobs, settings, _site(config, settings), self.cache)
        if self.serving:
            self.rendering = background.Background(jobs)
        else:
            self.rendering = background.start(jobs)
            if self.rendering.forked:  # on_files will wait for the child: time to compile templates
                self.early.keep_env(config.theme)
        return config

    def _settings(self, config: MkDocsConfig) -> Settings:
        """The settings of this build, from the plugin's options and the site's."""
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
        try:
            site_url = normalize_site_url(config.site_url)
        except ValueError as problem:
            raise PluginError(f"roadmap: site_url: {problem}") from None
        options = self.config
        return Settings(
            content_dir=content_dir,
            root=root,
            today=today,
            strict=options.strict,
            focus=options.focus,
            grace_days=options.grace_days,
            feed=options.feed,
            site_url=site_url,
            diagrams="svg" if options.mermaid == "off" else "mermaid",
        )

    def _mermaid_scripts(self) -> list[str]:
        """The scripts that provide mermaid to Material, in order; remembers the file to publish.
        None with ``mermaid: off``: diagrams are drawn at build time."""
        self.mermaid_file = None
        if self.config.mermaid == "off":
            return []
        if self.config.mermaid == "self-hosted":
            try:
                self.mermaid_file = mermaid_asset.mermaid_script()
            except mermaid_asset.MermaidAssetError as error:
                raise PluginError(f"roadmap: mermaid: self-hosted: {error}") from None
            return [f"{ASSET_FOLDER}/{self.mermaid_file.name}", f"{ASSET_FOLDER}/mermaid-strict.js"]
        return [f"{ASSET_FOLDER}/mermaid-strict.js"]

    # after other plugins added their files, so a user page can replace a generated one
    @event_priority(-50)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Add the generated pages (the data stage's outline gives them); keep YAML data
        out of the site. Content errors stop the build here, before anything is written."""
        if self.settings is None:
            return files
        if self.rendering.forked:
            first = ["main.html", *sorted(config.theme.static_templates)]
            prepare = functools.partial(self._fix_theme, site_name=config.site_name)
            self.early.compile(first, prepare, lambda: self.rendering.ready(OUTLINE))
        outline = self._outline()
        self.outline = outline
        gcpause.set_aside()  # what the build keeps from here is long-lived: see gcpause.py
        for notice in outline.notices:
            log.warning(notice)
        for warning in outline.warnings:  # (see late_log)
            late_log.warning(f"roadmap: {warning}")
        generated.drop_content_data(files, self.settings.content_dir)
        generated.add_generated(files, config, outline, self.rendering.value, self.mermaid_file)
        return files

    def _outline(self) -> Outline:
        """The data stage's outline; after a bad save in `mkdocs serve`, its errors are
        reported and the last good pages kept."""
        outline: Outline = self.rendering.value(OUTLINE)
        if outline.error is None:
            if self.serving:
                self.last_good = (self.rendering, outline)
            return outline
        if self.last_good is None:
            raise PluginError(outline.error)
        for line in outline.error.splitlines():
            serve_log.error(line)
        serve_log.error("roadmap: still serving the last good version of the content; fix the errors and save")
        self.rendering, outline = self.last_good
        return outline

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Give update pages their derived list of changes and an escaped title."""
        if self.settings is None or self.outline is None:
            return markdown
        path = Path(page.file.abs_src_path).resolve() if page.file.abs_src_path else None
        update = self.outline.updates.get(path) if path is not None else None
        updates_folder = (self.settings.content_dir / UPDATES_DIR).resolve()
        if update is None and path is not None and path.suffix == ".md" and path.parent == updates_folder:
            # an update not in the last good result (`mkdocs serve` after a bad save): inert
            page.meta["title"] = str(title(page.meta.get("title") or page.file.name))
            return str(prose(markdown, document=True))
        if update is None:
            return markdown
        page.meta["title"] = str(title(update.title))
        heading = f"# {text(update.title)}\n\n" if not markdown.lstrip().startswith("# ") else ""
        # the body is a document: Markdown with headings, but no raw HTML (see docs/security.md)
        return heading + str(prose(markdown, document=True)) + "\n" + update.appendix

    @event_priority(-100)  # after the plugins that change the environment
    def on_env(self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        """Have the theme's templates name the search dialog and link the feed (see
        theme_fixes.py); compile again the templates compiled in ``on_files`` if a plugin
        has since changed what templates compile to (filters and globals are looked up later)."""
        if self.settings is not None:
            self._fix_theme(env, site_name=config.site_name)
            self.early.check(env)
        return env

    # after the other plugins have read the page's content (Material's search parses every
    # page's content, and the labels would only give it more attributes to read: 0.15 s at
    # 100 roadmaps), before the theme writes it into the page
    @event_priority(-100)
    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        """Give task-list checkboxes accessible names: task lists are in the page's own
        content, which is a small part of the whole page (that holds the navigation too).
        Put a generated page's diagrams in place (see render/diagram_placement.py): after
        the search plugin, which would otherwise index every label a second time."""
        if self.settings is not None and page.content is not None:
            page.content = task_labels.label_task_checkboxes(page.content)
            if isinstance(page.file, generated.RenderedLater):  # a generated page: its diagrams go in now
                page.content = diagram_placement.place(page.content)
        return context

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        """Give the search dialog an accessible name (every page has it), take the mermaid
        scripts out of a page without a mermaid diagram (see diagram_scripts.py) and link
        the feed from the head, where the theme's templates have not (see theme_fixes.py)."""
        if self.settings is None:
            return output
        output = html_fixes.name_search_dialog(output)
        output = diagram_scripts.drop_mermaid_scripts(output, self.mermaid_scripts)
        link = html_fixes.feed_link(config.site_name, page.url, self.settings.feed_url)
        return html_fixes.add_to_head(output, link) if link else output

    def on_post_template(self, output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str:
        """Take the mermaid scripts out of the theme's static pages (404.html): they have
        no diagram."""
        return diagram_scripts.drop_mermaid_scripts(output_content, self.mermaid_scripts)

    def _fix_theme(self, env: jinja2.Environment, *, site_name: str) -> None:
        """Have ``env`` make the fixes of ``on_post_page`` as its templates compile."""
        feed_url = self.settings.feed_url if self.settings else None

        def feed_link(page: object) -> Markup:
            return Markup(html_fixes.feed_link(site_name, page.url, feed_url) if isinstance(page, Page) else "")

        theme_fixes.install(env, feed_link)

    def on_build_error(self, *, error: Exception) -> None:
        """Stop the background rendering; give the objects set aside in ``on_files`` back
        to the garbage collector."""
        self.rendering.close()
        gcpause.restore()

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write progress.json, the badges and feed.xml beside the pages (after the build,
        from the same figures the pages show)."""
        gcpause.restore()
        if self.outline is None or self.settings is None:
            return
        if self.settings.feed and not self.settings.site_url and self.outline.updates:
            log.warning("roadmap: no feed.xml: set site_url in mkdocs.yml (feed links are absolute) or feed: false")
        for relative, data in self.rendering.value(DATA_FILES).items():
            target = Path(config.site_dir) / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        if not self.serving:
            self.rendering.close()

    def on_shutdown(self) -> None:
        """The ``mkdocs`` command ends: stop any background rendering, and spare the exit
        the collection of everything the build kept (see gcpause.py)."""
        self.rendering.close()
        gcpause.skip_final_collection()

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        """Rebuild when content outside the docs folder changes."""
        if self.settings is not None and self.settings.content_dir.resolve() != Path(config.docs_dir).resolve():
            server.watch(str(self.settings.content_dir))
        return server


def _site_jobs(settings: Settings, site: SiteInfo, cache: ContentCache | None) -> Iterator[background.Job]:
    """``jobs.site_jobs``, loading the pipeline only where the jobs are listed (in the
    child process of ``mkdocs build``: see the module's docstring)."""
    from roadmap_site.mkdocs_plugin import jobs

    return jobs.site_jobs(settings, site, cache)


def _site(config: MkDocsConfig, settings: Settings) -> SiteInfo:
    """What the data files say about the site."""
    return SiteInfo(
        name=config.site_name,
        url=settings.site_url,
        author=config.site_author,
        description=config.site_description,
        directory_urls=config.use_directory_urls,
    )
