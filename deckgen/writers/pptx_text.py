"""Text on slides: runs, paragraphs and text frames, fitted to their boxes with warnings."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pptx.dml.color import RGBColor
from pptx.util import Emu, Pt

from deckgen.colours import WHITE, text_colour
from deckgen.errors import DeckgenError, Problem, SourceLocation
from deckgen.model import Paragraph, Run
from deckgen.output import LANGUAGE
from deckgen.textfit import Fonts, Line, fit_scale, words_too_wide
from deckgen.writers import pptx_xml
from deckgen.writers.pptx_plan import (
    INSET_EMU,
    LEVEL_SIZES,
    Box,
    SubheadingLine,
    Typography,
    autonumber,
    lines,
)

ONE_LINE_MIN_SCALE = 0.8
MIN_TEXT_SCALE = 0.7


@dataclass
class Findings:
    """What writing a deck warned about, and the notes about text shrunk to fit."""

    warnings: list[Problem] = field(default_factory=list)
    shrunk: list[Problem] = field(default_factory=list)


def box_of(shape: Any) -> Box:
    """A shape's position and size in EMU: left, top, width, height."""
    return pptx_xml.shape_box(shape)


def no_footnote(run: Run, location: SourceLocation | None) -> None:
    """Stop at a footnote reference: a slide has no footnotes, and it must not vanish silently."""
    if run.footnote:
        raise DeckgenError.at(
            location,
            f"fotnoten [^{run.footnote}] kan ikke stå på et lysbilde; fotnoter brukes bare i "
            "rapporter (Word): skriv forklaringen i teksten eller i «::: notater»",
        )


def add_run(
    paragraph: Any,
    text: str,
    size: float | None,
    bold: bool,
    italic: bool,
    colour: str | None,
    link: str = "",
    font_name: str = "",
) -> None:
    """Add text in one formatting; a «\\n» in it becomes a line break (a:br)."""
    for index, part in enumerate(text.split("\n")):
        if index:
            paragraph.add_line_break()
        run = paragraph.add_run()
        run.text = part
        if link:
            run.hyperlink.address = link
            _format_run(run, size, bold, italic, colour, font_name)
        else:
            key = (size, bold, italic, colour, font_name)
            pptx_xml.copied_properties(run, "rPr", key, lambda r, k=key: _format_run(r, *k))


def _format_run(
    run: Any, size: float | None, bold: bool, italic: bool, colour: str | None, font_name: str
) -> None:
    """A run's size, weight, slant, colour, font and language."""
    font = run.font
    if size:
        font.size = Pt(round(size * 2) / 2)
    if bold:
        font.bold = True
    if italic:
        font.italic = True
    if colour:
        font.color.rgb = RGBColor.from_string(colour)
    if font_name:
        font.name = font_name
    pptx_xml.set_run_language(run, LANGUAGE)


def set_text(
    frame: Any,
    items: list[Paragraph],
    scale: float | None = None,
    size: float | None = None,
    sizes: dict[int, float] | None = None,
    style: Typography | None = None,
) -> None:
    """Write paragraphs into a text frame; size, or scale times the level's size in sizes,
    overrides the layout's font size. Subheadings get the style's size (times scale), bold,
    in its font and colour."""
    sizes = sizes or LEVEL_SIZES
    frame.clear()
    numbering = autonumber(items)
    for index, source in enumerate(items):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        if source.level:
            paragraph.level = source.level - 1
        else:
            pptx_xml.no_bullet(paragraph)
        numbered, start = numbering[index]
        if numbered:
            pptx_xml.auto_number(paragraph, start)
        if isinstance(source, SubheadingLine) and style is not None:
            _subheading(paragraph, source, style.subheading_pt * (scale or 1.0), style)
            continue
        run_size = size or (sizes[source.level] * scale if scale else None)
        for run in source.runs:
            no_footnote(run, source.location)
            add_run(paragraph, run.text, run_size, run.bold, run.italic, None, run.link)


def _subheading(paragraph: Any, source: Paragraph, size: float, style: Typography) -> None:
    """A subheading: bold, the brand's heading font, its primary colour made readable on the
    slide's white."""
    colour = text_colour(style.colour, WHITE, size, True)
    add_run(paragraph, source.text, size, True, False, colour, font_name=style.font)


def add_textbox(
    slide: Any, box: Box, text: str, size: float, bold: bool, colour: str, italic: bool = False
) -> None:
    """A text box without side margins holding one run of text, on the slide's white: a brand
    colour too light (or too dark) to read there becomes its nearest variant that reads."""
    colour = text_colour(colour, WHITE, size, bold)
    shape = slide.shapes.add_textbox(*(Emu(v) for v in box))
    frame = shape.text_frame
    frame.word_wrap = True
    frame.margin_left = frame.margin_right = Emu(0)
    add_run(frame.paragraphs[0], text, size, bold, italic, colour)


@dataclass
class BodyFit:
    """How text fits a shape: the template's size per level (known, or deckgen's own), the
    scale it fits at, and whether it fits at all."""

    sizes: dict[int, float]
    indents: dict[int, int]
    known: bool
    scale: float
    fits: bool


def body_fit(
    shape: Any, items: list[Paragraph], fonts: Fonts, style: Typography | None = None
) -> BodyFit:
    """The largest scale at which the text fits the shape's height and no word is wider than
    the shape (down to the style's floor)."""
    _, _, w, h = box_of(shape)
    sizes, known = level_sizes(shape)
    indents = level_indents(shape)
    floor = style.min_text if style else MIN_TEXT_SCALE
    measured = lines(items, sizes, indents, style.subheading_pt if style else None)
    width = w - 2 * INSET_EMU
    scale, fits = fit_scale(fonts, measured, width, h - INSET_EMU, floor)
    while scale > floor + 1e-9 and any(
        words_too_wide(fonts, line, width, scale) for line in measured
    ):
        scale = round(scale - 0.05, 2)
    return BodyFit(sizes, indents, known, scale, fits)


def fill_body(
    shape: Any,
    items: list[Paragraph],
    location: SourceLocation,
    fonts: Fonts,
    findings: Findings,
    cap: float = 1.0,
    style: Typography | None = None,
) -> None:
    """Write paragraphs into a shape, shrunk to fit (noted) or warned about if they cannot;
    never larger than cap (so columns side by side share one size)."""
    fit = body_fit(shape, items, fonts, style)
    scale = min(fit.scale, cap)
    if not fit.fits:  # named at the text's first line, not the slide's title
        findings.warnings.append(
            Problem(
                next((p.location for p in items if p.location), location),
                "teksten får ikke plass på lysbildet selv med minste skriftstørrelse; "
                "del den på flere lysbilder eller i kolonner",
            )
        )
    if fit.fits and scale < 1:
        findings.shrunk.append(
            Problem(location, f"teksten er krympet til {round(scale * 100)} % for å få plass")
        )
    width = int(shape.width) - 2 * INSET_EMU
    measured = lines(items, fit.sizes, fit.indents, style.subheading_pt if style else None)
    for paragraph, line in zip(items, measured, strict=True):
        for word in words_too_wide(fonts, line, width, scale):
            shown = word if len(word) <= 30 else f"{word[:30]}…"
            findings.warnings.append(
                Problem(
                    paragraph.location or location,
                    f"ordet «{shown}» er bredere enn tekstboksen og blir delt midt i; "
                    "del det med bindestrek",
                )
            )
    explicit = scale < 1 or not fit.known  # else the template's own sizes are the measured
    set_text(shape.text_frame, items, scale if explicit else None, sizes=fit.sizes, style=style)


def level_sizes(shape: Any) -> tuple[dict[int, float], bool]:
    """The font size of each paragraph level in a shape: the template's, else deckgen's own;
    and whether the template gives them all."""
    found = {level: pptx_xml.inherited_size(shape, max(level, 1)) for level in LEVEL_SIZES}
    sizes = {level: size or LEVEL_SIZES[level] for level, size in found.items()}
    return sizes, all(found.values())


def level_indents(shape: Any) -> dict[int, int]:
    """The template's left margin of each bulleted level in a shape, where it gives one."""
    found = {level: pptx_xml.inherited_indent(shape, level) for level in LEVEL_SIZES if level}
    return {level: indent for level, indent in found.items() if indent is not None}


def heading_scale(shape: Any, text: str, size: float, fonts: Fonts) -> float:
    """The scale a column heading is written at: shrunk to one line, or wrapped to fit."""
    return _heading_fit(shape, text, pptx_xml.inherited_size(shape, 1) or size, fonts)[0]


def _heading_fit(
    shape: Any, text: str, size: float, fonts: Fonts, wrap_first: float | None = None
) -> tuple[float, bool]:
    """A heading's scale and whether it fits. A column heading: 1, else shrunk to one line,
    else (below the one-line minimum) wrapped at the largest scale that fits its box. A title
    (wrap_first: its floor): wrapped at its size, shrunk only when the lines do not fit."""
    _, _, w, h = box_of(shape)
    width = w - 2 * INSET_EMU
    one_line = fonts.width_pt(text, size, True) * 12700
    if one_line <= width:
        return 1.0, True
    if wrap_first is not None:
        return fit_scale(fonts, [Line(text, size, True)], width, h - INSET_EMU, wrap_first)
    if width / one_line >= ONE_LINE_MIN_SCALE:
        return width / one_line, True
    return fit_scale(fonts, [Line(text, size, True)], width, h - INSET_EMU, 0.6)


def fill_heading(
    shape: Any,
    text: str,
    size: float,
    location: SourceLocation | None,
    keep_size: bool,
    fonts: Fonts,
    findings: Findings,
    cap: float = 1.0,
    title_floor: float | None = None,
    own_size: bool = False,
) -> None:
    """Write a title or heading in the template's size for it (else size); a title wraps
    first (title_floor: the least it shrinks to), a column heading shrinks to one line; warn
    if it does not fit. Never larger than cap (headings side by side); own_size: size is the
    brand's, not the template's."""
    inherited = None if own_size else pptx_xml.inherited_size(shape, 1)
    size = inherited or size
    paragraph = [Paragraph([Run(text)])]
    if keep_size:
        _, _, w, h = box_of(shape)
        measured = [Line(text, size, True)]
        _, fits = fit_scale(fonts, measured, w - 2 * INSET_EMU, h - INSET_EMU, 1.0)
        _heading_warning(fits, text, location, findings)
        set_text(shape.text_frame, paragraph, None, None if inherited else size)
        return
    scale, fits = _heading_fit(shape, text, size, fonts, title_floor)
    _heading_warning(fits, text, location, findings)
    scale = min(scale, cap)
    explicit = scale < 1 or inherited is None
    set_text(shape.text_frame, paragraph, None, size * scale if explicit else None)


def _heading_warning(
    fits: bool, text: str, location: SourceLocation | None, findings: Findings
) -> None:
    """Warn about a title or heading that does not fit its box even at the smallest size."""
    if fits:
        return
    shown = text if len(text) <= 40 else f"{text[:40]}…"
    problem = Problem(
        location,
        f"overskriften «{shown}» får ikke plass på lysbildet selv med minste "
        "skriftstørrelse; gjør den kortere",
    )
    if problem not in findings.warnings:  # a continued table repeats its title
        findings.warnings.append(problem)
