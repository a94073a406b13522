"""The pure slide plan: layout choice, text measures, table widths and heights, continued tables."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from deckgen.errors import Problem, SourceLocation
from deckgen.model import (
    Columns,
    Paragraph,
    RowStyle,
    Run,
    Schedule,
    Slide,
    SlideKind,
    Subheading,
    Table,
    Text,
)
from deckgen.textfit import POINT_EMU, Fonts, Line, height_pt, wrapped_lines

LEVEL_SIZES = {0: 20.0, 1: 20.0, 2: 18.0, 3: 16.0}
TITLE_PT = 28.0
"""A title's size when neither the brand nor the template gives one."""
HEADING_PT = 20.0
"""A column heading's size when neither the brand nor the template gives one."""
INSET_EMU = 91440
GAP_EMU = int(0.15 * 914400)
LEAD_SHARE = 0.5
"""At most this share of the content area goes to text above a table or columns."""
TABLE_FONT_PT = 14.0
TABLE_MIN_FONT_PT = 10.0
TABLE_FONT_STEP_PT = 0.5
LABEL_MIN_EMU = int(1.3 * 914400)
"""The narrowest a text (label) column gets; its long labels wrap to more lines instead."""
CELL_MARGIN_X = int(0.08 * 914400)
CELL_MARGIN_Y = int(0.03 * 914400)
CELL_SLACK_EMU = int(0.14 * 914400)
"""Room beyond the margins a column gets when the table is wide enough (as before)."""
CELL_SAFETY_EMU = int(0.06 * 914400)
"""Room beyond the margins a column's widest number or word gets, for renderer differences."""
CELL_WRAP_SAFETY_EMU = int(0.03 * 914400)
"""Text is assumed to wrap this much earlier than measured, so rows are never too low."""
TABLE_ROW_EMU = int(0.42 * 914400)
CAPTION_EMU = int(0.45 * 914400)

Box = tuple[int, int, int, int]


@dataclass(frozen=True)
class TableSizes:
    """A brand's table text sizes (pt), cell padding (EMU) and placement, as the plan uses them."""

    size: float = TABLE_FONT_PT
    """The usual size; a table continued on «(forts.)» slides keeps it."""
    largest: float = TABLE_FONT_PT
    """The size a table grows to when it fits on one slide at it."""
    smallest: float = TABLE_MIN_FONT_PT
    """The smallest size a too wide table shrinks to before words are broken."""
    pad_x: int = CELL_MARGIN_X
    pad_y: int = CELL_MARGIN_Y
    middle: bool = False
    """Whether a table slide's table stands in the middle of the room under the lead text."""

    @classmethod
    def of(cls, settings: Any) -> TableSizes:
        """The sizes of a brand's «lysbilder.tabell» (deckgen.brand.TableSettings)."""
        return cls(
            settings.skrift_pt,
            settings.largest,
            settings.smallest,
            round(settings.cellemarg_sider_pt * POINT_EMU),
            round(settings.cellemarg_topp_pt * POINT_EMU),
            settings.plassering == "midt",
        )


DEFAULT_SIZES = TableSizes()
_NUMBER = re.compile(r"[-−+–]?\s?[\d.,\s]*\d[\d.,]*\s?%?")
_KIND_KEYS = {
    SlideKind.SECTION: "deloverskrift",
    SlideKind.CLOSING: "avslutning",
    SlideKind.KEY_FIGURES: "nøkkeltall",
    SlideKind.TABLE: "tabell",
    SlideKind.PICTURE: "bilde",
    SlideKind.SCHEDULE: "tidsplan",
    SlideKind.LEVELS: "bare_tittel",
    SlideKind.PROCESS: "bare_tittel",
}


@dataclass(frozen=True)
class Typography:
    """The brand's text sizes by role on slides, its floors, and the heading style."""

    title_pt: float | None
    """None: the template's title size."""
    heading_pt: float | None
    """Column headings; None: the template's size."""
    subheading_pt: float
    min_text: float
    """The smallest share of its size body text is shrunk to; below it, it continues."""
    min_title: float
    colour: str
    """Subheadings and drawn column headings: the brand's primary colour."""
    font: str
    """The brand's heading font."""


@dataclass
class SubheadingLine(Paragraph):
    """A subheading among the paragraphs of a text frame: drawn in the brand's heading style."""


@dataclass
class TableLayout:
    """A table's font size, column widths and the height of each row (header first)."""

    size: float
    widths: list[int]
    heights: list[int]


@dataclass
class TablePlan:
    """A table slide laid out before it is drawn: its rows on each of its slides."""

    table: Table
    lead: list[Paragraph]
    layout: TableLayout
    chunks: list[tuple[int, int]]
    """(start, end) body rows of each slide; more than one: «(forts.)» slides follow."""
    layout_warnings: list[Problem]
    page_warnings: list[Problem]
    """What laying out and splitting the table warned about, given out as it is drawn."""
    middle: bool = False
    """Whether the table stands in the middle of the room under the lead text."""

    def box(self, number: int, room: Box) -> Box:
        """Where the `number`th slide's part of the table is drawn in the room it has."""
        x, y, w, h = room
        if not self.middle:
            return room
        start, end = self.chunks[number]
        used = self.layout.heights[0] + sum(self.layout.heights[start + 1 : end + 1])
        used += CAPTION_EMU if self.table.caption else 0
        offset = max(h - used, 0) // 2
        return (x, y + offset, w, h - offset)


@dataclass(frozen=True)
class Measure:
    """One table cell as measured: its text, whether it is bold and whether it never wraps."""

    text: str
    bold: bool
    whole: bool


def layout_key(slide: Slide) -> str:
    """The key in the brand's «oppsett» of the layout a slide is drawn on."""
    if slide.kind is SlideKind.COLUMNS:
        columns = next(b for b in slide.blocks if isinstance(b, Columns)).columns
        if len(columns) == 2 and any(c.heading for c in columns):
            return "to_kolonner_med_titler"
        return "tre_kolonner" if len(columns) == 3 else "to_kolonner"
    return _KIND_KEYS.get(slide.kind, "punkter")


def paragraphs(blocks: Sequence[Any]) -> list[Paragraph]:
    """Flatten text and schedule blocks into paragraphs for one text frame."""
    out: list[Paragraph] = []
    for block in blocks:
        if isinstance(block, Subheading):
            out.append(SubheadingLine([Run(block.text, bold=True)], 0, False, block.location))
        elif isinstance(block, Text):
            out.extend(block.paragraphs)
        elif isinstance(block, Schedule):
            for entry in block.entries:
                out.append(Paragraph([Run(entry.when, bold=True)], 0, False, entry.location))
                out.append(Paragraph(list(entry.what), 1, False, entry.location))
    return out


def autonumber(items: Sequence[Paragraph]) -> list[tuple[bool, int | None]]:
    """Per paragraph: is it numbered, and the startAt it needs (None: PowerPoint counts right).

    PowerPoint numbers a paragraph by counting the numbered paragraphs before it at its level,
    through deeper levels, until a shallower or an unnumbered one; a list starts at its own
    first number.
    """
    wanted: dict[int, int] = {}
    shown: dict[int, tuple[int, int]] = {}
    out: list[tuple[bool, int | None]] = []
    for paragraph in items:
        level = paragraph.level
        for deeper in [lv for lv in wanted if lv > level]:
            del wanted[deeper]
        for deeper in [lv for lv in shown if lv > level]:
            del shown[deeper]
        if not (paragraph.numbered and level):
            wanted.pop(level, None)
            shown.pop(level, None)
            out.append((False, None))
            continue
        if paragraph.list_start or level not in wanted:
            number = paragraph.start
        else:
            number = wanted[level] + 1
        wanted[level] = number
        start, count = shown.get(level, (number, 0))
        if start + count != number:
            start, count = number, 0
        shown[level] = (start, count + 1)
        out.append((True, None if start == 1 else start))
    return out


def lines(
    items: list[Paragraph],
    sizes: dict[int, float] | None = None,
    indents: dict[int, int] | None = None,
    subheading_pt: float | None = None,
) -> list[Line]:
    """The paragraphs as lines to measure, with their level's size, indent and spacing
    (the template's where given, else deckgen's own); subheadings at subheading_pt."""
    sizes = sizes or LEVEL_SIZES
    indents = indents or {}
    return [
        Line(
            p.text,
            (subheading_pt or sizes[0]) if isinstance(p, SubheadingLine) else sizes[p.level],
            all(r.bold for r in p.runs) and bool(p.runs),
            indents.get(p.level, level_indent(p.level)),
            6.0 if p.level <= 1 else 3.0,
        )
        for p in items
    ]


def split_text(
    fonts: Fonts, items: list[Paragraph], measured: list[Line], width: int, height: int
) -> list[tuple[int, int]]:
    """Split paragraphs into runs that each fit a box at their full size: (start, end) of
    each, broken before a top-level paragraph where one fits (a subheading stays with the
    text under it)."""
    room = height / POINT_EMU
    chunks: list[tuple[int, int]] = []
    start = 0
    while start < len(items):
        end = start + 1
        while end < len(items) and height_pt(fonts, measured[start : end + 1], width) <= room:
            end += 1
        if end < len(items):
            cut = end
            while cut > start + 1 and not _breaks_before(items, cut):
                cut -= 1
            end = cut if _breaks_before(items, cut) else end
        chunks.append((start, end))
        start = end
    return chunks


def _breaks_before(items: list[Paragraph], index: int) -> bool:
    """Whether a continued slide may begin at items[index]: a top-level paragraph that does
    not follow a subheading."""
    return items[index].level <= 1 and not isinstance(items[index - 1], SubheadingLine)


def level_indent(level: int) -> int:
    """deckgen's own left margin (EMU) of a paragraph level: none for plain text."""
    return int((0.3 + 0.35 * max(level - 1, 0)) * 914400) if level else 0


def lead_height(fonts: Fonts, items: list[Paragraph], width: int, most: int) -> int:
    """The height text above a table or columns takes, at most `most`."""
    needed = math.ceil(height_pt(fonts, lines(items), width - 2 * INSET_EMU) * 12700) + INSET_EMU
    return min(needed, most)


def fewest_slides(table: Table, content: Box, sizes: TableSizes = DEFAULT_SIZES) -> int:
    """The fewest slides a table can take: every row as low as the smallest font allows."""
    room = content[3] - (CAPTION_EMU if table.caption else 0)
    lowest = int(TABLE_ROW_EMU * sizes.smallest / TABLE_FONT_PT)
    per_slide = max(1, (room - lowest) // lowest)
    return max(1, math.ceil(len(table.rows) / per_slide))


def plan_table_slide(
    fonts: Fonts, slide: Slide, content: Box, sizes: TableSizes = DEFAULT_SIZES
) -> TablePlan:
    """Lay a table slide out once (column widths, row heights, rows on each slide); a table
    that fits on one slide grows towards the brand's largest size while it still fits."""
    index = next(i for i, b in enumerate(slide.blocks) if isinstance(b, Table))
    table = slide.blocks[index]
    assert isinstance(table, Table)  # the reader refuses text under the table
    lead = paragraphs(slide.blocks[:index])
    where = table.location or slide.location
    x, y, w, h = content
    layout, layout_warnings = table_layout(fonts, table, table.rows, w, where, sizes)
    caption = CAPTION_EMU if table.caption else 0
    top = y
    if lead:
        top += lead_height(fonts, lead, w, int(h * LEAD_SHARE)) + GAP_EMU
    sums = [row.style in (RowStyle.SUBTOTAL, RowStyle.TOTAL) for row in table.rows]
    first_room = y + h - top - caption
    chunks, page_warnings = paginate(layout.heights, first_room, h - caption, where, sums)
    if len(chunks) == 1 and not layout_warnings and not page_warnings:
        layout = _grown(fonts, table, w, first_room, sizes) or layout
    return TablePlan(table, lead, layout, chunks, layout_warnings, page_warnings, sizes.middle)


def _grown(
    fonts: Fonts, table: Table, width: int, room: int, sizes: TableSizes
) -> TableLayout | None:
    """The table at the largest size above its usual one at which no word breaks and every
    row fits in room; None when no larger size does."""
    sizer = _Sizer(fonts, _measure_grid(table, table.rows), sizes)
    n_cols = max(len(r) for r in sizer.grid)
    size = sizes.largest
    while size > sizes.size:
        widths = sizer.column_widths(n_cols, width, size)
        if widths is not None:
            heights = [sizer.row_height(cells, widths, size) for cells in sizer.grid]
            if sum(heights) <= room:
                return TableLayout(size, widths, heights)
        size -= TABLE_FONT_STEP_PT
    return None


def paginate(
    heights: list[int],
    first_room: int,
    room: int,
    location: SourceLocation | None,
    sums: Sequence[bool] = (),
) -> tuple[list[tuple[int, int]], list[Problem]]:
    """Split the body rows into slides: (start, end) row indices, the header on every slide.

    A sum row (sums[i]) never starts a continued slide alone: the row above it goes along."""
    header, rows = heights[0], heights[1:]
    chunks: list[tuple[int, int]] = []
    start, used, available = 0, header, first_room
    overflow = False
    for index, height in enumerate(rows):
        if used + height > available and index > start:
            cut = index - 1 if index < len(sums) and sums[index] and index - 1 > start else index
            chunks.append((start, cut))
            start, used, available = cut, header + sum(rows[cut:index]), room
        used += height
        overflow = overflow or used > available
    chunks.append((start, len(rows)))
    if not overflow:
        return chunks, []
    return chunks, [
        Problem(
            location,
            "tabellen får ikke plass på lysbildet, selv fordelt på flere lysbilder; "
            "kort ned teksten over tabellen eller i cellene",
        )
    ]


def table_layout(
    fonts: Fonts,
    table: Table,
    rows: Sequence[Any],
    width: int,
    location: SourceLocation | None,
    sizes: TableSizes = DEFAULT_SIZES,
) -> tuple[TableLayout, list[Problem]]:
    """Column widths where no number or word breaks (smaller font if needed); warn if none."""
    grid = _measure_grid(table, rows)
    n_cols = max(len(r) for r in grid)
    sizer = _Sizer(fonts, grid, sizes)
    size = sizes.size
    while True:
        widths = sizer.column_widths(n_cols, width, size)
        if widths is not None or size <= sizes.smallest:
            break
        size = max(size - TABLE_FONT_STEP_PT, sizes.smallest)
    warnings: list[Problem] = []
    if widths is None:
        widths, warning = sizer.numbers_first(n_cols, width, size, location)
        warnings.append(warning)
    heights = [sizer.row_height(cells, widths, size) for cells in grid]
    return TableLayout(size, widths, heights), warnings


def _measure_grid(table: Table, rows: Sequence[Any]) -> list[list[Measure]]:
    """Every cell's text, weight and whether it must stay on one line (a number)."""
    grid = [[Measure(c.text, True, False) for c in table.header]]
    for row in rows:
        total = row.style in (RowStyle.TOTAL, RowStyle.SUBTOTAL)
        cells = []
        for c, cell in enumerate(row.cells):
            align = table.align[c] if c < len(table.align) else "left"
            whole = align != "left" or _NUMBER.fullmatch(cell.text.strip()) is not None
            bold = total or cell.bold or any(run.bold for run in cell.runs)
            cells.append(Measure(cell.text, bold, whole and bool(cell.text.strip())))
        grid.append(cells)
    return grid


class _Sizer:
    """Measures one table's cells with the brand's fonts to size its columns and rows."""

    def __init__(
        self, fonts: Fonts, grid: list[list[Measure]], sizes: TableSizes = DEFAULT_SIZES
    ) -> None:
        """Keep the fonts, the measured cells and the brand's cell padding."""
        self.fonts = fonts
        self.grid = grid
        self.sizes = sizes
        self.pad = 2 * sizes.pad_x

    def natural_width(self, column: int, size: float) -> float:
        """The width a column needs to show every cell on one line, with some room to spare."""
        widest = max(
            (
                self.fonts.width_pt(r[column].text, size, r[column].bold)
                for r in self.grid
                if column < len(r)
            ),
            default=0.0,
        )
        return widest * POINT_EMU + self.pad + CELL_SLACK_EMU

    def min_width(self, column: int, size: float) -> float:
        """The narrowest a column can be: no number and no single word broken."""
        widest = 0.0
        for cells in self.grid:
            if column >= len(cells):
                continue
            cell = cells[column]
            needed = (
                self.fonts.width_pt(cell.text, size, cell.bold)
                if cell.whole
                else self.fonts.widest_word_pt(cell.text, size, cell.bold)
            )
            widest = max(widest, needed)
        return widest * POINT_EMU + self.pad + CELL_SAFETY_EMU

    def is_text(self, column: int) -> bool:
        """Whether a column holds wrapping text in its body (a label column), not only numbers."""
        return any(
            column < len(cells) and cells[column].text.strip() and not cells[column].whole
            for cells in self.grid[1:]
        )

    def column_widths(self, n_cols: int, total: int, size: float) -> list[int] | None:
        """Widths from one-line cell widths, else wrapping headers and labels; None: too wide."""
        natural = [self.natural_width(c, size) for c in range(n_cols)]
        if sum(natural) <= total:
            return _spread(natural, total)
        least = [
            max(self.min_width(c, size), min(LABEL_MIN_EMU, natural[c]))
            if self.is_text(c)
            else self.min_width(c, size)
            for c in range(n_cols)
        ]
        if sum(least) > total:
            return None
        want = [
            natural[c] if self.is_text(c) else self.numbers_width(c, size, least[c])
            for c in range(n_cols)
        ]
        if sum(want) <= total:  # labels on one line first; what is left unwraps the headers
            return _share(want, natural, total)
        return _share(least, want, total)

    def numbers_width(self, column: int, size: float, least: float) -> float:
        """A number column's comfortable width: its widest number with room to spare."""
        widest = max(
            (
                self.fonts.width_pt(r[column].text, size, r[column].bold)
                for r in self.grid[1:]
                if column < len(r) and r[column].whole
            ),
            default=0.0,
        )
        return max(least, widest * POINT_EMU + self.pad + CELL_SLACK_EMU)

    def numbers_first(
        self, n_cols: int, total: int, size: float, location: SourceLocation | None
    ) -> tuple[list[int], Problem]:
        """At the smallest font: numbers keep their width, text columns share the rest (warned)."""
        natural = [self.natural_width(c, size) for c in range(n_cols)]
        least = [self.min_width(c, size) for c in range(n_cols)]
        text = [self.is_text(c) for c in range(n_cols)]
        floor = [min(LABEL_MIN_EMU, natural[c]) if text[c] else least[c] for c in range(n_cols)]
        if any(text) and sum(floor) <= total:
            header = self.grid[0]
            names = ", ".join(
                f"«{header[c].text}»" if c < len(header) else str(c + 1)
                for c in range(n_cols)
                if text[c]
            )
            return _share(floor, natural, total), Problem(
                location,
                f"tabellen er så bred at lange ord i kolonnen {names} blir delt, selv med "
                f"minste skriftstørrelse ({self.sizes.smallest:g} pt); bruk kortere ord "
                "eller færre kolonner",
            )
        return _spread(least, total), Problem(
            location,
            "tabellen er for bred for lysbildet selv med minste skriftstørrelse "
            f"({self.sizes.smallest:g} pt), så tall blir delt; "
            "bruk færre eller kortere kolonner",
        )

    def row_height(self, cells: list[Measure], widths: list[int], size: float) -> int:
        """A row's height: the most lines any of its cells wraps to, at least the standard row."""
        most = 1
        for column, cell in enumerate(cells[: len(widths)]):
            room = widths[column] - self.pad - (0 if cell.whole else CELL_WRAP_SAFETY_EMU)
            most = max(most, wrapped_lines(self.fonts, Line(cell.text, size, cell.bold), room))
        text = most * self.fonts.line_height_pt(size, True) * POINT_EMU + 2 * self.sizes.pad_y
        standard = TABLE_ROW_EMU * size / TABLE_FONT_PT
        return int(max(text + CELL_SAFETY_EMU if most > 1 else text, standard))


def _spread(widths: Sequence[float], total: int) -> list[int]:
    """Scale widths to add up to total exactly (the first column takes the rounding)."""
    scale = total / sum(widths)
    out = [int(w * scale) for w in widths]
    out[0] += total - sum(out)
    return out


def _share(least: Sequence[float], natural: Sequence[float], total: int) -> list[int]:
    """Give each column its least width plus a share of the rest by how much more it wants."""
    slack = [max(n - m, 0.0) for n, m in zip(natural, least, strict=True)]
    extra = (total - sum(least)) / sum(slack) if sum(slack) else 0.0
    return _spread([m + s * extra for m, s in zip(least, slack, strict=True)], total)


def continued_title(title: str, word: str, number: int) -> str:
    """The title of a table's `number`th continued slide: «Tittel (forts.)», then «Tittel
    (forts. 2)», «Tittel (forts. 3)» – every slide title distinct, as screen readers need."""
    if number == 1:
        return f"{title} {word}"
    if word.endswith(")"):
        return f"{title} {word[:-1]} {number})"
    return f"{title} {word} {number}"
