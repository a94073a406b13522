"""reports/<name>.yaml → Report: the report file's own keys and reading its chapters."""

from __future__ import annotations

from pydantic import Field

from deckgen.errors import SourceLocation
from deckgen.model import Report
from deckgen.project import Project
from deckgen.readers.docconfig import (
    ContentSources,
    DatedConfig,
    DocumentConfig,
    DocumentFile,
    read_chapters,
)


class SubjectKey(DatedConfig):
    """The report key that comes right after the date."""

    emne: str = ""
    """Document property «subject»."""


class ReportConfig(DocumentConfig, SubjectKey):
    """What a report file holds; documented in docs/rapportformat.md."""

    kapitler: list[str] = Field(min_length=1)
    """Markdown files under content/, in order."""


def read_report(
    project: Project, name: str, file: DocumentFile[ReportConfig], sources: ContentSources
) -> Report:
    """Read a report's chapters; raise one DeckgenError listing every problem."""
    config = file.config
    blocks, footnotes = read_chapters(project, file.listed("kapitler", config.kapitler), sources)
    return Report(
        name=name,
        title=config.tittel,
        subtitle=config.undertittel,
        subject=config.emne,
        date=config.dato,
        brand=file.brand.folder.name,
        blocks=blocks,
        footnotes=footnotes,
        location=SourceLocation(file.path, 1),
    )
