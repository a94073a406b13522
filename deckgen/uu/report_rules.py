"""Accessibility rules for a rendered Word document (a report or a deck's chapter).

Headings, alt text and links are checked on the model, where each block knows its source
line; the document's title and language, table header rows and text colours on the .docx
as it was rendered.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import Any

from lxml import etree

from deckgen.errors import SourceLocation
from deckgen.model import (
    Block,
    Chart,
    Column,
    Columns,
    Diagram,
    FactBox,
    Heading,
    Paragraph,
    Picture,
    Report,
    Schedule,
    Table,
    Text,
)
from deckgen.uu import contrast, names
from deckgen.uu.finding import Finding

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
DEFAULT_HALF_POINTS = 22
WHITE = "FFFFFF"


def report_findings(report: Report, data: bytes, file: str) -> list[Finding]:
    """Every finding in a rendered Word document made from report; file is its name."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        body = etree.fromstring(package.read("word/document.xml"))
        styles = etree.fromstring(package.read("word/styles.xml"))
        core = etree.fromstring(package.read("docProps/core.xml"))
    found = names.document_properties(
        _core(core, "title"), _core(core, "language"), report.location, file
    )
    default = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    if not any(f.rule == names.MISSING_LANGUAGE for f in found):
        text_language = _val(default, "") if default is not None else ""
        found += names.document_properties(
            "-", text_language, report.location, f"{file} (standardspråket for teksten)"
        )
    found += _headings(report, file)
    placed = list(_placed(report.blocks, file))
    for block, place in placed:
        found += _alt_text(block, place)
    for block, place in placed:
        found += names.link_findings(block_paragraphs(block), place)
    for note in report.footnotes.values():
        found += names.link_findings(note, file)
    found += _tables(report, body, file, placed)
    found += _contrast(body, styles, report.location, file)
    return found


def _core(core: Any, name: str) -> str:
    """A core property's text (dc:title, dc:language), or empty."""
    for element in core:
        if etree.QName(element).localname == name:
            return str(element.text or "")
    return ""


def _placed(blocks: list[Block], file: str) -> Iterator[tuple[Block, str]]:
    """Each block with the place it is in: the file and the heading it comes under."""
    heading = ""
    for block in blocks:
        if isinstance(block, Heading):
            heading = block.text
        yield block, f"{file}, under «{heading}»" if heading else file


def _headings(report: Report, file: str) -> list[Finding]:
    """Headings more than one level below the one before them (the first must be level 1)."""
    found, previous = [], 0
    for block, place in _placed(report.blocks, file):
        if not isinstance(block, Heading):
            continue
        if block.level > previous + 1:
            marks = "#" * (previous + 1)
            found.append(
                Finding(
                    names.SKIPPED_HEADING,
                    f"«{block.text}» er overskrift på nivå {block.level}, men "
                    f"{'forrige er på nivå ' + str(previous) if previous else 'det er den første'}"
                    f"; bruk {marks} (nivå {previous + 1}) eller sett inn overskriften imellom",
                    block.location,
                    place,
                )
            )
        previous = block.level
    return found


def _alt_text(block: Block, place: str) -> list[Finding]:
    """A picture or chart without alt text, or a decorative picture with it."""
    if isinstance(block, Picture):
        if block.decorative and block.alt_text.strip():
            return [
                Finding(
                    names.DECORATIVE_DESCRIBED,
                    f"bildet «{block.path.name}» er merket dekorativt, men har alternativ tekst; "
                    "ta bort {.dekorativ} eller alternativteksten",
                    block.location,
                    place,
                )
            ]
        if not block.decorative and not block.alt_text.strip():
            what = f"bildet «{block.path.name}»"
            return [_missing(what, "skriv hva det viser i ![…](fil)", block.location, place)]
    if isinstance(block, Chart) and not (block.description or block.title).strip():
        return [_missing("diagrammet", "skriv beskrivelse: i diagramfilen", block.location, place)]
    return []


def _missing(what: str, fix: str, location: SourceLocation | None, place: str) -> Finding:
    """A missing alt text finding."""
    return Finding(
        names.MISSING_ALT_TEXT,
        f"{what} har ingen alternativ tekst; {fix}, eller merk et rent pyntebilde med "
        "{.dekorativ}",
        location,
        place,
    )


def block_paragraphs(block: Block | Columns) -> Iterator[Paragraph]:
    """The paragraphs of text in one block (links live in them), each with its source line."""
    if isinstance(block, Text | FactBox):
        yield from block.paragraphs
    elif isinstance(block, Table):
        for row in [block.header, *(r.cells for r in block.rows)]:
            yield from (Paragraph(c.runs, location=block.location) for c in row if c.runs)
    elif isinstance(block, Schedule):
        yield from (Paragraph(e.what, location=e.location) for e in block.entries)
    elif isinstance(block, Diagram):
        yield from (Paragraph(s.text, location=s.location) for s in block.steps)
    elif isinstance(block, Columns):
        for column in block.columns:
            yield from _column_paragraphs(column)


def _column_paragraphs(column: Column) -> Iterator[Paragraph]:
    """The paragraphs of one column of a slide."""
    for block in column.blocks:
        yield from block_paragraphs(block)


def _tables(report: Report, body: Any, file: str, placed: list[tuple[Block, str]]) -> list[Finding]:
    """Tables whose first row is not a header row that repeats, or has merged cells."""
    tables = [(b, p) for b, p in placed if isinstance(b, Table)]
    grids = body.findall(f"{W}body/{W}tbl")
    found = []
    for number, grid in enumerate(grids):
        block, place = tables[number] if len(tables) == len(grids) else (None, file)
        location = block.location if isinstance(block, Table) else report.location
        first = grid.find(f"{W}tr")
        if (
            first is None
            or first.find(f"{W}trPr/{W}tblHeader") is None
            or not "".join(t.text or "" for t in first.iter(f"{W}t")).strip()  # all empty
        ):
            found.append(Finding(names.NO_HEADER_ROW, names.NO_HEADER_ROW_FIX, location, place))
            continue
        props = [cell.find(f"{W}tcPr") for cell in first.findall(f"{W}tc")]
        if any(
            p is not None
            and (p.find(f"{W}vMerge") is not None or int(_val(p.find(f"{W}gridSpan"), "1")) > 1)
            for p in props
        ):
            found.append(Finding(names.MERGED_HEADER, names.MERGED_HEADER_FIX, location, place))
    return found


def _val(element: Any, default: str) -> str:
    """An element's w:val, or default when there is none."""
    return default if element is None else str(element.get(f"{W}val", default))


class _Styles:
    """Paragraph and run properties a style passes on (colour, size, weight, shading)."""

    def __init__(self, styles: Any) -> None:
        self.by_id = {s.get(f"{W}styleId"): s for s in styles.findall(f"{W}style")}
        self.defaults = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")

    def chain(self, style_id: str | None) -> list[Any]:
        """The style and the styles it is based on, nearest first."""
        chain, seen = [], set()
        while style_id and style_id in self.by_id and style_id not in seen:
            seen.add(style_id)
            style = self.by_id[style_id]
            chain.append(style)
            based = style.find(f"{W}basedOn")
            style_id = based.get(f"{W}val") if based is not None else None
        return chain


def _contrast(body: Any, styles_xml: Any, location: SourceLocation, file: str) -> list[Finding]:
    """Text whose colour is too close to the shading behind it; once per colour pair."""
    styles = _Styles(styles_xml)
    found, seen = [], set()
    for paragraph in body.iter(f"{W}p"):
        style = paragraph.find(f"{W}pPr/{W}pStyle")
        chain = styles.chain(_val(style, "") or "Normal")
        behind = _background(paragraph, chain)
        for run in paragraph.iter(f"{W}r"):
            text = "".join(t.text or "" for t in run.iter(f"{W}t"))
            if not text.strip():
                continue
            look = _look(run, chain, styles, behind)
            if look is None:
                continue
            key = (look.colour, look.background, contrast.needed(look.size_pt, look.bold))
            if key in seen or not look.too_low():
                continue
            seen.add(key)
            message = f"{look.message()} («{text.strip()[:40]}»)"
            found.append(Finding(contrast.RULE, message, location, file))
    return found


def _background(paragraph: Any, chain: list[Any]) -> str:
    """The shading behind a paragraph: its table cell's, its own, its style's, else white."""
    cell = next(paragraph.iterancestors(f"{W}tc"), None)
    places = [
        cell.find(f"{W}tcPr/{W}shd") if cell is not None else None,
        paragraph.find(f"{W}pPr/{W}shd"),
        *(style.find(f"{W}pPr/{W}shd") for style in chain),
    ]
    for shading in places:
        fill = shading.get(f"{W}fill") if shading is not None else None
        if fill and fill != "auto":
            return fill.upper()
    return WHITE


def _look(run: Any, chain: list[Any], styles: _Styles, behind: str) -> contrast.TextColour | None:
    """A run's colour, size and weight; None when its colour is automatic (Word picks it)."""
    own = run.find(f"{W}rPr")
    character = styles.chain(_val(own.find(f"{W}rStyle"), "")) if own is not None else []
    props = [own, *(s.find(f"{W}rPr") for s in [*character, *chain]), styles.defaults]
    props = [p for p in props if p is not None]
    colour = next(
        (_val(p.find(f"{W}color"), "") for p in props if p.find(f"{W}color") is not None), ""
    )
    if not colour or colour == "auto":
        return None
    size = next(
        (int(_val(p.find(f"{W}sz"), "0")) for p in props if p.find(f"{W}sz") is not None), 0
    )
    bold = next(
        (
            _val(p.find(f"{W}b"), "1") not in ("0", "false")
            for p in props
            if p.find(f"{W}b") is not None
        ),
        False,
    )
    return contrast.TextColour(colour.upper(), behind, (size or DEFAULT_HALF_POINTS) / 2, bold)
