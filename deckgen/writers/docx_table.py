"""A table of the model as a Word table: cells, row styles, column widths, merged cells."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docx.document import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt, RGBColor

from deckgen.brand import Brand
from deckgen.colours import readable
from deckgen.model import Cell, RowStyle, Table
from deckgen.writers import docx_xml
from deckgen.writers.docx_inline import InlineWriter
from deckgen.writers.docx_styles import Styles

TEXT_WIDTH_CM = 16
"""The width a table may take: the text width of the template's A4 page."""
CELL_PADDING_CM = 0.5
"""Room a column needs besides its longest word (the cell's margins)."""
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
        grid_rows = list(grid.rows)  # grid.cell() and grid.rows[r] walk the whole table
        merges: list[tuple[int, int]] = []
        for r, cells in enumerate(rows):
            merged = self._fill_row(grid_rows[r].cells, cells, r, kinds[r], table)
            merges.extend((r, c) for c in merged)
        _column_widths(grid, rows, columns, self.styles.word_width())
        for row in grid_rows:  # a row is never split over two pages
            docx_xml.keep_row_on_one_page(row)
        docx_xml.repeat_as_header(grid_rows[0])
        _merge_down(grid_rows, merges)

    def _fill_row(
        self, targets: Any, cells: list[Cell], r: int, kind: RowStyle, table: Table
    ) -> list[int]:
        """Write one row's cells; the columns whose cell merges with the one above."""
        merged = []
        for c in range(len(targets)):
            cell = cells[c] if c < len(cells) else None
            paragraph = targets[c].paragraphs[0]
            paragraph.paragraph_format.space_after = Pt(0)
            if cell is not None and cell.merge_up and r > 0:
                merged.append(c)
                continue
            self._fill_cell(targets[c], paragraph, cell, r == 0, kind, table)
            if c < len(table.align) and table.align[c] == "right":
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        return merged

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


def _merge_down(grid_rows: list[Any], merges: list[tuple[int, int]]) -> None:
    """Merge each marked cell with the first unmarked cell above it."""
    merged = set(merges)
    for r, c in merges:
        top = r - 1
        while (top, c) in merged:
            top -= 1
        grid_rows[top].cells[c].merge(grid_rows[r].cells[c])


def _column_widths(
    grid: Any, rows: list[list[Cell]], columns: int, measure: Callable[[str], float]
) -> None:
    """Give each column room for its longest word (measured in the brand's font), and share
    the rest of the text width by how much text each column holds."""
    total = Cm(TEXT_WIDTH_CM).emu
    padding = Cm(CELL_PADDING_CM).emu
    minimums, weights = [], []
    for c in range(columns):
        texts = [r[c].text for r in rows if c < len(r) and not r[c].merge_up]
        words = [w for t in texts for w in t.split()]
        minimums.append(max((int(measure(w) * EMU_PER_POINT) for w in words), default=0) + padding)
        weights.append(max(min(max((len(t) for t in texts), default=4), 40), 6))
    spare = max(total - sum(minimums), 0)
    scale = min(1.0, total / sum(minimums))
    grid.autofit = False
    for c, weight in enumerate(weights):
        width = int(minimums[c] * scale + spare * weight / sum(weights))
        grid.columns[c].width = width
        for cell in grid.columns[c].cells:
            cell.width = width
