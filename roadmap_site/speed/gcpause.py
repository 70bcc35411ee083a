"""Python's cyclic garbage collector, paused while the data stage builds its objects.

The data stage allocates hundreds of thousands of small objects that all stay alive
until it ends (nodes, models, escaped strings). Each allocation burst makes the
collector traverse everything alive so far, which costs a fifth or more of the stage
and grows faster than the content (docs/performance.md). Almost nothing the stage
drops is cyclic, so reference counting frees it anyway; the collector runs again as
soon as the stage returns.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """Disable the cyclic collector inside (usable as a decorator); nesting is harmless.

    On the way out, what was made inside is handed to the collector's oldest generation
    directly: left in the youngest, it would all be traversed at the next allocation
    (the collector counts allocations while it is off), and again on its way through the
    middle generation, though the stage keeps it. It is traversed at the next full
    collection, like anything long-lived.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            _age_young_objects()
            gc.enable()


def _age_young_objects() -> None:
    # gc.freeze moves every tracked object to the permanent generation and resets the
    # allocation count; gc.unfreeze moves them all to the oldest generation. Nothing is
    # traversed. Objects someone else froze would be unfrozen too, so then nothing is done.
    if gc.get_freeze_count() == 0:
        gc.freeze()
        gc.unfreeze()


def set_aside() -> None:
    """Move every object alive now out of the collector's sight until :func:`restore`.

    The MkDocs plugin calls this once it has the data stage's outline: what the build
    keeps from then on (MkDocs' own objects; the content, models and pages too where the
    data stage ran in the build process) is then not traversed again by each of the
    collections that MkDocs' own page rendering triggers (about a second at 100 roadmaps
    with the content in the build process). Objects set aside are not lost: ``restore``
    hands them back.
    """
    gc.freeze()


def restore() -> None:
    """Hand the objects set aside back to the collector (after a build, or when it fails)."""
    gc.unfreeze()


def skip_final_collection() -> None:
    """Leave everything alive out of the collector's last pass, as the process ends.

    When the interpreter exits it collects once more, traversing every object still
    alive: after a build, everything MkDocs and the plugin kept (half a second at 100
    roadmaps with the content in the build process, a fifth of that in a plain build).
    Nothing needs collecting then; the process's memory goes back to the system whole.
    """
    gc.freeze()
