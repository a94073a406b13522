"""The pure slide plan: layout choice, text measures, table slides and their continuations."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from deckgen.brand import Brand
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
from deckgen.textfit import POINT_EMU, Fonts, Line, height_pt
from deckgen.writers.pptx_tablesize import (
    DEFAULT_SIZES,
    TABLE_FONT_PT,
    TABLE_FONT_STEP_PT,
    TABLE_ROW_EMU,
    Sizer,
    TableLayout,
    TableSizes,
    measure_grid,
    table_layout,
)

LEVEL_SIZES = {0: 20.0, 1: 20.0, 2: 18.0, 3: 16.0}
TITLE_PT = 28.0
"""A title's size when neither the brand nor the template gives one."""
HEADING_PT = 20.0
"""A column heading's size when neither the brand nor the template gives one."""
INSET_EMU = 91440
GAP_EMU = int(0.15 * 914400)
LEAD_SHARE = 0.5
"""At most this share of the content area goes to text above a table or columns."""
CAPTION_EMU = int(0.45 * 914400)

Box = tuple[int, int, int, int]


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


def layout_key(slide: Slide) -> str:
    """The key in the brand's «oppsett» of the layout a slide is drawn on."""
    if slide.kind is SlideKind.COLUMNS:
        columns = next(b for b in slide.blocks if isinstance(b, Columns)).columns
        if len(columns) == 2 and any(c.heading for c in columns):
            return "to_kolonner_med_titler"
        return "tre_kolonner" if len(columns) == 3 else "to_kolonner"
    return _KIND_KEYS.get(slide.kind, "punkter")


def fewest_text_slides(slides: Sequence[Slide], room: int, floor: float) -> int:
    """The «(forts.)» slides a deck's text needs at least (beyond one per slide): every
    paragraph takes a line at the smallest size text may have, and a slide holds only so many
    lines; an upper bound is drawn from this before any text is laid out."""
    line = LEVEL_SIZES[1] * floor * 1.2 * POINT_EMU
    per_slide = max(int(room // line), 1)
    extra = 0
    for slide in slides:
        columns = [c for b in slide.blocks if isinstance(b, Columns) for c in b.columns]
        count = len(paragraphs(slide.blocks)) + sum(len(paragraphs(c.blocks)) for c in columns)
        extra += max(math.ceil(count / (per_slide * max(len(columns), 1))) - 1, 0)
    return extra


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
    sizer = Sizer(fonts, measure_grid(table, table.rows), sizes)
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


def continued_title(title: str, word: str, number: int) -> str:
    """The title of a table's `number`th continued slide: «Tittel (forts.)», then «Tittel
    (forts. 2)», «Tittel (forts. 3)» – every slide title distinct, as screen readers need."""
    if number == 1:
        return f"{title} {word}"
    if word.endswith(")"):
        return f"{title} {word[:-1]} {number})"
    return f"{title} {word} {number}"


def continued_note(title: str, location: SourceLocation, extra: int, word: str) -> Problem:
    """The note that a slide did not fit on one and continues on `extra` more."""
    last = continued_title(title, word, extra)
    more = "ett lysbilde til" if extra == 1 else f"{extra} lysbilder til"
    named = f"«{last}»" if extra == 1 else f"«{continued_title(title, word, 1)}» … «{last}»"
    return Problem(
        location,
        f"«{title}» får ikke plass på ett lysbilde og fortsetter på {more} ({named}); "
        "del innholdet selv om du vil bestemme hvor det deles",
    )


def typography(brand: Brand) -> Typography:
    """The brand's text sizes by role on slides, its floors and its heading style."""
    sizes = brand.lysbilder.skriftstørrelser
    return Typography(
        title_pt=sizes.tittel,
        heading_pt=sizes.kolonnetittel,
        subheading_pt=sizes.mellomtittel,
        min_text=sizes.minste_tekst / 100,
        min_title=sizes.minste_tittel / 100,
        colour=brand.farger.primær,
        font=brand.skrift.overskrift,
    )
