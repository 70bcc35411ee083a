"""The collector pause of the data stage: what it leaves the collector afterwards."""

from __future__ import annotations

import gc

import pytest

from roadmap_site.speed import gcpause


class Made:
    """An object the collector tracks, easy to find among the generations."""


def _generation_of(obj: object) -> int | None:
    for generation in range(3):
        if any(found is obj for found in gc.get_objects(generation)):
            return generation
    return None


@pytest.fixture(autouse=True)
def _collector_on() -> None:
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_what_the_pause_made_goes_to_the_oldest_generation_untraversed() -> None:
    with gcpause.paused():
        assert not gc.isenabled()
        made = [Made() for _ in range(5000)]  # more allocations than a young collection waits for
        assert gc.get_count()[0] > 5000
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0
    assert gc.get_count()[0] < 5000  # no collection of all that is pending at the next allocation
    assert _generation_of(made[0]) == 2
    assert _generation_of(made[-1]) == 2


def test_objects_frozen_by_someone_else_stay_frozen() -> None:
    kept = Made()
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with gcpause.paused():
            made = Made()
        assert gc.isenabled()
        assert gc.get_freeze_count() == frozen
        assert _generation_of(kept) is None  # still in the permanent generation
        assert _generation_of(made) == 0
    finally:
        gc.unfreeze()


def test_an_inner_pause_leaves_the_collector_off() -> None:
    with gcpause.paused():
        with gcpause.paused():
            made = Made()
        assert not gc.isenabled()
        assert _generation_of(made) == 0
    assert gc.isenabled()
    assert _generation_of(made) == 2


def test_the_collector_stays_off_when_it_was_off() -> None:
    gc.disable()
    try:
        with gcpause.paused():
            made = Made()
        assert not gc.isenabled()
        assert _generation_of(made) == 0
    finally:
        gc.enable()
