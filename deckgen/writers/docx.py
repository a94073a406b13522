"""Report → .docx through the brand's Word template; python-docx is imported only by docx*.py."""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.enum.text import WD_BREAK
from docx.image.exceptions import (
    InvalidImageStreamError,
    UnexpectedEndOfFileError,
    UnrecognizedImageError,
)
from docx.shared import Cm, Emu

from deckgen.brand import Brand
from deckgen.errors import DeckgenError, Problem
from deckgen.inputfiles import office_package
from deckgen.model import (
    Chart,
    Diagram,
    FactBox,
    Heading,
    Paragraph,
    Picture,
    Report,
    Run,
    Schedule,
    SlideKind,
    Subheading,
    Table,
    Text,
)
from deckgen.output import LANGUAGE, normalise_zip, set_core_properties
from deckgen.writers import docx_xml
from deckgen.writers.docx_chart import add_chart
from deckgen.writers.docx_cover import write_cover
from deckgen.writers.docx_inline import InlineWriter
from deckgen.writers.docx_lists import Numbering, box_list_mark
from deckgen.writers.docx_pages import Page, chapter_starts
from deckgen.writers.docx_styles import Styles
from deckgen.writers.docx_table import TableWriter

TOC_INSTRUCTION = ' TOC \\o "1-3" \\h \\z \\u '
"""Word's table-of-contents field: headings 1–3, as links, without page numbers on the web."""
TEXT_WIDTH_CM, TEXT_HEIGHT_CM = 16, 24.7
"""The text area of an A4 page with 2.5 cm margins, for a template that sets no page."""
BODY_PT = 11.0
"""Word's default text size, for a body style that sets none."""
PICTURE_WIDTH_CM = 15
"""Width of a picture in the text."""
LIST_INDENT_CM = 0.63
"""Indent of each level of a nested list."""


class DocxWriter:
    """Renders one report with one brand."""

    def __init__(self, brand: Brand) -> None:
        self.brand = brand
        self.doc = Document(office_package(brand.file(brand.docx_mal)))
        docx_xml.clear_body(self.doc)  # a template's example text and tables are not the report's
        self.styles = Styles(self.doc, brand)
        docx_xml.set_default_language(self.doc.styles.element, LANGUAGE)
        self.numbering = Numbering(self.doc)
        self.headings: list[tuple[int, str, str]] = []
        self.counters: dict[str, int] = {}

    def write(self, report: Report, pages: list[int] | None = None) -> bytes:
        """Render the report; pages are the heading page numbers for the table of contents."""
        self.inline = InlineWriter(self.doc, report, self.styles)
        self.headings = _heading_numbers(report)
        if report.cover:
            write_cover(self.doc, self.styles, self.brand, report)
            self._table_of_contents(pages)
        self.opening = report.blocks[0] if report.blocks else None
        self.new_pages = chapter_starts(
            report.blocks, self.brand.word.kapittel_ny_side, self._page(), self.opening
        )
        for block in report.blocks:
            self._block(block)
        self.inline.write_footnotes()
        settings = self.doc.settings.element
        docx_xml.set_update_fields_on_open(settings)
        docx_xml.set_footnote_separators(settings)
        set_core_properties(
            self.doc.core_properties, report.title, self.brand.kommune, report.subject, report.date
        )
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return normalise_zip(buffer.getvalue())

    # -- front matter ---------------------------------------------------------------------

    def _page(self) -> Page:
        """The text area of the template's first page and its body text size, in points."""
        section = self.doc.sections[0]
        sizes = (section.page_width, section.page_height)
        margins = (section.left_margin, section.right_margin)
        heights = (section.top_margin, section.bottom_margin)
        size = self.styles("brødtekst").font.size
        body = size.pt if size is not None else BODY_PT
        if sizes[0] is None or sizes[1] is None or None in (*margins, *heights):
            return Page(Cm(TEXT_WIDTH_CM).pt, Cm(TEXT_HEIGHT_CM).pt, body)
        width = sizes[0] - sum(m or 0 for m in margins)
        height = sizes[1] - sum(m or 0 for m in heights)
        return Page(Emu(width).pt, Emu(height).pt, body)

    def _table_of_contents(self, pages: list[int] | None) -> None:
        """The table of contents as a Word field, filled with the headings (and their pages)."""
        heading = self.doc.add_paragraph(
            self.brand.word.innhold, style=self.styles("innholdsfortegnelse")
        )
        heading.paragraph_format.page_break_before = True  # after the cover
        entries = self.headings or [(1, "", self.brand.word.ingen_overskrifter)]
        numbered = self._numbered_headings()
        last = None
        for index, (level, number, text) in enumerate(entries):
            paragraph = self.doc.add_paragraph(style=self.styles("toc", level))
            if index == 0:
                docx_xml.append_field_begin(paragraph, TOC_INSTRUCTION)
            label = f"{number}\t{text}" if number and numbered else text
            paragraph.add_run(label)
            if pages is not None and index < len(pages):
                paragraph.add_run("\t" + str(pages[index]))
            last = paragraph
        assert last is not None
        docx_xml.append_field_end(last)
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def _numbered_headings(self) -> bool:
        """Whether the template numbers its headings (the first level's style, or a style it
        is based on): only then does the table of contents show «2.1» before a heading."""
        style = self.styles("overskrift", 1)
        while style is not None:
            if docx_xml.has_own_numbering(style):
                return True
            style = style.base_style
        return False

    # -- blocks -------------------------------------------------------------------------

    def _block(self, block: Any) -> None:
        """One block of the report at the end of the document."""
        if isinstance(block, Heading):
            paragraph = self.doc.add_paragraph(style=self.styles("overskrift", block.level))
            paragraph.add_run(block.text)
            if block.level == 1:  # the brand decides, whatever the template's style says
                paragraph.paragraph_format.page_break_before = id(block) in self.new_pages
        elif isinstance(block, Subheading):
            paragraph = self.doc.add_paragraph(style=self.styles.subheading())
            paragraph.add_run(block.text)
        elif isinstance(block, Text):
            self._text(block.paragraphs)
        elif isinstance(block, FactBox):
            self._fact_box(block)
        elif isinstance(block, Table):
            self._table(block)
        elif isinstance(block, Picture):
            self._picture(block)
        elif isinstance(block, Chart):
            self._chart(block)
        elif isinstance(block, Schedule):
            self._text(
                [Paragraph([Run(e.when + ": ", bold=True), *e.what], 1) for e in block.entries]
            )
        elif isinstance(block, Diagram):
            self._text(diagram_paragraphs(block))
        else:  # a reader made a block Word has no way to show: a bug, never a silent gap
            raise TypeError(f"the Word writer cannot write a {type(block).__name__} block")

    def _text(self, paragraphs: list[Paragraph]) -> None:
        """Body paragraphs and bulleted or numbered lists."""
        lists: dict[int, int] = {}  # the list instance (numId) open at each level
        for source in paragraphs:
            if source.level == 0:
                paragraph = self.doc.add_paragraph(style=self.styles("brødtekst"))
                if _introduces_what_follows(source):
                    paragraph.paragraph_format.keep_with_next = True
            elif source.numbered:
                paragraph = self.doc.add_paragraph(style=self.styles("nummerert"))
                if source.list_start or source.level not in lists:
                    lists[source.level] = self.numbering.restart(
                        paragraph, source.start, source.level
                    )
                    for deeper in [level for level in lists if level > source.level]:
                        del lists[deeper]
                docx_xml.set_list_numbering(paragraph, lists[source.level], 0)
                if source.level > 1:
                    paragraph.paragraph_format.left_indent = Cm(LIST_INDENT_CM * source.level)
            else:
                paragraph = self.doc.add_paragraph(style=self.styles("punkt"))
                if source.level > 1:
                    paragraph.paragraph_format.left_indent = Cm(LIST_INDENT_CM * source.level)
            self.inline.runs(paragraph, source.runs, source.location)

    def _fact_box(self, box: FactBox) -> None:
        """A fact box: its title and its paragraphs in the box styles."""
        title = self.doc.add_paragraph(style=self.styles("faktaboks_tittel"))
        title.add_run(box.title)
        numbers = [0, 0, 0, 0]
        for source in box.paragraphs:
            paragraph = self.doc.add_paragraph(style=self.styles("faktaboks"))
            if source.level:
                box_list_mark(paragraph, source, numbers)
            self.inline.runs(paragraph, source.runs, source.location)

    def _caption(self, kind: str, text: str, above: bool = False) -> None:
        """A numbered caption «Tabell 3: text», the number a Word sequence field; a caption
        above what it names stays on the same page."""
        self.counters[kind] = self.counters.get(kind, 0) + 1
        paragraph = self.doc.add_paragraph(style=self.styles("bildetekst"))
        paragraph.add_run(f"{kind} ")
        docx_xml.append_simple_field(
            paragraph, f" SEQ {kind} \\* ARABIC ", str(self.counters[kind])
        )
        paragraph.add_run(f": {text}")
        if above:
            paragraph.paragraph_format.keep_with_next = True

    def _table(self, table: Table) -> None:
        """A table: its caption, its grid, and its note (or an empty paragraph) after it."""
        title = table.title or table.description or table.caption
        if title:
            self._caption(self.brand.word.tabell, title, above=True)
        TableWriter(self.doc, self.styles, self.inline, self.brand).write(table)
        if table.caption and table.caption != title:
            note = self.doc.add_paragraph(style=self.styles("bildetekst"))
            note.add_run(table.caption)
        else:
            self.doc.add_paragraph(style=self.styles("brødtekst"))

    def _chart(self, chart: Chart) -> None:
        """A native chart the text's width, its unit line or source note in italics under it,
        then its caption «Figur 2: title», kept on one page."""
        paragraph = self.doc.add_paragraph(style=self.styles("brødtekst"))
        paragraph.paragraph_format.keep_with_next = True
        add_chart(self.doc, paragraph, chart, self.brand)
        if chart.caption:
            note = self.doc.add_paragraph(style=self.styles("bildetekst"))
            note.add_run(chart.caption)
            note.paragraph_format.keep_with_next = True
        title = chart.title or chart.description
        if title:
            self._caption(self.brand.word.figur, title)

    def _picture(self, picture: Picture) -> None:
        """A picture the text's width, with its alternative text and its caption."""
        assert picture.image is not None, "pictures are checked by the reader"
        try:
            self.doc.add_picture(io.BytesIO(picture.image.data), width=Cm(PICTURE_WIDTH_CM))
        except (InvalidImageStreamError, UnexpectedEndOfFileError, UnrecognizedImageError):
            raise DeckgenError.at(
                picture.location,
                f"bildet «{picture.path.name}» kan ikke settes inn i Word-dokumentet; "
                "lagre det på nytt som PNG",
            ) from None
        if picture.decorative:
            docx_xml.mark_picture_decorative(self.doc.inline_shapes[-1])
        else:
            docx_xml.set_picture_description(self.doc.inline_shapes[-1], picture.alt_text)
        if picture.caption and not picture.decorative:
            self._caption(self.brand.word.figur, picture.caption)


def _heading_numbers(report: Report) -> list[tuple[int, str, str]]:
    """(level, «3.1», text) for every heading, as Word's numbering will show them."""
    counters = [0, 0, 0]
    out = []
    for block in report.blocks:
        if isinstance(block, Heading):
            counters[block.level - 1] += 1
            for deeper in range(block.level, 3):
                counters[deeper] = 0
            number = ".".join(str(n) for n in counters[: block.level])
            out.append((block.level, number, block.text))
    return out


def heading_texts(report: Report) -> list[str]:
    """The text of every numbered heading, in order."""
    return [text for _level, _number, text in _heading_numbers(report)]


def _introduces_what_follows(paragraph: Paragraph) -> bool:
    """A lead-in («I dette prioriteres:», a bold label) stays on the page of what it introduces."""
    text = paragraph.text.strip()
    fully_bold = bool(paragraph.runs) and all(r.bold for r in paragraph.runs if r.text.strip())
    return text.endswith(":") or (fully_bold and len(text) < 80)


def write_docx(report: Report, brand: Brand, pages: list[int] | None = None) -> bytes:
    """Render a report to .docx bytes."""
    return DocxWriter(brand).write(report, pages)


def write_docx_noted(
    report: Report, brand: Brand, pages: list[int] | None = None
) -> tuple[bytes, list[Problem]]:
    """Render a report to .docx bytes, with a note for each style deckgen added to the template."""
    writer = DocxWriter(brand)
    data = writer.write(report, pages)
    return data, list(writer.styles.added)


def diagram_paragraphs(diagram: Diagram) -> list[Paragraph]:
    """Levels as a bulleted list, process steps as a numbered one: each «**label**: text»."""
    numbered = diagram.kind is SlideKind.PROCESS
    out = []
    for index, step in enumerate(diagram.steps):
        runs = [Run(step.label + (": " if step.text else ""), bold=True), *step.text]
        out.append(Paragraph(runs, 1, numbered, step.location, list_start=index == 0))
    return out
