"""Work done by a forked child process while this one goes on, read as it arrives.

A site build spends most of its time in MkDocs turning pages into HTML, on one core.
Rendering the generated pages and the data files can happen meanwhile on another:
:func:`start` forks a child that runs the jobs in order and sends each result down a
pipe, and a reader thread collects them, so the child never waits for the build to ask.

The jobs may be listed as they are needed, by a function that lists them (when what
they are depends on work done first, which then happens in the child as well).

Whatever the child could not deliver (it failed, was killed, or there is no second core
or no ``fork``) is made here when asked for, by the same function: the results are the
same either way, and an error in a job is raised here, as if there were no child.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from typing import Any

SWITCH = "ROADMAP_SITE_BACKGROUND"
"""Environment variable: ``0`` (or ``off``) makes every job run in this process, when asked for."""

Job = tuple[Hashable, Callable[[], Any]]
Jobs = Sequence[Job] | Callable[[], Iterable[Job]]
"""Jobs in the order the child runs them: a list, or a function that lists them."""


def can_fork() -> bool:
    """Whether a forked child may run jobs here: Linux (where forking is the usual way
    to start a worker), more than one usable core, no other thread (a fork copies only
    the calling one, and any lock another holds), and not turned off."""
    if os.environ.get(SWITCH, "").lower() in ("0", "off", "no", "false"):
        return False
    if sys.platform != "linux" or threading.active_count() != 1:
        return False
    return len(os.sched_getaffinity(0)) > 1


class Background:
    """The results of some jobs, computed by a child process when one could be started."""

    def __init__(self, jobs: Jobs) -> None:
        self._list_jobs: Callable[[], Iterable[Job]] = jobs if callable(jobs) else lambda: jobs
        self._listed_here: Iterator[Job] | None = None
        self._jobs_here: dict[Hashable, Callable[[], Any]] = {}
        self._results: dict[Hashable, Any] = {}
        self._arrived = threading.Condition()
        self._finished = True  # nothing more will arrive
        self._pid: int | None = None  # the child's, until it is waited for
        self.forked = False
        """Whether a child process was started for the jobs."""
        self._reader: threading.Thread | None = None

    def value(self, key: Hashable) -> Any:
        """The result of the job ``key``: the child's, waiting for it if it is on its
        way, or made here when the child cannot give it."""
        with self._arrived:
            while key not in self._results and not self._finished:
                self._arrived.wait()
            if key in self._results:
                return self._results.pop(key)
        return self._job_here(key)()

    def ready(self, key: Hashable) -> bool:
        """Whether :meth:`value` of ``key`` would return without waiting for the child
        (its result has arrived, or nothing more will)."""
        with self._arrived:
            return key in self._results or self._finished

    def _job_here(self, key: Hashable) -> Callable[[], Any]:
        """The job ``key``, the jobs being listed here up to it (they are listed here
        only once the child could not give a result)."""
        while key not in self._jobs_here:
            if self._listed_here is None:
                self._listed_here = iter(self._list_jobs())
            listed = next(self._listed_here, None)
            if listed is None:
                raise KeyError(key)
            self._jobs_here[listed[0]] = listed[1]
        return self._jobs_here[key]

    def close(self) -> None:
        """Stop the child if it is still running, and wait for it and the reader."""
        with self._arrived:  # the reader waits for the child under this lock: its pid is not reused
            if self._pid is not None:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(self._pid, signal.SIGKILL)
        if self._reader is not None:
            self._reader.join()
            self._reader = None

    def _fork(self) -> None:
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: never returns to the caller's code
            _run_child(self._list_jobs, read_end, write_end)
        os.close(write_end)
        self._pid, self._finished, self.forked = pid, False, True
        self._reader = threading.Thread(target=self._read, args=(read_end, pid), name="roadmap-site-background")
        self._reader.daemon = True
        self._reader.start()

    def _read(self, read_end: int, pid: int) -> None:
        with os.fdopen(read_end, "rb") as pipe:
            try:
                while True:
                    key, result = pickle.load(pipe)
                    with self._arrived:
                        self._results[key] = result
                        self._arrived.notify_all()
            except Exception:  # the end of the pipe, or a child cut short: the rest is made here
                pass
        with self._arrived:
            os.waitpid(pid, 0)  # the pipe is closed: the child is exiting (its time counts as ours)
            self._pid, self._finished = None, True
            self._arrived.notify_all()


def start(jobs: Jobs) -> Background:
    """Start the jobs, in order, in a forked child process if one may run here (see
    :func:`can_fork`); read each result with :meth:`Background.value`, and call
    :meth:`Background.close` when done."""
    background = Background(jobs)
    if (callable(jobs) or jobs) and can_fork():
        background._fork()
    return background


def _run_child(list_jobs: Callable[[], Iterable[Job]], read_end: int, write_end: int) -> None:
    status = 1
    try:
        gc.disable()  # a short life: everything it makes is dropped at once when it exits
        os.close(read_end)
        with os.fdopen(write_end, "wb") as pipe:
            for key, job in list_jobs():
                pickle.dump((key, job()), pipe, protocol=pickle.HIGHEST_PROTOCOL)
                pipe.flush()
        status = 0
    except BaseException:  # the parent makes what is missing, and reports any error
        pass
    finally:
        os._exit(status)  # no clean-up of the parent's objects, buffers or handlers
