"""Charts in Word: the deck's own native chart, drawn by the PowerPoint writer on a scratch
slide and carried into the .docx as a chart part with its workbook, so the chapter shows the
same chart (labels, colours, target line) and «Rediger data» works in Word too."""

from __future__ import annotations

from typing import Any

from docx.shared import Cm, Length

from deckgen.brand import Brand
from deckgen.model import Chart, ChartKind
from deckgen.writers import docx_xml

WORD_TEXT_PT = 10
"""Chart text in Word, beside 11 pt body text (the deck's is larger, for the distance)."""
HEIGHT_CM = 8.5
"""Height of a chart in the text."""
BAR_CM = 0.55
"""Height per bar of a bar chart (a category's bars side by side), so many stay readable."""
MAX_HEIGHT_CM = 20
"""No taller than most of a page."""
FALLBACK_WIDTH_CM = 15
"""Width when the template's page setup does not give the text width."""
BLANK_LAYOUT = 6
"""The empty layout of python-pptx's own template, for the scratch slide."""


def add_chart(doc: Any, paragraph: Any, chart: Chart, brand: Brand) -> None:
    """Draw the chart into the paragraph, the text's width wide, with its alt text."""
    size = (text_width(doc), chart_height(chart))
    from deckgen.writers.pptx_chart import TEXT_PT  # python-pptx only when there is a chart

    chart_xml, workbook = drawn_chart(chart, brand, size)
    alt = "\n".join([chart.description or chart.title, *data_lines(chart)])
    docx_xml.append_chart(paragraph, chart_xml, workbook, size, alt, WORD_TEXT_PT / TEXT_PT)


def data_lines(chart: Chart) -> list[str]:
    """The chart's figures as text for screen readers (a report has no speaker notes): the
    summary the deck's notes get, without the title the alt text already starts with."""
    lines = chart.summary().splitlines()
    return lines[1:] if chart.title else lines


def drawn_chart(chart: Chart, brand: Brand, size: tuple[int, int]) -> tuple[bytes, bytes]:
    """The chart part's XML and its embedded workbook, drawn exactly as on a slide."""
    from pptx import Presentation

    from deckgen.writers.pptx_chart import draw_chart

    deck = Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[BLANK_LAYOUT])
    draw_chart(slide, chart, (0, 0, *size), brand)
    frame = next(shape for shape in slide.shapes if shape.has_chart)
    part = frame.chart_part
    return part.blob, part.chart_workbook.xlsx_part.blob


def text_width(doc: Any) -> int:
    """The width between the margins of the document's last section, in EMU."""
    section = doc.sections[-1]
    parts = (section.page_width, section.left_margin, section.right_margin)
    if any(part is None for part in parts):
        return int(Cm(FALLBACK_WIDTH_CM))
    return int(parts[0] - parts[1] - parts[2])


def chart_height(chart: Chart) -> Length:
    """About 8.5 cm; a bar chart grows with its bars."""
    if chart.kind is not ChartKind.BAR:
        return Cm(HEIGHT_CM)
    bars = len(chart.categories) * max(1, sum(not s.target for s in chart.series))
    return Cm(min(MAX_HEIGHT_CM, max(HEIGHT_CM, 2 + BAR_CM * bars)))
