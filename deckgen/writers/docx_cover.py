"""The cover page of a report: the brand's wordmark, then a colour field with title, subtitle,
municipality and date, drawn with Word's paragraph shading so it stays text (read in order,
tagged in a PDF) and not a picture or a layout table."""

from __future__ import annotations

from typing import Any

from docx.document import Document
from docx.shared import Pt, RGBColor

from deckgen.brand import Brand
from deckgen.colours import readable, text_colour, text_on
from deckgen.model import Report
from deckgen.numbers import format_date
from deckgen.writers import docx_xml
from deckgen.writers.docx_styles import Styles

MARK_PT = 14
"""Text size of the wordmark at the top of the cover."""
FIELD_TOP_PT = 150
"""Space between the wordmark and the colour field."""
FIELD_SPACE_PT = (24, 14)
"""Room between the colour field's edge and its text: top and bottom, left and right."""
META_PT = 12
"""Text size of the municipality and date in the colour field."""


def write_cover(doc: Document, styles: Styles, brand: Brand, report: Report) -> None:
    """The cover at the start of the document; the table of contents starts a new page."""
    mark = doc.add_paragraph(style=styles("brødtekst"))
    run = mark.add_run(brand.ordmerke)
    run.bold = True
    run.font.size = Pt(MARK_PT)
    run.font.color.rgb = RGBColor.from_string(
        text_colour(brand.farger.primær, "FFFFFF", MARK_PT, bold=True)
    )
    if brand.slagord:
        tagline = mark.add_run(f" – {brand.slagord}")
        tagline.font.size = Pt(MARK_PT)
    fill = brand.word.forside_farge or brand.farger.primær
    on_fill = readable(text_on(fill, brand.farger.tekst), fill)
    lines: list[tuple[Any, str, int | None]] = [(styles("tittel"), report.title, None)]
    if report.subtitle:
        lines.append((styles("undertittel"), report.subtitle, None))
    meta = f"{brand.kommune} · {format_date(report.date)}"
    lines.append((styles("brødtekst"), meta, META_PT))
    for index, (style, text, size) in enumerate(lines):
        paragraph = doc.add_paragraph(style=style)
        written = paragraph.add_run(text)
        written.font.color.rgb = RGBColor.from_string(on_fill)
        if size is not None:
            written.font.size = Pt(size)
        paragraph.paragraph_format.keep_with_next = index < len(lines) - 1
        if index == 0:
            paragraph.paragraph_format.space_before = Pt(FIELD_TOP_PT)
        docx_xml.shade_paragraph(paragraph, fill, FIELD_SPACE_PT)
