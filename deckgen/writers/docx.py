"""Report → .docx through the brand's Word template; the only module that imports python-docx."""

from __future__ import annotations

import io
from collections.abc import Callable
from copy import deepcopy
from dataclasses import replace
from typing import Any, cast
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.image.exceptions import (
    InvalidImageStreamError,
    UnexpectedEndOfFileError,
    UnrecognizedImageError,
)
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph as DocxParagraph

from deckgen.brand import Brand
from deckgen.errors import DeckgenError, SourceLocation
from deckgen.model import (
    Cell,
    FactBox,
    Heading,
    Paragraph,
    Picture,
    Report,
    RowStyle,
    Run,
    Schedule,
    Table,
    Text,
)
from deckgen.numbers import format_date
from deckgen.output import normalise_zip, set_core_properties

FOOTNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
FOOTNOTES_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
TOC_INSTRUCTION = ' TOC \\o "1-3" \\h \\z \\u '
LINK_STYLE = "Hyperlink"
LINK_COLOUR = "0563C1"  # Word's own colour for links, when the template has no link style


class DocxWriter:
    """Renders one report with one brand."""

    def __init__(self, brand: Brand) -> None:
        self.brand = brand
        self.doc = Document(str(brand.file(brand.docx_mal)))
        self.body = self.doc.element.body
        for paragraph in list(self.doc.paragraphs):
            paragraph._p.getparent().remove(paragraph._p)
        self.numbers = [0, 0, 0]
        self.headings: list[tuple[int, str, str]] = []
        self.notes: list[tuple[str, frozenset[str]]] = []
        """Each footnote reference in order (its id is its place + 1): the label, and the
        labels of the footnotes it stands in, so a footnote that refers to itself is caught."""
        self.inside_notes: frozenset[str] = frozenset()
        self.nested_numbering: dict[int, str] = {}
        """List level → id of the abstract numbering that lists at that depth count on."""
        self.counters = {"Tabell": 0, "Figur": 0}
        self.report: Report | None = None
        self.link_style = ""

    # -- styles -------------------------------------------------------------------------

    def _word_width(self) -> Callable[[str], float]:
        """A function giving a word's width in points in the body font (bold, to be safe)."""
        from deckgen.textfit import Fonts

        regular, bold = self.brand.skrift.fil_vanlig, self.brand.skrift.fil_fet
        fonts = Fonts(self.brand.file(regular), self.brand.file(bold))
        size = self._style("brødtekst").font.size
        points = size.pt if size is not None else 11.0
        return lambda word: fonts.width_pt(word, points, bold=True)

    def _style(self, key: str, level: int = 1) -> Any:
        name = getattr(self.brand.stiler, key).replace("{nivå}", str(level))
        try:
            return self.doc.styles[name]
        except KeyError:
            raise DeckgenError.at(
                SourceLocation(self.brand.folder / "brand.yaml"),
                f"Word-malen har ikke stilen «{name}» (stiler.{key})",
            ) from None

    # -- document -----------------------------------------------------------------------

    def write(self, report: Report, pages: list[int] | None = None) -> bytes:
        """Render the report; pages are the heading page numbers for the table of contents."""
        self.report = report
        self.headings = _heading_numbers(report)
        if report.cover:
            self._cover(report)
            self._table_of_contents(pages)
        for block in report.blocks:
            self._block(block)
        self._footnotes_part(report)
        self._settings()
        self._properties(report)
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return normalise_zip(buffer.getvalue())

    def _cover(self, report: Report) -> None:
        spacer = self.doc.add_paragraph(style=self._style("brødtekst"))
        spacer.paragraph_format.space_before = Pt(180)
        self.doc.add_paragraph(report.title, style=self._style("tittel"))
        if report.subtitle:
            self.doc.add_paragraph(report.subtitle, style=self._style("undertittel"))
        meta = self.doc.add_paragraph(style=self._style("undertittel"))
        meta.add_run(f"{self.brand.kommune} · {format_date(report.date)}")
        meta.runs[0].font.size = Pt(12)
        mark = self.doc.add_paragraph(style=self._style("brødtekst"))
        mark.paragraph_format.space_before = Pt(200)
        run = mark.add_run(self.brand.ordmerke)
        run.bold = True
        run.font.color.rgb = RGBColor.from_string(self.brand.farger.primær)
        if self.brand.slagord:
            mark.add_run(f" – {self.brand.slagord}")
        mark.add_run().add_break(WD_BREAK.PAGE)

    def _table_of_contents(self, pages: list[int] | None) -> None:
        self.doc.add_paragraph("Innhold", style=self._style("innholdsfortegnelse"))
        entries = self.headings or [(1, "", "(ingen overskrifter)")]
        last = None
        for index, (level, number, text) in enumerate(entries):
            paragraph = self.doc.add_paragraph(style=self._style("toc", level))
            if index == 0:
                _field_start(paragraph, TOC_INSTRUCTION)
            label = f"{number}\t{text}" if number else text
            paragraph.add_run(label)
            if pages is not None and index < len(pages):
                paragraph.add_run("\t" + str(pages[index]))
            last = paragraph
        assert last is not None
        last._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>'))
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    # -- blocks -------------------------------------------------------------------------

    def _block(self, block: Any) -> None:
        if isinstance(block, Heading):
            paragraph = self.doc.add_paragraph(style=self._style("overskrift", block.level))
            paragraph.add_run(block.text)
        elif isinstance(block, Text):
            self._text(block.paragraphs)
        elif isinstance(block, FactBox):
            title = self.doc.add_paragraph(style=self._style("faktaboks_tittel"))
            title.add_run(block.title)
            numbers = [0, 0, 0, 0]
            for source in block.paragraphs:
                paragraph = self.doc.add_paragraph(style=self._style("faktaboks"))
                if source.level:
                    self._box_list_mark(paragraph, source, numbers)
                self._runs(paragraph, source.runs, source.location)
        elif isinstance(block, Table):
            self._table(block)
        elif isinstance(block, Picture):
            self._picture(block)
        elif isinstance(block, Schedule):
            self._text(
                [Paragraph([Run(e.when + ": ", bold=True), *e.what], 1) for e in block.entries]
            )

    def _text(self, paragraphs: list[Paragraph]) -> None:
        lists: dict[int, int] = {}  # the list instance (numId) open at each level
        for source in paragraphs:
            if source.level == 0:
                paragraph = self.doc.add_paragraph(style=self._style("brødtekst"))
                if _introduces_what_follows(source):
                    paragraph.paragraph_format.keep_with_next = True
            elif source.numbered:
                paragraph = self.doc.add_paragraph(style=self._style("nummerert"))
                if source.list_start or source.level not in lists:
                    lists[source.level] = self._restart_numbering(
                        paragraph, source.start, source.level
                    )
                    for deeper in [level for level in lists if level > source.level]:
                        del lists[deeper]
                _set_num(paragraph, lists[source.level], 0)
                if source.level > 1:
                    paragraph.paragraph_format.left_indent = Cm(0.63 * source.level)
            else:
                paragraph = self.doc.add_paragraph(style=self._style("punkt"))
                if source.level > 1:
                    paragraph.paragraph_format.left_indent = Cm(0.63 * source.level)
            self._runs(paragraph, source.runs, source.location)

    def _box_list_mark(self, paragraph: Any, source: Paragraph, numbers: list[int]) -> None:
        """A list item in a fact box: «•» or its number written out, then a tab.

        The box's frame is the borders of its paragraph style, drawn at the paragraph's indent:
        every paragraph in the box keeps the style's indent so the frame stays whole, and the
        depth of an item is shown by tab stops instead.
        """
        level = source.level
        if source.list_start:
            numbers[level] = source.start - 1
        numbers[level] += 1
        for deeper in range(level + 1, len(numbers)):
            numbers[deeper] = 0
        mark = f"{numbers[level]}." if source.numbered else "•"
        for depth in range(1, level + 1):
            paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(0.6 * depth))
        paragraph.add_run("\t" * (level - 1) + f"{mark}\t")

    def _runs(
        self,
        paragraph: Any,
        runs: list[Run],
        location: SourceLocation | None,
        part: Any = None,
    ) -> list[Any]:
        """Append runs (bold, italic, links, footnote references) to a paragraph; return them."""
        part = part if part is not None else self.doc.part
        out: list[Any] = []
        link: Any = None
        for run in runs:
            if run.footnote:
                self._footnote_reference(paragraph, run.footnote, location)
                link = None
                continue
            written = paragraph.add_run(run.text)
            written.bold = run.bold or None
            written.italic = run.italic or None
            out.append(written)
            if not run.link:
                link = None
                continue
            target = str(part.relate_to(run.link, RT.HYPERLINK, is_external=True))
            if link is None or link.get(qn("r:id")) != target:
                link = parse_xml(f'<w:hyperlink {nsdecls("w", "r")} r:id="{target}"/>')
                paragraph._p.append(link)
            written._r.get_or_add_rPr().style = self._link_style()
            link.append(written._r)
        return out

    def _link_style(self) -> str:
        """The style id of the template's «Hyperlink» character style, added when it lacks one."""
        if self.link_style:
            return self.link_style
        for style in self.doc.styles:
            if style.name == LINK_STYLE and style.type == WD_STYLE_TYPE.CHARACTER:
                self.link_style = str(style.style_id)
                return self.link_style
        style = self.doc.styles.add_style(LINK_STYLE, WD_STYLE_TYPE.CHARACTER)
        style.font.color.rgb = RGBColor.from_string(LINK_COLOUR)
        style.font.underline = True
        style.priority = 99
        style.unhide_when_used = True
        self.link_style = str(style.style_id)
        return self.link_style

    def _footnote_reference(
        self, paragraph: Any, label: str, location: SourceLocation | None
    ) -> None:
        report = self.report
        assert report is not None
        if label not in report.footnotes:
            raise DeckgenError.at(location, f"fotnoten [^{label}] har ingen tekst")
        if label in self.inside_notes:
            raise DeckgenError.at(location, f"fotnoten [^{label}] viser til seg selv")
        # Every reference gets a footnote of its own, as in Word: the same text used twice
        # is two footnotes with the same text, numbered where they stand.
        self.notes.append((label, self.inside_notes))
        note_id = len(self.notes)
        style = self._style("fotnotereferanse").style_id
        paragraph._p.append(
            parse_xml(
                f'<w:r {nsdecls("w")}><w:rPr><w:rStyle w:val="{style}"/></w:rPr>'
                f'<w:footnoteReference w:id="{note_id}"/></w:r>'
            )
        )

    def _caption(self, kind: str, text: str) -> None:
        self.counters[kind] += 1
        paragraph = self.doc.add_paragraph(style=self._style("bildetekst"))
        paragraph.add_run(f"{kind} ")
        paragraph._p.append(
            parse_xml(
                f'<w:fldSimple {nsdecls("w")} w:instr=" SEQ {kind} \\* ARABIC ">'
                f"<w:r><w:t>{self.counters[kind]}</w:t></w:r></w:fldSimple>"
            )
        )
        paragraph.add_run(f": {text}")
        if kind == "Tabell":
            paragraph.paragraph_format.keep_with_next = True

    def _table(self, table: Table) -> None:
        title = table.title or table.description or table.caption
        if title:
            self._caption("Tabell", title)
        rows = [table.header, *[row.cells for row in table.rows]]
        columns = max(len(r) for r in rows)
        grid = self.doc.add_table(rows=len(rows), cols=columns, style=self._style("tabell"))
        grid.alignment = WD_TABLE_ALIGNMENT.LEFT
        styles = [RowStyle.NORMAL, *[row.style for row in table.rows]]
        merges = []
        grid_rows = list(grid.rows)  # grid.cell() and grid.rows[r] walk the whole table
        for r, cells in enumerate(rows):
            targets = grid_rows[r].cells
            for c in range(columns):
                cell = cells[c] if c < len(cells) else None
                target = targets[c]
                paragraph = target.paragraphs[0]
                paragraph.paragraph_format.space_after = Pt(0)
                if cell is not None and cell.merge_up and r > 0:
                    merges.append((r, c))
                    continue
                header = r == 0
                bold = header or styles[r] in (RowStyle.TOTAL, RowStyle.SUBTOTAL)
                italic = styles[r] is RowStyle.RATIO
                for run in self._cell_runs(paragraph, cell, table.location):
                    run.bold = bold or run.bold
                    run.italic = italic or run.italic
                    if header:
                        run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
                if header:
                    _shade(target, self.brand.farger.primær)
                elif styles[r] in (RowStyle.TOTAL, RowStyle.SUBTOTAL):
                    _shade(target, self.brand.farger.lys)
                if c < len(table.align) and table.align[c] == "right":
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _column_widths(grid, rows, columns, self._word_width())
        for row in grid_rows:  # a row is never split over two pages
            row._tr.get_or_add_trPr().append(parse_xml(f"<w:cantSplit {nsdecls('w')}/>"))
        header_props = grid_rows[0]._tr.get_or_add_trPr()
        header_props.append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))
        merged = set(merges)
        for r, c in merges:
            top = r - 1
            while (top, c) in merged:
                top -= 1
            grid_rows[top].cells[c].merge(grid_rows[r].cells[c])
        if table.caption and table.caption != title:
            note = self.doc.add_paragraph(style=self._style("bildetekst"))
            note.add_run(table.caption)
        else:
            self.doc.add_paragraph(style=self._style("brødtekst"))

    def _cell_runs(self, paragraph: Any, cell: Cell | None, location: Any) -> list[Any]:
        """Write a cell's text: its formatted runs when it has them, else its plain text."""
        if cell is None or not cell.runs:
            return [paragraph.add_run(cell.text if cell else "")]
        return self._runs(paragraph, _stripped(cell.runs), location)

    def _picture(self, picture: Picture) -> None:
        assert picture.image is not None, "pictures are checked by the reader"
        try:
            self.doc.add_picture(io.BytesIO(picture.image.data), width=Cm(15))
        except (InvalidImageStreamError, UnexpectedEndOfFileError, UnrecognizedImageError):
            raise DeckgenError.at(
                picture.location,
                f"bildet «{picture.path.name}» kan ikke settes inn i Word-dokumentet; "
                "lagre det på nytt som PNG",
            ) from None
        shape = self.doc.inline_shapes[-1]
        shape._inline.docPr.set("descr", picture.alt_text)
        if picture.caption:
            self._caption("Figur", picture.caption)

    # -- parts and properties -------------------------------------------------------------

    def _restart_numbering(self, paragraph: Any, start: int, level: int = 1) -> int:
        """A new list instance of the numbered-list style, starting at start.

        A list nested in another numbered list counts on a copy of the style's numbering, so
        Word and LibreOffice keep the outer list's count going after it.
        """
        numbering = self.doc.part.numbering_part.element
        style_num = paragraph.style.element.find(qn("w:pPr") + "/" + qn("w:numPr"))
        base_id = style_num.find(qn("w:numId")).get(qn("w:val"))
        abstract = next(
            n.find(qn("w:abstractNumId")).get(qn("w:val"))
            for n in numbering.findall(qn("w:num"))
            if n.get(qn("w:numId")) == base_id
        )
        if level > 1:
            abstract = self._nested_numbering(numbering, abstract, level)
        new_id = max(int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))) + 1
        numbering.append(
            parse_xml(
                f'<w:num {nsdecls("w")} w:numId="{new_id}"><w:abstractNumId w:val="{abstract}"/>'
                f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start}"/></w:lvlOverride>'
                "</w:num>"
            )
        )
        return new_id

    def _nested_numbering(self, numbering: Any, abstract: str, level: int) -> str:
        """The id of a copy of an abstract numbering for lists at a nesting level (made once)."""
        if level not in self.nested_numbering:
            source = next(
                a
                for a in numbering.findall(qn("w:abstractNum"))
                if a.get(qn("w:abstractNumId")) == abstract
            )
            copy = deepcopy(source)
            ids = [
                int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))
            ]
            new_id = str(max(ids) + 1)
            copy.set(qn("w:abstractNumId"), new_id)
            for unique in copy.findall(qn("w:nsid")):  # a list's identity; the copy needs its own
                copy.remove(unique)
            numbering.findall(qn("w:abstractNum"))[-1].addnext(copy)
            self.nested_numbering[level] = new_id
        return self.nested_numbering[level]

    def _footnotes_part(self, report: Report) -> None:
        text_style = self._style("fotnote").style_id
        ref_style = self._style("fotnotereferanse").style_id
        root = parse_xml(
            f"<w:footnotes {nsdecls('w')}>"
            '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" '
            'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
            '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing '
            'w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/>'
            "</w:r></w:p></w:footnote></w:footnotes>"
        )
        part = XmlPart(PackURI("/word/footnotes.xml"), FOOTNOTES_TYPE, root, self.doc.part.package)
        done = 0
        while done < len(self.notes):  # a footnote may refer to another one
            label, outer = self.notes[done]
            done += 1
            note_id = done
            self.inside_notes = outer | {label}
            note = parse_xml(
                f'<w:footnote {nsdecls("w")} w:id="{note_id}"><w:p><w:pPr>'
                f'<w:pStyle w:val="{text_style}"/></w:pPr>'
                f'<w:r><w:rPr><w:rStyle w:val="{ref_style}"/></w:rPr><w:footnoteRef/></w:r>'
                f'<w:r><w:t xml:space="preserve"> </w:t></w:r></w:p></w:footnote>'
            )
            root.append(note)
            paragraph = DocxParagraph(note[0], cast(Any, None))
            for number, source in enumerate(report.footnotes[label]):
                if number:
                    paragraph.add_run(" ")
                self._runs(paragraph, source.runs, source.location, part)
        self.doc.part.relate_to(part, FOOTNOTES_REL)

    def _settings(self) -> None:
        settings = self.doc.settings.element
        settings.append(parse_xml(f'<w:updateFields {nsdecls("w")} w:val="true"/>'))
        footnote_pr = parse_xml(
            f'<w:footnotePr {nsdecls("w")}><w:footnote w:id="-1"/><w:footnote w:id="0"/>'
            "</w:footnotePr>"
        )
        anchor = settings.find(qn("w:compat"))
        if anchor is not None:
            anchor.addprevious(footnote_pr)
        else:
            settings.append(footnote_pr)

    def _properties(self, report: Report) -> None:
        set_core_properties(
            self.doc.core_properties, report.title, self.brand.kommune, report.subject, report.date
        )


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


def _field_start(paragraph: Any, instruction: str) -> None:
    for xml in (
        '<w:fldChar w:fldCharType="begin"/>',
        f'<w:instrText xml:space="preserve">{escape(instruction)}</w:instrText>',
        '<w:fldChar w:fldCharType="separate"/>',
    ):
        paragraph._p.append(parse_xml(f"<w:r {nsdecls('w')}>{xml}</w:r>"))


def _set_num(paragraph: Any, num_id: int, level: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.insert(
        0,
        parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/>'
            f'<w:numId w:val="{num_id}"/></w:numPr>'
        ),
    )


def _stripped(runs: list[Run]) -> list[Run]:
    """The runs without the spaces before the first and after the last text."""
    texts = [i for i, run in enumerate(runs) if run.text]
    if not texts:
        return runs
    out = list(runs)
    first, last = texts[0], texts[-1]
    out[first] = replace(out[first], text=out[first].text.lstrip())
    out[last] = replace(out[last], text=out[last].text.rstrip())
    return [run for run in out if run.text or run.footnote]


def _introduces_what_follows(paragraph: Paragraph) -> bool:
    """A lead-in («I dette prioriteres:», a bold label) stays on the page of what it introduces."""
    text = paragraph.text.strip()
    fully_bold = bool(paragraph.runs) and all(r.bold for r in paragraph.runs if r.text.strip())
    return text.endswith(":") or (fully_bold and len(text) < 80)


def _column_widths(
    grid: Any, rows: list[list[Any]], columns: int, measure: Callable[[str], float]
) -> None:
    """Give each column room for its longest word (measured in the brand's font), and share
    the rest of the text width by how much text each column holds."""
    total = Cm(16).emu
    padding = Cm(0.5).emu
    minimums, weights = [], []
    for c in range(columns):
        texts = [r[c].text for r in rows if c < len(r) and not r[c].merge_up]
        words = [w for t in texts for w in t.split()]
        minimums.append(max((int(measure(w) * 12700) for w in words), default=0) + padding)
        weights.append(max(min(max((len(t) for t in texts), default=4), 40), 6))
    spare = max(total - sum(minimums), 0)
    scale = min(1.0, total / sum(minimums))
    grid.autofit = False
    for c, weight in enumerate(weights):
        width = int(minimums[c] * scale + spare * weight / sum(weights))
        grid.columns[c].width = width
        for cell in grid.columns[c].cells:
            cell.width = width


def _shade(cell: Any, colour: str) -> None:
    cell._tc.get_or_add_tcPr().append(
        parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{colour}"/>')
    )


def write_docx(report: Report, brand: Brand, pages: list[int] | None = None) -> bytes:
    """Render a report to .docx bytes."""
    return DocxWriter(brand).write(report, pages)
