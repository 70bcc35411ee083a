"""Suggestions for values a field does not accept."""

import pytest

from roadmap_site.content.suggest import closest, hint

STATUSES = ("planned", "active", "done", "slipped", "dropped")


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("Done", "done"),
        ("DONE", "done"),
        ("in-progress", "active"),
        ("In Progress", "active"),
        ("in_progress", "active"),
        ("finished", "done"),
        ("completed", "done"),
        ("todo", "planned"),
        ("cancelled", "dropped"),
        ("delayed", "slipped"),
        ("actve", "active"),
        ("sliped", "slipped"),
    ],
)
def test_a_status_written_as_other_tools_write_it_gets_a_suggestion(typed, meant):
    assert closest(typed, STATUSES) == meant
    assert hint(typed, STATUSES) == f"; did you mean {meant!r}?"


@pytest.mark.parametrize("typed", ["whatever", "", 3, None])
def test_no_suggestion_without_a_likely_word(typed):
    assert closest(typed, STATUSES) is None
    assert hint(typed, STATUSES) == ""


def test_synonyms_only_suggest_accepted_words():
    assert closest("in progress", ("todo", "active", "done", "dropped")) == "active"
    assert closest("finished", ("monthly", "quarterly", "yearly", "none")) is None
