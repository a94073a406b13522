"""Reading one deck or report by name: the composition root of the read side."""

# It reads the deck or report file (readers/) and wires its brand, the data catalog (tables and
# pictures), the templates with its facts and the Markdown reader together.

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from deckgen.errors import Problem, SourceLocation

if TYPE_CHECKING:
    from deckgen.brand import Brand
    from deckgen.data.catalog import Catalog
    from deckgen.model import Deck, Report
    from deckgen.project import Project
    from deckgen.readers.docconfig import ContentSources, DocumentFile
    from deckgen.templating import Templates

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
        return _load_report(project, name)
    return _load_deck(project, name)


def _load_report(project: Project, name: str) -> LoadedDocument:
    """Read a report and its chapters."""
    from deckgen.readers.docconfig import read_document_file
    from deckgen.readers.reportfile import ReportConfig, read_report

    path = project.report_file(name)
    file = read_document_file(project, path, ReportConfig)
    catalog, sources = _sources(project, file)
    report = read_report(project, name, file, sources)
    catalog.warn_repeated_pictures(report)
    return LoadedDocument(
        name,
        "report",
        path,
        file.brand,
        report=report,
        warnings=list(catalog.warnings),
        mismatches=list(catalog.mismatches),
    )


def _load_deck(project: Project, name: str) -> LoadedDocument:
    """Read a deck, its slides and its Word chapter."""
    from deckgen.readers.deckfile import DeckConfig, read_deck
    from deckgen.readers.docconfig import read_document_file

    path = project.deck_file(name)
    file = read_document_file(project, path, DeckConfig)
    catalog, sources = _sources(project, file)
    deck, chapter = read_deck(project, name, file, sources)
    for document in (deck, chapter) if chapter else (deck,):
        catalog.warn_repeated_pictures(document)
    return LoadedDocument(
        name,
        "deck",
        path,
        file.brand,
        deck=deck,
        report=chapter,
        warnings=list(catalog.warnings),
        mismatches=list(catalog.mismatches),
    )


def _sources(project: Project, file: DocumentFile[Any]) -> tuple[Catalog, ContentSources]:
    """The catalog of one build and what its Markdown content reaches through."""
    from deckgen.data.catalog import Catalog
    from deckgen.readers.docconfig import ContentSources

    catalog = Catalog(project, file.brand, file.config.tallformat)
    templates = content_templates(catalog, file.facts)
    return catalog, ContentSources(templates.render, catalog.table, catalog.picture)


def content_templates(catalog: Catalog, facts: list[tuple[Path, SourceLocation]]) -> Templates:
    """The templates of one deck or report: its facts, table values and number style."""
    from deckgen.templating import Templates, load_facts

    return Templates(catalog.style, load_facts(facts), catalog.value)
