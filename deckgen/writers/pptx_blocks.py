"""Slide blocks drawn as shapes: key figure cards, the schedule's date column, pictures."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Pt

from deckgen.brand import Palette
from deckgen.colours import WHITE, text_colour
from deckgen.errors import Problem
from deckgen.model import KeyFigure, Picture, Slide
from deckgen.model import Schedule as ScheduleBlock
from deckgen.textfit import (
    LINE_SPACING,
    POINT_EMU,
    Fonts,
    Line,
    fit_scale,
    height_pt,
    wrapped_lines,
)
from deckgen.writers import pptx_xml
from deckgen.writers.pptx_plan import INSET_EMU, LEVEL_SIZES, Box
from deckgen.writers.pptx_text import MIN_TEXT_SCALE, Findings, add_run, box_of, no_footnote

SCHEDULE_DATE_EMU = int(1.9 * 914400)
KEY_VALUE_PT = 40.0
KEY_VALUE_MIN_PT = 20.0
KEY_UNIT_PT = 18.0
KEY_UNIT_MIN_PT = 12.0
KEY_LABEL_PT = 16.0
KEY_LABEL_MIN_PT = 11.0
KEY_LABEL_GAP_PT = 8.0
"""Space between a key figure (or its unit) and its explanation."""
CARD_TOP_EMU = int(0.75 * 914400)
"""Room above the values; less (down to CARD_TOP_MIN_EMU) when the cards are full, so the text
sits in the middle of the tallest card."""
CARD_TOP_MIN_EMU = int(0.3 * 914400)
CARD_BOTTOM_EMU = 45720
"""A card's text frame's bottom margin: PowerPoint's default, which the cards keep."""
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
    date_colour = text_colour(colours.primær, WHITE, size, True)
    for index, entry in enumerate(entries):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        pptx_xml.hanging_tab(paragraph, date_emu)
        paragraph.space_before = Pt(10 * scale if index else 0)
        add_run(paragraph, entry.when + "\t", size, True, False, date_colour)
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
    """One card per key figure across the content area: values, units and explanations each at
    one size, and lined up across the cards."""
    x0, y0, width, height = content
    gap = int(0.35 * 914400)
    card_w = (width - gap * (len(items) - 1)) // len(items)
    card_h = int(3.2 * 914400)
    top = y0 + (height - card_h) // 2
    sizes = _card_sizes(items, card_w, card_h, fonts, findings)
    room = _text_room(card_w)
    unit_lines = [_unit_lines(fonts, item, sizes, room) for item in items]
    tallest = int(max(_heights(fonts, items, sizes, room)) * POINT_EMU)
    margin = min(CARD_TOP_EMU, max(CARD_TOP_MIN_EMU, (card_h - tallest) // 2))
    for i, item in enumerate(items):
        left = x0 + i * (card_w + gap)
        card = slide.shapes.add_shape(
            MSO_SHAPE.ROUNDED_RECTANGLE, Emu(left), Emu(top), Emu(card_w), Emu(card_h)
        )
        # A card with fewer unit lines than the others starts its explanation as low as theirs.
        missing = max(unit_lines) - unit_lines[i]
        _card(card, item, sizes, colours, (margin, missing * sizes.unit * LINE_SPACING))
        card.name = f"Nøkkeltall {i + 1}"


@dataclass(frozen=True)
class CardSizes:
    """The font sizes in points of the values, the units and the explanations of the cards."""

    value: float
    unit: float
    label: float


def _card(
    card: Any, item: KeyFigure, sizes: CardSizes, colours: Palette, place: tuple[int, float]
) -> None:
    """A key figure card: its value large, its unit smaller under it, then its explanation;
    `place` is the room above the value (EMU) and how many points lower than right under the
    unit the explanation starts."""
    margin, drop = place
    card.adjustments[0] = 0.06
    card.fill.solid()
    card.fill.fore_color.rgb = RGBColor.from_string(colours.lys)
    card.line.fill.background()
    card.shadow.inherit = False
    frame = card.text_frame
    frame.word_wrap = True
    # Values line up across the cards, however many lines their explanations take.
    frame.vertical_anchor = MSO_ANCHOR.TOP
    frame.margin_top = Emu(margin)
    for side in ("margin_left", "margin_right"):
        setattr(frame, side, Emu(CARD_MARGIN_EMU))
    value = frame.paragraphs[0]
    value.alignment = PP_ALIGN.CENTER

    def on_card(colour: str, size: float, bold: bool = False) -> str:
        """A brand colour as text on the card's light fill, darkened if it would not read."""
        return text_colour(colour, colours.lys, size, bold)

    add_run(value, item.value, sizes.value, True, False, on_card(colours.primær, sizes.value, True))
    if item.unit:
        unit = frame.add_paragraph()
        unit.alignment = PP_ALIGN.CENTER
        unit.line_spacing = Pt(sizes.unit * LINE_SPACING)
        add_run(unit, item.unit, sizes.unit, False, False, on_card(colours.tekst, sizes.unit))
    label = frame.add_paragraph()
    label.alignment = PP_ALIGN.CENTER
    label.space_before = Pt(KEY_LABEL_GAP_PT + drop)
    add_run(label, item.label, sizes.label, False, False, on_card(colours.tekst, sizes.label))


def _card_sizes(
    items: Sequence[KeyFigure], card_w: int, card_h: int, fonts: Fonts, findings: Findings
) -> CardSizes:
    """The largest sizes at which every card's text fits: values on one line, no word broken,
    and value, unit and explanation within the card's height; shrinking is noted."""
    sizes = CardSizes(
        _key_figure_size(items, card_w, fonts, findings),
        _word_size(items, card_w, fonts, findings, unit=True),
        _word_size(items, card_w, fonts, findings, unit=False),
    )
    room = _text_room(card_w)
    height = (card_h - CARD_TOP_MIN_EMU - CARD_BOTTOM_EMU) / POINT_EMU
    while max(_heights(fonts, items, sizes, room)) > height:
        if sizes.unit <= KEY_UNIT_MIN_PT and sizes.label <= KEY_LABEL_MIN_PT:
            break
        sizes = CardSizes(
            sizes.value,
            max(sizes.unit - 1, KEY_UNIT_MIN_PT),
            max(sizes.label - 1, KEY_LABEL_MIN_PT),
        )
    heights = _heights(fonts, items, sizes, room)
    too_tall = [i for i, tall in zip(items, heights, strict=True) if tall > height]
    for item in too_tall:
        least = f"enhet {KEY_UNIT_MIN_PT:g} pt, forklaring " if item.unit else ""
        what = "enheten eller forklaringen" if item.unit else "forklaringen"
        findings.warnings.append(
            Problem(
                item.location,
                f"nøkkeltallet «{item.value}» får ikke plass i kortet med "
                f"{'enhet og ' if item.unit else ''}forklaring, selv med minste "
                f"skriftstørrelse ({least}{KEY_LABEL_MIN_PT:g} pt); skriv {what} kortere "
                "eller bruk færre nøkkeltall",
            )
        )
    if not too_tall:
        _note_shrunk(items, sizes, findings)
    return sizes


def _note_shrunk(items: Sequence[KeyFigure], sizes: CardSizes, findings: Findings) -> None:
    """A note naming what was made smaller than its usual size to fit the cards."""
    parts = [
        f"{what} til {size:g} pt (i stedet for {usual:g} pt)"
        for what, size, usual, shown in (
            ("tallene", sizes.value, KEY_VALUE_PT, True),
            ("enhetene", sizes.unit, KEY_UNIT_PT, any(i.unit for i in items)),
            ("forklaringene", sizes.label, KEY_LABEL_PT, True),
        )
        if shown and size < usual
    ]
    if parts:
        findings.shrunk.append(
            Problem(
                items[0].location,
                "nøkkeltallene er krympet for å få plass i kortene: " + ", ".join(parts),
            )
        )


def _text_room(card_w: int) -> int:
    """The width in EMU a card's text is measured against: inside its margins, with room to
    spare for renderer differences."""
    return card_w - 2 * CARD_MARGIN_EMU - CARD_SAFETY_EMU


def _heights(fonts: Fonts, items: Sequence[KeyFigure], sizes: CardSizes, room: int) -> list[float]:
    """The height in points of each card's text, its explanation lined up with the others'."""
    lines = [_unit_lines(fonts, item, sizes, room) for item in items]
    return [
        _text_height(fonts, item, sizes, room) + (max(lines) - count) * sizes.unit * LINE_SPACING
        for item, count in zip(items, lines, strict=True)
    ]


def _text_height(fonts: Fonts, item: KeyFigure, sizes: CardSizes, room: int) -> float:
    """The height in points of one card's value, unit and explanation."""
    lines = [Line(item.value, sizes.value, True)]
    if item.unit:
        lines.append(Line(item.unit, sizes.unit))
    lines.append(Line(item.label, sizes.label, False, 0, KEY_LABEL_GAP_PT))
    return height_pt(fonts, lines, room)


def _unit_lines(fonts: Fonts, item: KeyFigure, sizes: CardSizes, room: int) -> int:
    """How many lines a card's unit wraps to (0 without a unit)."""
    return wrapped_lines(fonts, Line(item.unit, sizes.unit), room) if item.unit else 0


def _key_figure_size(
    items: Sequence[KeyFigure], card_w: int, fonts: Fonts, findings: Findings
) -> float:
    """One value size for all cards: the largest at which every value fits on one line."""
    room = _text_room(card_w) / POINT_EMU
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


def _word_size(
    items: Sequence[KeyFigure], card_w: int, fonts: Fonts, findings: Findings, unit: bool
) -> float:
    """One size for all units (or all explanations): the largest at which no word is broken."""
    room = _text_room(card_w) / POINT_EMU
    size, least = (KEY_UNIT_PT, KEY_UNIT_MIN_PT) if unit else (KEY_LABEL_PT, KEY_LABEL_MIN_PT)
    texts = [(item, item.unit if unit else item.label) for item in items]
    while size > least:
        if all(_widest_word(fonts, text, size) <= room for _, text in texts):
            return size
        size -= 1.0
    where = "enheten" if unit else "forklaringen"
    for item, text in texts:
        for word in text.split():
            if fonts.width_pt(word, size, False) > room:
                findings.warnings.append(
                    Problem(
                        item.location,
                        f"ordet «{word}» i {where} til nøkkeltallet «{item.value}» er "
                        f"bredere enn kortet, selv med minste skriftstørrelse "
                        f"({least:g} pt), og blir delt midt i; del det med "
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
    if picture.decorative:
        pptx_xml.mark_decorative(shape)
    else:
        pptx_xml.describe(shape, picture.alt_text)
