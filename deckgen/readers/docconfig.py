"""What deck and report files share: the common keys, reading the file, its brand and chapters."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from deckgen.brand import Brand, load_brand
from deckgen.config.schema import line_of, validate
from deckgen.config.yamlload import load_yaml
from deckgen.data.names import nearest_file
from deckgen.errors import DeckgenError, ProblemCollector, SourceLocation
from deckgen.model import Chart, Paragraph, PictureData, Table
from deckgen.project import Project
from deckgen.projectconfig import default_brand
from deckgen.readers.chapters import ChapterAssembler


class TitleConfig(BaseModel):
    """The first keys of every deck and report file: the title and the line under it."""

    model_config = ConfigDict(extra="forbid")

    tittel: str = Field(min_length=1)
    """Title on the title slide or cover, and document title."""
    undertittel: str = ""
    """Line under the title."""


class DatedConfig(TitleConfig):
    """The title keys and the date."""

    dato: dt.date
    """Meeting or report date; also in the document properties."""


class DocumentConfig(DatedConfig):
    """The keys every deck and report file has (docs/innholdsformat.md, docs/rapportformat.md)."""

    # A deck's or report's own key that sits among these comes in through a mixin based on
    # TitleConfig or DatedConfig, keeping each kind's key order (the problems of one line are
    # reported in that order): `class DeckConfig(DocumentConfig, CommitteeKey)` puts `utvalg`
    # before `dato`.

    merkevare: str | None = None
    """Brand folder under brand/; without it, deckgen.yaml's or the only brand there is."""
    fakta: list[str] = Field(default_factory=list)
    """YAML files of named key figures under content/, usable in text as {{ fakta.navn }}."""
    tallformat: str | None = Field(default=None, pattern=r"^(drammen|språkrådet)$")
    """The number style of this deck or report, over the brand's."""


ConfigT = TypeVar("ConfigT", bound=DocumentConfig)

Located = tuple[str, SourceLocation]
"""A file named in a deck or report file, with the line naming it."""


@dataclass(frozen=True)
class ContentSources:
    """What Markdown content reaches outside its file: templates, tables and pictures."""

    render: Callable[[Path, str], Any]
    load_table: Callable[[Path, str, SourceLocation], Table | Chart]
    resolve_picture: Callable[[Path, str, SourceLocation], tuple[Path, PictureData]]


@dataclass(frozen=True)
class DocumentFile(Generic[ConfigT]):
    """A validated deck or report file, with its YAML nodes for line numbers and its brand."""

    path: Path
    node: Any
    config: ConfigT
    brand: Brand
    facts: list[tuple[Path, SourceLocation]]
    """The fact files of `fakta:`, each with the line naming it."""

    def where(self, *key_path: str | int) -> SourceLocation:
        """The file and line of the value at key_path."""
        return SourceLocation(self.path, line_of(self.node, key_path))

    def listed(self, key: str, files: list[str]) -> list[Located]:
        """The files of a list key (`innhold`, `kapitler`), each with its line."""
        return [(relative, self.where(key, i)) for i, relative in enumerate(files)]


def read_document_file(
    project: Project, path: Path, schema: type[ConfigT]
) -> DocumentFile[ConfigT]:
    """Read and validate a deck or report file, load its brand and find its fact files."""
    data, node = load_yaml(path)
    config = validate(schema, data, node, path)
    if config.merkevare is None:
        config.merkevare, where = default_brand(project, path)
    else:
        where = SourceLocation(path, line_of(node, ("merkevare",)))
    brand = load_brand(project.brand_dir, config.merkevare, where)
    facts = []
    for i, relative in enumerate(config.fakta):
        where = SourceLocation(path, line_of(node, ("fakta", i)))
        facts.append((project.inside(project.content_dir, relative, where, "faktafilen"), where))
    return DocumentFile(path, node, config, brand, facts)


def read_chapters(
    project: Project, files: list[Located], sources: ContentSources
) -> tuple[list[Any], dict[str, list[Paragraph]]]:
    """Read chapter files; footnote labels are made unique per file."""
    problems = ProblemCollector()
    blocks: list[Any] = []
    footnotes: dict[str, list[Paragraph]] = {}
    for number, (relative, location) in enumerate(files):
        try:
            path = project.inside(project.content_dir, relative, location, "kapittelfilen")
            if not path.is_file():
                hint = nearest_file(path, relative, (".md",))
                raise DeckgenError.at(
                    location, f"kapittelfilen «{relative}» finnes ikke i content/{hint}"
                )
            reader = ChapterAssembler(
                path,
                resolve_picture=sources.resolve_picture,
                render=sources.render,
                load_table=sources.load_table,
            )
            file_blocks, file_notes = reader.read_document()
        except DeckgenError as exc:
            problems.extend(exc)
            continue
        prefix = f"{number}:"
        _prefix_footnotes(file_blocks, prefix)
        blocks.extend(file_blocks)
        footnotes.update({prefix + k: v for k, v in file_notes.items()})
    problems.raise_if_any()
    return blocks, footnotes


def _prefix_footnotes(blocks: list[Any], prefix: str) -> None:
    """Give the footnote references of one file's blocks the file's own prefix."""
    # Labels are per file; markdown-it only makes a reference when the file defines it
    # (an undefined one stays text, and the reader reports it).
    for block in blocks:
        run_lists = [p.runs for p in getattr(block, "paragraphs", [])]
        if isinstance(block, Table):
            cells = [*block.header, *(c for row in block.rows for c in row.cells)]
            run_lists.extend(c.runs for c in cells)
        for runs in run_lists:
            for i, run in enumerate(runs):
                if run.footnote:
                    runs[i] = type(run)("", footnote=prefix + run.footnote)
