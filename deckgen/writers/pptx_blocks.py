"""Slide blocks drawn as shapes: key figure cards, the schedule's date column, pictures."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Pt

from deckgen.brand import Palette
from deckgen.errors import Problem
from deckgen.model import KeyFigure, Picture, Slide
from deckgen.model import Schedule as ScheduleBlock
from deckgen.textfit import POINT_EMU, Fonts, Line, fit_scale
from deckgen.writers import pptx_xml
from deckgen.writers.pptx_plan import INSET_EMU, LEVEL_SIZES, Box
from deckgen.writers.pptx_text import MIN_TEXT_SCALE, Findings, add_run, box_of, no_footnote

SCHEDULE_DATE_EMU = int(1.9 * 914400)
KEY_VALUE_PT = 40.0
KEY_VALUE_MIN_PT = 20.0
KEY_LABEL_PT = 16.0
KEY_LABEL_MIN_PT = 11.0
CARD_MARGIN_EMU = int(0.2 * 914400)
CARD_SAFETY_EMU = int(0.2 * 914400)
"""Room a key figure's value leaves in its card beyond the margins, for renderer differences."""


def schedule(body: Any, slide: Slide, fonts: Fonts, colours: Palette, findings: Findings) -> None:
    """Dates in the brand colour, the event beside them; wrapped lines hang under the event."""
    entries = [e for b in slide.blocks if isinstance(b, ScheduleBlock) for e in b.entries]
    x, y, w, h = box_of(body)
    widest = max((fonts.width_pt(e.when, LEVEL_SIZES[1], True) for e in entries), default=0.0)
    # The date column fits the longest date («11. februar 2025»), up to 45 % of the box.
    gap = int(0.3 * 914400)
    date_emu = min(max(SCHEDULE_DATE_EMU, int(widest * POINT_EMU) + gap), int(w * 0.45))
    text_width = w - 2 * INSET_EMU - date_emu
    lines = [Line("".join(r.text for r in e.what), LEVEL_SIZES[1], False, 0, 10.0) for e in entries]
    scale, fits = fit_scale(fonts, lines, text_width, h - INSET_EMU, MIN_TEXT_SCALE)
    if not fits:
        findings.warnings.append(Problem(slide.location, "tidsplanen får ikke plass på lysbildet"))
    frame = body.text_frame
    frame.clear()
    size = LEVEL_SIZES[1] * scale
    for index, entry in enumerate(entries):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        pptx_xml.hanging_tab(paragraph, date_emu)
        paragraph.space_before = Pt(10 * scale if index else 0)
        add_run(paragraph, entry.when + "\t", size, True, False, colours.primær)
        for run in entry.what:
            no_footnote(run, entry.location)
            add_run(paragraph, run.text, size, run.bold, run.italic, None, run.link)


def key_figures(
    slide: Any,
    items: Sequence[KeyFigure],
    content: Box,
    fonts: Fonts,
    colours: Palette,
    findings: Findings,
) -> None:
    """One card per key figure across the content area, all values at one size."""
    x0, y0, width, height = content
    gap = int(0.35 * 914400)
    card_w = (width - gap * (len(items) - 1)) // len(items)
    card_h = int(3.2 * 914400)
    top = y0 + (height - card_h) // 2
    value_size = _key_figure_size(items, card_w, fonts, findings)
    label_size = _label_size(items, card_w, fonts, findings)
    for i, item in enumerate(items):
        left = x0 + i * (card_w + gap)
        card = slide.shapes.add_shape(
            MSO_SHAPE.ROUNDED_RECTANGLE, Emu(left), Emu(top), Emu(card_w), Emu(card_h)
        )
        _card(card, item, (value_size, label_size), colours)
        card.name = f"Nøkkeltall {i + 1}"


def _card(card: Any, item: KeyFigure, sizes: tuple[float, float], colours: Palette) -> None:
    """A key figure card: its value large over its explanation."""
    value_size, label_size = sizes
    card.adjustments[0] = 0.06
    card.fill.solid()
    card.fill.fore_color.rgb = RGBColor.from_string(colours.lys)
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
    add_run(value, item.value, value_size, True, False, colours.primær)
    label = frame.add_paragraph()
    label.alignment = PP_ALIGN.CENTER
    label.space_before = Pt(8)
    add_run(label, item.label, label_size, False, False, colours.tekst)


def _key_figure_size(
    items: Sequence[KeyFigure], card_w: int, fonts: Fonts, findings: Findings
) -> float:
    """One value size for all cards: the largest at which every value fits on one line."""
    room = (card_w - 2 * CARD_MARGIN_EMU - CARD_SAFETY_EMU) / POINT_EMU
    size = KEY_VALUE_PT
    while size > KEY_VALUE_MIN_PT:
        if all(fonts.width_pt(i.value, size, True) <= room for i in items):
            return size
        size -= 2.0
    for item in items:
        if fonts.width_pt(item.value, size, True) > room:
            findings.warnings.append(
                Problem(
                    item.location,
                    f"nøkkeltallet «{item.value}» får ikke plass på én linje i kortet, selv "
                    f"med minste skriftstørrelse ({KEY_VALUE_MIN_PT:g} pt); skriv det kortere "
                    "eller bruk færre nøkkeltall",
                )
            )
    return size


def _label_size(items: Sequence[KeyFigure], card_w: int, fonts: Fonts, findings: Findings) -> float:
    """One explanation size for all cards: the largest at which no word is broken."""
    room = (card_w - 2 * CARD_MARGIN_EMU - CARD_SAFETY_EMU) / POINT_EMU
    size = KEY_LABEL_PT
    while size > KEY_LABEL_MIN_PT:
        if all(_widest_word(fonts, i.label, size) <= room for i in items):
            return size
        size -= 1.0
    for item in items:
        for word in item.label.split():
            if fonts.width_pt(word, size, False) > room:
                findings.warnings.append(
                    Problem(
                        item.location,
                        f"ordet «{word}» i forklaringen til nøkkeltallet «{item.value}» er "
                        f"bredere enn kortet, selv med minste skriftstørrelse "
                        f"({KEY_LABEL_MIN_PT:g} pt), og blir delt midt i; del det med "
                        "bindestrek eller bruk færre nøkkeltall",
                    )
                )
    return size


def _widest_word(fonts: Fonts, text: str, size: float) -> float:
    """The width in points of the widest word of text."""
    return max((fonts.width_pt(word, size, False) for word in text.split()), default=0.0)


def picture_in(slide: Any, picture: Picture, box: Box) -> None:
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
    pptx_xml.describe(shape, picture.alt_text)
