"""What `deckgen list --json` and `deckgen build --json` print: plain data for release scripts."""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from deckgen.errors import Problem
from deckgen.project import Project

if TYPE_CHECKING:
    from collections.abc import Callable

    from deckgen.buildstamp import Outcome

KIND_WORDS = {"deck": "presentasjon", "report": "rapport"}
"""A document kind as the JSON names it."""


def names(project: Project) -> list[str]:
    """Every deck, then every report, each sorted: what `--all` builds and `list` shows."""
    return [*project.deck_names(), *project.report_names()]


def document_info(project: Project, name: str) -> dict[str, Any]:
    """A deck or report as `list --json` shows it: name, kind, title, committee, brand and the
    files a build without --format writes."""
    from deckgen import formats
    from deckgen.documents import load_document

    document = load_document(project, name)
    options = formats.WriteOptions(project.root, page_numbers=False)
    writers = formats.writers_for(document, None, options)
    title = document.deck.title if document.deck is not None else None
    if title is None and document.report is not None:
        title = document.report.title
    committee = document.deck.committee if document.deck is not None else None
    return {
        "name": name,
        "kind": KIND_WORDS[document.kind],
        "title": title,
        "committee": committee or None,
        "brand": document.brand.folder.name,
        "outputs": [f"{name}.{writer.format}" for writer in writers],
    }


def json_text(data: object) -> str:
    """data as indented JSON with the letters as they are (æøå, not \\u00e6)."""
    return json.dumps(data, ensure_ascii=False, indent=2)


@dataclass
class BuildSummary:
    """What a `build --json` of one or more documents wrote and found."""

    root: Path
    outputs: list[dict[str, Any]] = field(default_factory=list)
    problems: list[dict[str, Any]] = field(default_factory=list)
    not_built: list[str] = field(default_factory=list)
    """The documents a stop signal kept from being built (their old files are untouched)."""

    def wrote(self, name: str, path: Path, shown: str, count: int | None) -> None:
        """Record one written file: its document, path as shown, slides or pages and size."""
        unit = "slides" if path.suffix == ".pptx" else "pages"
        self.outputs.append(
            {"name": name, "path": shown, unit: count, "bytes": path.stat().st_size}
        )

    def add(self, outcome: Outcome, shown: Callable[[Path], str]) -> None:
        """Record what one document's build (or unchanged build) wrote and found."""
        for entry in outcome.problems:
            self.problems.append({"name": outcome.name, **entry})
        for file in outcome.files:
            unit = "slides" if file.path.endswith(".pptx") else "pages"
            path = shown(Path(file.path))
            self.outputs.append(
                {
                    "name": outcome.name,
                    "path": path,
                    unit: file.count,
                    "bytes": file.bytes,
                    "unchanged": outcome.unchanged,
                }
            )

    def found(self, name: str, problems: list[Problem]) -> None:
        """Record problems of one document: kind, file (relative to the project), line, text."""
        for problem in problems:
            location = problem.location
            self.problems.append(
                {
                    "name": name,
                    "kind": problem.kind.value,
                    "file": self._file(location.path) if location else None,
                    "line": location.line or None if location else None,
                    "message": problem.message,
                }
            )

    def _file(self, path: Path) -> str:
        """A problem's file relative to the project root when it is in it, else in full."""
        with contextlib.suppress(ValueError):
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        return path.as_posix()

    def text(self, exit_code: int) -> str:
        """The summary as JSON, with the exit code the command ends with."""
        return json_text(
            {
                "exit_code": exit_code,
                "outputs": self.outputs,
                "problems": self.problems,
                "not_built": self.not_built,
            }
        )
