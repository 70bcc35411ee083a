"""The HTML post-processor that names task-list checkboxes and the search dialog."""

from __future__ import annotations

import html
import re

import markdown

from roadmap_site.mkdocs_plugin.html_fixes import add_to_head, name_search_dialog
from roadmap_site.render.task_labels import label_task_checkboxes

CUSTOM = (
    '<label class="task-list-control"><input type="checkbox" disabled{checked}/>'
    '<span class="task-list-indicator"></span></label>'
)


def rs_item(item: str, text: str, checked: bool = False) -> str:
    box = CUSTOM.format(checked=" checked" if checked else "")
    return f'<li class="task-list-item">{box} <span class="rs-item" data-rs-item="{item}">{text}</span></li>'


def tasklist(source: str, custom: bool = True) -> str:
    return markdown.markdown(
        source, extensions=["pymdownx.tasklist"], extension_configs={"pymdownx.tasklist": {"custom_checkbox": custom}}
    )


def fix_page(page: str) -> str:
    """Both fixes, as the plugin applies them to a page whose content is the whole page."""
    return name_search_dialog(label_task_checkboxes(page))


def names(page: str) -> list[str]:
    """The accessible name each checkbox of ``page`` gets (labelledby resolved, entities decoded)."""
    spans = dict(re.findall(r'<span class="rs-item" id="([^"]+)"[^>]*>([^<]*)</span>', page))
    result = []
    for attrs in re.findall(r"<input ([^>]*)>", page):
        labelledby = re.search(r'aria-labelledby="([^"]+)"', attrs)
        label = re.search(r'aria-label="([^"]*)"', attrs)
        result.append(html.unescape(spans[labelledby[1]] if labelledby else label[1] if label else ""))
    return result


def test_generated_items_are_labelled_by_their_text_span():
    page = f'<ul class="task-list">{rs_item("dockerized", "Dockerized", True)}{rs_item("tested", "Tested")}</ul>'
    fixed = label_task_checkboxes(page)
    assert 'aria-labelledby="rs-item-dockerized"' in fixed
    assert '<span class="rs-item" id="rs-item-dockerized" data-rs-item="dockerized">Dockerized</span>' in fixed
    assert names(fixed) == ["Dockerized", "Tested"]
    assert "disabled checked aria-labelledby" in fixed  # the owner's state is kept


def test_ids_stay_unique_on_the_page():
    page = '<h2 id="rs-item-a">A</h2><ul>' + rs_item("a", "First") + rs_item("a", "Again") + "</ul>"
    fixed = label_task_checkboxes(page)
    ids = re.findall(r'\sid="([^"]+)"', fixed)
    assert ids == ["rs-item-a", "rs-item-a-2", "rs-item-a-3"]
    assert names(fixed) == ["First", "Again"]


def test_plain_task_lists_get_an_aria_label_from_the_item_text():
    page = tasklist("- [x] Read *the* book & notes\n    - [ ] nested one\n- [ ] `code` <b>bold</b>\n")
    fixed = label_task_checkboxes(page)
    assert names(fixed) == ["Read the book & notes", "nested one", "code bold"]
    assert 'aria-label="Read the book &amp; notes"' in fixed


def test_checkboxes_without_the_custom_label_are_named_too():
    fixed = label_task_checkboxes(tasklist("- [x] one\n- [ ] two\n", custom=False))
    assert names(fixed) == ["one", "two"]


def test_only_attributes_are_added():
    page = tasklist('Intro\n\n- [x] one\n- [ ] two\n\nOutro <input type="checkbox">\n')
    fixed = fix_page(page)
    assert re.sub(r' aria-label="[^"]*"', "", fixed) == page
    assert fixed.count("<input") == page.count("<input") == 3
    assert 'Outro <input type="checkbox">' in fixed  # not in a task list: not ours to touch


def test_fixing_twice_changes_nothing_more():
    page = '<div class="md-search" data-md-component="search" role="dialog">' + f"<ul>{rs_item('a', 'A')}</ul>"
    page += tasklist("- [ ] plain\n")
    once = fix_page(page)
    assert fix_page(once) == once


def test_named_checkboxes_are_left_alone():
    page = '<li class="task-list-item"><input type="checkbox" aria-label="Mine" disabled/> Text</li>'
    assert label_task_checkboxes(page) == page


def test_items_without_text_are_left_alone():
    page = '<li class="task-list-item"><input type="checkbox" disabled/></li>'
    assert label_task_checkboxes(page) == page


SEARCH = (
    '<div class="md-search" data-md-component="search" role="dialog">\n'
    '  <input type="text" class="md-search__input" name="query" aria-label="{label}" placeholder="{label}">\n'
)


def test_search_dialog_is_named_after_the_translated_search_field():
    fixed = name_search_dialog(SEARCH.format(label="Rechercher"))
    assert '<div class="md-search" data-md-component="search" role="dialog" aria-label="Rechercher">' in fixed


def test_search_dialog_name_falls_back_to_search():
    page = '<div class="md-search" data-md-component="search" role="dialog"></div>'
    assert 'role="dialog" aria-label="Search">' in name_search_dialog(page)


def test_a_named_search_dialog_is_left_alone():
    page = '<div class="md-search" role="dialog" aria-labelledby="x"></div>'
    assert name_search_dialog(page) == page


def test_pages_without_the_markup_are_unchanged():
    page = "<html><body><p>No task lists, no search.</p><div class='md-search'></div></body></html>"
    assert fix_page(page) == page


LINK = '<link rel="alternate" type="application/atom+xml" title="T: updates" href="../feed.xml">\n'


def test_markup_is_added_at_the_end_of_the_head_once():
    page = "<html><head><title>T</title></head><body><p>&lt;/head&gt;</p></body></html>"
    fixed = add_to_head(page, LINK)
    assert fixed == page.replace("</head>", LINK + "</head>")
    assert add_to_head(fixed, LINK) == fixed


def test_a_page_without_a_head_gets_no_markup():
    page = "<p>No head.</p>"
    assert add_to_head(page, LINK) == page
