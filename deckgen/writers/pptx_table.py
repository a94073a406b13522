"""Draws a planned table on a slide: the frame, its grid, every cell and the caption."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu

from deckgen.brand import Brand
from deckgen.colours import text_colour
from deckgen.model import Cell, RowStyle, Run, Table, TableRow
from deckgen.writers import pptx_xml
from deckgen.writers.pptx_plan import CAPTION_EMU, Box
from deckgen.writers.pptx_tablesize import TableLayout, TableSizes
from deckgen.writers.pptx_text import add_run, add_textbox, no_footnote

TOTAL_BORDER_EMU = 25400
_ALIGN = {"right": PP_ALIGN.RIGHT, "center": PP_ALIGN.CENTER}


def draw_table(
    slide: Any,
    brand: Brand,
    table: Table,
    box: Box,
    rows: Sequence[TableRow],
    layout: TableLayout,
    first: int,
) -> int:
    """Draw the header and the given rows (from body row first); return the height used."""
    heights = [layout.heights[0], *layout.heights[first + 1 : first + 1 + len(rows)]]
    grid = _frame(slide, brand, table, box, len(rows) + 1, layout.widths, sum(heights))
    all_rows = [table.header, *[row.cells for row in rows]]
    styles = [RowStyle.NORMAL, *[row.style for row in rows]]
    for r, cells in enumerate(all_rows):
        grid.rows[r].height = Emu(heights[r])
        for c in range(len(layout.widths)):
            source = cells[c] if c < len(cells) else None
            _cell(grid.cell(r, c), brand, source, table, c, r, styles[r], layout.size)
    if not table.caption:
        return sum(heights)
    _caption(slide, brand, table.caption, box, sum(heights))
    return sum(heights) + CAPTION_EMU


def _frame(
    slide: Any,
    brand: Brand,
    table: Table,
    box: Box,
    n_rows: int,
    widths: list[int],
    height: int,
) -> Any:
    """Add the table's frame (named, with alternative text) and set its column widths."""
    x, y, w, _ = box
    frame = slide.shapes.add_table(n_rows, len(widths), Emu(x), Emu(y), Emu(w), Emu(height))
    frame.name = "Tabell"
    pptx_xml.describe(frame, table.description or table.title or brand.lysbilder.ord.tabell)
    grid = frame.table
    grid.first_row = True
    grid.horz_banding = False
    for index, width in enumerate(widths):
        grid.columns[index].width = Emu(width)
    return grid


def _caption(slide: Any, brand: Brand, caption: str, box: Box, height: int) -> None:
    """The caption in italics under the table."""
    x, y, w, _ = box
    caption_box = (x, y + height + int(0.08 * 914400), w, int(0.35 * 914400))
    add_textbox(slide, caption_box, caption, 12, False, brand.farger.tekst, italic=True)


def _cell(
    cell: Any,
    brand: Brand,
    source: Cell | None,
    table: Table,
    c: int,
    r: int,
    style: RowStyle,
    size: float,
) -> None:
    """Fill one table cell: background, margins, alignment and its (formatted) text."""
    header = r == 0
    _cell_box(cell, brand, header, style, r)
    paragraph = cell.text_frame.paragraphs[0]
    align = table.align[c] if c < len(table.align) else "left"
    paragraph.alignment = _ALIGN.get(align, PP_ALIGN.LEFT)
    total = style in (RowStyle.TOTAL, RowStyle.SUBTOTAL)
    bold = header or total or bool(source and source.bold)
    italic = style is RowStyle.RATIO or bool(source and source.italic)
    colour = brand.lysbilder.tabellfarger.overskrift_tekst if header else brand.farger.tekst
    colour = text_colour(colour, _cell_fill(brand, header, style, r), size, bold)
    runs = (source.runs or [Run(source.text)]) if source else [Run("")]
    for run in runs:
        no_footnote(run, table.location)
        add_run(paragraph, run.text, size, bold or run.bold, italic or run.italic, colour, run.link)


def _cell_box(cell: Any, brand: Brand, header: bool, style: RowStyle, r: int) -> None:
    """A cell's fill, the line over a total row, its padding and its vertical centring."""
    key = (_cell_fill(brand, header, style, r), not header and style is RowStyle.TOTAL)
    pptx_xml.copied_properties(
        cell,
        "tcPr",
        (*key, brand.farger.primær, TableSizes.of(brand.lysbilder.tabell)),
        lambda c: _cell_properties(c, brand, header, style, r),
    )


def _cell_properties(cell: Any, brand: Brand, header: bool, style: RowStyle, r: int) -> None:
    """A cell's fill, top line, padding and anchor, through python-pptx."""
    cell.fill.solid()
    cell.fill.fore_color.rgb = RGBColor.from_string(_cell_fill(brand, header, style, r))
    if not header and style is RowStyle.TOTAL:
        pptx_xml.top_border(cell, brand.farger.primær, TOTAL_BORDER_EMU)
    _pad(cell, TableSizes.of(brand.lysbilder.tabell))
    cell.vertical_anchor = MSO_ANCHOR.MIDDLE


def _pad(cell: Any, sizes: TableSizes) -> None:
    """The brand's room between a cell's text and its edges (the plan measured with it)."""
    cell.margin_left = cell.margin_right = Emu(sizes.pad_x)
    cell.margin_top = cell.margin_bottom = Emu(sizes.pad_y)


def _cell_fill(brand: Brand, header: bool, style: RowStyle, r: int) -> str:
    """A cell's background: header, total (darker tint), subtotal (light tint) or banding."""
    colours = brand.lysbilder.tabellfarger
    if header:
        return brand.farger.primær
    if style is RowStyle.TOTAL:
        return colours.total_fill(brand.farger.primær)
    if style is RowStyle.SUBTOTAL:
        return colours.subtotal_fill(brand.farger.primær)
    return colours.stripe if r % 2 else brand.farger.lys
