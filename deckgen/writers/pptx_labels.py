"""A chart point's data label written as its own text, in one size, weight and colour."""

from __future__ import annotations

from typing import Any

from pptx.dml.color import RGBColor
from pptx.util import Pt


def write_label(
    label: Any, text: str, size: float, colour: str, bold: bool = False, position: Any = None
) -> None:
    """Give a data label its text (the table's own «14,6 %») and its look.

    The look is set on the text's run, which PowerPoint and LibreOffice Impress read; see
    `series_look` for LibreOffice Writer.
    """
    label.has_text_frame = True
    label.text_frame.text = text
    _look(label.text_frame.paragraphs[0].runs[0].font, size, colour, bold)
    if position is not None:
        label.position = position


def series_look(plot_series: Any, size: float, colour: str, bold: bool = False) -> None:
    """The look of a series' labels as a whole: LibreOffice Writer (a chart in a .docx) reads
    only this, not each label's own run, and would otherwise draw every label black."""
    _look(plot_series.data_labels.font, size, colour, bold)


def _look(font: Any, size: float, colour: str, bold: bool) -> None:
    """Size, weight and colour of a label font."""
    font.size = Pt(size)
    font.bold = bold
    font.color.rgb = RGBColor.from_string(colour)
