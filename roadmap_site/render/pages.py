"""Write the Markdown pages of a roadmap site from content and derived figures.

Templates render; they do not compute. The environment refuses to print a plain
string: every value goes through one of the escaping filters of ``escape.py`` (or is a
number), so no user string reaches a page unescaped by accident.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import operator
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import jinja2
from markupsafe import Markup

from roadmap_site.content.documents import Content, Document, Update
from roadmap_site.content.model import DIFFICULTIES, Project, Roadmap, SkillMap
from roadmap_site.derive import accountability, skills
from roadmap_site.derive.views import Options, RoadmapView, comparison_rows, roadmap_views
from roadmap_site.links import HOME_PAGE
from roadmap_site.render import charts, diagram_placement, diagrams, diagrams_svg, escape, fragments, paths_svg
from roadmap_site.render.fragments import STATUS_LABELS
from roadmap_site.speed import cache

RESOURCE_ICONS = {
    "article": "material-newspaper-variant-outline",
    "blog": "material-post-outline",
    "book": "material-book-open-variant",
    "certification": "material-certificate-outline",
    "community": "material-account-group-outline",
    "course": "material-school-outline",
    "docs": "material-file-document-outline",
    "event": "material-calendar-star",
    "paper": "material-file-certificate-outline",
    "podcast": "material-podcast",
    "repository": "material-source-repository",
    "talk": "material-presentation",
    "tool": "material-tools",
    "video": "material-play-box-outline",
    "other": "material-link-variant",
}
"""Icons from Material's bundled set for each resource kind (shown with the kind's word)."""


@dataclass(frozen=True)
class Page:
    """A generated Markdown page, at a path relative to the docs folder."""

    path: str
    markdown: str


def _refuse_plain_strings(value: Any) -> Any:
    if isinstance(value, str) and not isinstance(value, Markup):
        raise TypeError(f"unescaped string reached a template: {value[:40]!r}; use an escaping filter")
    if value is None:
        return Markup("")
    return value


def _by_difficulty(projects: list[Project]) -> list[tuple[str, list[Project]]]:
    groups = [(level, [p for p in projects if p.difficulty == level]) for level in DIFFICULTIES]
    groups.append(("", [p for p in projects if p.difficulty is None]))
    return [(level, items) for level, items in groups if items]


class _TemplateCache(jinja2.FileSystemBytecodeCache):
    """Jinja's cache of compiled templates, which does not stop a build when it cannot
    write (a cache only saves time)."""

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def _template_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates kept between processes, as Python keeps ``.pyc`` files, so that
    only a first build compiles them (0.15 s). Jinja checks each against its template's
    source; None when the cache folder cannot be private to this user."""
    folder = cache.private_folder("templates")
    return _TemplateCache(str(folder)) if folder is not None else None


@functools.cache
def environment() -> jinja2.Environment:
    """The template environment: strict undefined, no autoescape guesswork, and a
    finalize hook that rejects unescaped strings. One per process, so that each template
    is compiled once (Jinja recompiles a template whose file changed)."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("roadmap_site.render", "templates"),
        undefined=jinja2.StrictUndefined,
        finalize=_refuse_plain_strings,
        autoescape=True,  # macro output becomes Markup; plain strings are refused by finalize
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=_template_cache(),
    )
    env.filters.update(
        text=escape.text,
        prose=escape.prose,
        attr=escape.attribute,
        html=escape.html_text,
        docs=escape.docs_markdown,
        url=escape.url,
        yaml=escape.yaml_string,
        date=fragments.date_label,
        iso=fragments.iso,
        by_difficulty=_by_difficulty,
        hashes=lambda level: Markup("#" * level),
    )
    env.globals.update(
        STATUS_LABELS=STATUS_LABELS,
        RESOURCE_ICONS=RESOURCE_ICONS,
        Markup=Markup,
        status_badge=fragments.status_badge,
        link=fragments.link,
        checklist=fragments.checklist,
        milestones=fragments.milestones,
        skill_area=fragments.skill_area,
        gap_table_rows=fragments.gap_table_rows,
        plural=fragments.plural,
        profile_table_rows=fragments.profile_table_rows,
    )
    return env


def _page_inputs(
    env: jinja2.Environment, view: RoadmapView, content: Content, options: Options
) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
    """Everything a roadmap page is made from: objects, compared by identity (the
    ContentCache hands out the same model for an unchanged file; Jinja a new template
    when its file changed), and values."""
    skills = content.skills.get(view.model.skills or "")
    updates = tuple(u.meta for u in content.updates_about(view.id))
    objects = (env.get_template("roadmap.md.j2"), view.model, skills.model if skills else None, *updates)
    return objects, (view.id, view.updated, view.freshness, options)


def render_roadmap(env: jinja2.Environment, view: RoadmapView, options: Options) -> str:
    """The page of one roadmap."""
    roadmap = view.model
    if options.diagrams == "svg":
        drawn = {
            "flowchart": diagrams_svg.milestones_svg(roadmap),
            "gantt": diagrams_svg.timeline_svg(roadmap, today=options.today),
            "path_graph": paths_svg.paths_svg(roadmap),
        }
        # through Markdown in a comment, put in place after it (see diagram_placement.py)
        drawn = {name: diagram_placement.carry(svg) if svg else None for name, svg in drawn.items()}
    else:
        drawn = {
            "flowchart": diagrams.roadmap_flowchart(roadmap),
            "gantt": diagrams.gantt(roadmap, today=options.today),
            "path_graph": diagrams.path_graph(roadmap),
        }
    return env.get_template("roadmap.md.j2").render(
        view=view,
        roadmap=roadmap,
        options=options,
        drawn_svg=options.diagrams == "svg",
        **drawn,
        path_links=diagrams.path_links(roadmap),
        stage_paths={s.id: [p for p in roadmap.paths if s.id in p.route] for s in roadmap.stages},
        updates_page="../updates/index.md",
    )


def _memoized(
    memo: dict[str, Any] | None,
    key: str,
    objects: tuple[Any, ...],
    values: tuple[Any, ...],
    make: Callable[[], str],
) -> str:
    """``make()``, or the page it made for ``key`` in an earlier build of this process
    (``memo``) when the page's inputs are the same objects and equal values."""
    if memo is None:
        return make()
    kept = memo.get(key)
    if kept is not None:
        kept_objects, kept_values, markdown = kept
        same_objects = len(kept_objects) == len(objects) and all(map(operator.is_, kept_objects, objects))
        if same_objects and kept_values == values:
            return str(markdown)
    markdown = make()
    memo[key] = (objects, values, markdown)  # holding the objects keeps their ids unique
    return markdown


def _roadmap_page(
    env: jinja2.Environment, view: RoadmapView, content: Content, options: Options, memo: dict[str, Any] | None
) -> str:
    """The roadmap's page, rendered again only when its inputs changed (see ``_page_inputs``)."""
    if memo is None:
        return render_roadmap(env, view, options)
    objects, values = _page_inputs(env, view, content, options)
    return _memoized(memo, view.id, objects, values, lambda: render_roadmap(env, view, options))


@dataclass(frozen=True)
class PlannedPage:
    """A generated page not rendered yet: where it goes, and how to write it."""

    path: str
    make: Callable[[], str]


def plan_pages(
    content: Content,
    updated: dict[str, dt.date],
    options: Options,
    views: list[RoadmapView] | None = None,
    memo: dict[str, Any] | None = None,
) -> list[PlannedPage]:
    """Every generated page, in order: one per roadmap and skills file, the updates list
    and (unless the content has its own) the home page. ``views`` (from
    ``roadmap_views``) lets a caller reuse the figures for data files. ``memo``
    (``ContentCache.pages``) keeps roadmap and skills pages between builds, so that a
    rebuild renders only the pages whose inputs changed (see ``_page_inputs``: a roadmap
    page may use nothing else; a skills page only its file, the roadmaps that use it and
    the focus). Nothing is rendered until a page's ``make`` is called."""
    env = environment()
    fragments.forget_links()  # links and labels repeat within one site's pages, not between builds
    diagrams.forget_labels()
    views = views if views is not None else roadmap_views(content, updated, options)
    pages = [
        PlannedPage(f"roadmaps/{view.id}.md", functools.partial(_roadmap_page, env, view, content, options, memo))
        for view in views
    ]
    builders = skills.builders_by_skills_file(content.roadmaps.values())
    users: dict[str, list[Roadmap]] = {}  # the roadmaps that link to each skills file
    for doc in content.roadmaps.values():
        users.setdefault(doc.model.skills or "", []).append(doc.model)
    for skills_doc in content.skills.values():
        # a skills page is made of its file, the milestones that build its areas (in the
        # roadmaps that use it) and the focus; "skills:" keeps its key apart from roadmap ids
        objects = (env.get_template("skills.md.j2"), skills_doc.model, *users.get(skills_doc.id, []))
        make_skills = functools.partial(render_skills, env, skills_doc, options, builders.get(skills_doc.id, {}))
        make = functools.partial(
            _memoized, memo, f"skills:{skills_doc.id}", objects, (skills_doc.id, options.focus), make_skills
        )
        pages.append(PlannedPage(f"skills/{skills_doc.id}.md", make))
    if content.updates:
        updates = env.get_template("updates.md.j2")
        listing = functools.partial(updates.render, updates=content.updates, content=content, feed_url=options.feed_url)
        pages.append(PlannedPage("updates/index.md", listing))
    if options.generate_home:
        compared = [view for view in views if view.model.facts]
        home = functools.partial(
            env.get_template("home.md.j2").render,
            views=views,
            compared=compared,
            comparison=comparison_rows(compared),
            content=content,
        )
        pages.append(PlannedPage(HOME_PAGE, home))
    return pages


def render_skills(
    env: jinja2.Environment,
    doc: Document[SkillMap],
    options: Options,
    builders: dict[str, list[tuple[str, Any]]],
) -> str:
    """The skills page of one skills file; ``builders`` is its part of
    ``skills.builders_by_skills_file``. Nothing else of the content may be used: the page
    is kept between rebuilds on that assumption (see ``plan_pages``)."""
    ranked = skills.priorities(doc.model, options.focus)
    return env.get_template("skills.md.j2").render(
        doc=doc,
        skill_map=doc.model,
        ranked=ranked,
        scored=[priority for priority in ranked if priority.rank],
        builders=builders,
        profile=charts.t_profile_svg(doc.model),
        profile_rows=charts.t_profile_rows(doc.model),
    )


def render_update_appendix(update: Update, content: Content) -> str:
    """The derived part of an update page: milestones done and slipped in its quarter."""
    env = environment()
    docs = [content.roadmaps[update.meta.roadmap]] if update.meta.roadmap else list(content.roadmaps.values())
    changes = [(doc, accountability.changes_in(doc.model, update.quarter)) for doc in docs]
    return env.get_template("update_appendix.md.j2").render(update=update, changes=changes)


def update_page(update: Update, content: Content) -> str:
    """An update's page: front matter with an escaped title, its heading, the owner's
    text, then the derived changes of its quarter."""
    # a document: Markdown with headings, but no raw HTML (see docs/security.md)
    body = str(escape.prose(update.source.body, document=True)) + "\n"
    heading = "" if body.lstrip().startswith("# ") else f"# {escape.text(update.title)}\n\n"
    front = f"---\ntitle: {escape.yaml_string(update.title)}\n---\n\n"
    return front + heading + body + render_update_appendix(update, content)
