"""Where each slide's furniture is, in PDF points: slide number, footer, date, the wordmark,
decorative shapes and what the layout and master draw – the parts a tagged PDF marks as
artifacts, not content. Read from the built .pptx with python-pptx's public API."""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

EMU_PER_POINT = 12700

Zone = tuple[float, float, float, float]
"""A rectangle in PDF points, origin at the bottom left: (x0, y0, x1, y1)."""

LARGEST_SHARE = 0.25
"""A layout shape covering more of the slide than this is a background, not furniture: text
over it is content."""

FURNITURE_NAMES = ("Ordmerke",)
"""Shapes deckgen adds to slides that are decoration (pptx_furniture.add_wordmark)."""

CNVPR = "{http://schemas.openxmlformats.org/presentationml/2006/main}cNvPr"
DECORATIVE = "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative"


@dataclass
class Slides:
    """What the PDF needs to know about each slide, in order."""

    zones: list[list[Zone]] = field(default_factory=list)
    """The rectangles that hold furniture."""
    chart_alts: list[list[str]] = field(default_factory=list)
    """The alternative text of each chart, in the slide's order."""


def read_slides(pptx: bytes) -> Slides:
    """Furniture and chart texts of every slide of a .pptx."""
    from pptx import Presentation

    prs = Presentation(io.BytesIO(pptx))
    width = int(prs.slide_width or 0) / EMU_PER_POINT
    height = int(prs.slide_height or 0) / EMU_PER_POINT
    found = Slides()
    for slide in prs.slides:
        layout = slide.slide_layout
        shapes = [s for s in slide.shapes if _is_furniture(s)]
        shapes += [s for s in (*layout.shapes, *layout.slide_master.shapes) if _drawn_behind(s)]
        found.zones.append(_rectangles(shapes, width, height))
        charts = [s for s in slide.shapes if getattr(s, "has_chart", False)]
        found.chart_alts.append([_alt_text(s) for s in charts if _alt_text(s)])
    return found


def _alt_text(shape: Any) -> str:
    """A shape's alternative text (descr), or empty."""
    return str(next((node.get("descr") or "" for node in shape.element.iter(CNVPR)), ""))


def _is_furniture(shape: Any) -> bool:
    """A slide's own shape that is pagination or decoration."""
    return _pagination(shape) or shape.name in FURNITURE_NAMES or _decorative(shape)


def _drawn_behind(shape: Any) -> bool:
    """A layout or master shape LibreOffice draws on the slide: anything but a placeholder the
    slide fills with its own content."""
    return not shape.is_placeholder or _pagination(shape)


def _pagination(shape: Any) -> bool:
    """A slide number, footer or date placeholder."""
    from pptx.enum.shapes import PP_PLACEHOLDER

    if not shape.is_placeholder:
        return False
    kinds = (PP_PLACEHOLDER.SLIDE_NUMBER, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.DATE)
    return bool(shape.placeholder_format.type in kinds)


def _decorative(shape: Any) -> bool:
    """A shape marked decorative (Office's «Merk som dekorativ»)."""
    return any(node.get("val") in ("1", "true") for node in shape.element.iter(DECORATIVE))


def _rectangles(shapes: Iterable[Any], width: float, height: float) -> list[Zone]:
    """The shapes' rectangles in PDF points, leaving out those too large to be furniture."""
    zones = []
    for shape in shapes:
        if shape.left is None or shape.top is None or shape.width is None:
            continue
        x0, top = shape.left / EMU_PER_POINT, shape.top / EMU_PER_POINT
        w, h = shape.width / EMU_PER_POINT, shape.height / EMU_PER_POINT
        if width and height and w * h > LARGEST_SHARE * width * height:
            continue
        zones.append((x0, height - top - h, x0 + w, height - top))
    return zones
