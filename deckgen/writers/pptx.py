"""Deck → .pptx through the brand's template; the only module that imports python-pptx."""

from __future__ import annotations

import copy
import io
from collections.abc import Sequence
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
    Column,
    Columns,
    Deck,
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
from deckgen.textfit import Fonts, Line, fit_scale, words_too_wide

LEVEL_SIZES = {0: 20.0, 1: 20.0, 2: 18.0, 3: 16.0}
TITLE_PT = 28.0
HEADING_PT = 20.0
ONE_LINE_MIN_SCALE = 0.8
SCHEDULE_DATE_EMU = int(1.9 * 914400)
MIN_TEXT_SCALE = 0.7
INSET_EMU = 91440
TABLE_FONT_PT = 14.0
TABLE_ROW_EMU = int(0.42 * 914400)
CAPTION_EMU = int(0.45 * 914400)
SLIDE_NUMBER_FIELD_ID = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"

Box = tuple[int, int, int, int]


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

    def write(self, deck: Deck) -> bytes:
        """Render the deck and return the .pptx bytes."""
        self._title_slide(deck)
        for slide in deck.slides:
            self._slide(slide)
        self._properties(deck)
        buffer = io.BytesIO()
        self.prs.save(buffer)
        return normalise_zip(buffer.getvalue())

    # -- slides -------------------------------------------------------------------------

    def _fill_heading(self, shape: Any, text: str, size: float, keep_size: bool = False) -> None:
        """Write a title or column heading; shrink it to one line, or to fit its box."""
        paragraph = [Paragraph([Run(text)])]
        if keep_size:
            self._set_text(shape.text_frame, paragraph)
            return
        x, y, w, h = _box(shape)
        width = w - 2 * INSET_EMU
        scale = 1.0
        one_line = self.fonts.width_pt(text, size, True) * 12700
        if one_line > width:
            scale = width / one_line
            if scale < ONE_LINE_MIN_SCALE:
                lines = [Line(text, size, True)]
                scale, _ = fit_scale(self.fonts, lines, width, h - INSET_EMU, 0.6)
        self._set_text(shape.text_frame, paragraph, None, size * scale if scale < 1 else None)

    def _new(self, kind_key: str, title: str) -> Any:
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
                kind_key in ("tittel", "deloverskrift", "avslutning"),
            )
        self._add_slide_number(slide)
        return slide

    def _title_slide(self, deck: Deck) -> None:
        slide = self._new("tittel", deck.title)
        meta = format_date(deck.date)
        if deck.committee and deck.committee != deck.subtitle:
            meta = f"{deck.committee} · {meta}"
        self._fill_or_remove(slide, 1, deck.subtitle)
        self._fill_or_remove(slide, 13, meta)

    def _slide(self, slide: Slide) -> None:
        kind = slide.kind
        if kind in (SlideKind.SECTION, SlideKind.CLOSING):
            key = "deloverskrift" if kind is SlideKind.SECTION else "avslutning"
            out = self._new(key, slide.title)
            self._fill_or_remove(out, 1, slide.subtitle)
        elif kind is SlideKind.COLUMNS:
            out = self._columns(slide)
        elif kind is SlideKind.KEY_FIGURES:
            out = self._new("nøkkeltall", slide.title)
            self._key_figures(out, [b for b in slide.blocks if isinstance(b, KeyFigures)])
        elif kind is SlideKind.TABLE:
            table = slide.blocks[0]
            assert isinstance(table, Table)
            out = self._table_slides(slide, table)
        elif kind is SlideKind.PICTURE:
            out = self._new("bilde", slide.title)
            picture = slide.blocks[0]
            assert isinstance(picture, Picture)
            self._picture(out, picture)
        elif kind is SlideKind.SCHEDULE:
            out = self._new("tidsplan", slide.title)
            self._schedule(self._placeholder(out, 1), slide)
        else:
            out = self._new("punkter", slide.title)
            body = self._placeholder(out, 1)
            self._fill_body(body, _paragraphs(slide.blocks), slide.location)
        if slide.notes:
            out.notes_slide.notes_text_frame.text = slide.notes
            for run in out.notes_slide.notes_text_frame._txBody.iter(qn("a:r")):
                run.get_or_add_rPr().set("lang", LANGUAGE)

    def _columns(self, slide: Slide) -> Any:
        group = next(b for b in slide.blocks if isinstance(b, Columns))
        columns = group.columns
        with_headings = any(c.heading for c in columns)
        if len(columns) == 2 and with_headings:
            out = self._new("to_kolonner_med_titler", slide.title)
            for column, (head_idx, body_idx) in zip(columns, ((1, 2), (3, 4)), strict=True):
                if column.heading:
                    self._fill_heading(self._placeholder(out, head_idx), column.heading, HEADING_PT)
                else:
                    self._fill_or_remove(out, head_idx, "")
                self._column(out, body_idx, column, slide.location, heading_in_body=False)
            return out
        out = self._new("tre_kolonner" if len(columns) == 3 else "to_kolonner", slide.title)
        for index, column in enumerate(columns, start=1):
            self._column(out, index, column, slide.location, heading_in_body=True)
        return out

    def _column(
        self, slide: Any, idx: int, column: Column, location: SourceLocation, heading_in_body: bool
    ) -> None:
        body = self._placeholder(slide, idx)
        tables = [b for b in column.blocks if isinstance(b, Table)]
        if tables:
            box = _box(body)
            body._element.getparent().remove(body._element)
            x, y, w, h = box
            if column.heading and heading_in_body:
                self._textbox(
                    slide,
                    (x, y, w, int(0.5 * 914400)),
                    column.heading,
                    20,
                    True,
                    self.colours.primær,
                )
                y += int(0.6 * 914400)
            for block in column.blocks:
                if isinstance(block, Table):
                    y += self._table(slide, block, (x, y, w, h), block.rows) + int(0.2 * 914400)
                elif isinstance(block, Text):
                    height = int(1.2 * 914400)
                    box_ = slide.shapes.add_textbox(Emu(x), Emu(y), Emu(w), Emu(height))
                    self._fill_body(box_, block.paragraphs, location)
                    y += height
            return
        paragraphs = _paragraphs(column.blocks)
        if column.heading and heading_in_body:
            paragraphs = [Paragraph([Run(column.heading, bold=True)], 0)] + paragraphs
        self._fill_body(body, paragraphs, column.location or location)

    def _schedule(self, body: Any, slide: Slide) -> None:
        """Dates in the brand colour, the event beside them; wrapped lines hang under the event."""
        entries = [e for b in slide.blocks if isinstance(b, Schedule) for e in b.entries]
        x, y, w, h = _box(body)
        text_width = w - 2 * INSET_EMU - SCHEDULE_DATE_EMU
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
            ppr.set("marL", str(SCHEDULE_DATE_EMU))
            ppr.set("indent", str(-SCHEDULE_DATE_EMU))
            etree.SubElement(ppr, qn("a:buNone"))
            tabs = etree.SubElement(ppr, qn("a:tabLst"))
            etree.SubElement(tabs, qn("a:tab"), pos=str(SCHEDULE_DATE_EMU), algn="l")
            paragraph.space_before = Pt(10 * scale if index else 0)
            self._run(paragraph, entry.when + "\t", size, True, False, self.colours.primær)
            for run in entry.what:
                self._run(paragraph, run.text, size, run.bold, run.italic, None)

    def _key_figures(self, slide: Any, groups: list[KeyFigures]) -> None:
        items = [item for group in groups for item in group.items]
        x0, y0, width, height = self._content_box()
        gap = int(0.35 * 914400)
        card_w = (width - gap * (len(items) - 1)) // len(items)
        card_h = int(3.2 * 914400)
        top = y0 + (height - card_h) // 2
        value_size = 40.0
        for item in items:
            while self.fonts.width_pt(item.value, value_size, True) * 12700 > card_w * 0.9:
                value_size -= 2
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
            frame.vertical_anchor = MSO_ANCHOR.MIDDLE
            for side in ("margin_left", "margin_right"):
                setattr(frame, side, Emu(int(0.2 * 914400)))
            value = frame.paragraphs[0]
            value.alignment = PP_ALIGN.CENTER
            self._run(value, item.value, value_size, True, False, self.colours.primær)
            label = frame.add_paragraph()
            label.alignment = PP_ALIGN.CENTER
            label.space_before = Pt(8)
            self._run(label, item.label, 16, False, False, self.colours.tekst)
            card.name = f"Nøkkeltall {i + 1}"

    def _table_slides(self, slide: Slide, table: Table) -> Any:
        x, y, w, h = self._content_box()
        room = h - (CAPTION_EMU if table.caption else 0)
        per_slide = max(1, room // TABLE_ROW_EMU - 1)
        chunks = [table.rows[i : i + per_slide] for i in range(0, len(table.rows), per_slide)]
        out = None
        for number, rows in enumerate(chunks or [[]]):
            title = slide.title if number == 0 else f"{slide.title} (forts.)"
            out = self._new("tabell", title)
            self._table(out, table, (x, y, w, room), rows)
        return out

    def _table(self, slide: Any, table: Table, box: Box, rows: Sequence[Any]) -> int:
        """Draw the header and the given rows; return the height used (with caption)."""
        x, y, w, _ = box
        all_rows = [table.header, *[row.cells for row in rows]]
        n_cols = max(len(r) for r in all_rows)
        widths = self._column_widths(all_rows, n_cols, w)
        height = TABLE_ROW_EMU * len(all_rows)
        frame = slide.shapes.add_table(len(all_rows), n_cols, Emu(x), Emu(y), Emu(w), Emu(height))
        frame.name = "Tabell"
        frame._element.nvGraphicFramePr.cNvPr.set(
            "descr", table.description or table.caption or "Tabell"
        )
        grid = frame.table
        grid.first_row = True
        grid.horz_banding = False
        for index, width in enumerate(widths):
            grid.columns[index].width = Emu(width)
        styles = [RowStyle.NORMAL, *[row.style for row in rows]]
        for r, cells in enumerate(all_rows):
            grid.rows[r].height = Emu(TABLE_ROW_EMU)
            for c in range(n_cols):
                cell = grid.cell(r, c)
                source = cells[c] if c < len(cells) else None
                text = source.text if source else ""
                header = r == 0
                total = styles[r] in (RowStyle.TOTAL, RowStyle.SUBTOTAL)
                bold = header or total or bool(source and source.bold)
                italic = styles[r] is RowStyle.RATIO or bool(source and source.italic)
                fill = (
                    self.colours.primær
                    if header
                    else ("D6E4EE" if total else ("FFFFFF" if r % 2 else self.colours.lys))
                )
                cell.fill.solid()
                cell.fill.fore_color.rgb = RGBColor.from_string(fill)
                cell.margin_left = cell.margin_right = Emu(int(0.08 * 914400))
                cell.margin_top = cell.margin_bottom = Emu(int(0.03 * 914400))
                cell.vertical_anchor = MSO_ANCHOR.MIDDLE
                paragraph = cell.text_frame.paragraphs[0]
                align = table.align[c] if c < len(table.align) else "left"
                paragraph.alignment = {"right": PP_ALIGN.RIGHT, "center": PP_ALIGN.CENTER}.get(
                    align, PP_ALIGN.LEFT
                )
                colour = "FFFFFF" if header else self.colours.tekst
                self._run(paragraph, text, TABLE_FONT_PT, bold, italic, colour)
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

    def _column_widths(self, rows: list[list[Any]], n_cols: int, total: int) -> list[int]:
        natural = []
        for c in range(n_cols):
            widest = max(
                (self.fonts.width_pt(r[c].text, TABLE_FONT_PT, True) for r in rows if c < len(r)),
                default=0.0,
            )
            natural.append(widest * 12700 + 0.3 * 914400)
        scale = total / sum(natural)
        widths = [int(n * scale) for n in natural]
        widths[0] += total - sum(widths)
        return widths

    def _picture(self, slide: Any, picture: Picture) -> None:
        from PIL import Image

        holder = self._placeholder(slide, 1)
        x, y, w, h = _box(holder)
        holder._element.getparent().remove(holder._element)
        with Image.open(picture.path) as image:
            px_w, px_h = image.size
        scale = min(w / px_w, h / px_h)
        pw, ph = int(px_w * scale), int(px_h * scale)
        shape = slide.shapes.add_picture(
            str(picture.path), Emu(x + (w - pw) // 2), Emu(y + (h - ph) // 2), Emu(pw), Emu(ph)
        )
        shape.name = "Bilde"
        shape._element.nvPicPr.cNvPr.set("descr", picture.alt_text)
        self._fill_or_remove(slide, 2, picture.caption)

    # -- text ---------------------------------------------------------------------------

    def _fill_body(self, shape: Any, paragraphs: list[Paragraph], location: SourceLocation) -> None:
        x, y, w, h = _box(shape)
        lines = [
            Line(
                p.text,
                LEVEL_SIZES[p.level],
                all(r.bold for r in p.runs) and bool(p.runs),
                int((0.3 + 0.35 * max(p.level - 1, 0)) * 914400) if p.level else 0,
                6.0 if p.level <= 1 else 3.0,
            )
            for p in paragraphs
        ]
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
        for index, source in enumerate(paragraphs):
            paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            if source.level:
                paragraph.level = source.level - 1
            else:
                ppr = paragraph._p.get_or_add_pPr()
                ppr.set("marL", "0")
                ppr.set("indent", "0")
                etree.SubElement(ppr, qn("a:buNone"))
            run_size = size or (LEVEL_SIZES[source.level] * scale if scale else None)
            for run in source.runs:
                self._run(paragraph, run.text, run_size, run.bold, run.italic, None)

    def _run(
        self,
        paragraph: Any,
        text: str,
        size: float | None,
        bold: bool,
        italic: bool,
        colour: str | None,
    ) -> None:
        run = paragraph.add_run()
        run.text = text
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


def write_pptx(deck: Deck, brand: Brand) -> tuple[bytes, list[Problem], list[Problem]]:
    """Render a deck; return the file bytes, warnings, and notes about text that was shrunk."""
    writer = PptxWriter(brand)
    data = writer.write(deck)
    return data, writer.warnings, writer.shrunk
