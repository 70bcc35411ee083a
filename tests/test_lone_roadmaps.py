"""Nothing is lost on a site of one roadmap: each example roadmap, built alone (with its
skills file), shows every string its file holds on its own page."""

from __future__ import annotations

import html
import re
import shutil
from collections.abc import Iterator

import pytest
import yaml
from conftest import MKDOCS_YML, REPO, mkdocs_build, write_tree

pytestmark = pytest.mark.slow

EXAMPLES = sorted((REPO / "content" / "roadmaps").glob("*.yml"))

# Values that are not text for readers: ids and references (anchors and links), links,
# dates (shown in words), words from a fixed list (shown as badges or icons), numbers.
NOT_TEXT = {
    "id",
    "depends_on",
    "builds",
    "route",
    "skills",
    "url",
    "due",
    "done_on",
    "updated",
    "new_due",
    "on",
    "status",
    "state",
    "kind",
    "difficulty",
    "cadence",
    "layer",
    "done",
    "ordered",
}
_DATES = re.compile(r"^\d{4}(-(\d{2}|Q[1-4]|H[12])(-\d{2})?)?$")


def strings(value: object, key: str | None = None) -> Iterator[str]:
    """Every scalar string of a roadmap file read without types (YAML's BaseLoader),
    and the keys of the mappings whose keys are labels (facts, owner's links), but the
    values of the keys in NOT_TEXT and link targets."""
    if isinstance(value, dict):
        for name, item in value.items():
            if key in ("facts", "links"):
                yield name
                if key == "links":
                    continue  # (a link's target)
            if name not in NOT_TEXT:
                yield from strings(item, name)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item, key)
    elif isinstance(value, str) and value.strip():
        yield value


def shown(value: str, key: str | None = None) -> list[str]:
    """The pieces of ``value`` a reader sees: Markdown markup and checklist marks
    dropped, one piece per line (prose wraps and lists break lines)."""
    value = re.sub(r"^\s*\[[ xX~]\]\s+", "", value)
    value = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", value)
    pieces = []
    for line in value.splitlines():
        if re.match(r"\s*(```|~~~)", line):
            continue  # a fence, and its info string
        line = re.sub(r"^\s*(?:[-*+>]|\d+[.)]|#+)\s+", "", line)
        line = re.sub(r"[`*]", "", line)
        line = " ".join(line.split())
        if line:
            pieces.append(line)
    return pieces


def visible_text(markup: str) -> str:
    """The text of ``markup`` with tags removed, entities decoded, whitespace folded;
    the diagrams' source left out (their labels are no text for the test to find)."""
    markup = re.sub(r"<(script|style)\b.*?</\1>", " ", markup, flags=re.DOTALL)
    markup = re.sub(r'<pre class="mermaid">.*?</pre>', " ", markup, flags=re.DOTALL)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split()).replace("`", "").replace("*", "")


def _on_page(piece: str, page: str) -> bool:
    # compared without whitespace: tags of inline elements leave spaces in the page's text
    # ("<strong>x</strong>:" gives "x :"); a date range of a period shows as dates in words
    return "".join(piece.split()) in "".join(page.split()) or bool(re.fullmatch(r"[\d\-Q .]+", piece))


@pytest.mark.parametrize("path", EXAMPLES, ids=[path.stem for path in EXAMPLES])
def test_a_roadmap_built_alone_shows_every_string_of_its_file(path, tmp_path):
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    files = {"mkdocs.yml": MKDOCS_YML}
    write_tree(tmp_path, files)
    (tmp_path / "content" / "roadmaps").mkdir(parents=True)
    shutil.copy(path, tmp_path / "content" / "roadmaps" / path.name)
    if data.get("skills"):
        (tmp_path / "content" / "skills").mkdir()
        shutil.copy(REPO / "content" / "skills" / f"{data['skills']}.yml", tmp_path / "content" / "skills")
    result = mkdocs_build(tmp_path)
    assert result.returncode == 0, result.stderr
    page = visible_text((tmp_path / "site" / "roadmaps" / path.stem / "index.html").read_text(encoding="utf-8"))
    values = list(strings(data))
    assert len(values) > 10
    missing = [piece for value in values for piece in shown(value) if not _on_page(piece, page)]
    assert not missing, missing


def test_the_comparison_finds_a_missing_string():
    page = visible_text("<p>Goal: <strong>AI &amp; ML</strong></p>")
    assert _on_page("AI & ML", page) and not _on_page("AI & ML engineer", page)
    assert shown("- [a *link*](https://x.org) and `code`\n\n> quoted") == ["a link and code", "quoted"]
    assert list(strings({"id": "x", "facts": {"Gap": "Theory"}, "title": "T"})) == ["Gap", "Theory", "T"]
