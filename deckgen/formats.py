"""Output formats: the writer interface and the registry that build, check and --format use.

A writer takes a loaded document (a deck or a report) and returns its files in memory, the
problems it found (each with its kind) and the real number of slides or pages it made. The
built-in formats are pptx (decks), docx (a deck's Word chapter, reports) and pdf (decks and
reports, only when asked for); each imports its writer only when it writes, so
`deckgen --help` stays light.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from deckgen.errors import DeckgenError, Problem, ProblemKind, SourceLocation, either

if TYPE_CHECKING:
    from deckgen.brand import Brand
    from deckgen.documents import DocumentKind, LoadedDocument
    from deckgen.model import Report
    from deckgen.writers.pdf import PdfInfo

KIND_NAMES: dict[str, str] = {"deck": "en presentasjon", "report": "en rapport"}
"""Each document kind as messages name it."""


@dataclass(frozen=True)
class WriteOptions:
    """How a build writes: where the project is, and what it may spend time measuring."""

    root: Path
    """The project folder; messages name files relative to it."""
    page_numbers: bool = True
    """Measure a table of contents' page numbers with LibreOffice (slow; a check does without)."""


@dataclass
class Written:
    """What one writer made of one document."""

    files: dict[str, bytes]
    """File name (`hoau.pptx`) → its bytes."""
    size: str
    """What was made, for the user: «12 lysbilder», «3 kapitler», «Word-kapittelet»."""
    count: int | None = None
    """The real number of slides or pages in the file when the writer knows it; a build shows
    the size of such files after their names."""
    problems: list[Problem] = field(default_factory=list)
    """Warnings, notes and findings, each with its kind."""


class Writer(ABC):
    """One output format: which documents it takes and how it writes them."""

    format: ClassVar[str]
    """The --format value and file extension: «pptx»."""
    title: ClassVar[str]
    """The format as messages name it: «PowerPoint (.pptx)»."""
    kinds: ClassVar[tuple[DocumentKind, ...]]
    """The document kinds it takes."""
    by_default: ClassVar[bool] = True
    """Whether a build without --format makes it (for every document that has something for it)."""

    def missing(self, document: LoadedDocument, options: WriteOptions) -> str | None:
        """Why the document has nothing for this format (an error when asked for), or None."""
        return None

    @abstractmethod
    def write(self, document: LoadedDocument, options: WriteOptions) -> Written:
        """Render the document's files in memory."""


_WRITERS: dict[str, Writer] = {}


def register(writer: Writer) -> None:
    """Make a format available to build, check and --format."""
    if writer.format in _WRITERS:
        raise ValueError(f"format {writer.format!r} is registered already")
    _WRITERS[writer.format] = writer


def unregister(fmt: str) -> None:
    """Remove a registered format."""
    del _WRITERS[fmt]


def registered() -> list[str]:
    """Every registered format, in the order they were registered."""
    return list(_WRITERS)


def formats_for(kind: DocumentKind) -> list[str]:
    """The formats that take a document of this kind, in registration order."""
    return [fmt for fmt, writer in _WRITERS.items() if kind in writer.kinds]


def writer_for(fmt: str) -> Writer:
    """The writer of a format; an unknown format is an error naming the registered ones."""
    if fmt not in _WRITERS:
        raise DeckgenError.at(None, f"ukjent format «{fmt}»; bruk {either(registered())}")
    return _WRITERS[fmt]


def check_kind(fmt: str, kind: DocumentKind, name: str) -> None:
    """Refuse a format that takes no document of this kind, naming the formats that do."""
    if kind not in writer_for(fmt).kinds:
        titles = [_WRITERS[other].title for other in formats_for(kind)]
        made = f"lages bare i {either(titles)}" if titles else "kan ikke lages i noe format"
        raise DeckgenError.at(
            None, f"«{name}» er {KIND_NAMES[kind]} og {made}; bygg uten --format {fmt}"
        )


def writers_for(document: LoadedDocument, fmt: str | None, options: WriteOptions) -> list[Writer]:
    """The writers for a build: the format asked for, or every default one with something."""
    if fmt is not None:
        check_kind(fmt, document.kind, document.name)
        writer = _WRITERS[fmt]
        reason = writer.missing(document, options)
        if reason is not None:
            raise DeckgenError.at(None, reason)
        return [writer]
    return [
        writer
        for writer in _WRITERS.values()
        if writer.by_default
        and document.kind in writer.kinds
        and writer.missing(document, options) is None
    ]


class PptxFormat(Writer):
    """Decks → PowerPoint; the slide count includes the title slide the writer adds."""

    format = "pptx"
    title = "PowerPoint (.pptx)"
    kinds = ("deck",)

    def missing(self, document: LoadedDocument, options: WriteOptions) -> str | None:
        """A deck always has slides."""
        return None if document.deck is not None else f"«{document.name}» har ingen lysbilder"

    def write(self, document: LoadedDocument, options: WriteOptions) -> Written:
        """Write <name>.pptx; text that does not fit warns, text shrunk to fit is a note."""
        from deckgen.readers import deckfile
        from deckgen.writers.pptx import write_pptx

        assert document.deck is not None
        data, warnings, shrunk, slides = write_pptx(
            document.deck, document.brand, deckfile.MAX_SLIDES
        )
        problems = [p.as_kind(ProblemKind.WARNING) for p in warnings]
        problems += [p.as_kind(ProblemKind.NOTE) for p in shrunk]
        return Written({f"{document.name}.pptx": data}, f"{slides} lysbilder", slides, problems)


class DocxFormat(Writer):
    """Reports and a deck's Word chapter → Word; contents page numbers from LibreOffice."""

    format = "docx"
    title = "Word (.docx)"
    kinds = ("deck", "report")

    def missing(self, document: LoadedDocument, options: WriteOptions) -> str | None:
        """A deck without `kapittel:` has no Word chapter."""
        if document.report is not None:
            return None
        where = SourceLocation(document.source).display(options.root)
        return (
            f"presentasjonen «{document.name}» har ikke noe Word-kapittel (kapittel: i {where}); "
            "bygg uten --format docx"
        )

    def write(self, document: LoadedDocument, options: WriteOptions) -> Written:
        """Write <name>.docx; the page count is left to Word."""
        from deckgen.writers.docx import write_docx_noted

        report = document.report
        assert report is not None
        if report.cover and options.page_numbers:  # the cover comes with a table of contents
            data, problems = _with_page_numbers(report, document.brand)
        else:
            data, problems = write_docx_noted(report, document.brand)  # the styles it added
        size = _chapters(report) if document.kind == "report" else "Word-kapittelet"
        return Written({f"{document.name}.docx": data}, size, None, problems)


def _with_page_numbers(report: Report, brand: Brand) -> tuple[bytes, list[Problem]]:
    """The report with LibreOffice's page numbers in its contents, measured on a copy with
    placeholder numbers; or without them, with a note saying why."""
    from deckgen.writers import toc_pages
    from deckgen.writers.docx import heading_texts, write_docx, write_docx_noted

    headings = heading_texts(report)
    if not toc_pages.available():
        cause = toc_pages.MISSING
    else:
        draft, problems = write_docx_noted(report, brand, toc_pages.placeholders(headings))
        pages = toc_pages.heading_pages(draft, headings)
        if isinstance(pages, list):
            return write_docx(report, brand, pages), problems
        cause = pages or "LibreOffice klarte ikke å måle sidene"
    data, problems = write_docx_noted(report, brand)
    note = Problem(
        None,
        f"innholdsfortegnelsen har ingen sidetall ({cause}); "
        "Word fyller dem inn når dokumentet åpnes",
        ProblemKind.NOTE,
    )
    return data, [*problems, note]


def _chapters(report: Report) -> str:
    """«1 kapittel», «3 kapitler»: the report's top-level headings."""
    from deckgen.model import Heading

    chapters = sum(1 for b in report.blocks if isinstance(b, Heading) and b.level == 1)
    return f"{chapters} kapittel" if chapters == 1 else f"{chapters} kapitler"


class PdfFormat(Writer):
    """Decks and reports → a tagged PDF (PDF/UA): the .pptx or .docx converted by LibreOffice
    and finished with pikepdf; only with --format pdf."""

    format = "pdf"
    title = "PDF (.pdf)"
    kinds = ("deck", "report")
    by_default = False

    def write(self, document: LoadedDocument, options: WriteOptions) -> Written:
        """Write <name>.pdf from the slides (a deck) or the report; its problems are theirs."""
        from deckgen.writers.pdf import to_pdf

        deck = document.kind == "deck"
        source: PptxFormat | DocxFormat = PptxFormat() if deck else DocxFormat()
        made = source.write(document, options)
        data = made.files[f"{document.name}.{source.format}"]
        pdf, pages = to_pdf(data, "pptx" if deck else "docx", _pdf_info(document), document.name)
        return Written({f"{document.name}.pdf": pdf}, f"{pages} sider", pages, made.problems)


def _pdf_info(document: LoadedDocument) -> PdfInfo:
    """The PDF's title, author, subject and date, as the .pptx or .docx has them."""
    from deckgen.writers.pdf import PdfInfo

    author = document.brand.kommune
    if document.deck is not None:
        deck = document.deck
        title = f"{deck.title} – {deck.subtitle}" if deck.subtitle else deck.title
        return PdfInfo(title, author, deck.committee or deck.subtitle, deck.date.isoformat())
    report = document.report
    assert report is not None
    return PdfInfo(report.title, author, report.subject, report.date.isoformat())


register(PptxFormat())
register(DocxFormat())
register(PdfFormat())
