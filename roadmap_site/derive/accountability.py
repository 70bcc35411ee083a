"""Whether a roadmap keeps its update promise, and what changed in a quarter."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from roadmap_site.content.dates import quarter_of
from roadmap_site.content.documents import Content, milestones
from roadmap_site.content.model import Milestone, Roadmap
from roadmap_site.derive.defaults import DEFAULT_GRACE_DAYS
from roadmap_site.derive.progress import CADENCE_DAYS

# --- staleness of the update promise ------------------------------------------------------


@dataclass(frozen=True)
class Freshness:
    """Whether a roadmap kept its update promise."""

    last_update: dt.date | None
    """Date of the newest update about this roadmap (or site-wide)."""
    reference: dt.date
    """What staleness is measured from: the last update, else the last change."""
    due_since: dt.date | None
    """When the next update became overdue (None: not overdue, or no promise)."""

    @property
    def stale(self) -> bool:
        """Whether the promised update is overdue."""
        return self.due_since is not None


def freshness(
    roadmap_id: str,
    cadence: str,
    content: Content,
    last_changed: dt.date,
    today: dt.date,
    grace_days: int = DEFAULT_GRACE_DAYS,
) -> Freshness:
    """Stale when the last update (or, with none, the last change) is older than the
    cadence plus ``grace_days``."""
    last_update = max((u.meta.date.first for u in content.updates_about(roadmap_id)), default=None)
    reference = last_update or last_changed
    if cadence not in CADENCE_DAYS:
        return Freshness(last_update, reference, None)
    due = reference + dt.timedelta(days=CADENCE_DAYS[cadence] + grace_days)
    return Freshness(last_update, reference, due if due < today else None)


# --- quarters ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuarterChanges:
    """What happened to one roadmap's milestones in one quarter."""

    done: list[Milestone] = field(default_factory=list)
    slipped: list[Milestone] = field(default_factory=list)
    due: list[Milestone] = field(default_factory=list)


def changes_in(roadmap: Roadmap, quarter: str) -> QuarterChanges:
    """Milestones done (by ``done_on``), slipped (by the slip's ``recorded`` date, else the
    original due date) and due within ``quarter``."""
    changes = QuarterChanges()
    for node in milestones(roadmap):
        milestone: Milestone = node.obj
        if milestone.done_on is not None and quarter_of(milestone.done_on.last) == quarter:
            changes.done.append(milestone)
        for slip in milestone.slipped:
            when = slip.recorded or milestone.due
            if when is not None and quarter_of(when.last) == quarter:
                changes.slipped.append(milestone)
                break
        due = milestone.effective_due
        if due is not None and quarter_of(due.last) == quarter and milestone.status != "dropped":
            changes.due.append(milestone)
    return changes
