"""The colours, sizes and weights text actually has on a rendered slide, and what is behind it.

A run's look is inherited: its own properties, the shape's list style, the layout's and the
master's placeholder, the master's text styles, and the theme's colours behind scheme names.
"""

from __future__ import annotations

import colorsys
from collections.abc import Iterator
from typing import Any

from lxml import etree

from deckgen.brandtools.theme import parse_theme
from deckgen.uu.contrast import TextColour

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
THEME_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
DEFAULT_PT = 18.0
WHITE = "FFFFFF"
_TITLE_TYPES = ("title", "ctrTitle")
_BODY_TYPES = ("body", "obj", "subTitle", None)


class SlideColours:
    """The theme, colour map and background of one slide, and the look of its text runs."""

    def __init__(self, slide: Any) -> None:
        """Read the theme and colour map of the slide's master."""
        self.slide = slide
        self.layout = slide.slide_layout
        self.master = self.layout.slide_master
        theme = parse_theme(self.master.part.part_related_by(THEME_RELATIONSHIP).blob)
        self.scheme: dict[str, str] = theme.colours
        mapping = self.master.element.find(f"{P}clrMap")
        self.mapping: dict[str, str] = dict(mapping.attrib) if mapping is not None else {}
        self.background = self._background()

    def colour(self, holder: Any) -> str | None:
        """The RRGGBB of a fill or colour element's first colour child, or None."""
        if holder is None:
            return None
        for child in holder:
            name = etree.QName(child).localname
            if name in ("srgbClr", "sysClr"):
                return _modified(
                    child.get("val") if name == "srgbClr" else child.get("lastClr"), child
                )
            if name == "schemeClr":
                key = child.get("val", "")
                key = self.mapping.get(key, key)
                base = self.scheme.get(key)
                return _modified(base, child) if base else None
        return None

    def _background(self) -> str | None:
        """The slide's background colour (its own, its layout's or its master's); None when it
        is a picture or gradient."""
        for part in (self.slide, self.layout, self.master):
            bg = part.element.find(f"{P}cSld/{P}bg")
            if bg is None:
                continue
            props = bg.find(f"{P}bgPr")
            if props is not None:
                return self.colour(props.find(f"{A}solidFill"))
            return self.colour(bg.find(f"{P}bgRef"))
        return WHITE

    def runs(self) -> Iterator[tuple[str, TextColour]]:
        """Every visible run on the slide: its text and colours (shapes, groups, table cells)."""
        for shape in self.slide.shapes:
            yield from self._shape_runs(shape, None)

    def _shape_runs(self, shape: Any, group_fill: str | None) -> Iterator[tuple[str, TextColour]]:
        """The runs of one shape, a group's members, or a table's cells."""
        element = shape.element
        if element.tag == f"{P}grpSp":
            fill = self._fill(element.find(f"{P}grpSpPr"), None) or group_fill
            for member in shape.shapes:
                yield from self._shape_runs(member, fill)
            return
        if getattr(shape, "has_table", False) and shape.has_table:
            behind = group_fill or self.background
            for cell in element.iter(f"{A}tc"):
                props = cell.find(f"{A}tcPr")
                fill = self.colour(props.find(f"{A}solidFill")) if props is not None else None
                yield from self._body_runs(cell.find(f"{A}txBody"), [], fill or behind)
            return
        if getattr(shape, "has_chart", False) and shape.has_chart:
            yield from chart_labels(self, shape.chart_part.blob)
            return
        body = element.find(f"{P}txBody")
        if body is None:
            return
        behind = self._fill(element.find(f"{P}spPr"), element.find(f"{P}style"))
        yield from self._body_runs(
            body,
            self._inherited(shape),
            behind or group_fill or self._drawn_behind(shape) or self.background,
        )

    def _drawn_behind(self, shape: Any) -> str | None:
        """The fill of the nearest filled shape under the text's middle: drawn before it on the
        slide, or on the layout or the master (a dark band the footer stands on)."""
        middle = _middle(shape)
        if middle is None:
            return None
        before = []
        for other in self.slide.shapes:
            if other.shape_id == shape.shape_id:
                break
            before.append(other)
        layers = [
            reversed(before),
            reversed(list(self.layout.shapes)),
            reversed(list(self.master.shapes)),
        ]
        for layer in layers:
            for other in layer:
                if other.is_placeholder or not _covers(other, middle):
                    continue
                fill = self._fill(other.element.find(f"{P}spPr"), other.element.find(f"{P}style"))
                if fill is not None:
                    return fill
        return None

    def _fill(self, props: Any, style: Any) -> str | None:
        """A shape's own fill colour, its style's fill, or None when it lets the slide through."""
        if props is not None:
            if props.find(f"{A}noFill") is not None:
                return None
            solid = props.find(f"{A}solidFill")
            if solid is not None:
                return self.colour(solid)
        ref = style.find(f"{A}fillRef") if style is not None else None
        if ref is not None and ref.get("idx", "0") != "0":
            return self.colour(ref)
        return None

    def _inherited(self, shape: Any) -> list[Any]:
        """The list styles a placeholder inherits from, nearest first (empty for other shapes)."""
        ph = shape.element.find(f"{P}nvSpPr/{P}nvPr/{P}ph")
        if ph is None:
            style = shape.element.find(f"{P}style/{A}fontRef")
            return [style] if style is not None else []
        kind, idx = ph.get("type"), ph.get("idx", "0")
        styles: list[Any] = []
        for part in (self.layout, self.master):
            for other in part.placeholders:
                oph = other.element.find(f"{P}nvSpPr/{P}nvPr/{P}ph")
                same = (
                    oph.get("type") == kind if part is self.master else oph.get("idx", "0") == idx
                )
                if same:
                    styles.append(other.element.find(f"{P}txBody/{A}lstStyle"))
                    break
        text_styles = self.master.element.find(f"{P}txStyles")
        if text_styles is not None:
            name = (
                "titleStyle"
                if kind in _TITLE_TYPES
                else "bodyStyle"
                if kind in _BODY_TYPES
                else "otherStyle"
            )
            styles.append(text_styles.find(f"{P}{name}"))
        return [s for s in styles if s is not None]

    def _body_runs(
        self, body: Any, inherited: list[Any], background: str | None
    ) -> Iterator[tuple[str, TextColour]]:
        """The runs of one text body with the look each inherits."""
        if body is None or background is None:
            return
        own = body.find(f"{A}lstStyle")
        for paragraph in body.iter(f"{A}p"):
            props = paragraph.find(f"{A}pPr")
            level = int(props.get("lvl", "0")) + 1 if props is not None else 1
            chain = [own, *inherited]
            levels = [self._level(style, level) for style in chain if style is not None]
            for run in paragraph:
                if etree.QName(run).localname not in ("r", "fld"):
                    continue
                text = "".join(t.text or "" for t in run.iter(f"{A}t"))
                if text.strip():
                    yield text, self._look(run.find(f"{A}rPr"), levels, background)

    def _level(self, style: Any, level: int) -> Any:
        """The default run properties of one list-style level (or a font reference itself)."""
        if etree.QName(style).localname == "fontRef":
            return style
        return style.find(f"{A}lvl{level}pPr/{A}defRPr")

    def _look(self, props: Any, levels: list[Any], background: str) -> TextColour:
        """A run's colour, size and weight: its own, else the nearest inherited one."""
        chain = [p for p in (props, *levels) if p is not None]
        colour = None
        for step in chain:
            if etree.QName(step).localname == "fontRef":
                colour = self.colour(step)
            else:
                colour = self.colour(step.find(f"{A}solidFill"))
                if colour is None and step is props and step.find(f"{A}hlinkClick") is not None:
                    colour = self.scheme.get("hlink")
            if colour is not None:
                break
        size = next((int(s.get("sz")) / 100 for s in chain if s.get("sz")), DEFAULT_PT)
        bold = next((s.get("b") in ("1", "true") for s in chain if s.get("b")), False)
        text = colour or self.scheme.get(self.mapping.get("tx1", "dk1"), "000000")
        return TextColour(text.upper(), background.upper(), size, bold)


def _modified(colour: str | None, element: Any) -> str | None:
    """A colour with its luminance modifiers (lumMod, lumOff) applied."""
    if colour is None:
        return None
    mod = element.find(f"{A}lumMod")
    off = element.find(f"{A}lumOff")
    if mod is None and off is None:
        return colour
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (0, 2, 4))
    h, lum, s = colorsys.rgb_to_hls(r, g, b)
    lum = lum * (int(mod.get("val")) / 100000 if mod is not None else 1)
    lum = min(1.0, lum + (int(off.get("val")) / 100000 if off is not None else 0))
    return "".join(f"{round(c * 255):02X}" for c in colorsys.hls_to_rgb(h, lum, s))


C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
INSIDE = ("ctr", "inEnd", "inBase")
"""Data label positions inside a bar or slice: the label is read against its fill."""


def chart_labels(colours: SlideColours, chart_xml: bytes) -> Iterator[tuple[str, TextColour]]:
    """A chart's data labels with their colour against the bar, slice or plot behind them."""
    space = etree.fromstring(chart_xml)
    chart_fill = colours.colour(space.find(f"{C}spPr/{A}solidFill")) or colours.background
    plot = space.find(f"{C}chart/{C}plotArea/{C}spPr/{A}solidFill")
    plot_fill = colours.colour(plot) or chart_fill
    for series in space.iter(f"{C}ser"):
        fill = colours.colour(series.find(f"{C}spPr/{A}solidFill"))
        labels = series.find(f"{C}dLbls")
        if labels is None:
            continue
        points = {
            p.find(f"{C}idx").get("val"): colours.colour(p.find(f"{C}spPr/{A}solidFill"))
            for p in series.findall(f"{C}dPt")
        }
        shared = _label_look(labels)
        if _shown(labels):
            yield from _label(colours, shared, fill, plot_fill, "dataetikett")
        for label in labels.findall(f"{C}dLbl"):
            own = _label_look(label)
            look = (own[0] or shared[0], own[1] if own[1] is not None else shared[1])
            behind = points.get(label.find(f"{C}idx").get("val")) or fill
            if label.find(f"{C}delete") is None:
                yield from _label(colours, look, behind, plot_fill, "dataetikett")


def _shown(labels: Any) -> bool:
    """Whether a series' labels show their values (not only individual labels)."""
    shown = labels.find(f"{C}showVal")
    return shown is not None and shown.get("val") in ("1", "true")


def _label_look(label: Any) -> tuple[str | None, Any]:
    """A data label's position and its text's default run properties."""
    position = label.find(f"{C}dLblPos")
    props = label.find(f"{C}txPr/{A}p/{A}pPr/{A}defRPr")
    return (position.get("val") if position is not None else None), props


def _label(
    colours: SlideColours,
    look: tuple[str | None, Any],
    fill: str | None,
    plot_fill: str | None,
    text: str,
) -> Iterator[tuple[str, TextColour]]:
    """One label's colours, when its colour and what is behind it are known."""
    position, props = look
    if props is None:
        return
    colour = colours.colour(props.find(f"{A}solidFill"))
    behind = fill if position in INSIDE else plot_fill
    if colour is None or behind is None:
        return
    size = int(props.get("sz")) / 100 if props.get("sz") else DEFAULT_PT
    bold = props.get("b") in ("1", "true")
    yield text, TextColour(colour.upper(), behind.upper(), size, bold)


def _middle(shape: Any) -> tuple[int, int] | None:
    """The middle of a shape's box in EMU, or None when it has no position of its own."""
    if None in (shape.left, shape.top, shape.width, shape.height):
        return None
    return shape.left + shape.width // 2, shape.top + shape.height // 2


def _covers(shape: Any, point: tuple[int, int]) -> bool:
    """Whether a shape's box holds a point."""
    if None in (shape.left, shape.top, shape.width, shape.height):
        return False
    x, y = point
    return (
        shape.left <= x <= shape.left + shape.width and shape.top <= y <= shape.top + shape.height
    )
