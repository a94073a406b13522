"""How the command line shows a path it wrote: from the folder you stand in."""

from __future__ import annotations

import os
from pathlib import Path


def shown(path: Path, project: Path | None = None) -> str:
    """A path as the user finds it from the current folder: relative (`build/x.pptx`,
    `../build/x.pptx` from content/, `../prosjekt/build/x.pptx` from beside the project,
    normalised) when it is in the current folder, in the project (given, or around the current
    folder); else in full, as an absolute --out was given. In full also where no relative path
    exists (another drive on Windows)."""
    here = Path.cwd()
    target = Path(os.path.abspath(path))
    tops = [here, _project_around(here)]
    if project is not None:
        tops.append(Path(os.path.abspath(project)))
    if any(target.is_relative_to(top) for top in tops):
        try:
            return Path(os.path.relpath(target, here)).as_posix()
        except ValueError:  # another drive
            pass
    return target.as_posix()


def _project_around(here: Path) -> Path:
    """The project the current folder is in (here when it is in none)."""
    from deckgen.project import is_project

    return next((folder for folder in (here, *here.parents) if is_project(folder)), here)
