"""Makes brand/drammen/mal.pptx: the Drammen PowerPoint template with Norwegian layout names.

Run from the repository root:  python brand/drammen/lag_mal.py
The result is deterministic; commit mal.pptx together with any change to this script.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import sys
from pathlib import Path

import yaml
from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.oxml.ns import qn
from pptx.parts.slide import SlideLayoutPart

from deckgen.output import normalise_zip, set_core_properties

HERE = Path(__file__).resolve().parent
CONFIG = yaml.safe_load((HERE / "brand.yaml").read_text(encoding="utf-8"))
COLOURS = CONFIG["farger"]
FONT = CONFIG["skrift"]["tekst"]
HEADING_FONT = CONFIG["skrift"]["overskrift"]
LAYOUT_NAMES = CONFIG["oppsett"]

NS = (
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)
EMU = 914400  # per inch
W, H = 12192000, 6858000  # 16:9
MARGIN = int(0.6 * EMU)
CONTENT_W = W - 2 * MARGIN
TITLE_Y, TITLE_H = int(0.35 * EMU), int(1.0 * EMU)
BODY_Y = int(1.5 * EMU)
BODY_H = int(6.6 * EMU) - BODY_Y
GAP = int(0.4 * EMU)
FOOT_Y, FOOT_H = int(6.95 * EMU), int(0.35 * EMU)


def _el(xml: str) -> etree._Element:
    return etree.fromstring(xml.replace("<NS>", NS))


def _xfrm(x: int, y: int, cx: int, cy: int) -> str:
    return f'<a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'


def _rpr(size: int | None, bold: bool | None, colour: str | None) -> str:
    attrs = ' lang="nb-NO"'
    if size:
        attrs += f' sz="{size * 100}"'
    if bold is not None:
        attrs += f' b="{1 if bold else 0}"'
    fill = f'<a:solidFill><a:srgbClr val="{colour}"/></a:solidFill>' if colour else ""
    return f"<a:defRPr{attrs}>{fill}</a:defRPr>"


def placeholder(
    shape_id: int,
    name: str,
    ph: str,
    idx: int | None,
    box: tuple[int, int, int, int],
    size: int | None = None,
    bold: bool | None = None,
    colour: str | None = None,
    anchor: str = "t",
    align: str = "l",
    bullets: bool = True,
    prompt: str = "",
) -> etree._Element:
    """A placeholder shape (p:sp) with its own geometry and first-level text style."""
    type_attr = f' type="{ph}"' if ph != "obj" else ""
    idx_attr = f' idx="{idx}"' if idx is not None else ""
    bullet = "" if bullets else "<a:buNone/>"
    indent = "" if bullets else ' marL="0" indent="0"'
    return _el(
        f'<p:sp <NS>><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name}"/>'
        f'<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph{type_attr}{idx_attr}/></p:nvPr>'
        f"</p:nvSpPr><p:spPr>{_xfrm(*box)}</p:spPr>"
        f'<p:txBody><a:bodyPr anchor="{anchor}"><a:normAutofit/></a:bodyPr><a:lstStyle>'
        f'<a:lvl1pPr algn="{align}"{indent}>{bullet}{_rpr(size, bold, colour)}</a:lvl1pPr>'
        f'</a:lstStyle><a:p><a:r><a:rPr lang="nb-NO"/><a:t>{prompt or name}</a:t></a:r></a:p>'
        f"</p:txBody></p:sp>"
    )


def rectangle(
    shape_id: int, name: str, box: tuple[int, int, int, int], colour: str, geometry: str = "rect"
) -> etree._Element:
    """A filled decorative shape without outline."""
    return _el(
        f'<p:sp <NS>><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name}" descr=""/>'
        f'<p:cNvSpPr/><p:nvPr userDrawn="1"/></p:nvSpPr><p:spPr>{_xfrm(*box)}'
        f'<a:prstGeom prst="{geometry}"><a:avLst/></a:prstGeom>'
        f'<a:solidFill><a:srgbClr val="{colour}"/></a:solidFill><a:ln><a:noFill/></a:ln></p:spPr>'
        f'<p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang="nb-NO"/></a:p></p:txBody></p:sp>'
    )


def wordmark(
    shape_id: int, box: tuple[int, int, int, int], colour: str, big: bool
) -> etree._Element:
    """The wordmark «DRAMMEN KOMMUNE – et godt sted å leve» as a text box."""
    first, second = (2000, 1400) if big else (1000, 900)
    tagline = CONFIG.get("slagord", "")
    second_para = (
        f'<a:p><a:r><a:rPr lang="nb-NO" sz="{second}"><a:solidFill><a:srgbClr val="{colour}"/>'
        f'</a:solidFill><a:latin typeface="{FONT}"/></a:rPr><a:t>{tagline}</a:t></a:r></a:p>'
        if big
        else ""
    )
    inline_tag = "" if big else f" – {tagline}"
    return _el(
        f'<p:sp <NS>><p:nvSpPr><p:cNvPr id="{shape_id}" name="Ordmerke" '
        f'descr="{CONFIG["ordmerke"]} – {tagline}"/>'
        f'<p:cNvSpPr txBox="1"/><p:nvPr userDrawn="1"/></p:nvSpPr><p:spPr>{_xfrm(*box)}'
        f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr>'
        f'<p:txBody><a:bodyPr wrap="none" lIns="0" tIns="0" rIns="0" bIns="0" anchor="b"/><a:lstStyle/>'
        f'<a:p><a:r><a:rPr lang="nb-NO" sz="{first}" b="1"><a:solidFill><a:srgbClr val="{colour}"/>'
        f'</a:solidFill><a:latin typeface="{HEADING_FONT}"/></a:rPr><a:t>{CONFIG["ordmerke"]}</a:t></a:r>'
        f'<a:r><a:rPr lang="nb-NO" sz="{second}"><a:solidFill><a:srgbClr val="{colour}"/></a:solidFill>'
        f'<a:latin typeface="{FONT}"/></a:rPr><a:t>{inline_tag}</a:t></a:r></a:p>{second_para}'
        f"</p:txBody></p:sp>"
    )


def slide_number(shape_id: int, colour: str) -> etree._Element:
    """The slide number placeholder, bottom right."""
    box = (W - MARGIN - int(1.5 * EMU), FOOT_Y, int(1.5 * EMU), FOOT_H)
    return placeholder(
        shape_id,
        "Lysbildenummer",
        "sldNum",
        12,
        box,
        size=10,
        colour=colour,
        align="r",
        bullets=False,
        anchor="ctr",
        prompt="‹#›",
    )


def _set_shapes(element: etree._Element, shapes: list[etree._Element]) -> None:
    tree = element.find(qn("p:cSld")).find(qn("p:spTree"))
    for child in list(tree)[2:]:
        tree.remove(child)
    for shape in shapes:
        tree.append(shape)


def _set_background(element: etree._Element, colour: str | None) -> None:
    csld = element.find(qn("p:cSld"))
    old = csld.find(qn("p:bg"))
    if old is not None:
        csld.remove(old)
    if colour:
        csld.insert(
            0,
            _el(
                f'<p:bg <NS>><p:bgPr><a:solidFill><a:srgbClr val="{colour}"/></a:solidFill>'
                f"<a:effectLst/></p:bgPr></p:bg>"
            ),
        )


def _hide_master_shapes(element: etree._Element) -> None:
    element.set("showMasterSp", "0")


def _theme(master_part: object) -> None:
    """Set the theme's fonts and colours."""
    part = master_part.part_related_by(RT.THEME)  # type: ignore[attr-defined]
    root = etree.fromstring(part.blob)
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    scheme = root.find(f".//{a}clrScheme")
    scheme.set("name", "Drammen")
    colours = {
        "dk1": COLOURS["tekst"],
        "lt1": "FFFFFF",
        "dk2": COLOURS["mørk"],
        "lt2": COLOURS["lys"],
        "accent1": COLOURS["primær"],
        "accent2": COLOURS["aksent"],
        "accent3": COLOURS["grønn"],
        "accent4": COLOURS["mørk"],
        "accent5": "6FA8C9",
        "accent6": "8AB89A",
        "hlink": COLOURS["primær"],
        "folHlink": COLOURS["mørk"],
    }
    for slot, value in colours.items():
        holder = scheme.find(f"{a}{slot}")
        for child in list(holder):
            holder.remove(child)
        etree.SubElement(holder, f"{a}srgbClr").set("val", value)
    fonts = root.find(f".//{a}fontScheme")
    fonts.set("name", "Drammen")
    fonts.find(f"{a}majorFont/{a}latin").set("typeface", HEADING_FONT)
    fonts.find(f"{a}minorFont/{a}latin").set("typeface", FONT)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _text_styles(master: etree._Element) -> None:
    """Title and body text styles on the master: sizes, colours, bullets, language."""
    styles = master.find(qn("p:txStyles"))
    title = styles.find(qn("p:titleStyle")).find(qn("a:lvl1pPr"))
    rpr = title.find(qn("a:defRPr"))
    rpr.set("sz", "2800")
    rpr.set("b", "1")
    rpr.set("lang", "nb-NO")
    for child in list(rpr):
        if child.tag == qn("a:solidFill"):
            rpr.remove(child)
    rpr.insert(0, _el(f'<a:solidFill <NS>><a:srgbClr val="{COLOURS["mørk"]}"/></a:solidFill>'))
    body = styles.find(qn("p:bodyStyle"))
    sizes = {1: 2000, 2: 1800, 3: 1600}
    for level in range(1, 10):
        ppr = body.find(qn(f"a:lvl{level}pPr"))
        if ppr is None:
            continue
        rpr = ppr.find(qn("a:defRPr"))
        rpr.set("sz", str(sizes.get(level, 1600)))
        rpr.set("lang", "nb-NO")
        for child in list(rpr):
            if child.tag == qn("a:solidFill"):
                rpr.remove(child)
        rpr.insert(0, _el(f'<a:solidFill <NS>><a:srgbClr val="{COLOURS["tekst"]}"/></a:solidFill>'))
        for tag in ("a:buClr", "a:buFont", "a:buChar", "a:spcBef"):
            old = ppr.find(qn(tag))
            if old is not None:
                ppr.remove(old)
        ppr.insert(
            0, _el(f'<a:spcBef <NS>><a:spcPts val="{600 if level == 1 else 300}"/></a:spcBef>')
        )
        ppr.insert(1, _el(f'<a:buClr <NS>><a:srgbClr val="{COLOURS["primær"]}"/></a:buClr>'))
        ppr.insert(2, _el('<a:buFont <NS> typeface="Arial"/>'))
        ppr.insert(3, _el(f'<a:buChar <NS> char="{"•" if level != 2 else "–"}"/>'))
        ppr.set("marL", str(int((0.3 + 0.35 * (level - 1)) * EMU)))
        ppr.set("indent", str(int(-0.3 * EMU)))


def _new_layout(prs: Presentation, source: object, name: str) -> object:
    """Add a copy of a layout to the master and return it."""
    master = prs.slide_master
    element = copy.deepcopy(source._element)  # type: ignore[attr-defined]
    count = len(master.slide_layouts) + 1
    partname = PackURI(f"/ppt/slideLayouts/slideLayout{count + 20}.xml")
    part = SlideLayoutPart(partname, source.part.content_type, prs.part.package, element)  # type: ignore[attr-defined]
    part.relate_to(master.part, RT.SLIDE_MASTER)
    rid = master.part.relate_to(part, RT.SLIDE_LAYOUT)
    id_list = master._element.get_or_add_sldLayoutIdLst()
    next_id = max(int(e.get("id")) for e in id_list) + 1
    id_list.append(_el(f'<p:sldLayoutId <NS> id="{next_id}" r:id="{rid}"/>'))
    element.find(qn("p:cSld")).set("name", name)
    return part.slide_layout


def build() -> bytes:
    """Build the template and return its bytes."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = W, H
    master = prs.slide_master
    _theme(master.part)
    _text_styles(master._element)
    text, dark, primary, accent = (
        COLOURS["tekst"],
        COLOURS["mørk"],
        COLOURS["primær"],
        COLOURS["aksent"],
    )
    _set_shapes(
        master._element,
        [
            placeholder(
                2,
                "Tittel",
                "title",
                None,
                (MARGIN, TITLE_Y, CONTENT_W, TITLE_H),
                anchor="b",
                bullets=False,
                prompt="Tittel",
            ),
            placeholder(3, "Tekst", "body", 1, (MARGIN, BODY_Y, CONTENT_W, BODY_H), prompt="Tekst"),
            rectangle(4, "Toppstripe", (0, 0, W, int(0.12 * EMU)), primary),
            rectangle(5, "Bunnlinje", (MARGIN, FOOT_Y - int(0.1 * EMU), CONTENT_W, 12700), primary),
            wordmark(6, (MARGIN, FOOT_Y, int(6 * EMU), FOOT_H), primary, big=False),
            slide_number(7, primary),
        ],
    )

    layouts = {layout.name: layout for layout in prs.slide_layouts}
    half = (CONTENT_W - GAP) // 2
    third = (CONTENT_W - 2 * GAP) // 3
    head_h = int(0.55 * EMU)
    title = (MARGIN, TITLE_Y, CONTENT_W, TITLE_H)

    def std_title(shape_id: int = 2) -> etree._Element:
        return placeholder(
            shape_id, "Tittel", "title", None, title, anchor="b", bullets=False, prompt="Tittel"
        )

    def body(shape_id: int, idx: int, x: int, y: int, w: int, h: int) -> etree._Element:
        return placeholder(shape_id, f"Innhold {idx}", "obj", idx, (x, y, w, h), prompt="Tekst")

    def heading(shape_id: int, idx: int, x: int, w: int) -> etree._Element:
        return placeholder(
            shape_id,
            f"Kolonnetittel {idx}",
            "body",
            idx,
            (x, BODY_Y, w, head_h),
            size=20,
            bold=True,
            colour=primary,
            bullets=False,
            anchor="b",
            prompt="Kolonnetittel",
        )

    plan = {
        "Title Slide": (
            LAYOUT_NAMES["tittel"],
            dark,
            [
                rectangle(
                    10,
                    "Elv",
                    (int(8.2 * EMU), int(-1.5 * EMU), int(7 * EMU), int(7 * EMU)),
                    primary,
                    "ellipse",
                ),
                rectangle(
                    11,
                    "Skog",
                    (int(10.6 * EMU), int(3.8 * EMU), int(4 * EMU), int(4 * EMU)),
                    COLOURS["grønn"],
                    "ellipse",
                ),
                placeholder(
                    2,
                    "Tittel",
                    "ctrTitle",
                    None,
                    (int(0.8 * EMU), int(1.6 * EMU), int(8.6 * EMU), int(1.9 * EMU)),
                    size=40,
                    bold=True,
                    colour="FFFFFF",
                    anchor="b",
                    bullets=False,
                    prompt="Tittel",
                ),
                placeholder(
                    3,
                    "Undertittel",
                    "subTitle",
                    1,
                    (int(0.8 * EMU), int(3.6 * EMU), int(8.6 * EMU), int(1.0 * EMU)),
                    size=22,
                    colour="FFFFFF",
                    bullets=False,
                    prompt="Undertittel",
                ),
                placeholder(
                    4,
                    "Dato og utvalg",
                    "body",
                    13,
                    (int(0.8 * EMU), int(4.6 * EMU), int(8.6 * EMU), int(0.6 * EMU)),
                    size=16,
                    colour="D6E4EE",
                    bullets=False,
                    prompt="Dato",
                ),
                wordmark(
                    5,
                    (int(0.8 * EMU), int(6.0 * EMU), int(6 * EMU), int(0.9 * EMU)),
                    "FFFFFF",
                    big=True,
                ),
            ],
        ),
        "Title and Content": (
            LAYOUT_NAMES["punkter"],
            None,
            [std_title(), body(3, 1, MARGIN, BODY_Y, CONTENT_W, BODY_H), slide_number(4, primary)],
        ),
        "Section Header": (
            LAYOUT_NAMES["deloverskrift"],
            primary,
            [
                rectangle(
                    10, "Stripe", (MARGIN, int(3.55 * EMU), int(1.2 * EMU), int(0.08 * EMU)), accent
                ),
                placeholder(
                    2,
                    "Tittel",
                    "title",
                    None,
                    (MARGIN, int(1.5 * EMU), CONTENT_W, int(2.0 * EMU)),
                    size=40,
                    bold=True,
                    colour="FFFFFF",
                    anchor="b",
                    bullets=False,
                    prompt="Deloverskrift",
                ),
                placeholder(
                    3,
                    "Undertittel",
                    "body",
                    1,
                    (MARGIN, int(3.8 * EMU), CONTENT_W, int(1.2 * EMU)),
                    size=22,
                    colour="FFFFFF",
                    bullets=False,
                    prompt="Undertittel",
                ),
                wordmark(5, (MARGIN, FOOT_Y, int(6 * EMU), FOOT_H), "FFFFFF", big=False),
                slide_number(4, "FFFFFF"),
            ],
        ),
        "Two Content": (
            LAYOUT_NAMES["to_kolonner"],
            None,
            [
                std_title(),
                body(3, 1, MARGIN, BODY_Y, half, BODY_H),
                body(4, 2, MARGIN + half + GAP, BODY_Y, half, BODY_H),
                slide_number(5, primary),
            ],
        ),
        "Comparison": (
            LAYOUT_NAMES["to_kolonner_med_titler"],
            None,
            [
                std_title(),
                heading(3, 1, MARGIN, half),
                body(4, 2, MARGIN, BODY_Y + head_h, half, BODY_H - head_h),
                heading(5, 3, MARGIN + half + GAP, half),
                body(6, 4, MARGIN + half + GAP, BODY_Y + head_h, half, BODY_H - head_h),
                slide_number(7, primary),
            ],
        ),
        "Title Only": (LAYOUT_NAMES["tabell"], None, [std_title(), slide_number(3, primary)]),
        "Blank": ("Tom", None, [slide_number(2, primary)]),
        "Picture with Caption": (
            LAYOUT_NAMES["bilde"],
            None,
            [
                std_title(),
                placeholder(
                    3,
                    "Bilde",
                    "pic",
                    1,
                    (MARGIN, BODY_Y, CONTENT_W, int(4.35 * EMU)),
                    prompt="Bilde",
                ),
                placeholder(
                    4,
                    "Bildetekst",
                    "body",
                    2,
                    (MARGIN, int(5.95 * EMU), CONTENT_W, int(0.6 * EMU)),
                    size=14,
                    colour=text,
                    bullets=False,
                    align="ctr",
                    prompt="Bildetekst",
                ),
                slide_number(5, primary),
            ],
        ),
    }
    for english, layout in layouts.items():
        if english not in plan:
            _remove_layout(prs, layout)
            continue
        name, background, shapes = plan[english]
        layout._element.find(qn("p:cSld")).set("name", name)
        _set_shapes(layout._element, shapes)
        _set_background(layout._element, background)
        if background:
            _hide_master_shapes(layout._element)

    three = _new_layout(prs, layouts["Two Content"], LAYOUT_NAMES["tre_kolonner"])
    _set_shapes(
        three._element,
        [std_title()]
        + [body(3 + i, i + 1, MARGIN + i * (third + GAP), BODY_Y, third, BODY_H) for i in range(3)]
        + [slide_number(6, primary)],
    )
    closing = _new_layout(prs, layouts["Title Slide"], LAYOUT_NAMES["avslutning"])
    _set_shapes(
        closing._element,
        [
            rectangle(
                10,
                "Elv",
                (int(-2.0 * EMU), int(3.5 * EMU), int(8 * EMU), int(8 * EMU)),
                primary,
                "ellipse",
            ),
            rectangle(
                11,
                "Skog",
                (int(10.0 * EMU), int(-1.6 * EMU), int(4.5 * EMU), int(4.5 * EMU)),
                COLOURS["grønn"],
                "ellipse",
            ),
            placeholder(
                2,
                "Tittel",
                "ctrTitle",
                None,
                (int(1.5 * EMU), int(2.0 * EMU), W - int(3 * EMU), int(1.6 * EMU)),
                size=44,
                bold=True,
                colour="FFFFFF",
                anchor="ctr",
                align="ctr",
                bullets=False,
                prompt="Tittel",
            ),
            placeholder(
                3,
                "Undertittel",
                "subTitle",
                1,
                (int(1.5 * EMU), int(3.7 * EMU), W - int(3 * EMU), int(0.9 * EMU)),
                size=22,
                colour="FFFFFF",
                align="ctr",
                bullets=False,
                prompt="Undertittel",
            ),
            wordmark(
                5,
                (int(7.2 * EMU), int(6.0 * EMU), int(5.4 * EMU), int(0.9 * EMU)),
                "FFFFFF",
                big=True,
            ),
        ],
    )
    _set_background(closing._element, dark)
    _hide_master_shapes(closing._element)

    for element in (prs.part._element, master._element):
        for rpr in element.iter(qn("a:defRPr")):
            rpr.set("lang", "nb-NO")
    buffer = io.BytesIO()
    set_core_properties(
        prs.core_properties,
        f"{CONFIG['kommune']} – PowerPoint-mal",
        CONFIG["kommune"],
        "",
        dt.date(2024, 1, 1),
    )
    prs.save(buffer)
    return normalise_zip(buffer.getvalue())


def _remove_layout(prs: Presentation, layout: object) -> None:
    master = prs.slide_master
    id_list = master._element.get_or_add_sldLayoutIdLst()
    for entry in list(id_list):
        rid = entry.get(qn("r:id"))
        if master.part.related_part(rid) is layout.part:  # type: ignore[attr-defined]
            id_list.remove(entry)
            master.part.drop_rel(rid)


if __name__ == "__main__":
    target = HERE / "mal.pptx"
    target.write_bytes(build())
    print(
        f"skrev {target.relative_to(Path.cwd()) if target.is_relative_to(Path.cwd()) else target}",
        file=sys.stderr,
    )
