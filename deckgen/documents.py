"""Reading one deck or report by name: the composition root of the read side."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from deckgen.errors import Problem

if TYPE_CHECKING:
    from deckgen.brand import Brand
    from deckgen.model import Deck, Report
    from deckgen.project import Project

DocumentKind = Literal["deck", "report"]


@dataclass
class LoadedDocument:
    """A deck or report read from its files, with its brand and what reading it found."""

    name: str
    kind: DocumentKind
    source: Path
    """The deck or report file (decks/<name>.yaml, reports/<name>.yaml)."""
    brand: Brand
    deck: Deck | None = None
    """The slides; None for a report."""
    report: Report | None = None
    """A report, or a deck's Word chapter; None for a deck without one."""
    warnings: list[Problem] = field(default_factory=list)
    mismatches: list[Problem] = field(default_factory=list)
    """Totals in the sources that do not add up."""


def load_document(project: Project, name: str) -> LoadedDocument:
    """Read the deck or report called name, with everything it uses."""
    if project.is_report(name):
        from deckgen.readers.reportfile import read_report

        report = read_report(project, name)
        return LoadedDocument(
            name,
            "report",
            project.report_file(name),
            report.brand,
            report=report.report,
            warnings=list(report.warnings),
            mismatches=list(report.mismatches),
        )
    from deckgen.readers.deckfile import read_deck

    deck = read_deck(project, name)
    return LoadedDocument(
        name,
        "deck",
        project.deck_file(name),
        deck.brand,
        deck=deck.deck,
        report=deck.chapter,
        warnings=list(deck.warnings),
        mismatches=list(deck.mismatches),
    )
