"""Helpers for tests: read back a built .pptx as plain structure."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER


@dataclass
class SlideView:
    """What a test needs to see of one slide."""

    layout: str
    title: str
    texts: list[str]
    tables: list[list[list[str]]]
    pictures: list[str]
    notes: str
    charts: list[list[str]] = field(default_factory=list)
    """Each chart's data labels, series by series, as the slide shows them."""


def view(path: Path) -> list[SlideView]:
    """Every slide's layout name, title, other texts, table cells, picture alt texts and notes."""
    slides = []
    for slide in Presentation(str(path)).slides:
        title = slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""
        texts, tables, pictures, charts = [], [], [], []
        for shape in slide.shapes:
            if shape.is_placeholder and shape.placeholder_format.type in (
                PP_PLACEHOLDER.TITLE,
                PP_PLACEHOLDER.CENTER_TITLE,
                PP_PLACEHOLDER.SLIDE_NUMBER,
            ):
                continue
            if shape.has_text_frame and shape.text_frame.text:
                texts.append(shape.text_frame.text)
            if shape.has_table:
                tables.append([[c.text for c in row.cells] for row in shape.table.rows])
            if shape.has_chart:
                charts.append(chart_labels(shape.chart))
            if shape.shape_type == 13:  # picture
                pictures.append(shape._element.nvPicPr.cNvPr.get("descr"))
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        slides.append(
            SlideView(slide.slide_layout.name, title, texts, tables, pictures, notes, charts)
        )
    return slides


def chart_labels(chart: Any) -> list[str]:
    """A chart's data label texts in document order (each point's own text)."""
    space = chart._chartSpace
    return [str(t) for t in space.xpath(".//c:dLbl/c:tx/c:rich//a:t/text()")]


A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


@dataclass
class ShapeBox:
    """A shape's name, kind, text and position in EMU."""

    name: str
    kind: str
    text: str
    left: int
    top: int
    width: int
    height: int

    @property
    def bottom(self) -> int:
        """The lower edge (for a table: the sum of its row heights)."""
        return self.top + self.height


def boxes(path: Path, number: int) -> list[ShapeBox]:
    """The shapes of slide `number` (1-based) with their positions; tables measured by rows."""
    slide = Presentation(str(path)).slides[number - 1]
    out = []
    for shape in slide.shapes:
        if shape.is_placeholder and shape.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER:
            continue
        if shape.has_table:
            kind = "table"
            text = "\n".join("\t".join(c.text for c in row.cells) for row in shape.table.rows)
            height = sum(int(row.height) for row in shape.table.rows)
        else:
            kind = "picture" if shape.shape_type == 13 else "text"
            text = shape.text_frame.text if shape.has_text_frame else ""
            height = int(shape.height)
        out.append(
            ShapeBox(
                shape.name, kind, text, int(shape.left), int(shape.top), int(shape.width), height
            )
        )
    return out


def paragraphs_xml(path: Path, number: int) -> list[tuple[str, str, str | None]]:
    """Per paragraph of slide `number` with text: (text, bullet kind, startAt).

    The bullet kind is the a:buAutoNum type, "none" for a:buNone, or "" for the layout's bullet.
    """
    slide = Presentation(str(path)).slides[number - 1]
    out: list[tuple[str, str, str | None]] = []
    for paragraph in slide._element.iter(f"{A}p"):
        text = "".join(t.text or "" for t in paragraph.iter(f"{A}t"))
        if not text:
            continue
        kind, start = "", None
        ppr = paragraph.find(f"{A}pPr")
        if ppr is not None and ppr.find(f"{A}buAutoNum") is not None:
            auto = ppr.find(f"{A}buAutoNum")
            kind, start = auto.get("type"), auto.get("startAt")
        elif ppr is not None and ppr.find(f"{A}buNone") is not None:
            kind = "none"
        out.append((text, kind, start))
    return out


def hyperlinks(path: Path, number: int) -> list[tuple[str, str]]:
    """The linked runs of slide `number`: (shown text, external target address)."""
    slide = Presentation(str(path)).slides[number - 1]
    rels = slide.part.rels
    out = []
    for run in slide._element.iter(f"{A}r"):
        click = run.find(f"{A}rPr/{A}hlinkClick")
        if click is None:
            continue
        rel = rels[click.get(R_ID)]
        assert rel.is_external
        out.append((run.find(f"{A}t").text or "", rel.target_ref))
    return out


@dataclass
class TableCell:
    """One drawn table cell: its text, font size and weight of its first run, column width."""

    text: str
    size: float
    bold: bool
    width: int


@dataclass
class TableView:
    """A drawn table: its cells row by row, its row heights, and the fill and top line per row."""

    cells: list[list[TableCell]]
    heights: list[int]
    fills: list[str]
    top_lines: list[str | None]


def tables(path: Path, number: int) -> list[TableView]:
    """The tables of slide `number` (1-based) with sizes, weights, widths, fills and top lines."""
    slide = Presentation(str(path)).slides[number - 1]
    out = []
    for shape in slide.shapes:
        if not shape.has_table:
            continue
        grid = shape.table
        widths = [int(c.width) for c in grid.columns]
        cells, fills, lines = [], [], []
        for row in grid.rows:
            drawn = []
            for column, cell in enumerate(row.cells):
                runs = [r for p in cell.text_frame.paragraphs for r in p.runs]
                size = runs[0].font.size.pt if runs and runs[0].font.size else 0.0
                bold = bool(runs and runs[0].font.bold)
                drawn.append(TableCell(cell.text, size, bold, widths[column]))
            cells.append(drawn)
            tc_pr = row.cells[0]._tc.tcPr
            fill = tc_pr.find(f"{A}solidFill/{A}srgbClr") if tc_pr is not None else None
            top = tc_pr.find(f"{A}lnT/{A}solidFill/{A}srgbClr") if tc_pr is not None else None
            fills.append(fill.get("val") if fill is not None else "")
            lines.append(top.get("val") if top is not None else None)
        heights = [int(r.height) for r in grid.rows]
        out.append(TableView(cells, heights, fills, lines))
    return out
