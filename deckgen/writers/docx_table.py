"""A table of the model as a Word table: cells, row styles, padding, column widths, and cells
merged with `^` written as rows that each repeat their label.

Word lays out the pages, so deckgen cannot know where a table breaks; a vertically merged cell
split by a page break leaves the next page without its label (Word and LibreOffice show it only
once). So deckgen merges nothing: a row continuing a group repeats the label in a lighter,
still readable colour, and no line is drawn between the rows of the group in that column. The
group reads as one block, and every row carries its label on any page and for a screen reader.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docx.document import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt, RGBColor

from deckgen.brand import Brand
from deckgen.colours import WHITE, mix, readable
from deckgen.model import Cell, RowStyle, Table
from deckgen.writers import docx_xml
from deckgen.writers.docx_inline import InlineWriter
from deckgen.writers.docx_styles import Styles

TEXT_WIDTH_CM = 16
"""The width a table may take: the text width of the template's A4 page."""
CELL_MARGIN_TWIPS = (57, 113)
"""The room inside every cell, top and bottom (1 mm) and left and right (2 mm)."""
CELL_PADDING_CM = 0.5
"""Room a column needs besides its text: both side margins and a little slack."""
MIN_SHARE = 0.08
"""No column narrower than this share of the width, unless its whole text needs less."""
REPEAT_SHARE = 0.6
"""A repeated label's colour: this share of the text colour, the rest the cell's background
(then darkened until it reads at 4.5:1)."""
EMU_PER_POINT = 12700
SUMMED = (RowStyle.TOTAL, RowStyle.SUBTOTAL)
"""Row styles shown bold on the brand's light colour."""


class TableWriter:
    """Writes the grid of one table: cell text, bold/italic rows, shading, widths, merges."""

    def __init__(self, doc: Document, styles: Styles, inline: InlineWriter, brand: Brand) -> None:
        self.doc = doc
        self.styles = styles
        self.inline = inline
        self.brand = brand

    def write(self, table: Table) -> None:
        """Add the table's grid at the end of the document."""
        rows = [table.header, *[row.cells for row in table.rows]]
        kinds = [RowStyle.NORMAL, *[row.style for row in table.rows]]
        columns = max(len(r) for r in rows)
        grid = self.doc.add_table(rows=len(rows), cols=columns, style=self.styles("tabell"))
        grid.alignment = WD_TABLE_ALIGNMENT.LEFT
        docx_xml.set_cell_margins(grid, *CELL_MARGIN_TWIPS)
        grid_rows = list(grid.rows)  # grid.cell() and grid.rows[r] walk the whole table
        labels = [[_label(rows, r, c) for c in range(columns)] for r in range(len(rows))]
        for r, cells in enumerate(rows):
            self._fill_row(grid_rows[r].cells, cells, r, kinds[r], table, labels[r])
        _join_groups(grid_rows, rows, columns)
        bold = [
            [r == 0 or kinds[r] in SUMMED or (c < len(row) and row[c].bold) for c in range(columns)]
            for r, row in enumerate(rows)
        ]
        _column_widths(grid, labels, bold, self.styles.word_width())
        for row in grid_rows:  # a row is never split over two pages
            docx_xml.keep_row_on_one_page(row)
        docx_xml.repeat_as_header(grid_rows[0])

    def _fill_row(
        self,
        targets: Any,
        cells: list[Cell],
        r: int,
        kind: RowStyle,
        table: Table,
        labels: list[str],
    ) -> None:
        """Write one row's cells; a cell continuing the group above repeats its label."""
        for c in range(len(targets)):
            cell = cells[c] if c < len(cells) else None
            paragraph = targets[c].paragraphs[0]
            paragraph.paragraph_format.space_after = Pt(0)
            if cell is not None and cell.merge_up and r > 0:
                self._repeat_label(targets[c], paragraph, labels[c], kind)
            else:
                self._fill_cell(targets[c], paragraph, cell, r == 0, kind, table)
            if c < len(table.align) and table.align[c] == "right":
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    def _repeat_label(self, target: Any, paragraph: Any, label: str, kind: RowStyle) -> None:
        """The label of the group a cell continues, in a lighter colour that still reads."""
        background = self.brand.farger.lys if kind in SUMMED else WHITE
        colour = mix(self.brand.farger.tekst, background, REPEAT_SHARE)
        run = paragraph.add_run(label)
        run.font.color.rgb = RGBColor.from_string(readable(colour, background))
        run.bold = kind in SUMMED
        run.italic = kind is RowStyle.RATIO
        if kind in SUMMED:
            docx_xml.shade_cell(target, self.brand.farger.lys)

    def _fill_cell(
        self,
        target: Any,
        paragraph: Any,
        cell: Cell | None,
        header: bool,
        kind: RowStyle,
        table: Table,
    ) -> None:
        """One cell's text in its row's weight and slant, and the row's background."""
        bold = header or kind in SUMMED
        italic = kind is RowStyle.RATIO
        for run in self.inline.cell_runs(paragraph, cell, table.location):
            run.bold = bold or run.bold
            run.italic = italic or run.italic
            if header:
                on_fill = readable(self.brand.word.tabellhode_tekst, self.brand.farger.primær)
                run.font.color.rgb = RGBColor.from_string(on_fill)
        if header:
            docx_xml.shade_cell(target, self.brand.farger.primær)
        elif kind in SUMMED:
            docx_xml.shade_cell(target, self.brand.farger.lys)


def _label(rows: list[list[Cell]], r: int, c: int) -> str:
    """The plain text of the cell a `^` cell continues (the first above that is not `^`)."""
    top = r
    while top > 0 and c < len(rows[top]) and rows[top][c].merge_up:
        top -= 1
    if c >= len(rows[top]):
        return ""
    cell = rows[top][c]
    return "".join(run.text for run in cell.runs) if cell.runs else cell.text


def _continues(rows: list[list[Cell]], r: int, c: int) -> bool:
    """Whether the cell at row r, column c continues the group above it."""
    return r > 0 and c < len(rows[r]) and rows[r][c].merge_up


def _join_groups(grid_rows: list[Any], rows: list[list[Cell]], columns: int) -> None:
    """No line between the rows of a group: above each continuing cell, below the one before."""
    for r, row in enumerate(grid_rows):
        cells = row.cells
        for c in range(columns):
            above = _continues(rows, r, c)
            below = r + 1 < len(rows) and _continues(rows, r + 1, c)
            if above or below:
                docx_xml.hide_cell_edges(cells[c], top=above, bottom=below)


def _column_widths(
    grid: Any,
    labels: list[list[str]],
    bold: list[list[bool]],
    measure: Callable[[str, bool], float],
) -> None:
    """Column widths by content, as browsers lay out tables: each column gets at least its
    longest word (and MIN_SHARE of the width, unless its longest text needs less), and the rest
    of the width goes to the columns whose text would wrap, by how much more room they want."""
    total = Cm(TEXT_WIDTH_CM).emu
    least, most = [], []
    for c in range(len(labels[0])):
        texts = [(labels[r][c], bold[r][c]) for r in range(len(labels))]
        longest = max((_emu(measure(t, bold)) for t, bold in texts), default=0)
        word = max((_emu(measure(w, bold)) for t, bold in texts for w in t.split()), default=0)
        padding = Cm(CELL_PADDING_CM).emu
        most.append(longest + padding)
        least.append(max(word + padding, min(longest + padding, int(total * MIN_SHARE))))
    widths = share_width(total, least, most)
    grid.autofit = False
    for c, width in enumerate(widths):
        grid.columns[c].width = width
        for cell in grid.columns[c].cells:
            cell.width = width


def share_width(total: int, least: list[int], most: list[int]) -> list[int]:
    """Share total between columns that need at least `least` and want at most `most`."""
    if sum(most) <= total:  # everything fits on one line: widen by what each wants
        return [int(m * total / sum(most)) for m in most] if sum(most) else least
    if sum(least) >= total:  # even the longest words do not fit: shrink them alike
        return [int(n * total / sum(least)) for n in least]
    spare, wants = total - sum(least), [m - n for n, m in zip(least, most, strict=True)]
    return [n + int(spare * w / sum(wants)) for n, w in zip(least, wants, strict=True)]


def _emu(points: float) -> int:
    """Points as EMU."""
    return int(points * EMU_PER_POINT)
