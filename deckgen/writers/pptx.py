"""Deck → .pptx through the brand's template; the writer walks the deck slide by slide."""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from pptx import Presentation
from pptx.util import Emu

from deckgen.brand import Brand, key_location
from deckgen.errors import DeckgenError, Problem, SourceLocation
from deckgen.inputfiles import office_package
from deckgen.model import (
    Column,
    Columns,
    Deck,
    Paragraph,
    Picture,
    Run,
    Slide,
    SlideKind,
    Subheading,
    Table,
    Text,
)
from deckgen.numbers import format_date, format_number
from deckgen.output import LANGUAGE, normalise_zip, set_core_properties
from deckgen.textfit import Fonts
from deckgen.writers import pptx_blocks, pptx_columns, pptx_diagrams, pptx_furniture, pptx_xml
from deckgen.writers.pptx_brandmatch import template_mismatches
from deckgen.writers.pptx_chart import chart_of, chart_summaries, draw_chart
from deckgen.writers.pptx_check import verify_template
from deckgen.writers.pptx_plan import (
    GAP_EMU,
    HEADING_PT,
    INSET_EMU,
    LEAD_SHARE,
    TITLE_PT,
    Box,
    TablePlan,
    continued_note,
    continued_title,
    fewest_slides,
    fewest_text_slides,
    layout_key,
    lead_height,
    lines,
    paragraphs,
    plan_table_slide,
    split_text,
    typography,
)
from deckgen.writers.pptx_roles import Holder, LayoutRoles, layout_roles
from deckgen.writers.pptx_table import draw_table
from deckgen.writers.pptx_tablesize import TableSizes
from deckgen.writers.pptx_text import (
    Findings,
    body_fit,
    box_of,
    fill_body,
    fill_heading,
    heading_scale,
    level_indents,
    level_sizes,
)

_KEEP_TITLE_SIZE = ("tittel", "deloverskrift", "avslutning")
COLUMN_GAP_EMU = 320040
DRAWN_KINDS = {"tre_kolonner": "tre kolonner", "tidsplan": "tidsplaner"}
"""The slide kinds drawn as text boxes when the brand names no layout for them."""


class PptxWriter:
    """Renders one deck with one brand; collects warnings about text that does not fit."""

    def __init__(self, brand: Brand) -> None:
        """Open the brand's template and fonts."""
        self.brand = brand
        self.prs = Presentation(office_package(brand.file(brand.pptx_mal)))
        pptx_xml.remove_slides(self.prs)  # a template's example slides are not the deck's
        pptx_xml.unique_placeholder_numbers(self.prs)
        self.layouts = {layout.name: layout for layout in self.prs.slide_layouts}
        verify_template(brand, self.layouts)
        self.fonts = Fonts(brand.file(brand.skrift.fil_vanlig), brand.file(brand.skrift.fil_fet))
        self.findings = Findings()
        self.findings.warnings.extend(template_mismatches(self.prs, brand))
        self.warnings: list[Problem] = self.findings.warnings
        self.shrunk: list[Problem] = self.findings.shrunk
        self.colours = brand.farger
        self.roles = {name: layout_roles(layout) for name, layout in self.layouts.items()}
        self._numbers: dict[str, list[Any]] = {}  # slide number placeholders by layout name
        self.footer = brand.bunntekst if brand.bunntekst is not None else brand.kommune
        self.words = brand.lysbilder.ord
        self.type = typography(brand)
        self._plans: dict[int, TablePlan] = {}
        self.sizes = TableSizes.of(brand.lysbilder.tabell)
        self._drawn: set[str] = set()
        self.slide_count = len(self.prs.slides)
        """Slides written so far, continued ones included (counting the slide list each time
        would make a long deck quadratic)."""

    def write(self, deck: Deck, max_slides: int | None = None) -> bytes:
        """Render the deck and return the .pptx bytes; refuse more than max_slides slides."""
        if max_slides is not None:
            self._check_slide_count(deck, max_slides)
        self._title_slide(deck)
        for slide in deck.slides:
            before = self.slide_count
            self._slide(slide)
            if extra := self.slide_count - before - 1:
                self.shrunk.append(
                    continued_note(slide.title, slide.location, extra, self.words.fortsettelse)
                )
        for made in self.prs.slides:
            pptx_xml.remove_empty_placeholders(made)
        self._properties(deck)
        buffer = io.BytesIO()
        self.prs.save(buffer)
        return normalise_zip(buffer.getvalue())

    def _check_slide_count(self, deck: Deck, limit: int) -> None:
        """Refuse a deck of more than limit slides, continued tables counted, before drawing any.

        A bound from the smallest possible row height refuses at once; else the tables are laid
        out (as writing them will) until the count passes the limit.
        """
        tables = [s for s in deck.slides if s.kind is SlideKind.TABLE and not chart_of(s)]
        box = self._content_box()
        planned = 1 + len(deck.slides) - len(tables)  # the title slide and one per other slide
        fewest = planned + sum(
            fewest_slides(next(b for b in s.blocks if isinstance(b, Table)), box, self.sizes)
            for s in tables
        )
        fewest += fewest_text_slides(deck.slides, box[3], self.type.min_text)
        if fewest <= limit:
            for slide in tables:
                planned += len(self._table_plan(slide).chunks)
                if planned > limit:
                    break
        if max(fewest, planned) > limit:
            shown = format_number(Decimal(limit))
            raise DeckgenError.at(
                SourceLocation(deck.location.path, 1),  # the whole deck: its file
                f"presentasjonen blir på mer enn {shown} lysbilder (en lang tabell eller tekst "
                f"fortsetter på «{self.words.fortsettelse}»-lysbilder, og hvert av dem teller); "
                f"høyst {shown} kan bygges. Del den i flere presentasjoner, eller gjør tabellene "
                "og tekstene kortere",
            )

    # -- slides -------------------------------------------------------------------------

    def _new(self, kind_key: str, title: str, location: SourceLocation | None = None) -> Any:
        """Add a slide on the brand's layout for kind_key, with its title and slide number."""
        name = self.brand.oppsett.name_for(kind_key)
        slide = pptx_xml.add_slide(self.prs, self.layouts[name])
        self.slide_count += 1
        if slide.shapes.title is not None:
            keep = kind_key in _KEEP_TITLE_SIZE
            size = self.type.title_pt or TITLE_PT
            fill_heading(
                slide.shapes.title, title, size, location, keep, self.fonts, self.findings,
                title_floor=self.type.min_title, own_size=self.type.title_pt is not None,
            )  # fmt: skip
        pptx_furniture.add_slide_number(slide, self.slide_count, self._numbers)
        pptx_furniture.add_footer(slide, self._roles(slide), self.footer)
        return slide

    def _body(self, shape: Any, items: list[Paragraph], location: SourceLocation) -> None:
        """Write body text fitted to its box."""
        fill_body(shape, items, location, self.fonts, self.findings, style=self.type)

    def _title_slide(self, deck: Deck) -> None:
        """The first slide: title, subtitle, committee and date."""
        slide = self._new("tittel", deck.title, deck.location)
        meta = format_date(deck.date)
        if deck.committee and deck.committee != deck.subtitle:
            meta = f"{deck.committee}{self.words.skille}{meta}"
        self._wordmark(slide)
        roles = self._roles(slide)
        subtitle = self._slot(slide, roles.subtitle)
        if roles.meeting is None:  # no field of its own: the line under the subtitle
            lines = [Paragraph([Run(text)]) for text in (deck.subtitle, meta) if text]
            self._body(subtitle, lines, deck.location)
        else:
            self._fill(subtitle, deck.subtitle, deck.location)
            self._fill(self._slot(slide, roles.meeting), meta, deck.location)

    def _slide(self, slide: Slide) -> None:
        """Draw one slide of the deck (a table may continue on more) with its speaker notes."""
        kind, key = slide.kind, layout_key(slide)
        if kind in (SlideKind.SECTION, SlideKind.CLOSING):
            out = self._new(key, slide.title, slide.location)
            self._fill(self._slot(out, self._roles(out).subtitle), slide.subtitle, slide.location)
            if kind is SlideKind.CLOSING:
                self._wordmark(out)
        elif kind is SlideKind.COLUMNS:
            out = self._columns(slide, key)
        elif kind in pptx_diagrams.DRAWN:  # key figures, levels, process: shapes on the slide
            out = self._new(key, slide.title, slide.location)
            content = self._content_box(key)
            pptx_diagrams.draw(out, slide, content, self.fonts, self.colours, self.findings)
        elif kind is SlideKind.TABLE:
            out = self._table_slides(slide)
        elif kind is SlideKind.PICTURE:
            out = self._new(key, slide.title, slide.location)
            picture = slide.blocks[0]
            assert isinstance(picture, Picture)
            self._picture(out, picture, slide.location)
        elif kind is SlideKind.SCHEDULE:
            out = self._new(key, slide.title, slide.location)
            body = self._main_text(out, key, slide.location)
            pptx_blocks.schedule(body, slide, self.fonts, self.colours, self.findings)
        else:
            out = self._text_slides(slide, key)
        if notes := "\n\n".join(filter(None, [slide.notes, *chart_summaries(slide)])):
            out.notes_slide.notes_text_frame.text = notes
            pptx_xml.set_language(out.notes_slide.notes_text_frame, LANGUAGE)

    def _columns(self, slide: Slide, key: str) -> Any:
        """Two or three columns, optionally with headings and text above them; text that does
        not fit at the brand's floor continues on «(forts.)» slides in the same columns."""
        columns = next(b for b in slide.blocks if isinstance(b, Columns)).columns
        lead = paragraphs([b for b in slide.blocks if isinstance(b, Text | Subheading)])
        first = out = self._new(key, slide.title, slide.location)
        places = self._column_places(out, key, columns, slide.location)
        self._lead_above(out, lead, [s for place in places for s in place if s], slide.location)
        texts = [pptx_columns.column_text(column) for column in columns]
        parts = pptx_columns.column_parts(self.fonts, texts, [b for _, b in places], self.type)
        for number in range(max(1, *(len(p) for p in parts))):
            if number:
                title = continued_title(slide.title, self.words.fortsettelse, number)
                out = self._new(key, title, slide.location)
                places = self._column_places(out, key, columns, slide.location)
            shown = [p[number] if number < len(p) else None for p in parts]
            self._fill_columns(out, columns, places, shown, slide.location, number == 0)
        return first

    def _fill_columns(
        self,
        out: Any,
        columns: list[Column],
        places: list[tuple[Any, Any]],
        texts: list[list[Paragraph] | None],
        location: SourceLocation,
        first: bool,
    ) -> None:
        """Fill one slide's columns: headings at one size and style, text at one size."""
        pairs = list(zip(columns, places, strict=True))
        cap, heads_cap = self._shared_scales(pairs, texts)
        heading_pt = self.type.heading_pt or HEADING_PT
        own = self.type.heading_pt is not None
        for column, text, (head, body) in zip(columns, texts, places, strict=True):
            where = column.location or location
            if head is not None and column.heading and (text or first):
                fill_heading(
                    head, column.heading, heading_pt, where, False, self.fonts, self.findings,
                    heads_cap, own_size=own,
                )  # fmt: skip
                pptx_columns.style_heading(head, self.type)
            if text is not None:
                fill_body(body, text, where, self.fonts, self.findings, cap, self.type)
            elif first and pptx_columns.column_text(column) is None:
                pptx_columns.column_blocks(
                    out, body, column, location, self.brand, self.fonts, self.warnings,
                    self._lead_text,
                )  # fmt: skip

    def _text_slides(self, slide: Slide, key: str) -> Any:
        """A slide of text; text that does not fit at the brand's floor continues, at its
        full size, on «(forts.)» slides. Returns the first slide."""
        items = paragraphs(slide.blocks)
        first = out = self._new(key, slide.title, slide.location)
        body = self._main_text(out, key, slide.location)
        chunks = [(0, len(items))]
        if not body_fit(body, items, self.fonts, self.type).fits:
            sizes, _ = level_sizes(body)
            measured = lines(items, sizes, level_indents(body), self.type.subheading_pt)
            _, _, w, h = box_of(body)
            chunks = split_text(self.fonts, items, measured, w - 2 * INSET_EMU, h - INSET_EMU)
        for number, (start, end) in enumerate(chunks):
            if number:
                title = continued_title(slide.title, self.words.fortsettelse, number)
                out = self._new(key, title, slide.location)
                body = self._main_text(out, key, slide.location)
            self._body(body, items[start:end], slide.location)
        return first

    def _shared_scales(
        self, pairs: list[tuple[Column, tuple[Any, Any]]], texts: list[list[Paragraph] | None]
    ) -> tuple[float, float]:
        """One scale for the columns' text and one for their headings, so columns side by
        side show one size: the smallest each needs to fit."""
        bodies = [
            body_fit(body, text, self.fonts, self.type).scale
            for text, (_, (_, body)) in zip(texts, pairs, strict=True)
            if text
        ]
        size = self.type.heading_pt or HEADING_PT
        heads = [
            heading_scale(head, column.heading, size, self.fonts)
            for column, (head, _) in pairs
            if head is not None and column.heading
        ]
        return min(bodies, default=1.0), min(heads, default=1.0)

    def _column_places(
        self, slide: Any, key: str, columns: list[Column], location: SourceLocation
    ) -> list[tuple[Any, Any]]:
        """Each column's heading shape (or None) and body shape, left to right: the layout's
        placeholders, or text boxes side by side in the content area when the brand has no
        layout for this kind; a heading the layout has no field for is drawn above the body."""
        count = len(columns)
        if getattr(self.brand.oppsett, key) is not None:
            found = self._roles(slide).columns()
            heads = [self._slot(slide, c.head) if c.head else None for c in found]
            places = [(h, self._slot(slide, c.body)) for h, c in zip(heads, found, strict=True)]
        else:
            self._say_drawn(key, location)
            x, y, w, h = self._content_box(key)
            width = (w - (count - 1) * COLUMN_GAP_EMU) // count
            boxes = [(x + n * (width + COLUMN_GAP_EMU), y, width, h) for n in range(count)]
            places = [(None, self._text_box(slide, box)) for box in boxes]
        if not any(c.heading for c in columns):
            return places
        master = self.prs.slide_master
        return [
            (head or pptx_columns.heading_above(slide, body, master), body) for head, body in places
        ]

    def _lead_above(
        self, slide: Any, lead: list[Paragraph], holders: Sequence[Any], location: SourceLocation
    ) -> None:
        """Write text above the columns and move the columns' shapes down to make room."""
        if not lead:
            return
        boxes = [box_of(h) for h in holders]
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

    def _lead_text(
        self, slide: Any, items: list[Paragraph], box: Box, location: SourceLocation
    ) -> int:
        """Write text at the top of box, only as tall as it needs; return its height."""
        x, y, w, h = box
        height = lead_height(self.fonts, items, w, h)
        self._body(self._text_box(slide, (x, y, w, height)), items, location)
        return height

    def _text_box(self, slide: Any, box: Box) -> Any:
        """A text box in the template's body text style."""
        x, y, w, h = box
        shape = slide.shapes.add_textbox(Emu(x), Emu(y), Emu(w), Emu(h))
        shape.name = "Tekst"
        shape.text_frame.word_wrap = True
        pptx_xml.copy_body_style(self.prs.slide_master, shape.text_frame)
        return shape

    def _table_slides(self, slide: Slide) -> Any:
        """A table with text above it (continued on «(forts.)» slides) or a chart; returns the
        first slide, which gets the speaker notes."""
        if chart := chart_of(slide):  # a chart stands alone on its slide
            out = self._new(layout_key(slide), slide.title, slide.location)
            return draw_chart(out, chart, self._content_box(), self.brand)
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
                title = continued_title(slide.title, self.words.fortsettelse, number)
                out = self._new("tabell", title, slide.location)
                top = y
            box = plan.box(number, (x, top, w, y + h - top))
            draw_table(out, self.brand, table, box, table.rows[start:end], layout, start)
        return first  # the speaker notes go with the slide the table starts on

    def _table_plan(self, slide: Slide) -> TablePlan:
        """A table slide's plan, made once; its warnings come in the order the slides do."""
        plan = self._plans.get(id(slide))
        if plan is None:
            plan = plan_table_slide(self.fonts, slide, self._content_box(), self.sizes)
            self._plans[id(slide)] = plan
        return plan

    def _picture(self, slide: Any, picture: Picture, location: SourceLocation) -> None:
        """A picture in the picture placeholder's box, and its caption."""
        place, caption = self._roles(slide).picture_and_caption()
        holder = self._slot(slide, place)
        box = box_of(holder)
        pptx_xml.remove_shape(holder)
        pptx_blocks.picture_in(slide, picture, box)
        caption_shape = self._slot(slide, caption)
        pptx_xml.read_before(slide.shapes[-1], caption_shape)  # the picture, then its caption
        self._fill(caption_shape, picture.caption, picture.location or location)

    # -- placeholders -------------------------------------------------------------------

    def _roles(self, slide: Any) -> LayoutRoles:
        """The placeholders of the slide's layout by role."""
        return self.roles[pptx_xml.layout_of(slide).name]

    def _slot(self, slide: Any, holder: Holder | None) -> Any:
        """The slide's copy of a layout placeholder the template check has made sure of."""
        assert holder is not None, "verify_template lets no layout lack a placeholder it fills"
        return slide.placeholders[holder.idx]

    def _fill(self, shape: Any, text: str, location: SourceLocation) -> None:
        """Fill a placeholder with one paragraph fitted to it; left empty, it is removed when
        the deck is done."""
        if text:
            self._body(shape, [Paragraph([Run(text)])], location)

    def _main_text(self, slide: Any, key: str, location: SourceLocation) -> Any:
        """The layout's largest text placeholder, or a text box when the brand has no layout."""
        if getattr(self.brand.oppsett, key) is not None:
            return self._slot(slide, self._roles(slide).main_text)
        self._say_drawn(key, location)
        return self._text_box(slide, self._content_box(key))

    def _say_drawn(self, key: str, location: SourceLocation) -> None:
        """Note once per deck that slides of kind key are drawn on the title-only layout."""
        if key in self._drawn:
            return
        self._drawn.add(key)
        name = self.brand.oppsett.name_for(key)
        self.findings.shrunk.append(
            Problem(
                key_location(self.brand, ("oppsett",)),
                f"malen har ikke et eget oppsett for {DRAWN_KINDS[key]} (oppsett.{key}); "
                f"de er tegnet som tekstbokser på «{name}» i merkevarens skrift og farger",
            )
        )

    def _content_box(self, key: str = "tabell") -> Box:
        """The content area on the layout slides of kind key are drawn on: the body box of
        the bullet layout, below that layout's title where the two would overlap."""
        holder = self.roles[self.brand.oppsett.punkter].main_text
        assert holder is not None, "verify_template makes sure the bullet layout has a body"
        x, y, w, h = holder.left, holder.top, holder.width, holder.height
        title = self.roles[self.brand.oppsett.name_for(key)].title
        if title is not None and title.overlaps((x, y, w, h)):
            below = title.top + title.height + GAP_EMU
            y, h = below, max(h - (below - y), 0)
        return x, y, w, h

    def _wordmark(self, slide: Any) -> None:
        """The brand's wordmark on a title or closing slide, unless the template shows one."""
        size = int(self.prs.slide_width or 0), int(self.prs.slide_height or 0)
        pptx_furniture.add_wordmark(slide, self._roles(slide), self.brand, size)

    def _properties(self, deck: Deck) -> None:
        """The file's title, author, subject and dates."""
        title = f"{deck.title} – {deck.subtitle}" if deck.subtitle else deck.title
        set_core_properties(
            self.prs.core_properties,
            title,
            self.brand.kommune,
            deck.committee or deck.subtitle,
            deck.date,
        )


def write_pptx(
    deck: Deck, brand: Brand, max_slides: int | None = None
) -> tuple[bytes, list[Problem], list[Problem], int]:
    """Render a deck; return the file bytes, warnings, notes about shrunk text, slide count.

    A deck that would make more than max_slides slides is refused before any is made.
    """
    writer = PptxWriter(brand)
    data = writer.write(deck, max_slides)
    return data, writer.warnings, writer.shrunk, writer.slide_count
