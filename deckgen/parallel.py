"""`deckgen build` of several documents: the unchanged ones are skipped in this process, the
rest built side by side in worker processes (one per core, or --jobber N); the outcomes are
handed back in the order of the names, whatever order they finish in. A stop signal stops
every worker through its cleanup (LibreOffice ended, temporary files removed) before the
command stops."""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import Any

from deckgen import buildrun
from deckgen.buildstamp import FileLine, Options, Outcome
from deckgen.errors import DeckgenError
from deckgen.output import STOP_SIGNALS
from deckgen.project import Project

_stop_event: Any = None
"""In a worker: set by the main process when a stop signal came (start no new build)."""


def cores() -> int:
    """The cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def build_all(
    project: Project,
    names: list[str],
    out_dir: Path,
    options: tuple[Options, bool, int | None],
    emit: Callable[[Outcome], None],
    progress: Callable[[int], Callable[[], None]] | None = None,
) -> None:
    """Build each name (skipping unchanged ones) and emit each outcome in the order of names.

    options is (the build options, --force, --jobber); progress, given the number of builds,
    returns a function to call as each finishes."""
    build_options, force, jobs = options
    outcomes: list[Outcome | None] = [None] * len(names)
    for index, name in enumerate(names):
        if not force:
            outcomes[index] = buildrun.skipped(project, name, out_dir, build_options)
    todo = [index for index, outcome in enumerate(outcomes) if outcome is None]
    workers = min(jobs or cores(), len(todo))
    pending = _Ordered(outcomes, emit)
    pending.flush()
    if workers <= 1:
        for index in todo:
            pending.done(index, buildrun.build_one(project, names[index], out_dir, build_options))
        return
    _in_workers(project, names, todo, out_dir, (build_options, workers), pending, progress)


class _Ordered:
    """Outcomes that are emitted as soon as every one before them is."""

    def __init__(self, outcomes: list[Outcome | None], emit: Callable[[Outcome], None]) -> None:
        self.outcomes = outcomes
        self.emit = emit
        self.next = 0

    def done(self, index: int, outcome: Outcome) -> None:
        """Record one outcome and emit what can be emitted."""
        self.outcomes[index] = outcome
        self.flush()

    def stopped(self, finished: dict[int, Outcome]) -> None:
        """After a stop signal: emit every finished outcome in order, leaving out the builds
        that did not finish (there is nothing to wait for)."""
        for index, outcome in finished.items():
            self.outcomes[index] = outcome
        for left in self.outcomes[self.next :]:
            if left is not None:
                self.emit(left)
        self.next = len(self.outcomes)

    def flush(self) -> None:
        """Emit the outcomes ready in order."""
        while self.next < len(self.outcomes):
            outcome = self.outcomes[self.next]
            if outcome is None:
                return
            self.emit(outcome)
            self.next += 1


def _in_workers(
    project: Project,
    names: list[str],
    todo: list[int],
    out_dir: Path,
    setup: tuple[Options, int],
    pending: _Ordered,
    progress: Callable[[int], Callable[[], None]] | None,
) -> None:
    """Build the documents at the indexes in todo in worker processes."""
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    from deckgen.output import Interrupted, note_written

    options, workers = setup
    stop = multiprocessing.Event()
    ignored = tuple(int(s) for s in STOP_SIGNALS if signal.getsignal(s) is signal.SIG_IGN)
    executor = ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(stop, ignored))
    futures: dict[Future[Outcome], int] = {}
    try:
        for index in _longest_first(project, names, todo, out_dir):
            job = executor.submit(_work, project.root, names[index], out_dir, options)
            futures[job] = index
        advance = progress(len(todo)) if progress is not None else None
        left = set(futures)
        while left:
            finished, left = wait(left, return_when=FIRST_COMPLETED)
            for job in finished:
                outcome = job.result()
                if outcome.stopped is not None:
                    raise Interrupted(outcome.stopped)
                pending.done(futures[job], outcome)
                if advance is not None:
                    advance()
    except Interrupted as stopped:
        stop.set()
        for child in multiprocessing.active_children():
            _signal(child.pid, stopped.signum)
        executor.shutdown(wait=True, cancel_futures=True)
        ended = _finished(futures)
        for outcome in ended.values():
            note_written(Path(file.path) for file in outcome.files)
        pending.stopped(ended)
        raise
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def _finished(futures: dict[Future[Outcome], int]) -> dict[int, Outcome]:
    """The builds that finished before a stop, by index: those that ended, and those the
    signal stopped after their files were in place (written, but not stamped)."""
    finished: dict[int, Outcome] = {}
    for job, index in futures.items():
        if not job.done() or job.cancelled() or job.exception() is not None:
            continue
        outcome = job.result()
        if outcome.stopped is None:
            finished[index] = outcome
        elif outcome.files:
            finished[index] = Outcome(outcome.name, files=outcome.files)
    return finished


def _longest_first(project: Project, names: list[str], todo: list[int], out_dir: Path) -> list[int]:
    """The builds in the order to start them: the longest last time first (reports first when
    there is no last time: LibreOffice measures their page numbers), so no core is left with a
    long build at the end."""
    from deckgen.buildstamp import last_seconds

    def expected(index: int) -> float:
        seconds = last_seconds(out_dir, names[index])
        if seconds is not None:
            return seconds
        try:
            return 2.0 if project.is_report(names[index]) else 1.0
        except DeckgenError:  # a name that is both: its own build says so
            return 0.0

    return sorted(todo, key=lambda index: -expected(index))


def _signal(pid: int | None, signum: int) -> None:
    """Pass a stop signal on to a worker (it may have ended already)."""
    if pid is None:
        return
    with contextlib.suppress(OSError):
        os.kill(pid, signum)


def _ignore(_signum: int, _frame: object) -> None:
    """A worker between builds does nothing on a stop signal (the main process decides)."""


def _start_worker(stop: Any, ignored: tuple[int, ...] = ()) -> None:
    """In a new worker: stop signals do nothing until a build runs; remember the stop flag.

    A signal the main process ignores (SIGINT to a background job in a script) stays ignored
    here too, also while a build runs: the worker inherits the main process's choice."""
    global _stop_event
    _stop_event = stop
    for signum in STOP_SIGNALS:
        signal.signal(signum, signal.SIG_IGN if int(signum) in ignored else _ignore)


def _work(root: Path, name: str, out_dir: Path, options: Options) -> Outcome:
    """In a worker: build one document; a stop signal ends it through its cleanup and says
    what it had written."""
    from deckgen.output import Interrupted, signals_interrupt, written_files

    if _stop_event is not None and _stop_event.is_set():
        return Outcome(name, stopped=int(signal.SIGINT))
    earlier = len(written_files())  # by this worker's earlier builds
    try:
        with signals_interrupt():
            return buildrun.build_one(Project(root), name, out_dir, options)
    except Interrupted as stopped:
        files = [FileLine.of_written(path) for path in written_files()[earlier:]]
        return Outcome(name, stopped=int(stopped.signum), files=files)
