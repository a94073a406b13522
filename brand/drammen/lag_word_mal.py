"""Makes brand/drammen/mal.docx: the Drammen Word template (numbered headings, lists, captions,
footnotes, table of contents, fact boxes, header and footer with page numbers).

Run from the repository root:  python brand/drammen/lag_word_mal.py
The result is deterministic; commit mal.docx together with any change to this script.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import yaml
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor
from lxml import etree

from deckgen.output import normalise_zip, set_core_properties

HERE = Path(__file__).resolve().parent
CONFIG = yaml.safe_load((HERE / "brand.yaml").read_text(encoding="utf-8"))
COLOURS = CONFIG["farger"]
FONT = CONFIG["skrift"]["tekst"]
HEADING_FONT = CONFIG["skrift"]["overskrift"]
HEADING_NUMBERING_ID = 10
TEXT_WIDTH = Cm(21.0 - 2 * 2.5)


def _font(style, name: str, size: float, colour: str, bold: bool = False) -> None:  # type: ignore[no-untyped-def]
    style.font.name = name
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.color.rgb = RGBColor.from_string(colour)
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), name)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        if fonts.get(qn(attr)) is not None:
            del fonts.attrib[qn(attr)]
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = etree.SubElement(rpr, qn("w:lang"))
    lang.set(qn("w:val"), "nb-NO")


def _heading_numbering(doc) -> None:  # type: ignore[no-untyped-def]
    """A multi-level list 1 / 1.1 / 1.1.1 tied to Heading 1–3."""
    numbering = doc.part.numbering_part.element
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        f'<w:pStyle w:val="Heading{i + 1}"/>'
        f'<w:lvlText w:val="{".".join(f"%{n + 1}" for n in range(i + 1))}"/>'
        f'<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{680 + 170 * i}" w:hanging="{680 + 170 * i}"/>'
        f"</w:pPr></w:lvl>"
        for i in range(3)
    )
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{HEADING_NUMBERING_ID}">'
        f'<w:multiLevelType w:val="multilevel"/>{levels}</w:abstractNum>'
    )
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(
        parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{HEADING_NUMBERING_ID}">'
            f'<w:abstractNumId w:val="{HEADING_NUMBERING_ID}"/></w:num>'
        )
    )


def _paragraph_style(doc, name: str, style_id: str | None = None):  # type: ignore[no-untyped-def]
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if style_id:
        style.element.set(qn("w:styleId"), style_id)
    style.base_style = doc.styles["Normal"]
    return style


def build() -> bytes:
    """Build the template and return its bytes."""
    doc = Document()
    styles = doc.styles
    text, primary, dark = COLOURS["tekst"], COLOURS["primær"], COLOURS["mørk"]

    normal = styles["Normal"]
    _font(normal, FONT, 10.5, text)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15

    _heading_numbering(doc)
    for level, size, colour, before in ((1, 18, primary, 24), (2, 14, dark, 16), (3, 12, dark, 12)):
        heading = styles[f"Heading {level}"]
        _font(heading, HEADING_FONT, size, colour, bold=True)
        heading.paragraph_format.space_before = Pt(before)
        heading.paragraph_format.space_after = Pt(6)
        heading.paragraph_format.keep_with_next = True
        ppr = heading.element.get_or_add_pPr()
        ppr.insert(
            0,
            parse_xml(
                f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level - 1}"/>'
                f'<w:numId w:val="{HEADING_NUMBERING_ID}"/></w:numPr>'
            ),
        )
        if level == 1:
            heading.paragraph_format.page_break_before = True

    _font(styles["Title"], HEADING_FONT, 30, primary, bold=True)
    styles["Title"].paragraph_format.space_after = Pt(12)
    title_ppr = styles["Title"].element.get_or_add_pPr()
    for border in title_ppr.findall(qn("w:pBdr")):
        title_ppr.remove(border)
    _font(styles["Subtitle"], FONT, 16, dark)
    _font(styles["Caption"], FONT, 9, text)
    styles["Caption"].font.italic = True
    toc_heading = styles["TOC Heading"]
    _font(toc_heading, HEADING_FONT, 18, primary, bold=True)
    toc_heading.paragraph_format.page_break_before = False
    toc_heading.element.get_or_add_pPr().insert(
        0, parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr>')
    )
    for name in ("List Bullet", "List Number", "List Bullet 2", "List Number 2"):
        _font(styles[name], FONT, 10.5, text)

    for level in (1, 2, 3):
        toc = _paragraph_style(doc, f"toc {level}", f"TOC{level}")
        # The number hangs in its own column; a title that wraps lines up under its text.
        number_width = Cm((0.8, 1.2, 1.5)[level - 1])
        start = Cm(0.6 * (level - 1))
        toc.paragraph_format.left_indent = start + number_width
        toc.paragraph_format.first_line_indent = -number_width
        toc.paragraph_format.right_indent = Cm(1.0)
        toc.paragraph_format.space_after = Pt(3)
        toc.paragraph_format.tab_stops.add_tab_stop(start + number_width)
        toc.paragraph_format.tab_stops.add_tab_stop(
            TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS
        )
        if level == 1:
            toc.font.bold = True

    footnote_text = _paragraph_style(doc, "footnote text", "FootnoteText")
    _font(footnote_text, FONT, 8.5, text)
    footnote_text.paragraph_format.space_after = Pt(0)
    reference = styles.add_style("footnote reference", WD_STYLE_TYPE.CHARACTER)
    reference.element.set(qn("w:styleId"), "FootnoteReference")
    reference.font.superscript = True

    box = _paragraph_style(doc, "Faktaboks", "Faktaboks")
    box.paragraph_format.left_indent = Cm(0.3)
    box.paragraph_format.right_indent = Cm(0.3)
    box_ppr = box.element.get_or_add_pPr()
    box_ppr.append(
        parse_xml(
            f'<w:pBdr {nsdecls("w")}><w:left w:val="single" w:sz="24" w:space="8" '
            f'w:color="{COLOURS["aksent"]}"/></w:pBdr>'
        )
    )
    box_ppr.append(
        parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{COLOURS["lys"]}"/>')
    )
    box_title = _paragraph_style(doc, "Faktaboks tittel", "Faktaboks-tittel")
    box_title.base_style = box
    box_title.font.bold = True
    box_title.font.color.rgb = RGBColor.from_string(primary)
    box_title.paragraph_format.space_before = Pt(8)
    box_title.paragraph_format.space_after = Pt(2)
    box_title.paragraph_format.keep_with_next = True

    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.5))
    section.different_first_page_header_footer = True
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    mark = header.add_run(CONFIG["ordmerke"])
    mark.bold = True
    mark.font.size = Pt(8)
    mark.font.color.rgb = RGBColor.from_string(primary)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer.add_run("Side ").font.size = Pt(9)
    footer._p.append(
        parse_xml(
            f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:rPr><w:sz w:val="18"/></w:rPr>'
            f"<w:t>1</w:t></w:r></w:fldSimple>"
        )
    )

    settings = doc.settings.element
    lang = settings.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:val"), "nb-NO")
    set_core_properties(
        doc.core_properties,
        f"{CONFIG['kommune']} – Word-mal",
        CONFIG["kommune"],
        "",
        dt.date(2024, 1, 1),
    )
    buffer = io.BytesIO()
    doc.save(buffer)
    return normalise_zip(buffer.getvalue())


if __name__ == "__main__":
    (HERE / "mal.docx").write_bytes(build())
    print("skrev brand/drammen/mal.docx")
