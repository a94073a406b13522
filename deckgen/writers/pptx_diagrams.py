"""Slides drawn as editable shapes: key figure cards, levels (a pyramid) and process chevrons."""

from __future__ import annotations

from typing import Any

from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu

from deckgen.brand import Palette
from deckgen.colours import WHITE, readable_tint, text_colour, text_on
from deckgen.errors import Problem
from deckgen.model import Diagram, DiagramStep, KeyFigures, Slide, SlideKind
from deckgen.textfit import POINT_EMU, Fonts, Line, height_pt, words_too_wide
from deckgen.writers import pptx_blocks, pptx_xml
from deckgen.writers.pptx_plan import Box
from deckgen.writers.pptx_text import Findings, add_run

DRAWN = (SlideKind.KEY_FIGURES, SlideKind.LEVELS, SlideKind.PROCESS)
INCH = 914400
LABEL_PT = 20.0
TEXT_PT = 18.0
MIN_SCALE = 0.6
"""Labels and texts shrink to 60 % (12 and 10.8 pt) before a warning."""
MARGIN_EMU = int(0.08 * INCH)
PYRAMID_SHARE = 0.42
"""The pyramid's share of the content width; the levels' texts take the rest."""
ROW_GAP_EMU = int(0.06 * INCH)
ROW_MOST_EMU = int(1.3 * INCH)
LIGHTEST = 0.55
"""The bottom level's fill: this share of the primary colour (the top level is all of it)."""
CHEVRON_EMU = int(1.1 * INCH)
POINT_SHARE = 0.3
"""How deep a chevron's point is, as a share of its height."""
STEP_GAP_EMU = int(0.06 * INCH)


def draw(
    slide: Any, source: Slide, content: Box, fonts: Fonts, colours: Palette, f: Findings
) -> None:
    """Draw a slide's key figures, levels or process in the content area."""
    if source.kind is SlideKind.KEY_FIGURES:
        groups = [b for b in source.blocks if isinstance(b, KeyFigures)]
        items = [item for group in groups for item in group.items]
        pptx_blocks.key_figures(slide, items, content, fonts, colours, f)
        return
    diagram = next(b for b in source.blocks if isinstance(b, Diagram))
    group = slide.shapes.add_group_shape()
    if diagram.kind is SlideKind.LEVELS:
        group.name = "Nivåer"
        _levels(group.shapes, diagram.steps, content, fonts, colours, f)
    else:
        group.name = "Prosess"
        _process(group.shapes, diagram.steps, content, fonts, colours, f)
    pptx_xml.describe(group, alt_text(diagram))


def alt_text(diagram: Diagram) -> str:
    """The diagram read aloud: what kind it is and every level or step with its text."""
    parts = [f"{n}. {_spoken(step)}" for n, step in enumerate(diagram.steps, 1)]
    if diagram.kind is SlideKind.LEVELS:
        return f"Nivådiagram med {len(parts)} nivåer, øverst først: " + "; ".join(parts)
    return f"Prosess i {len(parts)} steg: " + "; ".join(parts)


def _spoken(step: DiagramStep) -> str:
    """A step as one line: «label: text»."""
    text = _plain(step)
    return f"{step.label}: {text}" if text else step.label


def _plain(step: DiagramStep) -> str:
    """A step's text without formatting."""
    return "".join(run.text for run in step.text)


def _levels(
    shapes: Any, steps: list[DiagramStep], box: Box, fonts: Fonts, colours: Palette, f: Findings
) -> None:
    """A pyramid of trapezoids, top level first, each level's text beside it."""
    x, y, w, h = box
    n = len(steps)
    pyramid = int(w * PYRAMID_SHARE)
    row = min((h - (n - 1) * ROW_GAP_EMU) // n, ROW_MOST_EMU)
    top = y + (h - n * row - (n - 1) * ROW_GAP_EMU) // 2
    flat = max(1, n // 2)  # the top is this many steps wide: a label fits in it
    inset = pyramid // (2 * (n + flat))  # each side: the slope continues from row to row
    text_x = x + pyramid + int(0.3 * INCH)
    text_w = x + w - text_x
    label_room = [pyramid * (i + flat) // (n + flat) - 2 * MARGIN_EMU for i in range(n)]
    label_size = _shared_size(fonts, steps, label_room, row, True, f, "nivået")
    text_size = _text_size(fonts, steps, text_w, row, f, "nivået")
    for i, step in enumerate(steps):
        width = pyramid * (i + 1 + flat) // (n + flat)
        row_y = top + i * (row + ROW_GAP_EMU)
        shape = shapes.add_shape(
            MSO_SHAPE.TRAPEZOID, Emu(x + (pyramid - width) // 2), Emu(row_y), Emu(width), Emu(row)
        )
        shape.adjustments[0] = inset / min(width, row)
        shape.name = f"Nivå {i + 1}"
        fill = readable_tint(colours.primær, colours.tekst, 1 - (1 - LIGHTEST) * i / max(n - 1, 1))
        _label(shape, step.label, label_size, fill, colours)
        if step.text:
            text = shapes.add_textbox(Emu(text_x), Emu(row_y), Emu(text_w), Emu(row))
            text.name = f"Nivå {i + 1} tekst"
            _text(text, step, text_size, colours, PP_ALIGN.LEFT, MSO_ANCHOR.MIDDLE)


def _process(
    shapes: Any, steps: list[DiagramStep], box: Box, fonts: Fonts, colours: Palette, f: Findings
) -> None:
    """Chevrons left to right (the first a pentagon), each step's text under it."""
    x, y, w, h = box
    n = len(steps)
    point = int(CHEVRON_EMU * POINT_SHARE)
    width = (w + (n - 1) * (point - STEP_GAP_EMU)) // n
    has_text = any(step.text for step in steps)
    top = y + (int(0.1 * h) if has_text else (h - CHEVRON_EMU) // 2)
    text_top = top + CHEVRON_EMU + int(0.15 * INCH)
    text_h = y + h - text_top
    label_room = [width - 2 * point - 2 * MARGIN_EMU] * n
    label_size = _shared_size(fonts, steps, label_room, CHEVRON_EMU, True, f, "steget")
    text_size = _text_size(fonts, steps, width - point, text_h, f, "steget")
    for i, step in enumerate(steps):
        left = x + i * (width - point + STEP_GAP_EMU)
        kind = MSO_SHAPE.PENTAGON if i == 0 else MSO_SHAPE.CHEVRON
        shape = shapes.add_shape(kind, Emu(left), Emu(top), Emu(width), Emu(CHEVRON_EMU))
        shape.adjustments[0] = point / min(width, CHEVRON_EMU)
        shape.name = f"Steg {i + 1}"
        _label(shape, step.label, label_size, colours.primær, colours)
        if step.text:
            place = (Emu(left + point // 2), Emu(text_top), Emu(width - point), Emu(text_h))
            text = shapes.add_textbox(*place)
            text.name = f"Steg {i + 1} tekst"
            _text(text, step, text_size, colours, PP_ALIGN.CENTER, MSO_ANCHOR.TOP)


def _label(shape: Any, label: str, size: float, fill: str, colours: Palette) -> None:
    """A filled shape with its label centred in the colour that reads best on the fill."""
    shape.fill.solid()
    shape.fill.fore_color.rgb = RGBColor.from_string(fill)
    shape.line.fill.background()
    shape.shadow.inherit = False
    frame = shape.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    for side in ("margin_left", "margin_right", "margin_top", "margin_bottom"):
        setattr(frame, side, Emu(MARGIN_EMU))
    paragraph = frame.paragraphs[0]
    paragraph.alignment = PP_ALIGN.CENTER
    add_run(paragraph, label, size, True, False, text_on(fill, colours.tekst))


def _text(
    shape: Any, step: DiagramStep, size: float, colours: Palette, align: Any, anchor: Any
) -> None:
    """A level's or step's text in the body colour."""
    frame = shape.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = anchor
    paragraph = frame.paragraphs[0]
    paragraph.alignment = align
    for run in step.text:
        colour = text_colour(colours.tekst, WHITE, size, run.bold)
        add_run(paragraph, run.text, size, run.bold, run.italic, colour)


def _shared_size(
    fonts: Fonts,
    steps: list[DiagramStep],
    rooms: list[int],
    height: int,
    bold: bool,
    f: Findings,
    what: str,
) -> float:
    """One label size for all shapes: the largest at which every label fits its shape."""
    scales = []
    for step, room in zip(steps, rooms, strict=True):
        scale, fits = _fit(fonts, Line(step.label, LABEL_PT, bold), room, height - 2 * MARGIN_EMU)
        if not fits:
            f.warnings.append(
                Problem(
                    step.location,
                    f"navnet på {what} «{step.label}» får ikke plass i figuren, selv med minste "
                    f"skriftstørrelse ({LABEL_PT * MIN_SCALE:g} pt); skriv det kortere og sett "
                    "resten i teksten etter kolon",
                )
            )
        scales.append(scale)
    return LABEL_PT * min(scales)


def _text_size(
    fonts: Fonts, steps: list[DiagramStep], width: int, height: int, f: Findings, what: str
) -> float:
    """One text size for all levels or steps: the largest at which every text fits its box."""
    scales = [1.0]
    room = width - 2 * int(0.1 * INCH)  # a text box's own margins
    for step in steps:
        if not step.text:
            continue
        scale, fits = _fit(fonts, Line(_plain(step), TEXT_PT), room, height - int(0.1 * INCH))
        if not fits:
            f.warnings.append(
                Problem(
                    step.location,
                    f"teksten til {what} «{step.label}» får ikke plass på lysbildet, selv med "
                    f"minste skriftstørrelse ({TEXT_PT * MIN_SCALE:g} pt); skriv den kortere "
                    "eller flytt noe til «::: notater»",
                )
            )
        scales.append(scale)
    return TEXT_PT * min(scales)


def _fit(fonts: Fonts, line: Line, width: int, height: int) -> tuple[float, bool]:
    """The largest scale (1.0 down to MIN_SCALE) at which the text fits its box without a
    word broken in the middle; and whether it does."""
    scale = 1.0
    while scale >= MIN_SCALE - 1e-9:
        tall = height_pt(fonts, [line], width, scale) * POINT_EMU
        if tall <= height and not words_too_wide(fonts, line, width, scale):
            return scale, True
        scale = round(scale - 0.05, 2)
    return MIN_SCALE, False
