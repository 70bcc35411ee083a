"""The typed content model: what a roadmap, a skill map and an update may contain.

Every class is a pydantic model, so the same definitions validate the YAML, publish the
JSON Schema (``roadmap-site schema``) and generate the format reference (docs/format.md).
Field docstrings are the documentation: keep them short and reader-facing.

Text fields are of two kinds. *Titles* (``title``, ``text`` of a checklist item,
``for``, fact values) are plain text: every character shows as typed. *Prose* fields
(``summary``, ``theme``, ``success``, ``body``, ``note``, ``reason``) allow Markdown
formatting, but never raw HTML, attribute lists or includes.

"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    BeforeValidator,
    Field,
    WithJsonSchema,
)

from roadmap_site.content.dates import Moment
from roadmap_site.content.fields import (
    _TEXT_OR_NUMBER,
    _TITLE_KEYS,
    DateValue,
    Flag,
    Level,
    PeriodValue,
    Prose,
    Score,
    Slug,
    Strict,
    Title,
    Url,
    _empty,
    _list_of_one,
)

Status = Literal["planned", "active", "done", "slipped", "dropped"]
STATUSES: tuple[str, ...] = ("planned", "active", "done", "slipped", "dropped")


# --- checklist items, links, resources --------------------------------------------

_SHORTHAND_STATES = {" ": "todo", "x": "done", "X": "done", "~": "active"}
ItemState = Literal["todo", "active", "done", "dropped"]


def _item_from_shorthand(value: Any) -> Any:
    if isinstance(value, str):
        # "[x] text": the mark, then whitespace, then the text (a checklist has many items:
        # slices are quicker than a pattern)
        stripped = value.strip()
        mark = stripped[1:2] if stripped[:1] == "[" and stripped[2:3] == "]" and stripped[3:4].isspace() else ""
        if mark not in _SHORTHAND_STATES:
            raise ValueError(
                f"{value!r} is not a checklist item: expected '[x] text' (done), "
                "'[ ] text' (to do), '[~] text' (in progress) or a mapping with 'text'"
            )
        return {"text": stripped[3:].strip(), "state": _SHORTHAND_STATES[mark]}
    return value


class ItemMapping(Strict):
    """A checklist item. Shorthand: ``"[x] text"``, ``"[ ] text"`` or ``"[~] text"``."""

    text: Title
    """What to do, as plain text."""
    id: Slug | None = None
    """Stable id for readers' own progress; derived from the text when absent."""
    done: Flag | None = None
    """Whether the owner has done it (same as ``state: done``)."""
    state: ItemState | None = None
    """todo, active (in progress), done or dropped."""
    url: Url | None = None
    """A link for the item (course page, proof)."""
    note: Prose = ""
    """A short remark (Markdown)."""

    @property
    def status(self) -> ItemState:
        """The item's state, with ``done: true`` meaning done."""
        if self.state is not None:
            return self.state
        return "done" if self.done else "todo"


# "[x] text": the text, stripped, is a title of 1 to 300 characters
ITEM_SHORTHAND_PATTERN = r"^\s*\[[ xX~]\]\s+\S(?:[\s\S]{0,298}\S)?\s*$"
_ItemShorthand = Annotated[str, WithJsonSchema({"type": "string", "pattern": ITEM_SHORTHAND_PATTERN})]
Item = Annotated[
    ItemMapping,
    BeforeValidator(_item_from_shorthand, json_schema_input_type=_ItemShorthand | ItemMapping),
]


class Link(Strict):
    """A titled link: evidence of a milestone, a profile link."""

    title: Title
    """Link text."""
    url: Url
    """Where it goes."""


ResourceKind = Literal[
    "article",
    "blog",
    "book",
    "certification",
    "community",
    "course",
    "docs",
    "event",
    "paper",
    "podcast",
    "repository",
    "talk",
    "tool",
    "video",
    "other",
]


class Resource(Strict):
    """Something to learn from, typed so readers see what it is."""

    title: Title
    """Name of the resource."""
    kind: ResourceKind = "other"
    """article, blog, book, certification, community, course, docs, event, paper, podcast,
    repository, talk, tool, video or other; shown as an icon and a word."""
    url: Url | None = None
    """Where to find it."""
    note: Prose = ""
    """Which part, why it is worth it (Markdown)."""
    done: Flag = False
    """Whether the owner has finished it."""


class Entry(Strict):
    """A plain list entry: a bullet or a numbered step. Shorthand: a string (its title)."""

    title: Title
    """The entry's heading or whole text."""
    text: Prose = ""
    """Explanation (Markdown)."""
    url: Url | None = None
    """Optional link."""


def _entry_from_string(value: Any) -> Any:
    return {"title": value} if isinstance(value, str) else value


_EntryShorthand = Annotated[str, WithJsonSchema({"type": "string", "minLength": 1, "maxLength": 300})]
EntryValue = Annotated[Entry, BeforeValidator(_entry_from_string, json_schema_input_type=_EntryShorthand | Entry)]

Difficulty = Literal["beginner", "intermediate", "advanced"]
DIFFICULTIES: tuple[str, ...] = ("beginner", "intermediate", "advanced")


class Project(Strict):
    """A hands-on project, with its own checklist."""

    title: Title
    """Name of the project."""
    id: Slug | None = None
    """Stable anchor; derived from the title when absent."""
    difficulty: Difficulty | None = None
    """beginner, intermediate or advanced: projects are grouped by it."""
    summary: Prose = ""
    """What it is and what it proves (Markdown)."""
    status: Status | None = None
    """planned, active, done, slipped or dropped, when the owner is building it."""
    url: Url | None = None
    """Repository or write-up."""
    builds: list[Slug] = _empty(list)
    """Ids of the skill areas it builds."""
    checklist: list[Item] = _empty(list)
    """Steps or features."""


# --- milestones and phases ---------------------------------------------------------


class Slip(Strict):
    """Why a milestone slipped and when it is now due."""

    reason: Annotated[Prose, WithJsonSchema({"type": _TEXT_OR_NUMBER, "minLength": 1, "maxLength": 20_000})] = Field(
        min_length=1
    )
    """Why it slipped, in the owner's words (Markdown)."""
    new_due: DateValue
    """The new due date."""
    recorded: DateValue | None = None
    """When the slip was recorded (written ``on`` before; YAML 1.1 tools read that key as ``true``)."""


RENAMED_KEYS: dict[str, dict[str, str]] = {"Slip": {"on": "recorded", "true": "recorded"}}
"""Keys of the format that were renamed, by model: old key -> new key. ``true`` is how a
YAML 1.1 tool (PyYAML's load and dump) rewrites ``on``."""


class Milestone(Strict):
    """A committed result with a due date and a status."""

    title: Title
    """The result, as plain text."""
    id: Slug | None = None
    """Stable id used by ``depends_on`` and in links; derived from the title when absent."""
    status: Status = "planned"
    """planned, active, done, slipped (needs ``slipped``) or dropped."""
    due: DateValue | None = None
    """When it is due: YYYY, YYYY-QN, YYYY-MM or YYYY-MM-DD."""
    done_on: DateValue | None = None
    """When it was done; places it in a quarter's update."""
    summary: Prose = ""
    """What it means and how it will be shown (Markdown)."""
    builds: list[Slug] = _empty(list)
    """Ids of skill areas (in the roadmap's skills file) this milestone builds."""
    depends_on: list[Slug] = _empty(list)
    """Ids of milestones of this roadmap that must come first."""
    checklist: list[Item] = _empty(list)
    """Concrete steps, rendered as a task list."""
    evidence: list[Link] = _empty(list)
    """Links that prove it: repositories, posts, certificates."""
    slipped: Annotated[list[Slip], BeforeValidator(_list_of_one, json_schema_input_type=Slip | list[Slip])] = _empty(
        list
    )
    """Slip records, oldest first: a reason and a new due date each."""

    @property
    def effective_due(self) -> Moment | None:
        """The due date after the latest slip."""
        return self.slipped[-1].new_due if self.slipped else self.due


class Phase(Strict):
    """A time box: a phase, quarter, month or week. Phases nest."""

    title: Title
    """Name of the time box."""
    id: Slug | None = None
    """Stable anchor; derived from the title when absent."""
    period: PeriodValue | None = None
    """'2026-05 .. 2027-08', '2027-Q1', or a label like 'Month 3-4'."""
    theme: Prose = ""
    """The one idea of this time box (Markdown)."""
    summary: Prose = ""
    """What happens in it (Markdown)."""
    success: Prose = ""
    """What success looks like at its end (Markdown)."""
    milestones: list[Milestone] = _empty(list)
    """Committed results."""
    checklist: list[Item] = _empty(list)
    """Activities and tasks, rendered as a task list."""
    resources: list[Resource] = _empty(list)
    """What to learn from."""
    projects: list[Project] = _empty(list)
    """Hands-on projects."""
    phases: list[Phase] = _empty(list)
    """Nested time boxes (months in a quarter, weeks in a month)."""


# --- free sections -----------------------------------------------------------------


class Section(Strict):
    """A free section: prose, a list, a checklist, resources, projects, sub-sections.

    One structure serves levels, certifications, career horizons, habits, tips,
    communities and anything else a roadmap needs.
    """

    title: Title
    """Heading."""
    id: Slug | None = None
    """Stable anchor; derived from the title when absent."""
    label: Title | None = None
    """A short caption beside the heading, such as '30 min/day' or '0-1 years'."""
    body: Prose = ""
    """Text (Markdown)."""
    ordered: Flag = False
    """Number the entries (a workflow, a ladder of stages)."""
    items: list[EntryValue] = _empty(list)
    """Plain entries: bullets, or numbered steps when ``ordered``."""
    checklist: list[Item] = _empty(list)
    """Tasks with a done state."""
    resources: list[Resource] = _empty(list)
    """Typed resources."""
    projects: list[Project] = _empty(list)
    """Projects, grouped by difficulty."""
    sections: list[Section] = _empty(list)
    """Sub-sections."""


# --- learning paths ------------------------------------------------------------------


class Stage(Strict):
    """A stage of learning that one or more paths pass through."""

    id: Slug
    """Id used in the paths' routes."""
    title: Title
    """Name shown in the diagram."""
    summary: Prose = ""
    """What the stage covers (Markdown)."""


class LearningPath(Strict):
    """A route through the stages for one background."""

    for_: Title = Field(alias="for")
    """Who takes this route, e.g. 'Platform engineers'; labels the diagram's branch."""
    route: list[Slug] = Field(min_length=1)
    """Ids of stages, in order."""
    id: Slug | None = None
    """Stable anchor; derived from ``for`` when absent."""
    title: Title | None = None
    """Heading of the path's section; defaults to ``for``."""
    duration: Title | None = None
    """How long it takes, e.g. '4-6 months'."""
    summary: Prose = ""
    """Who it suits and how it works (Markdown)."""
    phases: list[Phase] = _empty(list)
    """The path's time boxes (months, weeks) with their checklists."""


# --- roadmap -----------------------------------------------------------------------

Cadence = Literal["monthly", "quarterly", "yearly", "none"]


class Owner(Strict):
    """Who the roadmap belongs to."""

    name: Title
    """Name shown on the page."""
    headline: Title | None = None
    """One line about them."""
    links: dict[Title, Url] = _empty(dict, **_TITLE_KEYS)
    """Label -> link, e.g. ``github: https://github.com/me``."""


class Roadmap(Strict):
    """A roadmap file: ``content/roadmaps/<id>.yml``; the file name is its id."""

    title: Title
    """Title of the roadmap page."""
    owner: Owner | None = None
    """Whose roadmap it is."""
    summary: Prose = ""
    """What the roadmap is for (Markdown)."""
    goal: Title | None = None
    """Where the paths end, e.g. 'AI Platform Engineer'."""
    cadence: Cadence = "quarterly"
    """How often the owner promises an update: drives the stale check."""
    updated: DateValue | None = None
    """Overrides the "last updated" date taken from git."""
    skills: Slug | None = None
    """Id of the skills file (``content/skills/<id>.yml``) milestones build on."""
    facts: dict[Title, Title] = _empty(dict, **_TITLE_KEYS)
    """Short facts compared across roadmaps, e.g. ``Biggest gap: ML theory``."""
    phases: list[Phase] = _empty(list)
    """Time boxes in order."""
    stages: list[Stage] = _empty(list)
    """Stages of the learning paths."""
    paths: list[LearningPath] = _empty(list)
    """Routes through the stages, one per background."""
    resources: list[Resource] = _empty(list)
    """Resources for the whole roadmap."""
    projects: list[Project] = _empty(list)
    """Project ideas for the whole roadmap."""
    sections: list[Section] = _empty(list)
    """Free sections after the phases."""


# --- skills --------------------------------------------------------------------------

Layer = Literal["foundation", "specialization"]


class SkillArea(Strict):
    """An area of skill, with an optional self-assessment."""

    id: Slug
    """Id used by milestones' ``builds``."""
    title: Title
    """Name of the area."""
    layer: Layer = "foundation"
    """foundation (the T's bar) or specialization (its stem)."""
    summary: Prose = ""
    """What the area covers (Markdown)."""
    topics: list[Title] = _empty(list)
    """Topics in the area."""
    outcomes: list[Item] = _empty(list)
    """What proves the skill, as a checklist."""
    level: Level | None = None
    """Current level, 0 (none) to 5."""
    target: Score | None = None
    """Target level, 1 to 5."""
    gap: Score | None = None
    """Gap severity 1 to 5; defaults to target - level."""
    impact: Score | None = None
    """Career impact 1 to 5."""


class SkillMap(Strict):
    """A skills file: ``content/skills/<id>.yml``; the file name is its id."""

    title: Title
    """Title of the skills page."""
    summary: Prose = ""
    """What the map is for (Markdown)."""
    focus: Annotated[int, Field(ge=1, le=50, strict=True)] | None = None
    """How many top priorities are the current focus (default: the plugin's ``focus``)."""
    areas: list[SkillArea] = Field(min_length=1)
    """The skill areas."""


# --- quarterly updates -----------------------------------------------------------------


class UpdateMeta(Strict):
    """Front matter of an update: ``content/updates/<quarter>.md``."""

    date: DateValue
    """The day the update was written (YYYY-MM-DD)."""
    quarter: Annotated[str, Field(pattern=r"^\d{4}-Q[1-4]$")] | None = None
    """The quarter it covers, e.g. 2027-Q1; defaults to the date's quarter."""
    roadmap: Slug | None = None
    """Id of the roadmap it is about; absent for a site-wide update."""
    title: Title | None = None
    """Heading; defaults to 'Update <quarter>'."""
