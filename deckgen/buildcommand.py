"""What `deckgen build` does after it knows the project and the names: build or skip each,
print each outcome in the order of the names (with a progress bar on a terminal), and return
the worst exit code."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from deckgen.buildstamp import Options, Outcome
from deckgen.clisummary import BuildSummary
from deckgen.output import note_stop_report, stopped_line
from deckgen.project import Project


@dataclass(frozen=True)
class Request:
    """The options of one `deckgen build`."""

    options: Options
    force: bool = False
    jobs: int | None = None
    quiet: bool = False
    as_json: bool = False


def run(
    project: Project,
    names: list[str],
    out_dir: Path,
    request: Request,
    shown: Callable[[Path], str],
) -> tuple[int, BuildSummary]:
    """Build every name; return the worst exit code and the summary `--json` prints."""
    import typer

    from deckgen import buildrun, parallel
    from deckgen.output import Interrupted

    summary = BuildSummary(project.root)
    codes = [0]
    quiet = request.quiet or request.as_json  # no progress bar and no «skrev» lines
    emitted: list[Outcome] = []

    def echo(line: str, err: bool) -> None:
        typer.echo(line, err=err)

    def emit(outcome: Outcome) -> None:
        codes.append(outcome.code)
        emitted.append(outcome)
        summary.add(outcome, shown)
        buildrun.show(outcome, request.quiet, echo, shown, files=not request.as_json)

    settings = (request.options, request.force, request.jobs)
    try:
        with _progress(not quiet and sys.stderr.isatty()) as progress:
            if len(names) == 1:  # one document builds in this process, as always
                outcome = (
                    None
                    if request.force
                    else buildrun.skipped(project, names[0], out_dir, request.options)
                )
                emit(outcome or buildrun.build_one(project, names[0], out_dir, request.options))
            else:
                parallel.build_all(project, names, out_dir, settings, emit, progress)
    except Interrupted as stop:
        _stopped(names, out_dir, emit, {outcome.name for outcome in emitted})
        done = {outcome.name for outcome in emitted}
        summary.not_built = [name for name in names if name not in done]
        written = [
            shown(Path(file.path))
            for outcome in emitted
            if not outcome.unchanged
            for file in outcome.files
        ]
        note_stop_report(stopped_line(written, summary.not_built))
        if request.as_json:
            typer.echo(summary.text(128 + stop.signum))
        raise
    return max(codes), summary


def _stopped(
    names: list[str], out_dir: Path, emit: Callable[[Outcome], None], emitted: set[str]
) -> None:
    """After a stop signal: emit the document this process was building when its files were
    already in place (the signal came while it was being stamped)."""
    from deckgen.buildstamp import FileLine
    from deckgen.output import written_files

    for name in names:
        if name in emitted:
            continue
        files = [path for path in written_files() if path.parent == out_dir and path.stem == name]
        if files:
            emit(Outcome(name, files=[FileLine.of_written(path) for path in files]))


@contextmanager
def _progress(wanted: bool) -> Iterator[Callable[[int], Callable[[], None]] | None]:
    """A progress bar on stderr for builds in worker processes (only on a terminal; rich is
    loaded only when the bar is started)."""
    if not wanted:
        yield None
        return
    bars: list[Any] = []

    def start(total: int) -> Callable[[], None]:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        bar = Progress(
            TextColumn("bygger"),
            BarColumn(),
            MofNCompleteColumn(),
            console=Console(stderr=True),
            transient=True,
            redirect_stdout=sys.stdout.isatty(),  # lines for a script's pipe stay on stdout
        )
        bars.append(bar)
        task = bar.add_task("bygger", total=total)
        bar.start()
        return lambda: bar.advance(task)

    try:
        yield start
    finally:
        for bar in bars:
            bar.stop()
