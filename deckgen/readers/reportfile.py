"""reports/<name>.yaml → Report: validates the report file and reads its chapters."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from deckgen.brand import Brand, load_brand
from deckgen.config.schema import line_of, validate
from deckgen.config.yamlload import load_yaml
from deckgen.errors import DeckgenError, Problem, ProblemCollector, SourceLocation
from deckgen.model import Paragraph, Report, Table
from deckgen.project import Project
from deckgen.readers.markdown import DocumentReader


class ReportConfig(BaseModel):
    """What a report file holds; documented in docs/rapportformat.md."""

    model_config = ConfigDict(extra="forbid")

    tittel: str = Field(min_length=1)
    """Title on the cover and document title."""
    undertittel: str = ""
    """Line under the title on the cover."""
    dato: dt.date
    """Date on the cover and in the document properties."""
    emne: str = ""
    """Document property «subject»."""
    merkevare: str = "drammen"
    """Brand folder under brand/."""
    fakta: list[str] = Field(default_factory=list)
    """YAML files of named key figures under content/, usable in text as {{ fakta.navn }}."""
    kapitler: list[str] = Field(min_length=1)
    """Markdown files under content/, in order."""


def read_chapters(
    project: Project,
    files: list[tuple[str, SourceLocation]],
    render: Any = None,
    load_table: Any = None,
) -> tuple[list[Any], dict[str, list[Paragraph]]]:
    """Read chapter files; footnote labels are made unique per file."""
    from deckgen.readers.deckfile import picture_resolver

    problems = ProblemCollector()
    blocks: list[Any] = []
    footnotes: dict[str, list[Paragraph]] = {}
    for number, (relative, location) in enumerate(files):
        try:
            path = project.inside(project.content_dir, relative, location, "kapittelfilen")
            if not path.is_file():
                raise DeckgenError.at(
                    location, f"kapittelfilen «{relative}» finnes ikke i content/"
                )
            reader = DocumentReader(
                path,
                resolve_picture=picture_resolver(project),
                render=render,
                load_table=load_table,
            )
            file_blocks, file_notes = reader.read_document()
        except DeckgenError as exc:
            problems.extend(exc)
            continue
        # Labels are per file; markdown-it only makes a reference when the file defines it
        # (an undefined one stays text, and the reader reports it).
        prefix = f"{number}:"
        for block in file_blocks:
            run_lists = [p.runs for p in getattr(block, "paragraphs", [])]
            if isinstance(block, Table):
                cells = [*block.header, *(c for row in block.rows for c in row.cells)]
                run_lists.extend(c.runs for c in cells)
            for runs in run_lists:
                for i, run in enumerate(runs):
                    if run.footnote:
                        runs[i] = type(run)("", footnote=prefix + run.footnote)
        blocks.extend(file_blocks)
        footnotes.update({prefix + k: v for k, v in file_notes.items()})
    problems.raise_if_any()
    return blocks, footnotes


@dataclass
class LoadedReport:
    """A report read from its files, with its brand and the totals that did not add up."""

    report: Report
    brand: Brand
    mismatches: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def read_report(project: Project, name: str) -> LoadedReport:
    """Read a report and its chapters; raise one DeckgenError listing every problem."""
    from deckgen.readers.deckfile import content_templates

    path = project.report_file(name)
    data, node = load_yaml(path)
    config = validate(ReportConfig, data, node, path)
    brand = load_brand(
        project.brand_dir, config.merkevare, SourceLocation(path, line_of(node, ("merkevare",)))
    )
    templates, tables = content_templates(project, brand, config.fakta, node, path)
    files = [
        (relative, SourceLocation(path, line_of(node, ("kapitler", i))))
        for i, relative in enumerate(config.kapitler)
    ]
    blocks, footnotes = read_chapters(project, files, templates.render, tables.table)
    report = Report(
        name=name,
        title=config.tittel,
        subtitle=config.undertittel,
        subject=config.emne,
        date=config.dato,
        brand=config.merkevare,
        blocks=blocks,
        footnotes=footnotes,
        location=SourceLocation(path, 1),
    )
    return LoadedReport(report, brand, tables.mismatches, tables.warnings)
