"""Columns on a slide: their headings in one style and size, their text in one size, and the
text that does not fit at the brand's floor split over «(forts.)» slides."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pptx.dml.color import RGBColor
from pptx.util import Emu

from deckgen.colours import WHITE, text_colour
from deckgen.errors import DeckgenError, Problem, SourceLocation
from deckgen.model import (
    Chart,
    Column,
    FactBox,
    Heading,
    KeyFigures,
    Paragraph,
    Picture,
    Schedule,
    Subheading,
    Table,
    Text,
)
from deckgen.textfit import Fonts
from deckgen.writers import pptx_blocks, pptx_xml
from deckgen.writers.pptx_chart import draw_chart
from deckgen.writers.pptx_plan import (
    GAP_EMU,
    INSET_EMU,
    Box,
    Typography,
    lines,
    paragraphs,
    split_text,
)
from deckgen.writers.pptx_table import draw_table
from deckgen.writers.pptx_tablesize import TableSizes, table_layout
from deckgen.writers.pptx_text import body_fit, box_of, level_indents, level_sizes

HEAD_EMU = int(0.55 * 914400)
"""The height of a column heading drawn above a column whose layout has no heading field."""
LeadText = Callable[[Any, list[Paragraph], Box, SourceLocation], int]
"""Writes text at the top of a box on a slide and returns the height it takes."""


def column_text(column: Column) -> list[Paragraph] | None:
    """A column of only text as paragraphs; None for a column with tables or pictures."""
    if not all(isinstance(b, Text | Schedule | Subheading) for b in column.blocks):
        return None
    return paragraphs(column.blocks)


def heading_above(slide: Any, body: Any, master: Any) -> Any:
    """A heading text box over the top of a column's body, which moves down to make room."""
    x, y, w, h = box_of(body)
    shape = slide.shapes.add_textbox(Emu(x), Emu(y), Emu(w), Emu(HEAD_EMU))
    shape.name = "Kolonnetittel"
    shape.text_frame.word_wrap = True
    pptx_xml.copy_body_style(master, shape.text_frame)
    pptx_xml.read_before(shape, body)  # a screen reader reads the heading first
    body.left, body.top, body.width = Emu(x), Emu(y + HEAD_EMU), Emu(w)
    body.height = Emu(max(h - HEAD_EMU, 0))
    return shape


def style_heading(shape: Any, style: Typography) -> None:
    """A column heading in the brand's heading style: bold, its heading font, its primary
    colour made readable on the slide's white."""
    for paragraph in shape.text_frame.paragraphs:
        for run in paragraph.runs:
            size = run.font.size.pt if run.font.size else style.heading_pt or 20.0
            run.font.bold = True
            run.font.name = style.font
            colour = text_colour(style.colour, WHITE, size, True)
            run.font.color.rgb = RGBColor.from_string(colour)


def column_parts(
    fonts: Fonts, texts: list[list[Paragraph] | None], bodies: list[Any], style: Typography
) -> list[list[list[Paragraph]]]:
    """Each column's text on each slide: all of it on one slide when every column fits at the
    floor; else each split where it fills its box at full size (columns with tables or
    pictures stay on the first slide)."""
    fits = all(
        body_fit(body, text, fonts, style).fits
        for text, body in zip(texts, bodies, strict=True)
        if text
    )
    if fits:
        return [[text] if text else [] for text in texts]
    parts: list[list[list[Paragraph]]] = []
    for text, body in zip(texts, bodies, strict=True):
        if not text:
            parts.append([])
            continue
        sizes, _ = level_sizes(body)
        measured = lines(text, sizes, level_indents(body), style.subheading_pt)
        _, _, w, h = box_of(body)
        chunks = split_text(fonts, text, measured, w - 2 * INSET_EMU, h - INSET_EMU)
        parts.append([text[start:end] for start, end in chunks])
    return parts


def column_blocks(
    slide: Any,
    body: Any,
    column: Column,
    location: SourceLocation,
    brand: Any,
    fonts: Fonts,
    warnings: list[Problem],
    lead_text: LeadText,
) -> None:
    """Fill one column of tables, pictures and text: its blocks stacked in its shape's box."""
    where = column.location or location
    x, y, w, h = box_of(body)
    bottom = y + h
    pptx_xml.remove_shape(body)
    for number, block in enumerate(column.blocks):
        box = (x, y, w, bottom - y)
        y += _column_block(
            slide, column, number, block, box, where, brand, fonts, warnings, lead_text
        )


def _column_block(
    slide: Any,
    column: Column,
    number: int,
    block: Any,
    box: Box,
    where: SourceLocation,
    brand: Any,
    fonts: Fonts,
    warnings: list[Problem],
    lead_text: LeadText,
) -> int:
    """Draw one block of a column at the top of box; return the height it and a gap take."""
    x, y, w, rest = box
    if isinstance(block, Table):
        place = block.location or where
        sizes = TableSizes.of(brand.lysbilder.tabell)  # the brand's padding, at its usual size
        layout, found = table_layout(fonts, block, block.rows, w, place, sizes)
        warnings.extend(found)
        used = draw_table(slide, brand, block, box, block.rows, layout, 0)
        if used > rest:
            warnings.append(
                Problem(place, "tabellen får ikke plass i kolonnen; gi den et eget lysbilde")
            )
        return used + GAP_EMU
    if isinstance(block, Text | Schedule | Subheading):
        return lead_text(slide, paragraphs([block]), box, where) + GAP_EMU
    if isinstance(block, Picture | Chart):
        later = column.blocks[number + 1 :]
        pictures = sum(isinstance(b, Picture | Chart) for b in later)
        share = rest // (1 + pictures + (len(later) > pictures))  # text shares a part
        if isinstance(block, Chart):
            draw_chart(slide, block, (x, y, w, share), brand)
        else:
            pptx_blocks.picture_in(slide, block, (x, y, w, share))
        return share + GAP_EMU
    raise DeckgenError.at(
        getattr(block, "location", None) or where,
        f"{block_name(block)} kan ikke stå i en kolonne; gi det et eget lysbilde",
    )


def block_name(block: Any) -> str:
    """The Norwegian name of a kind of block, for messages."""
    names = {KeyFigures: "nøkkeltall", Schedule: "en tidsplan", Heading: "en overskrift"}
    return names.get(type(block), "en faktaboks" if isinstance(block, FactBox) else "innholdet")
