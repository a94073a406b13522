"""All direct OOXML work for .pptx: lxml elements, and every reach into python-pptx internals."""

from __future__ import annotations

import copy
import weakref
from typing import Any

from lxml import etree
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn
from pptx.oxml.shapes.shared import BaseShapeElement
from pptx.shapes.placeholder import _BaseSlidePlaceholder

_NV_PR = qn("p:nvPr")
_PH = qn("p:ph")


def placeholder_element(shape_element: Any) -> Any:
    """A shape element's p:ph (what python-pptx's `ph` finds with the XPath
    `./*[1]/p:nvPr/p:ph`), found by walking the children: python-pptx compiles that XPath
    for every shape each time it looks a placeholder up, the largest single cost of a big deck."""
    for first in shape_element.iterchildren(etree.Element):
        for properties in first.iterchildren(_NV_PR):
            for found in properties.iterchildren(_PH):
                return found
        return None
    return None


BaseShapeElement.ph = property(placeholder_element)  # type: ignore[assignment,method-assign]


def set_language(frame: Any, language: str) -> None:
    """Mark every run of a text frame (e.g. speaker notes) as written in a language."""
    for run in frame._txBody.iter(qn("a:r")):
        run.get_or_add_rPr().set("lang", language)


def set_run_language(run: Any, language: str) -> None:
    """Mark one run as written in a language."""
    run._r.get_or_add_rPr().set("lang", language)


def copy_body_style(master: Any, frame: Any) -> None:
    """Give a text frame the slide master's body text style (bullets, sizes, spacing)."""
    styles = master._element.find(qn("p:txStyles"))
    body_style = styles.find(qn("p:bodyStyle")) if styles is not None else None
    list_style = frame._txBody.find(qn("a:lstStyle"))
    if body_style is None or list_style is None:
        return
    for level in body_style:
        list_style.append(copy.deepcopy(level))


def inherited_size(shape: Any, level: int) -> float | None:
    """The font size (pt) of text at list level (1–9) in a shape, as the template gives it:
    the shape's own list style, its layout and master placeholders, the master's text styles."""
    run = _inherited(shape, level, lambda style: style.find(_DEF_RPR), "sz")
    return int(run) / 100 if run else None


def inherited_indent(shape: Any, level: int) -> int | None:
    """The left margin (EMU) of paragraphs at list level (1–9) in a shape, as the template
    gives it; where a wrapped line starts."""
    margin = _inherited(shape, level, lambda style: style, "marL")
    return int(margin) if margin else None


_DEF_RPR = qn("a:defRPr")
_TX_BODY = qn("p:txBody")
_LIST_STYLE = qn("a:lstStyle")
_LEVELS = {level: qn(f"a:lvl{level}pPr") for level in range(1, 10)}
"""Each list level's paragraph properties, by level (1–9)."""

_INHERITED: weakref.WeakKeyDictionary[Any, dict[tuple[Any, ...], str | None]] = (
    weakref.WeakKeyDictionary()
)
"""Per slide layout part: what its placeholders (by part kind, number, type, level, attribute)
inherit from the layout and master; the template does not change while slides are added."""


def _inherited(shape: Any, level: int, element: Any, attribute: str) -> str | None:
    """An attribute of an element (found from a level's paragraph properties) as the shape
    inherits it: its own list style, its layout's and master's placeholder, the master's
    title or body style (those remembered per layout and placeholder)."""
    tag = _LEVELS.get(level) or qn(f"a:lvl{level}pPr")
    own = _list_style_value(shape, tag, element, attribute)
    if own is not None or not shape.is_placeholder:
        return own
    part, mark = shape.part, shape._element.ph  # mark: the p:ph (its idx and type)
    key = (type(part), mark.idx, mark.type, level, attribute)
    remembered = _INHERITED.setdefault(_layout_part(part), {})
    if key not in remembered:
        remembered[key] = _inherited_from_bases(shape, tag, element, attribute)
    return remembered[key]


def _list_style_value(owner: Any, tag: str, element: Any, attribute: str) -> str | None:
    """The attribute as a shape's own list style gives it at a level (tag), if it does."""
    body = owner._element.find(_TX_BODY)
    return _style_value(
        body.find(_LIST_STYLE) if body is not None else None, tag, element, attribute
    )


def _style_value(style: Any, tag: str, element: Any, attribute: str) -> str | None:
    """The attribute as one list or text style gives it at a level (tag, qualified), if it
    does."""
    found = style.find(tag) if style is not None else None
    holder = element(found) if found is not None else None
    if holder is not None and holder.get(attribute):
        return str(holder.get(attribute))
    return None


def _inherited_from_bases(shape: Any, tag: str, element: Any, attribute: str) -> str | None:
    """The attribute as a placeholder inherits it past its own list style: its layout's and
    master's placeholder, then the master's title or body style."""
    owners = [shape]
    while owners[-1].is_placeholder:
        base = getattr(owners[-1], "_base_placeholder", None)
        if base is None:
            break
        owners.append(base)
    for owner in owners[1:]:
        value = _list_style_value(owner, tag, element, attribute)
        if value is not None:
            return value
    master = shape.part.slide_layout.slide_master._element.find(qn("p:txStyles"))
    titles = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
    name = "p:titleStyle" if shape.placeholder_format.type in titles else "p:bodyStyle"
    return _style_value(
        master.find(qn(name)) if master is not None else None, tag, element, attribute
    )


_BASE_BOXES: weakref.WeakKeyDictionary[Any, dict[int, tuple[Any, ...]]] = (
    weakref.WeakKeyDictionary()
)
"""Per slide layout part: the position and size each of its placeholders (by number) gives
the slide placeholders that inherit them."""


def shape_box(shape: Any) -> tuple[int, int, int, int]:
    """A shape's left, top, width and height in EMU, exactly as python-pptx gives them; for a
    slide placeholder, what it does not set itself comes from its layout placeholder, looked
    up once per layout and number (python-pptx searches the layout for every value)."""
    if not isinstance(shape, _BaseSlidePlaceholder):
        return int(shape.left), int(shape.top), int(shape.width), int(shape.height)
    element = shape._element
    own: tuple[Any, ...] = (element.x, element.y, element.cx, element.cy)
    if None in own:
        bases = _BASE_BOXES.setdefault(_layout_part(shape.part), {})
        number = element.ph_idx
        if number not in bases:
            base = shape._base_placeholder
            bases[number] = (
                (None,) * 4 if base is None else (base.left, base.top, base.width, base.height)
            )
        own = tuple(v if v is not None else b for v, b in zip(own, bases[number], strict=True))
    left, top, width, height = own
    return int(left), int(top), int(width), int(height)


_COPIED: dict[tuple[str, tuple[Any, ...]], Any] = {}
"""Run and cell properties made once through python-pptx, by what they were made from."""


def copied_properties(owner: Any, kind: str, key: tuple[Any, ...], make: Any) -> None:
    """Give a new run (kind «rPr») or table cell («tcPr») the properties `make(owner)` would:
    made through python-pptx the first time for a key, copied from then on (python-pptx
    walks the element tree for every attribute). The owner must not have any yet."""
    element = owner._r if kind == "rPr" else owner._tc
    made = _COPIED.get((kind, key))
    current = element.find(qn(f"a:{kind}"))
    blank = _blank(current, kind)
    if made is None or not blank:
        make(owner)
        if blank:
            _COPIED[(kind, key)] = copy.deepcopy(element.find(qn(f"a:{kind}")))
        return
    if current is not None:
        element.replace(current, copy.deepcopy(made))
    else:
        element.insert(0, copy.deepcopy(made))


def _blank(current: Any, kind: str) -> bool:
    """Whether an owner's properties are as python-pptx makes them new: a run has no rPr, a
    cell an empty tcPr as its last child."""
    if kind == "rPr":
        return current is None
    return current is not None and len(current) == 0 and not current.attrib


def remove_shape(shape: Any) -> None:
    """Take a shape (e.g. an unused placeholder) off its slide."""
    shape._element.getparent().remove(shape._element)


def describe(shape: Any, text: str) -> None:
    """Set a shape's alternative text (the descr of its cNvPr)."""
    next(shape._element.iter(qn("p:cNvPr"))).set("descr", text)


DECORATIVE_URI = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
"""The extension PowerPoint and Word mark a decorative picture with."""
DECORATIVE_NS = "http://schemas.microsoft.com/office/drawing/2017/decorative"


def mark_decorative(shape: Any) -> None:
    """Mark a shape as decorative, as PowerPoint does: screen readers skip it."""
    properties = next(shape._element.iter(qn("p:cNvPr")))
    properties.attrib.pop("descr", None)
    extensions = properties.find(qn("a:extLst"))
    if extensions is None:
        extensions = etree.SubElement(properties, qn("a:extLst"))
    extension = etree.SubElement(extensions, qn("a:ext"), {"uri": DECORATIVE_URI})
    etree.SubElement(
        extension, f"{{{DECORATIVE_NS}}}decorative", {"val": "1"}, nsmap={"adec": DECORATIVE_NS}
    )


def no_bullet(paragraph: Any) -> None:
    """Make a paragraph plain body text: no indent and no bullet."""
    ppr = paragraph._p.get_or_add_pPr()
    ppr.set("marL", "0")
    ppr.set("indent", "0")
    etree.SubElement(ppr, qn("a:buNone"))


def auto_number(paragraph: Any, start: int | None) -> None:
    """Number a paragraph «1.», «2.», …; start sets the first number when PowerPoint would not."""
    auto = etree.SubElement(paragraph._p.get_or_add_pPr(), qn("a:buAutoNum"), type="arabicPeriod")
    if start is not None:
        auto.set("startAt", str(start))


def hanging_tab(paragraph: Any, indent: int) -> None:
    """No bullet; a tab stop at indent, where wrapped lines hang (a schedule's date column)."""
    ppr = paragraph._p.get_or_add_pPr()
    ppr.set("marL", str(indent))
    ppr.set("indent", str(-indent))
    etree.SubElement(ppr, qn("a:buNone"))
    tabs = etree.SubElement(ppr, qn("a:tabLst"))
    etree.SubElement(tabs, qn("a:tab"), pos=str(indent), algn="l")


def top_border(cell: Any, colour: str, width: int) -> None:
    """Draw a solid line along the top of a table cell (before its fill, as the schema says)."""
    tc_pr = cell._tc.get_or_add_tcPr()
    for old in tc_pr.findall(qn("a:lnT")):
        tc_pr.remove(old)
    line = etree.Element(qn("a:lnT"), w=str(width), cap="flat", cmpd="sng", algn="ctr")
    fill = etree.SubElement(line, qn("a:solidFill"))
    etree.SubElement(fill, qn("a:srgbClr"), val=colour)
    etree.SubElement(line, qn("a:prstDash"), val="solid")
    before = [tc_pr.find(qn("a:lnL")), tc_pr.find(qn("a:lnR"))]
    position = sum(1 for element in before if element is not None)
    tc_pr.insert(position, line)


def add_slide_number(slide: Any, holder: Any, number: int, field_id: str, language: str) -> None:
    """Copy the layout's slide number placeholder onto the slide, showing a slidenum field."""
    para = _copy_placeholder(slide, holder)
    field = etree.SubElement(para, qn("a:fld"), id=field_id, type="slidenum")
    etree.SubElement(field, qn("a:rPr"), lang=language)
    etree.SubElement(field, qn("a:t")).text = str(number)


def add_footer(slide: Any, holder: Any, text: str, language: str) -> None:
    """Copy the layout's footer placeholder onto the slide, showing text."""
    run = etree.SubElement(_copy_placeholder(slide, holder), qn("a:r"))
    etree.SubElement(run, qn("a:rPr"), lang=language)
    etree.SubElement(run, qn("a:t")).text = text


def _copy_placeholder(slide: Any, holder: Any) -> Any:
    """Copy a layout placeholder onto the slide, inheriting its place and style; return its
    one empty paragraph."""
    element = copy.deepcopy(holder._element)
    tree = slide.shapes._spTree
    ids = [int(e.get("id")) for e in tree.iter(qn("p:cNvPr"))]
    element.find(qn("p:nvSpPr")).find(qn("p:cNvPr")).set("id", str(max(ids, default=1) + 1))
    sppr = element.find(qn("p:spPr"))
    for child in list(sppr):
        sppr.remove(child)
    body = element.find(qn("p:txBody"))
    for child in list(body):
        if child.tag in (qn("a:p"), qn("a:lstStyle")):
            body.remove(child)
    etree.SubElement(body, qn("a:lstStyle"))
    para = etree.SubElement(body, qn("a:p"))
    tree.append(element)
    return para


_SHAPE_TAGS = frozenset(
    qn(f"p:{tag}") for tag in ("sp", "grpSp", "graphicFrame", "cxnSp", "pic", "contentPart")
)
_BLIP_FILL = qn("p:blipFill")
_PARAGRAPH = qn("a:p")
_BREAK = qn("a:br")
_TEXT_HOLDERS = frozenset((qn("a:r"), qn("a:fld")))
_TEXT = qn("a:t")


def remove_empty_placeholders(slide: Any) -> None:
    """Take placeholders nothing was written in off the slide, so no prompt text shows
    (the placeholders python-pptx lists, and its text frame's text, read from the XML)."""
    tree = slide.shapes._spTree
    for element in list(tree.iterchildren()):
        if element.tag not in _SHAPE_TAGS or placeholder_element(element) is None:
            continue
        if not _has_text(element) and element.find(_BLIP_FILL) is None:
            tree.remove(element)


def _has_text(shape_element: Any) -> bool:
    """Whether a shape's text frame text (python-pptx's: paragraphs joined by line feeds, a
    line break a vertical tab, runs and fields their text) is not empty."""
    if shape_element.tag != qn("p:sp"):  # only an autoshape has a text frame
        return False
    body = shape_element.find(_TX_BODY)
    paragraphs = [] if body is None else body.findall(_PARAGRAPH)
    if len(paragraphs) > 1:
        return True
    for child in paragraphs[0] if paragraphs else ():
        if child.tag == _BREAK:
            return True
        if child.tag in _TEXT_HOLDERS:
            text = child.find(_TEXT)
            if text is not None and text.text:
                return True
    return False


def unique_placeholder_numbers(presentation: Any) -> None:
    """Give every placeholder of each layout its own number (idx), titles first.

    LibreOffice saves a layout's body as `<p:ph/>`, number 0 like the title; a slide's
    placeholders find theirs on the layout by number, so twins would swap text and place.
    """
    for layout in presentation.slide_layouts:
        marks = sorted(
            layout._element.iter(qn("p:ph")),
            key=lambda ph: ph.get("type") not in ("title", "ctrTitle"),
        )
        numbers = [int(ph.get("idx", "0")) for ph in marks]
        free = max(numbers, default=0) + 1
        seen: set[int] = set()
        for ph, number in zip(marks, numbers, strict=True):
            if number in seen:
                ph.set("idx", str(free))
                number, free = free, free + 1
            seen.add(number)


def remove_slides(presentation: Any) -> None:
    """Take every slide out of a presentation (a template's examples); layouts stay."""
    slide_list = presentation.slides._sldIdLst
    for slide_id in list(slide_list):
        presentation.part.drop_rel(slide_id.rId)
        slide_list.remove(slide_id)


_SLIDE_IDS: weakref.WeakKeyDictionary[Any, tuple[int, int, Any]] = weakref.WeakKeyDictionary()
"""Per presentation part, after the last add: its slide count, the next slide id, the last sldId."""
MAX_SLIDE_ID = 2147483647


_CLONED: weakref.WeakKeyDictionary[Any, list[Any]] = weakref.WeakKeyDictionary()
"""Per slide layout part: the placeholder shapes python-pptx gave a new slide on it."""
_LAYOUTS: weakref.WeakKeyDictionary[Any, weakref.ref[Any]] = weakref.WeakKeyDictionary()
"""Per slide part added here: its layout's part (held weakly: the layout's package holds
the slide)."""


def _clone_placeholders(slide: Any, layout: Any) -> None:
    """Give a new slide its layout's placeholders as python-pptx does: cloned by python-pptx
    for the first slide on a layout, copied from that for the next (a new slide's shape ids
    and names are the same each time, and the template does not change while slides are
    added)."""
    tree = slide.shapes._spTree
    made = _CLONED.get(layout.part)
    if made is None:
        before = len(tree)
        slide.shapes.clone_layout_placeholders(layout)
        _CLONED[layout.part] = [copy.deepcopy(shape) for shape in tree[before:]]
        return
    for shape in made:
        tree.append(copy.deepcopy(shape))


def layout_of(slide: Any) -> Any:
    """A slide's layout (remembered for the slides added here)."""
    known = _LAYOUTS.get(slide.part)
    layout_part = None if known is None else known()
    return slide.slide_layout if layout_part is None else layout_part.slide_layout


def _layout_part(slide_part: Any) -> Any:
    """The part of a slide part's layout."""
    known = _LAYOUTS.get(slide_part)
    layout_part = None if known is None else known()
    return slide_part.slide_layout.part if layout_part is None else layout_part


def add_slide(presentation: Any, layout: Any) -> Any:
    """Add a slide on a layout as python-pptx's `slides.add_slide` does, with the same part
    name, relationship id and slide id, in constant time: python-pptx searches the
    presentation's relationships for an existing one to the brand-new slide, and reads every
    slide id to find the largest, for each slide (quadratic in the number of slides)."""
    from pptx.opc.constants import RELATIONSHIP_TYPE
    from pptx.opc.packuri import PackURI
    from pptx.parts.slide import SlidePart

    part = presentation.part
    id_list = part._element.get_or_add_sldIdLst()
    count, next_id, last = _SLIDE_IDS.get(part, (-1, 0, None))
    if count < 0 or _last_child(id_list) is not last:  # slides added or removed another way
        count, next_id = len(id_list), id_list._next_id
    name = PackURI(f"/ppt/slides/slide{count + 1}.xml")
    slide_part = SlidePart.new(name, part.package, layout.part)
    rid = part._rels._add_relationship(RELATIONSHIP_TYPE.SLIDE, slide_part)  # a new part
    slide = slide_part.slide
    _clone_placeholders(slide, layout)
    _LAYOUTS[slide_part] = weakref.ref(layout.part)
    added = id_list._add_sldId(id=next_id, rId=rid)
    known = next_id < MAX_SLIDE_ID  # past it, python-pptx's own search finds a free id
    _SLIDE_IDS[part] = (count + 1, next_id + 1, added) if known else (-1, 0, None)
    return slide


def _last_child(element: Any) -> Any:
    """The element's last child, or None, without counting the children (lxml counts them one
    by one, which would make adding slides quadratic again)."""
    return next(element.iterchildren(reversed=True), None)


def no_marker(series: Any) -> None:
    """A line series drawn without markers (a target line)."""
    marker = series._element.get_or_add_marker()
    marker.get_or_add_symbol().set("val", "none")


def series_as_lines(chart: Any, indexes: list[int]) -> None:
    """Move bar series numbers indexes (0-based, as added) into one line plot on the same
    axes: a column chart with a target line, a combination chart PowerPoint edits as usual."""
    if not indexes:
        return
    plot_area = chart._chartSpace.chart.plotArea
    bar = plot_area.find(qn("c:barChart"))
    line = etree.SubElement(plot_area, qn("c:lineChart"))
    etree.SubElement(line, qn("c:grouping")).set("val", "standard")
    etree.SubElement(line, qn("c:varyColors")).set("val", "0")
    for index in indexes:
        ser = next(
            s for s in bar.findall(qn("c:ser")) if s.find(qn("c:idx")).get("val") == str(index)
        )
        for child in ser.findall(qn("c:invertIfNegative")):  # a bar series' own, not a line's
            ser.remove(child)
        line.append(ser)
    etree.SubElement(line, qn("c:marker")).set("val", "1")
    for axis in bar.findall(qn("c:axId")):
        line.append(copy.deepcopy(axis))
    bar.addnext(line)


def label_background(label: Any, colour: str) -> None:
    """Give a data label a filled box, so it reads where it crosses a column."""
    sppr = label._get_or_add_dLbl().get_or_add_spPr()
    fill = etree.SubElement(sppr, qn("a:solidFill"))
    etree.SubElement(fill, qn("a:srgbClr")).set("val", colour)


def read_before(shape: Any, later: Any) -> None:
    """Put a shape just before another in the slide's shape tree: screen readers read the
    shapes in that order (a picture before its caption under it)."""
    later._element.addprevious(shape._element)
