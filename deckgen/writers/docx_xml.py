"""All direct OOXML for Word: lxml elements, and every reach into python-docx's internals.

The rest of the Word writer uses python-docx's public API and the small named functions here;
nothing else builds XML or touches a private attribute (`._p`, `._r`, `._tc`, `._tr`, …).
Elements are made with python-docx's `OxmlElement` and lxml's `SubElement`, never from text.
A chart part python-pptx drew is loaded from its bytes as python-docx loads any part.
"""

from __future__ import annotations

from copy import deepcopy
from typing import Any, cast

from docx.opc.packuri import PackURI
from docx.opc.part import Part, XmlPart
from docx.oxml.ns import nsmap, qn
from docx.oxml.parser import OxmlElement
from docx.text.paragraph import Paragraph
from lxml import etree

FOOTNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
FOOTNOTES_URI = "/word/footnotes.xml"
FOOTNOTES_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"

Element = Any
"""An lxml element of python-docx's oxml classes (python-docx types them loosely)."""


def _attributes(attributes: dict[str, str] | None) -> dict[str, str]:
    """Prefixed attribute names («w:val») as lxml's Clark names, in the given order."""
    return {qn(name): value for name, value in (attributes or {}).items()}


def _element(tag: str, attributes: dict[str, str] | None = None, *prefixes: str) -> Element:
    """A loose element declaring the tag's namespace and the further prefixes given."""
    declared = {p: nsmap[p] for p in (tag.split(":")[0], *prefixes)} if prefixes else None
    return OxmlElement(tag, _attributes(attributes), declared)


def _child(parent: Element, tag: str, attributes: dict[str, str] | None = None) -> Element:
    """A new last child of parent."""
    return etree.SubElement(parent, qn(tag), _attributes(attributes))


def _run(*children: tuple[str, dict[str, str]]) -> Element:
    """A <w:r> holding the given (tag, attributes) children."""
    run = _element("w:r")
    for tag, attributes in children:
        _child(run, tag, attributes)
    return run


# -- paragraphs and runs ----------------------------------------------------------------------


def clear_body(document: Any) -> None:
    """Take everything out of a document's body but its page setup (the last sectPr)."""
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def append_field_begin(paragraph: Paragraph, instruction: str) -> None:
    """Open a complex field (begin, instruction, separate) at the end of a paragraph."""
    element = paragraph._p
    element.append(_run(("w:fldChar", {"w:fldCharType": "begin"})))
    instruction_run = _element("w:r")
    text = _child(instruction_run, "w:instrText", {"xml:space": "preserve"})
    text.text = instruction
    element.append(instruction_run)
    element.append(_run(("w:fldChar", {"w:fldCharType": "separate"})))


def append_field_end(paragraph: Paragraph) -> None:
    """Close the complex field opened earlier, at the end of a paragraph."""
    paragraph._p.append(_run(("w:fldChar", {"w:fldCharType": "end"})))


def append_simple_field(paragraph: Paragraph, instruction: str, shown: str) -> None:
    """A simple field (<w:fldSimple>) showing a text until Word updates it."""
    field = _element("w:fldSimple", {"w:instr": instruction})
    _child(_child(field, "w:r"), "w:t").text = shown
    paragraph._p.append(field)


def append_footnote_reference(paragraph: Paragraph, style_id: str, note_id: int) -> None:
    """The superscript mark of footnote note_id, in the given character style."""
    run = _element("w:r")
    _child(_child(run, "w:rPr"), "w:rStyle", {"w:val": style_id})
    _child(run, "w:footnoteReference", {"w:id": str(note_id)})
    paragraph._p.append(run)


def append_hyperlink(paragraph: Paragraph, relationship_id: str) -> Element:
    """An empty <w:hyperlink> to an external relationship, at the end of a paragraph."""
    link = _element("w:hyperlink", {"r:id": relationship_id}, "r")
    paragraph._p.append(link)
    return link


def hyperlink_relationship(link: Element) -> str | None:
    """The relationship id a <w:hyperlink> points through."""
    return cast(str | None, link.get(qn("r:id")))


def move_into_hyperlink(link: Element, run: Any, style_id: str) -> None:
    """Give a run the link character style and move it into the hyperlink."""
    element = run._r
    element.get_or_add_rPr().style = style_id
    link.append(element)


def set_list_numbering(paragraph: Paragraph, num_id: int, level: int) -> None:
    """Put a paragraph in list instance num_id at level (first in its properties)."""
    numbering = _element("w:numPr")
    _child(numbering, "w:ilvl", {"w:val": str(level)})
    _child(numbering, "w:numId", {"w:val": str(num_id)})
    paragraph._p.get_or_add_pPr().insert(0, numbering)


# -- numbering definitions ---------------------------------------------------------------------


def style_list_id(style: Any) -> str:
    """The list instance (numId) a paragraph style numbers its paragraphs with."""
    found = style.element.find(qn("w:pPr") + "/" + qn("w:numPr"))
    return cast(str, found.find(qn("w:numId")).get(qn("w:val")))


def has_own_numbering(style: Any) -> bool:
    """Whether a paragraph style numbers its paragraphs itself (a list instance in its own
    properties, as style_list_id reads it)."""
    found = style.element.find(qn("w:pPr") + "/" + qn("w:numPr") + "/" + qn("w:numId"))
    return found is not None


def abstract_numbering_of(numbering: Element, num_id: str) -> str:
    """The abstract numbering a list instance counts on."""
    return next(
        cast(str, n.find(qn("w:abstractNumId")).get(qn("w:val")))
        for n in numbering.findall(qn("w:num"))
        if n.get(qn("w:numId")) == num_id
    )


def add_list_instance(numbering: Element, abstract: str, start: int) -> int:
    """A new list instance (numId) of an abstract numbering whose first level starts at start."""
    new_id = max(int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))) + 1
    instance = _element("w:num", {"w:numId": str(new_id)})
    _child(instance, "w:abstractNumId", {"w:val": abstract})
    override = _child(instance, "w:lvlOverride", {"w:ilvl": "0"})
    _child(override, "w:startOverride", {"w:val": str(start)})
    numbering.append(instance)
    return new_id


def copy_abstract_numbering(numbering: Element, abstract: str) -> str:
    """Copy an abstract numbering under a new id (and without its list identity); the new id."""
    definitions = numbering.findall(qn("w:abstractNum"))
    source = next(a for a in definitions if a.get(qn("w:abstractNumId")) == abstract)
    copy = deepcopy(source)
    new_id = str(max(int(a.get(qn("w:abstractNumId"))) for a in definitions) + 1)
    copy.set(qn("w:abstractNumId"), new_id)
    for unique in copy.findall(qn("w:nsid")):  # a list's identity; the copy needs its own
        copy.remove(unique)
    definitions[-1].addnext(copy)
    return new_id


# -- tables and pictures -----------------------------------------------------------------------


def shade_cell(cell: Any, colour: str) -> None:
    """Fill a table cell with a colour (hex RGB)."""
    properties = cell._tc.get_or_add_tcPr()
    properties.append(_element("w:shd", {"w:val": "clear", "w:color": "auto", "w:fill": colour}))


def set_cell_margins(table: Any, top: int, side: int) -> None:
    """The margins (twips) inside every cell of a table: top and bottom, left and right."""
    properties = table._tbl.tblPr
    margins = _element("w:tblCellMar")
    for edge, size in (("top", top), ("left", side), ("bottom", top), ("right", side)):
        _child(margins, f"w:{edge}", {"w:w": str(size), "w:type": "dxa"})
    look = properties.find(qn("w:tblLook"))
    if look is not None:  # schema order: … tblLayout, tblCellMar, tblLook
        look.addprevious(margins)
    else:
        properties.append(margins)


def hide_cell_edges(cell: Any, top: bool, bottom: bool) -> None:
    """No line on a cell's top or bottom edge (a row continuing the group above it)."""
    properties = cell._tc.get_or_add_tcPr()
    borders = _element("w:tcBorders")
    for edge, hidden in (("top", top), ("bottom", bottom)):
        if hidden:
            _child(borders, f"w:{edge}", {"w:val": "nil"})
    width = properties.find(qn("w:tcW"))  # schema order: tcW, gridSpan, vMerge, tcBorders, shd
    merge = properties.find(qn("w:vMerge"))
    anchor = merge if merge is not None else width
    if anchor is not None:
        anchor.addnext(borders)
    else:
        properties.insert(0, borders)


def shade_paragraph(paragraph: Paragraph, colour: str, space_pt: tuple[int, int]) -> None:
    """Fill behind a paragraph with a border of the same colour around it, space_pt (top and
    bottom, left and right) away: a colour field; paragraphs shaded alike join into one."""
    properties = paragraph._p.get_or_add_pPr()
    borders = _element("w:pBdr")
    for edge in ("top", "left", "bottom", "right"):
        space = space_pt[0] if edge in ("top", "bottom") else space_pt[1]
        attributes = {"w:val": "single", "w:sz": "4", "w:space": str(space), "w:color": colour}
        _child(borders, f"w:{edge}", attributes)
    shading = _element("w:shd", {"w:val": "clear", "w:color": "auto", "w:fill": colour})
    anchors = [child for child in properties if child.tag in {qn(t) for t in _BEFORE_PBDR}]
    if anchors:
        anchors[-1].addnext(borders)
    else:
        properties.insert(0, borders)
    borders.addnext(shading)


def keep_row_on_one_page(row: Any) -> None:
    """Never split a table row over two pages."""
    row._tr.get_or_add_trPr().append(_element("w:cantSplit"))


def repeat_as_header(row: Any) -> None:
    """Repeat a table row at the top of every page the table runs over."""
    row._tr.get_or_add_trPr().append(_element("w:tblHeader"))


def set_picture_description(shape: Any, text: str) -> None:
    """The alternative text of an inline picture."""
    shape._inline.docPr.set("descr", text)


DECORATIVE_URI = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
"""The extension Word and PowerPoint mark a decorative picture with."""
DECORATIVE_NS = "http://schemas.microsoft.com/office/drawing/2017/decorative"


def mark_picture_decorative(shape: Any) -> None:
    """Mark an inline picture as decorative, as Word does: screen readers skip it."""
    properties = shape._inline.docPr
    properties.attrib.pop("descr", None)
    extensions = _child(properties, "a:extLst")
    extension = etree.SubElement(extensions, qn("a:ext"), {"uri": DECORATIVE_URI})
    etree.SubElement(
        extension, f"{{{DECORATIVE_NS}}}decorative", {"val": "1"}, nsmap={"adec": DECORATIVE_NS}
    )


# -- footnotes and settings --------------------------------------------------------------------


def new_footnotes_part(package: Any) -> tuple[XmlPart, Element]:
    """A footnotes part with Word's two separator footnotes (ids -1 and 0), and its root."""
    root = _element("w:footnotes")
    for kind, note_id, mark in (
        ("separator", "-1", "w:separator"),
        ("continuationSeparator", "0", "w:continuationSeparator"),
    ):
        note = _child(root, "w:footnote", {"w:type": kind, "w:id": note_id})
        paragraph = _child(note, "w:p")
        spacing = {"w:after": "0", "w:line": "240", "w:lineRule": "auto"}
        _child(_child(paragraph, "w:pPr"), "w:spacing", spacing)
        _child(_child(paragraph, "w:r"), mark)
    return XmlPart(PackURI(FOOTNOTES_URI), FOOTNOTES_TYPE, root, package), root


def append_footnote(root: Element, note_id: int, text_style: str, mark_style: str) -> Paragraph:
    """A footnote (its number mark and a space) at the end of the part; its paragraph."""
    note = _element("w:footnote", {"w:id": str(note_id)})
    paragraph = _child(note, "w:p")
    _child(_child(paragraph, "w:pPr"), "w:pStyle", {"w:val": text_style})
    mark = _child(paragraph, "w:r")
    _child(_child(mark, "w:rPr"), "w:rStyle", {"w:val": mark_style})
    _child(mark, "w:footnoteRef")
    _child(_child(paragraph, "w:r"), "w:t", {"xml:space": "preserve"}).text = " "
    root.append(note)
    return Paragraph(note[0], cast(Any, None))


def set_update_fields_on_open(settings: Element) -> None:
    """Ask Word to update the fields (table of contents, numbers) when it opens the file."""
    settings.append(_element("w:updateFields", {"w:val": "true"}))


def set_footnote_separators(settings: Element) -> None:
    """Name the separator footnotes in the settings (before <w:compat>, as the schema wants)."""
    properties = _element("w:footnotePr")
    for note_id in ("-1", "0"):
        _child(properties, "w:footnote", {"w:id": note_id})
    anchor = settings.find(qn("w:compat"))
    if anchor is not None:
        anchor.addprevious(properties)
    else:
        settings.append(properties)


# -- styles deckgen adds to a template ---------------------------------------------------------


def _style_pPr(style: Any) -> Element:
    """The paragraph properties of a style, made when it has none."""
    return style.element.get_or_add_pPr()


def _insert_in_pPr(style: Any, element: Element, after: tuple[str, ...]) -> None:
    """Put element into a style's paragraph properties after the last of the given tags
    present (schema order), or first."""
    properties = _style_pPr(style)
    anchors = [child for child in properties if child.tag in {qn(tag) for tag in after}]
    if anchors:
        anchors[-1].addnext(element)
    else:
        properties.insert(0, element)


_BEFORE_NUMPR = ("w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr")
_BEFORE_PBDR = (*_BEFORE_NUMPR, "w:widowControl", "w:numPr", "w:suppressLineNumbers")
_BEFORE_SHD = (*_BEFORE_PBDR, "w:pBdr")


def set_style_numbering(style: Any, num_id: int, level: int) -> None:
    """Number a paragraph style's paragraphs with list instance num_id at level."""
    numbering = _element("w:numPr")
    _child(numbering, "w:ilvl", {"w:val": str(level)})
    _child(numbering, "w:numId", {"w:val": str(num_id)})
    _insert_in_pPr(style, numbering, _BEFORE_NUMPR)


def set_style_left_border(style: Any, colour: str, eighths: int, space_pt: int) -> None:
    """A coloured line to the left of a paragraph style's paragraphs."""
    borders = _element("w:pBdr")
    attributes = {"w:val": "single", "w:sz": str(eighths), "w:space": str(space_pt)}
    _child(borders, "w:left", {**attributes, "w:color": colour})
    _insert_in_pPr(style, borders, _BEFORE_PBDR)


def set_style_shading(style: Any, colour: str) -> None:
    """Fill behind a paragraph style's paragraphs."""
    shading = _element("w:shd", {"w:val": "clear", "w:color": "auto", "w:fill": colour})
    _insert_in_pPr(style, shading, _BEFORE_SHD)


def set_style_outline_level(style: Any, level: int) -> None:
    """The outline level (0 for Heading 1) the table of contents finds a heading style by."""
    properties = _style_pPr(style)
    properties.append(_element("w:outlineLvl", {"w:val": str(level)}))


def set_table_style_borders(style: Any, colour: str, eighths: int) -> None:
    """Single lines of a colour around and between every cell of a table style."""
    properties = style.element.find(qn("w:tblPr"))
    if properties is None:
        properties = _child(style.element, "w:tblPr")
    borders = _child(properties, "w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        attributes = {"w:val": "single", "w:sz": str(eighths), "w:space": "0", "w:color": colour}
        _child(borders, f"w:{side}", attributes)


def add_list_numbering(numbering: Element, levels: list[tuple[str, str, int]]) -> int:
    """A new abstract numbering with the given (format, text, indent in twips) levels and a
    list instance of it; the instance's id (numId)."""
    definitions = numbering.findall(qn("w:abstractNum"))
    abstract_id = str(max((int(a.get(qn("w:abstractNumId"))) for a in definitions), default=-1) + 1)
    abstract = _element("w:abstractNum", {"w:abstractNumId": abstract_id})
    _child(
        abstract, "w:multiLevelType", {"w:val": "multilevel" if len(levels) > 1 else "singleLevel"}
    )
    for index, (number_format, text, indent) in enumerate(levels):
        level = _child(abstract, "w:lvl", {"w:ilvl": str(index)})
        _child(level, "w:start", {"w:val": "1"})
        _child(level, "w:numFmt", {"w:val": number_format})
        _child(level, "w:lvlText", {"w:val": text})
        _child(level, "w:lvlJc", {"w:val": "left"})
        indents = {"w:left": str(indent), "w:hanging": str(indent)}
        _child(_child(level, "w:pPr"), "w:ind", indents)
    if definitions:
        definitions[-1].addnext(abstract)
    else:
        numbering.insert(0, abstract)
    instances = numbering.findall(qn("w:num"))
    num_id = max((int(n.get(qn("w:numId"))) for n in instances), default=0) + 1
    instance = _element("w:num", {"w:numId": str(num_id)})
    _child(instance, "w:abstractNumId", {"w:val": abstract_id})
    numbering.append(instance)
    return num_id


# -- charts ------------------------------------------------------------------------------------

CHART_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
CHART_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart"
CHART_URI = "http://schemas.openxmlformats.org/drawingml/2006/chart"
WORKBOOK_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
WORKBOOK_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/package"


def append_chart(
    paragraph: Paragraph,
    chart_xml: bytes,
    workbook: bytes,
    size: tuple[int, int],
    alt: str,
    text_scale: float = 1.0,
) -> None:
    """A native chart (a chart part with its workbook embedded, so «Rediger data» works) as
    an inline drawing of size (width, height) in EMU at the end of a paragraph; every text
    size in the chart times text_scale."""
    document_part = paragraph.part
    chart_part = _chart_part(document_part.package, chart_xml, workbook, text_scale)
    chart_id = document_part.relate_to(chart_part, CHART_REL)
    shape_id = document_part.next_id
    inline = _child(_child(_child(paragraph._p, "w:r"), "w:drawing"), "wp:inline")
    inline.attrib.update({"distT": "0", "distB": "0", "distL": "0", "distR": "0"})
    _child(inline, "wp:extent").attrib.update({"cx": str(size[0]), "cy": str(size[1])})
    _child(inline, "wp:effectExtent").attrib.update({"l": "0", "t": "0", "r": "0", "b": "0"})
    properties = _child(inline, "wp:docPr")
    properties.attrib.update({"id": str(shape_id), "name": f"Diagram {shape_id}", "descr": alt})
    _child(inline, "wp:cNvGraphicFramePr")
    graphic = _element("a:graphic")
    inline.append(graphic)
    graphic_data = _child(graphic, "a:graphicData")
    graphic_data.set("uri", CHART_URI)
    graphic_data.append(_element("c:chart", {"r:id": chart_id}, "r"))


def _chart_part(package: Any, chart_xml: bytes, workbook: bytes, text_scale: float) -> XmlPart:
    """The chart part (named by the next free number) with its workbook part related, its
    text sizes scaled."""
    name = package.next_partname("/word/charts/chart%d.xml")
    chart_part = XmlPart.load(name, CHART_TYPE, chart_xml, package)  # the drawn part, loaded
    root = chart_part.element
    for properties in root.iter(qn("a:defRPr"), qn("a:rPr"), qn("a:endParaRPr")):
        if properties.get("sz") is not None:
            properties.set("sz", str(round(int(properties.get("sz")) * text_scale)))
    _square_and_clear(root)
    workbook_name = package.next_partname("/word/embeddings/Microsoft_Excel_Sheet%d.xlsx")
    workbook_part = Part(workbook_name, WORKBOOK_TYPE, workbook, package)
    data = root.find(qn("c:externalData"))
    assert data is not None, "python-pptx embeds every chart's workbook"
    data.set(qn("r:id"), chart_part.relate_to(workbook_part, WORKBOOK_REL))
    return chart_part


def _square_and_clear(chart_space: Element) -> None:
    """Square corners and no frame or fill around the chart, which Word would otherwise draw
    (python-pptx leaves both to PowerPoint's defaults)."""
    first = chart_space.find(qn("c:date1904"))
    corners = _element("c:roundedCorners")
    corners.set("val", "0")
    if first is not None:
        first.addnext(corners)
    else:
        chart_space.insert(0, corners)
    shape = _element("c:spPr")
    _child(shape, "a:noFill")
    _child(_child(shape, "a:ln"), "a:noFill")
    chart = chart_space.find(qn("c:chart"))
    chart.addnext(shape)


def set_default_language(styles: Element, language: str) -> None:
    """The document's default text language (w:docDefaults), which spell checking and screen
    readers use where no style names one; a template may say en-US there."""
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = _element("w:docDefaults")
        styles.insert(0, defaults)
    run_default = defaults.find(qn("w:rPrDefault"))
    if run_default is None:
        run_default = _element("w:rPrDefault")
        defaults.insert(0, run_default)
    properties = run_default.find(qn("w:rPr"))
    if properties is None:
        properties = _child(run_default, "w:rPr")
    lang = properties.find(qn("w:lang"))
    if lang is None:
        lang = _child(properties, "w:lang")
    lang.set(qn("w:val"), language)
