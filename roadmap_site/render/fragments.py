"""The most repeated parts of a roadmap page, written in Python rather than templates.

A large site has thousands of milestones and checklist items; as Jinja macros they were
most of the time pages took to render (a macro call and two ``Markup`` objects per printed
value). These functions write the same Markdown, byte for byte (the golden-file tests
compare), and every user value goes through the same escaping function of ``escape.py``
as it did in the template. Each returns one ``Markup`` for the templates to print.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Collection, Iterable, Mapping
from typing import Any

from jinja2.filters import do_indent
from markupsafe import Markup

from roadmap_site.content.dates import Moment, day_label
from roadmap_site.render.escape import already_escaped, attribute, html_text, prose, text, url

STATUS_LABELS = {
    "planned": ("○", "Planned"),
    "active": ("▶", "Active"),
    "done": ("✓", "Done"),
    "slipped": ("⚠", "Slipped"),
    "dropped": ("✗", "Dropped"),
}
"""Each status as a symbol and a word, so it never depends on colour alone."""

ITEM_STATE_LABELS = {"active": "in progress", "dropped": "dropped"}
"""Words shown after a checklist item that is neither open nor done."""

_OVERDUE_BADGE = ' <span class="rs-status rs-status--overdue">⏰ Overdue</span>'


def date_label(value: dt.date | Moment | None) -> Markup:
    """A date or a period as a reader sees it: ``15 Jun 2027``, ``Q3 2027``."""
    if value is None:
        return already_escaped("")
    # Either label is digits, English month names, "Q" and spaces (parse_moment accepts
    # nothing else): there is nothing to escape
    return already_escaped(value.label if isinstance(value, Moment) else day_label(value))


def iso(value: dt.date | Moment | None) -> Markup:
    """A date for a ``datetime`` attribute, at the precision of a ``Moment``: HTML's
    ``datetime`` holds a year, a month or a day (a quarter is given as its year)."""
    if isinstance(value, Moment):
        if value.precision == "day":
            return already_escaped(value.first.isoformat())
        if value.precision == "month":
            return already_escaped(value.first.isoformat()[:7])
        return already_escaped(f"{value.first.year:04d}")
    return already_escaped(value.isoformat() if value else "")


def _badge(status: str) -> str:
    symbol, word = STATUS_LABELS[status]
    return f'<span class="rs-status rs-status--{attribute(status)}">{html_text(symbol)} {html_text(word)}</span>'


_BADGES = {status: _badge(status) for status in STATUS_LABELS}  # the same few, on every milestone
_STATUS_WORDS = {status: html_text(status) for status in STATUS_LABELS}
_ITEM_STATES = {
    status: f' <span class="rs-item-state rs-item-state--{attribute(status)}">({html_text(label)})</span>'
    for status, label in ITEM_STATE_LABELS.items()
}


# A page links to the same few pages and skill areas from many places (every milestone of
# a roadmap to its skills file's areas, every skill area to the roadmaps that build it),
# so each link is escaped once.
@functools.lru_cache(maxsize=1024)
def _page(folder: str, page_id: str) -> str:
    return f"../{folder}/{url(page_id)}.md"


@functools.lru_cache(maxsize=4096)
def _area_link(page: str, area: str, title: str) -> str:
    return f"[{text(title)}]({page}#{attribute(area)})"


@functools.lru_cache(maxsize=4096)
def _milestone_link(roadmap_id: str, milestone_id: str, title: str, status: str) -> str:
    return f"[{text(title)}]({_page('roadmaps', roadmap_id)}#{attribute(milestone_id)}) ({_STATUS_WORDS[status]})"


def forget_links() -> None:
    """Empty the caches of escaped links (a new build starts with none)."""
    _page.cache_clear()
    _area_link.cache_clear()
    _milestone_link.cache_clear()


def status_badge(status: str, overdue: bool = False) -> Markup:
    """A milestone's or project's status as a symbol and a word, and a second badge
    when it is overdue."""
    badge = _BADGES[status]
    return already_escaped(badge + _OVERDUE_BADGE if overdue else badge)


def link(title: object, target: object) -> Markup:
    """A Markdown link with plain-text words."""
    return already_escaped(f"[{text(title)}]({url(target)})")


def _checklist_line(item: Any) -> str:
    words = link(item.text, item.url) if item.url else text(item.text)
    status = item.status
    box = "x" if status == "done" else " "
    line = f'- [{box}] <span class="rs-item" data-rs-item="{attribute(item.id)}">{words}</span>'
    state = _ITEM_STATES.get(status)
    if state is not None:
        line += state
    if item.note:
        line += f" — {prose(item.note)}"
    return line + "\n"


def checklist(items: Iterable[Any]) -> Markup:
    """A task list, one line per item; each item's text is in an ``rs-item`` span that
    names it for reader tracking and for its checkbox's label."""
    return already_escaped("".join(map(_checklist_line, items)))


def milestone(
    item: Any, level: int, overdue_ids: Collection[str], skills: str | None, titles: Mapping[str, str] | None = None
) -> Markup:
    """A milestone's section: heading, status and dates, summary, dependencies, the skill
    areas it builds (on the page of the skills file ``skills``), checklist, evidence and
    slips with their reasons. Dependencies and areas are linked by their titles, from
    ``titles`` (milestone or area id -> title; ids are shown where it has none)."""
    out = [f"{'#' * level} {text(item.title)} {{ #{attribute(item.id)} }}\n\n"]
    out.append(status_badge(item.status, item.id in overdue_ids))
    if item.effective_due:
        out.append(f' · due <time datetime="{iso(item.effective_due.last)}">{date_label(item.effective_due)}</time>')
    if item.done_on:
        out.append(f' · done <time datetime="{iso(item.done_on.first)}">{date_label(item.done_on)}</time>')
    out.append("\n\n")
    if item.summary:
        out.append(f"{prose(item.summary)}\n\n")
    names = titles or {}
    if item.depends_on:
        targets = ", ".join(f"[{text(names.get(target, target))}](#{attribute(target)})" for target in item.depends_on)
        out.append(f"After: {targets}\n\n")
    if item.builds:
        page = _page("skills", skills)
        areas = ", ".join([_area_link(page, area, names.get(area, area)) for area in item.builds])
        out.append(f"Builds: {areas}\n\n")
    if item.checklist:
        out.append(checklist(item.checklist))
        out.append("\n")
    if item.evidence:
        out.append("**Evidence:** " + " · ".join(link(e.title, e.url) for e in item.evidence) + "\n\n")
    for slip in item.slipped:
        recorded = f" *(recorded {date_label(slip.recorded)})*" if slip.recorded else ""
        reason = do_indent(prose(slip.reason), 4)
        out.append(f'!!! warning "Slipped to {date_label(slip.new_due)}"\n    {reason}{recorded}\n\n')
    return already_escaped("".join(out))


def milestones(
    items: Iterable[Any],
    level: int,
    overdue_ids: Collection[str],
    skills: str | None,
    titles: Mapping[str, str] | None = None,
) -> Markup:
    """The sections of a phase's milestones (see :func:`milestone`), a line break
    between two: one call from the template for them all."""
    return already_escaped("\n".join([milestone(item, level, overdue_ids, skills, titles) for item in items]))


def skill_area(area: Any, building: Iterable[tuple[str, Any]]) -> Markup:
    """A skill area's card: layer and level, summary, topics, outcomes as a task list,
    and the milestones that build it (``building``: roadmap id and milestone pairs)."""
    layer = f'<span class="rs-layer rs-layer--{attribute(area.layer)}">{html_text(area.layer)}</span>'
    if area.level is not None:
        layer += f" · level {area.level}" + (f" of {area.target}" if area.target else "")
    out = [f"-   ### {text(area.title)} {{ #{attribute(area.id)} }}\n\n    {layer}\n\n\n"]
    if area.summary:
        out.append(f"    {do_indent(prose(area.summary), 4)}\n\n")
    if area.topics:
        out.append("    **Topics:** " + ", ".join(map(text, area.topics)) + "\n\n\n")
    if area.outcomes:
        out.append("    **Outcomes:**\n\n")
        for item in area.outcomes:
            box = "x" if item.status == "done" else " "
            out.append(
                f'    - [{box}] <span class="rs-item" data-rs-item="{attribute(item.id)}">{text(item.text)}</span>\n'
            )
        out.append("\n")
    links = [
        _milestone_link(roadmap_id, milestone.id, milestone.title, milestone.status)
        for roadmap_id, milestone in building
    ]
    if links:
        out.append("    **Built by:** " + ", ".join(links) + "\n\n\n")
    return already_escaped("".join(out))


def _number(value: int | None) -> str:
    return "" if value is None else str(int(value))


def gap_table_rows(rows: Iterable[Any]) -> Markup:
    """The rows of a skills page's gap analysis table (``derive.Priority``): rank, area,
    gap, impact and priority."""
    out = []
    for row in rows:
        focus = ' <span class="rs-focus">★ focus</span>' if row.focus else ""
        out.append(
            f"| {_number(row.rank)} | [{text(row.area.title)}](#{attribute(row.area.id)}){focus} "
            f"| {_number(row.gap)} | {_number(row.impact)} | **{_number(row.score)}** |\n"
        )
    return already_escaped("".join(out))


def profile_table_rows(rows: Iterable[tuple[int, str, str, int, int | None]]) -> Markup:
    """The rows of the T-shaped profile's table (``charts.t_profile_rows``): number, area,
    layer, level and target (a dash when there is none)."""
    out = []
    for number, title, layer, level, target in rows:
        shown_target = "—" if target is None else _number(target)
        out.append(f"| {_number(number)} | {text(title)} | {html_text(layer)} | {_number(level)} | {shown_target} |\n")
    return already_escaped("".join(out))


def plural(count: int, singular: str, plural: str | None = None) -> Markup:
    """``singular`` for a count of one, else ``plural`` (by default ``singular`` + "s")."""
    return already_escaped(singular if count == 1 else plural or singular + "s")
