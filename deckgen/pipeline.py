"""render(name) = read a deck or report → check tables → render every file in memory.

`build` writes what `render` made (atomically); `check` runs the very same `render` and writes
nothing, so both stop on the same errors and print the same warnings. The formats come from
the registry in `deckgen.formats`; nothing here knows one format or document kind from another.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from deckgen import formats
from deckgen.errors import DeckgenError, Problem, ProblemKind, of_kind
from deckgen.formats import WriteOptions, Written
from deckgen.project import Project

if TYPE_CHECKING:
    from deckgen.documents import DocumentKind, LoadedDocument


@dataclass
class Rendered:
    """Every file of one build, in memory, and every problem found making them."""

    written: list[Written]
    """What each writer made, in the order the formats are registered."""
    problems: list[Problem] = field(default_factory=list)
    """Everything found, each with its kind: mismatches, warnings, notes, findings."""
    root: Path | None = None
    """The project folder problems are shown relative to."""
    document: LoadedDocument | None = None
    """The document the files were rendered from (the model `check --uu` reads)."""

    @property
    def files(self) -> dict[str, bytes]:
        """File name (`hoau.pptx`) → its bytes."""
        return {name: data for written in self.written for name, data in written.files.items()}

    @property
    def size(self) -> str:
        """What was rendered, for the user: the size the first writer gave («12 lysbilder»)."""
        return self.written[0].size if self.written else ""

    @property
    def slide_count(self) -> int:
        """The real number of slides or pages of the first file whose writer knows it, else 0."""
        return next((w.count for w in self.written if w.count is not None), 0)

    @property
    def warnings(self) -> list[Problem]:
        """Things that render but do not look right (and uu findings); --strict stops on them."""
        return of_kind(self.problems, ProblemKind.WARNING, ProblemKind.UU)

    @property
    def mismatches(self) -> list[Problem]:
        """Totals in the sources that do not add up; they stop a build unless accepted."""
        return of_kind(self.problems, ProblemKind.MISMATCH)

    @property
    def notes(self) -> list[str]:
        """The notes as they are printed: `merk: file:line: message`."""
        return [
            f"{note.kind.value}: {note.display(self.root)}"
            for note in of_kind(self.problems, ProblemKind.NOTE)
        ]


@dataclass
class BuildResult:
    """What a build wrote and what it found."""

    rendered: Rendered
    out_dir: Path
    locked: frozenset[Path] = frozenset()
    """Files another program held open, left as they were (the others are written)."""

    def written_files(self) -> list[tuple[Path, Written]]:
        """Each file written, with what its writer said about it, in order."""
        return [
            (self.out_dir / name, written)
            for written in self.rendered.written
            for name in written.files
            if self.out_dir / name not in self.locked
        ]

    @property
    def outputs(self) -> list[Path]:
        """The files written, in order."""
        return [path for path, _ in self.written_files()]

    @property
    def slide_count(self) -> int:
        """The real number of slides or pages of the first file whose writer knows it, else 0."""
        return self.rendered.slide_count

    @property
    def warnings(self) -> list[Problem]:
        """The accepted mismatches (with --godta-avvik) and the other warnings, in that order."""
        return [*self.rendered.mismatches, *self.rendered.warnings]

    @property
    def mismatches(self) -> list[Problem]:
        """The totals that do not add up, built anyway with --godta-avvik."""
        return self.rendered.mismatches

    @property
    def notes(self) -> list[str]:
        """The notes as they are printed: `merk: file:line: message`."""
        return self.rendered.notes


def check_format(fmt: str | None) -> None:
    """Refuse a --format no registered writer makes."""
    if fmt is not None:
        formats.writer_for(fmt)


def render(
    project: Project,
    name: str,
    fmt: str | None = None,
    page_numbers: bool = True,
    stop_when: tuple[bool, bool] | None = None,
) -> Rendered:
    """Render a deck or a report to bytes in every format it has something for, writing nothing.

    fmt limits it to one format; page_numbers lets a writer measure page numbers (slow; a check
    does without). stop_when is the build's (strict, accept_mismatches): when what the readers
    found will stop the build anyway, nothing slow is measured.
    """
    from deckgen.documents import load_document

    check_format(fmt)
    if fmt is not None:  # refused before anything is read
        formats.check_kind(fmt, _kind(project, name), name)
    document = load_document(project, name)
    problems = [
        *_tagged(document.mismatches, ProblemKind.MISMATCH),
        *_tagged(document.warnings, ProblemKind.WARNING),
    ]
    if stop_when is not None and _stopping(Rendered([], problems, project.root), *stop_when):
        page_numbers = False
    options = WriteOptions(project.root, page_numbers)
    writers = formats.writers_for(document, fmt, options)
    if not writers:
        raise DeckgenError.at(
            None, f"ingen av formatene ({', '.join(formats.registered())}) lager noe av «{name}»"
        )
    written = [writer.write(document, options) for writer in writers]
    names = [file for made in written for file in made.files]
    if len(set(names)) != len(names):
        raise ValueError(f"two writers made a file of the same name: {names}")
    for made in written:
        problems.extend(made.problems)
    return Rendered(written, problems, project.root, document)


def _kind(project: Project, name: str) -> DocumentKind:
    """Whether name is a deck or a report, without reading it."""
    return "report" if project.is_report(name) else "deck"


def _tagged(problems: Iterable[Problem], kind: ProblemKind) -> list[Problem]:
    """Problems from a reader's list of that kind, tagged with it (a kind of their own is kept)."""
    return [p if p.kind is not ProblemKind.ERROR else p.as_kind(kind) for p in problems]


def stop_if_needed(rendered: Rendered, strict: bool, accept_mismatches: bool) -> None:
    """Raise where a build must stop: totals that do not add up (unless accepted with
    --godta-avvik), and with --strict every warning, the accepted totals included."""
    problems = _stopping(rendered, strict, accept_mismatches)
    if problems:
        raise DeckgenError(problems)


def _stopping(rendered: Rendered, strict: bool, accept_mismatches: bool) -> list[Problem]:
    """What stops a build, in the order it is shown; empty when nothing does."""
    if rendered.mismatches and not accept_mismatches:
        return [
            *rendered.warnings,  # a stop must not hide what else was found
            *rendered.mismatches,
            Problem(
                None,
                "summene over stemmer ikke med kilden; rett kilden, eller bygg likevel "
                "med --godta-avvik",
            ),
        ]
    if strict and (rendered.mismatches or rendered.warnings):
        return [*rendered.mismatches, *rendered.warnings]
    return []


def build(
    project: Project,
    name: str,
    out_dir: Path,
    strict: bool = False,
    accept_mismatches: bool = False,
    fmt: str | None = None,
) -> BuildResult:
    """Build a deck or a report into out_dir: one file per format it has something for (or
    the one format asked for).

    Everything is rendered before anything is written, so a failure leaves earlier files as
    they were.
    """
    from deckgen.output import LockedFiles, locked_message, write_all_atomic

    rendered = render(project, name, fmt, stop_when=(strict, accept_mismatches))
    stop_if_needed(rendered, strict, accept_mismatches)
    try:
        write_all_atomic({out_dir / name: data for name, data in rendered.files.items()})
    except LockedFiles as locked:
        locked.problems = [
            Problem(None, locked_message(path, _shown(path, project.root)))
            for path in locked.locked
        ]
        locked.result = BuildResult(rendered, out_dir, frozenset(locked.locked))
        raise
    return BuildResult(rendered, out_dir)


def _shown(path: Path, root: Path) -> str:
    """An output file as messages show it: relative to the project when it is inside it."""
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
