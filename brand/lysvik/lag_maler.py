"""Makes brand/lysvik/mal.potx and mal.dotx: the templates of Lysvik kommune, a made-up
municipality shipped as an example and test fixture.

The PowerPoint template is built the way municipal templates come from Office: English layout
names, placeholders as Office numbers them (date 10, footer 11, slide number 12), no
three-column, key-figure or schedule layout, and one example slide that deckgen must remove.
The Word template is python-docx's default with Lysvik's fonts and colours; it lacks deckgen's
own fact-box styles («Faktaboks», «Faktaboks tittel»), as a municipality's template would;
deckgen adds them from the brand and says so.

Run from the repository root:  python brand/lysvik/lag_maler.py
The result is deterministic; commit mal.potx and mal.dotx together with any change here.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import zipfile
from pathlib import Path

import yaml
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.oxml.ns import qn as wqn
from docx.shared import Cm, Pt, RGBColor
from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml import parse_xml as pptx_xml
from pptx.oxml.ns import qn

from deckgen.output import normalise_zip, set_core_properties

HERE = Path(__file__).resolve().parent
CONFIG = yaml.safe_load((HERE / "brand.yaml").read_text(encoding="utf-8"))
C = CONFIG["farger"]
SERIF = CONFIG["skrift"]["overskrift"]
SANS = CONFIG["skrift"]["tekst"]
WHITE = "FFFFFF"
MADE = dt.date(2024, 1, 1)

PPTX_MAIN = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
POTX_MAIN = "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
DOTX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"

NS = (
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)
IN = 914400  # EMU per inch
W, H = 12192000, 6858000  # 16:9, 13.33 × 7.5 in
M = int(0.7 * IN)  # side margin
CW = W - 2 * M
TITLE = (M, int(0.45 * IN), CW, int(0.95 * IN))
BAR_Y = int(1.5 * IN)  # the short ochre bar under every title
BODY_Y = int(1.75 * IN)
BAND_Y = int(6.85 * IN)  # the plum band along the bottom of every slide
BODY_H = BAND_Y - int(0.2 * IN) - BODY_Y
GAP = int(0.4 * IN)
HALF = (CW - GAP) // 2
Box = tuple[int, int, int, int]


def el(xml: str) -> etree._Element:
    """An element from XML text with the PresentationML namespaces as <NS>."""
    return pptx_xml(xml.replace("<NS>", NS))


def xfrm(box: Box) -> str:
    """Position and size."""
    x, y, cx, cy = box
    return f'<a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'


def fill(colour: str) -> str:
    """A solid fill."""
    return f'<a:solidFill><a:srgbClr val="{colour}"/></a:solidFill>'


def placeholder(
    sid: int,
    name: str,
    kind: str,
    idx: int | None,
    box: Box,
    *,
    size: int | None = None,
    colour: str | None = None,
    bold: bool | None = None,
    anchor: str = "t",
    align: str = "l",
    bullets: bool = True,
    prompt: str = "",
) -> etree._Element:
    """A placeholder with its own box and first-level text style (Office's naming)."""
    kind_attr = f' type="{kind}"' if kind != "obj" else ""
    idx_attr = f' idx="{idx}"' if idx is not None else ""
    attrs = ' lang="nb-NO"' + (f' sz="{size * 100}"' if size else "")
    attrs += f' b="{int(bold)}"' if bold is not None else ""
    rpr = f"<a:defRPr{attrs}>{fill(colour) if colour else ''}</a:defRPr>"
    indent = "" if bullets else ' marL="0" indent="0"'
    bullet = "" if bullets else "<a:buNone/>"
    return el(
        f'<p:sp <NS>><p:nvSpPr><p:cNvPr id="{sid}" name="{name}"/>'
        f'<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph{kind_attr}{idx_attr}/>'
        f"</p:nvPr></p:nvSpPr><p:spPr>{xfrm(box)}</p:spPr>"
        f'<p:txBody><a:bodyPr anchor="{anchor}"><a:normAutofit/></a:bodyPr><a:lstStyle>'
        f'<a:lvl1pPr algn="{align}"{indent}>{bullet}{rpr}</a:lvl1pPr></a:lstStyle>'
        f'<a:p><a:r><a:rPr lang="nb-NO"/><a:t>{prompt or name}</a:t></a:r></a:p></p:txBody></p:sp>'
    )


def shape(sid: int, name: str, box: Box, colour: str, geometry: str = "rect") -> etree._Element:
    """A filled decorative shape without outline or text."""
    return el(
        f'<p:sp <NS>><p:nvSpPr><p:cNvPr id="{sid}" name="{name}" descr=""/><p:cNvSpPr/>'
        f'<p:nvPr userDrawn="1"/></p:nvSpPr><p:spPr>{xfrm(box)}'
        f'<a:prstGeom prst="{geometry}"><a:avLst/></a:prstGeom>{fill(colour)}'
        f"<a:ln><a:noFill/></a:ln></p:spPr></p:sp>"
    )


def wordmark(sid: int, x: int, y: int, background: str, big: bool) -> list[etree._Element]:
    """The logo – a sun setting on the water, drawn – and «LYSVIK KOMMUNE» beside it."""
    d = int((0.62 if big else 0.36) * IN)
    text_size, tag_size = (2000, 1200) if big else (1200, 0)
    sun = shape(sid, "Logo sol", (x, y, d, d), C["aksent"], "ellipse")
    sea = shape(sid + 1, "Logo vann", (x - d // 8, y + d // 2, d + d // 4, d // 2 + 1), background)
    line = shape(
        sid + 2, "Logo vannlinje", (x - d // 8, y + d // 2 + d // 8, d + d // 4, d // 12), C["lys"]
    )
    tagline = CONFIG.get("slagord", "")
    second = (
        f'<a:p><a:r><a:rPr lang="nb-NO" sz="{tag_size}">{fill(C["lys"])}'
        f'<a:latin typeface="{SANS}"/></a:rPr><a:t>{tagline}</a:t></a:r></a:p>'
        if big
        else ""
    )
    box = (x + d + int(0.18 * IN), y - (int(0.05 * IN) if big else int(0.02 * IN)), int(5 * IN), d)
    text = el(
        f'<p:sp <NS>><p:nvSpPr><p:cNvPr id="{sid + 3}" name="Ordmerke" '
        f'descr="{CONFIG["ordmerke"]} – {tagline}"/><p:cNvSpPr txBox="1"/><p:nvPr userDrawn="1"/>'
        f'</p:nvSpPr><p:spPr>{xfrm(box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        f'<a:noFill/></p:spPr><p:txBody><a:bodyPr wrap="none" lIns="0" tIns="0" rIns="0" bIns="0" '
        f'anchor="{"t" if big else "ctr"}"/><a:lstStyle/><a:p><a:r><a:rPr lang="nb-NO" sz="{text_size}" '
        f'b="1" spc="200">{fill(WHITE)}<a:latin typeface="{SERIF}"/></a:rPr>'
        f"<a:t>{CONFIG['ordmerke']}</a:t></a:r></a:p>{second}</p:txBody></p:sp>"
    )
    return [sun, sea, line, text]


def footers(sid: int, date: bool = True) -> list[etree._Element]:
    """Date, footer and slide number placeholders in the band, as Office puts them on layouts."""
    y, h = BAND_Y + int(0.1 * IN), int(0.45 * IN)
    found = [
        placeholder(sid, "Footer Placeholder", "ftr", 11, (int(4.4 * IN), y, int(5.2 * IN), h),
                    size=10, colour=C["lys"], anchor="ctr", align="ctr", bullets=False,
                    prompt=" "),
        placeholder(sid + 1, "Slide Number Placeholder", "sldNum", 12,
                    (W - M - int(1.0 * IN), y, int(1.0 * IN), h), size=11, colour=WHITE,
                    bold=True, anchor="ctr", align="r", bullets=False, prompt="‹#›"),
    ]  # fmt: skip
    if date:
        found.append(
            placeholder(sid + 2, "Date Placeholder", "dt", 10,
                        (W - M - int(3.0 * IN), y, int(1.9 * IN), h), size=10, colour=C["lys"],
                        anchor="ctr", align="r", bullets=False, prompt=" ")
        )  # fmt: skip
    return found


def title(sid: int = 2) -> list[etree._Element]:
    """The title of content layouts, with the ochre bar under it."""
    return [
        placeholder(sid, "Title 1", "title", None, TITLE, anchor="b", bullets=False,
                    prompt="Klikk for å redigere tittel"),
        shape(sid + 40, "Tittelstrek", (M, BAR_Y, int(1.1 * IN), int(0.07 * IN)), C["aksent"]),
    ]  # fmt: skip


def content(sid: int, idx: int, box: Box, kind: str = "obj") -> etree._Element:
    """A content placeholder."""
    return placeholder(sid, f"Content Placeholder {idx + 1}", kind, idx, box,
                       prompt="Klikk for å redigere tekst")  # fmt: skip


def heading(sid: int, idx: int, x: int) -> etree._Element:
    """A column heading on the comparison layout."""
    return placeholder(sid, f"Text Placeholder {idx + 1}", "body", idx,
                       (x, BODY_Y, HALF, int(0.55 * IN)), size=20, bold=True,
                       colour=C["primær"], anchor="b", bullets=False, prompt="Overskrift")  # fmt: skip


def layout_plan() -> dict[str, tuple[str | None, list[etree._Element]]]:
    """Each layout kept from the default template: its background and its shapes."""
    head_h = int(0.6 * IN)
    right = M + HALF + GAP
    return {
        "Title Slide": (C["mørk"], [
            shape(30, "Sol", (int(8.9 * IN), int(0.9 * IN), int(3.6 * IN), int(3.6 * IN)),
                  C["aksent"], "ellipse"),
            shape(31, "Ås", (int(-1.0 * IN), int(4.2 * IN), int(16 * IN), int(3.6 * IN)),
                  C["primær"], "ellipse"),
            shape(32, "Vann", (0, int(5.6 * IN), W, H - int(5.6 * IN)), C["primær"]),
            placeholder(2, "Title 1", "ctrTitle", None,
                        (int(0.8 * IN), int(0.9 * IN), int(7.8 * IN), int(2.1 * IN)), size=40,
                        bold=True, colour=WHITE, anchor="b", bullets=False,
                        prompt="Klikk for å redigere tittel"),
            placeholder(3, "Subtitle 2", "subTitle", 1,
                        (int(0.8 * IN), int(3.15 * IN), int(7.8 * IN), int(0.9 * IN)), size=22,
                        colour=C["lys"], bullets=False, prompt="Undertittel"),
            placeholder(4, "Date Placeholder 3", "dt", 10,
                        (int(0.8 * IN), int(4.05 * IN), int(7.8 * IN), int(0.5 * IN)), size=16,
                        colour=C["aksent"], bullets=False, prompt="Dato"),
            *wordmark(20, int(0.8 * IN), int(6.25 * IN), C["primær"], big=True),
        ]),
        "Title and Content": (None, [
            *title(), content(3, 1, (M, BODY_Y, CW, BODY_H)), *footers(4)]),
        "Section Header": (C["primær"], [
            shape(30, "Sol", (W - int(3.2 * IN), int(0.8 * IN), int(2.2 * IN), int(2.2 * IN)),
                  C["aksent"], "ellipse"),
            placeholder(2, "Title 1", "title", None,
                        (M, int(1.8 * IN), int(9.6 * IN), int(1.8 * IN)), size=40, bold=True,
                        colour=WHITE, anchor="b", bullets=False, prompt="Deloverskrift"),
            shape(31, "Strek", (M, int(3.75 * IN), int(1.1 * IN), int(0.07 * IN)), C["aksent"]),
            placeholder(3, "Text Placeholder 2", "body", 1,
                        (M, int(3.95 * IN), int(9.6 * IN), int(1.3 * IN)), size=22,
                        colour=C["lys"], bullets=False, prompt="Tekst"),
            *footers(4, date=False),
        ]),
        "Two Content": (None, [
            *title(), content(3, 1, (M, BODY_Y, HALF, BODY_H)),
            content(4, 2, (right, BODY_Y, HALF, BODY_H)), *footers(5)]),
        "Comparison": (None, [
            *title(), heading(3, 1, M),
            content(4, 2, (M, BODY_Y + head_h, HALF, BODY_H - head_h)), heading(5, 3, right),
            content(6, 4, (right, BODY_Y + head_h, HALF, BODY_H - head_h)), *footers(7)]),
        "Title Only": (None, [*title(), *footers(3)]),
        "Blank": (None, footers(2)),
        "Picture with Caption": (None, [
            *title(),
            placeholder(3, "Picture Placeholder 2", "pic", 1,
                        (M, BODY_Y, int(8.0 * IN), BODY_H), prompt="Bilde"),
            placeholder(4, "Text Placeholder 3", "body", 2,
                        (M + int(8.3 * IN), BODY_Y, CW - int(8.3 * IN), BODY_H), size=16,
                        colour=C["tekst"], anchor="b", bullets=False, prompt="Bildetekst"),
            *footers(5)]),
    }  # fmt: skip


def closing_shapes() -> list[etree._Element]:
    """The closing layout: the sun over the ridge, a centred title."""
    return [
        shape(30, "Sol", (W // 2 - int(1.6 * IN), int(3.9 * IN), int(3.2 * IN), int(3.2 * IN)),
              C["aksent"], "ellipse"),
        shape(31, "Vann", (0, int(5.5 * IN), W, H - int(5.5 * IN)), C["primær"]),
        placeholder(2, "Title 1", "ctrTitle", None,
                    (int(1.5 * IN), int(1.2 * IN), W - int(3 * IN), int(1.5 * IN)), size=44,
                    bold=True, colour=WHITE, anchor="b", align="ctr", bullets=False,
                    prompt="Takk"),
        placeholder(3, "Subtitle 2", "subTitle", 1,
                    (int(1.5 * IN), int(2.8 * IN), W - int(3 * IN), int(0.9 * IN)), size=22,
                    colour=C["lys"], align="ctr", bullets=False, prompt="Undertittel"),
        *wordmark(20, int(0.8 * IN), int(6.25 * IN), C["primær"], big=True),
    ]  # fmt: skip


def set_shapes(element: etree._Element, shapes: list[etree._Element]) -> None:
    """Replace the shapes of a master or layout (keeping the group properties)."""
    tree = element.find(qn("p:cSld")).find(qn("p:spTree"))
    for child in list(tree)[2:]:
        tree.remove(child)
    for item in sorted(shapes, key=_draw_order):
        tree.append(item)


def _draw_order(item: etree._Element) -> int:
    """Decoration first, placeholders on top."""
    return 1 if item.find(f".//{qn('p:ph')}") is not None else 0


def set_background(element: etree._Element, colour: str | None) -> None:
    """A solid background (or the master's), and the master's shapes hidden on coloured ones."""
    csld = element.find(qn("p:cSld"))
    for old in csld.findall(qn("p:bg")):
        csld.remove(old)
    if colour:
        csld.insert(0, el(f"<p:bg <NS>><p:bgPr>{fill(colour)}<a:effectLst/></p:bgPr></p:bg>"))


def theme(master_part: object) -> None:
    """The theme's name, colours and fonts."""
    part = master_part.part_related_by(RT.THEME)  # type: ignore[attr-defined]
    root = etree.fromstring(part.blob)
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    root.set("name", "Lysvik")
    scheme = root.find(f".//{a}clrScheme")
    scheme.set("name", "Lysvik")
    slots = {
        "dk1": C["tekst"], "lt1": WHITE, "dk2": C["mørk"], "lt2": C["lys"],
        "accent1": C["primær"], "accent2": C["aksent"], "accent3": C["grønn"],
        "accent4": C["mørk"], "accent5": "8FB3A8", "accent6": "B58DB3",
        "hlink": C["primær"], "folHlink": C["mørk"],
    }  # fmt: skip
    for slot, value in slots.items():
        holder = scheme.find(f"{a}{slot}")
        for child in list(holder):
            holder.remove(child)
        etree.SubElement(holder, f"{a}srgbClr").set("val", value)
    fonts = root.find(f".//{a}fontScheme")
    fonts.set("name", "Lysvik")
    fonts.find(f"{a}majorFont/{a}latin").set("typeface", SERIF)
    fonts.find(f"{a}minorFont/{a}latin").set("typeface", SANS)
    root.find(f".//{a}fmtScheme").set("name", "Lysvik")
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def text_styles(master: etree._Element) -> None:
    """Title and body styles on the master: serif titles in the primary colour, sans body."""
    styles = master.find(qn("p:txStyles"))
    rpr = styles.find(qn("p:titleStyle")).find(qn("a:lvl1pPr")).find(qn("a:defRPr"))
    rpr.set("sz", "3000")
    rpr.set("b", "1")
    _recolour(rpr, C["primær"])
    body = styles.find(qn("p:bodyStyle"))
    for level in range(1, 10):
        ppr = body.find(qn(f"a:lvl{level}pPr"))
        rpr = ppr.find(qn("a:defRPr"))
        rpr.set("sz", str({1: 2000, 2: 1800}.get(level, 1600)))
        _recolour(rpr, C["tekst"])
        for tag in ("a:spcBef", "a:buClr", "a:buFont", "a:buChar"):
            for old in ppr.findall(qn(tag)):
                ppr.remove(old)
        spacing = el(f'<a:spcBef <NS>><a:spcPts val="{700 if level == 1 else 300}"/></a:spcBef>')
        ppr.insert(0, spacing)
        ppr.insert(1, el(f'<a:buClr <NS>><a:srgbClr val="{C["grønn"]}"/></a:buClr>'))
        ppr.insert(2, el('<a:buFont <NS> typeface="Arial"/>'))
        ppr.insert(3, el(f'<a:buChar <NS> char="{"▪" if level == 1 else "–"}"/>'))
        ppr.set("marL", str(int((0.32 + 0.35 * (level - 1)) * IN)))
        ppr.set("indent", str(int(-0.32 * IN)))


def _recolour(rpr: etree._Element, colour: str) -> None:
    """Give a run-property element one solid colour and the Norwegian language."""
    rpr.set("lang", "nb-NO")
    for old in rpr.findall(qn("a:solidFill")):
        rpr.remove(old)
    rpr.insert(0, el(f'<a:solidFill <NS>><a:srgbClr val="{colour}"/></a:solidFill>'))


def remove_layout(prs: Presentation, layout: object) -> None:
    """Take a layout out of the master (the part goes with its relationship)."""
    master = prs.slide_master
    id_list = master._element.get_or_add_sldLayoutIdLst()
    for entry in list(id_list):
        rid = entry.get(qn("r:id"))
        if master.part.related_part(rid) is layout.part:  # type: ignore[attr-defined]
            id_list.remove(entry)
            master.part.drop_rel(rid)


def build_pptx() -> bytes:
    """The PowerPoint template as a .potx, with one example slide."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = W, H
    size = prs.part._element.find(qn("p:sldSz"))
    if "type" in size.attrib:
        del size.attrib["type"]
    master = prs.slide_master
    master._element.find(qn("p:cSld")).set("name", "Lysvik")
    theme(master.part)
    text_styles(master._element)
    set_shapes(master._element, [
        placeholder(2, "Title Placeholder 1", "title", None, TITLE, anchor="b", bullets=False,
                    prompt="Klikk for å redigere tittel"),
        placeholder(3, "Text Placeholder 2", "body", 1, (M, BODY_Y, CW, BODY_H),
                    prompt="Klikk for å redigere tekst"),
        shape(10, "Bunnbånd", (0, BAND_Y, W, H - BAND_Y), C["mørk"]),
        *wordmark(11, M, BAND_Y + int(0.145 * IN), C["mørk"], big=False),
        *footers(4),
    ])  # fmt: skip
    plan = layout_plan()
    layouts = {layout.name: layout for layout in prs.slide_layouts}
    for name, layout in layouts.items():
        if name not in plan:
            remove_layout(prs, layout)
            continue
        background, shapes = plan[name]
        set_shapes(layout._element, shapes)
        set_background(layout._element, background)
        if name == "Title Slide":
            layout._element.set("showMasterSp", "0")
    closing = layouts["Content with Caption"]  # reused as the template's own «Closing»
    _add_back(prs, closing)
    closing._element.find(qn("p:cSld")).set("name", "Closing")
    set_shapes(closing._element, closing_shapes())
    set_background(closing._element, C["mørk"])
    closing._element.set("showMasterSp", "0")
    closing._element.set("type", "cust")
    for element in (prs.part._element, master._element):
        for rpr in element.iter(qn("a:defRPr")):
            rpr.set("lang", "nb-NO")
    example = prs.slides.add_slide(layouts["Title Slide"])
    example.shapes.title.text = "Eksempel: tittel på presentasjonen"
    example.placeholders[1].text = "Slett dette lysbildet før du begynner"
    set_core_properties(prs.core_properties, f"{CONFIG['kommune']} – PowerPoint-mal",
                        CONFIG["kommune"], "", MADE)  # fmt: skip
    buffer = io.BytesIO()
    prs.save(buffer)
    return normalise_zip(as_template(buffer.getvalue(), PPTX_MAIN, POTX_MAIN))


def _add_back(prs: Presentation, layout: object) -> None:
    """Keep a layout that was taken out last in the master's list (it becomes the last one)."""
    master = prs.slide_master
    id_list = master._element.get_or_add_sldLayoutIdLst()
    rid = master.part.relate_to(layout.part, RT.SLIDE_LAYOUT)  # type: ignore[attr-defined]
    next_id = max(int(e.get("id")) for e in id_list) + 1
    id_list.append(el(f'<p:sldLayoutId <NS> id="{next_id}" r:id="{rid}"/>'))


def as_template(data: bytes, document: str, template: str) -> bytes:
    """The package with the main part's content type of an Office template (.potx, .dotx)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as old, zipfile.ZipFile(out, "w") as new:
        for info in old.infolist():
            part = old.read(info)
            if info.filename == "[Content_Types].xml":
                assert document.encode() in part
                part = part.replace(document.encode(), template.encode())
            new.writestr(info, part)
    return out.getvalue()


# --- Word -------------------------------------------------------------------------------------


def font(style, name: str, size: float, colour: str, bold: bool = False) -> None:  # type: ignore[no-untyped-def]
    """A style's font, size, colour and weight, with theme fonts removed and Norwegian text."""
    style.font.name = name
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.color.rgb = RGBColor.from_string(colour)
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(wqn("w:rFonts"))
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(wqn(attr), name)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        if fonts.get(wqn(attr)) is not None:
            del fonts.attrib[wqn(attr)]
    lang = rpr.find(wqn("w:lang"))
    if lang is None:
        lang = etree.SubElement(rpr, wqn("w:lang"))
    lang.set(wqn("w:val"), "nb-NO")


def paragraph_style(doc, name: str, style_id: str):  # type: ignore[no-untyped-def]
    """A new paragraph style on Normal."""
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.element.set(wqn("w:styleId"), style_id)
    style.base_style = doc.styles["Normal"]
    return style


def build_docx() -> bytes:
    """The Word template as a .dotx: python-docx's default in Lysvik's fonts and colours."""
    doc = Document()
    styles = doc.styles
    font(styles["Normal"], SANS, 10, C["tekst"])
    styles["Normal"].paragraph_format.space_after = Pt(6)
    styles["Normal"].paragraph_format.line_spacing = 1.2
    for level, size, colour in ((1, 17, C["primær"]), (2, 13.5, C["mørk"]), (3, 11.5, C["mørk"])):
        heading = styles[f"Heading {level}"]
        font(heading, SERIF, size, colour, bold=True)
        heading.paragraph_format.space_before = Pt(20 if level == 1 else 12)
        heading.paragraph_format.space_after = Pt(6)
        heading.paragraph_format.keep_with_next = True
    font(styles["Title"], SERIF, 28, C["mørk"], bold=True)
    title_ppr = styles["Title"].element.get_or_add_pPr()
    for border in title_ppr.findall(wqn("w:pBdr")):
        title_ppr.remove(border)
    title_ppr.append(parse_xml(
        f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="18" w:space="6" '
        f'w:color="{C["aksent"]}"/></w:pBdr>'
    ))  # fmt: skip
    font(styles["Subtitle"], SANS, 15, C["primær"])
    font(styles["Caption"], SANS, 8.5, C["tekst"])
    styles["Caption"].font.italic = True
    font(styles["TOC Heading"], SERIF, 17, C["primær"], bold=True)
    for name in ("List Bullet", "List Number", "List Bullet 2", "List Number 2"):
        font(styles[name], SANS, 10, C["tekst"])
    for level in (1, 2, 3):
        toc = paragraph_style(doc, f"toc {level}", f"TOC{level}")
        toc.paragraph_format.left_indent = Cm(0.5 * (level - 1))
        toc.paragraph_format.space_after = Pt(2)
        toc.paragraph_format.tab_stops.add_tab_stop(Cm(16), WD_TAB_ALIGNMENT.RIGHT,
                                                    WD_TAB_LEADER.DOTS)  # fmt: skip
        toc.font.bold = level == 1
    note = paragraph_style(doc, "footnote text", "FootnoteText")
    font(note, SANS, 8, C["tekst"])
    note.paragraph_format.space_after = Pt(0)
    reference = styles.add_style("footnote reference", WD_STYLE_TYPE.CHARACTER)
    reference.element.set(wqn("w:styleId"), "FootnoteReference")
    reference.font.superscript = True

    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin = section.bottom_margin = Cm(2.5)
    header = section.header.paragraphs[0]
    mark = header.add_run(CONFIG["ordmerke"])
    mark.bold = True
    mark.font.name = SERIF
    mark.font.size = Pt(8)
    mark.font.color.rgb = RGBColor.from_string(C["primær"])
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer._p.append(parse_xml(
        f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:rPr><w:sz w:val="18"/></w:rPr>'
        f"<w:t>1</w:t></w:r></w:fldSimple>"
    ))  # fmt: skip
    lang = doc.settings.element.find(wqn("w:themeFontLang"))
    if lang is not None:
        lang.set(wqn("w:val"), "nb-NO")
    set_core_properties(doc.core_properties, f"{CONFIG['kommune']} – Word-mal",
                        CONFIG["kommune"], "", MADE)  # fmt: skip
    buffer = io.BytesIO()
    doc.save(buffer)
    return normalise_zip(as_template(buffer.getvalue(), DOCX_MAIN, DOTX_MAIN))


def build() -> dict[str, bytes]:
    """Both templates by file name."""
    return {"mal.potx": build_pptx(), "mal.dotx": build_docx()}


if __name__ == "__main__":
    for name, data in build().items():
        (HERE / name).write_bytes(data)
        print(f"skrev brand/lysvik/{name}", file=sys.stderr)
