"""A PowerPoint template's theme: its colours and fonts, and the brand palette made from them."""

from __future__ import annotations

import colorsys
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
THEME_SLOTS = (
    "dk1",
    "lt1",
    "dk2",
    "lt2",
    "accent1",
    "accent2",
    "accent3",
    "accent4",
    "accent5",
    "accent6",
    "hlink",
    "folHlink",
)
"""The colour slots of an Office theme, in the order PowerPoint shows them."""
_SYSTEM_COLOURS = {"windowText": "000000", "window": "FFFFFF"}
"""What a system colour without a saved value (lastClr) is on a standard screen."""

PALETTE_SOURCES = (
    ("primær", "accent1"),
    ("mørk", "dk2"),
    ("aksent", "accent2"),
    ("grønn", "den grønneste av accent3–accent6"),
    ("lys", "lt2"),
    ("tekst", "dk1"),
)
"""Where each brand colour comes from in the theme (as `brand new` and inspect say it)."""
GREEN_CANDIDATES = ("accent3", "accent4", "accent5", "accent6")
_GREEN_HUE = 1 / 3


@dataclass
class Theme:
    """The colours (hex RGB by slot) and Latin fonts of a theme."""

    name: str = ""
    colours: dict[str, str] = field(default_factory=dict)
    heading_font: str = ""
    body_font: str = ""


def theme_of(presentation: Any) -> Theme:
    """The theme of the template's first slide master (read from the part's XML)."""
    from pptx.opc.constants import RELATIONSHIP_TYPE

    part = presentation.slide_master.part.part_related_by(RELATIONSHIP_TYPE.THEME)
    return parse_theme(part.blob)


def parse_theme(blob: bytes) -> Theme:
    """A theme part's colours and fonts."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    root = etree.fromstring(blob, parser)
    theme = Theme(name=root.get("name", ""))
    scheme = root.find(f".//{_A}clrScheme")
    for slot in THEME_SLOTS:
        element = scheme.find(f"{_A}{slot}") if scheme is not None else None
        colour = _colour(element) if element is not None else None
        if colour is not None:
            theme.colours[slot] = colour
    theme.heading_font = _font(root, "majorFont")
    theme.body_font = _font(root, "minorFont")
    return theme


def _colour(slot: Any) -> str | None:
    """A colour slot's RGB: an sRGB value, or a system colour's saved value (lastClr)."""
    srgb = slot.find(f"{_A}srgbClr")
    if srgb is not None and len(srgb.get("val", "")) == 6:
        return str(srgb.get("val")).upper()
    system = slot.find(f"{_A}sysClr")
    if system is not None:
        last = system.get("lastClr", "")
        return last.upper() if len(last) == 6 else _SYSTEM_COLOURS.get(system.get("val", ""))
    return None


def _font(root: Any, tag: str) -> str:
    """The Latin typeface of the theme's major or minor font ('' when it has none)."""
    latin = root.find(f".//{_A}fontScheme/{_A}{tag}/{_A}latin")
    return str(latin.get("typeface", "")) if latin is not None else ""


def greenest(colours: dict[str, str]) -> str | None:
    """The slot among accent3–accent6 nearest a saturated green (hue distance in sixths of the
    colour circle plus the lack of saturation)."""
    found = [slot for slot in GREEN_CANDIDATES if slot in colours]
    if not found:
        return None

    def distance(slot: str) -> float:
        red, green, blue = (int(colours[slot][i : i + 2], 16) / 255 for i in (0, 2, 4))
        hue, _lightness, saturation = colorsys.rgb_to_hls(red, green, blue)
        around = abs(hue - _GREEN_HUE)
        return min(around, 1 - around) * 6 + (1 - saturation)

    return min(found, key=distance)


def palette(theme: Theme) -> tuple[dict[str, str], dict[str, str], list[str]]:
    """The brand palette from the theme: colours by key, the slot each came from, and the keys
    the theme had no colour for (given a neutral colour instead)."""
    fallback = {
        "primær": "1F4E79",
        "mørk": "1F2A33",
        "aksent": "C55A11",
        "grønn": "2E7D4F",
        "lys": "F2F2F2",
        "tekst": "000000",
    }
    colours: dict[str, str] = {}
    sources: dict[str, str] = {}
    missing: list[str] = []
    for key, slot in PALETTE_SOURCES:
        chosen = greenest(theme.colours) if key == "grønn" else slot
        if chosen is not None and chosen in theme.colours:
            colours[key], sources[key] = theme.colours[chosen], chosen
        else:
            colours[key], sources[key] = fallback[key], ""
            missing.append(key)
    return colours, sources, missing
