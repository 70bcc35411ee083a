"""MkDocs plugin: the thin adapter between MkDocs and the roadmap pipeline.

``mkdocs build`` runs the whole data stage in a child process started as soon as the
configuration is known (see background.py): the child loads, checks and renders the
content while MkDocs reads its own files, and this process gets the outline of the
result (outline.py), then each page as MkDocs reads it. So the build process never
loads the content model: nothing here imports ``pipeline`` but the functions that run
the data stage in this process (``mkdocs serve``, or where no child can be started).
While it waits for the outline, it compiles the theme's templates (theme_templates.py).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from markupsafe import Markup
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.theme import Theme
from mkdocs.utils import get_relative_url
from mkdocs.utils.templates import TemplateContext

from roadmap_site import (
    background,
    dates,
    diagram_placement,
    diagram_scripts,
    extensions,
    gcpause,
    html_fixes,
    mermaid_asset,
    theme_fixes,
    theme_templates,
)
from roadmap_site.escape import attribute, prose, text, title
from roadmap_site.links import FEED_PATH, SiteInfo, normalize_site_url
from roadmap_site.outline import DATA_FILES, HOME_PAGE, OUTLINE, Outline
from roadmap_site.settings import UPDATES_DIR, Settings

if TYPE_CHECKING:
    from roadmap_site import pipeline
    from roadmap_site.content import ContentCache

log = logging.getLogger("mkdocs.plugins.roadmap")

# Content errors of a save during `mkdocs serve` are printed through a logger of their own:
# MkDocs counts what its own loggers report, and in strict mode a counted error fails the
# rebuild, after which its server holds every request until a build succeeds.
serve_log = logging.getLogger("roadmap_site.serve")
serve_log.propagate = False
if not serve_log.handlers:
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    serve_log.addHandler(_handler)

ASSET_DIR = "assets/roadmap-site"


class _RenderedLater(File):
    """A generated page whose Markdown is written when something first reads it.

    MkDocs reads every file's content through ``_content``; here that is a property that
    fetches the page (from the background renderer) once, then keeps it.
    """

    _fetch: Callable[[], str] | None = None
    _kept: str | bytes | None = None

    @classmethod
    def later(cls, config: MkDocsConfig, src_uri: str, fetch: Callable[[], str]) -> _RenderedLater:
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


class _MermaidMode(c.Choice[str]):
    """The ``mermaid`` option's mode; ``off`` may be written unquoted (YAML 1.1, which
    mkdocs.yml is read as, takes a bare ``off`` for false)."""

    def run_validation(self, value: object) -> str:
        return super().run_validation("off" if value is False else value)


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
    feed = c.Type(bool, default=True)
    """Publish ``feed.xml``, an Atom feed of the updates linked from every page; needs ``site_url``."""
    mermaid = _MermaidMode(("off", "cdn", "self-hosted"), default="off")
    """``off``: diagrams are SVG drawn at build time, part of the page (no script, no
    request). ``cdn`` or ``self-hosted``: pages carry mermaid source, drawn in the reader's
    browser by mermaid, loaded from Material's CDN (unpkg.com) or published with the site
    (a pinned, integrity-checked ``mermaid.min.js``; needs npm once, then a cache). Either
    way only pages with a diagram load mermaid."""


class RoadmapPlugin(BasePlugin[RoadmapConfig]):
    """Generates roadmap, skills, updates and home pages from YAML content."""

    def __init__(self) -> None:
        self.cache: ContentCache | None = None  # kept across rebuilds of one `mkdocs serve`
        self.result: pipeline.Result | None = None  # the last good one, in `mkdocs serve`
        self.outline: Outline | None = None
        self.settings: Settings | None = None
        self.mermaid_file: Path | None = None
        self.mermaid_scripts: list[str] = []  # file names, taken out of pages without a diagram
        self.updates_folder: Path | None = None
        self.serving = False
        self.rendering = background.Background([])
        self.theme_env: jinja2.Environment | None = None  # the last one MkDocs made (see on_config)
        self._compiled_with: tuple[jinja2.Environment, tuple[object, ...]] | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Note whether this is ``mkdocs serve``. (With this hook defined, MkDocs keeps the
        plugin's instance across the rebuilds of ``mkdocs serve``, and with it the content
        cache and the last good result.)"""
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Resolve folders and register the Markdown extensions, CSS and scripts pages need."""
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
        self.settings = Settings(
            content_dir=content_dir,
            root=root,
            today=today,
            strict=self.config.strict,
            focus=self.config.focus,
            grace_days=self.config.grace_days,
            feed=self.config.feed,
            diagrams="svg" if self.config.mermaid == "off" else "mermaid",
        )
        try:
            self.settings.site_url = normalize_site_url(config.site_url)
        except ValueError as problem:
            raise PluginError(f"roadmap: site_url: {problem}") from None
        try:
            extensions.register(config.markdown_extensions, config.mdx_configs)
        except extensions.ConfigProblem as problem:
            raise PluginError(f"roadmap: {problem}") from None
        config.extra_css.append(f"{ASSET_DIR}/roadmap.css")
        config.extra_javascript += [f"{ASSET_DIR}/reader.js", f"{ASSET_DIR}/print.js"]
        # First of all scripts: window.mermaid must exist (and be pinned to securityLevel
        # "strict") before Material's bundle mounts a diagram, or Material loads it from unpkg.com.
        scripts = self._mermaid_scripts()
        self.mermaid_scripts = [Path(script).name for script in scripts]
        config.extra_javascript[0:0] = scripts
        self.rendering.close()  # (a build that failed before on_post_build may have left one)
        if not self.serving:  # the data stage starts now, beside MkDocs (see the module's docstring)
            jobs = functools.partial(_site_build_jobs, self.settings, _site(config, self.settings))
            self.rendering = background.start(jobs)
            if self.rendering.forked:  # on_files will wait for the child: time to compile templates
                self._keep_theme_env(config.theme)
        return config

    def _keep_theme_env(self, theme: Theme) -> None:
        """Keep each Jinja environment MkDocs makes for the theme from now on: the last
        one made before ``on_files`` is the one its build renders pages with (see
        theme_templates.py)."""
        make_env = theme.get_env

        def get_env() -> jinja2.Environment:
            self.theme_env = make_env()
            return self.theme_env

        theme.get_env = get_env  # type: ignore[method-assign]

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
            return [f"{ASSET_DIR}/{self.mermaid_file.name}", f"{ASSET_DIR}/mermaid-strict.js"]
        return [f"{ASSET_DIR}/mermaid-strict.js"]

    # after other plugins added their files, so a user page can replace a generated one
    @event_priority(-50)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Add the generated pages (the data stage's outline gives them); keep YAML data
        out of the site. Content errors stop the build here, before anything is written."""
        assert self.settings is not None
        if not self.serving:
            self._compile_theme_early(config)
        outline = self._serve_data_stage(config) if self.serving else self.rendering.value(OUTLINE)
        if outline.error is not None:
            raise PluginError(outline.error)
        self.outline = outline
        self.updates_folder = (self.settings.content_dir / UPDATES_DIR).resolve()
        gcpause.set_aside()  # what the build keeps from here is long-lived: see gcpause.py
        for notice in outline.notices:
            log.warning(notice)
        # Late milestones and late updates are the owner's to fix and are shown to readers
        # on the page; as MkDocs warnings they would stop `mkdocs build --strict` from
        # publishing exactly when the page must say so. `strict: true` makes overdue
        # milestones errors instead.
        for warning in outline.warnings:
            log.info(f"roadmap: {warning}")
        content_dir = self.settings.content_dir.resolve()
        for file in list(files):
            source = file.abs_src_path
            # (resolving takes a system call per folder of the path: only YAML files need it)
            if source and source.endswith((".yml", ".yaml")) and content_dir in Path(source).resolve().parents:
                files.remove(file)
        has_home = files.get_file_from_path(HOME_PAGE) is not None
        pages = [path for path in outline.pages if not (path == HOME_PAGE and has_home)]
        for path in pages:
            existing = files.get_file_from_path(path)
            if existing is not None:
                raise PluginError(
                    f"roadmap: {existing.src_uri} would be replaced by a generated page: rename or remove it"
                )
        for data_path in outline.data_files:
            existing = files.get_file_from_path(data_path)
            if existing is not None:
                raise PluginError(
                    f"roadmap: {existing.src_uri} would be overwritten by the generated {data_path}: rename it"
                )
        for path in pages:
            files.append(_RenderedLater.later(config, path, functools.partial(self.rendering.value, path)))
        for asset in extensions.assets():
            files.append(File.generated(config, f"{ASSET_DIR}/{asset.name}", content=asset.read_bytes()))
        if self.mermaid_file is not None:
            uri = f"{ASSET_DIR}/{self.mermaid_file.name}"
            files.append(File.generated(config, uri, abs_src_path=str(self.mermaid_file)))
        return files

    def _compile_theme_early(self, config: MkDocsConfig) -> None:
        """While the child has not sent the outline, compile the theme's page templates
        in the environment MkDocs will render them with."""
        vars(config.theme).pop("get_env", None)  # MkDocs has made it: stop keeping them
        env, self.theme_env, self._compiled_with = self.theme_env, None, None
        if env is None:
            return
        self._fix_theme(env, config.site_name)  # (before compiling: the fixes are made as they compile)
        first = ["main.html", *sorted(config.theme.static_templates)]
        theme_templates.compile_early(env, first, lambda: self.rendering.ready(OUTLINE))
        self._compiled_with = (env, theme_templates.compile_settings(env))

    def _serve_data_stage(self, config: MkDocsConfig) -> Outline:
        """The data stage of a `mkdocs serve` build, here: unchanged files are not read
        again and unchanged pages not rendered again (the content cache). After a bad
        save, the errors are reported and the last good pages kept."""
        from roadmap_site import pipeline  # (see the module's docstring)
        from roadmap_site.content import ContentCache
        from roadmap_site.problems import ContentError

        assert self.settings is not None
        self.cache = self.cache or ContentCache()
        try:
            self.result = pipeline.run(self.settings, self.cache)
        except ContentError as error:
            if self.result is None:
                return Outline(error=error.report())
            # report it, keep serving the last good pages
            for line in error.report().splitlines():
                serve_log.error(line)
            serve_log.error("roadmap: still serving the last good version of the content; fix the errors and save")
        result, settings = self.result, self.settings
        jobs: list[background.Job] = [(page.path, functools.partial(str, page.markdown)) for page in result.pages]
        jobs.append((DATA_FILES, functools.partial(pipeline.data_files, result, settings, _site(config, settings))))
        self.rendering = background.Background(jobs)
        return pipeline.outline_of(result)

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Give update pages their derived list of changes and an escaped title."""
        path = Path(page.file.abs_src_path).resolve() if page.file.abs_src_path else None
        update = self.outline.updates.get(path) if path is not None and self.outline is not None else None
        if update is None and path is not None and path.suffix == ".md" and path.parent == self.updates_folder:
            # an update not in the last good result (`mkdocs serve` after a bad save): inert
            page.meta["title"] = str(title(page.meta.get("title") or page.file.name))
            return str(prose(markdown))
        if update is None:
            return markdown
        page.meta["title"] = str(title(update.title))
        heading = f"# {text(update.title)}\n\n" if not markdown.lstrip().startswith("# ") else ""
        # the body is prose, like the YAML's: Markdown without raw HTML (see docs/security.md)
        return heading + str(prose(markdown)) + "\n" + update.appendix

    @event_priority(-100)  # after the plugins that change the environment
    def on_env(self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        """Have the theme's templates name the search dialog and link the feed (see
        theme_fixes.py); compile again the templates compiled in ``on_files`` if a plugin
        has since changed what templates compile to (filters and globals are looked up later)."""
        self._fix_theme(env, config.site_name)
        compiled_with, self._compiled_with = self._compiled_with, None
        if compiled_with is None or compiled_with[0] is not env:
            return env  # nothing compiled early, or the pages render with another environment
        if theme_templates.compile_settings(env) != compiled_with[1]:
            theme_templates.forget_compiled(env)
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
        Put a generated page's diagrams in place (see diagram_placement.py): after the
        search plugin, which would otherwise index every label a second time."""
        if page.content is not None:
            page.content = html_fixes.label_task_checkboxes(page.content)
            if isinstance(page.file, _RenderedLater):  # a generated page: its diagrams go in now
                page.content = diagram_placement.place(page.content)
        return context

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        """Give the search dialog an accessible name (every page has it), take the mermaid
        scripts out of a page without a mermaid diagram (see diagram_scripts.py) and link
        the feed from the head, where the theme's templates have not (see theme_fixes.py)."""
        output = html_fixes.name_search_dialog(output)
        output = diagram_scripts.drop_mermaid_scripts(output, self.mermaid_scripts)
        link = self._feed_link(config.site_name, page.url)
        return html_fixes.add_to_head(output, link) if link else output

    def on_post_template(self, output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str:
        """Take the mermaid scripts out of the theme's static pages (404.html): they have
        no diagram."""
        return diagram_scripts.drop_mermaid_scripts(output_content, self.mermaid_scripts)

    def _fix_theme(self, env: jinja2.Environment, site_name: str) -> None:
        """Have ``env`` make the fixes of ``on_post_page`` as its templates compile."""

        def feed_link(page: object) -> Markup:
            return Markup(self._feed_link(site_name, page.url) if isinstance(page, Page) else "")

        theme_fixes.install(env, feed_link)

    def _feed_link(self, site_name: str, page_url: str) -> str:
        """The link that lets browsers and feed readers find the feed from a page's head,
        or an empty string when there is no feed.

        The link is relative to the page: Material fetches ``sitemap.xml`` next to every
        ``<link rel="alternate">`` (for its language switch), so an absolute site_url here
        made every page request the published site, which fails offline and in previews.
        """
        url = self.settings.feed_url if self.settings else None
        if url is None:
            return ""
        name = title(f"{site_name}: updates")  # HTML-escaped; the head is not Markdown
        href = attribute(get_relative_url(FEED_PATH, page_url))
        return f'<link rel="alternate" type="application/atom+xml" title="{name}" href="{href}">\n'

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


def _site_build_jobs(settings: Settings, site: SiteInfo) -> Iterator[background.Job]:
    """``pipeline.site_build_jobs``, loading the pipeline where they are listed (in the
    child process, see the module's docstring)."""
    from roadmap_site import pipeline

    return pipeline.site_build_jobs(settings, site)


def _site(config: MkDocsConfig, settings: Settings) -> SiteInfo:
    """What the data files say about the site."""
    return SiteInfo(
        name=config.site_name,
        url=settings.site_url,
        author=config.site_author,
        description=config.site_description,
        directory_urls=config.use_directory_urls,
    )
