"""Deck → .pptx through the brand's template; the only module that imports python-pptx."""

from __future__ import annotations

import copy
import io
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE, PP_PLACEHOLDER
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from deckgen.brand import Brand
from deckgen.errors import DeckgenError, Problem, SourceLocation
from deckgen.model import (
    Cell,
    Column,
    Columns,
    Deck,
    FactBox,
    Heading,
    KeyFigure,
    KeyFigures,
    Paragraph,
    Picture,
    RowStyle,
    Run,
    Schedule,
    Slide,
    SlideKind,
    Table,
    Text,
)
from deckgen.numbers import format_date
from deckgen.output import LANGUAGE, normalise_zip, set_core_properties
from deckgen.textfit import (
    POINT_EMU,
    Fonts,
    Line,
    fit_scale,
    height_pt,
    words_too_wide,
    wrapped_lines,
)

LEVEL_SIZES = {0: 20.0, 1: 20.0, 2: 18.0, 3: 16.0}
TITLE_PT = 28.0
HEADING_PT = 20.0
ONE_LINE_MIN_SCALE = 0.8
SCHEDULE_DATE_EMU = int(1.9 * 914400)
MIN_TEXT_SCALE = 0.7
INSET_EMU = 91440
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
GAP_EMU = int(0.15 * 914400)
LEAD_SHARE = 0.5
"""At most this share of the content area goes to text above a table or columns."""
TABLE_ROW_EMU = int(0.42 * 914400)
CAPTION_EMU = int(0.45 * 914400)
KEY_VALUE_PT = 40.0
KEY_VALUE_MIN_PT = 20.0
CARD_MARGIN_EMU = int(0.2 * 914400)
CARD_SAFETY_EMU = int(0.2 * 914400)
"""Room a key figure's value leaves in its card beyond the margins, for renderer differences."""
SUBTOTAL_TINT = 0.16
TOTAL_TINT = 0.32
"""Share of the brand's primary colour in the fill of subtotal and total rows (rest white)."""
TOTAL_BORDER_EMU = 25400
SLIDE_NUMBER_FIELD_ID = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"

Box = tuple[int, int, int, int]
_NUMBER = re.compile(r"[-−+–]?\s?[\d.,\s]*\d[\d.,]*\s?%?")


@dataclass
class TableLayout:
    """A table's font size, column widths and the height of each row (header first)."""

    size: float
    widths: list[int]
    heights: list[int]


@dataclass
class _TablePlan:
    """A table slide laid out before it is drawn: its rows on each of its slides."""

    table: Table
    lead: list[Paragraph]
    layout: TableLayout
    chunks: list[tuple[int, int]]
    """(start, end) body rows of each slide; more than one: «(forts.)» slides follow."""
    layout_warnings: list[Problem]
    page_warnings: list[Problem]
    """What laying out and splitting the table warned about, given out as it is drawn."""


@dataclass(frozen=True)
class _Measure:
    """One table cell as measured: its text, whether it is bold and whether it never wraps."""

    text: str
    bold: bool
    whole: bool


class PptxWriter:
    """Renders one deck with one brand; collects warnings about text that does not fit."""

    def __init__(self, brand: Brand) -> None:
        self.brand = brand
        self.prs = Presentation(str(brand.file(brand.pptx_mal)))
        self.layouts = {layout.name: layout for layout in self.prs.slide_layouts}
        self.fonts = Fonts(brand.file(brand.skrift.fil_vanlig), brand.file(brand.skrift.fil_fet))
        self.warnings: list[Problem] = []
        self.shrunk: list[Problem] = []
        self.colours = brand.farger
        self._plans: dict[int, _TablePlan] = {}

    def write(self, deck: Deck, max_slides: int | None = None) -> bytes:
        """Render the deck and return the .pptx bytes; refuse more than max_slides slides."""
        if max_slides is not None:
            self._check_slide_count(deck, max_slides)
        self._title_slide(deck)
        for slide in deck.slides:
            self._slide(slide)
        self._properties(deck)
        buffer = io.BytesIO()
        self.prs.save(buffer)
        return normalise_zip(buffer.getvalue())

    @property
    def slide_count(self) -> int:
        """How many slides have been written (continued tables count every slide)."""
        return len(self.prs.slides)

    def _check_slide_count(self, deck: Deck, limit: int) -> None:
        """Refuse a deck of more than limit slides, continued tables counted, before drawing any.

        A bound from the smallest possible row height refuses at once; else the tables are laid
        out (as writing them will) until the count passes the limit.
        """
        tables = [slide for slide in deck.slides if slide.kind is SlideKind.TABLE]
        planned = 1 + len(deck.slides) - len(tables)  # the title slide and one per other slide
        fewest = planned + sum(self._fewest_slides(slide) for slide in tables)
        if fewest <= limit:
            for slide in tables:
                planned += len(self._table_plan(slide).chunks)
                if planned > limit:
                    break
        if max(fewest, planned) > limit:
            from decimal import Decimal

            from deckgen.numbers import format_number

            shown = format_number(Decimal(limit))
            raise DeckgenError.at(
                deck.location,
                f"presentasjonen blir på mer enn {shown} lysbilder (en lang tabell fortsetter på "
                f"«(forts.)»-lysbilder, og hvert av dem teller); høyst {shown} kan bygges. Del "
                "den i flere presentasjoner, eller gjør tabellene kortere",
            )

    def _fewest_slides(self, slide: Slide) -> int:
        """The fewest slides a table can take: every row as low as the smallest font allows."""
        table = next(b for b in slide.blocks if isinstance(b, Table))
        room = self._content_box()[3] - (CAPTION_EMU if table.caption else 0)
        lowest = int(TABLE_ROW_EMU * TABLE_MIN_FONT_PT / TABLE_FONT_PT)
        per_slide = max(1, (room - lowest) // lowest)
        return max(1, math.ceil(len(table.rows) / per_slide))

    # -- slides -------------------------------------------------------------------------

    def _fill_heading(
        self,
        shape: Any,
        text: str,
        size: float,
        location: SourceLocation | None,
        keep_size: bool = False,
    ) -> None:
        """Write a title or heading; shrink it to one line or to fit its box; warn if not."""
        paragraph = [Paragraph([Run(text)])]
        x, y, w, h = _box(shape)
        width = w - 2 * INSET_EMU
        lines = [Line(text, size, True)]
        if keep_size:
            _, fits = fit_scale(self.fonts, lines, width, h - INSET_EMU, 1.0)
            self._heading_warning(fits, text, location)
            self._set_text(shape.text_frame, paragraph)
            return
        scale = 1.0
        one_line = self.fonts.width_pt(text, size, True) * 12700
        if one_line > width:
            scale = width / one_line
            if scale < ONE_LINE_MIN_SCALE:
                scale, fits = fit_scale(self.fonts, lines, width, h - INSET_EMU, 0.6)
                self._heading_warning(fits, text, location)
        self._set_text(shape.text_frame, paragraph, None, size * scale if scale < 1 else None)

    def _heading_warning(self, fits: bool, text: str, location: SourceLocation | None) -> None:
        """Warn about a title or heading that does not fit its box even at the smallest size."""
        if fits:
            return
        shown = text if len(text) <= 40 else f"{text[:40]}…"
        problem = Problem(
            location,
            f"overskriften «{shown}» får ikke plass på lysbildet selv med minste "
            "skriftstørrelse; gjør den kortere",
        )
        if problem not in self.warnings:  # a continued table repeats its title
            self.warnings.append(problem)

    def _new(self, kind_key: str, title: str, location: SourceLocation | None = None) -> Any:
        name = getattr(self.brand.oppsett, kind_key)
        layout = self.layouts.get(name)
        if layout is None:
            raise DeckgenError.at(
                SourceLocation(self.brand.folder / "brand.yaml"),
                f"malen har ikke oppsettet «{name}» (for {kind_key}); "
                f"malen har: {', '.join(self.layouts)}",
            )
        slide = self.prs.slides.add_slide(layout)
        if slide.shapes.title is not None:
            self._fill_heading(
                slide.shapes.title,
                title,
                TITLE_PT,
                location,
                kind_key in ("tittel", "deloverskrift", "avslutning"),
            )
        self._add_slide_number(slide)
        return slide

    def _title_slide(self, deck: Deck) -> None:
        slide = self._new("tittel", deck.title, deck.location)
        meta = format_date(deck.date)
        if deck.committee and deck.committee != deck.subtitle:
            meta = f"{deck.committee} · {meta}"
        self._fill_or_remove(slide, 1, deck.subtitle)
        self._fill_or_remove(slide, 13, meta)

    def _slide(self, slide: Slide) -> None:
        kind = slide.kind
        if kind in (SlideKind.SECTION, SlideKind.CLOSING):
            key = "deloverskrift" if kind is SlideKind.SECTION else "avslutning"
            out = self._new(key, slide.title, slide.location)
            self._fill_or_remove(out, 1, slide.subtitle)
        elif kind is SlideKind.COLUMNS:
            out = self._columns(slide)
        elif kind is SlideKind.KEY_FIGURES:
            out = self._new("nøkkeltall", slide.title, slide.location)
            self._key_figures(out, [b for b in slide.blocks if isinstance(b, KeyFigures)])
        elif kind is SlideKind.TABLE:
            out = self._table_slides(slide)
        elif kind is SlideKind.PICTURE:
            out = self._new("bilde", slide.title, slide.location)
            picture = slide.blocks[0]
            assert isinstance(picture, Picture)
            self._picture(out, picture)
        elif kind is SlideKind.SCHEDULE:
            out = self._new("tidsplan", slide.title, slide.location)
            self._schedule(self._placeholder(out, 1), slide)
        else:
            out = self._new("punkter", slide.title, slide.location)
            body = self._placeholder(out, 1)
            self._fill_body(body, _paragraphs(slide.blocks), slide.location)
        if slide.notes:
            out.notes_slide.notes_text_frame.text = slide.notes
            for run in out.notes_slide.notes_text_frame._txBody.iter(qn("a:r")):
                run.get_or_add_rPr().set("lang", LANGUAGE)

    def _columns(self, slide: Slide) -> Any:
        group = next(b for b in slide.blocks if isinstance(b, Columns))
        lead = _paragraphs([b for b in slide.blocks if isinstance(b, Text)])
        columns = group.columns
        with_headings = any(c.heading for c in columns)
        if len(columns) == 2 and with_headings:
            out = self._new("to_kolonner_med_titler", slide.title, slide.location)
            self._lead_above(out, lead, (1, 2, 3, 4), slide.location)
            for column, (head_idx, body_idx) in zip(columns, ((1, 2), (3, 4)), strict=True):
                if column.heading:
                    self._fill_heading(
                        self._placeholder(out, head_idx),
                        column.heading,
                        HEADING_PT,
                        column.location or slide.location,
                    )
                else:
                    self._fill_or_remove(out, head_idx, "")
                self._column(out, body_idx, column, slide.location, heading_in_body=False)
            return out
        three = len(columns) == 3
        out = self._new("tre_kolonner" if three else "to_kolonner", slide.title, slide.location)
        self._lead_above(out, lead, (1, 2, 3) if three else (1, 2), slide.location)
        for index, column in enumerate(columns, start=1):
            self._column(out, index, column, slide.location, heading_in_body=True)
        return out

    def _lead_above(
        self, slide: Any, lead: list[Paragraph], indices: Sequence[int], location: SourceLocation
    ) -> None:
        """Write text above the columns and move the columns' placeholders down to make room."""
        if not lead:
            return
        holders = [self._placeholder(slide, idx) for idx in indices]
        boxes = [_box(h) for h in holders]
        left = min(b[0] for b in boxes)
        top = min(b[1] for b in boxes)
        right = max(b[0] + b[2] for b in boxes)
        bottom = max(b[1] + b[3] for b in boxes)
        box = (left, top, right - left, int((bottom - top) * LEAD_SHARE))
        shift = self._lead_text(slide, lead, box, location) + GAP_EMU
        for holder, (x, y, w, h) in zip(holders, boxes, strict=True):
            grows_down = y + h >= bottom
            holder.left, holder.top, holder.width = Emu(x), Emu(y + shift), Emu(w)
            holder.height = Emu(h - shift if grows_down else h)

    def _lead_height(self, paragraphs: list[Paragraph], width: int, most: int) -> int:
        """The height text above a table or columns takes, at most `most`."""
        lines = self._lines(paragraphs)
        needed = math.ceil(height_pt(self.fonts, lines, width - 2 * INSET_EMU) * 12700) + INSET_EMU
        return min(needed, most)

    def _lead_text(
        self, slide: Any, paragraphs: list[Paragraph], box: Box, location: SourceLocation
    ) -> int:
        """Write text at the top of box, only as tall as it needs; return its height."""
        x, y, w, h = box
        height = self._lead_height(paragraphs, w, h)
        shape = slide.shapes.add_textbox(Emu(x), Emu(y), Emu(w), Emu(height))
        shape.name = "Tekst"
        shape.text_frame.word_wrap = True
        self._body_list_style(shape)
        self._fill_body(shape, paragraphs, location)
        return height

    def _body_list_style(self, shape: Any) -> None:
        """Give a text box the master's body text style (bullets, sizes, colours, spacing)."""
        styles = self.prs.slide_master._element.find(qn("p:txStyles"))
        body_style = styles.find(qn("p:bodyStyle")) if styles is not None else None
        list_style = shape.text_frame._txBody.find(qn("a:lstStyle"))
        if body_style is None or list_style is None:
            return
        for level in body_style:
            list_style.append(copy.deepcopy(level))

    def _column(
        self, slide: Any, idx: int, column: Column, location: SourceLocation, heading_in_body: bool
    ) -> None:
        body = self._placeholder(slide, idx)
        where = column.location or location
        if all(isinstance(b, Text | Schedule) for b in column.blocks):
            paragraphs = _paragraphs(column.blocks)
            if column.heading and heading_in_body:
                paragraphs = [Paragraph([Run(column.heading, bold=True)], 0)] + paragraphs
            self._fill_body(body, paragraphs, where)
            return
        x, y, w, h = _box(body)
        bottom = y + h
        body._element.getparent().remove(body._element)
        if column.heading and heading_in_body:
            self._textbox(
                slide, (x, y, w, int(0.5 * 914400)), column.heading, 20, True, self.colours.primær
            )
            y += int(0.6 * 914400)
        for number, block in enumerate(column.blocks):
            rest = bottom - y
            if isinstance(block, Table):
                layout = self._table_layout(block, block.rows, w, block.location or where)
                used = self._table(slide, block, (x, y, w, rest), block.rows, layout, 0)
                if used > rest:
                    self.warnings.append(
                        Problem(
                            block.location or where,
                            "tabellen får ikke plass i kolonnen; gi den et eget lysbilde",
                        )
                    )
                y += used + GAP_EMU
            elif isinstance(block, Text | Schedule):
                y += self._lead_text(slide, _paragraphs([block]), (x, y, w, rest), where)
                y += GAP_EMU
            elif isinstance(block, Picture):
                later = column.blocks[number + 1 :]
                pictures = sum(isinstance(b, Picture) for b in later)
                share = rest // (1 + pictures + (len(later) > pictures))  # text shares a part
                self._picture_in(slide, block, (x, y, w, share))
                y += share + GAP_EMU
            else:
                raise DeckgenError.at(
                    getattr(block, "location", None) or where,
                    f"{_block_name(block)} kan ikke stå i en kolonne; gi det et eget lysbilde",
                )

    def _schedule(self, body: Any, slide: Slide) -> None:
        """Dates in the brand colour, the event beside them; wrapped lines hang under the event."""
        entries = [e for b in slide.blocks if isinstance(b, Schedule) for e in b.entries]
        x, y, w, h = _box(body)
        widest = max(
            (self.fonts.width_pt(e.when, LEVEL_SIZES[1], True) for e in entries), default=0.0
        )
        # The date column fits the longest date («11. februar 2025»), up to 45 % of the box.
        gap = int(0.3 * 914400)
        date_emu = min(max(SCHEDULE_DATE_EMU, int(widest * POINT_EMU) + gap), int(w * 0.45))
        text_width = w - 2 * INSET_EMU - date_emu
        lines = [
            Line("".join(r.text for r in e.what), LEVEL_SIZES[1], False, 0, 10.0) for e in entries
        ]
        scale, fits = fit_scale(self.fonts, lines, text_width, h - INSET_EMU, MIN_TEXT_SCALE)
        if not fits:
            self.warnings.append(Problem(slide.location, "tidsplanen får ikke plass på lysbildet"))
        frame = body.text_frame
        frame.clear()
        size = LEVEL_SIZES[1] * scale
        for index, entry in enumerate(entries):
            paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            ppr = paragraph._p.get_or_add_pPr()
            ppr.set("marL", str(date_emu))
            ppr.set("indent", str(-date_emu))
            etree.SubElement(ppr, qn("a:buNone"))
            tabs = etree.SubElement(ppr, qn("a:tabLst"))
            etree.SubElement(tabs, qn("a:tab"), pos=str(date_emu), algn="l")
            paragraph.space_before = Pt(10 * scale if index else 0)
            self._run(paragraph, entry.when + "\t", size, True, False, self.colours.primær)
            for run in entry.what:
                _no_footnote(run, entry.location)
                self._run(paragraph, run.text, size, run.bold, run.italic, None, run.link)

    def _key_figures(self, slide: Any, groups: list[KeyFigures]) -> None:
        items = [item for group in groups for item in group.items]
        x0, y0, width, height = self._content_box()
        gap = int(0.35 * 914400)
        card_w = (width - gap * (len(items) - 1)) // len(items)
        card_h = int(3.2 * 914400)
        top = y0 + (height - card_h) // 2
        value_size = self._key_figure_size(items, card_w)
        for i, item in enumerate(items):
            left = x0 + i * (card_w + gap)
            card = slide.shapes.add_shape(
                MSO_SHAPE.ROUNDED_RECTANGLE, Emu(left), Emu(top), Emu(card_w), Emu(card_h)
            )
            card.adjustments[0] = 0.06
            card.fill.solid()
            card.fill.fore_color.rgb = RGBColor.from_string(self.colours.lys)
            card.line.fill.background()
            card.shadow.inherit = False
            frame = card.text_frame
            frame.word_wrap = True
            # Values line up across the cards, however many lines their explanations take.
            frame.vertical_anchor = MSO_ANCHOR.TOP
            frame.margin_top = Emu(int(0.75 * 914400))
            for side in ("margin_left", "margin_right"):
                setattr(frame, side, Emu(CARD_MARGIN_EMU))
            value = frame.paragraphs[0]
            value.alignment = PP_ALIGN.CENTER
            self._run(value, item.value, value_size, True, False, self.colours.primær)
            label = frame.add_paragraph()
            label.alignment = PP_ALIGN.CENTER
            label.space_before = Pt(8)
            self._run(label, item.label, 16, False, False, self.colours.tekst)
            card.name = f"Nøkkeltall {i + 1}"

    def _key_figure_size(self, items: Sequence[KeyFigure], card_w: int) -> float:
        """One value size for all cards: the largest at which every value fits on one line."""
        room = (card_w - 2 * CARD_MARGIN_EMU - CARD_SAFETY_EMU) / POINT_EMU
        size = KEY_VALUE_PT
        while size > KEY_VALUE_MIN_PT:
            if all(self.fonts.width_pt(i.value, size, True) <= room for i in items):
                return size
            size -= 2.0
        for item in items:
            if self.fonts.width_pt(item.value, size, True) > room:
                self.warnings.append(
                    Problem(
                        item.location,
                        f"nøkkeltallet «{item.value}» får ikke plass på én linje i kortet, selv "
                        f"med minste skriftstørrelse ({KEY_VALUE_MIN_PT:g} pt); skriv det kortere "
                        "eller bruk færre nøkkeltall",
                    )
                )
        return size

    def _table_slides(self, slide: Slide) -> Any:
        """A table with optional text above it; continued on «(forts.)» slides if it is long.

        Returns the first of the slides, which gets the speaker notes.
        """
        plan = self._table_plan(slide)
        table, lead, layout = plan.table, plan.lead, plan.layout
        x, y, w, h = self._content_box()
        self.warnings.extend(plan.layout_warnings)
        first = out = self._new("tabell", slide.title, slide.location)
        top = y
        if lead:
            top += self._lead_text(out, lead, (x, y, w, int(h * LEAD_SHARE)), slide.location)
            top += GAP_EMU
        self.warnings.extend(plan.page_warnings)
        for number, (start, end) in enumerate(plan.chunks):
            if number:
                out = self._new("tabell", f"{slide.title} (forts.)", slide.location)
                top = y
            self._table(out, table, (x, top, w, y + h - top), table.rows[start:end], layout, start)
        return first  # the speaker notes go with the slide the table starts on

    def _table_plan(self, slide: Slide) -> _TablePlan:
        """Lay a table slide out once (column widths, row heights, rows on each slide).

        The warnings it gives are kept in the plan, so they come in the order the slides do.
        """
        plan = self._plans.get(id(slide))
        if plan is not None:
            return plan
        before = len(self.warnings)
        index = next(i for i, b in enumerate(slide.blocks) if isinstance(b, Table))
        table = slide.blocks[index]
        assert isinstance(table, Table)  # the reader refuses text under the table
        lead = _paragraphs(slide.blocks[:index])
        where = table.location or slide.location
        x, y, w, h = self._content_box()
        layout = self._table_layout(table, table.rows, w, where)
        layout_warnings = self.warnings[before:]
        del self.warnings[before:]
        caption = CAPTION_EMU if table.caption else 0
        top = y
        if lead:
            top += self._lead_height(lead, w, int(h * LEAD_SHARE)) + GAP_EMU
        chunks = self._paginate(layout.heights, y + h - top - caption, h - caption, where)
        page_warnings = self.warnings[before:]
        del self.warnings[before:]
        plan = _TablePlan(table, lead, layout, chunks, layout_warnings, page_warnings)
        self._plans[id(slide)] = plan
        return plan

    def _paginate(
        self, heights: list[int], first_room: int, room: int, location: SourceLocation | None
    ) -> list[tuple[int, int]]:
        """Split the body rows into slides: (start, end) row indices, the header on every slide."""
        header, rows = heights[0], heights[1:]
        chunks: list[tuple[int, int]] = []
        start, used, available = 0, header, first_room
        overflow = False
        for index, height in enumerate(rows):
            if used + height > available and index > start:
                chunks.append((start, index))
                start, used, available = index, header, room
            used += height
            overflow = overflow or used > available
        chunks.append((start, len(rows)))
        if overflow:
            self.warnings.append(
                Problem(
                    location,
                    "tabellen får ikke plass på lysbildet, selv fordelt på flere lysbilder; "
                    "kort ned teksten over tabellen eller i cellene",
                )
            )
        return chunks

    def _table_layout(
        self, table: Table, rows: Sequence[Any], width: int, location: SourceLocation | None
    ) -> TableLayout:
        """Column widths where no number or word breaks (smaller font if needed); warn if none."""
        grid = self._measure_grid(table, rows)
        n_cols = max(len(r) for r in grid)
        size = TABLE_FONT_PT
        while True:
            widths = self._column_widths(grid, n_cols, width, size)
            if widths is not None or size <= TABLE_MIN_FONT_PT:
                break
            size -= TABLE_FONT_STEP_PT
        if widths is None:
            widths = self._numbers_first(grid, n_cols, width, size, location)
        heights = [self._row_height(cells, widths, size) for cells in grid]
        return TableLayout(size, widths, heights)

    def _measure_grid(self, table: Table, rows: Sequence[Any]) -> list[list[_Measure]]:
        """Every cell's text, weight and whether it must stay on one line (a number)."""
        grid = [[_Measure(c.text, True, False) for c in table.header]]
        for row in rows:
            total = row.style in (RowStyle.TOTAL, RowStyle.SUBTOTAL)
            cells = []
            for c, cell in enumerate(row.cells):
                align = table.align[c] if c < len(table.align) else "left"
                whole = align != "left" or _NUMBER.fullmatch(cell.text.strip()) is not None
                bold = total or cell.bold or any(run.bold for run in cell.runs)
                cells.append(_Measure(cell.text, bold, whole and bool(cell.text.strip())))
            grid.append(cells)
        return grid

    def _natural_width(self, grid: list[list[_Measure]], column: int, size: float) -> float:
        """The width a column needs to show every cell on one line, with some room to spare."""
        widest = max(
            (
                self.fonts.width_pt(r[column].text, size, r[column].bold)
                for r in grid
                if column < len(r)
            ),
            default=0.0,
        )
        return widest * POINT_EMU + 2 * CELL_MARGIN_X + CELL_SLACK_EMU

    def _min_width(self, grid: list[list[_Measure]], column: int, size: float) -> float:
        """The narrowest a column can be: no number and no single word broken."""
        widest = 0.0
        for cells in grid:
            if column >= len(cells):
                continue
            cell = cells[column]
            needed = (
                self.fonts.width_pt(cell.text, size, cell.bold)
                if cell.whole
                else self.fonts.widest_word_pt(cell.text, size, cell.bold)
            )
            widest = max(widest, needed)
        return widest * POINT_EMU + 2 * CELL_MARGIN_X + CELL_SAFETY_EMU

    def _column_widths(
        self, grid: list[list[_Measure]], n_cols: int, total: int, size: float
    ) -> list[int] | None:
        """Widths from one-line cell widths, else wrapping headers and labels; None: too wide."""
        natural = [self._natural_width(grid, c, size) for c in range(n_cols)]
        if sum(natural) <= total:
            return _spread(natural, total)
        least = [
            max(self._min_width(grid, c, size), min(LABEL_MIN_EMU, natural[c]))
            if _is_text_column(grid, c)
            else self._min_width(grid, c, size)
            for c in range(n_cols)
        ]
        if sum(least) > total:
            return None
        want = [
            natural[c] if _is_text_column(grid, c) else self._numbers_width(grid, c, size, least[c])
            for c in range(n_cols)
        ]
        if sum(want) <= total:  # labels on one line first; what is left unwraps the headers
            return _share(want, natural, total)
        return _share(least, want, total)

    def _numbers_width(
        self, grid: list[list[_Measure]], column: int, size: float, least: float
    ) -> float:
        """A number column's comfortable width: its widest number with room to spare."""
        widest = max(
            (
                self.fonts.width_pt(r[column].text, size, r[column].bold)
                for r in grid[1:]
                if column < len(r) and r[column].whole
            ),
            default=0.0,
        )
        return max(least, widest * POINT_EMU + 2 * CELL_MARGIN_X + CELL_SLACK_EMU)

    def _numbers_first(
        self,
        grid: list[list[_Measure]],
        n_cols: int,
        total: int,
        size: float,
        location: SourceLocation | None,
    ) -> list[int]:
        """At the smallest font: numbers keep their width, text columns share the rest (warned)."""
        natural = [self._natural_width(grid, c, size) for c in range(n_cols)]
        least = [self._min_width(grid, c, size) for c in range(n_cols)]
        text = [_is_text_column(grid, c) for c in range(n_cols)]
        floor = [min(LABEL_MIN_EMU, natural[c]) if text[c] else least[c] for c in range(n_cols)]
        if any(text) and sum(floor) <= total:
            names = ", ".join(
                f"«{grid[0][c].text}»" if c < len(grid[0]) else str(c + 1)
                for c in range(n_cols)
                if text[c]
            )
            self.warnings.append(
                Problem(
                    location,
                    f"tabellen er så bred at lange ord i kolonnen {names} blir delt, selv med "
                    f"minste skriftstørrelse ({TABLE_MIN_FONT_PT:g} pt); bruk kortere ord "
                    "eller færre kolonner",
                )
            )
            return _share(floor, natural, total)
        self.warnings.append(
            Problem(
                location,
                "tabellen er for bred for lysbildet selv med minste skriftstørrelse "
                f"({TABLE_MIN_FONT_PT:g} pt), så tall blir delt; "
                "bruk færre eller kortere kolonner",
            )
        )
        return _spread(least, total)

    def _row_height(self, cells: list[_Measure], widths: list[int], size: float) -> int:
        """A row's height: the most lines any of its cells wraps to, at least the standard row."""
        most = 1
        for column, cell in enumerate(cells[: len(widths)]):
            room = widths[column] - 2 * CELL_MARGIN_X - (0 if cell.whole else CELL_WRAP_SAFETY_EMU)
            most = max(most, wrapped_lines(self.fonts, Line(cell.text, size, cell.bold), room))
        text = most * self.fonts.line_height_pt(size, True) * POINT_EMU + 2 * CELL_MARGIN_Y
        standard = TABLE_ROW_EMU * size / TABLE_FONT_PT
        return int(max(text + CELL_SAFETY_EMU if most > 1 else text, standard))

    def _table(
        self,
        slide: Any,
        table: Table,
        box: Box,
        rows: Sequence[Any],
        layout: TableLayout,
        first: int,
    ) -> int:
        """Draw the header and the given rows (from body row first); return the height used."""
        x, y, w, _ = box
        all_rows = [table.header, *[row.cells for row in rows]]
        n_cols = len(layout.widths)
        heights = [layout.heights[0], *layout.heights[first + 1 : first + 1 + len(rows)]]
        height = sum(heights)
        frame = slide.shapes.add_table(len(all_rows), n_cols, Emu(x), Emu(y), Emu(w), Emu(height))
        frame.name = "Tabell"
        frame._element.nvGraphicFramePr.cNvPr.set(
            "descr", table.description or table.caption or "Tabell"
        )
        grid = frame.table
        grid.first_row = True
        grid.horz_banding = False
        for index, width in enumerate(layout.widths):
            grid.columns[index].width = Emu(width)
        styles = [RowStyle.NORMAL, *[row.style for row in rows]]
        for r, cells in enumerate(all_rows):
            grid.rows[r].height = Emu(heights[r])
            for c in range(n_cols):
                source = cells[c] if c < len(cells) else None
                self._cell(grid.cell(r, c), source, table, c, r, styles[r], layout.size)
        used = height
        if table.caption:
            self._textbox(
                slide,
                (x, y + height + int(0.08 * 914400), w, int(0.35 * 914400)),
                table.caption,
                12,
                False,
                self.colours.tekst,
                italic=True,
            )
            used += CAPTION_EMU
        return used

    def _cell(
        self,
        cell: Any,
        source: Cell | None,
        table: Table,
        c: int,
        r: int,
        style: RowStyle,
        size: float,
    ) -> None:
        """Fill one table cell: background, margins, alignment and its (formatted) text."""
        header = r == 0
        total = style in (RowStyle.TOTAL, RowStyle.SUBTOTAL)
        bold = header or total or bool(source and source.bold)
        italic = style is RowStyle.RATIO or bool(source and source.italic)
        cell.fill.solid()
        cell.fill.fore_color.rgb = RGBColor.from_string(self._cell_fill(header, style, r))
        if not header and style is RowStyle.TOTAL:
            _top_border(cell, self.colours.primær, TOTAL_BORDER_EMU)
        cell.margin_left = cell.margin_right = Emu(CELL_MARGIN_X)
        cell.margin_top = cell.margin_bottom = Emu(CELL_MARGIN_Y)
        cell.vertical_anchor = MSO_ANCHOR.MIDDLE
        paragraph = cell.text_frame.paragraphs[0]
        align = table.align[c] if c < len(table.align) else "left"
        paragraph.alignment = {"right": PP_ALIGN.RIGHT, "center": PP_ALIGN.CENTER}.get(
            align, PP_ALIGN.LEFT
        )
        colour = "FFFFFF" if header else self.colours.tekst
        runs = (source.runs or [Run(source.text)]) if source else [Run("")]
        for run in runs:
            _no_footnote(run, table.location)
            self._run(
                paragraph,
                run.text,
                size,
                bold or run.bold,
                italic or run.italic,
                colour,
                run.link,
            )

    def _cell_fill(self, header: bool, style: RowStyle, r: int) -> str:
        """A cell's background: header, total (darker tint), subtotal (light tint) or banding."""
        if header:
            return self.colours.primær
        if style is RowStyle.TOTAL:
            return _tint(self.colours.primær, TOTAL_TINT)
        if style is RowStyle.SUBTOTAL:
            return _tint(self.colours.primær, SUBTOTAL_TINT)
        return "FFFFFF" if r % 2 else self.colours.lys

    def _picture(self, slide: Any, picture: Picture) -> None:
        holder = self._placeholder(slide, 1)
        box = _box(holder)
        holder._element.getparent().remove(holder._element)
        self._picture_in(slide, picture, box)
        self._fill_or_remove(slide, 2, picture.caption)

    def _picture_in(self, slide: Any, picture: Picture, box: Box) -> None:
        """Place a picture centred in a box, as large as fits without distorting it."""
        assert picture.image is not None, "pictures are checked by the reader"
        x, y, w, h = box
        px_w, px_h = picture.image.width, picture.image.height
        scale = min(w / px_w, h / px_h)
        pw, ph = int(px_w * scale), int(px_h * scale)
        shape = slide.shapes.add_picture(
            io.BytesIO(picture.image.data),
            Emu(x + (w - pw) // 2),
            Emu(y + (h - ph) // 2),
            Emu(pw),
            Emu(ph),
        )
        shape.name = "Bilde"
        shape._element.nvPicPr.cNvPr.set("descr", picture.alt_text)

    # -- text ---------------------------------------------------------------------------

    def _lines(self, paragraphs: list[Paragraph]) -> list[Line]:
        """The paragraphs as lines to measure, with their level's size, indent and spacing."""
        return [
            Line(
                p.text,
                LEVEL_SIZES[p.level],
                all(r.bold for r in p.runs) and bool(p.runs),
                int((0.3 + 0.35 * max(p.level - 1, 0)) * 914400) if p.level else 0,
                6.0 if p.level <= 1 else 3.0,
            )
            for p in paragraphs
        ]

    def _fill_body(self, shape: Any, paragraphs: list[Paragraph], location: SourceLocation) -> None:
        x, y, w, h = _box(shape)
        lines = self._lines(paragraphs)
        scale, fits = fit_scale(self.fonts, lines, w - 2 * INSET_EMU, h - INSET_EMU, MIN_TEXT_SCALE)
        if not fits:
            self.warnings.append(
                Problem(
                    location,
                    "teksten får ikke plass på lysbildet selv med minste skriftstørrelse; "
                    "del den på flere lysbilder eller i kolonner",
                )
            )
        if fits and scale < 1:
            self.shrunk.append(
                Problem(location, f"teksten er krympet til {round(scale * 100)} % for å få plass")
            )
        for paragraph, line in zip(paragraphs, lines, strict=True):
            for word in words_too_wide(self.fonts, line, w - 2 * INSET_EMU, scale):
                shown = word if len(word) <= 30 else f"{word[:30]}…"
                self.warnings.append(
                    Problem(
                        paragraph.location or location,
                        f"ordet «{shown}» er bredere enn tekstboksen og blir delt midt i; "
                        "del det med bindestrek",
                    )
                )
        self._set_text(shape.text_frame, paragraphs, scale if scale < 1 else None)

    def _set_text(
        self,
        frame: Any,
        paragraphs: list[Paragraph],
        scale: float | None = None,
        size: float | None = None,
    ) -> None:
        """Write paragraphs into a text frame; scale or size overrides the layout's font size."""
        frame.clear()
        numbering = _autonumber(paragraphs)
        for index, source in enumerate(paragraphs):
            paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            if source.level:
                paragraph.level = source.level - 1
            else:
                ppr = paragraph._p.get_or_add_pPr()
                ppr.set("marL", "0")
                ppr.set("indent", "0")
                etree.SubElement(ppr, qn("a:buNone"))
            numbered, start = numbering[index]
            if numbered:
                auto = etree.SubElement(
                    paragraph._p.get_or_add_pPr(), qn("a:buAutoNum"), type="arabicPeriod"
                )
                if start is not None:
                    auto.set("startAt", str(start))
            run_size = size or (LEVEL_SIZES[source.level] * scale if scale else None)
            for run in source.runs:
                _no_footnote(run, source.location)
                self._run(paragraph, run.text, run_size, run.bold, run.italic, None, run.link)

    def _run(
        self,
        paragraph: Any,
        text: str,
        size: float | None,
        bold: bool,
        italic: bool,
        colour: str | None,
        link: str = "",
    ) -> None:
        """Add text in one formatting; a «\\n» in it becomes a line break (a:br)."""
        for index, part in enumerate(text.split("\n")):
            if index:
                paragraph.add_line_break()
            run = paragraph.add_run()
            run.text = part
            if link:
                run.hyperlink.address = link
            font = run.font
            if size:
                font.size = Pt(round(size * 2) / 2)
            if bold:
                font.bold = True
            if italic:
                font.italic = True
            if colour:
                font.color.rgb = RGBColor.from_string(colour)
            run._r.get_or_add_rPr().set("lang", LANGUAGE)

    def _textbox(
        self,
        slide: Any,
        box: Box,
        text: str,
        size: float,
        bold: bool,
        colour: str,
        italic: bool = False,
    ) -> None:
        shape = slide.shapes.add_textbox(*(Emu(v) for v in box))
        frame = shape.text_frame
        frame.word_wrap = True
        frame.margin_left = frame.margin_right = Emu(0)
        self._run(frame.paragraphs[0], text, size, bold, italic, colour)

    # -- placeholders -------------------------------------------------------------------

    def _placeholder(self, slide: Any, idx: int) -> Any:
        for shape in slide.placeholders:
            if shape.placeholder_format.idx == idx:
                return shape
        raise DeckgenError.at(
            SourceLocation(self.brand.file(self.brand.pptx_mal)),
            f"oppsettet «{slide.slide_layout.name}» mangler plassholder nr. {idx}",
        )

    def _fill_or_remove(self, slide: Any, idx: int, text: str) -> None:
        """Fill a placeholder with text, or remove it so no empty prompt text shows."""
        holder = self._placeholder(slide, idx)
        if text:
            self._set_text(holder.text_frame, [Paragraph([Run(text)])])
        else:
            holder._element.getparent().remove(holder._element)

    def _content_box(self) -> Box:
        layout = self.layouts[self.brand.oppsett.punkter]
        placeholders: Any = layout.placeholders
        for shape in placeholders:
            if shape.placeholder_format.idx == 1:
                return _box(shape)
        raise DeckgenError.at(None, "malen mangler innholdsfeltet i «Tittel og innhold»")

    def _add_slide_number(self, slide: Any) -> None:
        layout_placeholders: Any = slide.slide_layout.placeholders
        for holder in layout_placeholders:
            if holder.placeholder_format.type != PP_PLACEHOLDER.SLIDE_NUMBER:
                continue
            element = copy.deepcopy(holder._element)
            ids = [int(e.get("id")) for e in slide.shapes._spTree.iter(qn("p:cNvPr"))]
            element.find(qn("p:nvSpPr")).find(qn("p:cNvPr")).set("id", str(max(ids, default=1) + 1))
            sppr = element.find(qn("p:spPr"))
            for child in list(sppr):
                sppr.remove(child)
            body = element.find(qn("p:txBody"))
            for child in list(body):
                if child.tag in (qn("a:p"), qn("a:lstStyle")):
                    body.remove(child)
            etree.SubElement(body, qn("a:lstStyle"))
            number = len(self.prs.slides)
            para = etree.SubElement(body, qn("a:p"))
            field = etree.SubElement(para, qn("a:fld"), id=SLIDE_NUMBER_FIELD_ID, type="slidenum")
            etree.SubElement(field, qn("a:rPr"), lang=LANGUAGE)
            etree.SubElement(field, qn("a:t")).text = str(number)
            slide.shapes._spTree.append(element)

    def _properties(self, deck: Deck) -> None:
        title = f"{deck.title} – {deck.subtitle}" if deck.subtitle else deck.title
        set_core_properties(
            self.prs.core_properties,
            title,
            self.brand.kommune,
            deck.committee or deck.subtitle,
            deck.date,
        )


def _box(shape: Any) -> Box:
    return int(shape.left), int(shape.top), int(shape.width), int(shape.height)


def _paragraphs(blocks: Sequence[Any]) -> list[Paragraph]:
    """Flatten text and schedule blocks into paragraphs for one text frame."""
    paragraphs: list[Paragraph] = []
    for block in blocks:
        if isinstance(block, Text):
            paragraphs.extend(block.paragraphs)
        elif isinstance(block, Schedule):
            for entry in block.entries:
                paragraphs.append(Paragraph([Run(entry.when, bold=True)], 0, False, entry.location))
                paragraphs.append(Paragraph(list(entry.what), 1, False, entry.location))
    return paragraphs


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


def _is_text_column(grid: list[list[_Measure]], column: int) -> bool:
    """Whether a column holds wrapping text in its body (a label column), not only numbers."""
    return any(
        column < len(cells) and cells[column].text.strip() and not cells[column].whole
        for cells in grid[1:]
    )


def _tint(colour: str, share: float) -> str:
    """The colour mixed with white: `share` of the colour, the rest white."""
    channels = (int(colour[i : i + 2], 16) for i in (0, 2, 4))
    return "".join(f"{round(c * share + 255 * (1 - share)):02X}" for c in channels)


def _top_border(cell: Any, colour: str, width: int) -> None:
    """Draw a solid line along the top of a table cell (before its fill, as the schema says)."""
    tc_pr = cell._tc.get_or_add_tcPr()
    for old in tc_pr.findall(qn("a:lnT")):
        tc_pr.remove(old)
    line = etree.Element(qn("a:lnT"), w=str(width), cap="flat", cmpd="sng", algn="ctr")
    fill = etree.SubElement(line, qn("a:solidFill"))
    etree.SubElement(fill, qn("a:srgbClr"), val=colour)
    etree.SubElement(line, qn("a:prstDash"), val="solid")
    before = [tc_pr.find(qn(f"a:{tag}")) for tag in ("lnL", "lnR")]
    position = sum(1 for element in before if element is not None)
    tc_pr.insert(position, line)


def _no_footnote(run: Run, location: SourceLocation | None) -> None:
    """Stop at a footnote reference: a slide has no footnotes, and it must not vanish silently."""
    if run.footnote:
        raise DeckgenError.at(
            location,
            f"fotnoten [^{run.footnote}] kan ikke stå på et lysbilde; fotnoter brukes bare i "
            "rapporter (Word): skriv forklaringen i teksten eller i «::: notater»",
        )


def _block_name(block: Any) -> str:
    """The Norwegian name of a kind of block, for messages."""
    names = {KeyFigures: "nøkkeltall", Schedule: "en tidsplan", Heading: "en overskrift"}
    return names.get(type(block), "en faktaboks" if isinstance(block, FactBox) else "innholdet")


def _autonumber(paragraphs: Sequence[Paragraph]) -> list[tuple[bool, int | None]]:
    """Per paragraph: is it numbered, and the startAt it needs (None: PowerPoint counts right).

    PowerPoint numbers a paragraph by counting the numbered paragraphs before it at its level,
    through deeper levels, until a shallower or an unnumbered one; a list starts at its own
    first number.
    """
    wanted: dict[int, int] = {}
    shown: dict[int, tuple[int, int]] = {}
    out: list[tuple[bool, int | None]] = []
    for paragraph in paragraphs:
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


def write_pptx(
    deck: Deck, brand: Brand, max_slides: int | None = None
) -> tuple[bytes, list[Problem], list[Problem], int]:
    """Render a deck; return the file bytes, warnings, notes about shrunk text, slide count.

    A deck that would make more than max_slides slides is refused before any is made.
    """
    writer = PptxWriter(brand)
    data = writer.write(deck, max_slides)
    return data, writer.warnings, writer.shrunk, writer.slide_count
