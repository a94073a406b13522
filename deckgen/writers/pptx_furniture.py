"""What every slide carries besides its content: slide number, footer text and the wordmark."""

from __future__ import annotations

from typing import Any

from pptx.enum.shapes import PP_PLACEHOLDER

from deckgen.brand import Brand
from deckgen.colours import WHITE, text_colour
from deckgen.output import LANGUAGE
from deckgen.writers import pptx_xml
from deckgen.writers.pptx_brandmatch import shows_wordmark
from deckgen.writers.pptx_plan import INSET_EMU
from deckgen.writers.pptx_roles import LayoutRoles, Role
from deckgen.writers.pptx_text import add_run, add_textbox

SLIDE_NUMBER_FIELD_ID = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"
WORDMARK_PT = 14.0
WORDMARK_TOP_EMU = 365760
WORDMARK_HEIGHT_EMU = 365760


def add_slide_number(slide: Any, number: int, known: dict[str, list[Any]] | None = None) -> None:
    """Give the slide its number where its layout has a slide number placeholder (`known`
    remembers each layout's, by name, for one deck)."""
    layout = pptx_xml.layout_of(slide)
    holders = None if known is None else known.get(layout.name)
    if holders is None:
        layout_placeholders: Any = layout.placeholders
        holders = [
            holder
            for holder in layout_placeholders
            if holder.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER
        ]
        if known is not None:
            known[layout.name] = holders
    for holder in holders:
        pptx_xml.add_slide_number(slide, holder, number, SLIDE_NUMBER_FIELD_ID, LANGUAGE)


def add_footer(slide: Any, roles: LayoutRoles, text: str) -> None:
    """Give the slide the footer text where its layout has a footer placeholder."""
    holder = roles.first(Role.FOOTER)
    if holder is not None and text:
        layout_placeholders: Any = pptx_xml.layout_of(slide).placeholders
        pptx_xml.add_footer(slide, layout_placeholders.get(holder.idx), text, LANGUAGE)


def add_wordmark(slide: Any, roles: LayoutRoles, brand: Brand, slide_size: tuple[int, int]) -> None:
    """The brand's wordmark (and slogan) above the title, when the template shows no logo or
    name of its own on this layout; at the foot of the slide if there is no room above."""
    if shows_wordmark(pptx_xml.layout_of(slide), brand):
        return
    title = roles.title
    slide_width, slide_height = slide_size
    left = title.left if title else INSET_EMU
    width = title.width if title else slide_width - 2 * left
    top = WORDMARK_TOP_EMU
    if title and title.top < top + WORDMARK_HEIGHT_EMU:
        top = slide_height - 2 * WORDMARK_HEIGHT_EMU
    box = (left, top, width, WORDMARK_HEIGHT_EMU)
    add_textbox(slide, box, brand.ordmerke, WORDMARK_PT, True, brand.farger.primær)
    shape = slide.shapes[-1]
    shape.name = "Ordmerke"
    if brand.slagord:
        paragraph = shape.text_frame.paragraphs[0]
        colour = text_colour(brand.farger.tekst, WHITE, WORDMARK_PT)
        add_run(paragraph, f"  {brand.slagord}", WORDMARK_PT, False, False, colour)
