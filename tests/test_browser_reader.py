"""Reader ticks in a real Chromium are never lost silently: ticks whose item was renamed
are announced (keep or clear), an import reports the ticks it ignored, and the stored
data has a cap.

A copy of the example site is built, ticked, built again with two checklist items
renamed, and reloaded, as a reader would meet an owner's edit.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import test_browser
from test_browser import EXAMPLE_URL, REPO, ROADMAP, Site, _build, axe_violations, goto, open_context

# the browser, the server and axe-core of the browser tests, shared by name
browser = test_browser.browser
serve = test_browser.serve
axe_source = test_browser.axe_source

pytestmark = [pytest.mark.browser, pytest.mark.slow]

STORE_KEY = "roadmap-site:reader:v1:/roadmap-site/"
"""Where reader.js keeps a site's ticks: the site's path is in the key."""
RENAMED = {'"[x] Dockerized"': '"[x] Containerized"', '"[~] Tested"': '"[~] Tested end to end"'}
NOTICE = ".rs-reader__notice"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("reader")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("content", "overrides"):
        shutil.copytree(REPO / folder, root / folder)
    return root


def _stored(page: Any) -> dict[str, Any]:
    return json.loads(page.evaluate("key => localStorage.getItem(key) || '{}'", STORE_KEY))


def _ticked_boxes(page: Any) -> set[str]:
    return set(page.evaluate("[...document.querySelectorAll('.rs-reader-box:checked')].map(b => b.dataset.rsReader)"))


def _ticks_only(storage: dict[str, Any]) -> dict[str, Any]:
    """A context's storage with the reader's ticks only: Material keeps the colour scheme
    it chose in localStorage too, and a new context must choose its own."""
    for origin in storage["origins"]:
        origin["localStorage"] = [entry for entry in origin["localStorage"] if entry["name"] == STORE_KEY]
    return storage


def _box_of(page: Any, text: str) -> Any:
    return page.locator(".task-list-item", has_text=text).locator(".rs-reader-box").first


def test_renamed_items_are_announced_and_kept_or_cleared(
    project: Path, serve: Any, browser: Any, axe_source: str, tmp_path: Path
) -> None:
    www = project / "www"
    _build(project, www, EXAMPLE_URL)
    site: Site = serve(www, EXAMPLE_URL)
    context, log = open_context(browser)
    page = context.new_page()
    goto(page, site.url + ROADMAP)
    page.locator(".rs-reader__toggle").click()
    expect_hidden = page.locator(NOTICE)
    assert not expect_hidden.is_visible()  # nothing to say before the rename
    for text in ("Dockerized", "Tested", "API-served"):
        _box_of(page, text).check()
    ticked = _ticked_boxes(page)
    assert len(ticked) == 3
    storage = _ticks_only(context.storage_state())
    context.close()

    roadmap = project / "content" / "roadmaps" / "ai-engineering.yml"
    source = roadmap.read_text(encoding="utf-8")
    for old, new in RENAMED.items():
        assert old in source
        source = source.replace(old, new)
    roadmap.write_text(source, encoding="utf-8")
    _build(project, www, EXAMPLE_URL)

    # clear: in the dark scheme, checked with axe too
    context, log = open_context(browser, storage_state=storage, color_scheme="dark")
    page = context.new_page()
    goto(page, site.url + ROADMAP)
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    notice = page.locator(NOTICE)
    assert notice.is_visible()
    assert notice.get_attribute("role") == "status" and notice.get_attribute("aria-live") == "polite"
    text = notice.inner_text()
    assert "2 of your ticks no longer match an item" in text
    on_page = set(page.evaluate("[...document.querySelectorAll('[data-rs-item]')].map(s => s.dataset.rsItem)"))
    gone = ticked - on_page
    assert len(gone) == 2 and all(item in text for item in gone)
    assert _ticked_boxes(page) == ticked & on_page  # the unchanged item is still ticked
    assert not axe_violations(page, axe_source)
    page.get_by_role("button", name="Clear these ticks").click()
    assert not notice.is_visible()
    assert "Cleared 2 ticks" in page.locator(".rs-reader__status").inner_text()
    assert set(_stored(page)["ticked"][ROADMAP]) == ticked & on_page
    page.reload()
    page.wait_for_selector(".rs-reader-box")
    assert not page.locator(NOTICE).is_visible()
    assert _ticked_boxes(page) == ticked & on_page
    context.close()

    # keep: the ticks stay stored, and the notice does not come back for them
    context, log = open_context(browser, storage_state=storage)
    page = context.new_page()
    goto(page, site.url + ROADMAP)
    assert "2 of your ticks no longer match an item" in page.locator(NOTICE).inner_text()
    page.get_by_role("button", name="Keep these ticks").click()
    assert not page.locator(NOTICE).is_visible()
    assert "Kept 2 ticks" in page.locator(".rs-reader__status").inner_text()
    assert set(_stored(page)["ticked"][ROADMAP]) == ticked
    page.reload()
    page.wait_for_selector(".rs-reader-box")
    assert not page.locator(NOTICE).is_visible()
    assert set(_stored(page)["ticked"][ROADMAP]) == ticked

    # import: ticks of this page that match no item are ignored and named
    known = sorted(ticked & on_page)[0]
    unknown = ["no-such-item", "another-old-item"]
    fresh = sorted(on_page - ticked)[0]
    file = tmp_path / "import.json"
    file.write_text(
        json.dumps(
            {
                "format": "roadmap-site/reader-progress",
                "version": 1,
                "roadmaps": {ROADMAP: [known, fresh, *unknown], "roadmaps/alex/": ["some-item"]},
            }
        ),
        encoding="utf-8",
    )
    page.locator(".rs-reader__file").set_input_files(str(file))
    page.wait_for_function("document.querySelector('.rs-reader__status').textContent.startsWith('Imported')")
    status = page.locator(".rs-reader__status")
    assert status.get_attribute("role") == "status"
    message = status.inner_text()
    assert "Imported 2 new ticks on 2 pages" in message
    assert "Ignored 2 ticks that match no item on this page" in message
    assert all(item in message for item in unknown)
    stored = _stored(page)["ticked"]
    assert not set(unknown) & set(stored[ROADMAP]) and fresh in stored[ROADMAP]
    assert stored["roadmaps/alex/"] == ["some-item"]
    assert fresh in _ticked_boxes(page)
    context.close()
    assert not log.errors, log.errors


def test_the_stored_ticks_are_capped_with_a_message(project: Path, serve: Any, browser: Any, tmp_path: Path) -> None:
    www = project / "www-cap"
    _build(project, www, EXAMPLE_URL)
    site: Site = serve(www, EXAMPLE_URL)
    context, log = open_context(browser)
    page = context.new_page()
    goto(page, site.url + ROADMAP)
    for count, length, reason in ((5000, 8, "5001 ticks, more than the 5000"), (1300, 200, "256 KB")):
        ids = [f"{n:0{length}d}" for n in range(count)]
        state = {"tracking": {ROADMAP: True}, "ticked": {"roadmaps/elsewhere/": ids}}
        page.evaluate("([key, state]) => localStorage.setItem(key, JSON.stringify(state))", [STORE_KEY, state])
        page.reload()
        page.wait_for_selector(".rs-reader-box")
        box = page.locator(".rs-reader-box").first
        box.click()
        status = page.locator(".rs-reader__status").inner_text()
        assert "This tick was not saved" in status and reason in status, status
        assert not box.is_checked()
        assert _stored(page)["ticked"] == state["ticked"]
        file = tmp_path / "one.json"
        item = box.get_attribute("data-rs-reader")
        document = {"format": "roadmap-site/reader-progress", "version": 1, "roadmaps": {ROADMAP: [item]}}
        file.write_text(json.dumps(document), encoding="utf-8")
        page.locator(".rs-reader__file").set_input_files(str(file))
        page.wait_for_function("document.querySelector('.rs-reader__status').textContent.startsWith('Import failed')")
        assert reason in page.locator(".rs-reader__status").inner_text()
        assert _stored(page)["ticked"] == state["ticked"]
    # below the cap, a tick is stored as usual; unticking is never refused
    page.evaluate("key => localStorage.removeItem(key)", STORE_KEY)
    page.reload()
    page.locator(".rs-reader__toggle").click()
    box = page.locator(".rs-reader-box").first
    box.click()
    assert box.is_checked() and _stored(page)["ticked"][ROADMAP] == [box.get_attribute("data-rs-reader")]
    context.close()
    assert not log.errors, log.errors
