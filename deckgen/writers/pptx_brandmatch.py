"""Whether a PowerPoint template belongs to its brand: the name it shows, its logo and fonts."""

from __future__ import annotations

from typing import Any

from lxml import etree
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.opc.constants import RELATIONSHIP_TYPE

from deckgen.brand import Brand, key_location
from deckgen.errors import Problem

_DRAWING = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def template_mismatches(presentation: Any, brand: Brand) -> list[Problem]:
    """Warnings when the template shows another municipality's name than the brand's, or
    draws text in other fonts than those the brand measures text with."""
    found: list[Problem] = []
    shown = _other_name(presentation, brand)
    if shown is not None:
        text, where = shown
        found.append(
            Problem(
                key_location(brand, ("ordmerke",)),
                f"malen viser «{text}» ({where}), men merkevaren er «{brand.ordmerke}»; bytt "
                "malen (pptx_mal) med kommunens egen, eller rett ordmerke",
            )
        )
    theme = _theme_fonts(presentation)
    for key, role in (("overskrift", "overskrifter"), ("tekst", "tekst")):
        wanted, used = getattr(brand.skrift, key), theme.get(key)
        if used and used != wanted:
            found.append(
                Problem(
                    key_location(brand, ("skrift", key)),
                    f"malen skriver {role} med «{used}», men deckgen måler teksten med "
                    f"«{wanted}» (skrift.{key}); tekst som får plass i målingen kan da renne "
                    "over i malen – bruk samme skrift begge steder",
                )
            )
    return found


def _other_name(presentation: Any, brand: Brand) -> tuple[str, str] | None:
    """The first line of fixed text in the master or a layout naming a «kommune» that is not
    the brand's, and where it is."""
    own = {name.casefold() for name in (brand.ordmerke, brand.kommune) if name.strip()}
    master = presentation.slide_master
    for owner, where in [
        (master, "i lysbildemalen"),
        *((layout, f"i oppsettet «{layout.name}»") for layout in master.slide_layouts),
    ]:
        for shape in owner.shapes:
            if shape.is_placeholder or not shape.has_text_frame:
                continue
            for line in shape.text_frame.text.splitlines():
                folded = line.casefold()
                if "kommune" in folded and not any(name in folded for name in own):
                    return line.strip(), where
    return None


def _theme_fonts(presentation: Any) -> dict[str, str]:
    """The theme's heading (major) and body (minor) Latin font of the template's master."""
    theme = presentation.slide_master.part.part_related_by(RELATIONSHIP_TYPE.THEME)
    root = etree.fromstring(theme.blob)
    fonts = {}
    for key, tag in (("overskrift", "majorFont"), ("tekst", "minorFont")):
        latin = root.find(f".//{_DRAWING}{tag}/{_DRAWING}latin")
        if latin is not None and latin.get("typeface"):
            fonts[key] = latin.get("typeface", "")
    return fonts


def shows_wordmark(layout: Any, brand: Brand) -> bool:
    """Whether a layout or its master shows a logo (a picture) or the brand's own name."""
    own = {name.casefold() for name in (brand.ordmerke, brand.kommune) if name.strip()}
    for owner in (layout.slide_master, layout):
        for shape in owner.shapes:
            if shape.is_placeholder:
                continue
            if shape.shape_type == MSO_SHAPE_TYPE.PICTURE:
                return True
            text = shape.text_frame.text.casefold() if shape.has_text_frame else ""
            if any(name in text for name in own):
                return True
    return False
