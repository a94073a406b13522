"""decks/<name>.yaml → Deck: the deck file's own keys, its slides and its Word chapter."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from deckgen.data.names import nearest_file
from deckgen.errors import DeckgenError, ProblemCollector, SourceLocation
from deckgen.model import Deck, Report, Slide
from deckgen.numbers import format_number
from deckgen.project import Project
from deckgen.readers.docconfig import (
    ContentSources,
    DocumentConfig,
    DocumentFile,
    Located,
    TitleConfig,
    read_chapters,
)
from deckgen.readers.slides import SlideAssembler

MAX_SLIDES = 2000


class CommitteeKey(TitleConfig):
    """The deck key that comes right after the title keys."""

    utvalg: str = ""
    """The committee the deck is for."""


class DeckConfig(DocumentConfig, CommitteeKey):
    """What a deck file holds; each key is documented in docs/innholdsformat.md."""

    innhold: list[str] = Field(min_length=1)
    """Markdown files under content/, in order."""
    kapittel: list[str] = Field(default_factory=list)
    """Markdown files of the Word chapter (årsevaluering) under content/; empty: no chapter."""


def read_deck(
    project: Project, name: str, file: DocumentFile[DeckConfig], sources: ContentSources
) -> tuple[Deck, Report | None]:
    """Read a deck's slides and Word chapter; raise one DeckgenError listing every problem."""
    config = file.config
    problems = ProblemCollector()
    slides = _read_slides(project, file.listed("innhold", config.innhold), sources, problems)
    if len(slides) > MAX_SLIDES:
        problems.add(
            SourceLocation(file.path, 1),
            f"presentasjonen har {format_number(len(slides))} lysbilder; høyst "
            f"{format_number(MAX_SLIDES)} kan bygges. "
            "Del den i flere presentasjoner",
        )
    chapter = None
    if config.kapittel:
        try:
            chapter = _read_chapter(project, name, file, sources)
        except DeckgenError as exc:
            problems.extend(exc)
    problems.raise_if_any()
    deck = Deck(
        name=name,
        title=config.tittel,
        subtitle=config.undertittel,
        committee=config.utvalg,
        date=config.dato,
        brand=file.brand.folder.name,
        slides=slides,
        location=_title_slide_location(file),
    )
    return deck, chapter


def _title_slide_location(file: DocumentFile[DeckConfig]) -> SourceLocation:
    """Where messages about the title slide point: the line of `undertittel:`, else of
    `utvalg:` – the text under the title, which shares its box with the date and is what gets
    shrunk or does not fit – else of `tittel:`."""
    config = file.config
    for key, text in (("undertittel", config.undertittel), ("utvalg", config.utvalg)):
        if text:
            return file.where(key)
    return file.where("tittel")


def _read_slides(
    project: Project, files: list[Located], sources: ContentSources, problems: ProblemCollector
) -> list[Slide]:
    """The slides of the content files, in order; problems go to the collector."""
    slides: list[Slide] = []
    seen: set[Path] = set()
    for relative, location in files:
        try:
            content = project.inside(project.content_dir, relative, location, "innholdsfilen")
        except DeckgenError as exc:
            problems.extend(exc)
            continue
        if content in seen:
            problems.add(location, f"«{relative}» er tatt med to ganger")
            continue
        seen.add(content)
        if not content.is_file():
            hint = nearest_file(content, relative, (".md",))
            problems.add(location, f"innholdsfilen «{relative}» finnes ikke i content/{hint}")
            continue
        if content.suffix.lower() != ".md":
            problems.add(location, f"innholdsfilen «{relative}» må være en Markdown-fil (.md)")
            continue
        reader = SlideAssembler(
            content,
            resolve_picture=sources.resolve_picture,
            load_table=sources.load_table,
            render=sources.render,
        )
        try:
            slides.extend(reader.read())
        except DeckgenError as exc:
            problems.extend(exc)
    return slides


def _read_chapter(
    project: Project, name: str, file: DocumentFile[DeckConfig], sources: ContentSources
) -> Report:
    """The deck's Word chapter (årsevaluering), from the files of `kapittel:`."""
    config = file.config
    files = file.listed("kapittel", config.kapittel)
    blocks, notes = read_chapters(project, files, sources)
    return Report(
        name=name,
        title=f"{config.tittel} – {config.undertittel}" if config.undertittel else config.tittel,
        subtitle=config.undertittel,
        subject=config.utvalg,
        date=config.dato,
        brand=file.brand.folder.name,
        blocks=blocks,
        footnotes=notes,
        location=SourceLocation(file.path, 1),
        cover=False,
    )
