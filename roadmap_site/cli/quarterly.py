"""``roadmap-site update``: the draft of a quarterly update, pre-filled from the data.

The draft lists the milestones done, slipped and due in the quarter (``derive.changes_in``)
as prompts for the owner's own words; the published page adds the done and slipped lists
again from the data, so nothing has to be retyped.
"""

from __future__ import annotations

import datetime as dt
import re

from roadmap_site.content.documents import Content, Document
from roadmap_site.content.model import Milestone, Roadmap
from roadmap_site.derive.accountability import changes_in
from roadmap_site.render.fragments import STATUS_LABELS

QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]#])")


def update_file_name(quarter: str, roadmap_id: str | None = None) -> str:
    """``2027-Q1.md``, or ``2027-Q1-<roadmap>.md`` for an update about one roadmap."""
    return f"{quarter}-{roadmap_id}.md" if roadmap_id else f"{quarter}.md"


def markdown_text(value: str) -> str:
    """Plain text that Markdown shows as written: its markup characters are escaped."""
    folded = " ".join(value.split())
    return _MARKDOWN_SPECIAL.sub(r"\\\1", folded).replace("<", "&lt;")


def _link(doc: Document[Roadmap], milestone: Milestone) -> str:
    return f"[{markdown_text(milestone.title)}](../roadmaps/{doc.id}.md#{milestone.id})"


def _roadmap_lists(doc: Document[Roadmap], quarter: str, level: int) -> list[str]:
    changes = changes_in(doc.model, quarter)
    hashes = "#" * level
    lines: list[str] = []
    if changes.done:
        lines += [f"{hashes} Done", ""]
        for milestone in changes.done:
            done_on = milestone.done_on.label if milestone.done_on else ""
            lines.append(f"- {_link(doc, milestone)}, done {done_on}.")
        lines.append("")
    if changes.slipped:
        lines += [f"{hashes} Slipped", ""]
        for milestone in changes.slipped:
            new_due = milestone.slipped[-1].new_due.label
            lines.append(f"- {_link(doc, milestone)}, now due {new_due}. Why it slipped, in a sentence or two.")
        lines.append("")
    listed = {id(milestone) for milestone in [*changes.done, *changes.slipped]}
    due = [milestone for milestone in changes.due if id(milestone) not in listed]
    if due:
        lines += [f"{hashes} Due this quarter", ""]
        for milestone in due:
            when = milestone.effective_due.label if milestone.effective_due else ""
            status = STATUS_LABELS[milestone.status][1].lower()
            lines.append(f"- {_link(doc, milestone)}, due {when} ({status}).")
        lines.append("")
    if not lines:
        lines += [f"No milestone of this roadmap was due, done or slipped in {quarter}.", ""]
    return lines


def draft_update(content: Content, quarter: str, today: dt.date, roadmap_id: str | None = None) -> str:
    """The text of a new update file for ``quarter``, about one roadmap or all of them."""
    if not QUARTER.match(quarter):
        raise ValueError(f"a quarter is written YYYY-QN, e.g. 2027-Q1; got {quarter!r}")
    docs = [content.roadmaps[roadmap_id]] if roadmap_id else list(content.roadmaps.values())
    lines = ["---", f"date: {today.isoformat()}", f"quarter: {quarter}"]
    if roadmap_id:
        lines.append(f"roadmap: {roadmap_id}")
    lines += [
        f"# The page adds the milestones done and slipped in {quarter} from the roadmap data.",
        "# The lists below are prompts: say what happened and why, and delete what you do not need.",
        "---",
        "",
        "What happened this quarter, in a few paragraphs: what went well, what got in the way.",
        "",
    ]
    for doc in docs:
        if len(docs) > 1:
            lines += [f"## {markdown_text(doc.model.title)}", ""]
        lines += _roadmap_lists(doc, quarter, 3 if len(docs) > 1 else 2)
    lines += ["## Next quarter", "", "What comes next, and what would change the plan.", ""]
    return "\n".join(lines)
