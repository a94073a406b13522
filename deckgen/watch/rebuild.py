"""One rebuild in the running process: build as `deckgen build` does, and record the outcome."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from deckgen.errors import DeckgenError, Problem, ProblemKind, of_kind
from deckgen.watch.state import WatchState, problem_entry

if TYPE_CHECKING:
    from deckgen.project import Project
    from deckgen.watch.thumbs import Thumbnailer

Echo = Callable[[str, bool], None]
"""Prints a line to the terminal; the flag says stderr."""


class Rebuilder:
    """Builds one deck or report into the output folder and tells the state and terminal."""

    def __init__(
        self,
        project: Project,
        name: str,
        out_dir: Path,
        state: WatchState,
        echo: Echo,
        thumbnailer: Thumbnailer | None = None,
    ) -> None:
        self.project, self.name, self.out_dir = project, name, out_dir
        self.state, self.echo, self.thumbnailer = state, echo, thumbnailer
        self.strict = False
        self.accept_mismatches = False
        """--strict and --godta-avvik, as for deckgen build."""
        self.brand_folder: Path | None = None
        """The brand folder of the latest good build (watched too when outside the project)."""

    def rebuild(self, changed: Iterable[Path] = (), deleted: Iterable[Path] = ()) -> bool:
        """Build once (after the changed and deleted files, named first); True when the files
        were written."""
        from deckgen import pipeline

        root = self.project.root
        for word, paths in (("endret", changed), ("slettet", deleted)):
            names = sorted({self._shown(path) for path in paths})
            if names:
                self.echo(f"{word}: {', '.join(names)}", False)
        build = self.state.started()
        try:
            result = pipeline.build(
                self.project, self.name, self.out_dir, self.strict, self.accept_mismatches
            )
        except DeckgenError as error:
            self._print(error.problems, stopped=True)
            self.state.failed(build, [problem_entry(p, root) for p in error.problems])
            self.echo(f"bygg {build} stoppet; siden viser forrige vellykkede bygg", True)
            return False
        from deckgen.watch.outline import outline

        rendered = result.rendered
        document = rendered.document
        self.brand_folder = document.brand.folder if document is not None else None
        problems = [
            *of_kind(rendered.problems, ProblemKind.MISMATCH, ProblemKind.WARNING, ProblemKind.UU),
            *of_kind(rendered.problems, ProblemKind.NOTE),
        ]
        self._print(problems)
        written = [self._shown(path) for path in result.outputs]
        slides = outline(document) if document is not None else []
        self.state.succeeded(build, slides, [problem_entry(p, root) for p in problems], written)
        self.echo(f"bygg {build}: skrev {', '.join(written)}", False)
        if self.thumbnailer is not None and rendered.written:
            first_name, first_data = next(iter(rendered.files.items()))
            self.thumbnailer.request(build, first_name, first_data)
        return True

    def _print(self, problems: list[Problem], stopped: bool = False) -> None:
        """Print problems as `deckgen build` does: `kind: file:line: message` (in a build that
        stopped, «avvik» for a total that does not add up and «feil» for the rest)."""
        from deckgen.buildrun import label

        for problem in problems:
            word = label(problem, True) if stopped else problem.kind.value
            self.echo(f"{word}: {problem.display(self.project.root)}", True)

    def _shown(self, path: Path) -> str:
        """A path as the user knows it: relative to the project when inside it."""
        path = Path(path)
        if path.is_relative_to(self.project.root):
            return Path(os.path.relpath(path, self.project.root)).as_posix()
        return path.as_posix()
