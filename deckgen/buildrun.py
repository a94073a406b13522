"""`deckgen build` for one document: skipped when nothing changed (deckgen/buildstamp.py), else
built; either way an Outcome with the lines to print, so a parallel build (deckgen/parallel.py)
can build in another process and the main process prints the outcomes in order."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from deckgen import buildstamp
from deckgen.buildstamp import FileLine, Options, Outcome
from deckgen.errors import DeckgenError, Problem, ProblemKind, of_kind
from deckgen.project import Project

MISMATCH_BANNER = "bygget med --godta-avvik: tabellene over inneholder summer som ikke stemmer"


def skipped(project: Project, name: str, out_dir: Path, options: Options) -> Outcome | None:
    """The last build's outcome when nothing has changed since it, else None."""
    return buildstamp.unchanged(project.root, name, out_dir, options)


def build_one(project: Project, name: str, out_dir: Path, options: Options) -> Outcome:
    """Build one document (no skipping) and stamp it when it succeeded."""
    import time

    from deckgen import pipeline
    from deckgen.output import LockedFiles
    from deckgen.project import forget_resolved

    root = project.root
    started = time.perf_counter()  # (only to start long builds first next time)
    before = buildstamp.inputs(root, out_dir, options, buildstamp.recorded(out_dir, name))
    forget_resolved()
    outcome = Outcome(name)
    try:
        result = pipeline.build(
            project, name, out_dir, options.strict, options.accept_mismatches, options.fmt
        )
    except LockedFiles as error:
        buildstamp.forget(out_dir, name)
        _describe(outcome, error.result, root)
        _failed(outcome, error.problems, root)
        for entry, path in zip(outcome.problems[-len(error.locked) :], error.locked, strict=True):
            entry["file"] = _file(path, root)  # the message names it; so does the JSON
        return outcome
    except DeckgenError as error:
        buildstamp.forget(out_dir, name)
        return _failed(outcome, error.problems, root)
    _describe(outcome, result, root)
    if buildstamp.outside_inputs(root, out_dir):
        buildstamp.forget(out_dir, name)
    else:
        files = {result.out_dir / file: data for file, data in result.rendered.files.items()}
        buildstamp.record(out_dir, outcome, before, files, time.perf_counter() - started)
    return outcome


def _describe(outcome: Outcome, result: object, root: Path) -> None:
    """Fill in what a finished build found and wrote."""
    from deckgen.pipeline import BuildResult

    assert isinstance(result, BuildResult)
    problems = result.rendered.problems
    outcome.problems.extend(problem_entries(problems, root, stopped=False))
    shown = of_kind(problems, ProblemKind.MISMATCH, ProblemKind.WARNING, ProblemKind.UU)
    outcome.found.extend(_lines(shown, root, stopped=False))
    if result.mismatches:
        outcome.found.append(MISMATCH_BANNER)
    outcome.notes.extend(_lines(of_kind(problems, ProblemKind.NOTE), root, stopped=False))
    for path, written in result.written_files():
        size = written.size if written.count is not None else None
        data = written.files[path.name]
        outcome.files.append(FileLine(str(path), size, written.count, len(data)))


def _failed(outcome: Outcome, problems: list[Problem], root: Path) -> Outcome:
    """The outcome of a build that stopped: its errors, exit 1."""
    outcome.code = 1
    outcome.found.extend(_lines(problems, root, stopped=True))
    outcome.problems.extend(problem_entries(problems, root, stopped=True))
    return outcome


def _file(path: Path, root: Path) -> str:
    """A file as `build --json` names it: relative to the project when it is in it."""
    if path.resolve().is_relative_to(root.resolve()):
        return path.resolve().relative_to(root.resolve()).as_posix()
    return path.as_posix()


def label(problem: Problem, stopped: bool) -> str:
    """The word a problem is printed with, on stderr and as `kind` in `--json` alike: in a build
    that stopped «avvik» for a total that does not add up and «feil» for the rest; in one that
    was written «advarsel» for an accepted total (--godta-avvik), else the problem's kind."""
    if problem.kind is ProblemKind.MISMATCH:
        return ProblemKind.MISMATCH.value if stopped else ProblemKind.WARNING.value
    return ProblemKind.ERROR.value if stopped else problem.kind.value


def _lines(problems: list[Problem], root: Path, stopped: bool) -> list[str]:
    """Each problem as printed: `label: file:line: message`."""
    return [f"{label(problem, stopped)}: {problem.display(root)}" for problem in problems]


def problem_entries(problems: list[Problem], root: Path, stopped: bool) -> list[dict[str, object]]:
    """The problems as `build --json` lists them, each with the word stderr shows it with."""
    from deckgen.clisummary import BuildSummary

    summary = BuildSummary(root)
    summary.found("", problems)
    return [
        {**{k: v for k, v in entry.items() if k != "name"}, "kind": label(problem, stopped)}
        for entry, problem in zip(summary.problems, problems, strict=True)
    ]


def show(
    outcome: Outcome,
    quiet: bool,
    echo: Callable[[str, bool], None],
    shown: Callable[[Path], str],
    files: bool = True,
) -> None:
    """Print an outcome as a build prints it: found problems and notes on stderr, then one
    line per file on stdout («skrev x (27 lysbilder)», or «uendret x …» when skipped); not
    the file lines when files is False (--json has stdout)."""
    for line in outcome.found:
        echo(line, True)
    if quiet:
        return
    for line in outcome.notes:
        echo(line, True)
    if not files:
        return
    verb = "uendret" if outcome.unchanged else "skrev"
    for file in outcome.files:
        what = f" ({file.size})" if file.size is not None else ""
        echo(f"{verb} {shown(Path(file.path))}{what}", False)
